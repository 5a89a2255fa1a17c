// iframe mode: embed.html renders one widget configured by the clinic's embed-config.json (the
// URL chooses presentation only; iframe_config.spec.ts), tells the parent its height
// (candidacy-frame.js resizes the frame to fit), relays events to the `parentOrigins` the file
// allows, and opens links in the clinic's page rather than inside the frame.
import { test, expect } from "./fixtures/test";
import type { Page } from "@playwright/test";

async function frameHeight(page: Page): Promise<{ frame: number; content: number }> {
  const frame = (await page.locator("iframe[data-candidacy-frame]").boundingBox())!.height;
  const content = await page.frameLocator("iframe[data-candidacy-frame]").locator("body").evaluate((b) => b.getBoundingClientRect().height);
  return { frame: Math.round(frame), content: Math.ceil(content) };
}

test("the demo iframe grows and shrinks with its content", async ({ page }) => {
  await page.goto("/demo/iframe.html");
  const inner = page.frameLocator("iframe[data-candidacy-frame]");
  await expect(inner.locator("candidacy-quiz [data-step=welcome]")).toBeVisible();
  await expect.poll(async () => { const h = await frameHeight(page); return h.frame - h.content; }).toBe(0);
  const welcome = (await frameHeight(page)).frame;

  await inner.locator("[data-action=start]").click();
  await expect(inner.locator("section[data-question-id=concerns]")).toBeVisible();
  await expect.poll(async () => { const h = await frameHeight(page); return h.frame - h.content; }).toBe(0);
  const question = (await frameHeight(page)).frame;
  expect(question, "the first question is taller than the welcome").toBeGreaterThan(welcome);
  expect(await inner.locator("body").evaluate(() => document.scrollingElement!.scrollHeight <= innerHeight)).toBe(true);
  await expect(inner.locator("candidacy-quiz")).toHaveAttribute("clinic-name", "Glow Clinic");
  await expect(inner.locator("base")).toHaveAttribute("target", "_top");
});

test("with the page's origin in parentOrigins, the widget's events reach the iframe element on the parent page", async ({ page }) => {
  await page.route("**/embed-config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ attributes: { "clinic-name": "Glow Clinic" }, parentOrigins: [new URL(page.url()).origin] }) }),
  );
  await page.goto("/site/blank.html");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.type = "module";
    script.src = "/cdn/candidacy/candidacy-frame.js";
    document.head.append(script);
    const heard: unknown[] = [];
    (window as { __heard?: unknown[] }).__heard = heard;
    const frame = document.createElement("iframe");
    frame.dataset.candidacyFrame = "";
    frame.title = "Check if microneedling could be right for you";
    frame.src = "/cdn/candidacy/embed.html";
    frame.addEventListener("candidacy:start", (e) => heard.push((e as CustomEvent).detail));
    document.getElementById("slot")!.append(frame);
  });
  const inner = page.frameLocator("iframe[data-candidacy-frame]");
  await inner.locator("[data-action=start]").click();
  await expect.poll(() => page.evaluate(() => (window as { __heard?: unknown[] }).__heard!.length)).toBe(1);
  expect(await page.evaluate(() => (window as { __heard?: unknown[] }).__heard![0])).toMatchObject({ protocol: { id: "microneedling" } });
});
