// WCAG 2.2 beyond axe's defaults: the widget at 320 CSS px (reflow, 1.4.10) and at 200% zoom of a
// 1280 px window (640 CSS px), with axe on each state; axe's `incomplete` results, each either
// gone or listed with a reason in ../axe-incomplete-reviewed.json; and focus still visible under
// forced colours (Windows High Contrast).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { pathOf } from "./fixtures/protocol";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const REVIEWED: Record<string, string> = JSON.parse(
  readFileSync(fileURLToPath(new URL("../axe-incomplete-reviewed.json", import.meta.url)), "utf8"),
);

const SIZES = {
  "320 CSS px (reflow)": { width: 320, height: 640 },
  "1280x800 at 200% zoom": { width: 640, height: 400 },
} as const;

/** Runs axe and the reflow check on the screen shown; returns problems naming the screen. */
async function audit(quiz: QuizPage, screen: string, problems: string[], incomplete: Set<string>): Promise<void> {
  const results = await new AxeBuilder({ page: quiz.page }).include("candidacy-quiz").withTags(TAGS).analyze();
  for (const v of results.violations) {
    problems.push(`[${screen}] axe ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
  for (const i of results.incomplete) incomplete.add(i.id);
  const overflow = await quiz.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`[${screen}] scrolls sideways by ${overflow}px`);
}

for (const [name, viewport] of Object.entries(SIZES)) {
  test.describe(name, () => {
    test.use({ viewport });

    test("every kind of screen passes axe (with best practices) and needs no sideways scrolling", async ({ quiz }) => {
      const problems: string[] = [];
      const incomplete = new Set<string>();
      await quiz.goto();
      await audit(quiz, "welcome", problems, incomplete);
      await quiz.start();
      await quiz.continueButton("concerns").click();
      await expect(quiz.errorSummary).toBeFocused();
      await audit(quiz, "error on concerns", problems, incomplete);
      await quiz.reachCheckScreen(pathOf({ concerns: ["acne_scars"], skin_infection: true, isotretinoin: "unsure" }));
      await audit(quiz, "check your answers", problems, incomplete);
      await quiz.seeResult();
      await expect(quiz.result).toHaveAttribute("data-outcome", "postpone");
      await expect(quiz.result.getByRole("heading", { name: "Speak to a doctor or pharmacist if:" })).toBeVisible();
      await expect(quiz.result).toContainText("get medical help today");
      await audit(quiz, "postpone result with red flags", problems, incomplete);
      expect(problems).toEqual([]);
      const unreviewed = [...incomplete].filter((id) => !(id in REVIEWED));
      expect(unreviewed, "axe `incomplete` results not yet reviewed in e2e/axe-incomplete-reviewed.json").toEqual([]);
    });
  });
}

test("focus stays visible under forced colours", async ({ quiz, page }) => {
  await page.emulateMedia({ forcedColors: "active" });
  await quiz.goto();
  await quiz.start();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    let el = document.activeElement as HTMLElement;
    while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { tag: el.tagName, outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
  });
  expect(focused.tag).toBe("INPUT");
  expect(focused.outlineStyle).not.toBe("none");
  expect(focused.outlineWidth).toBeGreaterThanOrEqual(2);
});

test("a medical term is explained on the first question that uses it", async ({ quiz }) => {
  await quiz.goto();
  await quiz.start();
  const path = pathOf({});
  const until = path.findIndex(([id]) => id === "skin_condition");
  await quiz.answerPath(path.slice(0, until));
  const glossary = quiz.question("skin_condition").locator(".candidacy-glossary");
  await expect(glossary).toContainText("What these words mean");
  await expect(glossary.locator("dt", { hasText: "eczema" })).toBeVisible();
  await expect(glossary.locator("dd").first()).toHaveText("a condition that makes skin dry, itchy and inflamed");
});

test("the same help block sits at the end of every screen", async ({ quiz }) => {
  const help = quiz.root.locator(":scope > .candidacy-help");
  await quiz.goto();
  await expect(help).toContainText("Questions? Contact Glow Clinic");
  await quiz.start();
  await expect(help).toContainText("Questions? Contact Glow Clinic");
  await quiz.continueButton("concerns").click();
  await expect(quiz.errorSummary).toBeFocused();
  await expect(help).toContainText("Questions? Contact Glow Clinic");
  await quiz.reachResult(pathOf({}));
  await expect(help).toContainText("Questions? Contact Glow Clinic");
  await expect(help.locator('[data-action="call"]')).toHaveAttribute("href", "tel:+15550100");
});
