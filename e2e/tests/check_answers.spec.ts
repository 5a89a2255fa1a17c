// Check your answers: every answer on the path in asking order, each with a Change button that
// reopens the question and comes back; the rows follow the branching.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { compileProtocol, routeCompiled } from "./fixtures/compile";
import { PROTOCOL_PATH, QUESTIONS, REPO_ROOT, pathOf, question } from "./fixtures/protocol";

const ids = (path: [string, unknown][]) => path.map(([id]) => id);

test("the check screen lists every answered question in asking order, in words, each with a Change button", async ({ quiz }) => {
  const path = pathOf({ concerns: ["acne_scars", "fine_lines"], age: 35, retinoids: "unsure", skin_tone: "type_5" });
  expect(ids(path)).toContain("scar_severity");
  await quiz.reachCheckScreen(path);

  await expect(quiz.heading).toHaveText("Check your answers");
  const rows = quiz.checkRows();
  await expect(rows).toHaveCount(path.length);
  expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-question-id")))).toEqual(ids(path));

  for (const [id] of path) {
    const row = quiz.checkRow(id);
    await expect(row).toContainText(question(id).prompt);
    // The button says which answer it changes, for screen readers.
    await expect(quiz.changeButton(id)).toHaveAccessibleName(`Change your answer to: ${question(id).prompt}`);
  }
  await expect(quiz.checkRow("concerns")).toContainText("Acne scars, Fine lines and wrinkles");
  await expect(quiz.checkRow("age")).toContainText("35 years");
  await expect(quiz.checkRow("pregnant_or_breastfeeding")).toContainText("No");
  await expect(quiz.checkRow("retinoids")).toContainText("I'm not sure");
  await expect(quiz.checkRow("scar_severity")).toContainText("Moderate");
  expect(ids(path), "this path asks every question").toEqual(QUESTIONS.map((q) => q.id));
});

test("Change on concerns adding stretch_marks asks the new scar questions first, then returns to the check screen", async ({ quiz }) => {
  const path = pathOf();
  expect(ids(path)).not.toContain("scar_severity");
  await quiz.reachCheckScreen(path);
  await expect(quiz.checkRow("scar_severity")).toHaveCount(0);

  await quiz.changeButton("concerns").click();
  await expect(quiz.question("concerns")).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await quiz.expectShows("concerns", ["fine_lines"]);
  await quiz.answerAndContinue("concerns", ["fine_lines", "stretch_marks"]);

  await expect(quiz.question("scar_severity")).toBeVisible();
  await quiz.answerAndContinue("scar_severity", "pronounced");
  await expect(quiz.question("scar_age")).toBeVisible();
  await quiz.answerAndContinue("scar_age", "over_1_year");

  await expect(quiz.checkScreen).toBeVisible();
  const expected = pathOf({ concerns: ["fine_lines", "stretch_marks"], scar_severity: "pronounced" });
  await expect(quiz.checkRows()).toHaveCount(expected.length);
  expect(await quiz.checkRows().evaluateAll((els) => els.map((el) => el.getAttribute("data-question-id")))).toEqual(ids(expected));
  await expect(quiz.checkRow("concerns")).toContainText("Stretch marks");
  await expect(quiz.checkRow("scar_severity")).toContainText("Pronounced");

  await quiz.seeResult();
  await quiz.expectOutcome("candidate", [5, 6]);
});

test("changing a yes/no answer to yes updates its row and the result", async ({ quiz }) => {
  await quiz.reachCheckScreen(pathOf());
  await expect(quiz.checkRow("blood_thinners")).toContainText("No");
  await quiz.changeButton("blood_thinners").click();
  await quiz.expectShows("blood_thinners", false);
  await quiz.answerAndContinue("blood_thinners", true);
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.heading).toBeFocused();
  await expect(quiz.checkRow("blood_thinners").locator("dd").first()).toHaveText("Yes");
  await quiz.seeResult();
  await quiz.expectOutcome("consult", [3, 4]);

  // From the result, Change my answers returns to the check screen with the answers.
  await quiz.resultAction("change-answers").click();
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.checkRow("blood_thinners").locator("dd").first()).toHaveText("Yes");
});

test("rows that leave the path disappear: scar questions without scars; pregnancy keeps every row", async ({ quiz }) => {
  const path = pathOf({ concerns: ["surgical_scars", "pigmentation"] });
  await quiz.reachCheckScreen(path);
  await expect(quiz.checkRow("scar_severity")).toBeVisible();
  await expect(quiz.checkRow("scar_age")).toBeVisible();

  // No more scars: their rows go, nothing else is asked.
  await quiz.changeButton("concerns").click();
  await quiz.answerAndContinue("concerns", ["pigmentation"]);
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.checkRow("scar_severity")).toHaveCount(0);
  await expect(quiz.checkRow("scar_age")).toHaveCount(0);
  await expect(quiz.checkRows()).toHaveCount(path.length - 2);

  // Pregnancy postpones but ends nothing: every row stays, the pregnancy row with its new answer.
  await quiz.changeButton("pregnant_or_breastfeeding").click();
  await quiz.answerAndContinue("pregnant_or_breastfeeding", true);
  await expect(quiz.checkScreen).toBeVisible();
  const pregnant = pathOf({ concerns: ["pigmentation"], pregnant_or_breastfeeding: true });
  expect(ids(pregnant), "every question after pregnancy is still on the path").toContain("skin_cancer");
  expect(await quiz.checkRows().evaluateAll((els) => els.map((el) => el.getAttribute("data-question-id")))).toEqual(ids(pregnant));
  await expect(quiz.checkRow("pregnant_or_breastfeeding").locator("dd").first()).toHaveText("Yes");
  await quiz.seeResult();
  await quiz.expectOutcome("postpone");
});

test("a clinic's protocol that ends the quiz early: the rows after the early end disappear", async ({ page }) => {
  // The default protocol with its radiation rule made to end the quiz, as a clinic may write one, and
  // compiled as a clinic must: radiation is the last screening question, so `candidacy build`'s
  // verify proves the early end hides no stronger outcome and no red flag (one on pregnancy would
  // hide later red flags, and the build refuses it).
  const json = JSON.parse(readFileSync(REPO_ROOT + PROTOCOL_PATH, "utf8"));
  const radiation = json.rules.find((r: { id: string }) => r.id === "radiation");
  radiation.ends_quiz = true;
  await routeCompiled(page, "/site/early-end.protocol.bin", compileProtocol(json));
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, protocol: "/site/early-end.protocol.bin" });

  const path = pathOf({ concerns: ["pigmentation"] });
  expect(ids(path).slice(-3), "two questions follow radiation on this path").toEqual(["radiation", "retinoids", "skin_tone"]);
  await quiz.answerPath(path);
  await expect(quiz.checkScreen).toBeVisible();
  await expect(quiz.checkRows()).toHaveCount(path.length);

  // Radiation now ends the quiz: only the rows up to it stay.
  await quiz.changeButton("radiation").click();
  await quiz.answerAndContinue("radiation", true);
  await expect(quiz.checkScreen).toBeVisible();
  expect(await quiz.checkRows().evaluateAll((els) => els.map((el) => el.getAttribute("data-question-id")))).toEqual(ids(path).slice(0, -2));
  await quiz.seeResult();
  await quiz.expectOutcome("consult", [3, 4]);
});
