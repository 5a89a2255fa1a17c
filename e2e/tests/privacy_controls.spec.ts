// What a visitor and a careless configuration can do about stored answers and addresses: saved
// progress expires after `forget-after` minutes without a change, "Clear my answers" deletes them
// and says so, a lead endpoint must be https (loopback http for development, with a warning), and
// per-outcome call-to-action addresses are named on the console as telling the outcome.
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { pathOf } from "./fixtures/protocol";
import { QuizPage } from "./fixtures/quiz_page";
import type { Page } from "@playwright/test";

const saved = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candidacy:added:")));

test("saved progress is forgotten after forget-after minutes without a change, and not restored", async ({ page }) => {
  await page.clock.install();
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, "forget-after": "5" });
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["acne_scars"]);
  expect(await saved(page)).toHaveLength(1);
  await page.clock.fastForward("04:00");
  expect(await saved(page), "still there before five minutes").toHaveLength(1);
  await page.clock.fastForward("01:30");
  expect(await saved(page), "gone after five minutes without a change").toEqual([]);
  await page.reload();
  const again = await addWidget(page, { ...CLINIC, "forget-after": "5" });
  await expect(again.welcome).toBeVisible();
});

test("progress saved longer ago than forget-after is not resumed, even if the storage kept it", async ({ page, problems }) => {
  await page.clock.install();
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["acne_scars"]);
  const [key] = await saved(page);
  const text = await page.evaluate((key) => sessionStorage.getItem(key), key);
  await page.reload();
  // An old copy put back (a tab restored from a long sleep): 31 minutes old by its own stamp.
  await page.evaluate(([key, text]) => {
    const old = JSON.parse(text!);
    old.savedAt -= 31 * 60_000;
    sessionStorage.setItem(key, JSON.stringify(old));
  }, [key, text] as const);
  const again = await addWidget(page, CLINIC);
  await expect(again.welcome).toBeVisible();
  expect(problems.warnings.join("\n")).toContain("left alone too long");
});

test("Clear my answers deletes them from the device and says so", async ({ page }) => {
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  await quiz.answerPath(pathOf({ recent_sun: true }));
  await quiz.seeResult();
  expect(await saved(page)).toHaveLength(1);
  await quiz.resultAction("clear-answers").click();
  await expect(quiz.welcome).toBeVisible();
  await expect(quiz.root.locator("[data-cleared]")).toHaveText("Your answers have been cleared from this browser.");
  await expect(quiz.status).toHaveText("Your answers have been cleared from this browser.");
  expect(await saved(page)).toEqual([]);
  await quiz.start();
  await expect(quiz.question("concerns").locator("input:checked")).toHaveCount(0);
  await expect(quiz.root.locator("[data-cleared]")).toHaveCount(0);
});

test("a lead endpoint must be https; plain http only on this computer, with a warning", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const refused = await addWidget(page, { ...CLINIC, "lead-endpoint": "http://clinic.example/lead" }, "refused");
  await refused.answerPath(pathOf({ recent_sun: true }));
  await refused.seeResult();
  await expect(refused.root.locator("[data-lead]"), "no form posts health data in clear").toHaveCount(0);
  expect(problems.warnings.join("\n")).toContain("ignoring attribute `lead-endpoint`");

  // A relative endpoint on this http://127.0.0.1 test page is loopback: allowed, and said to be for development.
  const local = await addWidget(page, { ...CLINIC, "lead-endpoint": "/api/lead" }, "local");
  expect(problems.warnings.join("\n")).toContain("plain http on this computer");
  await local.answerPath(pathOf({ recent_sun: true }));
  await local.seeResult();
  await expect(local.root.locator("[data-lead]")).toHaveCount(1);
});

test("call-to-action addresses that differ by outcome are named as telling the outcome, unless analytics-outcome", async ({ page, problems }) => {
  await page.goto("/site/blank.html");
  const cta = JSON.stringify({
    candidate: { label: "Book your first session", url: "https://clinic.example/first" },
    consult: { label: "Book a free consultation", url: "https://clinic.example/consult" },
  });
  await addWidget(page, { ...CLINIC, cta }, "told");
  const notice = () => problems.warnings.filter((w) => w.includes("learns the outcome"));
  expect(notice()).toHaveLength(1);
  await addWidget(page, { ...CLINIC, cta, "analytics-outcome": "" }, "accepted");
  expect(notice(), "no notice once the clinic accepts it").toHaveLength(1);
  const quiz = new QuizPage(page, page.locator("#told"));
  await quiz.answerPath(pathOf());
  await quiz.seeResult();
  await expect(quiz.resultAction("book")).toHaveAttribute("href", "https://clinic.example/first");
  await expect(quiz.resultAction("book")).not.toHaveAttribute("href", /candidacy_outcome/);
});
