// Types of @candidacy/widget: the <candidacy-quiz> element, its attributes, properties, methods
// and events. Importing the package (`import "@candidacy/widget"`) defines the element; these
// declarations also type `document.querySelector("candidacy-quiz")` and the element's events
// wherever the package's types are loaded (`import type {} from "@candidacy/widget"`).

/**
 * A recommendation's headline, as the protocol and `candidacy evaluate` write it:
 * a treatment path, "postpone", "see a clinician first" or "not a candidate".
 */
export type CandidacyOutcome = "candidate" | "postpone" | "consult" | "not_candidate";

/** Where the quiz opens: its welcome screen, or the first question (the welcome's statements move onto it). */
export type CandidacyStart = "welcome" | "first-question";

/** How the quiz sits on the page: in the page's flow, or behind a launcher button that opens a modal dialog. */
export type CandidacyMode = "inline" | "popup";

/** When the widget's code loads: with the page, or once the element is within about one screen (popup: on the launcher's hover, focus or press). */
export type CandidacyLoading = "eager" | "lazy";

/** A control the page hears about: the booking link, the phone link, or Print. */
export type CandidacyAction = "book" | "call" | "print";

/**
 * Why the clinic's phone and booking link are shown instead of the quiz:
 * `network`, the widget's files could not be fetched;
 * `integrity`, a file did not match the release's integrity hash;
 * `protocol`, the protocol could not be fetched or is invalid;
 * `crash`, the widget stopped.
 */
export type CandidacyFallbackCause = "network" | "integrity" | "protocol" | "crash";

/** Every attribute the element reads, in the order of its `observedAttributes`. */
export type CandidacyAttributeName =
  | "protocol"
  | "booking-url"
  | "phone"
  | "clinic-name"
  | "locale"
  | "primary"
  | "accent"
  | "radius"
  | "start"
  | "prefill"
  | "share-answers"
  | "analytics"
  | "lead-endpoint"
  | "cta"
  | "cta-attribution"
  | "analytics-outcome"
  | "test-mode"
  | "forget-on-complete"
  | "hidden-fields"
  | "forget-after"
  | "mode"
  | "launcher-text"
  | "loading";

/** The switches: boolean attributes, on when present (`<candidacy-quiz share-answers>`). */
export type CandidacySwitchAttributeName =
  | "share-answers"
  | "analytics"
  | "cta-attribution"
  | "analytics-outcome"
  | "test-mode"
  | "forget-on-complete";

/** The public CSS custom properties, settable on the element or any ancestor. */
export type CandidacyCustomProperty =
  | "--candidacy-primary"
  | "--candidacy-primary-hover"
  | "--candidacy-on-primary"
  | "--candidacy-accent"
  | "--candidacy-text"
  | "--candidacy-muted"
  | "--candidacy-surface"
  | "--candidacy-border"
  | "--candidacy-error"
  | "--candidacy-focus"
  | "--candidacy-radius"
  | "--candidacy-target"
  | "--candidacy-font";

/** A result's main button: its label (1 to 80 characters) and where it goes (`https:` or `http:`). */
export interface CandidacyCallToAction {
  label: string;
  url: string;
}

/**
 * The result's main button per outcome, replacing "Book a consultation" to `booking-url`;
 * an outcome left out keeps that button.
 * @example { consult: { label: "Book a free consultation", url: "https://clinic.example/book?type=consultation" } }
 */
export type CandidacyCallsToAction = Partial<Record<CandidacyOutcome, CandidacyCallToAction>>;

/**
 * One answer, as `candidacy evaluate` reads it: an option id (single choice), a list of option
 * ids (multiple choice), `true`, `false` or `"unsure"` (yes/no), or a number.
 */
export type CandidacyAnswer = string | string[] | boolean | number;

/** Answers by question id. */
export type CandidacyAnswers = Record<string, CandidacyAnswer>;

/**
 * Answers set from the page, by question id, for questions that screen nothing (the visitor
 * still sees the question, its answer selected); a screening question's prefill is ignored
 * with a console warning.
 * @example { concerns: ["acne_scars"] }
 */
export type CandidacyPrefill = Record<string, string | string[] | boolean | number>;

/**
 * Clinic-defined values carried only into the lead the visitor chooses to send, never into
 * events, the dataLayer or URLs.
 * Keys are 1 to 40 characters, a letter then letters, digits, `_` or `-`; at most 20 fields;
 * values are strings of at most 200 characters. One field out of these bounds drops them all,
 * with a console warning naming `hidden-fields`.
 * @example { campaign: "spring", landing: "a" }
 */
export type CandidacyHiddenFields = Record<string, string>;

/** The campaign parameter names kept from the host page's URL for the tab's session. */
export type CandidacyAttributionKey =
  | "utm_source"
  | "utm_medium"
  | "utm_campaign"
  | "utm_term"
  | "utm_content"
  | "gclid"
  | "fbclid"
  | "msclkid";

/** The page's campaign parameters (each at most 200 characters); no health data. */
export type CandidacyAttribution = Partial<Record<CandidacyAttributionKey, string>>;

/** The protocol on screen: its `id` and `version`. */
export interface CandidacyProtocolRef {
  id: string;
  version: string;
}

/** The usual treatment plan: sessions and weeks between them. */
export interface CandidacyPlan {
  sessionsMin: number;
  sessionsMax: number;
  intervalWeeksMin: number;
  intervalWeeksMax: number;
}

/** What every quiz event but `ready`, `close` and `fallback` carries. */
export interface CandidacyEventDetailBase {
  /** The protocol on screen. */
  protocol: CandidacyProtocolRef;
  /** Present when the element has `test-mode`. */
  test?: true;
}

/** `candidacy:ready`: the quiz is on screen with its protocol. */
export interface CandidacyReadyDetail {
  protocol: CandidacyProtocolRef;
  /** The language shown, among the protocol's (`en`, `es`...). */
  locale: string;
}

/** `candidacy:start`: the visitor pressed Start (or, without a welcome screen, answered the first question). */
export interface CandidacyStartDetail extends CandidacyEventDetailBase {
  /** The page's campaign parameters, when it had any. */
  attribution?: CandidacyAttribution;
  /** The answers so far; only with `share-answers` (health data). */
  answers?: CandidacyAnswers;
}

/** `candidacy:step`: a question is shown; only with `share-answers` (the steps follow the answers). */
export interface CandidacyStepDetail extends CandidacyEventDetailBase {
  questionId: string;
  /** The question's number along the visitor's path, from 1. */
  index: number;
  /** About how many questions the path has. */
  ofAbout: number;
  /** The answers so far; only with `share-answers` (health data). */
  answers?: CandidacyAnswers;
}

/** `candidacy:complete`: a result is shown. */
export interface CandidacyCompleteDetail extends CandidacyEventDetailBase {
  /** Only with `analytics-outcome` or `share-answers`: an outcome is a health finding. */
  outcome?: CandidacyOutcome;
  /** The usual plan (for `candidate`, and as the usual plan for `consult`), else `null`; with `outcome` only. */
  plan?: CandidacyPlan | null;
  /** The ids of the rules behind the outcome; only with `share-answers`. */
  reasons?: string[];
  /** Every answer; only with `share-answers` (health data). */
  answers?: CandidacyAnswers;
  /** The page's campaign parameters, when it had any. */
  attribution?: CandidacyAttribution;
}

/** `candidacy:action`: the visitor followed the booking link or the phone link, or printed. */
export interface CandidacyActionDetail extends CandidacyEventDetailBase {
  action: CandidacyAction;
}

/** `candidacy:close`: the popup's dialog closed (empty). */
export type CandidacyCloseDetail = Record<string, never>;

/** `candidacy:fallback`: the clinic's contact details are shown instead of the quiz. */
export interface CandidacyFallbackDetail {
  cause: CandidacyFallbackCause;
}

/** `candidacy:lead-sent`: the visitor's consented "Send my results to the clinic" request succeeded. */
export interface CandidacyLeadSentDetail extends CandidacyEventDetailBase {}

/**
 * The element's events: `CustomEvent`s that bubble and cross the shadow root (`composed`), so a
 * listener on the element, the document or the window hears them. Names keep their colon.
 * None carries an answer or a reason unless the clinic set `share-answers`.
 */
export interface CandidacyEventMap {
  /** The quiz is on screen with its protocol. */
  "candidacy:ready": CustomEvent<CandidacyReadyDetail>;
  /** The visitor began the quiz. */
  "candidacy:start": CustomEvent<CandidacyStartDetail>;
  /** A question is shown. */
  "candidacy:step": CustomEvent<CandidacyStepDetail>;
  /** A result is shown. */
  "candidacy:complete": CustomEvent<CandidacyCompleteDetail>;
  /** The visitor booked, called or printed. */
  "candidacy:action": CustomEvent<CandidacyActionDetail>;
  /** The popup's dialog closed. */
  "candidacy:close": CustomEvent<CandidacyCloseDetail>;
  /** The clinic's contact details are shown instead of the quiz, and why. */
  "candidacy:fallback": CustomEvent<CandidacyFallbackDetail>;
  /** The visitor's results reached the clinic's `lead-endpoint`. */
  "candidacy:lead-sent": CustomEvent<CandidacyLeadSentDetail>;
}

/** The element's events together with every HTML element's. */
export interface CandidacyQuizElementEventMap extends HTMLElementEventMap, CandidacyEventMap {}

/**
 * `<candidacy-quiz>`: the treatment-candidacy quiz, mounted in an open shadow root.
 *
 * Every property reflects its attribute: setting `null` or `undefined` removes the attribute;
 * a value of the wrong type is refused with a console warning naming the property and changes
 * nothing. Setting a property or an attribute remounts the widget with the new value and keeps
 * the visitor's answers (saved for the tab's session). Reading a property or calling a method
 * the element does not have logs a console warning naming it.
 */
export interface CandidacyQuizElement extends HTMLElement {
  /** The release version, e.g. `"0.1.0"`. */
  readonly version: string;

  /** `protocol`: URL of a protocol JSON (relative to the page, or `https:`); `null` for the built-in microneedling protocol. */
  get protocol(): string | null;
  set protocol(value: string | null | undefined);
  /** `booking-url`: the booking page (`https:` or `http:` only); `null` for no booking link. */
  get bookingUrl(): string | null;
  set bookingUrl(value: string | null | undefined);
  /** `phone`: the clinic's phone, shown and linked as `tel:` (digits, spaces, `+ - ( ) .`). */
  get phone(): string | null;
  set phone(value: string | null | undefined);
  /** `clinic-name`: the clinic's name, in the texts and the fallback; `null` for "the clinic". */
  get clinicName(): string | null;
  set clinicName(value: string | null | undefined);
  /** `locale`: the language to show (`es`, `es-MX`) among the protocol's; `null` for the page's `lang`, else the browser's, else `en`. */
  get locale(): string | null;
  set locale(value: string | null | undefined);
  /** `primary`: main colour (buttons, links), any CSS colour; `null` for `#0d5c69`. */
  get primary(): string | null;
  set primary(value: string | null | undefined);
  /** `accent`: highlight colour (result and plan borders); `null` for the primary colour. */
  get accent(): string | null;
  set accent(value: string | null | undefined);
  /** `radius`: corner rounding, `0` or a length up to 48px (`8px`, `0.5em`); `null` for `8px`. */
  get radius(): string | null;
  set radius(value: string | null | undefined);
  /** `start`: where the quiz opens; `null` when the attribute is absent or not one of the values (then `welcome`). */
  get start(): CandidacyStart | null;
  set start(value: CandidacyStart | null | undefined);
  /** `lead-endpoint`: URL that "Send my results to the clinic" posts to; `null` for no form and no request. */
  get leadEndpoint(): string | null;
  set leadEndpoint(value: string | null | undefined);
  /** `mode`: inline or popup; `null` when the attribute is absent or not one of the values (then `inline`). */
  get mode(): CandidacyMode | null;
  set mode(value: CandidacyMode | null | undefined);
  /** `launcher-text`: the popup launcher's label and the dialog's name; `null` for "Am I a candidate?". */
  get launcherText(): string | null;
  set launcherText(value: string | null | undefined);
  /** `loading`: eager or lazy; `null` when the attribute is absent or not one of the values (then `eager`). */
  get loading(): CandidacyLoading | null;
  set loading(value: CandidacyLoading | null | undefined);

  /** `share-answers`: events carry the visitor's answers and the reasons (health data). */
  get shareAnswers(): boolean;
  set shareAnswers(value: boolean | null | undefined);
  /** `analytics`: events are also pushed to `window.dataLayer` (Google Tag Manager), as `candidacy_*` and `generate_lead`. */
  get analytics(): boolean;
  set analytics(value: boolean | null | undefined);
  /** `cta-attribution`: call-to-action URLs carry the page's campaign parameters. */
  get ctaAttribution(): boolean;
  set ctaAttribution(value: boolean | null | undefined);
  /** `analytics-outcome`: the outcome and plan may go to advertising tools (dataLayer, `candidacy_outcome` in call-to-action URLs). */
  get analyticsOutcome(): boolean;
  set analyticsOutcome(value: boolean | null | undefined);
  /** `test-mode`: a "Test mode" badge, events marked `test: true`, and a lead form that sends nothing. */
  get testMode(): boolean;
  set testMode(value: boolean | null | undefined);
  /** `forget-on-complete`: saved progress is deleted as soon as the result is shown. */
  get forgetOnComplete(): boolean;
  set forgetOnComplete(value: boolean | null | undefined);
  /** `forget-after`: minutes (1 to 1440) without a change after which saved progress is forgotten; `null` means the default, 30. */
  get forgetAfter(): number | null;
  set forgetAfter(value: number | null | undefined);

  /** `cta`: the result's main button per outcome, as an object (reflected as JSON); `null` when unset or invalid. */
  get cta(): CandidacyCallsToAction | null;
  set cta(value: CandidacyCallsToAction | null | undefined);
  /** `prefill`: answers by question id for questions that screen nothing (reflected as JSON); `null` when unset or invalid. */
  get prefill(): CandidacyPrefill | null;
  set prefill(value: CandidacyPrefill | null | undefined);
  /** `hidden-fields`: the clinic's own values for the consented lead only (reflected as JSON); `null` when unset or invalid. */
  get hiddenFields(): CandidacyHiddenFields | null;
  set hiddenFields(value: CandidacyHiddenFields | null | undefined);

  /** Popup mode: opens the quiz's modal dialog (inline mode: a console warning, nothing else). */
  open(): void;
  /** Popup mode: closes the quiz's dialog, which dispatches `candidacy:close` (inline mode: a console warning, nothing else). */
  close(): void;
  /** Popup mode: opens the dialog when closed, closes it when open (inline mode: a console warning, nothing else). */
  toggle(): void;
  /** Forgets this widget's saved answers and starts the quiz again from its first screen. */
  restart(): void;

  addEventListener<K extends keyof CandidacyQuizElementEventMap>(
    type: K,
    listener: (this: CandidacyQuizElement, event: CandidacyQuizElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CandidacyQuizElementEventMap>(
    type: K,
    listener: (this: CandidacyQuizElement, event: CandidacyQuizElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's class, as `customElements.get("candidacy-quiz")` returns it. */
export interface CandidacyQuizElementConstructor {
  readonly prototype: CandidacyQuizElement;
  new (): CandidacyQuizElement;
  /** The attributes whose changes remount the widget. */
  readonly observedAttributes: readonly CandidacyAttributeName[];
}

declare global {
  /** `<candidacy-quiz>`'s class, defined by `import "@candidacy/widget"` (or the loader's script tag). */
  var CandidacyQuizElement: CandidacyQuizElementConstructor;

  interface HTMLElementTagNameMap {
    "candidacy-quiz": CandidacyQuizElement;
  }

  /** The quiz's events bubble and are composed: elements, the document and the window hear them. */
  interface GlobalEventHandlersEventMap extends CandidacyEventMap {}

  interface CustomElementRegistry {
    get(name: "candidacy-quiz"): CandidacyQuizElementConstructor | undefined;
    whenDefined(name: "candidacy-quiz"): Promise<CandidacyQuizElementConstructor>;
  }
}
