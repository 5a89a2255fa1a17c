// What the visitor takes away from the result: the answers as a FHIR R4 QuestionnaireResponse
// (the same the CLI's `evaluate --fhir` writes), and a plain-text summary on the clipboard.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget } from "./fixtures/host_page";
import { REPO_ROOT, PROTOCOL_PATH, pathOf, protocolIn } from "./fixtures/protocol";

const CLI = process.env.CANDIDACY_CLI ?? `${REPO_ROOT}target/release/candidacy`;

for (const locale of ["en", "es"]) {
  test(`${locale}: the answers download as a QuestionnaireResponse equal to the CLI's`, async ({ page }, info) => {
    await page.goto("/site/blank.html");
    const quiz = await addWidget(page, { ...CLINIC, locale });
    const path = pathOf({ pregnant_or_breastfeeding: "unsure" });
    await quiz.answerPath(path);
    await quiz.seeResult();
    await quiz.expectOutcome("consult", [3, 4]);

    const download = page.waitForEvent("download");
    await quiz.resultAction("download-answers").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("microneedling-answers.fhir.json");
    const response = JSON.parse(readFileSync(await file.path(), "utf8"));
    expect(response.resourceType).toBe("QuestionnaireResponse");
    expect(response.status).toBe("completed");
    expect(response.questionnaire).toBe(`urn:candidacy:protocol:microneedling|${protocolIn(locale).version}`);
    expect(Date.parse(response.authored)).toBeGreaterThan(Date.now() - 60_000);
    expect(response.item.map((item: { linkId: string }) => item.linkId)).toEqual(path.map(([id]) => id));
    const pregnancy = response.item.find((item: { linkId: string }) => item.linkId === "pregnant_or_breastfeeding");
    expect(pregnancy.answer[0].valueCoding.code).toBe("asked-unknown");
    expect(pregnancy.answer[0].valueCoding.display).toBe(locale === "es" ? "No lo sé" : "I'm not sure");

    // The CLI, given the same answers, writes the same resource (but the time it was answered).
    const answers = info.outputPath("answers.json");
    writeFileSync(answers, JSON.stringify(Object.fromEntries(path)));
    const cli = JSON.parse(
      execFileSync(CLI, ["evaluate", `${REPO_ROOT}${PROTOCOL_PATH}`, "--answers", answers, "--fhir", "--locale", locale], {
        encoding: "utf8",
      }),
    );
    delete response.authored;
    expect(response).toEqual(cli);
  });
}

test("the summary goes to the clipboard as plain text, and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  const path = pathOf();
  await quiz.answerPath(path);
  await quiz.seeResult();
  await quiz.resultAction("copy-summary").click();
  await expect(quiz.result.locator(".candidacy-copy-status")).toHaveText(/^Summary copied/);
  const text: string = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text.split("\n");
  expect(lines[0]).toBe("Microneedling: my screening result");
  expect(text).toContain(`Result: ${protocolIn("en").outcomes.candidate.headline}`);
  expect(text).toContain("About 3 to 4 sessions, 4 to 6 weeks apart.");
  expect(text).toContain("My answers");
  for (const q of protocolIn("en").questions.filter((q) => path.some(([id]) => id === q.id))) expect(text).toContain(q.prompt);
  expect(text).toMatch(/Screening logic microneedling v[\d.]+ · [0-9a-f]{12}\n$/);
  expect(text).not.toContain("<");
});
