// GOV.UK-style errors: Continue without a valid answer shows a focused error summary whose link
// leads to the first input, and an inline message prefixed by a visually hidden "Error:".
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { errorMessage } from "./fixtures/protocol";

async function toAge(quiz: QuizPage): Promise<void> {
  await quiz.goto();
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines", "pigmentation"]);
  await quiz.answerAndContinue("treatment_area", ["face", "neck_chest"]);
  await expect(quiz.question("age")).toBeVisible();
}

test("Continue with nothing chosen: a focused error summary, an inline error with a hidden 'Error:', an announcement", async ({ quiz }) => {
  await quiz.goto();
  await quiz.start();
  const message = errorMessage("concerns");
  await expect(quiz.errorSummary).toHaveCount(0);
  await quiz.continueButton("concerns").click();

  await expect(quiz.question("concerns")).toBeVisible();
  await expect(quiz.errorSummary).toBeVisible();
  await expect(quiz.errorSummary).toBeFocused();
  await expect(quiz.errorSummary.getByRole("heading", { level: 2 })).toHaveText("There is a problem");
  await expect(quiz.errorSummary.getByRole("link")).toHaveText(message);
  await expect(quiz.status).toHaveText(`There is a problem: ${message}`);

  const inline = quiz.inlineError("concerns");
  await expect(inline).toHaveText(`Error: ${message}`);
  const prefix = inline.getByText("Error:", { exact: true });
  const box = await prefix.boundingBox();
  expect(box, "the Error: prefix is in the page").not.toBeNull();
  expect(box!.width * box!.height, "the Error: prefix is visually hidden (1×1 px or less)").toBeLessThanOrEqual(1);
  // Screen readers hear the error with the question.
  await expect(quiz.group("concerns")).toHaveAccessibleDescription(new RegExp(`Error: ${message}`));

  // Choosing an answer clears the error.
  await quiz.input("concerns", "fine_lines").check();
  await expect(quiz.errorSummary).toHaveCount(0);
  await expect(quiz.inlineError("concerns")).toHaveCount(0);
  await quiz.continueFrom("concerns");
  await expect(quiz.question("treatment_area")).toBeVisible();
});

test("the error summary's link focuses the first input without changing the URL", async ({ quiz, page }) => {
  await quiz.goto();
  await quiz.start();
  const url = page.url();
  await quiz.continueButton("concerns").click();
  await quiz.errorSummary.getByRole("link").click();
  await expect(quiz.input("concerns", "acne_scars")).toBeFocused();
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => location.hash)).toBe("");
  await expect(quiz.question("concerns")).toBeVisible();

  // The number question: the link leads to the number field.
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  await quiz.answerAndContinue("treatment_area", ["face"]);
  await quiz.continueButton("age").click();
  await expect(quiz.errorSummary).toBeFocused();
  await quiz.errorSummary.getByRole("link").click();
  await expect(quiz.input("age", 0)).toBeFocused();
  expect(page.url()).toBe(url);
});

for (const [typed, how] of [
  ["", "nothing"],
  ["abc", "letters"],
  ["34.5", "a fraction"],
  ["200", "more than 120"],
  ["-1", "less than 0"],
] as const) {
  test(`the age field rejects ${how}${typed ? ` ("${typed}")` : ""} with the question's message`, async ({ quiz }) => {
    await toAge(quiz);
    const field = quiz.input("age", 0);
    await field.click();
    if (typed) await quiz.page.keyboard.type(typed);
    await quiz.continueButton("age").click();

    await expect(quiz.question("age")).toBeVisible();
    await expect(quiz.errorSummary).toBeFocused();
    await expect(quiz.errorSummary.getByRole("link")).toHaveText(errorMessage("age"));
    await expect(quiz.inlineError("age")).toHaveText(`Error: ${errorMessage("age")}`);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(new RegExp(`Error: ${errorMessage("age")}`));
    // What was typed stays for the visitor to correct (a number field shows letters as empty).
    if (typed !== "abc") await expect(field).toHaveValue(typed);

    await field.fill("34");
    await expect(quiz.errorSummary).toHaveCount(0);
    await expect(field).not.toHaveAttribute("aria-invalid");
    await quiz.continueFrom("age");
    await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  });
}

test("the edges of the age range, 0 and 120, are accepted", async ({ quiz }) => {
  await toAge(quiz);
  await quiz.answerAndContinue("age", 0);
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  await quiz.backButton().click();
  await quiz.expectShows("age", 0);
  await quiz.answerAndContinue("age", 120);
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
});

test("answers are kept after an error: earlier answers and the one on screen", async ({ quiz }) => {
  await toAge(quiz);
  await quiz.continueButton("age").click();
  await expect(quiz.errorSummary).toBeVisible();
  await quiz.backButton().click();
  await quiz.expectShows("treatment_area", ["face", "neck_chest"]);
  await quiz.backButton().click();
  await quiz.expectShows("concerns", ["fine_lines", "pigmentation"]);

  // An error on a multiple choice after unticking everything keeps nothing ticked, then recovers.
  await quiz.input("concerns", "fine_lines").uncheck();
  await quiz.input("concerns", "pigmentation").uncheck();
  await quiz.continueButton("concerns").click();
  await expect(quiz.errorSummary).toBeVisible();
  await quiz.expectShows("concerns", []);
  await quiz.answerAndContinue("concerns", ["uneven_texture"]);
  await quiz.expectShows("treatment_area", ["face", "neck_chest"]);
  await quiz.continueFrom("treatment_area");

  // A radio question: the error, then the answer.
  await quiz.answerAndContinue("age", 34);
  await quiz.continueButton("pregnant_or_breastfeeding").click();
  await expect(quiz.errorSummary).toBeVisible();
  await quiz.answer("pregnant_or_breastfeeding", false);
  await expect(quiz.errorSummary).toHaveCount(0);
  await quiz.expectShows("pregnant_or_breastfeeding", false);
  await quiz.continueFrom("pregnant_or_breastfeeding");
  await quiz.backButton().click();
  await quiz.expectShows("pregnant_or_breastfeeding", false);
  await quiz.backButton().click();
  await quiz.expectShows("age", 34);
});

test("after an error, typing a whole age keeps focus in the field and every digit", async ({ quiz, page }) => {
  await toAge(quiz);
  await quiz.continueButton("age").click();
  await expect(quiz.errorSummary).toBeFocused();
  await quiz.errorSummary.getByRole("link").click();
  const field = quiz.input("age", 0);
  await expect(field).toBeFocused();
  await page.keyboard.type("34");
  await expect(field).toHaveValue("34");
  await expect(field, `focus after typing is on ${await quiz.activeElement()}`).toBeFocused();
});

test("a second invalid Continue moves focus to the error summary again", async ({ quiz }) => {
  await quiz.goto();
  await quiz.start();
  await quiz.continueButton("concerns").click();
  await expect(quiz.errorSummary).toBeFocused();
  // The visitor goes on without choosing and presses Continue again.
  await quiz.continueButton("concerns").click();
  await expect(quiz.errorSummary).toBeVisible();
  await expect(quiz.errorSummary, `focus is on ${await quiz.activeElement()}`).toBeFocused();
});
