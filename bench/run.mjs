// The benchmark: the release widget, the same first question as plain HTML (the floor), and
// SurveyJS, side by side in one run of Debian's headless Chromium over 127.0.0.1.
// Usage (after a release build): node bench/run.mjs   — or scripts/bench.sh, which builds.
// Environment: BENCH_DIST (the release build, default dist/), BENCH_RUNS (fresh contexts per
// page, default 15), BENCH_QUIZZES (whole quizzes per page and CPU speed, default 3),
// BENCH_THROTTLE (the slowed CPU's factor, default 4), BENCH_LIGHTHOUSE=0 to skip Lighthouse.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { cpus, loadavg, release } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { sizes } from "./lib/bytes.mjs";
import { lighthouse } from "./lib/lighthouse.mjs";
import { firstQuestion, heapAtFirstQuestion, stats, wholeQuiz } from "./lib/measure.mjs";
import { floorPage, surveyPage, widgetPage } from "./lib/pages.mjs";
import { table } from "./lib/report.mjs";
import { serve } from "./lib/server.mjs";

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const DIST = process.env.BENCH_DIST ? `${resolve(process.env.BENCH_DIST)}/` : path("../dist/");
const OUT = path("out/");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUIZZES = Number(process.env.BENCH_QUIZZES ?? 3);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!existsSync(`${DIST}candidacy.js`)) {
  console.error(`bench: no release build in ${DIST}; run scripts/bench.sh (it builds first)`);
  process.exit(2);
}
const protocol = JSON.parse(readFileSync(path("../static/protocols/microneedling.json"), "utf8"));
mkdirSync(`${OUT}pages`, { recursive: true });
const PAGES = {
  floor: floorPage(protocol),
  widget: widgetPage(),
  "widget-preload": widgetPage(true),
  surveyjs: surveyPage(protocol),
};
for (const [name, html] of Object.entries(PAGES)) writeFileSync(`${OUT}pages/${name}.html`, html);
// The floor's bytes are its page's, without the benchmark's probe.
writeFileSync(`${OUT}pages/floor-without-probe.html`, floorPage(protocol, { probe: false }));

// The demo page (for Lighthouse) links its files from the root, so the build is served there too.
const server = await serve({ "/dist/": DIST, "/survey/": path("node_modules/"), "/pages/": `${OUT}pages/`, "/": DIST });
const url = (name) => `${server.origin}/pages/${name}.html`;
const loadBefore = loadavg();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
try {
  // Time to first question: the pages take turns, so drift on the machine touches all alike.
  const times = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
  const liveTimes = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
  const loaded = {};
  for (const name of Object.keys(PAGES)) loaded[name] = await firstQuestion(browser, url(name)); // warm-up
  for (let run = 0; run < RUNS; run++) {
    const order = Object.keys(PAGES);
    for (let k = 0; k < order.length; k++) {
      const name = order[(k + run) % order.length];
      const { ms, liveMs } = await firstQuestion(browser, url(name));
      times[name].push(ms);
      liveTimes[name].push(liveMs);
    }
    process.stderr.write(`\rbench: first question, run ${run + 1}/${RUNS}`);
  }
  process.stderr.write("\n");

  // Bytes: the files each page requested before its first question was answerable (for the
  // widget: mounted, not the loader's first screen, whose Continue waits for the wasm).
  const filesOf = (urls, prefix, dir) =>
    urls
      .map((u) => new URL(u).pathname)
      .filter((p) => p.startsWith(prefix))
      .map((p) => ({ name: p.slice(prefix.length), path: dir + p.slice(prefix.length) }));
  const bytes = {
    widget: sizes(filesOf(loaded.widget.files, "/dist/", DIST)),
    surveyjs: sizes(filesOf(loaded.surveyjs.files, "/survey/", path("node_modules/"))),
    floor: sizes([{ name: "floor.html", path: `${OUT}pages/floor-without-probe.html` }]),
  };

  // Step latency: whole quizzes with real clicks, at full speed and with the CPU slowed.
  const quizzes = { widget: { 1: [], [THROTTLE]: [] }, surveyjs: { 1: [], [THROTTLE]: [] } };
  for (const cpuThrottle of [1, THROTTLE]) {
    for (let q = 0; q < QUIZZES; q++) {
      for (const kind of ["widget", "surveyjs"]) {
        process.stderr.write(`\rbench: whole quizzes, CPU ÷${cpuThrottle}, ${kind} ${q + 1}/${QUIZZES}   `);
        quizzes[kind][cpuThrottle].push(await wholeQuiz(browser, url(kind), { kind, cpuThrottle }));
      }
    }
  }
  process.stderr.write("\n");
  const stepsOf = (list) => ({
    quizzes: list.length,
    outcomes: list.map((q) => q.outcome),
    laidOut: stats(list.flatMap((q) => q.laidOut)),
    toNextFrame: stats(list.flatMap((q) => q.steps)),
    toDomChange: stats(list.flatMap((q) => q.changes)),
  });
  const steps = Object.fromEntries(
    Object.entries(quizzes).map(([kind, byRate]) => [
      kind,
      Object.fromEntries(Object.entries(byRate).map(([rate, list]) => [rate === "1" ? "unthrottled" : `throttled${rate}x`, stepsOf(list)])),
    ]),
  );

  const lastWidget = quizzes.widget[1].at(-1);
  const memory = {
    widgetAfterQuiz: { jsHeapBytes: lastWidget.jsHeapBytes, wasmBytes: lastWidget.wasmBytes },
    floorAtFirstQuestion: { jsHeapBytes: await heapAtFirstQuestion(browser, url("floor")) },
    surveyjsAtFirstQuestion: { jsHeapBytes: await heapAtFirstQuestion(browser, url("surveyjs")) },
  };

  let scores = null;
  if (process.env.BENCH_LIGHTHOUSE !== "0") {
    scores = {};
    const targets = { demo: `${server.origin}/index.html`, floor: url("floor"), surveyjs: url("surveyjs") };
    for (const [name, target] of Object.entries(targets)) {
      process.stderr.write(`bench: Lighthouse on the ${name} page\n`);
      scores[name] = await lighthouse(target, `${OUT}lighthouse-${name}.json`);
    }
  }

  const firstQuestionMs = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, stats(ms)]));
  const liveMs = Object.fromEntries(Object.entries(liveTimes).map(([name, ms]) => [name, stats(ms)]));
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model.trim(),
      cores: cpus().length,
      kernel: release(),
      // Other work on the machine: the 1, 5 and 15 minute load averages, before and after.
      load: { before: loadBefore.map((x) => Number(x.toFixed(2))), after: loadavg().map((x) => Number(x.toFixed(2))) },
      chromium: browser.version(),
      node: process.version,
      surveyjs: JSON.parse(readFileSync(path("node_modules/survey-core/package.json"), "utf8")).version,
    },
    throttle: THROTTLE,
    bytes,
    firstQuestionMs,
    liveMs,
    steps,
    memory,
    lighthouse: scores,
    ratios: {
      transferGzipWidgetToFloor: bytes.widget.total.gzip / bytes.floor.total.gzip,
      transferGzipWidgetToSurveyjs: bytes.widget.total.gzip / bytes.surveyjs.total.gzip,
      firstQuestionWidgetToFloor: firstQuestionMs.widget.median / firstQuestionMs.floor.median,
      firstQuestionWidgetPreloadToFloor: firstQuestionMs["widget-preload"].median / firstQuestionMs.floor.median,
      firstQuestionWidgetToSurveyjs: firstQuestionMs.widget.median / firstQuestionMs.surveyjs.median,
      liveWidgetToFloor: liveMs.widget.median / liveMs.floor.median,
      stepP95ThrottledWidgetToSurveyjs:
        steps.widget[`throttled${THROTTLE}x`].laidOut.p95 / steps.surveyjs[`throttled${THROTTLE}x`].laidOut.p95,
    },
  };
  writeFileSync(path("results.json"), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = table(results);
  writeFileSync(path("results.md"), markdown);
  console.log(markdown);
} finally {
  await browser.close();
  await server.close();
}
