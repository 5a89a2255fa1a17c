// JSX types for <candidacy-quiz> in React 19: `import type {} from "@candidacy/widget/react"` once
// in a project. React 19 assigns a prop as a property when the (defined) element has one (`cta`,
// `prefill`, `hiddenFields`, `analytics`, `mode`...), else as an attribute (`booking-url`): so the
// rich values take objects, and kebab-case names take strings, switches `true` or `false`.
// Types only: this file adds nothing at run time.

import type {
  CandidacyCallsToAction,
  CandidacyCustomProperty,
  CandidacyHiddenFields,
  CandidacyLoading,
  CandidacyMode,
  CandidacyPrefill,
  CandidacyQuizElement,
  CandidacyStart,
} from "./candidacy.js";
import type { CSSProperties, ReactNode, Ref } from "react";

/** The props of `<candidacy-quiz>` in JSX: the element's attributes, its rich properties, and a few global attributes. */
export interface CandidacyQuizProps {
  /** URL of a protocol JSON (relative to the page, or `https:`); default: the built-in microneedling protocol. */
  protocol?: string;
  /** The booking page (`https:` or `http:` only); default: no booking link. */
  "booking-url"?: string;
  /** The clinic's phone, shown and linked as `tel:` (digits, spaces, `+ - ( ) .`). */
  phone?: string;
  /** The clinic's name, in the texts and the fallback; default "the clinic". */
  "clinic-name"?: string;
  /** The language to show (`es`, `es-MX`); default: the page's `lang`, else the browser's, else `en`. */
  locale?: string;
  /** Main colour (buttons, links), any CSS colour; default `#0d5c69`. */
  primary?: string;
  /** Highlight colour (result and plan borders); default: the primary colour. */
  accent?: string;
  /** Corner rounding: `0`, or a length up to 48px; default `8px`. */
  radius?: string;
  /** Where the quiz opens; default `welcome`. */
  start?: CandidacyStart;
  /** URL that "Send my results to the clinic" posts to; default: no form, no request. */
  "lead-endpoint"?: string;
  /** `inline`, or `popup`: a launcher button opening the quiz in a modal dialog; default `inline`. */
  mode?: CandidacyMode;
  /** The popup launcher's label (and the dialog's name); default "Am I a candidate?". */
  "launcher-text"?: string;
  /** `lazy`: the widget loads when near the viewport (popup: on the launcher's hover, focus or press); default `eager`. */
  loading?: CandidacyLoading;

  /** Switch: events carry the visitor's answers and the reasons (health data). */
  "share-answers"?: boolean;
  /** Switch: events are also pushed to `window.dataLayer` (Google Tag Manager). */
  analytics?: boolean;
  /** Switch: call-to-action URLs carry the page's campaign parameters. */
  "cta-attribution"?: boolean;
  /** Switch: the outcome may go to advertising tools. */
  "analytics-outcome"?: boolean;
  /** Switch: a "Test mode" badge, events marked `test: true`, a lead form that sends nothing. */
  "test-mode"?: boolean;
  /** Switch: saved progress is deleted as soon as the result is shown. */
  "forget-on-complete"?: boolean;
  "forget-after"?: string | number;

  /** The result's main button per outcome (an object; set as the element's `cta` property). */
  cta?: CandidacyCallsToAction | null;
  /** Answers by question id for questions that screen nothing (an object; the `prefill` property). */
  prefill?: CandidacyPrefill | null;
  /** The clinic's own values, carried only into the lead the visitor sends (an object; the `hiddenFields` property). */
  hiddenFields?: CandidacyHiddenFields | null;
  /** The same as `hiddenFields`, as JSON text in the attribute (what server rendering can write). */
  "hidden-fields"?: string;

  /** The element, for its methods (`open()`, `restart()`) and events (`addEventListener("candidacy:complete", ...)`). */
  ref?: Ref<CandidacyQuizElement>;
  /** Keeps this widget's saved progress apart from another's on the same page. */
  id?: string;
  class?: string;
  className?: string;
  /** Inline styles, the widget's CSS custom properties included (`{"--candidacy-primary": "#6b2d5c"}`). */
  style?: CSSProperties & { [property in CandidacyCustomProperty]?: string };
  /** The language around the widget, which it follows when `locale` is unset. */
  lang?: string;
  hidden?: boolean;
  /** Shown only when the widget cannot run at all (no JavaScript): the clinic's phone and booking link. */
  children?: ReactNode;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "candidacy-quiz": CandidacyQuizProps;
    }
  }
}
