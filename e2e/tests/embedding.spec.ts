// Embedding on a clinic's page: the two-line snippet from another path, several widgets on one
// page, elements added and removed later, and the attributes a clinic sets.
import { test, expect } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { pathOf } from "./fixtures/protocol";


test("the README snippet works on a page under another path, loading every file from the script's folder", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  const quiz = new QuizPage(page);
  await quiz.goto("/site/snippet/index.html");
  await quiz.answerPath(pathOf());
  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [3, 4]);

  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(`${origin}/`)), "requests to another origin").toEqual([]);
  const paths = requests.map((url) => new URL(url).pathname);
  // The release loader carries the wasm-bindgen glue (scripts/release.mjs): no widget.js request.
  expect(paths.filter((path) => path.endsWith("widget.js")), "the glue is in the loader").toEqual([]);
  for (const file of ["candidacy.js", "widget_bg.wasm"]) {
    expect(paths, `${file} comes from the script's folder`).toContain(`/cdn/candidacy/${file}`);
  }
  // The release loader carries the stylesheet (scripts/minify.sh): no request waits for it.
  expect(paths.filter((path) => path.endsWith(".css")), "no stylesheet request").toEqual([]);
  expect(paths.filter((path) => path.endsWith("widget_bg.wasm")), "the wasm is fetched once").toHaveLength(1);
});

test("the widget renders in an open shadow root: the page reaches its data hooks, not its styles", async ({ quiz, page }) => {
  await quiz.goto();
  const seen = await page.evaluate(() => {
    const host = document.querySelector("candidacy-quiz")!;
    return {
      open: host.shadowRoot !== null,
      hook: host.shadowRoot?.querySelector("[data-action=start]")?.textContent?.trim(),
      inLightDom: document.querySelectorAll(".candidacy, [data-action]").length,
    };
  });
  expect(seen).toEqual({ open: true, hook: "Start now", inLightDom: 0 });
});

test("two widgets on one page keep their own progress, history and settings", async ({ page }) => {
  await page.goto("/site/two-widgets.html");
  const face = new QuizPage(page, page.locator("#face"));
  const body = new QuizPage(page, page.locator("#body"));
  await expect(face.welcome).toBeVisible();
  await expect(body.question("concerns")).toBeVisible();

  await face.start();
  await face.answerAndContinue("concerns", ["acne_scars"]);
  await body.answerAndContinue("concerns", ["fine_lines"]);
  await body.answerAndContinue("treatment_area", ["body"]);
  await expect(face.question("treatment_area")).toBeVisible();
  await expect(body.question("scar_severity")).toHaveCount(0);
  await expect(body.question("age")).toBeVisible();
  await expect(body.root.locator('[data-action="book"]').first()).toHaveAttribute("href", "https://clinic.example/book/body");

  // Back undoes the last step, which was the second widget's; the first stays where it is.
  await page.goBack();
  await expect(body.question("treatment_area")).toBeVisible();
  await expect(face.question("treatment_area")).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(face.question("concerns")).toBeVisible();
  await expect(body.question("concerns")).toBeVisible();
  await page.goForward();
  await expect(face.question("treatment_area")).toBeVisible();

  // Each saves under its own key; a reload restores both.
  const keys = await page.evaluate(() => Object.keys(sessionStorage).sort());
  expect(keys).toEqual(["candidacy:body:microneedling", "candidacy:face:microneedling"]);
  await page.reload();
  await expect(face.question("treatment_area")).toBeVisible();
  await face.expectShows("treatment_area", []);
  await expect(body.question("concerns")).toBeVisible();
  await body.expectShows("concerns", ["fine_lines"]);
});

test("an element added later mounts; a removed one unmounts and a new one resumes", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["fine_lines"]);
  await expect(quiz.question("treatment_area")).toBeVisible();

  await page.evaluate(() => {
    const host = document.querySelector("candidacy-quiz")!;
    (window as { __removed?: Element }).__removed = host;
    host.remove();
  });
  await expect(page.locator("candidacy-quiz")).toHaveCount(0);
  // Unmounted: its shadow root is emptied and it no longer follows the browser's history.
  expect(await page.evaluate(() => (window as { __removed?: Element }).__removed!.shadowRoot!.childNodes.length)).toBe(0);
  await page.evaluate(() => history.back());
  await page.waitForTimeout(200);

  const again = await addWidget(page, CLINIC);
  await expect(again.anyQuestion).toBeVisible();
  expect(await again.currentQuestion()).toMatch(/^(concerns|treatment_area)$/);
});

test("moving an element or changing an attribute remounts it with the new settings", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await expect(quiz.root.locator('[data-action="call"]').first()).toHaveAttribute("href", "tel:+15550100");
  await page.evaluate(() => document.querySelector("candidacy-quiz")!.setAttribute("phone", "+44 20 7946 0000"));
  await expect(quiz.root.locator('[data-action="call"]').first()).toHaveAttribute("href", "tel:+442079460000");
  await page.evaluate(() => document.body.append(document.querySelector("candidacy-quiz")!));
  await expect(quiz.welcome).toBeVisible();
});

test("prefill sets the concern, shown selected; a screening answer in it is ignored with a warning", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const prefill = JSON.stringify({ concerns: ["acne_scars"], pregnant_or_breastfeeding: false });
  const quiz = await addWidget(page, { ...CLINIC, prefill });
  await quiz.start();
  await quiz.expectShows("concerns", ["acne_scars"]);
  await quiz.continueFrom("concerns");
  await quiz.answerAndContinue("treatment_area", ["face"]);
  await quiz.answerAndContinue("scar_severity", "mild");
  await quiz.answerAndContinue("scar_age", "over_1_year");
  await quiz.answerAndContinue("age", 30);
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  await expect(quiz.question("pregnant_or_breastfeeding").locator("input:checked")).toHaveCount(0);
  expect(problems.warnings.join("\n")).toContain("ignoring `prefill` answer `pregnant_or_breastfeeding`: it is a screening question");
});

test("theme attributes reach the widget through custom properties; invalid values warn and fall back", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const themed = await addWidget(page, { ...CLINIC, primary: "#6b2d5c", radius: "0" }, "themed");
  const start = themed.startButton;
  await expect(start).toHaveCSS("background-color", "rgb(107, 45, 92)");
  await expect(start).toHaveCSS("border-top-left-radius", "0px");

  const broken = await addWidget(
    page,
    { ...CLINIC, primary: "red; background: url(//evil.example)", accent: "notacolour", radius: "99px", start: "middle", "booking-url": "javascript:alert(1)" },
    "broken",
  );
  await expect(broken.startButton).toHaveCSS("background-color", "rgb(13, 92, 105)");
  await expect(broken.root.locator('[data-action="book"]')).toHaveCount(0);
  const warnings = problems.warnings.join("\n");
  for (const attribute of ["primary", "accent", "radius", "start", "booking-url"]) {
    expect(warnings, `a warning names ${attribute}`).toContain(`ignoring attribute \`${attribute}\``);
  }
});

test("a wasm file that fails to load shows the clinic's contact details and names the cause", async ({ page, problems }) => {
  await page.route("**/widget_bg.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto("/site/snippet/index.html");
  const fallback = page.locator("candidacy-quiz [data-step=fallback]");
  await expect(fallback).toBeVisible();
  await expect(fallback.locator("[data-action=call]")).toHaveAttribute("href", "tel:+15550100");
  await expect(fallback.locator("[data-action=book]")).toHaveAttribute("href", "https://clinic.example/book");
  expect(problems.errors.join("\n")).toContain("candidacy: the widget could not load");
  problems.errors.length = 0; // the expected error, checked above
});
