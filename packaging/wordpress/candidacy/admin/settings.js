// Settings → Candidacy: the preview follows the form as it is typed. The widget checks every
// value itself (a refused one is named on the console and left out); saving checks them again.
(function () {
  const preview = document.getElementById("candidacy-preview");
  if (!preview) return;
  const protocols = window.candidacyProtocols || {};
  for (const input of document.querySelectorAll(".candidacy-settings [data-attribute]")) {
    const name = input.dataset.attribute;
    const apply = () => {
      if (name === "mode") {
        // The preview shows a popup's launcher, or the quiz in the page (an iframe's look too).
        preview.setAttribute("mode", input.value === "popup" ? "popup" : "inline");
      } else if (input.type === "checkbox") {
        preview.toggleAttribute(name, input.checked);
      } else {
        const value = name === "protocol" ? protocols[input.value] || "" : input.value.trim();
        if (value === "") preview.removeAttribute(name);
        else preview.setAttribute(name, value);
      }
    };
    input.addEventListener(input.type === "checkbox" || input.tagName === "SELECT" ? "change" : "input", apply);
  }
})();
