// Installed as the first script of every benchmark page, before the page's own scripts.
// Records, in page time (ms since navigation start):
//   firstQuestion  when a question's choices (checkboxes or radios) are first in the DOM,
//                  shadow roots included (attachShadow is wrapped to observe them);
//   live           when choices are in the DOM that the page's own code answers: for the widget,
//                  its own screen, not the loader's first screen shown before the wasm (marked
//                  data-first-screen; its Continue waits for the widget); for the others, the
//                  same moment as firstQuestion;
//   laidOut        for each click on Continue (the widget's data-action=next, SurveyJS's Next and
//                  Complete), the time from the click's timestamp to the next screen in the DOM
//                  and laid out (layout forced when the change is seen);
//   steps          the same clicks' time to the first animation frame after the change;
//   changes        the same clicks' time to the DOM change alone.
// It also keeps the wasm module's memory (WebAssembly.instantiate* wrapped) for the heap figure.
(() => {
  const probe = (window.__probe = { firstQuestion: null, live: null, laidOut: [], steps: [], changes: [], wasmMemory: null });
  const CHOICES = "input[type=checkbox], input[type=radio]";
  const SCREENS = "[data-question-id], [data-step], [data-outcome], .sd-question[data-name], .sd-completedpage";
  const NEXT = "[data-action=next], .sd-navigation__next-btn, .sd-navigation__complete-btn";
  const roots = [document];
  let pending = null;
  const shownScreen = () => {
    for (const root of roots) {
      const shown = root.querySelector(SCREENS);
      if (shown) return shown;
    }
    return null;
  };
  const screen = (shown = shownScreen()) =>
    shown && (shown.dataset.questionId ?? shown.dataset.step ?? shown.dataset.name ?? (shown.dataset.outcome !== undefined ? "outcome" : "done"));
  const observer = new MutationObserver(() => {
    if (probe.live === null) {
      const now = performance.now();
      for (const root of roots) {
        for (const choice of root.querySelectorAll(CHOICES)) {
          probe.firstQuestion ??= now;
          if (!choice.closest("[data-first-screen]")) probe.live ??= now;
        }
      }
    }
    if (pending && !pending.seen) {
      const shown = shownScreen();
      const id = screen(shown);
      if (id !== null && id !== pending.from) {
        const step = pending;
        step.seen = true;
        probe.changes.push(performance.now() - step.at);
        shown.getBoundingClientRect(); // style and layout, now
        probe.laidOut.push(performance.now() - step.at);
        requestAnimationFrame(() => {
          probe.steps.push(performance.now() - step.at);
          if (pending === step) pending = null;
        });
      }
    }
  });
  const watch = { childList: true, subtree: true, attributes: true, characterData: true };
  observer.observe(document, watch);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    observer.observe(root, watch);
    return root;
  };
  addEventListener(
    "click",
    (event) => {
      const target = event.composedPath()[0];
      if (target instanceof Element && target.closest(NEXT)) {
        pending = { at: event.timeStamp, from: screen(), seen: null };
      }
    },
    true,
  );
  const keep = (result) => {
    const exports = (result.instance ?? result).exports;
    for (const value of Object.values(exports ?? {})) {
      if (value instanceof WebAssembly.Memory) probe.wasmMemory ??= value;
    }
    return result;
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
})();
