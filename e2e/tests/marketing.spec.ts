// Marketing fit: a call to action per outcome that always navigates the top-level page, campaign
// attribution without health data, prefill from the page's URL, the popup launcher, lazy
// mounting, no focus theft on load, and test mode.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { CLINIC, addWidget, dataLayer, heardEvents, listenForEvents } from "./fixtures/host_page";
import { pathOf } from "./fixtures/protocol";
import type { Page, Request } from "@playwright/test";

const CAMPAIGN = "utm_source=newsletter&utm_campaign=%3Cscript%3Ealert(1)%3C%2Fscript%3E&gclid=abc123&email=ana%40example.com";

/** Calls to action on this test server: a booking page per outcome. */
function ctas(page: Page): string {
  const origin = new URL(page.url()).origin;
  return JSON.stringify({
    candidate: { label: "Book your first session", url: `${origin}/site/booked.html?type=first` },
    consult: { label: "Book a free consultation", url: `${origin}/site/booked.html?type=consultation` },
  });
}

/** Serves the clinic's embed-config.json for iframe mode, with `attributes`. */
async function clinicConfig(page: Page, attributes: Record<string, unknown>): Promise<void> {
  await page.route("**/embed-config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ attributes }) }),
  );
}

test("a call to action per outcome, with the campaign, navigates the top-level page once", async ({ page }) => {
  const bookings: Request[] = [];
  page.on("request", (r) => r.url().includes("/site/booked.html") && bookings.push(r));
  await page.goto(`/site/blank.html?${CAMPAIGN}`);
  const quiz = await addWidget(page, { ...CLINIC, cta: ctas(page), "cta-attribution": "" });
  await quiz.answerPath(pathOf({ blood_thinners: true }));
  await quiz.seeResult();
  const cta = quiz.resultAction("book");
  await expect(cta).toHaveText("Book a free consultation");
  const href = new URL((await cta.getAttribute("href"))!);
  expect(Object.fromEntries(href.searchParams)).toEqual({
    type: "consultation",
    utm_source: "newsletter",
    utm_campaign: "<script>alert(1)</script>",
    gclid: "abc123",
  });
  await cta.click();
  await page.waitForURL(/\/site\/booked\.html/);
  await expect(page.getByRole("heading", { name: "Book your visit" })).toBeVisible();
  expect(bookings.map((r) => new URL(r.url()).searchParams.get("type"))).toEqual(["consultation"]);
});

test("without a call to action for its outcome, the result books as before; the outcome goes into a URL only with analytics-outcome", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, cta: ctas(page), "analytics-outcome": "" });
  await quiz.answerPath(pathOf({ recent_sun: true }));
  await quiz.seeResult();
  await expect(quiz.resultAction("book")).toHaveText("Book a consultation to talk it through");
  await expect(quiz.resultAction("book")).toHaveAttribute("href", "https://clinic.example/book?candidacy_outcome=postpone");
});

test("in iframe mode a call to action opens in the parent page, never inside the frame", async ({ page }) => {
  const frameNavigations: string[] = [];
  page.on("framenavigated", (frame) => frame !== page.mainFrame() && frameNavigations.push(frame.url()));
  await page.goto(`/site/blank.html?${CAMPAIGN}`);
  const cta = ctas(page);
  await clinicConfig(page, { "clinic-name": "Glow Clinic", cta, "cta-attribution": true });
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.type = "module";
    script.src = "/cdn/candidacy/candidacy-frame.js";
    document.head.append(script);
    const frame = document.createElement("iframe");
    frame.dataset.candidacyFrame = "";
    frame.title = "Check if microneedling could be right for you";
    frame.style.width = "100%";
    frame.src = "/cdn/candidacy/embed.html";
    document.getElementById("slot")!.append(frame);
  });
  const inner = new QuizPage(page, page.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz"));
  await expect(inner.welcome).toBeVisible();
  await inner.answerPath(pathOf());
  await inner.seeResult();
  await expect(inner.resultAction("book")).toHaveText("Book your first session");
  // The parent passed its campaign to the frame, which adds it to the call to action.
  await expect(inner.resultAction("book")).toHaveAttribute("href", /utm_source=newsletter/);
  const framesBefore = frameNavigations.length;
  await inner.resultAction("book").click();
  await page.waitForURL(/\/site\/booked\.html\?type=first/);
  expect(frameNavigations.slice(framesBefore).filter((url) => url.includes("booked")), "nothing loads inside the frame").toEqual([]);
});

test("in iframe mode without the parent script, a call to action still opens in the top-level page", async ({ page }) => {
  await page.goto("/site/blank.html");
  const cta = ctas(page);
  await clinicConfig(page, { "clinic-name": "Glow Clinic", cta });
  await page.evaluate(() => {
    const frame = document.createElement("iframe");
    frame.title = "Check if microneedling could be right for you";
    frame.style.width = "100%";
    frame.style.height = "900px";
    frame.src = "/cdn/candidacy/embed.html";
    document.getElementById("slot")!.append(frame);
  });
  const inner = new QuizPage(page, page.frameLocator("iframe").locator("candidacy-quiz"));
  await expect(inner.welcome).toBeVisible();
  await inner.answerPath(pathOf());
  await inner.seeResult();
  await inner.resultAction("book").click();
  await page.waitForURL(/\/site\/booked\.html\?type=first/);
  expect(page.frames(), "the page itself navigated: no frame is left").toHaveLength(1);
});

test("campaign values reach start, complete and the lead as text, never with an answer", async ({ page }) => {
  await listenForEvents(page);
  await page.goto(`/site/blank.html?${CAMPAIGN}`);
  const quiz = await addWidget(page, { ...CLINIC, analytics: "", "lead-endpoint": "/api/lead" });
  await quiz.answerPath(pathOf({ blood_thinners: true }));
  await quiz.seeResult();
  const heard = await heardEvents(page);
  const campaign = { utm_source: "newsletter", utm_campaign: "<script>alert(1)</script>", gclid: "abc123" };
  expect(heard[0].detail.attribution).toEqual(campaign);
  expect(heard.at(-1)!.detail.attribution).toEqual(campaign);
  expect(JSON.stringify(heard)).not.toContain("answers");
  expect(JSON.stringify(heard)).not.toContain("ana@example.com");
  const pushes = await dataLayer(page);
  const complete = pushes.find((p) => p.event === "candidacy_complete")!;
  expect(complete.attribution).toEqual(campaign);
  expect(complete.outcome, "advertising tools get no outcome without analytics-outcome").toBeUndefined();
  expect(complete.sessions_min).toBeUndefined();
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

  const form = quiz.root.locator("[data-lead]");
  await form.getByLabel("Your name").fill("Ana");
  await form.getByLabel("Email address").fill("ana@example.com");
  await form.getByRole("checkbox").check();
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/lead"));
  await form.getByRole("button", { name: "Send my results" }).click();
  expect((await sent).postDataJSON().attribution).toEqual(campaign);
});

test("the page URL prefills the concern, shown selected; a screening answer in it is ignored", async ({ page, problems }) => {
  await page.goto("/site/blank.html?candidacy_concern=acne_scars&candidacy_pregnant_or_breastfeeding=no");
  const quiz = await addWidget(page, CLINIC);
  await quiz.start();
  await quiz.expectShows("concerns", ["acne_scars"]);
  await quiz.continueFrom("concerns");
  await quiz.answerAndContinue("treatment_area", ["face"]);
  await quiz.answerAndContinue("scar_severity", "mild");
  await quiz.answerAndContinue("scar_age", "over_1_year");
  await quiz.answerAndContinue("age", 30);
  await expect(quiz.question("pregnant_or_breastfeeding").locator("input:checked")).toHaveCount(0);
  expect(problems.warnings.join("\n")).toContain("ignoring `prefill` answer `pregnant_or_breastfeeding`");
});

test("the popup launcher: focus moves in and stays, Esc and Close close it, focus returns, progress is kept", async ({ page }) => {
  await page.goto("/demo/popup.html");
  const launcher = page.getByRole("button", { name: "Am I a candidate?" });
  const dialog = page.getByRole("dialog", { name: "Am I a candidate?" });
  await expect(dialog).toBeHidden();
  await launcher.click();
  await expect(dialog).toBeVisible();
  const quiz = new QuizPage(page, page.locator("candidacy-quiz"));
  await expect(quiz.welcome).toBeVisible();
  const inDialog = () => page.evaluate(() => {
    const shadow = document.querySelector("candidacy-quiz")!.shadowRoot!;
    return shadow.querySelector("dialog")!.contains(shadow.activeElement);
  });
  expect(await inDialog(), "focus moved into the dialog").toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("hidden");
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      expect(await inDialog(), `focus stays in the dialog after ${i + 1} × ${key}`).toBe(true);
    }
  }
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), "axe with the dialog open").toEqual([]);
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(launcher).toBeFocused();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("visible");

  await launcher.press("Enter");
  await expect(quiz.question("treatment_area"), "progress kept on reopening").toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(launcher).toBeFocused();
});

test("lazy mounting: no wasm until the widget is near the viewport, then it mounts", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  await page.goto("/demo/lazy.html");
  await page.waitForLoadState("networkidle");
  expect(wasm, "no wasm before scrolling").toEqual([]);
  const reserved = await page.locator("candidacy-quiz").boundingBox();
  expect(reserved!.height, "the element reserves its height").toBeGreaterThan(300);
  await page.locator("candidacy-quiz").scrollIntoViewIfNeeded();
  const quiz = new QuizPage(page);
  await expect(quiz.welcome).toBeVisible();
  expect(wasm).toHaveLength(1);
});

test("a lazy popup fetches the wasm only when its launcher is hovered or focused", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  await page.goto("/demo/popup.html");
  await page.waitForLoadState("networkidle");
  expect(wasm).toEqual([]);
  await page.getByRole("button", { name: "Am I a candidate?" }).hover();
  await expect.poll(() => wasm.length).toBe(1);
});

for (const [mode, url] of [
  ["inline", "/index.html"],
  ["popup", "/demo/popup.html"],
  ["lazy", "/demo/lazy.html"],
  ["iframe", "/demo/iframe.html"],
  ["first question", "/demo/start-first-question.html"],
] as const) {
  test(`no focus theft or scrolling on load: ${mode}`, async ({ page }) => {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => ({ scrollY: window.scrollY, active: document.activeElement?.tagName }));
    expect(state).toEqual({ scrollY: 0, active: "BODY" });
  });
}

test("test mode: a badge, events marked test, and the lead form sends nothing", async ({ page }) => {
  await listenForEvents(page);
  const posts: string[] = [];
  page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, "test-mode": "", "lead-endpoint": "/api/lead" });
  await expect(quiz.root.getByText("Test mode: nothing is sent")).toBeVisible();
  await quiz.answerPath(pathOf());
  await quiz.seeResult();
  const form = quiz.root.locator("[data-lead]");
  await form.getByLabel("Your name").fill("Ana");
  await form.getByLabel("Email address").fill("ana@example.com");
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "Send my results" }).click();
  await expect(quiz.root.locator('[data-lead="sent"]')).toContainText("Test mode: nothing was sent");
  expect(posts).toEqual([]);
  const heard = await heardEvents(page);
  expect(heard.map((e) => e.name)).toEqual(["candidacy:start", "candidacy:complete"]);
  expect(heard.every((e) => e.detail.test === true)).toBe(true);
});
