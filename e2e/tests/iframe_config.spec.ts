// iframe mode's trust boundary: the frame's URL chooses presentation only. What routes data (the
// lead endpoint, the protocol, the parent origins, calls to action, hidden fields) comes from the
// clinic's embed-config.json beside embed.html, or from a parent page of an origin that file
// allows. A crafted link sends nothing anywhere; a broken file is named and the quiz still runs.
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { pathOf } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

const CLINIC_CONFIG = {
  attributes: {
    "clinic-name": "Glow Clinic",
    "booking-url": "https://clinic.example/book",
    phone: "+1 555 0100",
    "lead-endpoint": "/api/lead",
  },
  parentOrigins: [] as string[],
};

/** Serves `body` as embed-config.json beside the frame's embed.html. */
async function serveConfig(page: Page, body: string | object): Promise<void> {
  await page.route("**/embed-config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: typeof body === "string" ? body : JSON.stringify(body) }),
  );
}

/** Adds the frame (and the parent script) to the blank page. */
async function addFrame(page: Page, src: string, config?: object): Promise<QuizPage> {
  await page.evaluate(
    ([src, config]) => {
      const script = document.createElement("script");
      script.type = "module";
      script.src = "/cdn/candidacy/candidacy-frame.js";
      document.head.append(script);
      const frame = document.createElement("iframe");
      frame.dataset.candidacyFrame = "";
      if (config) frame.dataset.candidacyConfig = JSON.stringify(config);
      frame.title = "Check if microneedling could be right for you";
      frame.style.width = "100%";
      frame.style.height = "900px";
      frame.src = src;
      document.getElementById("slot")!.append(frame);
    },
    [src, config ?? null] as const,
  );
  const inner = new QuizPage(page, page.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz"));
  await expect(inner.welcome).toBeVisible();
  return inner;
}

test("a crafted frame URL cannot swap the protocol, the lead endpoint or the parent: the clinic's configuration is used", async ({ page, problems }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await serveConfig(page, CLINIC_CONFIG);
  await page.goto("/site/blank.html");
  const evil = "https://evil.example";
  const crafted = new URLSearchParams({
    "lead-endpoint": `${evil}/steal`,
    protocol: `${evil}/clinic.protocol.bin`,
    "parent-origin": evil,
    cta: JSON.stringify({ candidate: { label: "Book", url: `${evil}/book` } }),
    "hidden-fields": JSON.stringify({ tracker: "x" }),
    "booking-url": `${evil}/book`,
    primary: "#5a2d82",
  });
  const inner = await addFrame(page, `/cdn/candidacy/embed.html?${crafted}`);
  for (const parameter of ["lead-endpoint", "protocol", "parent-origin", "cta", "hidden-fields", "booking-url"]) {
    expect(problems.warnings.join("\n"), parameter).toContain(`ignoring URL parameter \`${parameter}\``);
  }
  const element = page.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz");
  await expect(element, "presentation from the URL is kept").toHaveAttribute("primary", "#5a2d82");
  await expect(element).toHaveAttribute("booking-url", "https://clinic.example/book");

  await inner.answerPath(pathOf({ recent_sun: true }));
  await inner.seeResult();
  await expect(inner.resultAction("book")).toHaveAttribute("href", "https://clinic.example/book");
  const form = inner.root.locator("[data-lead]");
  await form.getByLabel("Your name").fill("Ana");
  await form.getByLabel("Email address").fill("ana@example.com");
  await form.getByRole("checkbox").check();
  const sent = page.waitForRequest((r) => r.method() === "POST");
  await form.getByRole("button", { name: "Send my results" }).click();
  expect(new URL((await sent).url()).pathname, "the clinic's endpoint").toBe("/api/lead");
  expect(requests.filter((url) => new URL(url).hostname.endsWith("evil.example")), "nothing reached the crafted addresses").toEqual([]);
});

test("a parent of an allowed origin configures the frame and hears its events; another origin does neither", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const origin = new URL(page.url()).origin;
  // The frame comes from another origin (localhost vs 127.0.0.1), as a clinic's CDN would.
  const frameOrigin = origin.replace("127.0.0.1", "localhost");
  await serveConfig(page, { ...CLINIC_CONFIG, parentOrigins: [origin] });
  await page.evaluate(() => {
    (window as { __heard?: unknown[] }).__heard = [];
    document.addEventListener("candidacy:start", (e) => (window as { __heard?: unknown[] }).__heard!.push((e as CustomEvent).detail), true);
  });
  const inner = await addFrame(page, `${frameOrigin}/cdn/candidacy/embed.html`, { "hidden-fields": { campaign: "spring" } });
  const element = page.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz");
  await expect(element).toHaveAttribute("hidden-fields", '{"campaign":"spring"}');
  await inner.start();
  await expect.poll(() => page.evaluate(() => (window as { __heard?: unknown[] }).__heard!.length)).toBe(1);

  // The same page, when the clinic's file allows only another origin: no configuration, no events.
  const other = await page.context().newPage();
  await other.route("**/embed-config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ ...CLINIC_CONFIG, parentOrigins: ["https://clinic.example"] }) }),
  );
  await other.goto("/site/blank.html");
  await other.evaluate(() => {
    (window as { __heard?: unknown[] }).__heard = [];
    document.addEventListener("candidacy:start", (e) => (window as { __heard?: unknown[] }).__heard!.push((e as CustomEvent).detail), true);
  });
  const refused = await addFrame(other, `${frameOrigin}/cdn/candidacy/embed.html`, { "lead-endpoint": "https://evil.example/x" });
  await expect.poll(() => problems.warnings.some((w) => w.includes(`ignoring a message from \`${origin}\``))).toBe(true);
  await expect(other.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz")).toHaveAttribute("lead-endpoint", "/api/lead");
  await refused.start();
  await other.waitForTimeout(500); // a relayed event would arrive well within this
  expect(await other.evaluate(() => (window as { __heard?: unknown[] }).__heard!.length)).toBe(0);
});

test("a broken embed-config.json is named in the console and the visitor still gets the quiz", async ({ page, problems }) => {
  await serveConfig(page, '{"attributes": {"phone": "+1 555 0100",');
  await page.goto("/site/blank.html");
  const inner = await addFrame(page, "/cdn/candidacy/embed.html?locale=es");
  expect(problems.warnings.join("\n")).toContain("ignoring embed-config.json: it is not valid JSON");
  await inner.start();
  await expect(inner.anyQuestion).toBeVisible();
});

test("an unknown key in embed-config.json is named; the rest applies", async ({ page, problems }) => {
  await serveConfig(page, { ...CLINIC_CONFIG, attributes: { ...CLINIC_CONFIG.attributes, colour: "red" }, theme: {} });
  await page.goto("/site/blank.html");
  await addFrame(page, "/cdn/candidacy/embed.html");
  const warnings = problems.warnings.join("\n");
  expect(warnings).toContain("`colour` is not an attribute");
  expect(warnings).toContain("ignoring embed-config.json `theme`");
  await expect(page.frameLocator("iframe[data-candidacy-frame]").locator("candidacy-quiz")).toHaveAttribute("phone", "+1 555 0100");
});
