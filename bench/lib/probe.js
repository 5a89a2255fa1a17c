// Installed as the first script of every benchmark page, before the page's own scripts.
// Records, in page time (ms since navigation start):
//   firstQuestion  when a question's choices (checkboxes or radios) are first in the DOM,
//                  shadow roots included (attachShadow is wrapped to observe them);
//   steps          for each click on Continue, the time from the click's timestamp to the
//                  first animation frame after the screen changed;
//   changes        the same clicks' time to the DOM change alone (the widget's own work).
(() => {
  const probe = (window.__probe = { firstQuestion: null, steps: [], changes: [] });
  const CHOICES = "input[type=checkbox], input[type=radio]";
  const roots = [document];
  let pending = null;
  const screen = () => {
    for (const root of roots) {
      const shown = root.querySelector("[data-question-id], [data-step], [data-outcome]");
      if (shown) return shown.dataset.questionId ?? shown.dataset.step ?? "outcome";
    }
    return null;
  };
  const observer = new MutationObserver(() => {
    if (probe.firstQuestion === null && roots.some((root) => root.querySelector(CHOICES))) {
      probe.firstQuestion = performance.now();
    }
    if (pending && !pending.seen && screen() !== pending.from) {
      const step = pending;
      step.seen = true;
      probe.changes.push(performance.now() - step.at);
      requestAnimationFrame(() => {
        probe.steps.push(performance.now() - step.at);
        if (pending === step) pending = null;
      });
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
      if (target instanceof Element && target.closest("[data-action=next]")) {
        pending = { at: event.timeStamp, from: screen(), seen: null };
      }
    },
    true,
  );
})();
