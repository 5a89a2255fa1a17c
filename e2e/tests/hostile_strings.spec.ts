// Hostile strings: a protocol whose every text carries markup, script, RTL overrides, zero-width
// characters, emoji and 10,000-character strings, and attributes that carry them too, render as
// inert text; no script runs, no dialog opens, and the layout stays usable.
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { PROTOCOL_PATH, REPO_ROOT, pathOf } from "./fixtures/protocol";
import { readFileSync } from "node:fs";
import { compileProtocol, routeCompiled } from "./fixtures/compile";

const TEXT_KEYS = new Set([
  "prompt", "help", "label", "hint", "reason", "come_back", "instead", "red_flag", "headline", "body", "name",
  "session", "timeline", "maintenance", "also_ask_about", "disclaimer", "error", "unit", "yes_label", "no_label",
  "term", "explanation", "preparation", "aftercare", "title",
]);
const PAYLOAD = ` <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> <a href="javascript:window.__pwned=3">x</a> \u202Eoverride\u202C \u200B\u200D\uFEFF 🧪👩🏽‍⚕️`;
const LONG = `Long${"-word".repeat(2_000)}`;

/** Every visitor-facing text of `value` (under a text key) with the payload added; one made 10,000 long.
 * Parameters are left alone: their units are a closed set (days, weeks, months, years), not text. */
function poison(value: unknown, key = "", state = { long: 0 }): unknown {
  if (key === "parameters") return value;
  if (Array.isArray(value)) return value.map((v) => poison(v, key, state));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, TEXT_KEYS.has(k) ? k : TEXT_KEYS.has(key) ? key : k, state)]));
  }
  if (typeof value === "string" && TEXT_KEYS.has(key)) {
    return (key === "help" || key === "hint") && state.long++ < 3 ? `${value} ${LONG}${PAYLOAD}` : `${value}${PAYLOAD}`;
  }
  return value;
}

test("markup, script and odd characters in every text and attribute render as inert text", async ({ page, problems }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Compiled as a clinic compiles theirs: `candidacy build` takes the texts as they are.
  const hostile = compileProtocol(poison(JSON.parse(readFileSync(`${REPO_ROOT}/${PROTOCOL_PATH}`, "utf8"))));
  await routeCompiled(page, "/site/hostile.protocol.bin", hostile);
  await page.goto("/site/blank.html");
  await page.evaluate((payload) => {
    const quiz = document.createElement("candidacy-quiz");
    quiz.setAttribute("protocol", "/site/hostile.protocol.bin");
    quiz.setAttribute("clinic-name", `Glow${payload}`);
    quiz.setAttribute("booking-url", "javascript:window.__pwned=4");
    quiz.setAttribute("phone", `<img src=x onerror="window.__pwned=5">`);
    quiz.setAttribute("primary", "red; background: url(javascript:alert(1))");
    document.getElementById("slot")!.append(quiz);
  }, PAYLOAD);
  const quiz = new QuizPage(page);
  await expect(quiz.welcome).toBeVisible();
  await expect(quiz.welcome).toContainText('<img src=x onerror="window.__pwned=1">');

  const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const [id, answer] of pathOf()) {
    if (await quiz.welcome.isVisible()) await quiz.start();
    await expect(quiz.question(id)).toContainText("<script>window.__pwned=2</script>");
    expect(await noSideways(), `no sideways scrolling on ${id}`).toBeLessThanOrEqual(0);
    await expect(quiz.continueButton(id)).toBeVisible();
    await quiz.answerAndContinue(id, answer);
  }
  await quiz.seeResult();
  await expect(quiz.result).toContainText("<img src=x");
  expect(await noSideways()).toBeLessThanOrEqual(0);

  const links = await quiz.root.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(links.filter((href) => !/^(https?:|tel:|#)/.test(href)), "only web, tel and in-page links").toEqual([]);
  expect(await quiz.root.locator("img, script, iframe, object, embed").count(), "no element made from the texts").toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  for (const attribute of ["booking-url", "phone", "primary"]) {
    expect(problems.warnings.join("\n")).toContain(`ignoring attribute \`${attribute}\``);
  }
});

test("the same payload in a language's texts file (fetched on demand) renders as inert text too", async ({ page }) => {
  const hostile = compileProtocol(poison(JSON.parse(readFileSync(`${REPO_ROOT}/${PROTOCOL_PATH}`, "utf8"))));
  expect(Object.keys(hostile.texts)).toEqual(["es"]);
  await routeCompiled(page, "/site/hostile.protocol.bin", hostile);
  await page.goto("/site/blank.html");
  await page.evaluate(() => {
    const quiz = document.createElement("candidacy-quiz");
    quiz.setAttribute("protocol", "/site/hostile.protocol.bin");
    quiz.setAttribute("locale", "es");
    quiz.setAttribute("phone", "+1 555 0100");
    document.getElementById("slot")!.append(quiz);
  });
  const quiz = new QuizPage(page);
  await quiz.start();
  await expect(quiz.question("concerns")).toContainText("¿Qué te gustaría mejorar?");
  await expect(quiz.question("concerns")).toContainText("<script>window.__pwned=2</script>");
  expect(await quiz.root.locator("img, script, iframe, object, embed").count(), "no element made from the texts").toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});
