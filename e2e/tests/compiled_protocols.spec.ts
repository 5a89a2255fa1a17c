// The widget runs compiled protocols only (`candidacy build`): a protocol as written (JSON), or a
// compiled file that was edited, cut short, proven by another verifier or is not one at all, gets the
// clinic's contact details and a console error saying why. Languages other than English come on
// demand, from the `<name>.<locale>.texts.bin` beside the protocol, only for a visitor who reads
// them; texts that cannot be had leave the quiz in English, never the fallback. The result names
// the fingerprint the CLI prints for the file as written.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, type PageProblems } from "./fixtures/test";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { CLI, fulfillBinary } from "./fixtures/compile";
import { REPO_ROOT, pathOf, protocolIn, type Answer } from "./fixtures/protocol";
import { QuizPage } from "./fixtures/quiz_page";

const PEEL_JSON = `${REPO_ROOT}static/protocols/chemical-peel.json`;
/** The compiled peel protocol as a release ships it (Trunk's copy of static/protocols/). */
const PEEL = readFileSync(`${REPO_ROOT}dist/protocols/chemical-peel.protocol.bin`);
const es = protocolIn("es");
const en = protocolIn("en");

/** Adds a widget running the protocol at `url` (answered by `body`) and waits for its contact details. */
async function refused(page: Page, body: Buffer | string, url = "/site/clinic.protocol.bin"): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener("candidacy:fallback", (e) => ((window as { __causes?: unknown[] }).__causes ??= []).push((e as CustomEvent).detail.cause));
  });
  await page.route((u) => u.pathname === url, (route) => fulfillBinary(route, Buffer.from(body)));
  await page.goto("/site/blank.html");
  await page.evaluate(
    ([clinic, url]) => {
      const quiz = document.createElement("candidacy-quiz");
      for (const [name, value] of Object.entries(clinic)) quiz.setAttribute(name, value);
      quiz.setAttribute("protocol", url);
      document.getElementById("slot")!.append(quiz);
    },
    [CLINIC, url] as const,
  );
  const fallback = page.locator("candidacy-quiz [data-step=fallback]");
  await expect(fallback).toBeVisible();
  await expect(fallback.locator("[data-action=call]")).toHaveAttribute("href", "tel:+15550100");
  await expect(fallback.locator("[data-action=book]")).toHaveAttribute("href", "https://clinic.example/book");
  await expect(page.locator("candidacy-quiz [data-question-id], candidacy-quiz [data-step=welcome]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __causes?: unknown[] }).__causes)).toEqual(["protocol"]);
}

/** The console's one error names the file and says why; it is the expected one, so it is cleared. */
function expectConsoleSays(problems: PageProblems, url: string, why: string): void {
  const said = problems.errors.filter((e) => e.includes("candidacy: cannot use the protocol"));
  expect(said, problems.errors.join("\n")).toHaveLength(1);
  expect(said[0]).toContain(`candidacy: cannot use the protocol at \`${url}\`: ${why}`);
  problems.errors.length = 0;
}

/** `file` sealed again after `edit`: a valid checksum over the edited bytes, as `candidacy build` seals. */
function resealed(file: Buffer, edit: (body: Buffer) => void): Buffer {
  const sealed = Buffer.from(file.subarray(0, file.length - 32));
  edit(sealed);
  return Buffer.concat([sealed, createHash("sha256").update(sealed).digest()]);
}

test.describe("refused, with the clinic's contact details and the reason in the console", () => {
  test("a protocol file as written (JSON): the console says to run `candidacy build`", async ({ page, problems }) => {
    const url = "/site/chemical-peel.json";
    await refused(page, readFileSync(PEEL_JSON), url);
    expectConsoleSays(problems, url, "this is a protocol file as written (JSON); run `candidacy build` on it and use the file it writes");
  });

  test("the shipped JSON beside the compiled files, by its own URL, is refused too", async ({ page, problems }) => {
    await page.goto("/site/blank.html");
    await page.evaluate((clinic) => {
      const quiz = document.createElement("candidacy-quiz");
      for (const [name, value] of Object.entries(clinic)) quiz.setAttribute(name, value);
      quiz.setAttribute("protocol", "/protocols/chemical-peel.json");
      document.getElementById("slot")!.append(quiz);
    }, CLINIC);
    await expect(page.locator("candidacy-quiz [data-step=fallback] [data-action=call]")).toHaveAttribute("href", "tel:+15550100");
    await expect.poll(() => problems.errors.join("\n")).toContain("candidacy: cannot use the protocol at `/protocols/chemical-peel.json`: this is a protocol file as written (JSON); run `candidacy build`");
    problems.errors.length = 0;
  });

  test("one byte changed in the middle: damaged or edited", async ({ page, problems }) => {
    const edited = Buffer.from(PEEL);
    const at = Math.floor(edited.length / 2);
    edited[at] ^= 0x01;
    await refused(page, edited);
    expectConsoleSays(problems, "/site/clinic.protocol.bin", "the file is damaged or was edited after `candidacy build` wrote it");
  });

  test("cut short within its header: truncated, with its length", async ({ page, problems }) => {
    await refused(page, PEEL.subarray(0, 12));
    expectConsoleSays(problems, "/site/clinic.protocol.bin", "the file is truncated (12 bytes)");
  });

  test("cut in half: shorter than its header says, so it is refused as truncated", async ({ page, problems }) => {
    const half = Math.floor(PEEL.length / 2);
    await refused(page, PEEL.subarray(0, half));
    expectConsoleSays(problems, "/site/clinic.protocol.bin", `the file is truncated (${half} bytes)`);
  });

  test("a foreign file (a GIF): not a compiled protocol", async ({ page, problems }) => {
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
    await refused(page, gif);
    expectConsoleSays(problems, "/site/clinic.protocol.bin", "this is not a compiled protocol (run `candidacy build`)");
  });

  test("a texts file given as the protocol: not a compiled protocol", async ({ page, problems }) => {
    await refused(page, readFileSync(`${REPO_ROOT}dist/protocols/chemical-peel.es.texts.bin`));
    expectConsoleSays(problems, "/site/clinic.protocol.bin", "this is not a compiled protocol (run `candidacy build`)");
  });

  test("proven by another version of the verifier (sealed again, so only the proof differs)", async ({ page, problems }) => {
    // After the magic (8 bytes), the format (2) and the body's length (4): the proof's version, one postcard byte.
    const proof = PEEL[14];
    const older = resealed(PEEL, (body) => (body[14] = proof - 1));
    await refused(page, older);
    expectConsoleSays(problems, "/site/clinic.protocol.bin", `proven by another version of the verifier (proof ${proof - 1}, this widget needs ${proof}); run \`candidacy build\` again`);
  });
});

/** Every request for a language's texts file, as path and query. */
function textsRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith(".texts.bin")) seen.push(url.pathname + url.search);
  });
  return seen;
}

const BUILT_IN_ES = "/cdn/candidacy/protocols/microneedling.es.texts.bin";

test.describe("languages on demand", () => {
  test("an English page: the built-in quiz fetches no texts file, from the welcome to the result", async ({ page }) => {
    const texts = textsRequests(page);
    await page.goto("/site/blank.html");
    const quiz = await addWidget(page, CLINIC);
    await expect(quiz.root).toHaveAttribute("lang", "en");
    await quiz.start();
    await expect(quiz.question("concerns").locator("h1")).toHaveText(en.questions[0].prompt);
    await quiz.answerPath(pathOf());
    await quiz.seeResult();
    await quiz.expectOutcome("candidate", [3, 4]);
    expect(texts).toEqual([]);
  });

  test("a Spanish page: the built-in quiz fetches its Spanish texts once and shows them", async ({ page }) => {
    const texts = textsRequests(page);
    await page.goto("/site/blank.html");
    await page.evaluate(() => (document.documentElement.lang = "es"));
    const quiz = await addWidget(page, CLINIC);
    await expect(quiz.root).toHaveAttribute("lang", "es");
    await expect(quiz.welcome.locator("h1")).toHaveText(/descubre si es para ti/);
    await quiz.start();
    await expect(quiz.question("concerns").locator("h1")).toHaveText(es.questions[0].prompt);
    await quiz.answerAndContinue("concerns", ["acne_scars"]);
    await expect(quiz.question("treatment_area").locator("h1")).toHaveText(es.questions[1].prompt);
    expect(texts).toEqual([BUILT_IN_ES]);
  });

  test("a Spanish element (lang on it) on an English page: the same one fetch, and Spanish", async ({ page }) => {
    const texts = textsRequests(page);
    await page.goto("/site/blank.html");
    await page.evaluate(() => (document.getElementById("slot")!.lang = "es"));
    const quiz = await addWidget(page, CLINIC);
    await expect(quiz.root).toHaveAttribute("lang", "es");
    await quiz.start();
    await expect(quiz.question("concerns").locator("h1")).toHaveText(es.questions[0].prompt);
    expect(texts).toEqual([BUILT_IN_ES]);
  });

  test("switching to Español on an English page fetches the texts then, and shows Spanish", async ({ page }) => {
    const texts = textsRequests(page);
    await page.goto("/site/blank.html");
    const quiz = await addWidget(page, CLINIC);
    await quiz.start();
    await quiz.answerAndContinue("concerns", ["fine_lines"]);
    await expect(quiz.question("treatment_area").locator("h1")).toHaveText(en.questions[1].prompt);
    expect(texts, "nothing fetched before the visitor chooses").toEqual([]);

    await quiz.root.getByRole("navigation", { name: "Language" }).getByRole("button", { name: "Español" }).click();
    await expect(quiz.root).toHaveAttribute("lang", "es");
    await expect(quiz.question("treatment_area").locator("h1")).toHaveText(es.questions[1].prompt);
    expect(texts).toEqual([BUILT_IN_ES]);

    // Back to English and to Spanish again: the texts are already here.
    await quiz.root.getByRole("navigation", { name: "Idioma" }).getByRole("button", { name: "English" }).click();
    await expect(quiz.question("treatment_area").locator("h1")).toHaveText(en.questions[1].prompt);
    await quiz.root.getByRole("navigation", { name: "Language" }).getByRole("button", { name: "Español" }).click();
    await expect(quiz.question("treatment_area").locator("h1")).toHaveText(es.questions[1].prompt);
    expect(texts).toEqual([BUILT_IN_ES]);
  });

  test("a compiled protocol's texts come from beside it, with its query string, only in that language", async ({ page }) => {
    const texts = textsRequests(page);
    await page.goto("/site/blank.html");
    const english = await addWidget(page, { ...CLINIC, protocol: "/protocols/chemical-peel.protocol.bin?v=2" }, "english");
    await english.start();
    await expect(english.question("concerns").locator("h1")).toHaveText("What would you like to improve?");
    expect(texts).toEqual([]);
    const spanish = await addWidget(page, { ...CLINIC, protocol: "/protocols/chemical-peel.protocol.bin?v=2", locale: "es" }, "spanish");
    await spanish.start();
    await expect(spanish.question("concerns").locator("h1")).toHaveText("¿Qué te gustaría mejorar?");
    expect(texts.map(pathAndQuery)).toEqual([["/protocols/chemical-peel.es.texts.bin", "v=2"]]);
  });

  test("a missing texts file: the quiz in English with one console warning, never the fallback", async ({ page, problems }) => {
    await page.route((url) => url.pathname === BUILT_IN_ES, (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto("/site/blank.html");
    await page.evaluate(() => (document.documentElement.lang = "es"));
    const quiz = await addWidget(page, CLINIC);
    await expect(quiz.welcome).toBeVisible();
    await expect(quiz.root).toHaveAttribute("lang", "en");
    await expect(quiz.startButton).toHaveText("Start now");
    await quiz.start();
    await expect(quiz.question("concerns").locator("h1")).toHaveText(en.questions[0].prompt);
    await expect(quiz.root.locator("[data-step=fallback]")).toHaveCount(0);
    expectEnglishWarning(problems, "the server answered 404");
  });

  test("another protocol's texts: the quiz in English with one console warning naming them", async ({ page, problems }) => {
    const peel = readFileSync(`${REPO_ROOT}dist/protocols/chemical-peel.es.texts.bin`);
    await page.route((url) => url.pathname === BUILT_IN_ES, (route) => fulfillBinary(route, peel));
    await page.goto("/site/blank.html");
    const quiz = await addWidget(page, { ...CLINIC, locale: "es" });
    await expect(quiz.root).toHaveAttribute("lang", "en");
    await quiz.start();
    await expect(quiz.question("concerns").locator("h1")).toHaveText(en.questions[0].prompt);
    expectEnglishWarning(problems, "these texts belong to another protocol");
  });
});

/** A URL's path, and its query parameters as the server reads them. */
const pathAndQuery = (url: string) => {
  const parsed = new URL(url, "http://127.0.0.1");
  return [parsed.pathname, parsed.searchParams.toString()];
};

/** The console warned once that the Spanish texts cannot be used, saying why; the browser's own
 * error for a failed request of that file is expected too. */
function expectEnglishWarning(problems: PageProblems, why: string): void {
  const warned = problems.warnings.filter((w) => w.startsWith("candidacy: showing English: the `es` texts cannot be used"));
  expect(warned, problems.warnings.join("\n")).toHaveLength(1);
  expect(warned[0]).toContain(`${BUILT_IN_ES}\`: ${why}`);
  const failedRequests = problems.errors.filter((e) => /Failed to load resource: .*404.*microneedling\.es\.texts\.bin/.test(e));
  expect(problems.errors.filter((e) => !failedRequests.includes(e)), "nothing else went wrong").toEqual([]);
  problems.errors.length = 0;
}

/** Answers whatever the widget asks from `answers` (by the peel protocol's question kinds) to the result. */
async function reachPeelResult(quiz: QuizPage, answers: Record<string, Answer>): Promise<void> {
  const kinds: Record<string, string> = Object.fromEntries(
    JSON.parse(readFileSync(PEEL_JSON, "utf8")).questions.map((q: { id: string; kind: string }) => [q.id, q.kind]),
  );
  await quiz.start();
  for (;;) {
    await expect(quiz.anyQuestion.or(quiz.checkScreen)).toBeVisible();
    if (await quiz.checkScreen.isVisible()) break;
    const id = await quiz.currentQuestion();
    const answer = answers[id];
    const screen = quiz.question(id);
    if (kinds[id] === "number") await screen.locator('input[type="number"]').fill(String(answer));
    else for (const value of [answer].flat()) await screen.locator(`input[value="${value === true ? "yes" : value === false ? "no" : value}"]`).check();
    await quiz.continueFrom(id);
  }
  await quiz.seeResult();
}

test("the result shows the fingerprint `candidacy fingerprint` and `candidacy table` print for the file as written", async ({ page }) => {
  const printed = execFileSync(CLI, ["fingerprint", PEEL_JSON], { encoding: "utf8" }).trim();
  expect(printed).toMatch(/^[0-9a-f]{12}$/);
  const table = execFileSync(CLI, ["table", PEEL_JSON], { encoding: "utf8" });
  expect(/Fingerprint: `([0-9a-f]+)`/.exec(table)?.[1], "the decision table's fingerprint").toBe(printed);

  const safe = JSON.parse(readFileSync(`${REPO_ROOT}tests/protocols/chemical-peel-safe-answers.json`, "utf8"));
  for (const locale of ["en", "es"]) {
    await page.goto("/site/blank.html");
    const quiz = await addWidget(page, { ...CLINIC, protocol: "/protocols/chemical-peel.protocol.bin", locale }, `peel-${locale}`);
    await reachPeelResult(quiz, safe);
    await expect(quiz.result).toHaveAttribute("data-outcome", "candidate");
    const shown = quiz.result.locator("[data-fingerprint]");
    await expect(shown, `in ${locale}, with the texts file added`).toHaveAttribute("data-fingerprint", printed);
    await expect(shown).toContainText(printed);
  }
});
