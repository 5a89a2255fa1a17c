// A chooser protocol in the widget: static/protocols/resurfacing.json, compiled to
// `resurfacing.protocol.bin` (Spanish in `resurfacing.es.texts.bin`), compares microneedling,
// chemical peels and laser resurfacing with one set of questions, recommends the best fit and
// shows how each treatment suits the visitor.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget } from "./fixtures/host_page";
import type { QuizPage } from "./fixtures/quiz_page";

type Answer = string | string[] | number;

/** An adult with no finding, with these concerns and skin tone (input values by question id). */
const visitor = (concerns: string[], skinTone: string): Record<string, Answer> => ({
  concerns,
  scar_severity: "mild",
  scar_age: "over_1_year",
  skin_tone: skinTone,
  expectations: "gradual",
  age: 35,
  pregnant_or_breastfeeding: "no",
  skin_infection: "no",
  cold_sores: "never",
  active_acne: "no",
  skin_condition: "none",
  isotretinoin: "no",
  recent_sun: "no",
  planned_sun: "no",
  recent_procedures: "no",
  recent_major_procedures: "no",
  recent_hair_removal: "no",
  retinoids: "no",
  photosensitizing_medication: "no",
  aspirin_allergy: "no",
  blood_thinners: "no",
  bleeding_disorder: "no",
  keloid_history: "no",
  metal_allergy: "no",
  anesthetic_allergy: "no",
  immune_or_healing: "no",
  skin_cancer: "no",
  moles_or_lesions: "no",
  radiation: "no",
});

/** Answers whatever question is on screen from `answers`, until the check screen. */
async function answerAll(quiz: QuizPage, answers: Record<string, Answer>): Promise<void> {
  await quiz.start();
  while (await quiz.anyQuestion.isVisible()) {
    const id = await quiz.currentQuestion();
    const answer = answers[id];
    if (answer === undefined) throw new Error(`no answer for ${id}`);
    const screen = quiz.question(id);
    if (typeof answer === "number") await screen.locator('input[type="number"]').fill(String(answer));
    else for (const value of [answer].flat()) await screen.locator(`input[value="${value}"]`).check();
    await quiz.continueFrom(id);
  }
  await expect(quiz.checkScreen).toBeVisible();
}

const protocol = { ...CLINIC, protocol: "/protocols/resurfacing.protocol.bin" };

test("a deep skin tone with acne scars is steered to microneedling rather than laser", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, protocol);
  await expect(quiz.welcome.locator("h1")).toHaveText("Check if skin resurfacing could be right for you");
  await answerAll(quiz, visitor(["acne_scars"], "type_6"));
  await quiz.seeResult();
  await expect(quiz.result).toHaveAttribute("data-outcome", "candidate");
  await expect(quiz.result).toHaveAttribute("data-treatment", "microneedling");
  const compared = quiz.result.locator(".candidacy-treatments > li");
  await expect(compared).toHaveCount(3);
  await expect(compared.nth(0)).toHaveAttribute("data-treatment", "microneedling");
  await expect(compared.nth(0)).toHaveAttribute("data-recommended", "");
  await expect(compared.nth(0)).toContainText("Recommended for you");
  await expect(quiz.result.locator('li[data-treatment="laser_resurfacing"]')).toHaveAttribute("data-treatment-outcome", "consult");
  await expect(quiz.result.locator('li[data-treatment="chemical_peel"]')).toHaveAttribute("data-treatment-outcome", "consult");
  await expect(quiz.result.locator('li[data-treatment="laser_resurfacing"]')).not.toHaveAttribute("data-recommended");
});

test("the chooser in Spanish: a peel is ruled out for stretch marks, with what to ask instead", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...protocol, locale: "es" });
  await answerAll(quiz, visitor(["stretch_marks"], "type_3"));
  await quiz.seeResult();
  await expect(quiz.result).toHaveAttribute("data-treatment", "microneedling");
  const peel = quiz.result.locator('li[data-treatment="chemical_peel"]');
  await expect(peel).toHaveAttribute("data-treatment-outcome", "not_candidate");
  await expect(peel).toContainText("Qué puedes preguntar en su lugar:");
  await expect(quiz.result.getByRole("heading", { name: "Cómo encaja cada tratamiento contigo" })).toBeVisible();
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
