// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, best practices) on every screen of a full path,
// the scar questions, error states, the check screen and each outcome, at phone and desktop
// sizes; and every interactive control at least 24×24 CSS px (WCAG 2.2, 2.5.8 Target Size).
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures/test";
import { VIEWPORTS, type QuizPage } from "./fixtures/quiz_page";
import { pathOf, type Answer } from "./fixtures/protocol";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const MIN_TARGET = 24;

/** Problems found so far in one test, each naming its screen; reported all at once. */
class Audit {
  readonly problems: string[] = [];
  readonly screens: string[] = [];

  constructor(readonly quiz: QuizPage) {}

  async check(screen: string): Promise<void> {
    this.screens.push(screen);
    const { violations } = await new AxeBuilder({ page: this.quiz.page }).withTags(TAGS).analyze();
    for (const v of violations) {
      const nodes = v.nodes.map((n) => `      ${n.target.join(" ")}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`);
      this.problems.push(`[${screen}] axe ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes.join("\n")}`);
    }
    const small = await this.quiz.root.evaluate((root, min) => {
      const controls = root.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
      );
      const found: string[] = [];
      for (const el of controls) {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden" || (box.width === 0 && box.height === 0)) continue;
        if (box.width < min || box.height < min) {
          const name = el.getAttribute("data-action") ?? el.getAttribute("value") ?? el.textContent?.trim().slice(0, 40);
          found.push(`<${el.tagName.toLowerCase()}> "${name}" is ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
        }
      }
      return found;
    }, MIN_TARGET);
    for (const s of small) this.problems.push(`[${screen}] target smaller than ${MIN_TARGET}×${MIN_TARGET}: ${s}`);
  }

  expectClean(): void {
    expect(this.problems, `accessibility problems on ${this.screens.length} screens:\n\n${this.problems.join("\n\n")}`).toEqual([]);
  }
}

/** Every question of this path has scar questions (acne scars): all 25 questions are seen. */
const FULL_PATH = pathOf({ concerns: ["acne_scars", "fine_lines"] });

/** The phone and desktop sizes, plus 320 CSS px (reflow) and a 1280x800 window at 200% zoom. */
const SIZES = { ...VIEWPORTS, reflow: { width: 320, height: 640 }, zoom200: { width: 640, height: 400 } };

for (const [size, viewport] of Object.entries(SIZES)) {
  test.describe(`at ${viewport.width}x${viewport.height} (${size})`, () => {
    test.use({ viewport });

    test("the welcome screen and every question of a full path, scar questions included", async ({ quiz }) => {
      const audit = new Audit(quiz);
      await quiz.goto();
      await audit.check("welcome");
      await quiz.start();
      for (const [id, answer] of FULL_PATH) {
        await expect(quiz.question(id)).toBeVisible();
        await audit.check(`question ${id}`);
        await quiz.answerAndContinue(id, answer);
      }
      await expect(quiz.checkScreen).toBeVisible();
      expect(audit.screens).toContain("question scar_severity");
      expect(audit.screens).toContain("question scar_age");
      audit.expectClean();
    });

    test("error states: a multiple choice, a yes/no and the number field", async ({ quiz }) => {
      const audit = new Audit(quiz);
      await quiz.goto();
      await quiz.start();
      await quiz.continueButton("concerns").click();
      await expect(quiz.errorSummary).toBeFocused();
      await audit.check("error on concerns");
      await quiz.answerAndContinue("concerns", ["fine_lines"]);
      await quiz.answerAndContinue("treatment_area", ["face"]);
      await quiz.input("age", 0).fill("200");
      await quiz.continueButton("age").click();
      await expect(quiz.errorSummary).toBeFocused();
      await audit.check("error on age");
      await quiz.answerAndContinue("age", 30);
      await quiz.continueButton("pregnant_or_breastfeeding").click();
      await expect(quiz.errorSummary).toBeFocused();
      await audit.check("error on pregnant_or_breastfeeding");
      audit.expectClean();
    });

    test("the check screen and each outcome", async ({ quiz }) => {
      const audit = new Audit(quiz);
      await quiz.reachCheckScreen(pathOf());
      await audit.check("check answers");
      await quiz.seeResult();
      await quiz.expectOutcome("candidate", [3, 4]);
      await audit.check("result candidate");

      // Each other outcome: change one answer from the result, then see the result again.
      const changes: [string, Answer, string][] = [
        ["blood_thinners", "unsure", "consult"],
        ["recent_sun", true, "postpone"],
        ["bleeding_disorder", true, "not_candidate"],
      ];
      for (const [id, answer, outcome] of changes) {
        await quiz.resultAction("change-answers").click();
        await quiz.changeButton(id).click();
        await quiz.answerAndContinue(id, answer);
        await quiz.seeResult();
        await expect(quiz.result).toHaveAttribute("data-outcome", outcome);
        await audit.check(`result ${outcome}`);
      }
      audit.expectClean();
    });
  });
}
