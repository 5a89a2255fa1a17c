// Each outcome, reached with the mouse: the outcome and plan hooks, the headline, the reasons, the
// clinic's booking and phone links; full-page screenshots on the way, at phone and desktop sizes.
import { existsSync, statSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { VIEWPORTS, type QuizPage } from "./fixtures/quiz_page";
import { QUESTIONS, headline, pathOf, rule, type Answer, type Outcome } from "./fixtures/protocol";

interface Case {
  name: string;
  overrides: Record<string, Answer>;
  outcome: Outcome;
  sessions?: [number, number];
  /** Rules whose reasons appear under "Why", in order. */
  reasons: string[];
}

const CASES: Case[] = [
  { name: "candidate", overrides: {}, outcome: "candidate", sessions: [3, 4], reasons: [] },
  { name: "consult", overrides: { blood_thinners: true }, outcome: "consult", sessions: [3, 4], reasons: ["blood_thinners"] },
  { name: "consult-unsure", overrides: { recent_sun: "unsure" }, outcome: "consult", sessions: [3, 4], reasons: ["unsure_recent_sun"] },
  { name: "postpone", overrides: { recent_sun: true }, outcome: "postpone", reasons: ["recent_sun"] },
  { name: "postpone-pregnant", overrides: { pregnant_or_breastfeeding: true }, outcome: "postpone", reasons: ["pregnant_or_breastfeeding"] },
  { name: "not_candidate", overrides: { bleeding_disorder: true }, outcome: "not_candidate", reasons: ["bleeding_disorder"] },
];

async function snap(quiz: QuizPage, name: string): Promise<void> {
  const file = await quiz.screenshot(name);
  expect(existsSync(file), `${file} exists`).toBe(true);
  expect(statSync(file).size, `${file} is not empty`).toBeGreaterThan(1000);
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`at ${viewport.width}x${viewport.height} (${size})`, () => {
    // The screens' entrance animation stays on here: real pointer clicks wait for it.
    test.use({ viewport, reducedMotion: "no-preference" });

    for (const c of CASES) {
      test(`${c.name}: the mouse reaches ${c.outcome}${c.sessions ? ` with ${c.sessions[0]}–${c.sessions[1]} sessions` : ""}`, async ({ quiz }) => {
        const path = pathOf(c.overrides);
        const first = c.name === "candidate";
        // Nothing ends the quiz early (pregnancy included): every question but the scar questions.
        expect(path.map(([id]) => id)).toEqual(QUESTIONS.map((q) => q.id).filter((id) => !id.startsWith("scar_")));

        await quiz.goto();
        await expect(quiz.welcome).toBeVisible();
        if (first) await snap(quiz, "welcome");
        await quiz.start();
        // Nothing answered yet: every question may still be asked.
        await expect(quiz.progress).toHaveText(`Question 1 of about ${QUESTIONS.length}`);
        if (first) await snap(quiz, "question-concerns");

        await quiz.answerPath(path);
        await expect(quiz.checkScreen).toBeVisible();
        await expect(quiz.checkRows()).toHaveCount(path.length);
        if (first) await snap(quiz, "check-answers");

        await quiz.seeResult();
        await quiz.expectOutcome(c.outcome, c.sessions);
        await expect(quiz.heading).toHaveText(headline(c.outcome));
        await expect(quiz.status).toHaveText(headline(c.outcome));

        const why = quiz.result.locator("section").filter({ has: quiz.page.getByRole("heading", { name: "Why", exact: true }) });
        if (c.reasons.length === 0) {
          await expect(why).toHaveCount(0);
        } else {
          // One item per rule, in order: the reason, when to come back, and the answer that caused it.
          const items = why.getByRole("listitem");
          await expect(items).toHaveCount(c.reasons.length);
          for (const [i, id] of c.reasons.entries()) {
            const item = items.nth(i);
            const { reason, come_back } = rule(id);
            await expect(item).toHaveAttribute("data-rule", id);
            await expect(item).toContainText(reason);
            if (come_back) await expect(item).toContainText(`When to come back: ${come_back}`);
            else await expect(item).not.toContainText("When to come back");
            const [question, answer] = Object.entries(c.overrides)[0];
            const words = answer === true ? "Yes" : answer === "unsure" ? "I'm not sure" : String(answer);
            await expect(item).toContainText(`You answered “${words}” to: ${QUESTIONS.find((q) => q.id === question)!.prompt}`);
          }
        }

        const plan = quiz.result.getByText(/^About \d+( to \d+)? sessions, \d+ to \d+ weeks apart\.$/);
        if (c.sessions) {
          await expect(plan).toHaveText(`About ${c.sessions[0]} to ${c.sessions[1]} sessions, 4 to 6 weeks apart.`);
        } else {
          await expect(plan).toHaveCount(0);
        }

        const book = quiz.resultAction("book");
        await expect(book).toHaveAttribute("href", "https://clinic.example/book");
        await expect(book).toHaveText(c.outcome === "candidate" ? "Book a consultation" : "Book a consultation to talk it through");
        const call = quiz.resultAction("call");
        await expect(call).toHaveAttribute("href", "tel:+15550100");
        await expect(call).toHaveText("Call us: +1 555 0100");
        await expect(quiz.page).toHaveURL(/\/index\.html$/);

        await snap(quiz, `result-${c.name}`);
      });
    }
  });
}
