// Rough use with a real mouse and keyboard: double clicks, Enter held down, Back in the middle of
// a transition, Back before the widget has loaded, a window resized mid-quiz, the same page in two
// tabs. (1,000 random walks with
// Back, Forward and reloads run in headless Chromium: tests/rough_use.rs.)
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { STORAGE_KEY, pathOf } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

const saved = async (page: Page) => JSON.parse((await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)) ?? "null");

test("a double click on Continue moves one step: the next question shows its error, nothing is skipped", async ({ quiz, page }) => {
  await quiz.goto();
  await quiz.start();
  await quiz.answer("concerns", ["fine_lines"]);
  await quiz.continueButton("concerns").dblclick();
  await expect(quiz.question("treatment_area")).toBeVisible();
  expect((await saved(page)).answers).toEqual({ concerns: ["fine_lines"] });
});

test("Enter pressed again and again moves one question: focus is on the next heading, which Enter leaves alone", async ({ quiz, page }) => {
  await quiz.goto();
  await quiz.start();
  await quiz.answer("concerns", ["fine_lines"]);
  await quiz.input("concerns", "fine_lines").focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("Enter", { delay: 0 });
  await expect(quiz.question("treatment_area")).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  expect((await saved(page)).answers).toEqual({ concerns: ["fine_lines"] });
});

test("Back in the middle of a transition lands on a screen the answers allow", async ({ quiz, page }) => {
  await quiz.goto();
  await quiz.answerPath(pathOf().slice(0, 3));
  const [id, answer] = pathOf()[3];
  await quiz.answer(id, answer);
  await Promise.all([quiz.continueButton(id).click(), page.goBack()]);
  await expect(quiz.anyQuestion).toBeVisible();
  const on = await quiz.currentQuestion();
  expect(["treatment_area", "age", id, pathOf()[4][0]]).toContain(on);
  // Whatever happened, the quiz goes on to the result the answers call for.
  const rest = pathOf().slice(pathOf().findIndex(([q]) => q === on));
  for (const [q, a] of rest) await quiz.answerAndContinue(q, a);
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);
});

test("resizing the window mid-quiz keeps the answers and the layout usable", async ({ quiz, page }) => {
  await quiz.goto();
  const path = pathOf();
  await quiz.start();
  for (const [i, [id, answer]] of path.entries()) {
    const width = [375, 1280, 320, 800][i % 4];
    await page.setViewportSize({ width, height: 700 });
    await quiz.answerAndContinue(id, answer);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways, `no sideways scrolling at ${width}px`).toBeLessThanOrEqual(0);
  }
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);
});

test("the same page in two tabs: each tab keeps its own quiz", async ({ context }) => {
  const first = new QuizPage(await context.newPage());
  const second = new QuizPage(await context.newPage());
  await first.goto();
  await second.goto();
  await first.start();
  await first.answerAndContinue("concerns", ["acne_scars"]);
  await second.start();
  await second.answerAndContinue("concerns", ["stretch_marks"]);
  await first.page.reload();
  await expect(first.question("treatment_area")).toBeVisible();
  await first.page.goBack();
  await first.expectShows("concerns", ["acne_scars"]);
  await second.page.reload();
  await expect(second.question("treatment_area")).toBeVisible();
  await second.page.goBack();
  await second.expectShows("concerns", ["stretch_marks"]);
});

test("Back pressed after a reload, before the widget has loaded, goes back a step once it loads", async ({ quiz, page }) => {
  await quiz.goto();
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["acne_scars"]);
  await expect(quiz.question("treatment_area")).toBeVisible();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/widget_bg.wasm", async (route) => {
    await released;
    await route.continue();
  });
  await page.reload({ waitUntil: "commit" });
  await page.waitForRequest("**/widget_bg.wasm");
  await page.goBack({ waitUntil: "commit" });
  release();
  await quiz.expectShows("concerns", ["acne_scars"]);
  // The entry left behind still names the step the visitor came back from.
  await page.goForward();
  await expect(quiz.question("treatment_area")).toBeVisible();
});
