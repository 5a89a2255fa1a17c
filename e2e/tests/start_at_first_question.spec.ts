// A clinic can skip the start screen (data-start="first-question", dist/demo/start-first-question.html):
// the quiz opens on the first question, which then carries the start screen's statements and has
// no Back link; everything else is as usual.
import { test, expect } from "./fixtures/test";
import { pathOf } from "./fixtures/protocol";

const PAGE = "/demo/start-first-question.html";

test("the quiz opens on the first question with the statements, no Back link, and no focus taken", async ({ quiz, page }) => {
  await quiz.goto(PAGE);
  await expect(quiz.welcome).toHaveCount(0);
  await expect(quiz.question("concerns")).toBeVisible();
  await expect(quiz.backButton()).toHaveCount(0);
  await expect(quiz.root).toContainText("Your answers stay on this device");
  await expect(quiz.root.getByRole("link", { name: "+1 555 0100" }).first()).toHaveAttribute("href", "tel:+15550100");
  expect(await page.evaluate(() => document.querySelector("candidacy-quiz")!.contains(document.activeElement))).toBe(false);

  // The second question has Back, which leads to the first (still without Back).
  await quiz.answerAndContinue("concerns", ["pigmentation"]);
  await expect(quiz.question("treatment_area")).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expect(quiz.root).not.toContainText("Your answers stay on this device");
  await quiz.backButton().click();
  await expect(quiz.question("concerns")).toBeVisible();
  await quiz.expectShows("concerns", ["pigmentation"]);
  await expect(quiz.backButton()).toHaveCount(0);
});

test("the whole quiz completes, and Start over returns to the first question, not a start screen", async ({ quiz }) => {
  await quiz.goto(PAGE);
  await quiz.answerPath(pathOf({ moles_or_lesions: true }));
  await quiz.seeResult();
  await quiz.expectOutcome("consult", [3, 4]);
  await quiz.resultAction("start-over").click();
  await expect(quiz.question("concerns"), "Start over opens the clinic's configured first screen").toBeVisible();
  await expect(quiz.welcome).toHaveCount(0);
  await quiz.expectShows("concerns", []);
});
