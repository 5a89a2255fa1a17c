// The WordPress plugin (dist/wordpress/candidacy-<version>.zip) in a real WordPress from Debian's
// packages: uploaded and activated as an administrator would, configured on Settings → Candidacy,
// used by an Author and a Contributor (who pass through kses), each mode driven to a result in
// Chromium, pages without a quiz untouched, an update replacing the files, and deactivation
// leaving pages readable. The tests run in order (one plugin, one site).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "../tests/fixtures/test";
import { QuizPage } from "../tests/fixtures/quiz_page";
import { pathOf } from "../tests/fixtures/protocol";
import type { Locator, Page } from "@playwright/test";
import { createPost, logIn, readPost, REPO_ROOT, rest, route, setPluginStatus, site, SITE_DIR, type Post } from "./site";

test.describe.configure({ mode: "serial" });

const RELEASE = JSON.parse(readFileSync(join(REPO_ROOT, "dist/candidacy/latest/release.json"), "utf8")) as { version: string };
const VERSION = RELEASE.version;
const ZIP = join(REPO_ROOT, `dist/wordpress/candidacy-${VERSION}.zip`);
const PLUGINS = join(SITE_DIR, "site/wp-content/plugins");
const SETTINGS = { "clinic-name": "Glow Clinic", phone: "+1 555 0100", "booking-url": "https://clinic.example/book" };
const ASSETS = (version: string) => `/wp-content/plugins/candidacy/assets/${version}/`;

/** Posts the tests create, by what they hold. */
const posts: Record<string, Post> = {};

/** Uploads `zip` on Plugins → Add New → Upload Plugin; replaces an installed copy when asked. */
async function uploadPlugin(page: Page, zip: string): Promise<void> {
  await page.goto(`${site.url}/wp-admin/plugin-install.php?tab=upload`);
  await page.locator("#pluginzip").setInputFiles(zip);
  await page.locator("#install-plugin-submit").click();
  const replace = page.getByRole("link", { name: /Replace current with uploaded/ });
  const done = page.getByText(/Plugin (installed|updated) successfully/);
  await expect(replace.or(done)).toBeVisible({ timeout: 60_000 });
  if (await replace.isVisible()) {
    await replace.click();
    await expect(page.getByText(/Plugin updated successfully/)).toBeVisible({ timeout: 60_000 });
  }
}

/** The quiz's HTML as a visitor gets it: no cookies. */
async function visitorHtml(page: Page, link: string): Promise<string> {
  const response = await page.context().request.get(link, { headers: { Cookie: "" } });
  expect(response.ok()).toBe(true);
  return response.text();
}

/** Answers the default protocol's path of a typical candidate and opens the result. */
async function driveToResult(quiz: QuizPage): Promise<void> {
  await expect(quiz.welcome).toBeVisible({ timeout: 30_000 });
  await quiz.answerPath(pathOf());
  await expect(quiz.checkScreen).toBeVisible();
  await quiz.seeResult();
  await expect(quiz.result).toHaveAttribute("data-outcome", "candidate");
}

/** Every request the page makes for the plugin's files. */
function pluginRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/wp-content/plugins/candidacy/")) seen.push(request.url());
  });
  return seen;
}

test("the zip installs from Plugins → Upload and activates; the release sits in its versioned folder", async ({ page }) => {
  expect(existsSync(ZIP), `${ZIP} (the README's build makes it)`).toBe(true);
  const admin = await rest("admin");
  // A site left by an earlier run: start from no plugin.
  const listed = await admin.get(route("/wp/v2/plugins/candidacy/candidacy"));
  if (listed.ok()) {
    await admin.post(route("/wp/v2/plugins/candidacy/candidacy"), { data: { status: "inactive" } });
    expect((await admin.delete(route("/wp/v2/plugins/candidacy/candidacy"))).ok()).toBe(true);
  }
  await logIn(page, "admin");
  await uploadPlugin(page, ZIP);
  await setPluginStatus("active");
  const plugin = await (await admin.get(route("/wp/v2/plugins/candidacy/candidacy"))).json();
  expect([plugin.status, plugin.version, plugin.requires_wp, plugin.requires_php]).toEqual(["active", VERSION, "6.1", "8.1"]);
  expect(readdirSync(join(PLUGINS, "candidacy/assets"))).toEqual([VERSION]);
  expect(existsSync(join(PLUGINS, "candidacy/assets", VERSION, "widget_bg.wasm"))).toBe(true);
  expect(existsSync(join(PLUGINS, "candidacy/assets", VERSION, "embed-config.json")), "activation wrote iframe mode's config").toBe(true);
  await admin.dispose();
});

test("Settings → Candidacy refuses what the widget refuses, in its words, and keeps the previous value", async ({ page }) => {
  await logIn(page, "admin");
  await page.goto(`${site.url}/wp-admin/options-general.php?page=candidacy`);
  for (const [name, value] of Object.entries(SETTINGS)) await page.locator(`#candidacy-${name}`).fill(value);
  await page.locator("#candidacy-primary").fill("#0d5c69");
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(page.locator("#candidacy-phone")).toHaveValue(SETTINGS.phone);

  // The live preview is the widget, with what is in the form.
  const preview = new QuizPage(page, page.locator("candidacy-quiz#candidacy-preview"));
  await expect(preview.welcome).toBeVisible({ timeout: 30_000 });
  await page.locator("#candidacy-clinic-name").fill("Preview Clinic");
  await expect(page.locator("candidacy-quiz#candidacy-preview")).toHaveAttribute("clinic-name", "Preview Clinic");
  await expect(preview.welcome).toContainText("Preview Clinic");
  await page.screenshot({ path: join(REPO_ROOT, "e2e/artifacts/screenshots/wordpress-settings.png"), fullPage: true });

  await page.locator("#candidacy-clinic-name").fill(SETTINGS["clinic-name"]);
  await page.locator("#candidacy-phone").fill("call us");
  await page.locator("#candidacy-lead-endpoint").fill("http://clinic.example/lead");
  await page.getByRole("button", { name: "Save Changes" }).click();
  const notices = page.locator(".notice-error, .error");
  await expect(notices.filter({
    hasText: "candidacy: ignoring attribute `phone`: a phone number holds 3 to 20 digits and only `+ - ( ) .` and spaces. The previous value is kept.",
  })).toBeVisible();
  await expect(notices.filter({
    hasText: "candidacy: ignoring attribute `lead-endpoint`: write an `https:` URL: the answers it receives are health information.",
  })).toBeVisible();
  await expect(page.locator("#candidacy-phone"), "the previous phone is kept").toHaveValue(SETTINGS.phone);
  await expect(page.locator("#candidacy-lead-endpoint"), "no endpoint was set before").toHaveValue("");
});

test("the admin strings in Spanish: an administrator whose language is es_ES", async ({ page }) => {
  // WordPress offers a user only installed languages: an empty core catalogue makes es_ES one
  // (the plugin's own Spanish is in its languages/ folder).
  const languages = join(SITE_DIR, "site/wp-content/languages");
  mkdirSync(languages, { recursive: true });
  const { mo } = await import("gettext-parser");
  writeFileSync(join(languages, "es_ES.mo"), mo.compile({ charset: "utf-8", headers: { Language: "es_ES" }, translations: { "": {} } }));
  const admin = await rest("admin");
  const setLocale = (locale: string) => admin.post(route("/wp/v2/users/me"), { data: { locale } });
  expect((await setLocale("es_ES")).ok()).toBe(true);
  try {
    await logIn(page, "admin");
    await page.goto(`${site.url}/wp-admin/options-general.php?page=candidacy`);
    await expect(page.getByLabel("Nombre de la clínica")).toHaveValue(SETTINGS["clinic-name"]);
    await expect(page.getByText("Las respuestas nunca salen del navegador del visitante")).toBeVisible();
    await expect(page.locator("#candidacy-mode option")).toHaveText(["Por defecto", "En la página", "Botón emergente", "iframe"]);
  } finally {
    expect((await setLocale("")).ok()).toBe(true);
    await admin.dispose();
  }
});

test("an Author's and a Contributor's quiz survives their save (kses): shortcode and block", async () => {
  const shortcode = '[candidacy clinic-name="Author Clinic"]';
  const block = '<!-- wp:candidacy/quiz {"clinicName":"Block Clinic","primary":"#5c0d69"} /-->';
  posts.shortcode = await createPost("author", "Shortcode quiz", shortcode);
  posts.block = await createPost("author", "Block quiz", block);
  posts.popup = await createPost("author", "Popup quiz", '[candidacy mode="popup" launcher-text="Am I a candidate?"]');
  posts.iframe = await createPost("author", "Frame quiz", '<!-- wp:candidacy/quiz {"mode":"iframe","accent":"#b5476b"} /-->');
  posts.unknown = await createPost("author", "Typo quiz", '[candidacy colour="red" phone="call us"]');
  posts.plain = await createPost("author", "No quiz here", "<p>Our opening hours.</p>");
  for (const key of ["shortcode", "block"]) {
    const saved = await readPost("author", posts[key].id);
    expect(saved.content.raw, `the Author's ${key} is saved as written`).toBe(key === "shortcode" ? shortcode : block);
    expect(saved.content.rendered).toContain("<candidacy-quiz");
  }
  const draft = await createPost("contributor", "Contributor's draft", `${shortcode}\n\n${block}`, "pending");
  const saved = await readPost("contributor", draft.id);
  expect(saved.status).toBe("pending");
  expect(saved.content.raw, "the Contributor's shortcode and block are saved as written").toBe(`${shortcode}\n\n${block}`);
  expect(saved.content.rendered.match(/<candidacy-quiz/g)).toHaveLength(2);
});

test("the shortcode: the element over the settings, the contact details inside, one module loader with its integrity", async ({ page }) => {
  const html = await visitorHtml(page, posts.shortcode.link);
  const loaders = html.match(/<script[^>]*candidacy\.js[^>]*>/g) ?? [];
  expect(loaders, "one loader").toHaveLength(1);
  expect(loaders[0]).toContain('type="module"');
  expect(loaders[0]).toContain(`src="${site.url}${ASSETS(VERSION)}candidacy.js"`);
  const integrity = JSON.parse(readFileSync(join(REPO_ROOT, `dist/candidacy/${VERSION}/release.json`), "utf8")).files["candidacy.js"].integrity;
  expect(loaders[0]).toContain(`integrity="${integrity}"`);
  expect(html).toContain(
    '<candidacy-quiz booking-url="https://clinic.example/book" phone="+1 555 0100" clinic-name="Author Clinic" primary="#0d5c69">' +
      '<p>You can still ask Author Clinic whether the treatment suits you. <a href="https://clinic.example/book">Book a consultation</a>' +
      ' · <a href="tel:+15550100">Call us: +1 555 0100</a></p></candidacy-quiz>',
  );
  await page.goto(posts.shortcode.link);
  await driveToResult(new QuizPage(page));
});

test("the block: its attributes in camelCase, no phone of its own falls back to the settings' phone", async ({ page }) => {
  await page.goto(posts.block.link);
  const element = page.locator("candidacy-quiz");
  await expect(element).toHaveAttribute("clinic-name", "Block Clinic");
  await expect(element).toHaveAttribute("primary", "#5c0d69");
  await expect(element).toHaveAttribute("phone", SETTINGS.phone);
  await driveToResult(new QuizPage(page));
});

test("popup mode: the launcher opens the quiz, which reaches a result", async ({ page }) => {
  await page.goto(posts.popup.link);
  await page.getByRole("button", { name: "Am I a candidate?" }).click();
  await expect(page.getByRole("dialog", { name: "Am I a candidate?" })).toBeVisible();
  await driveToResult(new QuizPage(page));
});

test("iframe mode: a block-level frame, configured by the page, sized by its parent script, to a result", async ({ page }) => {
  await page.goto(posts.iframe.link);
  const frame = page.locator("iframe[data-candidacy-frame]");
  await expect(frame).toHaveCSS("display", "block");
  expect(await frame.getAttribute("src")).toBe(`${site.url}${ASSETS(VERSION)}embed.html?primary=%230d5c69&accent=%23b5476b`);
  const config = JSON.parse((await frame.getAttribute("data-candidacy-config"))!);
  expect(config).toMatchObject({ phone: SETTINGS.phone, "booking-url": SETTINGS["booking-url"], "clinic-name": SETTINGS["clinic-name"] });
  expect(await page.locator('script[src*="candidacy-frame.js"][type="module"][integrity]').count()).toBe(1);
  const inner = page.frameLocator("iframe[data-candidacy-frame]");
  const quiz = new QuizPage(page, inner.locator("candidacy-quiz"));
  await expect(inner.locator("candidacy-quiz"), "the page's configuration reached the frame").toHaveAttribute("phone", SETTINGS.phone);
  await driveToResult(quiz);
  await expect.poll(async () => (await frame.boundingBox())!.height, "the frame grows to its content").toBeGreaterThan(400);
});

test("an unknown or refused shortcode attribute is left out and named only to editors", async ({ page }) => {
  const visitor = await visitorHtml(page, posts.unknown.link);
  expect(visitor).not.toContain("candidacy: ignoring");
  expect(visitor).toContain('phone="+1 555 0100"');
  await logIn(page, "author");
  await page.goto(posts.unknown.link);
  const html = await page.content();
  expect(html).toContain("<!-- candidacy: ignoring shortcode attribute `colour`: the quiz has no such attribute;");
  expect(html).toContain("ignoring attribute `phone`: a phone number holds 3 to 20 digits");
  await expect(page.locator("candidacy-quiz")).toHaveAttribute("phone", SETTINGS.phone);
});

test("a page without a quiz requests none of the plugin's files", async ({ page }) => {
  const requested = pluginRequests(page);
  await page.goto(posts.plain.link);
  await page.waitForLoadState("networkidle");
  await page.goto(site.url);
  await page.waitForLoadState("networkidle");
  expect(await page.content()).not.toContain("/plugins/candidacy/");
  expect(requested).toEqual([]);
});

test("the block in the editor: a summary card and the inspector's fields, in the site's words", async ({ page }) => {
  // The administrator: an Author's editor asks for the theme's templates, which WordPress refuses
  // Authors (a 403 on the console that is WordPress's, not the plugin's).
  await logIn(page, "admin");
  await page.goto(`${site.url}/wp-admin/post.php?post=${posts.block.id}&action=edit`);
  const card: Locator = page.locator(".wp-block-candidacy-quiz").first();
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText("Block Clinic");
  await card.click();
  await expect(page.getByLabel("Clinic name")).toHaveValue("Block Clinic");
  await page.screenshot({ path: join(REPO_ROOT, "e2e/artifacts/screenshots/wordpress-block.png") });
});

test("a second version of the zip replaces the first: new asset URLs, old files gone", async ({ page }) => {
  const next = VERSION.replace(/(\d+)(?!.*\d)/, (patch) => String(Number(patch) + 1)); // 0.1.0 → 0.1.1
  const out = mkdtempSync(join(tmpdir(), "candidacy-wordpress-update-"));
  execFileSync("node", [join(REPO_ROOT, "scripts/wordpress-plugin.mjs"), join(REPO_ROOT, `dist/candidacy/${VERSION}`), out, next]);
  await logIn(page, "admin");
  await uploadPlugin(page, join(out, `candidacy-${next}.zip`));
  expect(readdirSync(join(PLUGINS, "candidacy/assets"))).toEqual([next]);
  const html = await visitorHtml(page, posts.shortcode.link);
  expect(html).toContain(ASSETS(next));
  expect(html).not.toContain(ASSETS(VERSION));
  await page.goto(posts.iframe.link);
  const inner = page.frameLocator("iframe[data-candidacy-frame]");
  await expect(inner.locator("candidacy-quiz"), "the new version's frame finds its config").toHaveAttribute("phone", SETTINGS.phone);
  await page.goto(posts.shortcode.link);
  await expect(new QuizPage(page).welcome).toBeVisible({ timeout: 30_000 });
});

test("deactivated, pages stay readable (the booking link, never brackets); deleted, nothing is left", async ({ page }) => {
  await setPluginStatus("inactive");
  for (const key of ["shortcode", "block"]) {
    const html = await visitorHtml(page, posts[key].link);
    expect(html, key).not.toContain("[candidacy");
    expect(html, key).not.toContain("<candidacy-quiz");
    expect(html, key).toContain('<a href="https://clinic.example/book">Book a consultation</a>');
  }
  const admin = await rest("admin");
  expect((await admin.delete(route("/wp/v2/plugins/candidacy/candidacy"))).ok()).toBe(true);
  await admin.dispose();
  expect(existsSync(join(PLUGINS, "candidacy"))).toBe(false);
  expect(existsSync(join(SITE_DIR, "site/wp-content/mu-plugins/candidacy-dormant.php"))).toBe(false);
  await logIn(page, "admin");
  await page.goto(`${site.url}/wp-admin/options.php`);
  await expect(page.locator("#all-options, form")).not.toContainText("candidacy_settings");
});
