// Faults: whatever breaks (the protocol's server, its content, the widget itself), the visitor
// sees the clinic's phone and booking link, never a blank box or a frozen page, and the console
// names the cause. (A wasm that fails to load: embedding.spec.ts; storage that is missing, full or
// holds garbage: persistence.spec.ts.)
import { test, expect, type PageProblems } from "./fixtures/test";
import { QuizPage } from "./fixtures/quiz_page";
import { REPO_ROOT } from "./fixtures/protocol";
import { fulfillBinary } from "./fixtures/compile";
import { readFileSync } from "node:fs";
import type { Page, Route } from "@playwright/test";

const CLINIC = { "clinic-name": "Glow Clinic", "booking-url": "https://clinic.example/book", phone: "+1 555 0100" };
/** The default protocol as `candidacy build` compiled it. */
const COMPILED = readFileSync(`${REPO_ROOT}/static/protocols/microneedling.protocol.bin`);

async function widgetWithProtocol(page: Page, serve: (route: Route) => Promise<void> | void): Promise<void> {
  await page.route("**/site/faulty.protocol.bin", serve);
  await page.goto("/site/blank.html");
  await page.evaluate((clinic) => {
    const quiz = document.createElement("candidacy-quiz");
    for (const [name, value] of Object.entries(clinic)) quiz.setAttribute(name, value);
    quiz.setAttribute("protocol", "/site/faulty.protocol.bin");
    document.getElementById("slot")!.append(quiz);
  }, CLINIC);
}

/** The fallback is shown with the clinic's contact details; the console said why. */
async function expectFallback(page: Page, problems: PageProblems, cause: RegExp, timeout = 5_000): Promise<void> {
  const fallback = page.locator("candidacy-quiz [data-step=fallback]");
  await expect(fallback).toBeVisible({ timeout });
  await expect(fallback.getByRole("heading", { level: 1 })).toHaveText("Sorry, the quiz isn't available right now");
  await expect(fallback.locator("[data-action=call]")).toHaveAttribute("href", "tel:+15550100");
  await expect(fallback.locator("[data-action=book]")).toHaveAttribute("href", "https://clinic.example/book");
  const named = problems.errors.filter((e) => cause.test(e));
  expect(named, `the console names the cause (${cause}); saw:\n${problems.errors.join("\n")}`).not.toEqual([]);
  problems.errors.length = 0; // the expected errors, checked above
}

test("a protocol URL answering 404", async ({ page, problems }) => {
  await widgetWithProtocol(page, (route) => route.fulfill({ status: 404, body: "not found" }));
  await expectFallback(page, problems, /cannot use the protocol at `\/site\/faulty\.protocol\.bin`: the server answered 404/);
});

test("a protocol URL answering 500", async ({ page, problems }) => {
  await widgetWithProtocol(page, (route) => route.fulfill({ status: 500, body: "oops" }));
  await expectFallback(page, problems, /the server answered 500/);
});

test("a protocol URL that never answers: a loading message, then the fallback after 10 s", async ({ page, problems }) => {
  test.setTimeout(30_000);
  await widgetWithProtocol(page, () => new Promise(() => {}));
  await expect(page.locator("candidacy-quiz").getByRole("status")).toHaveText("Loading the questions…");
  await expectFallback(page, problems, /no answer within 10 seconds/, 15_000);
});

test("a protocol file as written (JSON), broken or not: the widget runs compiled files only and says how to make one", async ({ page, problems }) => {
  await widgetWithProtocol(page, (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"format": 1,' }));
  await expectFallback(page, problems, /cannot use the protocol at `\/site\/faulty\.protocol\.bin`: this is a protocol file as written \(JSON\); run `candidacy build` on it/);
});

test("a protocol compiled for another format version: refused, and the console says to build it again", async ({ page, problems }) => {
  const future = Buffer.from(COMPILED);
  const format = future.readUInt16LE(8); // after the 8-byte magic
  future.writeUInt16LE(format + 1, 8);
  await widgetWithProtocol(page, (route) => fulfillBinary(route, future));
  const why = new RegExp(`compiled by another version \\(format ${format + 1}, this widget reads ${format}\\); run \`candidacy build\` again`);
  await expectFallback(page, problems, why);
});

test("a panic inside a component: every widget on the page falls back, and later ones too", async ({ page, problems }) => {
  await page.goto("/site/two-widgets.html");
  const face = new QuizPage(page, page.locator("#face"));
  await expect(face.welcome).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("candidacy:test-only-panic")));
  await face.startButton.click();
  for (const id of ["#face", "#body"]) {
    await expect(page.locator(`${id} [data-step=fallback]`), `${id} shows the contact details`).toBeVisible();
  }
  await expect(page.locator("#body [data-step=fallback] [data-action=call]")).toHaveAttribute("href", "tel:+15550199");
  await page.evaluate(() => {
    const late = document.createElement("candidacy-quiz");
    late.id = "late";
    late.setAttribute("phone", "+1 555 0123");
    document.querySelector("main")!.append(late);
  });
  await expect(page.locator("#late [data-step=fallback]")).toBeVisible();
  const named = problems.errors.filter((e) => e.includes("candidacy: the widget stopped") && e.includes("test-only trigger"));
  expect(named, problems.errors.join("\n")).not.toEqual([]);
  problems.errors.length = 0; // the panic and the wasm trap it ends in, checked above
});
