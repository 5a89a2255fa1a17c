// Progress lives in sessionStorage: a reload resumes where the visitor was; anything unreadable
// there is discarded for a fresh start; storage that throws never stops the quiz.
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { STORAGE_KEY, pathOf, protocol } from "./fixtures/protocol";
import type { Page } from "@playwright/test";

const PROTOCOL_KEY = `${protocol.id}@${protocol.version}`;
const saved = (page: Page) => page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY);

/** Opens the page with `value` saved under the widget's key: set on the page, then the page is
 * opened again in the same tab, in a new history entry. (A reload, or an opening of the same URL,
 * which Chromium treats as one, would land on the entry where the widget wrote its screen.) */
async function loadWithSaved(quiz: QuizPage, value: string): Promise<void> {
  await quiz.goto();
  // A `"savedAt":0` is stamped with the browser's clock now (see the cases below).
  await quiz.page.evaluate(([key, value]) => sessionStorage.setItem(key, value.replace('"savedAt":0', `"savedAt":${Date.now()}`)), [STORAGE_KEY, value]);
  await quiz.page.goto(`${quiz.page.url()}?again`);
  await expect(quiz.root).toBeVisible();
}

test("a reload mid-quiz resumes on the same question with every answer kept", async ({ quiz, page }) => {
  await quiz.goto();
  await quiz.start();
  await quiz.answerAndContinue("concerns", ["acne_scars", "fine_lines"]);
  await quiz.answerAndContinue("treatment_area", ["body"]);
  await quiz.answerAndContinue("scar_severity", "pronounced");
  await quiz.answerAndContinue("scar_age", "over_1_year");
  await quiz.answerAndContinue("age", 40);
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  const progress = await quiz.progress.textContent();

  const stored = JSON.parse((await saved(page))!);
  expect(stored.answers).toEqual({
    concerns: ["acne_scars", "fine_lines"],
    treatment_area: ["body"],
    scar_severity: "pronounced",
    scar_age: "over_1_year",
    age: 40,
  });

  await page.reload();
  await expect(quiz.question("pregnant_or_breastfeeding")).toBeVisible();
  await expect(quiz.progress).toHaveText(progress!);
  await expect(quiz.question("pregnant_or_breastfeeding").locator("input:checked")).toHaveCount(0);
  for (const [id, answer] of [
    ["age", 40],
    ["scar_age", "over_1_year"],
    ["scar_severity", "pronounced"],
    ["treatment_area", ["body"]],
    ["concerns", ["acne_scars", "fine_lines"]],
  ] as const) {
    await quiz.backButton().click();
    await quiz.expectShows(id, answer as never);
  }
});

test("a reload on the check screen and on the result keeps them", async ({ quiz, page }) => {
  const path = pathOf({ blood_thinners: true });
  await quiz.reachCheckScreen(path);
  await page.reload();
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.checkRows()).toHaveCount(path.length);
  await quiz.seeResult();
  await page.reload();
  await quiz.expectOutcome("consult", [3, 4]);
});

test("Start over forgets the saved answers", async ({ quiz, page }) => {
  await quiz.reachResult(pathOf());
  await quiz.resultAction("start-over").click();
  await expect(quiz.welcome).toBeVisible();
  await page.reload();
  await expect(quiz.welcome).toBeVisible();
  await quiz.start();
  await quiz.expectShows("concerns", []);
  expect(await saved(page), "nothing is kept while nothing is answered").toBeNull();
});

test.describe("unreadable saved progress is discarded for a fresh start", () => {
  // `savedAt` is stamped when the test loads the page (`loadWithSaved`): progress older than
  // `forget-after` is never resumed, so each case below fails for its own reason, not its age.
  const valid = { format: 1, protocol: PROTOCOL_KEY, answers: { concerns: ["fine_lines"] }, screen: { question: "treatment_area" }, savedAt: 0 };
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const cases: [string, string][] = [
    ["not JSON", "not json"],
    ["empty", ""],
    ["JSON of the wrong shape", '[1, 2, 3]'],
    ["another protocol version", JSON.stringify({ ...valid, protocol: "microneedling@0.9.0" })],
    ["another saved format", JSON.stringify({ ...valid, format: 99 })],
    ["an unknown question", JSON.stringify({ ...valid, screen: { question: hostile } })],
    ["an answer out of range", JSON.stringify({ ...valid, answers: { concerns: ["fine_lines"], treatment_area: ["face"], age: 999 } })],
    ["an unknown option", JSON.stringify({ ...valid, answers: { concerns: [hostile] } })],
    ["a prototype-polluting key", JSON.stringify(valid).replace('"answers":{', '"answers":{"__proto__":{"x":1},')],
    ["a hostile string", hostile],
    ["a megabyte of text", "x".repeat(1_000_000)],
  ];

  // The control: the valid value does resume, so the cases below fail for their own reason.
  test("(control) a valid saved quiz resumes", async ({ quiz }) => {
    await loadWithSaved(quiz, JSON.stringify(valid));
    await expect(quiz.question("treatment_area")).toBeVisible();
  });

  for (const [name, value] of cases) {
    test(name, async ({ quiz, page, problems }) => {
      await loadWithSaved(quiz, value);
      await expect(quiz.welcome).toBeVisible();
      expect(problems.warnings.join("\n")).toContain("candidacy: starting afresh");
      // The garbage is gone, and a fresh start with nothing answered keeps nothing.
      expect(await saved(page)).toBeNull();
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await expect(quiz.root.locator("img, script")).toHaveCount(0);
      await quiz.start();
      await quiz.expectShows("concerns", []);
    });
  }
});

test.describe("storage that throws", () => {
  test("setItem and getItem throwing: the quiz still completes", async ({ quiz, page, problems }) => {
    await page.addInitScript(() => {
      const blocked = () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      };
      Storage.prototype.setItem = blocked;
      Storage.prototype.getItem = blocked;
      Storage.prototype.removeItem = blocked;
    });
    await quiz.reachResult(pathOf({ recent_sun: true }));
    await quiz.expectOutcome("postpone");
    expect(problems.warnings.join("\n")).toContain("could not save progress");
  });

  test("sessionStorage itself unavailable: the quiz still completes", async ({ quiz, page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "sessionStorage", {
        configurable: true,
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      });
    });
    await quiz.reachResult(pathOf());
    await quiz.expectOutcome("candidate", [3, 4]);
  });

  test("storage full (QuotaExceededError): the quiz still completes and a reload starts afresh", async ({ quiz, page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException("Quota exceeded", "QuotaExceededError");
      };
    });
    await quiz.reachResult(pathOf({ bleeding_disorder: true }));
    await quiz.expectOutcome("not_candidate");
    await page.reload();
    await expect(quiz.welcome).toBeVisible();
  });
});
