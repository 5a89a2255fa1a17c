// The benchmark's tables (Markdown): the four headline figures beside plain HTML and SurveyJS,
// each against its goal, then the details.
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(1)} ms`;
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? "met" : "**missed**");

/** The goals the headline figures are held to. */
export const GOALS = {
  gzipBytes: 104 * 1024,
  firstQuestionToFloor: 1.5,
  stepP95ThrottledMs: 16,
  lighthousePerformance: 100,
  lcpMs: 1200,
};

export function table(r) {
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);
  const throttled = `throttled${r.throttle}x`;
  const load = r.machine.load ? `; load average ${r.machine.load.before[0]} before, ${r.machine.load.after[0]} after` : "";
  lines.push(`Measured ${r.date.slice(0, 10)} on ${r.machine.cpu} (${r.machine.cores} cores${load}), Chromium ${r.machine.chromium}, SurveyJS ${r.machine.surveyjs}.`, "");

  const b = r.bytes;
  const fq = r.firstQuestionMs;
  const s = r.steps;
  const l = r.lighthouse;
  lines.push("**The four figures** (widget beside plain HTML and SurveyJS, one run)", "");
  row("figure", "widget", "plain HTML", "SurveyJS", "widget ÷ plain HTML", "widget ÷ SurveyJS", "goal", "");
  row("---", "---:", "---:", "---:", "---:", "---:", "---", "---");
  row(
    "1. bytes to the first answerable question, gzip -9",
    kb(b.widget.total.gzip), kb(b.floor.total.gzip), kb(b.surveyjs.total.gzip),
    ratio(b.widget.total.gzip / b.floor.total.gzip), ratio(b.widget.total.gzip / b.surveyjs.total.gzip),
    `≤ ${kb(GOALS.gzipBytes)}`, verdict(b.widget.total.gzip <= GOALS.gzipBytes),
  );
  row(
    "   the same, brotli (quality 11)",
    kb(b.widget.total.brotli), kb(b.floor.total.brotli), kb(b.surveyjs.total.brotli),
    ratio(b.widget.total.brotli / b.floor.total.brotli), ratio(b.widget.total.brotli / b.surveyjs.total.brotli), "", "",
  );
  row(
    `2. time to first question, median of ${fq.floor.n}`,
    ms(fq.widget.median), ms(fq.floor.median), ms(fq.surveyjs.median),
    ratio(fq.widget.median / fq.floor.median), ratio(fq.widget.median / fq.surveyjs.median),
    `≤ ${GOALS.firstQuestionToFloor}× plain HTML`, verdict(fq.widget.median / fq.floor.median <= GOALS.firstQuestionToFloor),
  );
  const wt = s.widget[throttled].laidOut;
  const st = s.surveyjs[throttled].laidOut;
  row(
    `3. step latency p95, CPU ÷${r.throttle} (Continue to the next screen laid out; ${wt.n} and ${st.n} steps)`,
    ms(wt.p95), "—", ms(st.p95), "—", ratio(wt.p95 / st.p95),
    `< ${GOALS.stepP95ThrottledMs} ms`, verdict(wt.p95 < GOALS.stepP95ThrottledMs),
  );
  const wu = s.widget.unthrottled.laidOut;
  const su = s.surveyjs.unthrottled.laidOut;
  row("   the same, CPU not slowed", ms(wu.p95), "—", ms(su.p95), "—", ratio(wu.p95 / su.p95), "", "");
  if (l) {
    row(
      "4. Lighthouse performance (mobile; widget: the demo page)",
      String(l.demo.performance), String(l.floor.performance), String(l.surveyjs.performance), "", "",
      String(GOALS.lighthousePerformance), verdict(l.demo.performance >= GOALS.lighthousePerformance),
    );
    row(
      "   largest contentful paint",
      ms(l.demo.lcpMs), ms(l.floor.lcpMs), ms(l.surveyjs.lcpMs),
      ratio(l.demo.lcpMs / l.floor.lcpMs), ratio(l.demo.lcpMs / l.surveyjs.lcpMs),
      `≤ ${ms(GOALS.lcpMs)}`, verdict(l.demo.lcpMs <= GOALS.lcpMs),
    );
  }

  lines.push("", "**Bytes** (the files each page requested before its first question was answerable, beyond its own HTML)", "");
  row("files", "raw", "gzip -9", "brotli");
  row("---", "---:", "---:", "---:");
  for (const [name, bytes] of Object.entries(b)) {
    for (const f of bytes.files) row(`${name}: ${f.name}`, kb(f.raw), kb(f.gzip), kb(f.brotli));
    row(`**${name} total**`, kb(bytes.total.raw), kb(bytes.total.gzip), kb(bytes.total.brotli));
  }

  lines.push("", `**Time to first question** (navigation start to the choices in the DOM; answerable: the page's own code behind them, for the widget once the wasm has mounted; ${fq.floor.n} fresh contexts each)`, "");
  row("page", "median", "min", "max", "× floor", "answerable, median", "× floor");
  row("---", "---:", "---:", "---:", "---:", "---:", "---:");
  const floor = fq.floor.median;
  for (const [name, t] of Object.entries(fq)) {
    const live = r.liveMs?.[name];
    row(name, ms(t.median), ms(t.min), ms(t.max), ratio(t.median / floor), live ? ms(live.median) : "", live ? ratio(live.median / r.liveMs.floor.median) : "");
  }

  lines.push("", "**Step latency** (click on Continue, or SurveyJS's Next, to: the next screen in the DOM and laid out; the first animation frame after it; the DOM change alone)", "");
  row("page", "CPU", "steps", "laid out: median", "p95", "max", "next frame: median", "p95", "DOM change: median", "p95");
  row("---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
  for (const [name, byRate] of Object.entries(s)) {
    for (const [rate, x] of Object.entries(byRate)) {
      row(
        name, rate === "unthrottled" ? "full speed" : `÷${r.throttle}`, `${x.laidOut.n} (${x.quizzes} quizzes)`,
        ms(x.laidOut.median), ms(x.laidOut.p95), ms(x.laidOut.max),
        ms(x.toNextFrame.median), ms(x.toNextFrame.p95), ms(x.toDomChange.median), ms(x.toDomChange.p95),
      );
    }
  }

  const m = r.memory;
  const wasm = m.widgetAfterQuiz.wasmBytes === null ? "" : ` + wasm memory ${kb(m.widgetAfterQuiz.wasmBytes)}`;
  lines.push("", `**Memory**: widget after a whole quiz: JS heap ${kb(m.widgetAfterQuiz.jsHeapBytes)}${wasm}; at the first question: floor JS heap ${kb(m.floorAtFirstQuestion.jsHeapBytes)}, SurveyJS JS heap ${kb(m.surveyjsAtFirstQuestion.jsHeapBytes)}.`);
  if (l) {
    lines.push("", "**Lighthouse** (mobile, simulated throttling)", "");
    row("page", "performance", "accessibility", "best practices", "LCP", "TBT", "CLS", "failing audits");
    row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---");
    const names = { demo: "widget: the demo page", floor: "plain HTML", surveyjs: "SurveyJS" };
    for (const [name, x] of Object.entries(l)) {
      row(names[name] ?? name, x.performance, x.accessibility, x.bestPractices, ms(x.lcpMs), ms(x.tbtMs), x.cls.toFixed(3), x.failing.join(", ") || "none");
    }
  }
  return `${lines.join("\n")}\n`;
}
