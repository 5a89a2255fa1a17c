// Candidacy loader: the one script a clinic's page includes.
//
//   <script type="module" src="https://clinic.example/candidacy/candidacy.js"></script>
//   <candidacy-quiz booking-url="https://clinic.example/book" phone="+1 555 0100"></candidacy-quiz>
//
// Defines <candidacy-quiz>, loads the widget (wasm) once per page from this script's own folder,
// and mounts one widget per element inside an open shadow root with its own stylesheet, so the
// page's CSS and the widget's cannot touch each other. No inline scripts or styles: it works
// under a strict Content-Security-Policy.

// Release builds write these (scripts/release.mjs): the release's version, and the SHA-384 of the
// wasm and the stylesheet, which the loader checks before using them. The wasm-bindgen glue is
// bundled into this file, so the `integrity` on this script's own tag covers it.
const VERSION = "dev";
const WASM_INTEGRITY = null;
const STYLESHEET_INTEGRITY = null;

/// The URL of a file of this release, next to this script, with this script's query (a `?ver=`
/// on the loader reaches the files it loads, so no cache mixes two versions).
function releaseFile(url) {
  url.search = new URL(import.meta.url).search;
  return url;
}

/// The release's `protocols/` folder, where the built-in protocol's other languages are.
function protocolsFolder() {
  return releaseFile(new URL("./protocols/", import.meta.url)).href;
}

/// Why the clinic's contact details are shown (the `cause` of `candidacy:fallback`).
class LoadFailure extends Error {
  constructor(cause, message) {
    super(message);
    this.cause = cause;
  }
}

let widget; // the wasm module's exports, loaded by the first element that needs them
let crashed = null; // why the widget stopped, once it has panicked: every element falls back

// A panic leaves the wasm unusable: every widget on the page shows the clinic's contact details.
window.addEventListener("candidacy:crash", (event) => {
  crashed ??= String(event.detail);
  for (const host of document.querySelectorAll("candidacy-quiz")) host.showContactDetails();
});

// Test-only: the next render of a quiz panics (the end-to-end tests prove the fallback). The glue
// is bundled into this file, so the tests cannot reach it by importing widget.js.
window.addEventListener("candidacy:test-only-panic", () => widget?.then((glue) => glue.testOnlyPanicOnNextRender()));

/// The wasm, checked against the release's hash: a changed byte is refused, and named.
async function fetchWasm() {
  // Written out so bundlers (Vite, webpack) see the asset: `new URL("./…", import.meta.url)`.
  const url = releaseFile(new URL("./widget_bg.wasm", import.meta.url));
  let response;
  try {
    response = await fetch(url, WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {});
  } catch (error) {
    // A failed integrity check and a failed network look alike here: ask again without the check.
    const tampered = WASM_INTEGRITY && (await fetch(url).then((r) => r.ok, () => false));
    throw tampered
      ? new LoadFailure("integrity", `${url.pathname} does not match this release (expected ${WASM_INTEGRITY})`)
      : new LoadFailure("network", `${url.pathname} could not be fetched (${error})`);
  }
  if (!response.ok) throw new LoadFailure("network", `${url.pathname}: the server answered ${response.status}`);
  return response;
}

function loadWidget() {
  // The wasm is fetched while the glue loads, not after it: one round trip less before the quiz.
  widget ??= (() => {
    const wasm = fetchWasm();
    wasm.catch(() => {}); // not unhandled while the glue loads: the init below rejects with it
    const glue = import("./widget.js").catch((error) => {
      throw new LoadFailure("network", `widget.js could not be loaded (${error})`);
    });
    return glue.then(async (glue) => {
      try {
        await glue.default({ module_or_path: wasm });
      } catch (error) {
        if (error instanceof LoadFailure) throw error;
        throw new LoadFailure("integrity", `widget_bg.wasm is not a wasm module this browser can run (${error})`);
      }
      return glue;
    });
  })();
  return widget;
}

/// iframe mode (embed.js): the frame's element from its URL and `embed-config.json` (the widget's
/// own parser: the URL chooses presentation only), and the parent page's messages.
export async function embedSetup(search, file) {
  const glue = await loadWidget();
  return JSON.parse(glue.embedSetup(search, file ?? undefined));
}

export async function parentMessage(data, origin, allowed) {
  const glue = await loadWidget();
  return JSON.parse(glue.parentMessage(JSON.stringify(data), origin, JSON.stringify(allowed)));
}

// The widget's stylesheet. Release builds write it here (scripts/minify.sh), so no request stands
// between the loader and the first screen; otherwise candidacy.css is linked in each shadow root.
const STYLESHEET = null;
let adopted; // one constructed sheet, shared by every widget on the page

/// The widget's stylesheet in `shadow`; resolved once it applies (or failed: the quiz still works).
function styleSheet(shadow) {
  if (STYLESHEET !== null) {
    try {
      if (!adopted) {
        adopted = new CSSStyleSheet();
        adopted.replaceSync(STYLESHEET);
      }
      shadow.adoptedStyleSheets = [adopted];
      return Promise.resolve();
    } catch {
      // No constructable stylesheets in this browser: link the file instead.
    }
  }
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = releaseFile(new URL("./candidacy.css", import.meta.url)).href;
  if (STYLESHEET_INTEGRITY) {
    link.integrity = STYLESHEET_INTEGRITY;
    link.crossOrigin = "anonymous";
  }
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  shadow.prepend(link);
  return loaded;
}

// The built-in protocol's first screens as the widget renders them, shown while the wasm loads:
// the quiz appears with the page. FIRST_SCREENS (at the end of this file) is generated.
let firstScreens; // Map of `locale:start` to <template>, or null when they cannot be used

function loadFirstScreens() {
  if (firstScreens === undefined) {
    try {
      const markup = trustedMarkup();
      firstScreens = new Map(
        Object.entries(FIRST_SCREENS.screens).map(([key, html]) => {
          const template = document.createElement("template");
          template.innerHTML = markup(html); // this file's own markup; no visitor or clinic text in it
          return [key, template];
        }),
      );
    } catch {
      firstScreens = null; // the page's Trusted Types forbid even that: the widget shows its own
    }
  }
  return firstScreens;
}

/// Under enforced Trusted Types, the one policy the loader needs: `candidacy`, which only ever
/// passes FIRST_SCREENS (this file's own markup) to `innerHTML`. Pages allow it with
/// `trusted-types candidacy`; the widget itself writes no HTML from strings.
function trustedMarkup() {
  if (!window.trustedTypes?.createPolicy) return (html) => html;
  const policy = window.trustedTypes.createPolicy("candidacy", {
    createHTML: (html) => {
      if (!Object.values(FIRST_SCREENS.screens).includes(html)) throw new TypeError("candidacy: not the loader's own markup");
      return html;
    },
  });
  return (html) => policy.createHTML(html);
}

/// `template`'s screen with the clinic's details in place of its tokens (as text, never markup).
function firstScreen(template, values) {
  const screen = template.content.firstElementChild.cloneNode(true);
  // One pass: a clinic's name that holds a token's text stays as it is.
  const fill = (text) => text.replace(/⟦(clinic|phone|tel|booking)⟧/g, (_, token) => values[token]);
  const texts = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) node.nodeValue = fill(node.nodeValue);
  for (const link of screen.querySelectorAll("[href]")) link.setAttribute("href", fill(link.getAttribute("href")));
  return screen;
}

/// Whether this tab holds saved progress for the widget `instance` (the widget resumes it then).
/// The key is the widget's `candidacy:<instance>:<protocol id>` (src/widget/quiz.rs, storage_key).
function hasSavedProgress(instance) {
  try {
    for (let i = 0; i < sessionStorage.length; i++) {
      if (sessionStorage.key(i)?.startsWith(`candidacy:${instance}:`)) return true;
    }
  } catch {
    // No storage: the widget starts afresh, as the first screen shows.
  }
  return false;
}

/// The selector of the element in `live` that stands for `element` of the first screen: same id,
/// or same action (and language, for the language switcher).
function twinSelector(element) {
  if (element.id) return `#${CSS.escape(element.id)}`;
  const { action, locale } = element.dataset ?? {};
  if (!action) return null;
  return `[data-action="${CSS.escape(action)}"]` + (locale ? `[data-locale="${CSS.escape(locale)}"]` : "");
}

/// The choices ticked on the first screen, as JSON answers by question id (or undefined).
function tickedAnswers(shown) {
  const question = shown.querySelector("[data-question-id]")?.dataset.questionId;
  const ticked = [...shown.querySelectorAll("input:checked")].map((input) => input.value);
  return question && ticked.length ? JSON.stringify({ [question]: ticked }) : undefined;
}

/// The first screen is swapped for the widget; focus follows, and a press on Start or Continue
/// is made again. (Ticked choices went to the widget when it was mounted.)
function handOver(shown, live, pending) {
  const focused = pending.focused && shown.contains(pending.focused) ? twinSelector(pending.focused) : null;
  live.querySelector(".candidacy-screen")?.setAttribute("data-continued", ""); // no second entrance
  live.hidden = false;
  shown.remove();
  if (focused) live.querySelector(focused)?.focus();
  if (pending.pressed) live.querySelector(pending.pressed)?.click();
}

/// A phone number as the widget links it (Config::tel_href): digits and `+` only.
const telHref = (phone) => `tel:${phone.replace(/[^0-9+]/g, "")}`;

/// The locale `host` asks for, among `available`: its attribute, the page's, the browser's.
function requestedLocale(host, available) {
  const page = host.closest("[lang]")?.getAttribute("lang");
  return negotiate(available, [host.getAttribute("locale"), page, ...(navigator.languages ?? [])]);
}

/// The clinic's contact details, for a widget that cannot load: never a blank box. The page hears
/// `candidacy:fallback` with the cause's category.
function fallback(root, host, cause) {
  const locale = requestedLocale(host, Object.keys(FALLBACK_WORDS));
  const words = FALLBACK_WORDS[locale];
  const clinic = host.getAttribute("clinic-name")?.trim() || words.clinic;
  const box = element("div", "candidacy");
  box.dataset.step = "fallback";
  box.lang = locale;
  box.append(element("h1", "candidacy-heading", words.heading));
  box.append(element("p", "", words.body(clinic)));
  const actions = element("div", "candidacy-actions");
  const booking = host.getAttribute("booking-url")?.trim();
  if (booking && /^https?:\/\/\S+$/i.test(booking)) {
    const link = element("a", "candidacy-button", words.book);
    link.href = booking;
    link.rel = "noopener";
    link.dataset.action = "book";
    actions.append(link);
  }
  const phone = host.getAttribute("phone")?.trim();
  if (phone && /^[0-9 +().-]{3,40}$/.test(phone)) {
    const link = element("a", "candidacy-button candidacy-button-secondary", words.call(phone));
    link.href = telHref(phone);
    link.dataset.action = "call";
    actions.append(link);
  }
  box.append(actions);
  root.replaceChildren(box);
  announce(host, "candidacy:fallback", { cause });
}

/// A bubbling, composed event on the element, for the page's code.
function announce(host, name, detail = {}) {
  host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/// Tab from the last control of a modal dialog wraps to its first, Shift+Tab from the first to its
/// last: focus never leaves the dialog for the page or the browser while it is open.
function keepFocusIn(dialog, event) {
  if (event.key !== "Tab") return;
  const selector = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';
  const controls = [...dialog.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0);
  if (controls.length === 0) return;
  const active = dialog.getRootNode().activeElement;
  const [first, last] = [controls[0], controls[controls.length - 1]];
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/// `id`, else the element's place among the page's widgets: keeps saved progress apart.
function instanceName(host) {
  if (host.id) return host.id;
  const index = [...document.querySelectorAll("candidacy-quiz")].indexOf(host);
  return `quiz-${index + 1}`;
}

/// Height kept for a widget not mounted yet, so the page does not jump when it appears.
const RESERVED_HEIGHT = "36em";

// BEGIN GENERATED from the Rust side by tests/loader_generated.rs (UPDATE_EXPECT=1 cargo test --test loader_generated rewrites it); do not edit

/// The element's properties, each reflecting its attribute (crates/embed/src/config/element.rs,
/// the one table of them): a `string` (one of its choices when it has them, the first the
/// default), a `switch` (boolean attribute), a whole `number`, or an `object` written as JSON (rich
/// values without JSON in the page's code). It is also the list of attributes the element observes.
const PROPERTIES = {
  protocol: ["protocol", "string"],
  bookingUrl: ["booking-url", "string"],
  phone: ["phone", "string"],
  clinicName: ["clinic-name", "string"],
  locale: ["locale", "string"],
  primary: ["primary", "string"],
  accent: ["accent", "string"],
  radius: ["radius", "string"],
  start: ["start", "string", ["welcome", "first-question"]],
  prefill: ["prefill", "object"],
  shareAnswers: ["share-answers", "switch"],
  analytics: ["analytics", "switch"],
  leadEndpoint: ["lead-endpoint", "string"],
  cta: ["cta", "object"],
  ctaAttribution: ["cta-attribution", "switch"],
  analyticsOutcome: ["analytics-outcome", "switch"],
  mode: ["mode", "string", ["inline", "popup"]],
  launcherText: ["launcher-text", "string"],
  loading: ["loading", "string", ["eager", "lazy"]],
  testMode: ["test-mode", "switch"],
  forgetOnComplete: ["forget-on-complete", "switch"],
  hiddenFields: ["hidden-fields", "object"],
  forgetAfter: ["forget-after", "number"],
};

/// The words of the contact details shown when the widget cannot load, in the widget's languages
/// (crates/core/src/messages/*.rs: fallback_heading, fallback_body, book_consultation, call_us,
/// the_clinic); a template is a function of what it fills (`messages::fill`).
const FALLBACK_WORDS = {
  en: {
    heading: "Sorry, the quiz isn't available right now",
    body: (clinic) => `You can still ask ${clinic} whether the treatment suits you.`,
    book: "Book a consultation",
    call: (phone) => `Call us: ${phone}`,
    clinic: "the clinic",
  },
  es: {
    heading: "Lo sentimos, el cuestionario no está disponible ahora mismo",
    body: (clinic) => `Aun así, puedes preguntar a ${clinic} si el tratamiento es adecuado para ti.`,
    book: "Reservar una consulta",
    call: (phone) => `Llámanos: ${phone}`,
    clinic: "la clínica",
  },
};

/// The locale of `available` the widget will show (crates/core/src/protocol/text.rs, negotiate):
/// the first of `requested` (the `locale` attribute, the closest `lang`, the browser's languages)
/// that `available` serves (`es-MX` by `es`), else English, else the first available. Compared as
/// Rust does: ASCII letters without case; white space as Rust's `trim` (no U+FEFF, but U+0085).
function negotiate(available, requested) {
  const lower = (text) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const trim = (text) => text.replace(/^(?:[^\S\ufeff]|\x85)+|(?:[^\S\ufeff]|\x85)+$/g, "");
  const find = (wanted) => available.find((locale) => lower(locale) === lower(wanted));
  for (const wanted of requested.map((r) => r && trim(r)).filter(Boolean)) {
    const found = find(wanted) ?? find(wanted.split("-")[0]);
    if (found) return found;
  }
  return find("en") ?? available[0] ?? "en";
}
// END GENERATED

class CandidacyQuizElement extends HTMLElement {
  static observedAttributes = Object.values(PROPERTIES).map(([attribute]) => attribute);
  #mounted = null;
  #mounting = null;
  #styled = null; // the stylesheet, once the popup's launcher has it
  #generation = 0;
  #cleanup = [];
  #dialog = null; // the popup's dialog: open, close, isOpen
  #openWhenBuilt = false; // open() came before the popup was built

  constructor() {
    super();
    // A property the page set before this script defined the element is an own property that
    // hides the accessor: set it again through the accessor.
    for (const name of Object.keys(PROPERTIES)) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected && this.shadowRoot) this.#render();
  }

  async #render() {
    const generation = ++this.#generation;
    await Promise.resolve(); // several attribute changes in one task make one remount
    if (generation !== this.#generation || !this.isConnected) return;
    this.#unmount();
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const root = element("div", "candidacy-mount");
    const lazy = this.#choice("loading") === "lazy";
    if (this.#choice("mode") === "popup") {
      this.#popup(shadow, root, generation, lazy);
    } else if (lazy) {
      root.style.minHeight = RESERVED_HEIGHT;
      shadow.append(root);
      this.#whenNear(() => this.#mount(root, generation));
    } else {
      root.style.minHeight = RESERVED_HEIGHT;
      shadow.append(root);
      this.#mount(root, generation);
    }
  }

  /// A launcher button that opens the quiz in a modal dialog; closing keeps the quiz's progress.
  #popup(shadow, root, generation, lazy) {
    const text = this.getAttribute("launcher-text")?.trim() || "Am I a candidate?";
    const launcher = element("button", "candidacy-launcher", text);
    launcher.type = "button";
    launcher.setAttribute("aria-haspopup", "dialog");
    launcher.dataset.action = "open";
    const dialog = element("dialog", "candidacy-dialog");
    dialog.setAttribute("aria-label", text);
    const bar = element("div", "candidacy-dialog-bar");
    const close = element("button", "candidacy-dialog-close", "Close");
    close.type = "button";
    close.dataset.action = "close";
    bar.append(close);
    dialog.append(bar, root);
    this.#styled = styleSheet(shadow);
    shadow.append(launcher, dialog);

    let pageOverflow = null;
    const open = () => {
      if (dialog.open) return;
      pageOverflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = "hidden"; // the page behind does not scroll
      dialog.showModal();
      this.#mount(root, generation);
    };
    launcher.addEventListener("click", open);
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("keydown", (event) => keepFocusIn(dialog, event));
    dialog.addEventListener("close", () => {
      document.documentElement.style.overflow = pageOverflow ?? "";
      launcher.focus();
      if (generation === this.#generation) announce(this, "candidacy:close");
    });
    this.#dialog = { open, close: () => dialog.open && dialog.close(), isOpen: () => dialog.open };
    this.#cleanup.push(() => {
      this.#dialog = null;
      if (dialog.open) dialog.close();
    });
    if (this.#openWhenBuilt) {
      this.#openWhenBuilt = false;
      open();
    }
    if (lazy) {
      const warm = () => loadWidget().catch(() => {});
      launcher.addEventListener("pointerenter", warm, { once: true });
      launcher.addEventListener("focus", warm, { once: true });
    } else {
      this.#mount(root, generation);
    }
  }

  /// Runs `then` once the element comes within about one screen of the viewport.
  #whenNear(then) {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          then();
        }
      },
      { rootMargin: "100% 0px 100% 0px" },
    );
    observer.observe(this);
    this.#cleanup.push(() => observer.disconnect());
  }

  /// Mounts the widget into `root` once (later calls wait for the first).
  #mount(root, generation) {
    this.#mounting ??= (async () => {
      const styled = this.#styled ?? styleSheet(this.shadowRoot);
      const first = this.#firstScreenValues();
      let endFirstScreen = () => undefined; // gives the answers ticked on it, if it was shown
      if (first) {
        // The first screen before the wasm: compiling it would slow the screen on a small phone.
        await styled;
        const template = loadFirstScreens()?.get(`${first.locale}:${first.start}`);
        if (template && generation === this.#generation) {
          endFirstScreen = this.#showFirstScreen(root, template, first);
        }
      }
      try {
        if (crashed) throw new LoadFailure("crash", crashed);
        const [glue] = await Promise.all([loadWidget(), styled]);
        if (generation !== this.#generation || !this.isConnected) return;
        this.#mounted = glue.mount(this, root, instanceName(this), endFirstScreen(), protocolsFolder());
      } catch (error) {
        const cause = error instanceof LoadFailure ? error.cause : "crash";
        console.error(`candidacy: the widget could not load (${cause}: ${error.message ?? error}); showing the clinic's contact details instead`);
        await styled;
        if (generation === this.#generation) fallback(root, this, cause);
      }
      root.style.removeProperty("min-height");
    })();
    return this.#mounting;
  }

  /// The clinic's details for the first screen, when the loader can show it before the wasm:
  /// the built-in protocol from its first screen, in the language the widget will choose, nothing
  /// saved or prefilled, and a phone and booking link the widget accepts (the first screens show
  /// both).
  #firstScreenValues() {
    const value = (name) => {
      const v = this.getAttribute(name)?.trim();
      return v && [...v].length <= 2048 ? v : null;
    };
    if (["protocol", "prefill", "test-mode"].some((name) => this.hasAttribute(name))) return null;
    const locale = requestedLocale(this, FIRST_SCREENS.locales ?? []);
    const start = value("start") ?? "welcome";
    const [phone, booking] = [value("phone"), value("booking-url")];
    const digits = phone?.replace(/[^0-9]/g, "").length ?? 0;
    const phoneOk = phone && /^[0-9 +().-]+$/.test(phone) && digits >= 3 && digits <= 20;
    const bookingOk = booking && /^https?:\/\/./i.test(booking) && !/[\s"<>\p{Cc}]/u.test(booking);
    if (!["welcome", "first-question"].includes(start) || !phoneOk || !bookingOk) return null;
    if (/[?&]candidacy_/.test(location.search) || hasSavedProgress(instanceName(this))) return null;
    const clinic = value("clinic-name") ?? FIRST_SCREENS.theClinic[locale];
    return { locale, start, clinic, phone, tel: telHref(phone), booking };
  }

  /// Shows `template`'s first screen in `root` until the widget has rendered its own next to it,
  /// then hands over what the visitor did and removes it. Returns the function that ends the
  /// visitor's input on it and gives its answers for the widget's mount (JSON, or undefined).
  #showFirstScreen(root, template, values) {
    const shown = firstScreen(template, values);
    shown.dataset.firstScreen = "";
    for (const property of ["primary", "accent", "radius"]) {
      const value = this.getAttribute(property)?.trim();
      const kind = property === "radius" ? "border-radius" : "color";
      if (value && CSS.supports(kind, value)) this.style.setProperty(`--candidacy-${property}`, value);
    }
    const pending = { pressed: null, focused: null };
    shown.addEventListener("click", (event) => {
      const button = event.target.closest?.("button[data-action]");
      if (!button) return;
      event.preventDefault(); // Start, Continue and the language switcher wait for the widget
      pending.pressed = twinSelector(button);
    });
    shown.addEventListener("submit", (event) => event.preventDefault());
    const observer = new MutationObserver(() => {
      const live = [...root.children].find((child) => child !== shown && child.matches(".candidacy"));
      if (!live) return;
      const screen = "[data-step], [data-question-id]"; // a fallback is its own screen
      if (!live.matches(screen) && !live.querySelector(screen)) {
        live.hidden = true; // not a half-rendered widget next to the first screen
        return;
      }
      observer.disconnect();
      handOver(shown, live, pending);
    });
    observer.observe(root, { childList: true, subtree: true });
    this.#cleanup.push(() => observer.disconnect());
    root.prepend(shown);
    return () => {
      pending.focused = shown.getRootNode().activeElement;
      shown.inert = true; // what it holds now is what the widget starts from (a few milliseconds)
      return tickedAnswers(shown);
    };
  }

  /// The attribute of `property` (one of PROPERTIES with choices): one of its choices, the first
  /// when it is unset or not one of them (then with a warning, unless `warn` is false).
  #choice(property, warn = true) {
    const [name, , allowed] = PROPERTIES[property];
    const value = this.getAttribute(name)?.trim();
    if (value == null || value === "") return allowed[0];
    if (allowed.includes(value)) return value;
    if (warn) console.warn(`candidacy: ignoring attribute \`${name}\`: \`${value}\` is not ${allowed.map((a) => `\`${a}\``).join(" or ")}`);
    return allowed[0];
  }

  /// Replaces the quiz with the clinic's contact details (after a crash the wasm is not called again).
  showContactDetails() {
    this.#mounted = null;
    const root = this.shadowRoot?.querySelector(".candidacy-mount");
    if (root) fallback(root, this, "crash");
  }

  // The page's API (README, "Scripting the element"; types in packaging/npm/candidacy.d.ts).

  /// The release's version.
  get version() {
    return VERSION;
  }

  /// Popup mode: opens the quiz's dialog (once built: a call right after adding the element works).
  open() {
    if (!this.#isPopup("open")) return;
    if (this.#dialog) this.#dialog.open();
    else this.#openWhenBuilt = true;
  }

  /// Popup mode: closes the quiz's dialog; the visitor's progress is kept.
  close() {
    if (!this.#isPopup("close")) return;
    this.#openWhenBuilt = false;
    this.#dialog?.close();
  }

  /// Popup mode: opens the dialog when it is closed, closes it when it is open.
  toggle() {
    if (!this.#isPopup("toggle")) return;
    if (this.#dialog?.isOpen() || this.#openWhenBuilt) this.close();
    else this.open();
  }

  /// Forgets this widget's saved answers and starts the quiz again from its first screen.
  restart() {
    const prefix = `candidacy:${instanceName(this)}:`;
    try {
      const keys = [...Array(sessionStorage.length).keys()].map((i) => sessionStorage.key(i));
      for (const key of keys) if (key?.startsWith(prefix)) sessionStorage.removeItem(key);
    } catch {
      // No storage: nothing was saved.
    }
    if (this.isConnected) this.#render();
  }

  #isPopup(method) {
    if (this.#choice("mode", false) === "popup") return true;
    console.warn(`candidacy: ignoring \`${method}()\`: it is for \`mode="popup"\`; this widget is inline`);
    return false;
  }

  #unmount() {
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#mounted?.destroy();
    this.#mounted = null;
    this.#mounting = null;
    this.#styled = null;
    this.shadowRoot?.replaceChildren();
  }
}

const isPlainObject = (value) => Object.prototype.toString.call(value) === "[object Object]";

for (const [name, [attribute, kind, choices]] of Object.entries(PROPERTIES)) {
  Object.defineProperty(CandidacyQuizElement.prototype, name, {
    configurable: true,
    enumerable: true,
    get() {
      if (kind === "switch") return this.hasAttribute(attribute);
      const value = this.getAttribute(attribute)?.trim() ?? null;
      if (value === null) return null;
      if (kind === "string") return !choices || choices.includes(value) ? value : null; // as the widget reads it
      if (kind === "number") return /^\d+$/.test(value) ? Number(value) : null;
      try {
        const parsed = JSON.parse(value);
        return isPlainObject(parsed) ? parsed : null;
      } catch {
        return null; // the widget ignores it too, with a warning naming the attribute
      }
    },
    set(value) {
      const expected = { string: "a string", switch: "true or false", object: "a plain object", number: "a whole number" }[kind];
      const fits = {
        string: typeof value === "string",
        switch: typeof value === "boolean",
        object: isPlainObject(value),
        number: Number.isInteger(value),
      }[kind];
      if (value === null || value === undefined || (kind === "switch" && value === false)) {
        this.removeAttribute(attribute);
      } else if (!fits) {
        console.warn(`candidacy: ignoring property \`${name}\`: expected ${expected}, got ${value === null ? "null" : typeof value}`);
      } else if (kind === "switch") {
        this.setAttribute(attribute, "");
      } else if (kind === "object") {
        let json;
        try {
          json = JSON.stringify(value);
        } catch (error) {
          console.warn(`candidacy: ignoring property \`${name}\`: it cannot be written as JSON (${error})`);
          return;
        }
        if (json !== this.getAttribute(attribute)) this.setAttribute(attribute, json);
      } else if (String(value) !== this.getAttribute(attribute)) {
        this.setAttribute(attribute, String(value));
      }
    },
  });
}

// A property or method the element does not have is named in the console (then the browser's
// usual `TypeError` for a call): a typo such as `quiz.opne()` is found at once. Only plain
// lowerCamelCase names: frameworks' own keys (`__reactFiber$…`, `_vei`, `jQuery3600…`) and
// promise or JSON probes pass silently.
const warned = new Set();
const QUIET = new Set(["then", "toJSON", "asymmetricMatch", "nodeValue"]);
Object.setPrototypeOf(
  CandidacyQuizElement.prototype,
  new Proxy(HTMLElement.prototype, {
    get(target, key, receiver) {
      if (typeof key === "string" && !(key in target) && /^[a-z][a-zA-Z]{1,31}$/.test(key) && !QUIET.has(key) && !warned.has(key)) {
        warned.add(key);
        console.warn(`candidacy: <candidacy-quiz> has no property or method \`${key}\` (see the README's tables: ${["open()", "close()", "toggle()", "restart()", "version", ...Object.keys(PROPERTIES)].join(", ")})`);
      }
      return Reflect.get(target, key, receiver);
    },
  }),
);

if (!customElements.get("candidacy-quiz")) {
  customElements.define("candidacy-quiz", CandidacyQuizElement);
  globalThis.CandidacyQuizElement = CandidacyQuizElement; // `instanceof` for the page's code, as typed
}

// <first-screens> Generated by `node e2e/first-screens.mjs` from the release build; do not edit.
const FIRST_SCREENS = {
  "locales": [
    "en",
    "es"
  ],
  "theClinic": {
    "en": "the clinic",
    "es": "la clínica"
  },
  "screens": {
    "en:welcome": "<div lang=\"en\" dir=\"ltr\" class=\"candidacy\"><div role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" class=\"candidacy-visually-hidden\"></div><nav aria-label=\"Language\" class=\"candidacy-languages\"><button type=\"button\" lang=\"es\" dir=\"ltr\" data-action=\"locale\" data-locale=\"es\" class=\"candidacy-link-button candidacy-language\">Español</button></nav><section data-step=\"welcome\" class=\"candidacy-screen\" data-continued=\"\"><h1 tabindex=\"-1\" class=\"candidacy-heading\">Check if microneedling could be right for you</h1><p class=\"candidacy-lead\">Answer a few questions about your skin and your health. It takes about 2 minutes.</p><ul class=\"candidacy-list candidacy-statements\"><li>Your answers stay on this device unless you choose to send them to the clinic.</li><li>This quiz helps you check if a treatment may suit you. It is not medical advice or a diagnosis. At your consultation, a clinician will check your health and skin and confirm whether microneedling suits you.</li><li>If you'd rather talk it through, call ⟦clinic⟧ on <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a>.</li></ul><button type=\"button\" data-action=\"start\" class=\"candidacy-button candidacy-button-start\">Start now</button></section><aside aria-label=\"Contact the clinic\" class=\"candidacy-help\"><p>Questions? Contact ⟦clinic⟧: <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a> · <a href=\"⟦booking⟧\" data-action=\"book\" rel=\"noopener\">book online</a></p></aside></div>",
    "en:first-question": "<div lang=\"en\" dir=\"ltr\" class=\"candidacy\"><div role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" class=\"candidacy-visually-hidden\">Question 1 of about 25: What would you like to improve?</div><nav aria-label=\"Language\" class=\"candidacy-languages\"><button type=\"button\" lang=\"es\" dir=\"ltr\" data-action=\"locale\" data-locale=\"es\" class=\"candidacy-link-button candidacy-language\">Español</button></nav><ul class=\"candidacy-list candidacy-statements\"><li>Your answers stay on this device unless you choose to send them to the clinic.</li><li>This quiz helps you check if a treatment may suit you. It is not medical advice or a diagnosis. At your consultation, a clinician will check your health and skin and confirm whether microneedling suits you.</li><li>If you'd rather talk it through, call ⟦clinic⟧ on <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a>.</li></ul><section data-question-id=\"concerns\" class=\"candidacy-screen\" data-continued=\"\"><p class=\"candidacy-progress\">Question 1 of about 25</p><form novalidate=\"novalidate\" class=\"candidacy-form\"><div class=\"candidacy-field\"><fieldset aria-describedby=\"candidacy-concerns-hint\" class=\"candidacy-fieldset\"><legend class=\"candidacy-legend\"><h1 id=\"candidacy-concerns-heading\" tabindex=\"-1\" class=\"candidacy-heading\">What would you like to improve?</h1></legend><p id=\"candidacy-concerns-hint\" class=\"candidacy-hint\">Choose everything that applies.</p><div class=\"candidacy-choices candidacy-checkboxes\"><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-acne_scars\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-acne_scars-hint\" class=\"candidacy-choice-input\" value=\"acne_scars\"><label for=\"candidacy-concerns-option-acne_scars\" class=\"candidacy-choice-label\">Acne scars</label><p id=\"candidacy-concerns-option-acne_scars-hint\" class=\"candidacy-choice-hint\">Pitted or uneven marks left by past breakouts</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-surgical_scars\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-surgical_scars-hint\" class=\"candidacy-choice-input\" value=\"surgical_scars\"><label for=\"candidacy-concerns-option-surgical_scars\" class=\"candidacy-choice-label\">Scars from surgery</label><p id=\"candidacy-concerns-option-surgical_scars-hint\" class=\"candidacy-choice-hint\">Flat or sunken scars from an operation</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-stretch_marks\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"stretch_marks\"><label for=\"candidacy-concerns-option-stretch_marks\" class=\"candidacy-choice-label\">Stretch marks</label></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-fine_lines\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"fine_lines\"><label for=\"candidacy-concerns-option-fine_lines\" class=\"candidacy-choice-label\">Fine lines and wrinkles</label></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-enlarged_pores\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"enlarged_pores\"><label for=\"candidacy-concerns-option-enlarged_pores\" class=\"candidacy-choice-label\">Enlarged pores</label></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-pigmentation\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-pigmentation-hint\" class=\"candidacy-choice-input\" value=\"pigmentation\"><label for=\"candidacy-concerns-option-pigmentation\" class=\"candidacy-choice-label\">Dark spots or uneven skin tone</label><p id=\"candidacy-concerns-option-pigmentation-hint\" class=\"candidacy-choice-hint\">For example sun spots or patches of darker skin</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-uneven_texture\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-uneven_texture-hint\" class=\"candidacy-choice-input\" value=\"uneven_texture\"><label for=\"candidacy-concerns-option-uneven_texture\" class=\"candidacy-choice-label\">Rough or uneven texture</label><p id=\"candidacy-concerns-option-uneven_texture-hint\" class=\"candidacy-choice-hint\">Skin that looks dull or feels bumpy</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-loose_skin\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"loose_skin\"><label for=\"candidacy-concerns-option-loose_skin\" class=\"candidacy-choice-label\">Loose or sagging skin</label></div></div></fieldset></div><button type=\"submit\" data-action=\"next\" class=\"candidacy-button\">Continue</button></form></section><aside aria-label=\"Contact the clinic\" class=\"candidacy-help\"><p>Questions? Contact ⟦clinic⟧: <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a> · <a href=\"⟦booking⟧\" data-action=\"book\" rel=\"noopener\">book online</a></p></aside></div>",
    "es:welcome": "<div lang=\"es\" dir=\"ltr\" class=\"candidacy\"><div role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" class=\"candidacy-visually-hidden\"></div><nav aria-label=\"Idioma\" class=\"candidacy-languages\"><button type=\"button\" lang=\"en\" dir=\"ltr\" data-action=\"locale\" data-locale=\"en\" class=\"candidacy-link-button candidacy-language\">English</button></nav><section data-step=\"welcome\" class=\"candidacy-screen\" data-continued=\"\"><h1 tabindex=\"-1\" class=\"candidacy-heading\">Microneedling: descubre si es para ti</h1><p class=\"candidacy-lead\">Responde unas preguntas sobre tu piel y tu salud. Solo te llevará unos 2 minutos.</p><ul class=\"candidacy-list candidacy-statements\"><li>Tus respuestas se quedan en este dispositivo, salvo que decidas enviarlas a la clínica.</li><li>Este cuestionario te ayuda a ver si un tratamiento puede ser adecuado para ti. No es un consejo médico ni un diagnóstico. En tu consulta, un profesional revisará tu salud y tu piel y te confirmará si el microneedling es adecuado para ti.</li><li>Si prefieres hablarlo con alguien, llama a ⟦clinic⟧ al <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a>.</li></ul><button type=\"button\" data-action=\"start\" class=\"candidacy-button candidacy-button-start\">Empezar</button></section><aside aria-label=\"Contactar con la clínica\" class=\"candidacy-help\"><p>¿Dudas? Contacta con ⟦clinic⟧: <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a> · <a href=\"⟦booking⟧\" data-action=\"book\" rel=\"noopener\">reserva en línea</a></p></aside></div>",
    "es:first-question": "<div lang=\"es\" dir=\"ltr\" class=\"candidacy\"><div role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" class=\"candidacy-visually-hidden\">Pregunta 1 de unas 25: ¿Qué te gustaría mejorar?</div><nav aria-label=\"Idioma\" class=\"candidacy-languages\"><button type=\"button\" lang=\"en\" dir=\"ltr\" data-action=\"locale\" data-locale=\"en\" class=\"candidacy-link-button candidacy-language\">English</button></nav><ul class=\"candidacy-list candidacy-statements\"><li>Tus respuestas se quedan en este dispositivo, salvo que decidas enviarlas a la clínica.</li><li>Este cuestionario te ayuda a ver si un tratamiento puede ser adecuado para ti. No es un consejo médico ni un diagnóstico. En tu consulta, un profesional revisará tu salud y tu piel y te confirmará si el microneedling es adecuado para ti.</li><li>Si prefieres hablarlo con alguien, llama a ⟦clinic⟧ al <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a>.</li></ul><section data-question-id=\"concerns\" class=\"candidacy-screen\" data-continued=\"\"><p class=\"candidacy-progress\">Pregunta 1 de unas 25</p><form novalidate=\"novalidate\" class=\"candidacy-form\"><div class=\"candidacy-field\"><fieldset aria-describedby=\"candidacy-concerns-hint\" class=\"candidacy-fieldset\"><legend class=\"candidacy-legend\"><h1 id=\"candidacy-concerns-heading\" tabindex=\"-1\" class=\"candidacy-heading\">¿Qué te gustaría mejorar?</h1></legend><p id=\"candidacy-concerns-hint\" class=\"candidacy-hint\">Elige todas las opciones que correspondan.</p><div class=\"candidacy-choices candidacy-checkboxes\"><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-acne_scars\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-acne_scars-hint\" class=\"candidacy-choice-input\" value=\"acne_scars\"><label for=\"candidacy-concerns-option-acne_scars\" class=\"candidacy-choice-label\">Cicatrices de acné</label><p id=\"candidacy-concerns-option-acne_scars-hint\" class=\"candidacy-choice-hint\">Marcas hundidas o irregulares que ha dejado el acné</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-surgical_scars\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-surgical_scars-hint\" class=\"candidacy-choice-input\" value=\"surgical_scars\"><label for=\"candidacy-concerns-option-surgical_scars\" class=\"candidacy-choice-label\">Cicatrices quirúrgicas</label><p id=\"candidacy-concerns-option-surgical_scars-hint\" class=\"candidacy-choice-hint\">Cicatrices planas o hundidas que ha dejado una operación</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-stretch_marks\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"stretch_marks\"><label for=\"candidacy-concerns-option-stretch_marks\" class=\"candidacy-choice-label\">Estrías</label></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-fine_lines\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"fine_lines\"><label for=\"candidacy-concerns-option-fine_lines\" class=\"candidacy-choice-label\">Líneas finas y arrugas</label></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-enlarged_pores\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"enlarged_pores\"><label for=\"candidacy-concerns-option-enlarged_pores\" class=\"candidacy-choice-label\">Poros dilatados</label></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-pigmentation\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-pigmentation-hint\" class=\"candidacy-choice-input\" value=\"pigmentation\"><label for=\"candidacy-concerns-option-pigmentation\" class=\"candidacy-choice-label\">Manchas o tono irregular</label><p id=\"candidacy-concerns-option-pigmentation-hint\" class=\"candidacy-choice-hint\">Por ejemplo, manchas solares o zonas de piel más oscura</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-uneven_texture\" type=\"checkbox\" name=\"candidacy-concerns-answer\" aria-describedby=\"candidacy-concerns-option-uneven_texture-hint\" class=\"candidacy-choice-input\" value=\"uneven_texture\"><label for=\"candidacy-concerns-option-uneven_texture\" class=\"candidacy-choice-label\">Textura áspera o irregular</label><p id=\"candidacy-concerns-option-uneven_texture-hint\" class=\"candidacy-choice-hint\">Piel que se ve apagada o se nota rugosa al tacto</p></div><div class=\"candidacy-choice\"><input id=\"candidacy-concerns-option-loose_skin\" type=\"checkbox\" name=\"candidacy-concerns-answer\" class=\"candidacy-choice-input\" value=\"loose_skin\"><label for=\"candidacy-concerns-option-loose_skin\" class=\"candidacy-choice-label\">Piel flácida o caída</label></div></div></fieldset></div><button type=\"submit\" data-action=\"next\" class=\"candidacy-button\">Continuar</button></form></section><aside aria-label=\"Contactar con la clínica\" class=\"candidacy-help\"><p>¿Dudas? Contacta con ⟦clinic⟧: <a href=\"⟦tel⟧\" data-action=\"call\">⟦phone⟧</a> · <a href=\"⟦booking⟧\" data-action=\"book\" rel=\"noopener\">reserva en línea</a></p></aside></div>"
  }
};
// </first-screens>
