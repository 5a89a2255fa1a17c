// Focus is never hidden behind a host page's fixed header or cookie bar (WCAG 2.2, 2.4.11), on
// dist/demo/fixed-header.html: the heading each step focuses, and every control reached by Tab.
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { VIEWPORTS } from "./fixtures/quiz_page";
import { pathOf } from "./fixtures/protocol";

const PAGE = "/demo/fixed-header.html";

/** How the focused element overlaps the fixed header and cookie bar, in px (0 when clear). */
async function obscured(quiz: QuizPage): Promise<{ focused: string; header: number; cookies: number }> {
  return quiz.page.evaluate(() => {
    let el = document.activeElement as HTMLElement;
    while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    const box = el.getBoundingClientRect();
    const overlap = (other: Element | null) => {
      if (!other) return 0;
      const r = other.getBoundingClientRect();
      const h = Math.min(box.bottom, r.bottom) - Math.max(box.top, r.top);
      const w = Math.min(box.right, r.right) - Math.max(box.left, r.left);
      return h > 0 && w > 0 ? Math.round(h) : 0;
    };
    return {
      focused: `${el.tagName.toLowerCase()} ${el.getAttribute("data-action") ?? el.getAttribute("value") ?? el.textContent?.trim().slice(0, 30)}`,
      header: overlap(document.querySelector(".site-header")),
      cookies: overlap(document.querySelector(".cookie-bar")),
    };
  });
}

async function expectClear(quiz: QuizPage, step: string): Promise<void> {
  const seen = await obscured(quiz);
  expect(seen, `${step}: the focused ${seen.focused} is clear of the header and cookie bar`).toEqual({ ...seen, header: 0, cookies: 0 });
}

/** Tabs through every control of the current screen, checking each. */
async function tabThrough(quiz: QuizPage, step: string, until: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 60 && !(await until()); i++) {
    await quiz.page.keyboard.press("Tab");
    await expectClear(quiz, `${step}, Tab ${i + 1}`);
  }
}

test.use({ viewport: VIEWPORTS.mobile });

test("each step's focused heading and every tabbed control stay clear of the fixed header and cookie bar", async ({ quiz, page }) => {
  const path = pathOf({ concerns: ["acne_scars"] });
  await quiz.goto(PAGE);
  await quiz.startButton.click();
  for (const [id, answer] of path) {
    await expect(quiz.question(id)).toBeVisible();
    await expect(quiz.heading).toBeFocused();
    await expectClear(quiz, `question ${id}`);
    if (id === "concerns") {
      await tabThrough(quiz, id, () => quiz.continueButton(id).evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement));
      // Shift+Tab back up to the heading's neighbour, the Back link, past the header.
      for (let i = 0; i < 9; i++) {
        await page.keyboard.press("Shift+Tab");
        await expectClear(quiz, `${id}, Shift+Tab ${i + 1}`);
      }
      await expect(quiz.backButton()).toBeFocused();
    }
    await quiz.answerAndContinue(id, answer);
  }
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expectClear(quiz, "check answers");
  await tabThrough(quiz, "check answers", () => quiz.seeResultButton().evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement));
  await page.keyboard.press("Enter");
  await expect(quiz.result).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expectClear(quiz, "result");
  await tabThrough(quiz, "result", () => quiz.resultAction("start-over").evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement));
});

test("the error summary, when focused, is clear of the fixed header", async ({ quiz }) => {
  await quiz.goto(PAGE);
  await quiz.startButton.click();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  await quiz.answerAndContinue("treatment_area", ["face"]);
  await quiz.continueButton("age").click();
  await expect(quiz.errorSummary).toBeFocused();
  await expectClear(quiz, "error summary");
  await quiz.errorSummary.getByRole("link").click();
  await expect(quiz.input("age", 0)).toBeFocused();
  await expectClear(quiz, "the age field from the error link");
});
