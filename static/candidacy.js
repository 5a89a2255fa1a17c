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
  "start", "prefill", "share-answers", "analytics", "lead-endpoint",
];

let widget; // the wasm module's exports, loaded by the first element that needs them

function loadWidget() {
  widget ??= import(new URL("widget.js", BASE).href).then(async (glue) => {
    await glue.default({ module_or_path: new URL("widget_bg.wasm", BASE) });
    return glue;
  });
  return widget;
}

/// The widget's stylesheet in `shadow`, resolved once it has loaded (or failed: the quiz still works).
function styleSheet(shadow) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("candidacy.css", BASE).href;
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  shadow.append(link);
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

/// `id`, else the element's place among the page's widgets: keeps saved progress apart.
function instanceName(host) {
  if (host.id) return host.id;
  const index = [...document.querySelectorAll("candidacy-quiz")].indexOf(host);
  return `quiz-${index + 1}`;
}

class CandidacyQuiz extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #mounted = null;
  #generation = 0;

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
    shadow.replaceChildren();
    const root = element("div", "candidacy-mount");
    const styled = styleSheet(shadow);
    shadow.append(root);
    try {
      const [glue] = await Promise.all([loadWidget(), styled]);
      if (generation !== this.#generation || !this.isConnected) return;
      this.#mounted = glue.mount(this, root, instanceName(this));
    } catch (error) {
      console.error(`candidacy: the widget could not load (${error}); showing the clinic's contact details instead`);
      await styled;
      if (generation === this.#generation) fallback(root, this);
    }
  }

  #unmount() {
    this.#mounted?.destroy();
    this.#mounted = null;
    this.shadowRoot?.replaceChildren();
  }
}

if (!customElements.get("candidacy-quiz")) customElements.define("candidacy-quiz", CandidacyQuiz);
