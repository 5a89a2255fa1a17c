// The widget in English and Spanish (and a right-to-left protocol): which language it picks, a
// whole quiz in Spanish, switching language mid-quiz, and the layout of the longer Spanish words
// on a 320 px phone.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { compileProtocol, routeCompiled } from "./fixtures/compile";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { QuizPage } from "./fixtures/quiz_page";
import { pathOf, protocolIn } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

const es = protocolIn("es");
const en = protocolIn("en");

/** The blank clinic page, its `lang` set (or removed, with null). */
async function pageIn(page: Page, lang: string | null): Promise<void> {
  await page.goto("/site/blank.html");
  await page.evaluate((lang) => {
    if (lang === null) document.documentElement.removeAttribute("lang");
    else document.documentElement.lang = lang;
  }, lang);
}

/** The horizontal overflow of the page and of the widget, in CSS pixels (0 when everything fits). */
async function overflow(quiz: QuizPage): Promise<{ page: number; widget: number }> {
  const page = await quiz.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const widget = await quiz.root.evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    let worst = root.scrollWidth - root.clientWidth;
    for (const el of root.querySelectorAll("*")) worst = Math.max(worst, el.getBoundingClientRect().right - right);
    return Math.round(worst);
  });
  return { page, widget };
}

test("a Spanish page gets the whole quiz in Spanish, to the result", async ({ page }) => {
  await pageIn(page, "es");
  const quiz = await addWidget(page, CLINIC);
  await expect(quiz.root).toHaveAttribute("lang", "es");
  await expect(quiz.welcome.locator("h1")).toHaveText(/descubre si es para ti/);
  await expect(quiz.startButton).toHaveText("Empezar");
  await quiz.start();
  await expect(quiz.anyQuestion.locator(".candidacy-progress")).toHaveText(/^Pregunta 1 de unas \d+$/);
  await expect(quiz.anyQuestion.locator("h1")).toHaveText(es.questions[0].prompt);
  await expect(quiz.status).toContainText(`Pregunta 1 de unas`);

  // An empty Continue: the error in Spanish.
  await quiz.continueButton("concerns").click();
  await expect(quiz.root.getByRole("heading", { name: "Hay un problema", level: 2 })).toBeVisible();

  const path = pathOf();
  await quiz.answerPath(path);
  await expect(quiz.checkScreen.locator("h1")).toHaveText("Revisa tus respuestas");
  await expect(quiz.checkRow("pregnant_or_breastfeeding").locator("dd").first()).toHaveText("No");
  await expect(quiz.checkRow("age").locator("dd").first()).toHaveText(/^35 /);
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);
  await expect(quiz.result.locator("h1")).toHaveText(es.outcomes.candidate.headline);
  await expect(quiz.result).toContainText("Alrededor de 3 a 4 sesiones, una cada 4 a 6 semanas.");
  await expect(quiz.resultAction("print")).toHaveText("Imprimir o guardar");
  // Nothing of the interface is left in English.
  for (const english of ["Print or save", "Start over", "What to do next", "Check your answers", "Question"]) {
    await expect(quiz.root, english).not.toContainText(english);
  }
});

test("without a page language, the browser's languages choose", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-MX" });
  const page = await context.newPage();
  await pageIn(page, null);
  const quiz = await addWidget(page, CLINIC);
  await expect(quiz.root).toHaveAttribute("lang", "es");
  await expect(quiz.startButton).toHaveText("Empezar");
  await context.close();
});

test("the locale attribute wins over the page's language", async ({ page }) => {
  await pageIn(page, "es");
  const quiz = await addWidget(page, { ...CLINIC, locale: "en" });
  await expect(quiz.root).toHaveAttribute("lang", "en");
  await expect(quiz.welcome.locator("h1")).toHaveText("Check if microneedling could be right for you");
});

test("switching language mid-quiz keeps every answer, and the choice survives a reload", async ({ page }) => {
  await pageIn(page, "en");
  const quiz = await addWidget(page, CLINIC);
  await quiz.start();
  const path = pathOf();
  for (const [id, answer] of path.slice(0, 3)) await quiz.answerAndContinue(id, answer);
  const [thirdId, thirdAnswer] = path[3];
  await quiz.answer(thirdId, thirdAnswer);

  const switcher = quiz.root.getByRole("navigation", { name: "Language" });
  await switcher.getByRole("button", { name: "Español" }).click();
  await expect(quiz.root).toHaveAttribute("lang", "es");
  const prompt = (id: string) => es.questions.find((q) => q.id === id)!.prompt;
  await expect(quiz.question(thirdId).locator("h1")).toHaveText(prompt(thirdId));
  await quiz.expectShows(thirdId, thirdAnswer); // the answer being edited is kept too
  await expect(quiz.root.getByRole("navigation", { name: "Idioma" }).getByRole("button", { name: "English" })).toBeVisible();

  await quiz.backButton().click();
  const [secondId, secondAnswer] = path[2];
  await expect(quiz.question(secondId).locator("h1")).toHaveText(prompt(secondId));
  await quiz.expectShows(secondId, secondAnswer);

  await page.reload();
  const reloaded = new QuizPage(page, page.locator("candidacy-quiz#added"));
  await page.evaluate((clinic) => {
    const quiz = document.createElement("candidacy-quiz");
    quiz.id = "added";
    for (const [name, value] of Object.entries(clinic)) quiz.setAttribute(name, value);
    document.getElementById("slot")!.append(quiz);
  }, CLINIC);
  await expect(reloaded.question(secondId).locator("h1")).toHaveText(prompt(secondId));
  await expect(reloaded.root).toHaveAttribute("lang", "es");
  await reloaded.expectShows(secondId, secondAnswer);

  await reloaded.answerAndContinue(secondId, secondAnswer);
  await reloaded.answerAndContinue(thirdId, thirdAnswer);
  for (const [id, answer] of path.slice(4)) await reloaded.answerAndContinue(id, answer);
  await expect(reloaded.checkRows()).toHaveCount(path.length);
  await expect(reloaded.checkScreen.locator("h1")).toHaveText("Revisa tus respuestas");
  expect(en.questions[0].prompt).not.toBe(es.questions[0].prompt);
});

test("at 320 px, the longer Spanish words fit every screen: no sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await pageIn(page, "es");
  const quiz = await addWidget(page, CLINIC);
  const fits = async (screen: string) => expect(await overflow(quiz), screen).toEqual({ page: 0, widget: 0 });
  await fits("welcome");
  await quiz.start();
  for (const [id, answer] of pathOf({ concerns: ["acne_scars", "stretch_marks", "pigmentation"] })) {
    await fits(id);
    await quiz.answerAndContinue(id, answer);
  }
  await fits("check your answers");
  await quiz.seeResult();
  await fits("result");
});

test("a right-to-left protocol reads and lays out right to left", async ({ page }) => {
  // e2e/pages/rtl-protocol.json, compiled as a clinic would (a test treatment: no screening profile);
  // its Hebrew texts come from the `he` texts file beside it.
  const rtl = compileProtocol(readFileSync(new URL("../pages/rtl-protocol.json", import.meta.url), "utf8"), ["--no-profile"]);
  expect(Object.keys(rtl.texts)).toEqual(["he"]);
  await routeCompiled(page, "/site/rtl.protocol.bin", rtl);
  await pageIn(page, "en");
  const quiz = await addWidget(page, { ...CLINIC, protocol: "/site/rtl.protocol.bin", locale: "he" });
  await expect(quiz.root).toHaveAttribute("dir", "rtl");
  await expect(quiz.root).toHaveAttribute("lang", "he");
  await quiz.start();
  const heading = quiz.anyQuestion.locator("h1");
  await expect(heading).toHaveText("מה ברצונך לשפר?");
  expect(await heading.evaluate((h) => getComputedStyle(h).direction)).toBe("rtl");
  // The heading starts at the right edge, and each box sits to the right of its label.
  const [rootBox, headingBox] = [await quiz.root.boundingBox(), await heading.boundingBox()];
  expect(Math.abs(rootBox!.x + rootBox!.width - (headingBox!.x + headingBox!.width))).toBeLessThan(40);
  const box = await quiz.anyQuestion.locator("input").first().boundingBox();
  const label = await quiz.anyQuestion.locator("label").first().boundingBox();
  expect(box!.x).toBeGreaterThan(label!.x);
  await quiz.anyQuestion.locator("input").first().check();
  await quiz.anyQuestion.locator('[data-action="next"]').click();
  await expect(heading).toHaveText("האם את בהריון או מניקה?");
  const arrow = await quiz.backButton().evaluate((b) => getComputedStyle(b, "::before").content);
  expect(arrow).toBe('"›"');
  await quiz.anyQuestion.locator('input[value="no"]').check();
  await quiz.anyQuestion.locator('[data-action="next"]').click();
  await quiz.seeResult();
  await expect(quiz.result.locator("h1")).toHaveText("נראה שהטיפול מתאים לך.");
  expect(await overflow(quiz)).toEqual({ page: 0, widget: 0 });
});

test("in iframe mode, the frame follows the visitor's browser languages, not its own page's", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await page.goto("/demo/iframe.html");
  const widget = page.frameLocator("iframe").locator("candidacy-quiz .candidacy:not([data-first-screen])");
  await expect(widget).toHaveAttribute("lang", "es");
  await expect(widget.locator('[data-action="start"]')).toHaveText("Empezar");
  await context.close();
});
