// The whole quiz with the keyboard only: Tab and Shift+Tab between controls, Space to tick,
// arrow keys within a radio group, Enter to continue. Focus moves to each new screen's heading
// (or the error summary), never on page load.
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { QUESTIONS, question, type Answer, type Path } from "./fixtures/protocol";
import type { Locator } from "@playwright/test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(quiz: QuizPage, target: Locator, { shift = false, max = 40 } = {}): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement)) return presses;
    await quiz.page.keyboard.press(shift ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${target} never got focus; focus is on ${await quiz.activeElement()}`);
}

/** The option values of a question in screen order. */
function values(id: string): string[] {
  const q = question(id);
  if (q.kind === "yes_no") return q.unsure ? ["yes", "no", "unsure"] : ["yes", "no"];
  return q.options;
}

function valueOf(answer: Answer): string {
  return answer === true ? "yes" : answer === false ? "no" : String(answer);
}

/** Answers the question on screen from its focused heading, with the keyboard; ends on Continue. */
async function answerWithKeys(quiz: QuizPage, id: string, answer: Answer): Promise<void> {
  const { keyboard } = quiz.page;
  const q = question(id);
  await expect(quiz.heading).toBeFocused();
  await keyboard.press("Tab");
  if (q.kind === "number") {
    const input = quiz.input(id, answer);
    await expect(input).toBeFocused();
    await keyboard.type(String(answer));
    await expect(input).toHaveValue(String(answer));
    return; // Enter in the number field submits.
  }
  if (q.kind === "multiple_choice") {
    const chosen = answer as string[];
    for (const option of q.options) {
      const box = quiz.input(id, option);
      await expect(box).toBeFocused();
      if (chosen.includes(option)) await keyboard.press("Space");
      await keyboard.press("Tab");
    }
    for (const option of q.options) {
      if (chosen.includes(option)) await expect(quiz.input(id, option)).toBeChecked();
      else await expect(quiz.input(id, option)).not.toBeChecked();
    }
  } else {
    // Tab enters an empty radio group on its first radio; arrows move and select.
    const all = values(id);
    const target = all.indexOf(valueOf(answer));
    await expect(quiz.input(id, all[0])).toBeFocused();
    if (target === 0) await keyboard.press("Space");
    for (let i = 0; i < target; i++) await keyboard.press("ArrowDown");
    const radio = quiz.input(id, answer);
    await expect(radio).toBeFocused();
    await expect(radio).toBeChecked();
    await keyboard.press("Tab");
  }
  await expect(quiz.continueButton(id)).toBeFocused();
}

/** Asserts the question screen shown after a step: heading focused, progress and announcement. */
async function expectQuestionScreen(quiz: QuizPage, id: string, number: number): Promise<void> {
  const prompt = question(id).prompt;
  await expect(quiz.question(id)).toBeVisible();
  await expect(quiz.heading).toHaveText(prompt);
  await expect(quiz.heading, `the heading of ${id} has focus`).toBeFocused();
  await expect(quiz.progress).toHaveText(new RegExp(`^Question ${number} of about \\d+$`));
  const about = (await quiz.progress.textContent())!.match(/about (\d+)/)![1];
  await expect(quiz.status).toHaveText(`Question ${number} of about ${about}: ${prompt}`);
}

const PATH: Path = [
  ["concerns", ["acne_scars", "fine_lines"]],
  ["treatment_area", ["face"]],
  ["scar_severity", "moderate"],
  ["scar_age", "over_1_year"],
  ["age", 35],
  ...QUESTIONS.filter((q) => q.kind === "yes_no").map((q) => [q.id, q.id === "retinoids"] as [string, Answer]),
  ["cold_sores", "never"],
  ["skin_condition", "none"],
  ["isotretinoin", "no"],
  ["skin_tone", "type_3"],
].sort((a, b) => QUESTIONS.findIndex((q) => q.id === a[0]) - QUESTIONS.findIndex((q) => q.id === b[0])) as Path;

test("on page load nothing in the widget has focus and the page is not scrolled, also when resuming", async ({ quiz, page }) => {
  await quiz.goto();
  await expect(quiz.welcome).toBeVisible();
  const atRest = () =>
    page.evaluate(() => ({
      inWidget: document.querySelector("candidacy-quiz")!.contains(document.activeElement),
      scrollY: window.scrollY,
    }));
  expect(await atRest()).toEqual({ inWidget: false, scrollY: 0 });

  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  await expect(quiz.question("treatment_area")).toBeVisible();
  // The step's focus scrolled the page; start the reload from the top, since the browser restores
  // the scroll position of a reloaded page by itself.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.reload();
  await expect(quiz.question("treatment_area")).toBeVisible();
  expect(await atRest()).toEqual({ inWidget: false, scrollY: 0 });
});

test("the whole quiz with the keyboard only: Tab, Shift+Tab, Space, arrows and Enter", async ({ quiz, page }) => {
  const { keyboard } = page;
  await quiz.goto();

  // Welcome: Tab reaches Start (past the clinic's phone link); Enter starts.
  await tabTo(quiz, quiz.startButton);
  await keyboard.press("Enter");

  for (const [n, [id, answer]] of PATH.entries()) {
    await expectQuestionScreen(quiz, id, n + 1);

    if (id === "concerns") {
      await answerWithKeys(quiz, id, answer);
      // Shift+Tab goes back to the last checkbox, Tab returns to Continue.
      await keyboard.press("Shift+Tab");
      await expect(quiz.input(id, "loose_skin")).toBeFocused();
      await keyboard.press("Tab");
      await expect(quiz.continueButton(id)).toBeFocused();
    } else if (id === "pregnant_or_breastfeeding") {
      // Shift+Tab from the heading reaches Back; Enter goes back a question, answer kept.
      await keyboard.press("Shift+Tab");
      await expect(quiz.backButton()).toBeFocused();
      await keyboard.press("Enter");
      await expectQuestionScreen(quiz, "age", n);
      await expect(quiz.input("age", 35)).toHaveValue("35");
      await keyboard.press("Enter"); // Enter on the heading does nothing
      await expect(quiz.question("age")).toBeVisible();
      await tabTo(quiz, quiz.continueButton("age"));
      await keyboard.press("Enter");
      await expectQuestionScreen(quiz, id, n + 1);
      await answerWithKeys(quiz, id, answer);
    } else if (id === "skin_infection") {
      // An invalid Continue: the error summary takes focus. Its link leads to the first input.
      await tabTo(quiz, quiz.continueButton(id));
      await keyboard.press("Enter");
      await expect(quiz.errorSummary).toBeFocused();
      await keyboard.press("Tab");
      await expect(quiz.errorSummary.getByRole("link")).toBeFocused();
      await keyboard.press("Enter");
      await expect(quiz.input(id, "yes")).toBeFocused();
      await keyboard.press("ArrowDown");
      await expect(quiz.input(id, answer)).toBeChecked();
      await expect(quiz.errorSummary).toHaveCount(0);
      await tabTo(quiz, quiz.continueButton(id));
    } else {
      await answerWithKeys(quiz, id, answer);
    }
    await keyboard.press("Enter");
  }

  // Check your answers: Enter on a Change button reopens the question; Enter returns.
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.heading).toHaveText("Check your answers");
  await expect(quiz.heading).toBeFocused();
  await expect(quiz.status).toHaveText("Check your answers");
  await tabTo(quiz, quiz.changeButton("age"));
  await keyboard.press("Enter");
  await expect(quiz.question("age")).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await keyboard.press("Tab");
  await expect(quiz.input("age", 40)).toBeFocused();
  await keyboard.press("Control+A");
  await keyboard.type("40");
  await keyboard.press("Enter");
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expect(quiz.checkRow("age")).toContainText("40");

  // Shift+Tab from the heading reaches the check screen's Back; Tab then finds See my result.
  await keyboard.press("Shift+Tab");
  await expect(quiz.checkScreen.locator('[data-action="back"]')).toBeFocused();
  await tabTo(quiz, quiz.seeResultButton());
  await keyboard.press("Enter");
  await expect(quiz.result).toHaveAttribute("data-outcome", "candidate");
  await expect(quiz.heading).toBeFocused();

  // Change my answers and Start over work from the keyboard too.
  await tabTo(quiz, quiz.resultAction("change-answers"));
  await keyboard.press("Enter");
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await tabTo(quiz, quiz.seeResultButton());
  await keyboard.press("Enter");
  await expect(quiz.result).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await tabTo(quiz, quiz.resultAction("start-over"));
  await keyboard.press("Enter");
  await expect(quiz.welcome).toBeVisible();
  await expect(quiz.heading).toBeFocused();
});

test("after an invalid Continue, choosing with the keyboard keeps focus on the control", async ({ quiz, page }) => {
  const { keyboard } = page;
  await quiz.goto();
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  await quiz.answerAndContinue("treatment_area", ["face"]);
  await quiz.answerAndContinue("age", 35);

  // A radio group: arrows after the error must leave focus on the radio they selected.
  const id = "pregnant_or_breastfeeding";
  await expect(quiz.heading).toBeFocused();
  await tabTo(quiz, quiz.continueButton(id));
  await keyboard.press("Enter");
  await expect(quiz.errorSummary).toBeFocused();
  await keyboard.press("Tab");
  await keyboard.press("Enter");
  await expect(quiz.input(id, "yes")).toBeFocused();
  await keyboard.press("ArrowDown");
  await expect(quiz.input(id, false)).toBeChecked();
  await expect(quiz.input(id, false), `focus after the first arrow is on ${await quiz.activeElement()}`).toBeFocused();
  await keyboard.press("ArrowDown");
  await expect(quiz.input(id, "unsure")).toBeChecked();
  await expect(quiz.input(id, "unsure")).toBeFocused();
});

test(`the error summary link focuses the first checkbox and Space ticks it, focus staying there`, async ({ quiz, page }) => {
  const { keyboard } = page;
  await quiz.goto();
  await quiz.start();
  await tabTo(quiz, quiz.continueButton("concerns"));
  await keyboard.press("Enter");
  await expect(quiz.errorSummary).toBeFocused();
  await keyboard.press("Tab");
  await keyboard.press("Enter");
  const first = quiz.input("concerns", "acne_scars");
  await expect(first).toBeFocused();
  await keyboard.press("Space");
  await expect(first).toBeChecked();
  await expect(first, `focus after Space is on ${await quiz.activeElement()}`).toBeFocused();
  // The next Tab reaches the second checkbox, not the first one again.
  await keyboard.press("Tab");
  await expect(quiz.input("concerns", "surgical_scars")).toBeFocused();
});

test("Enter on Start, then Back on the first question returns to the welcome screen, focus on its heading", async ({ quiz, page }) => {
  await quiz.goto();
  await tabTo(quiz, quiz.startButton);
  await page.keyboard.press("Enter");
  await expectQuestionScreen(quiz, "concerns", 1);
  await page.keyboard.press("Shift+Tab");
  await expect(quiz.backButton()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(quiz.welcome).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expect(quiz.heading).toHaveText(new RegExp(escape("could be right for you")));
});
