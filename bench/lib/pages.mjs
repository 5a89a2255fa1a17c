// The benchmark's pages, generated from the default protocol so that all three show the same
// first question: the widget (the README's two-line snippet), the floor (that question as plain
// static HTML) and SurveyJS (the whole questionnaire in SurveyJS's JSON format).
import { readFileSync } from "node:fs";

const PROBE = readFileSync(new URL("probe.js", import.meta.url), "utf8");
const CLINIC = 'clinic-name="Glow Clinic" booking-url="https://clinic.example/book" phone="+1 555 0100"';

const escape = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The protocol's texts with its `{parameter}` placeholders filled in, as the widget shows them. */
function withParameters(protocol) {
  const fill = (text) =>
    text.replace(/\{([a-z_]+)\}/g, (whole, name) => {
      const parameter = protocol.parameters?.[name];
      return parameter ? `${parameter.value} ${parameter.unit}` : whole;
    });
  return JSON.parse(JSON.stringify(protocol), (_, value) => (typeof value === "string" ? fill(value) : value));
}

function page(title, head, body, { probe = true } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${probe ? `<script>${PROBE}</script>\n` : ""}${head}
</head>
<body>
${body}
</body>
</html>
`;
}

/** The widget as a clinic embeds it, opening on the first question. `preload`: with the hints
 * the README suggests as an optional third line. */
export function widgetPage(preload = false) {
  const hints = preload
    ? `<link rel="modulepreload" href="/dist/candidacy.js">
<link rel="modulepreload" href="/dist/widget.js">
<link rel="preload" href="/dist/widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>`
    : "";
  return page(
    "Candidacy widget",
    hints,
    `<script type="module" src="/dist/candidacy.js"></script>
<candidacy-quiz start="first-question" ${CLINIC}></candidacy-quiz>`,
  );
}

/** The floor: the first question as static HTML, the fastest a page can show it. */
export function floorPage(protocol, { probe = true } = {}) {
  const q = withParameters(protocol).questions[0];
  const options = q.options
    .map(
      (o) => `<div class="choice"><input type="checkbox" id="${o.id}" name="${q.id}" value="${o.id}">
<label for="${o.id}">${escape(o.label)}${o.hint ? `<span class="hint">${escape(o.hint)}</span>` : ""}</label></div>`,
    )
    .join("\n");
  return page(
    "Plain HTML",
    `<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40em;margin:1em auto;padding:0 1em}
.choice{display:flex;gap:.5em;margin:.5em 0}.hint{display:block;color:#555}</style>`,
    `<form><fieldset><legend><h1>${escape(q.prompt)}</h1></legend><p>${escape(q.help ?? "")}</p>
${options}
</fieldset><button type="submit">Continue</button></form>`,
    { probe },
  );
}

/** The default protocol as a SurveyJS questionnaire: one question per page, same conditions. */
export function surveyJson(protocol) {
  const p = withParameters(protocol);
  const visibleIf = (condition) => {
    if (!condition) return undefined;
    if (condition.chose_any) {
      const options = condition.chose_any.options.map((o) => `'${o}'`).join(", ");
      return `{${condition.chose_any.question}} anyof [${options}]`;
    }
    if (condition.yes) return `{${condition.yes}} = 'yes'`;
    throw new Error(`no SurveyJS form for the condition ${JSON.stringify(condition)}`);
  };
  const elements = p.questions.map((q) => {
    const base = { name: q.id, title: q.prompt, description: q.help, isRequired: true, visibleIf: visibleIf(q.ask_if) };
    switch (q.kind) {
      case "multiple_choice":
        return { ...base, type: "checkbox", choices: q.options.map((o) => ({ value: o.id, text: o.label })) };
      case "single_choice":
        return { ...base, type: "radiogroup", choices: q.options.map((o) => ({ value: o.id, text: o.label })) };
      case "yes_no": {
        const choices = [
          { value: "yes", text: q.yes_label ?? "Yes" },
          { value: "no", text: q.no_label ?? "No" },
        ];
        if (q.unsure) choices.push({ value: "unsure", text: "I'm not sure" });
        return { ...base, type: "radiogroup", choices };
      }
      case "number":
        return { ...base, type: "text", inputType: "number", min: q.min, max: q.max };
      default:
        throw new Error(`no SurveyJS form for the question kind ${q.kind}`);
    }
  });
  return { title: p.treatment?.name, questionsOnPageMode: "questionPerPage", pages: [{ elements }] };
}

/** SurveyJS 2.x (core, UI and its default theme) showing that questionnaire. */
export function surveyPage(protocol) {
  return page(
    "SurveyJS",
    `<link rel="stylesheet" href="/survey/survey-core/survey-core.min.css">
<script src="/survey/survey-core/survey.core.min.js"></script>
<script src="/survey/survey-js-ui/survey-js-ui.min.js"></script>`,
    `<div id="survey"></div>
<script>
const survey = new Survey.Model(${JSON.stringify(surveyJson(protocol))});
SurveyUI.renderSurvey(survey, document.getElementById("survey"));
</script>`,
  );
}
