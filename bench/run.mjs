// The benchmark: the release widget, the same first question as plain HTML (the floor), and
// SurveyJS, side by side in one run of Debian's headless Chromium over 127.0.0.1.
// Usage (after a release build in dist/): node bench/run.mjs   — or scripts/bench.sh, which builds.
// Environment: BENCH_RUNS (fresh contexts per page, default 15), BENCH_QUIZZES (default 3),
// BENCH_LIGHTHOUSE=0 to skip Lighthouse.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { cpus, release } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { sizes } from "./lib/bytes.mjs";
import { lighthouse } from "./lib/lighthouse.mjs";
import { firstQuestion, heapAtFirstQuestion, stats, wholeQuiz } from "./lib/measure.mjs";
import { floorPage, surveyPage, widgetPage } from "./lib/pages.mjs";
import { table } from "./lib/report.mjs";
import { serve } from "./lib/server.mjs";

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const DIST = path("../dist/");
const OUT = path("out/");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUIZZES = Number(process.env.BENCH_QUIZZES ?? 3);
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!existsSync(`${DIST}candidacy.js`)) {
  console.error("bench: no release build in dist/; run scripts/bench.sh (it builds first)");
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

// The demo page (for Lighthouse) links its files from the root, so the build is served there too.
const server = await serve({ "/dist/": DIST, "/survey/": path("node_modules/"), "/pages/": `${OUT}pages/`, "/": DIST });
const url = (name) => `${server.origin}/pages/${name}.html`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
try {
  // Time to first question: the pages take turns, so drift on the machine touches all alike.
  const times = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
  const loaded = {};
  for (const name of Object.keys(PAGES)) loaded[name] = (await firstQuestion(browser, url(name))).loaded; // warm-up
  for (let run = 0; run < RUNS; run++) {
    const order = Object.keys(PAGES);
    for (let k = 0; k < order.length; k++) {
      const name = order[(k + run) % order.length];
      times[name].push((await firstQuestion(browser, url(name))).ms);
    }
    process.stderr.write(`\rbench: first question, run ${run + 1}/${RUNS}`);
  }
  process.stderr.write("\n");

  const filesOf = (name, prefix, dir) =>
    loaded[name]
      .map((u) => new URL(u).pathname)
      .filter((p) => p.startsWith(prefix))
      .map((p) => ({ name: p.slice(prefix.length), path: dir + p.slice(prefix.length) }));
  const bytes = {
    widget: sizes(filesOf("widget", "/dist/", DIST)),
    surveyjs: sizes(filesOf("surveyjs", "/survey/", path("node_modules/"))),
    floor: sizes([{ name: "floor.html", path: `${OUT}pages/floor.html` }]),
  };

  const quizzes = [];
  for (let q = 0; q < QUIZZES; q++) quizzes.push(await wholeQuiz(browser, url("widget")));
  const memory = {
    widgetAfterQuiz: { jsHeapBytes: quizzes.at(-1).jsHeapBytes, wasmBytes: quizzes.at(-1).wasmBytes },
    floorAtFirstQuestion: { jsHeapBytes: await heapAtFirstQuestion(browser, url("floor")) },
    surveyjsAtFirstQuestion: { jsHeapBytes: await heapAtFirstQuestion(browser, url("surveyjs")) },
  };

  let scores = null;
  if (process.env.BENCH_LIGHTHOUSE !== "0") {
    process.stderr.write("bench: Lighthouse on the demo page\n");
    scores = await lighthouse(`${server.origin}/index.html`, `${OUT}lighthouse.json`);
  }

  const firstQuestionMs = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, stats(ms)]));
  const steps = stats(quizzes.flatMap((q) => q.steps));
  const work = stats(quizzes.flatMap((q) => q.changes));
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model.trim(),
      cores: cpus().length,
      kernel: release(),
      chromium: browser.version(),
      node: process.version,
      surveyjs: JSON.parse(readFileSync(path("node_modules/survey-core/package.json"), "utf8")).version,
    },
    bytes,
    firstQuestionMs,
    steps: { ...steps, quizzes: QUIZZES, outcomes: quizzes.map((q) => q.outcome), toDomChange: work },
    memory,
    lighthouse: scores,
    ratios: {
      transferGzipWidgetToSurveyjs: bytes.widget.total.gzip / bytes.surveyjs.total.gzip,
      firstQuestionWidgetToFloor: firstQuestionMs.widget.median / firstQuestionMs.floor.median,
      firstQuestionWidgetPreloadToFloor: firstQuestionMs["widget-preload"].median / firstQuestionMs.floor.median,
      firstQuestionWidgetToSurveyjs: firstQuestionMs.widget.median / firstQuestionMs.surveyjs.median,
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
