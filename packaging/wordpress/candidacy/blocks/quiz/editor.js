// The `candidacy/quiz` block in the editor: a summary card and an inspector whose fields are the
// element's attributes (block.json, rendered from the Rust side). The page shows what the server
// renders (includes/Embed.php), so the block saves nothing but its attributes.
// Plain script, no build step: the words come from PHP (window.candidacyBlock, translated there).
(function (wp, words) {
  const { createElement: h, Fragment } = wp.element;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, TextControl, SelectControl, Placeholder } = wp.components;

  const PANELS = {
    contact: ["clinicName", "phone", "bookingUrl"],
    quiz: ["protocol", "mode", "start", "locale", "launcherText"],
    look: ["primary", "accent", "radius"],
    privacy: ["leadEndpoint", "forgetAfter", "shareAnswers", "analytics", "analyticsOutcome", "ctaAttribution", "forgetOnComplete"],
  };

  function field(property, attributes, setAttributes) {
    const label = words.fields[property] || { label: property, help: "" };
    const value = attributes[property];
    const set = (next) => setAttributes({ [property]: next === "" ? undefined : next });
    const choices = words.choices[property];
    if (choices) {
      const options = [{ value: "", label: words.default }].concat(
        Object.keys(choices).map((choice) => ({ value: choice, label: choices[choice] })),
      );
      return h(SelectControl, { key: property, label: label.label, help: label.help, value: value || "", options, onChange: set });
    }
    if (wp.blocks.getBlockType("candidacy/quiz").attributes[property].type === "boolean") {
      // Three states: as in the settings, on, or off for this block.
      const options = [
        { value: "", label: words.default },
        { value: "on", label: words.on },
        { value: "off", label: words.off },
      ];
      const current = value === true ? "on" : value === false ? "off" : "";
      return h(SelectControl, {
        key: property, label: label.label, help: label.help, value: current, options,
        onChange: (next) => setAttributes({ [property]: next === "" ? undefined : next === "on" }),
      });
    }
    if (property === "forgetAfter") {
      return h(TextControl, {
        key: property, label: label.label, help: label.help, type: "number", min: 1, max: 1440,
        value: value === undefined ? "" : String(value),
        onChange: (next) => setAttributes({ [property]: next === "" ? undefined : Number(next) }),
      });
    }
    return h(TextControl, { key: property, label: label.label, help: label.help || words.fromSettings, value: value || "", onChange: set });
  }

  function Edit({ attributes, setAttributes }) {
    const shown = (property) => attributes[property] || words.settings[property] || "—";
    const summary = ["clinicName", "phone", "bookingUrl", "protocol", "mode"].map((property) =>
      h("li", { key: property }, `${(words.fields[property] || {}).label || property}: ${shown(property)}`));
    return h(Fragment, null,
      h(InspectorControls, null,
        Object.keys(PANELS).map((panel, i) =>
          h(PanelBody, { key: panel, title: words.panels[panel], initialOpen: i === 0 },
            PANELS[panel].map((property) => field(property, attributes, setAttributes))))),
      h("div", useBlockProps(),
        h(Placeholder, { icon: "clipboard", label: words.title, instructions: words.instructions },
          h("ul", { className: "candidacy-block__summary" }, summary))));
  }

  wp.blocks.registerBlockType("candidacy/quiz", { edit: Edit, save: () => null });
})(window.wp, window.candidacyBlock);
