// The benchmark's table (Markdown), with each target shown as the ratio measured in the run.
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(1)} ms`;
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? "met" : "**missed**");

export function table(r) {
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);
  lines.push(`Measured ${r.date.slice(0, 10)} on ${r.machine.cpu} (${r.machine.cores} cores), Chromium ${r.machine.chromium}, SurveyJS ${r.machine.surveyjs}.`, "");

  lines.push("**Bytes** (every file each page loads beyond its own HTML)", "");
  row("files", "raw", "gzip -9", "brotli");
  row("---", "---:", "---:", "---:");
  for (const [name, b] of Object.entries(r.bytes)) {
    for (const f of b.files) row(`${name}: ${f.name}`, kb(f.raw), kb(f.gzip), kb(f.brotli));
    row(`**${name} total**`, kb(b.total.raw), kb(b.total.gzip), kb(b.total.brotli));
  }

  lines.push("", `**Time to first question** (navigation start to the choices in the DOM; ${r.firstQuestionMs.floor.n} fresh contexts each)`, "");
  row("page", "median", "min", "max", "× floor");
  row("---", "---:", "---:", "---:", "---:");
  const floor = r.firstQuestionMs.floor.median;
  for (const [name, s] of Object.entries(r.firstQuestionMs)) row(name, ms(s.median), ms(s.min), ms(s.max), ratio(s.median / floor));

  lines.push("", "**Targets**", "");
  row("target", "measured", "");
  row("---", "---:", "---");
  const t = r.ratios;
  row("transfer (gzip) ≤ ¼ of SurveyJS", ratio(t.transferGzipWidgetToSurveyjs), verdict(t.transferGzipWidgetToSurveyjs <= 0.25));
  row("transfer (gzip) ≤ 120 KB", kb(r.bytes.widget.total.gzip), verdict(r.bytes.widget.total.gzip <= 120 * 1024));
  row("first question ≤ 2× the floor", ratio(t.firstQuestionWidgetToFloor), verdict(t.firstQuestionWidgetToFloor <= 2));
  row("first question ≤ ⅓ of SurveyJS", ratio(t.firstQuestionWidgetToSurveyjs), verdict(t.firstQuestionWidgetToSurveyjs <= 1 / 3));
  row(`step latency p95 < 16 ms (${r.steps.n} steps, ${r.steps.quizzes} quizzes)`, `${ms(r.steps.p95)} (median ${ms(r.steps.median)})`, verdict(r.steps.p95 < 16));
  if (r.lighthouse) {
    const l = r.lighthouse;
    row("Lighthouse performance ≥ 95", String(l.performance), verdict(l.performance >= 95));
    row("Lighthouse accessibility 100", String(l.accessibility), verdict(l.accessibility === 100));
    row("Lighthouse best practices 100", String(l.bestPractices), verdict(l.bestPractices === 100));
  }

  const w = r.steps.toDomChange;
  lines.push("", `**Step latency**: click on Continue to the first animation frame after the next screen is in the DOM: median ${ms(r.steps.median)}, p95 ${ms(r.steps.p95)}, max ${ms(r.steps.max)}; of which the widget's own work (click to DOM change, effects included): median ${ms(w.median)}, p95 ${ms(w.p95)}, max ${ms(w.max)}.`);
  const m = r.memory;
  lines.push("", `**Memory**: widget after a whole quiz: JS heap ${kb(m.widgetAfterQuiz.jsHeapBytes)} + wasm memory ${kb(m.widgetAfterQuiz.wasmBytes)}; at the first question: floor JS heap ${kb(m.floorAtFirstQuestion.jsHeapBytes)}, SurveyJS JS heap ${kb(m.surveyjsAtFirstQuestion.jsHeapBytes)}.`);
  if (r.lighthouse) {
    const l = r.lighthouse;
    lines.push("", `Lighthouse (mobile, simulated throttling) on the demo page: LCP ${l.lcpMs} ms, TBT ${l.tbtMs} ms, CLS ${l.cls.toFixed(3)}${l.failing.length ? `; failing audits: ${l.failing.join(", ")}` : ""}.`);
  }
  return `${lines.join("\n")}\n`;
}
