// The release as a clinic ships it (README, "Installing on a page"): the versioned folder and its
// manifest, the snippet `candidacy snippet` prints (integrity on the loader, the loader checking
// the wasm), a changed byte refused with the clinic's contact details, and the npm package
// installed from its tarball into a throw-away project and run from node_modules.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { pathOf, protocolIn } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const DIST = join(ROOT, "dist");
const VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))![1];
const RELEASE = join(DIST, "candidacy", VERSION);
const CLI = resolve(ROOT, "e2e", process.env.CANDIDACY_CLI ?? "../target/release/candidacy");
/** Where serve.mjs serves dist/ as a CDN would. */
const CDN = `/cdn/candidacy/candidacy/${VERSION}`;

const sha384 = (bytes: Buffer) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** The snippet for this release, as the CLI prints it for a clinic. */
function snippet(...args: string[]): string {
  return execFileSync(CLI, ["snippet", "--dist", DIST, "--base", CDN, ...args], { encoding: "utf8" });
}

/** Serves `body` as the page at /site/release.html (a clinic's page holding the snippet). */
async function clinicPage(page: Page, body: string): Promise<void> {
  await page.route("**/site/release.html", (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Glow Clinic</title></head><body><main>${body}</main></body></html>`,
    }),
  );
  await page.goto("/site/release.html");
}

/** `body` with one byte changed, in the middle. */
function oneByteChanged(body: Buffer): Buffer {
  const changed = Buffer.from(body);
  const at = Math.floor(changed.length / 2);
  changed[at] = changed[at] === 0x20 ? 0x09 : 0x20;
  return changed;
}

const CLINIC_ARGS = ["booking-url=https://clinic.example/book", "phone=+1 555 0100", "clinic-name=Glow Clinic"];

test("the release folder is versioned, every file's integrity is in its manifest, latest points at it", () => {
  const manifest = JSON.parse(readFileSync(join(RELEASE, "release.json"), "utf8"));
  expect(manifest.version).toBe(VERSION);
  for (const file of ["candidacy.js", "widget_bg.wasm", "embed.html", "candidacy-frame.js", "protocols/microneedling.protocol.bin", "protocols/microneedling.es.texts.bin", "protocols/chemical-peel.protocol.bin", "protocols/chemical-peel.es.texts.bin", "package.json", "candidacy.d.ts", "custom-elements.json"]) {
    expect(manifest.files[file]?.integrity, file).toBe(sha384(readFileSync(join(RELEASE, file))));
  }
  const loader = readFileSync(join(RELEASE, "candidacy.js"), "utf8");
  expect(loader, "the loader carries the wasm's integrity").toContain(manifest.files["widget_bg.wasm"].integrity);
  expect(loader, "the loader carries the release's version").toContain(`"${VERSION}"`);
  expect(readdirSync(RELEASE), "the glue is inside the loader").not.toContain("widget.js");
  expect(readFileSync(join(DIST, "candidacy/latest/candidacy.js"), "utf8")).toContain(`import "../${VERSION}/candidacy.js"`);
  expect(JSON.parse(readFileSync(join(DIST, "candidacy/latest/release.json"), "utf8")).version).toBe(VERSION);
});

test("the snippet's page loads the release with integrity and reaches a result", async ({ page }) => {
  const printed = snippet(...CLINIC_ARGS);
  expect(printed).toContain(`integrity="${sha384(readFileSync(join(RELEASE, "candidacy.js")))}"`);
  expect(printed).toContain('crossorigin="anonymous"');
  const requests: string[] = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await clinicPage(page, printed);
  const quiz = new QuizPage(page);
  await expect(quiz.welcome).toBeVisible();
  await quiz.answerPath(pathOf());
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);
  const widgetFiles = requests.filter((path) => path.startsWith("/cdn/"));
  expect(widgetFiles.sort()).toEqual([`${CDN}/candidacy.js`, `${CDN}/widget_bg.wasm`]);
});

test("one changed byte of the wasm: the clinic's contact details, and the console names the cause", async ({ page, problems }) => {
  await page.route(`**${CDN}/widget_bg.wasm`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: oneByteChanged(await response.body()) });
  });
  await page.addInitScript(() => {
    document.addEventListener("candidacy:fallback", (e) => ((window as { __cause?: unknown }).__cause = (e as CustomEvent).detail.cause));
  });
  await clinicPage(page, snippet(...CLINIC_ARGS));
  const fallback = page.locator("candidacy-quiz [data-step=fallback]");
  await expect(fallback).toBeVisible();
  await expect(fallback.locator("[data-action=call]")).toHaveAttribute("href", "tel:+15550100");
  await expect(fallback.locator("[data-action=book]")).toHaveAttribute("href", "https://clinic.example/book");
  expect(await page.evaluate(() => (window as { __cause?: unknown }).__cause)).toBe("integrity");
  expect(problems.errors.join("\n")).toMatch(/candidacy: the widget could not load \(integrity: .*widget_bg\.wasm does not match this release/);
  problems.errors.length = 0; // the browser's own integrity error and ours, checked above
});

test("one changed byte of the loader (glue included): the browser refuses it and the element's own contact details show", async ({ page, problems }) => {
  await page.route(`**${CDN}/candidacy.js`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: oneByteChanged(await response.body()) });
  });
  await clinicPage(page, snippet(...CLINIC_ARGS));
  const element = page.locator("candidacy-quiz");
  await expect(element.getByRole("link", { name: "+1 555 0100" }).or(element.getByRole("link", { name: /Call/ }))).toBeVisible();
  await expect(element.locator('a[href="https://clinic.example/book"]')).toBeVisible();
  expect(await element.evaluate((el) => el.shadowRoot)).toBeNull();
  expect(problems.errors.join("\n")).toMatch(/integrity/i);
  problems.errors.length = 0;
});

test("a ?ver= on the loader reaches the files it loads", async ({ page }) => {
  const wasm = page.waitForRequest((r) => r.url().includes("widget_bg.wasm"));
  await clinicPage(page, `<script type="module" src="${CDN}/candidacy.js?ver=7"></script><candidacy-quiz phone="+1 555 0100"></candidacy-quiz>`);
  expect(new URL((await wasm).url()).search).toBe("?ver=7");
  await expect(new QuizPage(page).welcome).toBeVisible();
});

test("a Spanish page of the snippet gets the built-in protocol's Spanish texts from the release folder, with the loader's query", async ({ page }) => {
  const texts: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(".texts.bin")) texts.push(r.url());
  });
  await clinicPage(page, `<script type="module" src="${CDN}/candidacy.js?ver=7"></script><candidacy-quiz phone="+1 555 0100" locale="es"></candidacy-quiz>`);
  const quiz = new QuizPage(page);
  await expect(quiz.welcome).toBeVisible();
  await expect(quiz.startButton).toHaveText("Empezar");
  await quiz.start();
  await expect(quiz.question("concerns").locator("h1")).toHaveText(protocolIn("es").questions[0].prompt);
  // The query as the server reads it (the widget's fetch may add an empty `&`).
  expect(texts.map((url) => [new URL(url).pathname, new URL(url).searchParams.toString()])).toEqual([[`${CDN}/protocols/microneedling.es.texts.bin`, "ver=7"]]);
});

test("the iframe snippet is a block and its page runs the checked release", async ({ page }) => {
  const printed = snippet("--iframe", "primary=#0d5c69");
  expect(printed).toContain("display:block");
  // The clinic's embed-config.json beside the release's embed.html, as `snippet --embed-config` prints it.
  const config = execFileSync(CLI, ["snippet", "--embed-config", ...CLINIC_ARGS], { encoding: "utf8" });
  await page.route(`**${CDN}/embed-config.json`, (route) => route.fulfill({ contentType: "application/json", body: config }));
  await clinicPage(page, printed);
  const frame = page.frameLocator("iframe[data-candidacy-frame]");
  await expect(frame.locator('candidacy-quiz [data-step="welcome"]')).toBeVisible();
  await expect(frame.locator("candidacy-quiz")).toHaveAttribute("phone", "+1 555 0100");
  await expect(frame.locator("candidacy-quiz")).toHaveAttribute("primary", "#0d5c69");
  const embed = readFileSync(join(RELEASE, "embed.html"), "utf8");
  expect(embed).toContain(`integrity="${sha384(readFileSync(join(RELEASE, "embed.js")))}"`);
});

test("the npm package installs from its tarball into a new project and runs from node_modules", async ({ page }) => {
  const tarball = join(DIST, "npm", readdirSync(join(DIST, "npm")).find((f) => f.endsWith(".tgz"))!);
  expect(tarball).toContain(`candidacy-widget-${VERSION}.tgz`);
  const project = mkdtempSync(join(tmpdir(), "candidacy-page-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "clinic-page", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: project, stdio: "pipe" });
  const installed = join(project, "node_modules/@candidacy/widget");
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  expect(pkg).toMatchObject({ name: "@candidacy/widget", version: VERSION, types: "./candidacy.d.ts", customElements: "custom-elements.json" });
  expect(pkg.exports["."]).toEqual({ types: "./candidacy.d.ts", default: "./candidacy.js" });
  const manifest = JSON.parse(readFileSync(join(installed, pkg.customElements), "utf8"));
  const element = manifest.modules.flatMap((m: { declarations: { tagName?: string }[] }) => m.declarations).find((d: { tagName?: string }) => d.tagName === "candidacy-quiz");
  expect(element, "the manifest declares <candidacy-quiz>").toBeTruthy();
  expect(readFileSync(join(installed, "candidacy.d.ts"), "utf8")).toContain("candidacy-quiz");

  // The page project, served from disk: the widget comes out of node_modules.
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
  writeFileSync(
    join(project, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title>
     <script type="module" src="node_modules/@candidacy/widget/candidacy.js"></script></head>
     <body><candidacy-quiz phone="+1 555 0100" booking-url="https://clinic.example/book"></candidacy-quiz></body></html>`,
  );
  await page.route("**/project/**", (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/project\//, ""));
    route.fulfill({ path: join(project, path), contentType: types[extname(path)] ?? "application/octet-stream" });
  });
  const quiz = new QuizPage(page);
  await quiz.goto("/project/index.html");
  await quiz.answerPath(pathOf());
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);
  expect(await page.locator("candidacy-quiz").evaluate((el) => (el as HTMLElement & { version: string }).version)).toBe(VERSION);
});
