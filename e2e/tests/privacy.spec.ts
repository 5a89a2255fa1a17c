// Privacy: on every demo page a whole quiz makes no request but for the widget's own files (the
// lead endpoint only after consent), writes nothing to localStorage, cookies or IndexedDB, and
// keeps progress in sessionStorage only until Start over (or the result, with forget-on-complete).
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { pathOf } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

/** Every file a demo page may load: the pages, their styles, and the widget's own files. */
const ALLOWED = /^\/(index\.html|favicon\.svg|demo\.css|candidacy\.js|candidacy\.css|widget\.js|widget_bg\.wasm|embed\.(html|js|css)|embed-config\.json|candidacy-frame\.js|demo\/[a-z-]+\.(html|css))$/;

const PAGES: { page: string; open: (page: Page) => Promise<QuizPage> }[] = [
  { page: "/index.html", open: async (page) => new QuizPage(page) },
  { page: "/demo/strict-csp.html", open: async (page) => new QuizPage(page) },
  { page: "/demo/hostile.html", open: async (page) => new QuizPage(page) },
  { page: "/demo/fixed-header.html", open: async (page) => new QuizPage(page) },
  { page: "/demo/start-first-question.html", open: async (page) => new QuizPage(page) },
  {
    page: "/demo/lazy.html",
    open: async (page) => {
      await page.locator("candidacy-quiz").scrollIntoViewIfNeeded();
      return new QuizPage(page);
    },
  },
  {
    page: "/demo/popup.html",
    open: async (page) => {
      await page.getByRole("button", { name: "Am I a candidate?" }).click();
      return new QuizPage(page);
    },
  },
  { page: "/demo/iframe.html", open: async (page) => new QuizPage(page, page.frameLocator("iframe").locator("candidacy-quiz")) },
];

for (const { page: url, open } of PAGES) {
  test(`${url}: a whole quiz requests only the widget's own files and stores nothing outside sessionStorage`, async ({ page, context }) => {
    const requests: { method: string; url: string }[] = [];
    context.on("request", (r) => requests.push({ method: r.method(), url: r.url() }));
    await page.goto(url);
    const quiz = await open(page);
    await expect(quiz.root.locator("section.candidacy-screen").first()).toBeVisible();
    await quiz.answerPath(pathOf({ recent_sun: true }));
    await quiz.seeResult();
    await quiz.expectOutcome("postpone");

    const origin = new URL(page.url()).origin;
    const foreign = requests.filter((r) => !r.url.startsWith(`${origin}/`));
    expect(foreign, "no request to another origin").toEqual([]);
    const unexpected = requests.filter((r) => r.method !== "GET" || !ALLOWED.test(new URL(r.url).pathname));
    expect(unexpected, "only the widget's own files, and no POST without consent").toEqual([]);

    const frame = url.includes("iframe") ? page.frames()[1] : page.mainFrame();
    const stored = await frame.evaluate(async () => ({
      localStorage: localStorage.length,
      cookie: document.cookie,
      indexedDB: (await indexedDB.databases()).length,
      session: Object.keys(sessionStorage).filter((k) => k.startsWith("candidacy:")),
    }));
    expect(stored.localStorage).toBe(0);
    expect(stored.cookie).toBe("");
    expect(stored.indexedDB).toBe(0);
    expect(stored.session, "progress kept for this tab only").toHaveLength(1);
    expect(await context.cookies()).toEqual([]);

    // Start over forgets the answers.
    await quiz.resultAction("start-over").click();
    await expect(quiz.root.locator("section.candidacy-screen").first()).toBeVisible();
    const after = await frame.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candidacy:")));
    expect(after, "nothing saved after Start over").toEqual([]);
  });
}

test("forget-on-complete: the saved answers are gone once the result is shown", async ({ page }) => {
  const addWidget = () =>
    page.evaluate(() => {
      const quiz = document.createElement("candidacy-quiz");
      quiz.setAttribute("forget-on-complete", "");
      quiz.setAttribute("phone", "+1 555 0100");
      document.getElementById("slot")!.append(quiz);
    });
  await page.goto("/site/blank.html");
  await addWidget();
  const quiz = new QuizPage(page);
  await expect(quiz.welcome).toBeVisible();
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  const keys = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candidacy:")));
  expect(await keys(), "kept while the quiz is under way").toHaveLength(1);
  await quiz.answerPath(pathOf().slice(1));
  await quiz.seeResult();
  await expect.poll(keys).toEqual([]);
  await page.reload();
  await addWidget();
  await expect(quiz.welcome, "a reload after the result starts afresh").toBeVisible();
});
