// Isolation: a page's aggressive global styles do not change the widget, the widget's styles do
// not leak into the page, and a strict Content-Security-Policy page runs a whole quiz.
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { pathOf } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/** A screenshot of the widget itself (its own box inside the shadow root), and where the box's top
 * was on the page. `top`: first move the widget down to that page offset (by padding the body). */
async function widgetShot(page: Page, act: (quiz: QuizPage) => Promise<void>, top?: number): Promise<{ png: Buffer; top: number }> {
  const quiz = new QuizPage(page);
  await quiz.goto("/demo/hostile.html");
  await act(quiz);
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0); // no hover state where the last click left the pointer
  // Chromium's rasteriser anti-aliases a rounded corner differently depending on where it falls on
  // the page (its raster tiles), so both widgets are shot at the same page offset: a tall result
  // otherwise differs at a button's corners on the plain page, which the hostile stylesheet has no
  // part in.
  const pageBox = () =>
    quiz.root.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    });
  if (top !== undefined) {
    const shift = top - (await pageBox()).y;
    expect(shift, "the plain page puts the widget no lower than the hostile one").toBeGreaterThanOrEqual(0);
    await page.evaluate((shift) => document.body.style.setProperty("padding-top", `${shift}px`), shift);
  }
  // The whole pixels inside the widget's box, in page coordinates (its fractional edges blend with
  // the page behind it, which differs on purpose).
  const box = await pageBox();
  const [left, y] = [Math.ceil(box.x), Math.ceil(box.y)];
  const clip = { x: left, y, width: Math.floor(box.x + box.width) - left, height: Math.floor(box.y + box.height) - y };
  return { png: await page.screenshot({ clip, fullPage: true, animations: "disabled", caret: "hide" }), top: box.y };
}

for (const [screen, act] of [
  ["welcome", async () => {}],
  ["a question with an error", async (quiz: QuizPage) => {
    await quiz.start();
    await quiz.continueButton("concerns").click();
    await expect(quiz.errorSummary).toBeFocused();
  }],
  ["a result", async (quiz: QuizPage) => {
    await quiz.answerPath(pathOf({ blood_thinners: true }));
    await quiz.seeResult();
  }],
] as const) {
  test(`the hostile stylesheet leaves the widget pixel-identical: ${screen}`, async ({ browser }) => {
    const hostile = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const plain = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await plain.route("**/demo/hostile.css", (route) => route.fulfill({ status: 200, contentType: "text/css", body: "" }));
    const withHostile = await widgetShot(hostile, act);
    const withoutIt = await widgetShot(plain, act, withHostile.top);
    expect(withoutIt.top).toBe(withHostile.top);
    const sizes = [withHostile.png.length, withoutIt.png.length];
    expect(Buffer.compare(withHostile.png, withoutIt.png), `the same pixels (PNG sizes ${sizes})`).toBe(0);
    await hostile.close();
    await plain.close();
  });
}

test("the hostile page's rules really apply to the page, and the widget's styles do not leak out", async ({ page }) => {
  const quiz = new QuizPage(page);
  await quiz.goto("/demo/hostile.html");
  await expect(page.locator("p.after button")).toBeHidden();
  await expect(quiz.startButton).toBeVisible();
  const leak = await page.evaluate(() => {
    const probe = document.createElement("a");
    probe.className = "candidacy-button candidacy";
    probe.textContent = "probe";
    document.body.append(probe);
    const style = getComputedStyle(probe);
    return { background: style.backgroundColor, padding: style.paddingTop };
  });
  expect(leak, "the widget's class names mean nothing outside it").toEqual({ background: "rgba(0, 0, 0, 0)", padding: "0px" });
});

test("under a strict CSP a whole quiz completes, a lead is sent, and nothing is blocked", async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as { __violations?: string[] }).__violations = violations;
    document.addEventListener("securitypolicyviolation", (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto("/demo/strict-csp.html");
  expect(response?.headers()["content-security-policy"]).toBe(STRICT_CSP);
  const quiz = new QuizPage(page);
  await expect(quiz.welcome).toBeVisible();
  await quiz.answerPath(pathOf());
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);
  // The clinic's colours, set by attribute through the CSSOM, apply under style-src 'self'.
  await expect(quiz.resultAction("book")).toHaveCSS("background-color", "rgb(107, 45, 92)");

  const form = quiz.root.locator("[data-lead]");
  await form.getByLabel("Your name").fill("Ana");
  await form.getByLabel("Email address").fill("ana@example.com");
  await form.getByRole("checkbox").check();
  const posted = page.waitForRequest((r) => r.url().endsWith("/api/lead") && r.method() === "POST");
  await form.getByRole("button", { name: "Send my results" }).click();
  await posted;
  await expect(quiz.root.locator('[data-lead="sent"]')).toBeVisible();

  expect(await page.evaluate(() => (window as { __violations?: string[] }).__violations)).toEqual([]);
});
