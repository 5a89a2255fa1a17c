// The first screen before the wasm: the loader shows the built-in protocol's first screen (welcome,
// or the first question) as the widget renders it, and hands over to the widget what the visitor
// did meanwhile. The wasm is held back by the test until it lets it through.
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { QuizPage } from "./fixtures/quiz_page";
import { STORAGE_KEY, protocolIn } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

/** Holds every request for the wasm until the returned function is called. */
async function holdTheWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/widget_bg.wasm", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Adds a widget without waiting for it (its first screen is what the test looks at). */
async function addEarly(page: Page, attributes: Record<string, string>): Promise<QuizPage> {
  await page.evaluate((attributes) => {
    const quiz = document.createElement("candidacy-quiz");
    quiz.id = "early";
    for (const [name, value] of Object.entries(attributes)) quiz.setAttribute(name, value);
    document.getElementById("slot")!.append(quiz);
  }, attributes);
  return new QuizPage(page, page.locator("candidacy-quiz#early"));
}

const firstScreen = (quiz: QuizPage) => quiz.mount.locator(".candidacy[data-first-screen]");
const markup = (quiz: QuizPage, selector: string) =>
  quiz.mount.locator(selector).evaluate((el) => {
    // Less the loader's two marks: which one is the copy, and which screen must not enter again.
    const copy = el.cloneNode(true) as Element;
    copy.removeAttribute("data-first-screen");
    copy.querySelector("[data-continued]")?.removeAttribute("data-continued");
    return copy.outerHTML;
  });

const HEADINGS: Record<string, Record<string, string | RegExp>> = {
  en: { welcome: "Check if microneedling could be right for you", "first-question": protocolIn("en").questions[0].prompt },
  es: { welcome: /descubre si es para ti/, "first-question": protocolIn("es").questions[0].prompt },
};

for (const lang of ["en", "es"]) {
  for (const start of ["welcome", "first-question"]) {
    test(`${lang}, start=${start}: the first screen shows before the wasm and is exactly the widget's`, async ({ page }) => {
      const release = await holdTheWasm(page);
      await page.goto("/site/blank.html");
      await page.evaluate((lang) => (document.documentElement.lang = lang), lang);
      const quiz = await addEarly(page, { ...CLINIC, start });
      await expect(firstScreen(quiz)).toBeVisible();
      await expect(firstScreen(quiz)).toHaveAttribute("lang", lang);
      await expect(firstScreen(quiz).locator("h1")).toHaveText(HEADINGS[lang][start]);
      await expect(firstScreen(quiz).locator('a[data-action="book"]')).toHaveAttribute("href", CLINIC["booking-url"]);
      const early = await markup(quiz, ".candidacy[data-first-screen]");
      release();
      await expect(firstScreen(quiz)).toHaveCount(0);
      await expect(quiz.root.locator("[data-step], [data-question-id]").first()).toBeVisible();
      // If this fails, the widget's first screens changed: run `node e2e/first-screens.mjs` after a release build.
      expect(early).toBe(await markup(quiz, ".candidacy"));
      await expect(quiz.root.locator(".candidacy-screen"), "no second entrance animation").toHaveAttribute("data-continued", "");
    });
  }
}

test("choices ticked and Continue pressed before the widget is ready are carried over", async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto("/site/blank.html");
  const quiz = await addEarly(page, { ...CLINIC, start: "first-question" });
  for (const option of ["acne_scars", "stretch_marks"]) await firstScreen(quiz).locator(`input[value="${option}"]`).check();
  await firstScreen(quiz).locator('[data-action="next"]').click();
  await expect(firstScreen(quiz)).toBeVisible(); // nothing is lost, nothing moves on without the widget
  release();
  await expect(quiz.question("treatment_area")).toBeVisible();
  const saved = await page.evaluate((key) => sessionStorage.getItem(key.replace("quiz-1", "early")), STORAGE_KEY);
  expect(JSON.parse(saved!).answers).toEqual({ concerns: ["acne_scars", "stretch_marks"] });
});

test("Start pressed on the first screen starts the quiz once the widget is ready, with focus on the question", async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto("/site/blank.html");
  const quiz = await addEarly(page, CLINIC);
  await firstScreen(quiz).locator('[data-action="start"]').click();
  release();
  await expect(quiz.question("concerns")).toBeVisible();
  await expect(quiz.heading).toBeFocused();
});

test("a first screen with the clinic's name holding markup shows it as text", async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto("/site/blank.html");
  const name = '<img src=x onerror="window.__pwned=1"> $& $1 ⟦phone⟧';
  const quiz = await addEarly(page, { ...CLINIC, "clinic-name": name });
  await expect(firstScreen(quiz).locator(".candidacy-help")).toContainText(`Questions? Contact ${name}:`);
  expect(await firstScreen(quiz).locator("img").count()).toBe(0);
  release();
  await expect(quiz.welcome).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

// In the language the widget will choose: the page's `lang` here (the negotiation's middle step).
test("the first screen is in the page's language, exactly the widget's, and a language switch made on it is carried over", async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto("/site/blank.html");
  await page.evaluate(() => (document.documentElement.lang = "es"));
  const quiz = await addEarly(page, { ...CLINIC });
  await expect(firstScreen(quiz)).toHaveAttribute("lang", "es");
  await expect(firstScreen(quiz).locator("h1")).toHaveText(/descubre si es para ti/);
  const early = await markup(quiz, ".candidacy[data-first-screen]");
  await firstScreen(quiz).locator('[data-action="locale"][data-locale="en"]').click();
  release();
  await expect(firstScreen(quiz)).toHaveCount(0);
  // The widget rendered the same Spanish screen, then took the press on "English".
  await expect(quiz.root).toHaveAttribute("lang", "en");
  await expect(quiz.welcome.locator("h1")).toHaveText("Check if microneedling could be right for you");
  expect(early.replace(/data-continued=""\s?/, "")).toContain('lang="es"');
});

test("a locale the built-in protocol lacks gets the English first screen, as the widget does", async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto("/site/blank.html");
  const quiz = await addEarly(page, { ...CLINIC, locale: "fr-FR" });
  await expect(firstScreen(quiz)).toHaveAttribute("lang", "en");
  const early = await markup(quiz, ".candidacy[data-first-screen]");
  release();
  await expect(firstScreen(quiz)).toHaveCount(0);
  await expect(quiz.welcome).toBeVisible();
  expect(early).toBe(await markup(quiz, ".candidacy"));
});

const WITHOUT: [string, Record<string, string>][] = [
  ["another protocol", { protocol: "/cdn/candidacy/protocols/microneedling.protocol.bin" }],
  ["prefilled answers", { prefill: '{"concerns": ["acne_scars"]}' }],
  ["no phone", { phone: "" }],
];
for (const [name, attributes] of WITHOUT) {
  test(`no first screen before the wasm with ${name}: the widget shows its own`, async ({ page }) => {
    const release = await holdTheWasm(page);
    await page.goto("/site/blank.html");
    const quiz = await addEarly(page, { ...CLINIC, ...attributes });
    await page.waitForTimeout(300);
    await expect(firstScreen(quiz)).toHaveCount(0);
    release();
    await expect(quiz.root.locator("[data-step], [data-question-id]").first()).toBeVisible();
  });
}

test("no first screen when the tab holds saved progress: the widget resumes it", async ({ page }) => {
  await page.goto("/site/blank.html");
  let quiz = await addWidget(page, CLINIC, "early");
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  const release = await holdTheWasm(page);
  await page.reload();
  quiz = await addEarly(page, CLINIC);
  await page.waitForTimeout(300);
  await expect(firstScreen(quiz)).toHaveCount(0);
  release();
  await expect(quiz.question("treatment_area")).toBeVisible();
});
