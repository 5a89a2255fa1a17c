// Issue 18 in the browser: pregnancy no longer ends the quiz before the questions that can rule a
// visitor out or send them to a dermatologist, and no plan is shown to anyone under 18.
import { test, expect } from "./fixtures/test";
import { pathOf, rule } from "./fixtures/protocol";

const RED_FLAGS = "Speak to a doctor or pharmacist if:";

test("pregnant with suspected skin cancer: not a candidate, and the dermatologist signpost shows", async ({ quiz }) => {
  const path = pathOf({ pregnant_or_breastfeeding: true, skin_cancer: true });
  expect(path.map(([id]) => id), "every question is still asked after pregnancy").toContain("skin_cancer");

  await quiz.goto();
  await quiz.start();
  await quiz.answerPath(path);
  await quiz.seeResult();

  await quiz.expectOutcome("not_candidate");
  await expect(quiz.result.locator('[data-rule="skin_cancer"]')).toContainText(rule("skin_cancer").reason);
  await expect(quiz.result.locator('[data-rule="pregnant_or_breastfeeding"]')).toHaveCount(1);
  await expect(quiz.result.getByRole("heading", { name: RED_FLAGS })).toBeVisible();
  const flag = rule("skin_cancer").red_flag;
  expect(flag, "skin_cancer has a red flag in the protocol").toBeTruthy();
  await expect(quiz.result).toContainText(flag!);
});

test("pregnant with a changing mole: postpone, and the mole's signpost still shows", async ({ quiz }) => {
  await quiz.goto();
  await quiz.start();
  await quiz.answerPath(pathOf({ pregnant_or_breastfeeding: true, moles_or_lesions: true }));
  await quiz.seeResult();

  await quiz.expectOutcome("postpone");
  await expect(quiz.result.locator('[data-rule="moles_or_lesions"]')).toHaveCount(1);
  const flag = rule("moles_or_lesions").red_flag;
  expect(flag, "moles_or_lesions has a red flag in the protocol").toBeTruthy();
  await expect(quiz.result.getByRole("heading", { name: RED_FLAGS })).toBeVisible();
  await expect(quiz.result).toContainText(flag!);
});

for (const concerns of [["fine_lines"], ["acne_scars"], ["stretch_marks"]]) {
  test(`17 years old with ${concerns[0]}: consult, and no plan at all`, async ({ quiz }) => {
    await quiz.goto();
    await quiz.start();
    await quiz.answerPath(pathOf({ concerns, age: 17, scar_severity: "pronounced" }));
    await quiz.seeResult();

    await quiz.expectOutcome("consult");
    await expect(quiz.result).not.toHaveAttribute("data-sessions-min");
    await expect(quiz.result).not.toContainText("What a plan would usually look like");
    await expect(quiz.result).not.toContainText("What your plan would usually look like");
    await expect(quiz.result.getByText(/sessions?, \d+ to \d+ weeks apart/)).toHaveCount(0);
  });
}
