// Measurements in Chromium, each in a fresh browser context (its own cache and profile).
// Times are read in the page (window.__probe, see probe.js), never across the driver.

/** Loads `url` in a fresh context; resolves to the page time at which the first question's
 * choices were in the DOM, and the URLs the page loaded. */
export async function firstQuestion(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const loaded = [];
  page.on("response", (response) => loaded.push(response.url()));
  await page.goto(url);
  await page.waitForFunction(() => window.__probe.firstQuestion !== null, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.__probe.firstQuestion);
  await context.close();
  return { ms, loaded };
}

/** The answer the benchmark gives on each screen: a plausible visitor without contraindications. */
const PREFERRED = ["no", "never", "none", "type_3", "over_1_year", "moderate"];

async function answer(section) {
  const number = section.locator("input[type=number]");
  if (await number.count()) return number.fill("35");
  const checkbox = section.locator("input[type=checkbox]");
  if (await checkbox.count()) return checkbox.first().check();
  for (const value of PREFERRED) {
    const radio = section.locator(`input[type=radio][value="${value}"]`);
    if (await radio.count()) return radio.check();
  }
  return section.locator("input[type=radio]").first().check();
}

/** Completes one quiz in the widget with real clicks; resolves to the step latencies (ms: to
 * the next frame, and to the DOM change alone), the JS heap and the wasm linear memory after the
 * result is shown. */
export async function wholeQuiz(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const widget = page.locator("candidacy-quiz");
  const result = widget.locator("[data-outcome]");
  await widget.locator("section[data-question-id]").waitFor();
  for (let screens = 0; !(await result.count()); screens++) {
    if (screens > 60) throw new Error("the quiz did not end after 60 screens");
    const section = widget.locator("section[data-question-id]");
    const check = widget.locator("[data-step=check-answers]");
    const before = await page.evaluate(() => window.__probe.steps.length);
    if (await section.count()) await answer(section);
    else if (!(await check.count())) throw new Error("neither a question, the check screen nor a result is shown");
    await widget.locator("[data-action=next]").first().click();
    await page.waitForFunction((n) => window.__probe.steps.length > n, before);
  }
  const { steps, changes } = await page.evaluate(() => window.__probe);
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const wasmBytes = await page.evaluate(async () => {
    const glue = await import("/dist/widget.js");
    return (await glue.default()).memory.buffer.byteLength;
  });
  const outcome = await result.getAttribute("data-outcome");
  await context.close();
  return { steps, changes, jsHeapBytes: heap.usedSize, wasmBytes, outcome };
}

/** The JS heap of a page once its first question shows (after a garbage collection). */
export async function heapAtFirstQuestion(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__probe.firstQuestion !== null);
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
