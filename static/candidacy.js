// Candidacy loader: the one script a clinic's page includes.
//
//   <script type="module" src="https://clinic.example/candidacy/candidacy.js"></script>
//   <candidacy-quiz booking-url="https://clinic.example/book" phone="+1 555 0100"></candidacy-quiz>
//
// Defines <candidacy-quiz>, loads the widget (wasm) once per page from this script's own folder,
// and mounts one widget per element inside an open shadow root with its own stylesheet, so the
// page's CSS and the widget's cannot touch each other. No inline scripts or styles: it works
// under a strict Content-Security-Policy.

const BASE = new URL(".", import.meta.url);
const ATTRIBUTES = [
  "protocol", "booking-url", "phone", "clinic-name", "locale", "primary", "accent", "radius",
  "start", "prefill", "share-answers", "analytics", "lead-endpoint", "cta", "cta-attribution",
  "analytics-outcome", "test-mode", "forget-on-complete",
];

let widget; // the wasm module's exports, loaded by the first element that needs them
let crashed = null; // why the widget stopped, once it has panicked: every element falls back

// A panic leaves the wasm unusable: every widget on the page shows the clinic's contact details.
window.addEventListener("candidacy:crash", (event) => {
  crashed ??= String(event.detail);
  for (const host of document.querySelectorAll("candidacy-quiz")) host.showContactDetails();
});

function loadWidget() {
  // The wasm is fetched while the glue loads, not after it: one round trip less before the quiz.
  widget ??= (() => {
    const wasm = fetch(new URL("widget_bg.wasm", BASE));
    wasm.catch(() => {}); // not unhandled while the glue loads: the init below rejects with it
    return import(new URL("widget.js", BASE).href).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue;
    });
  })();
  return widget;
}

/// The widget's stylesheet, first in `shadow`; resolved once it has loaded (or failed: the quiz still works).
function styleSheet(shadow) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("candidacy.css", BASE).href;
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  shadow.prepend(link);
  return loaded;
}

/// The clinic's contact details, for a widget that cannot load: never a blank box.
function fallback(root, host) {
  const clinic = host.getAttribute("clinic-name")?.trim() || "the clinic";
  const box = element("div", "candidacy");
  box.dataset.step = "fallback";
  box.append(element("h1", "candidacy-heading", "Sorry, the quiz isn't available right now"));
  box.append(element("p", "", `You can still ask ${clinic} whether the treatment suits you.`));
  const actions = element("div", "candidacy-actions");
  const booking = host.getAttribute("booking-url")?.trim();
  if (booking && /^https?:\/\/\S+$/i.test(booking)) {
    const link = element("a", "candidacy-button", "Book a consultation");
    link.href = booking;
    link.rel = "noopener";
    link.dataset.action = "book";
    actions.append(link);
  }
  const phone = host.getAttribute("phone")?.trim();
  if (phone && /^[0-9 +().-]{3,40}$/.test(phone)) {
    const link = element("a", "candidacy-button candidacy-button-secondary", `Call us: ${phone}`);
    link.href = `tel:${phone.replace(/[^0-9+]/g, "")}`;
    link.dataset.action = "call";
    actions.append(link);
  }
  box.append(actions);
  root.replaceChildren(box);
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

class CandidacyQuiz extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES, "mode", "launcher-text", "loading"];
  #mounted = null;
  #mounting = null;
  #generation = 0;
  #cleanup = [];

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
    const lazy = this.#choice("loading", ["eager", "lazy"]) === "lazy";
    if (this.#choice("mode", ["inline", "popup"]) === "popup") {
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
    styleSheet(shadow);
    shadow.append(launcher, dialog);

    let pageOverflow = null;
    launcher.addEventListener("click", () => {
      pageOverflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = "hidden"; // the page behind does not scroll
      dialog.showModal();
      this.#mount(root, generation);
    });
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("keydown", (event) => keepFocusIn(dialog, event));
    dialog.addEventListener("close", () => {
      document.documentElement.style.overflow = pageOverflow ?? "";
      launcher.focus();
    });
    this.#cleanup.push(() => {
      if (dialog.open) dialog.close();
    });
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
      const styled = this.shadowRoot.querySelector("link") ? Promise.resolve() : styleSheet(this.shadowRoot);
      try {
        if (crashed) throw new Error(crashed);
        const [glue] = await Promise.all([loadWidget(), styled]);
        if (generation !== this.#generation || !this.isConnected) return;
        this.#mounted = glue.mount(this, root, instanceName(this));
      } catch (error) {
        console.error(`candidacy: the widget could not load (${error}); showing the clinic's contact details instead`);
        await styled;
        if (generation === this.#generation) fallback(root, this);
      }
      root.style.removeProperty("min-height");
    })();
    return this.#mounting;
  }

  #choice(name, allowed) {
    const value = this.getAttribute(name)?.trim();
    if (value == null || value === "") return allowed[0];
    if (allowed.includes(value)) return value;
    console.warn(`candidacy: ignoring attribute \`${name}\`: \`${value}\` is not ${allowed.map((a) => `\`${a}\``).join(" or ")}`);
    return allowed[0];
  }

  /// Replaces the quiz with the clinic's contact details (after a crash the wasm is not called again).
  showContactDetails() {
    this.#mounted = null;
    const root = this.shadowRoot?.querySelector(".candidacy-mount");
    if (root) fallback(root, this);
  }

  #unmount() {
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#mounted?.destroy();
    this.#mounted = null;
    this.#mounting = null;
    this.shadowRoot?.replaceChildren();
  }
}

if (!customElements.get("candidacy-quiz")) customElements.define("candidacy-quiz", CandidacyQuiz);
