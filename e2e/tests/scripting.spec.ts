// The element as page code drives it (README, "Scripting the element"): methods, properties that
// take rich values, the lifecycle events, GA4 names in the dataLayer, and hidden fields that
// reach the lead and nothing else. Bad calls warn, naming what was wrong, and change nothing.
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget, dataLayer, listenForEvents } from "./fixtures/host_page";
import { pathOf } from "./fixtures/protocol";
import { QuizPage } from "./fixtures/quiz_page";
import type { Page } from "@playwright/test";

const LIFECYCLE = ["candidacy:ready", "candidacy:close", "candidacy:fallback", "candidacy:lead-sent"];

/** Records the lifecycle events at the document, before any script runs. */
async function recordLifecycle(page: Page): Promise<void> {
  await page.addInitScript((names) => {
    const seen: unknown[] = [];
    (window as { __lifecycle?: unknown[] }).__lifecycle = seen;
    for (const name of names) document.addEventListener(name, (e) => seen.push({ name, detail: (e as CustomEvent).detail }));
  }, LIFECYCLE);
}

const lifecycle = (page: Page) =>
  page.evaluate(() => (window as { __lifecycle?: unknown[] }).__lifecycle as { name: string; detail: Record<string, unknown> }[]);

/** Runs `script` with the element `#added` as `quiz`. */
function onQuiz<T>(page: Page, script: (quiz: HTMLElement & Record<string, unknown>) => T): Promise<T> {
  return page.evaluate(
    ([source]) => {
      const quiz = document.getElementById("added") as HTMLElement & Record<string, unknown>;
      return new Function("quiz", `return (${source})(quiz)`)(quiz);
    },
    [script.toString()] as const,
  );
}

test("ready names the protocol and locale; version is the release's", async ({ page }) => {
  await recordLifecycle(page);
  await page.goto("/site/blank.html");
  await addWidget(page, { ...CLINIC, locale: "es" });
  await expect.poll(() => lifecycle(page)).toContainEqual({
    name: "candidacy:ready",
    detail: { protocol: { id: "microneedling", version: expect.any(String) }, locale: "es" },
  });
  const version = await onQuiz(page, (quiz) => quiz.version);
  expect(version).toMatch(/^\d+\.\d+\.\d+/);
});

test("popup: open(), close() and toggle() drive the dialog, open() works right after the element is added, close is heard", async ({ page }) => {
  await recordLifecycle(page);
  await page.goto("/site/blank.html");
  await page.evaluate(() => {
    const quiz = document.createElement("candidacy-quiz") as HTMLElement & { open(): void };
    quiz.id = "added";
    quiz.setAttribute("mode", "popup");
    quiz.setAttribute("phone", "+1 555 0100");
    document.getElementById("slot")!.append(quiz);
    quiz.open(); // before the loader has built the popup
  });
  const dialog = page.locator("#added dialog");
  await expect(dialog).toHaveAttribute("open", "");
  await expect(new QuizPage(page, page.locator("#added")).welcome).toBeVisible();
  await onQuiz(page, (quiz) => (quiz.close as () => void)());
  await expect(dialog).not.toHaveAttribute("open", "");
  await expect.poll(async () => (await lifecycle(page)).filter((e) => e.name === "candidacy:close")).toEqual([
    { name: "candidacy:close", detail: {} },
  ]);
  await onQuiz(page, (quiz) => (quiz.toggle as () => void)());
  await expect(dialog).toHaveAttribute("open", "");
  await onQuiz(page, (quiz) => (quiz.toggle as () => void)());
  await expect(dialog).not.toHaveAttribute("open", "");
});

test("inline: open() warns naming itself and does nothing", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await onQuiz(page, (quiz) => (quiz.open as () => void)());
  expect(problems.warnings.join("\n")).toContain("ignoring `open()`");
  await expect(quiz.welcome).toBeVisible();
  await expect(page.locator("#added dialog")).toHaveCount(0);
});

test("restart() forgets the saved answers and opens the quiz afresh", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["acne_scars"]);
  const saved = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candidacy:added:")));
  expect(await saved()).not.toEqual([]);
  await onQuiz(page, (quiz) => (quiz.restart as () => void)());
  await expect(quiz.welcome).toBeVisible();
  expect(await saved()).toEqual([]);
  await quiz.start();
  await expect(quiz.question("concerns").locator("input:checked")).toHaveCount(0);
});

test("rich properties reflect as JSON, take effect, and keep the visitor's answers", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["acne_scars"]);
  const cta = { candidate: { label: "Book your first session", url: "https://clinic.example/first" } };
  await onQuiz(page, (quiz) => {
    quiz.cta = { candidate: { label: "Book your first session", url: "https://clinic.example/first" } };
  });
  expect(JSON.parse((await page.locator("#added").getAttribute("cta"))!)).toEqual(cta);
  expect(await onQuiz(page, (quiz) => quiz.cta)).toEqual(cta);
  // The remount kept the answer: back on the first question it is still ticked.
  await expect(quiz.question("treatment_area")).toBeVisible();
  await quiz.backButton().click();
  await quiz.expectShows("concerns", ["acne_scars"]);
  await quiz.continueFrom("concerns");
  await quiz.answerPath(pathOf({ concerns: ["acne_scars"] }).filter(([id]) => id !== "concerns"));
  await quiz.seeResult();
  await expect(quiz.resultAction("book")).toHaveText("Book your first session");

  // Plain properties reflect too.
  await onQuiz(page, (quiz) => {
    quiz.clinicName = "Bright Skin";
    quiz.testMode = true;
  });
  await expect(page.locator("#added")).toHaveAttribute("clinic-name", "Bright Skin");
  await expect(page.locator("#added")).toHaveAttribute("test-mode", "");
  expect(await onQuiz(page, (quiz) => [quiz.clinicName, quiz.testMode, quiz.shareAnswers])).toEqual(["Bright Skin", true, false]);
});

test("a property of the wrong type or an unknown method warns naming it and changes nothing", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, cta: '{"consult": {"label": "Talk to us", "url": "https://clinic.example/talk"}}' });
  const before = await page.locator("#added").evaluate((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
  const thrown = await onQuiz(page, (quiz) => {
    quiz.cta = "Book now";
    quiz.hiddenFields = ["spring"];
    quiz.testMode = "yes";
    try {
      (quiz.opne as () => void)();
      return "no error";
    } catch (error) {
      return String(error);
    }
  });
  expect(thrown).toContain("TypeError");
  const warnings = problems.warnings.join("\n");
  for (const named of ["property `cta`", "property `hiddenFields`", "property `testMode`", "method `opne`"]) {
    expect(warnings).toContain(named);
  }
  const after = await page.locator("#added").evaluate((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
  expect(after).toEqual(before);
  await expect(quiz.welcome).toBeVisible();
});

test("hidden fields reach the lead and nothing else; a sent lead is heard and pushed as generate_lead", async ({ page }) => {
  await listenForEvents(page, { stayOnPage: true });
  await recordLifecycle(page);
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto("/site/blank.html?utm_source=newsletter");
  await page.evaluate(() => {
    const quiz = document.createElement("candidacy-quiz") as HTMLElement & { hiddenFields: unknown };
    quiz.id = "added";
    for (const [name, value] of Object.entries({
      "clinic-name": "Glow Clinic", "booking-url": "https://clinic.example/book", phone: "+1 555 0100",
      "lead-endpoint": "/api/lead", analytics: "", "share-answers": "",
    })) quiz.setAttribute(name, value);
    quiz.hiddenFields = { campaign: "spring-offer", landing: "mn-a" };
    document.getElementById("slot")!.append(quiz);
  });
  const quiz = new QuizPage(page, page.locator("#added"));
  await expect(quiz.welcome).toBeVisible(); // answerPath starts from the welcome screen once it is there
  await quiz.answerPath(pathOf({ recent_sun: true }));
  await quiz.seeResult();
  const form = quiz.root.locator("[data-lead]");
  await form.getByLabel("Your name").fill("Ana");
  await form.getByLabel("Email address").fill("ana@example.com");
  await form.getByRole("checkbox").check();
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/lead"));
  await form.getByRole("button", { name: "Send my results" }).click();
  expect((await sent).postDataJSON().hiddenFields).toEqual({ campaign: "spring-offer", landing: "mn-a" });
  await expect(form).toHaveAttribute("data-lead", "sent");

  await expect.poll(async () => (await lifecycle(page)).map((e) => e.name)).toContain("candidacy:lead-sent");
  const leadSent = (await lifecycle(page)).find((e) => e.name === "candidacy:lead-sent")!;
  expect(Object.keys(leadSent.detail).sort()).toEqual(["protocol"]);
  const pushes = await dataLayer(page);
  expect(pushes.at(-1)).toMatchObject({ event: "generate_lead", lead_source: "candidacy", protocol_id: "microneedling" });
  const everywhere = JSON.stringify([pushes, await lifecycle(page), requested.filter((url) => !url.endsWith("/api/lead"))]);
  for (const value of ["spring-offer", "mn-a", "hiddenFields"]) expect(everywhere, value).not.toContain(value);
});

/** Adds a widget that cannot run: its screen is the clinic's contact details. */
async function addFallingWidget(page: Page, attributes: Record<string, string>): Promise<void> {
  await page.evaluate((attributes) => {
    const quiz = document.createElement("candidacy-quiz");
    quiz.id = "added";
    for (const [name, value] of Object.entries(attributes)) quiz.setAttribute(name, value);
    document.getElementById("slot")!.append(quiz);
  }, attributes);
  await expect(page.locator("#added [data-step=fallback]")).toBeVisible();
}

test("fallback is heard with its cause: the protocol, or the widget's files", async ({ page, problems }) => {
  await recordLifecycle(page);
  await page.route("**/missing.protocol.bin", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto("/site/blank.html");
  await addFallingWidget(page, { ...CLINIC, protocol: "/missing.protocol.bin" });
  await expect.poll(() => lifecycle(page)).toContainEqual({ name: "candidacy:fallback", detail: { cause: "protocol" } });
  problems.errors.length = 0; // the protocol's failure is named in the console: expected here

  const other = await page.context().newPage();
  await other.addInitScript((names) => {
    const seen: unknown[] = [];
    (window as { __lifecycle?: unknown[] }).__lifecycle = seen;
    for (const name of names) document.addEventListener(name, (e) => seen.push({ name, detail: (e as CustomEvent).detail }));
  }, LIFECYCLE);
  await other.route("**/widget_bg.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
  await other.goto("/site/blank.html");
  await addFallingWidget(other, CLINIC);
  await expect.poll(() => lifecycle(other)).toContainEqual({ name: "candidacy:fallback", detail: { cause: "network" } });
  expect(problems.errors.join("\n")).toContain("candidacy: the widget could not load (network");
  problems.errors.length = 0;
});
