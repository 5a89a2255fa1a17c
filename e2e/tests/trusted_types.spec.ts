// The widget under enforced Trusted Types (and the strict CSP): a full quiz inline, the popup and
// iframe mode, with no violation reported. The loader's one policy is `candidacy` (it only ever
// passes the loader's own first-screen markup to innerHTML); the widget writes no HTML from text.
import { test, expect } from "./fixtures/test";
import { pathOf } from "./fixtures/protocol";
import { QuizPage } from "./fixtures/quiz_page";
import type { Page } from "@playwright/test";

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types candidacy",
].join("; ");

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trusted Types</title>
<script type="module" src="/cdn/candidacy/candidacy.js"></script>
<script type="module" src="/cdn/candidacy/candidacy-frame.js"></script></head><body><main>
<candidacy-quiz id="inline" phone="+1 555 0100" booking-url="https://clinic.example/book" lead-endpoint="/api/lead"></candidacy-quiz>
<candidacy-quiz id="popup" mode="popup" phone="+1 555 0100"></candidacy-quiz>
<iframe data-candidacy-frame title="Treatment check" src="/cdn/candidacy/embed.html"></iframe>
</main></body></html>`;

/** Serves the test page, and the frame's page, with the CSP; records every violation. */
async function trustedTypesPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as { __violations?: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as { __violations?: string[] }).__violations!.push(`${e.violatedDirective}: ${e.sample || e.blockedURI}`),
    );
  });
  await page.route("**/site/trusted-types.html", (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", headers: { "content-security-policy": CSP }, body: PAGE }),
  );
  await page.route("**/cdn/candidacy/embed.html", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": CSP } });
  });
  await page.goto("/site/trusted-types.html");
}

const violations = async (page: Page) => {
  const all: string[] = [];
  for (const frame of page.frames()) all.push(...((await frame.evaluate(() => (window as { __violations?: string[] }).__violations ?? [])) as string[]));
  return all;
};

test("a full quiz, the popup and the iframe run under enforced Trusted Types with no violation", async ({ page, problems }) => {
  await trustedTypesPage(page);
  const inline = new QuizPage(page, page.locator("#inline"));
  await expect(inline.welcome).toBeVisible();
  await inline.answerPath(pathOf({ blood_thinners: true }));
  await inline.seeResult();
  await inline.expectOutcome("consult", [3, 4]);
  await inline.resultAction("clear-answers").click();
  await expect(inline.welcome).toBeVisible();

  await page.locator("#popup").evaluate((el) => (el as HTMLElement & { open(): void }).open());
  const popup = new QuizPage(page, page.locator("#popup"));
  await expect(popup.welcome).toBeVisible();
  await popup.start();
  await page.locator("#popup").evaluate((el) => (el as HTMLElement & { close(): void }).close());

  const framed = new QuizPage(page, page.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz"));
  await expect(framed.welcome).toBeVisible();
  await framed.answerPath(pathOf());
  await framed.seeResult();
  await framed.expectOutcome("candidate", [3, 4]);

  expect(await violations(page)).toEqual([]);
  expect(problems.errors.filter((e) => /trusted|policy/i.test(e))).toEqual([]);
});

test("the loader's first screen is shown through the `candidacy` policy, not refused", async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/widget_bg.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await trustedTypesPage(page);
  // While the wasm is held back, the loader's copy of the first screen is on show.
  await expect(page.locator("#inline [data-first-screen]")).toBeVisible();
  release();
  await expect(new QuizPage(page, page.locator("#inline")).welcome).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
