// Measurements in Chromium, each in a fresh browser context (its own cache and profile).
// Times are read in the page (window.__probe, see probe.js), never across the driver.

/** Loads `url` in a fresh context; resolves to the page times at which the first question's
 * choices were in the DOM (`ms`) and answerable by the page's own code (`liveMs`: the widget
 * mounted), and the URLs the page requested before it was answerable (`files`). */
export async function firstQuestion(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await untilLive(page, url, 30_000);
  const result = await page.evaluate(() => {
    const { firstQuestion, live } = window.__probe;
    const files = performance.getEntriesByType("resource").filter((e) => e.startTime <= live).map((e) => e.name);
    return { ms: firstQuestion, liveMs: live, files };
  });
  await context.close();
  return result;
}

/** Waits until the page's first question is answerable; else fails with what the page said. */
async function untilLive(page, url, timeout) {
  const said = [];
  page.on("pageerror", (error) => said.push(error.message));
  page.on("console", (message) => message.type() === "error" && said.push(message.text()));
  try {
    await page.waitForFunction(() => window.__probe.live !== null, null, { timeout });
  } catch (error) {
    throw new Error(`${url}: no answerable question after ${timeout} ms${said.length ? ` (the page said: ${said.join("; ")})` : ""}`, { cause: error });
  }
}

/** The answer the benchmark gives on each screen: a plausible visitor without contraindications. */
const PREFERRED = ["no", "never", "none", "type_3", "over_1_year", "moderate"];

async function answer(section) {
  const number = section.locator("input[type=number]");
  if (await number.count()) return number.fill("35");
  // SurveyJS hides its inputs visually behind styled labels: checked without the pointer.
  const options = { force: true };
  const checkbox = section.locator("input[type=checkbox]");
  if (await checkbox.count()) return checkbox.first().check(options);
  for (const value of PREFERRED) {
    const radio = section.locator(`input[type=radio][value="${value}"]`);
    if (await radio.count()) return radio.check(options);
  }
  return section.locator("input[type=radio]").first().check(options);
}

/** How to walk each page's quiz: the screen with a question, the other screens that continue,
 * the end, and the button that goes on. */
const QUIZ = {
  widget: {
    root: (page) => page.locator("candidacy-quiz"),
    question: "section[data-question-id]",
    other: "[data-step=check-answers]",
    end: "[data-outcome]",
    next: "[data-action=next]",
  },
  surveyjs: {
    root: (page) => page.locator("#survey"),
    question: ".sd-question[data-name]",
    other: null,
    end: ".sd-completedpage",
    next: ".sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible",
  },
};

/** Completes one quiz with real clicks, the CPU slowed `cpuThrottle` times (CDP
 * Emulation.setCPUThrottlingRate; 1: not slowed); resolves to the step latencies (ms: to the
 * next screen laid out, to the next frame, to the DOM change alone), and for the widget the JS
 * heap and the wasm linear memory after the result is shown. */
export async function wholeQuiz(browser, url, { kind = "widget", cpuThrottle = 1 } = {}) {
  const quiz = QUIZ[kind];
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpuThrottle !== 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuThrottle });
  await page.goto(url);
  await untilLive(page, url, 60_000);
  const root = quiz.root(page);
  const end = root.locator(quiz.end);
  await root.locator(quiz.question).first().waitFor();
  for (let screens = 0; !(await end.count()); screens++) {
    if (screens > 60) throw new Error(`${kind}: the quiz did not end after 60 screens`);
    const section = root.locator(quiz.question);
    const before = await page.evaluate(() => window.__probe.steps.length);
    if (await section.count()) await answer(section.first());
    else if (!quiz.other || !(await root.locator(quiz.other).count())) {
      throw new Error(`${kind}: neither a question, the check screen nor a result is shown`);
    }
    await root.locator(quiz.next).first().click();
    await page.waitForFunction((n) => window.__probe.steps.length > n, before);
  }
  if (cpuThrottle !== 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const { steps, changes, laidOut } = await page.evaluate(() => window.__probe);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const wasmBytes = await page.evaluate(() => window.__probe.wasmMemory?.buffer.byteLength ?? null);
  const outcome = kind === "widget" ? await end.getAttribute("data-outcome") : "completed";
  await context.close();
  return { laidOut, steps, changes, jsHeapBytes: heap.usedSize, wasmBytes, outcome };
}

/** The JS heap of a page once its first question shows (after a garbage collection). */
export async function heapAtFirstQuestion(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await untilLive(page, url, 30_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  await context.close();
  return heap.usedSize;
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}
