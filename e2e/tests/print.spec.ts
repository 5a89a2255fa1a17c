// Printing the result: a clean summary (outcome, reasons, plan) without the controls; the Print
// button opens the browser's print dialog.
import { existsSync, statSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { SCREENSHOTS } from "./fixtures/quiz_page";
import { headline, pathOf, rule } from "./fixtures/protocol";

test("in print media the result keeps outcome, reasons and plan, and hides every control", async ({ quiz, page }) => {
  await quiz.reachResult(pathOf({ blood_thinners: true }));
  await quiz.expectOutcome("consult", [3, 4]);
  const controls = ["book", "call", "print", "change-answers", "start-over"].map((a) => quiz.resultAction(a));
  for (const control of controls) await expect(control).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(quiz.heading).toBeVisible();
  await expect(quiz.heading).toHaveText(headline("consult"));
  await expect(quiz.result.getByText(rule("blood_thinners").reason)).toBeVisible();
  await expect(quiz.result.getByText("About 3 to 4 sessions, 4 to 6 weeks apart.")).toBeVisible();
  for (const control of controls) await expect(control).toBeHidden();
  await expect(quiz.root.locator('[data-action="back"]')).toHaveCount(0);
  // Which signed-off logic the visitor saw stays on paper too (issue 10's fingerprint).
  await expect(quiz.result.locator(".candidacy-logic-version")).toBeVisible();
  await expect(quiz.result.locator(".candidacy-logic-version")).toHaveText(/^Screening logic microneedling v\S+ · [0-9a-f]{12}$/);
  // The clinic's phone number stays readable on paper.
  await expect(quiz.root.getByRole("complementary", { name: "Contact the clinic" })).toContainText("+1 555 0100");

  const file = `${SCREENSHOTS}/result-print.png`;
  await page.screenshot({ path: file, fullPage: true });
  expect(existsSync(file)).toBe(true);
  expect(statSync(file).size).toBeGreaterThan(1000);

  // Back to the screen: the controls return.
  await page.emulateMedia({ media: "screen" });
  for (const control of controls) await expect(control).toBeVisible();
});

test("in print media a postponement keeps when to come back", async ({ quiz, page }) => {
  await quiz.reachResult(pathOf({ recent_sun: true }));
  await page.emulateMedia({ media: "print" });
  await expect(quiz.result.getByText(rule("recent_sun").reason)).toBeVisible();
  await expect(quiz.result.getByText(rule("recent_sun").come_back!)).toBeVisible();
  await expect(quiz.resultAction("book")).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(1000);
});

test("in print media the Back links of questions and the check screen are hidden", async ({ quiz, page }) => {
  const path = pathOf();
  await quiz.goto();
  await quiz.start();
  await page.emulateMedia({ media: "print" });
  await expect(quiz.question("concerns")).toBeVisible();
  await expect(quiz.backButton()).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await quiz.answerPath(path);
  await expect(quiz.checkScreen).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(quiz.heading).toBeVisible();
  await expect(quiz.backButton()).toBeHidden();
});

test("the Print button calls window.print", async ({ quiz, page }) => {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as { __printCalls?: unknown[] }).__printCalls = calls;
    window.print = () => void calls.push(Date.now());
  });
  await quiz.reachResult(pathOf());
  const calls = () => page.evaluate(() => (window as { __printCalls?: unknown[] }).__printCalls?.length);
  expect(await calls()).toBe(0);
  await expect(quiz.resultAction("print")).toHaveAccessibleName(/print/i);
  await quiz.resultAction("print").click();
  await expect.poll(calls).toBe(1);
  // The result stays on screen.
  await quiz.expectOutcome("candidate", [3, 4]);
});
