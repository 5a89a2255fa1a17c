// Host events: `candidacy:start`, `candidacy:complete` and `candidacy:action` bubble out of the
// shadow root with the same detail for every visitor unless the clinic opted in: steps, answers and
// reasons with `share-answers`, the outcome with `analytics-outcome`; with `analytics` they also go
// to `window.dataLayer`.
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget, dataLayer, heardEvents as heard, listenForEvents } from "./fixtures/host_page";
import { expectedPath, pathOf, protocol } from "./fixtures/protocol";

const PROTOCOL = { id: protocol.id, version: protocol.version };

test("a whole quiz: start, complete, then book, call and print; no step, outcome or answer without an opt-in", async ({ page }) => {
  await listenForEvents(page, { stayOnPage: true });
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, CLINIC);
  const path = pathOf({ recent_sun: true });
  await quiz.answerPath(path);
  await quiz.seeResult();
  await quiz.expectOutcome("postpone");
  for (const action of ["book", "call", "print"]) await quiz.resultAction(action).click();

  const events = await heard(page);
  expect(events.map((e) => e.name)).toEqual([
    "candidacy:start",
    "candidacy:complete",
    "candidacy:action",
    "candidacy:action",
    "candidacy:action",
  ]);
  expect(events.every((e) => e.bubbledTo === "candidacy-quiz"), "retargeted to the element").toBe(true);
  expect(events.find((e) => e.name === "candidacy:complete")!.detail).toEqual({ protocol: PROTOCOL });
  expect(events.filter((e) => e.name === "candidacy:action").map((e) => e.detail.action)).toEqual(["book", "call", "print"]);

  const everything = JSON.stringify(events);
  for (const word of ["answers", "reasons", "fine_lines", "type_3"]) expect(everything).not.toContain(word);
  expect(await dataLayer(page), "no dataLayer pushes without the analytics attribute").toEqual([]);
});

test("share-answers adds the answers and reasons; analytics pushes the same to the dataLayer, less the outcome", async ({ page }) => {
  await listenForEvents(page, { stayOnPage: true });
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, "share-answers": "", analytics: "" });
  await quiz.answerPath(pathOf({ blood_thinners: true }));
  await quiz.seeResult();
  await quiz.expectOutcome("consult", [3, 4]);

  const events = await heard(page);
  const complete = events.find((e) => e.name === "candidacy:complete")!.detail;
  expect(complete.outcome).toBe("consult");
  expect(complete.reasons).toEqual(["blood_thinners"]);
  expect((complete.answers as Record<string, unknown>).blood_thinners).toBe(true);
  expect(complete.plan).toEqual({ sessionsMin: 3, sessionsMax: 4, intervalWeeksMin: 4, intervalWeeksMax: 6 });

  const pushes = await dataLayer(page);
  // GA4-valid names in the dataLayer: the DOM's `candidacy:step` is `candidacy_step` there.
  expect(pushes.map((p) => p.event)).toEqual(events.map((e) => e.name.replace(":", "_")));
  for (const push of pushes) {
    for (const name of Object.keys(push)) expect(name, `${push.event}: GA4 parameter name`).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  }
  // Advertising tools get the same, but neither the outcome nor the plan (no analytics-outcome).
  const protocol = complete.protocol as { id: string; version: string };
  expect(pushes.at(-1)).toEqual({
    event: "candidacy_complete",
    protocol_id: protocol.id,
    protocol_version: protocol.version,
    answers: complete.answers,
    reasons: complete.reasons,
  });
  const step = events.find((e) => e.name === "candidacy:step")!.detail;
  expect(pushes.find((p) => p.event === "candidacy_step")).toMatchObject({
    question_id: step.questionId,
    step_index: step.index,
    steps_about: step.ofAbout,
  });
});

test("with share-answers, a step per question, numbered along the path the protocol expects", async ({ page }) => {
  await listenForEvents(page, { stayOnPage: true });
  await page.goto("/site/blank.html");
  const quiz = await addWidget(page, { ...CLINIC, "share-answers": "" });
  const answers = Object.fromEntries(pathOf({ concerns: ["acne_scars"] }));
  await quiz.answerPath(pathOf({ concerns: ["acne_scars"] }));
  const steps = (await heard(page)).filter((e) => e.name === "candidacy:step");
  expect(steps.map((e) => e.detail.questionId)).toEqual(expectedPath(answers));
  expect(steps.map((e) => e.detail.index)).toEqual(expectedPath(answers).map((_, i) => i + 1));
});
