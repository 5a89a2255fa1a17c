// iframe mode (embed.html): one widget, telling the parent page its height so the parent script
// (candidacy-frame.js) sizes the frame to fit.
//
// Anyone can write the frame's URL (a link in an email, a forum post), so it chooses presentation
// only (colours, radius, locale, start, mode); a URL parameter that routes data or changes the
// screening is ignored with a console warning. Those come from `embed-config.json`, which the
// clinic serves beside this page:
//
//   { "attributes": { "booking-url": "https://…", "phone": "+1 555 0100", "lead-endpoint": "https://…" },
//     "parentOrigins": ["https://clinic.example"] }
//
// or from a page of an origin that file allows, through `postMessage`
// ({ type: "candidacy:configure", attributes: {…} }; candidacy-frame.js sends the iframe's
// `data-candidacy-config`). The widget's events are relayed to those origins only.
//
// Messages to the parent:
//   { type: "candidacy:resize", height: <CSS pixels> }
//   { type: "candidacy:event", name: "candidacy:complete", detail: {...} }   (to parentOrigins)
//   { type: "candidacy:navigate", url }   (a call to action, once the parent script has answered)
// From the parent script: { type: "candidacy:parent" }, the answer to the first resize.
import { embedSetup, parentMessage } from "./candidacy.js";

const EVENTS = [
  "candidacy:ready", "candidacy:start", "candidacy:step", "candidacy:complete", "candidacy:action",
  "candidacy:lead-sent", "candidacy:fallback", "candidacy:close",
];
/// Read from the file without the widget's parser when the widget cannot load: the contact details.
const CONTACT = ["phone", "booking-url", "clinic-name"];

const params = new URLSearchParams(location.search);
// This page's own `lang` would otherwise pick the widget's language: the frame speaks the
// language it is asked for (`locale`), else the visitor's browser's, as an element would.
document.documentElement.lang = params.get("locale") || navigator.languages?.[0] || navigator.language || "en";

/// The clinic's `embed-config.json` beside this page, as text; null when there is none.
async function configFile() {
  try {
    const response = await fetch(new URL("embed-config.json", location.href), { cache: "no-cache", credentials: "same-origin" });
    if (response.ok) return await response.text();
    if (response.status !== 404) console.warn(`candidacy: ignoring embed-config.json: the server answered ${response.status}`);
  } catch (error) {
    console.warn(`candidacy: ignoring embed-config.json: ${error}`);
  }
  return null;
}

/// The element's attributes and allowed parent origins: the widget's parser, or (when the widget
/// itself cannot load) the file's contact details only, so its fallback can show them.
async function setup(file) {
  try {
    return await embedSetup(location.search, file);
  } catch {
    let attributes = [];
    try {
      const given = JSON.parse(file ?? "{}").attributes ?? {};
      attributes = CONTACT.filter((name) => typeof given[name] === "string").map((name) => [name, given[name]]);
    } catch {
      // The file is broken too: the fallback shows what it can.
    }
    return { attributes, parentOrigins: [], problems: [] };
  }
}

const config = await setup(await configFile());
for (const problem of config.problems) console.warn(`candidacy: ${problem}`);
const quiz = document.createElement("candidacy-quiz");
for (const [name, value] of config.attributes) quiz.setAttribute(name, value);
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
  window.addEventListener("message", async (event) => {
    if (event.source !== window.parent || typeof event.data?.type !== "string") return;
    if (event.data.type === "candidacy:parent") {
      parentScript = event.origin;
    } else if (event.data.type === "candidacy:configure") {
      const answer = await parentMessage(event.data, event.origin, config.parentOrigins).catch((error) => ({ problem: String(error) }));
      if (answer.problem) return console.warn(`candidacy: ${answer.problem}`);
      for (const [name, value] of answer.attributes) quiz.setAttribute(name, value); // answers are kept
    }
  });
  quiz.addEventListener("click", (event) => {
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    if (!parentScript || !link || !/^https?:$/.test(link.protocol)) return;
    event.preventDefault();
    window.parent.postMessage({ type: "candidacy:navigate", url: link.href }, parentScript);
  });

  // Events go to the parent page only when the clinic allows its origin, and to that origin only.
  const parentOrigin = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : null);
  if (parentOrigin && config.parentOrigins.includes(parentOrigin)) {
    for (const name of EVENTS) {
      quiz.addEventListener(name, (event) => {
        window.parent.postMessage({ type: "candidacy:event", name, detail: event.detail }, parentOrigin);
      });
    }
  }
}
