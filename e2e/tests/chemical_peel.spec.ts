// The second shipped protocol in the real widget: a clinic's page embeds it, compiled by `candidacy
// build`, with `protocol="protocols/chemical-peel.protocol.bin"` (the copy Trunk puts in dist/; the
// Spanish texts are `chemical-peel.es.texts.bin` beside it), and a visitor reaches each outcome
// with the mouse, in English and in Spanish. The questions on screen follow the protocol's
// own branching: the test answers whatever is asked, from one set of answers.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { REPO_ROOT, type Answer, type Outcome } from "./fixtures/protocol";

interface PeelQuestion {
  id: string;
  kind: "multiple_choice" | "single_choice" | "yes_no" | "number";
  options?: { id: string }[];
}

const PEEL: { questions: PeelQuestion[] } = JSON.parse(readFileSync(`${REPO_ROOT}static/protocols/chemical-peel.json`, "utf8"));
/** A visitor for whom no rule fires (the native tests' baseline too). */
const SAFE: Record<string, Answer> = JSON.parse(readFileSync(`${REPO_ROOT}tests/protocols/chemical-peel-safe-answers.json`, "utf8"));

/** A clinic's page beside the widget's files, embedding the peel protocol by a relative URL. */
function clinicPage(locale?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Chemical peels at Glow Clinic</title>
  <link rel="icon" href="/favicon.svg">
  <script type="module" src="/candidacy.js"></script>
</head>
<body>
  <main>
    <h1>Chemical peels</h1>
    <candidacy-quiz protocol="protocols/chemical-peel.protocol.bin" clinic-name="Glow Clinic"
      booking-url="https://clinic.example/book" phone="+1 555 0100"${locale ? ` locale="${locale}"` : ""}></candidacy-quiz>
  </main>
</body>
</html>`;
}

/** Opens the clinic's page (served by the test at the root, where dist/protocols/ is) and starts. */
async function openQuiz(quiz: QuizPage, locale?: string): Promise<void> {
  await quiz.page.route("**/peel-clinic.html", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: clinicPage(locale) }));
  await quiz.goto("/peel-clinic.html");
  await quiz.start();
}

/** Answers the question on screen from `answers` with the mouse, by the input values the page contract names. */
async function answerShown(quiz: QuizPage, answers: Record<string, Answer>): Promise<string> {
  const id = await quiz.currentQuestion();
  const question = PEEL.questions.find((q) => q.id === id);
  if (!question) throw new Error(`the widget asks ${id}, which the protocol does not have`);
  const answer = answers[id];
  if (answer === undefined) throw new Error(`no answer for ${id}`);
  const screen = quiz.question(id);
  if (question.kind === "number") {
    await screen.locator('input[type="number"]').fill(String(answer));
  } else if (question.kind === "multiple_choice") {
    for (const option of question.options!) await screen.locator(`input[value="${option.id}"]`).setChecked((answer as string[]).includes(option.id));
  } else {
    const value = answer === true ? "yes" : answer === false ? "no" : String(answer);
    await screen.locator(`input[value="${value}"]`).check();
  }
  await quiz.continueFrom(id);
  return id;
}

/** Answers every question the widget asks until the check screen, then opens the result. */
async function reachResult(quiz: QuizPage, overrides: Record<string, Answer>): Promise<string[]> {
  const answers = { ...SAFE, ...overrides };
  const asked: string[] = [];
  for (;;) {
    await expect(quiz.anyQuestion.or(quiz.checkScreen)).toBeVisible();
    if (await quiz.checkScreen.isVisible()) break;
    asked.push(await answerShown(quiz, answers));
  }
  await quiz.seeResult();
  return asked;
}

interface Case {
  name: string;
  overrides: Record<string, Answer>;
  outcome: Outcome;
  sessions?: [number, number];
  headline: string;
  /** A sentence of the result that only this case's rules give. */
  says: string;
}

const CASES: Case[] = [
  {
    name: "sun spots on fair skin",
    overrides: {},
    outcome: "candidate",
    sessions: [3, 6],
    headline: "Book a consultation to plan your chemical peel",
    says: "You look like a good candidate for a chemical peel",
  },
  {
    name: "moderate acne scars on brown skin",
    overrides: { concerns: ["acne_scars"], scar_severity: "moderate", skin_tone: "type_5" },
    outcome: "consult",
    sessions: [1, 2],
    headline: "Speak to a clinician before you book a chemical peel",
    says: "dark patches (hyperpigmentation)",
  },
  {
    name: "pregnancy, which no longer ends the quiz",
    overrides: { pregnant_or_breastfeeding: true },
    outcome: "postpone",
    headline: "Wait before you book your chemical peel",
    says: "When to come back: once you are no longer pregnant or breastfeeding",
  },
  {
    name: "deep wrinkles only",
    overrides: { concerns: ["deep_wrinkles"] },
    outcome: "not_candidate",
    headline: "Ask the clinic about other treatments",
    says: "such as microneedling for scars. Or ask about laser, after a consultation.",
  },
];

for (const c of CASES) {
  test(`${c.name}: the widget reaches ${c.outcome}`, async ({ quiz }) => {
    await openQuiz(quiz);
    const asked = await reachResult(quiz, c.overrides);

    await quiz.expectOutcome(c.outcome, c.sessions);
    await expect(quiz.heading).toHaveText(c.headline);
    await expect(quiz.result).toContainText(c.says);
    // Nothing ends the quiz early: every question is asked (the scar question only for acne scars).
    expect(asked, "every question is asked, in the protocol's order").toEqual(
      PEEL.questions.map((q) => q.id).filter((id) => id !== "scar_severity" || "scar_severity" in c.overrides),
    );
    expect(asked.includes("scar_severity"), "the scar question only for acne scars").toBe("scar_severity" in c.overrides);
  });
}

test("in Spanish: questions, glossary, periods and result all in Spanish", async ({ quiz }) => {
  await openQuiz(quiz, "es");
  await expect(quiz.question("concerns")).toContainText("¿Qué te gustaría mejorar?");

  const answers = { ...SAFE, concerns: ["acne_scars"], scar_severity: "moderate", skin_tone: "type_5" };
  for (;;) {
    await expect(quiz.anyQuestion.or(quiz.checkScreen)).toBeVisible();
    if (await quiz.checkScreen.isVisible()) break;
    const id = await quiz.currentQuestion();
    if (id === "isotretinoin") {
      const screen = quiz.question(id);
      await expect(screen.locator("dfn")).toContainText(["isotretinoína"]);
      await expect(screen).toContainText("Sí, y dejé la isotretinoína hace menos de 6 meses");
    }
    await answerShown(quiz, answers);
  }
  await quiz.seeResult();

  await quiz.expectOutcome("consult", [1, 2]);
  await expect(quiz.heading).toHaveText("Habla con un profesional antes de reservar tu peeling químico");
  await expect(quiz.result).toContainText("manchas oscuras (hiperpigmentación)");
  await expect(quiz.result).toContainText("Cómo suele ser un plan");
  // "Profundidad media" is used by results only: the result explains it.
  const terms = quiz.result.locator(".candidacy-result-glossary");
  await expect(terms.getByRole("heading", { level: 2, name: "Qué significan estas palabras" })).toBeVisible();
  await expect(terms.locator("dt dfn", { hasText: "profundidad media" })).toBeVisible();
  await expect(terms).toContainText("un peeling de profundidad media es más fuerte que uno suave");
});
