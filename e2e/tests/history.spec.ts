// The browser's Back and Forward move between the quiz's screens (History API): the page and its
// URL stay, answers are kept, and focus goes to the screen's heading.
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { pathOf } from "./fixtures/protocol";

/** Marks the document so a reload or a navigation away would show. */
async function markDocument(quiz: QuizPage): Promise<() => Promise<void>> {
  const url = quiz.page.url();
  await quiz.page.evaluate(() => ((window as { __samePage?: boolean }).__samePage = true));
  return async () => {
    expect(quiz.page.url(), "the URL is unchanged").toBe(url);
    expect(await quiz.page.evaluate(() => (window as { __samePage?: boolean }).__samePage), "the same document").toBe(true);
  };
}

test("Back and Forward move between questions, answers kept, URL unchanged", async ({ quiz, page }) => {
  await quiz.goto();
  const samePage = await markDocument(quiz);
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["stretch_marks", "loose_skin"]);
  await quiz.answerAndContinue("treatment_area", ["body"]);
  await quiz.answerAndContinue("scar_severity", "mild");
  await quiz.answerAndContinue("scar_age", "under_1_year");
  await quiz.answerAndContinue("age", 52);
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();

  const back = [
    ["age", 52],
    ["scar_age", "under_1_year"],
    ["scar_severity", "mild"],
    ["treatment_area", ["body"]],
    ["concerns", ["stretch_marks", "loose_skin"]],
  ] as const;
  for (const [id, answer] of back) {
    await page.goBack();
    await expect(quiz.question(id)).toBeVisible();
    await quiz.expectShows(id, answer as never);
    await expect(quiz.heading).toBeFocused();
    await samePage();
  }
  // One more Back reaches the welcome screen, still on the page.
  await page.goBack();
  await expect(quiz.welcome).toBeVisible();
  await samePage();

  await page.goForward();
  await expect(quiz.question("concerns")).toBeVisible();
  for (const [id, answer] of [...back].reverse().slice(1)) {
    await page.goForward();
    await expect(quiz.question(id)).toBeVisible();
    await quiz.expectShows(id, answer as never);
    await expect(quiz.heading).toBeFocused();
  }
  await page.goForward();
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  await samePage();

  // Going on after Back works as usual.
  await page.goBack();
  await expect(quiz.question("age")).toBeVisible();
  await quiz.answerAndContinue("age", 53);
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  await quiz.backButton().click();
  await quiz.expectShows("age", 53);
  await samePage();
});

test("Back from the result returns to the check screen, Forward to the result", async ({ quiz, page }) => {
  const path = pathOf({ keloid_history: "unsure" });
  await quiz.goto();
  const samePage = await markDocument(quiz);
  await quiz.answerPath(path);
  await expect(quiz.checkScreen).toBeVisible();
  await quiz.seeResult();
  await quiz.expectOutcome("consult", [3, 4]);

  await page.goBack();
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expect(quiz.checkRows()).toHaveCount(path.length);
  await expect(quiz.checkRow("keloid_history")).toContainText("I'm not sure");
  await samePage();

  await page.goForward();
  await quiz.expectOutcome("consult", [3, 4]);
  await expect(quiz.heading).toBeFocused();
  await samePage();

  // Back twice: the check screen, then the last question with its answer.
  await page.goBack();
  await expect(quiz.checkScreen).toBeVisible();
  await page.goBack();
  const [lastId, lastAnswer] = path[path.length - 1];
  await expect(quiz.question(lastId)).toBeVisible();
  await quiz.expectShows(lastId, lastAnswer);
  await samePage();
});

test("Back from a question reopened by Change returns to the check screen", async ({ quiz, page }) => {
  const path = pathOf();
  await quiz.reachCheckScreen(path);
  const samePage = await markDocument(quiz);
  await quiz.changeButton("recent_sun").click();
  await expect(quiz.question("recent_sun")).toBeVisible();
  await page.goBack();
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.checkRows()).toHaveCount(path.length);
  await page.goForward();
  await expect(quiz.question("recent_sun")).toBeVisible();
  await quiz.expectShows("recent_sun", false);
  await samePage();
});
