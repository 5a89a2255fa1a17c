// iframe mode (embed.html): one widget, configured by the frame's query parameters (the same
// names as the element's attributes), telling the parent page its height so the parent script
// (candidacy-frame.js) sizes the frame to fit. With `parent-origin`, the widget's events are
// relayed to the parent too, and only to that origin.
//
// Messages to the parent:
//   { type: "candidacy:resize", height: <CSS pixels> }
//   { type: "candidacy:event", name: "candidacy:complete", detail: {...} }   (with parent-origin)
//   { type: "candidacy:navigate", url }   (a call to action, once the parent script has answered)
// From the parent script: { type: "candidacy:parent" }, the answer to the first resize.
import "./candidacy.js";

const ATTRIBUTES = [
  "protocol", "booking-url", "phone", "clinic-name", "locale", "primary", "accent", "radius",
  "start", "prefill", "share-answers", "analytics", "lead-endpoint", "cta", "cta-attribution",
  "analytics-outcome", "test-mode", "forget-on-complete", "hidden-fields",
];
const EVENTS = [
  "candidacy:ready", "candidacy:start", "candidacy:step", "candidacy:complete", "candidacy:action",
  "candidacy:lead-sent", "candidacy:fallback",
];

const params = new URLSearchParams(location.search);
// This page's own `lang` would otherwise pick the widget's language: the frame speaks the
// language it is asked for (`locale`), else the visitor's browser's, as an element would.
document.documentElement.lang = params.get("locale") || navigator.languages?.[0] || navigator.language || "en";
const quiz = document.createElement("candidacy-quiz");
for (const name of ATTRIBUTES) {
  if (params.has(name)) quiz.setAttribute(name, params.get(name));
}
if (params.has("id")) quiz.id = params.get("id");
document.body.append(quiz);

if (window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "candidacy:resize", height }, "*");
    }
  };
  new ResizeObserver(report).observe(document.body);

  // A call to action navigates the clinic's page, never the frame: through the parent script when
  // it has answered (its origin is then known), else by the link's own target="_top" (<base>).
  let parentScript = null;
  window.addEventListener("message", (event) => {
    if (event.source === window.parent && event.data?.type === "candidacy:parent") parentScript = event.origin;
  });
  quiz.addEventListener("click", (event) => {
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    if (!parentScript || !link || !/^https?:$/.test(link.protocol)) return;
    event.preventDefault();
    window.parent.postMessage({ type: "candidacy:navigate", url: link.href }, parentScript);
  });

  const parentOrigin = originOf(params.get("parent-origin"));
  if (parentOrigin) {
    for (const name of EVENTS) {
      quiz.addEventListener(name, (event) => {
        window.parent.postMessage({ type: "candidacy:event", name, detail: event.detail }, parentOrigin);
      });
    }
  } else if (params.has("parent-origin")) {
    console.warn("candidacy: ignoring `parent-origin`: write an origin like https://clinic.example");
  }
}

function originOf(value) {
  try {
    const url = new URL(value ?? "");
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}
