// With `analytics` on and nothing else opted in, the tags a clinic's tag manager loads cannot tell
// visitors apart by their answers: 60 seeded random visitors (every outcome among them) on a page
// with an ad click's parameters leave byte-identical dataLayer pushes, and so do visitors who
// leave after the same number of screens. The page's own events follow the same rule.
import { test, expect } from "./fixtures/test";
import { CLINIC, addWidget, dataLayer, heardEvents, listenForEvents } from "./fixtures/host_page";
import type { Answer } from "./fixtures/protocol";
import { Dice, prng, runPath } from "./fixtures/random_visitor";

const VISITORS = 60;
const SEED = 0x0a11_2026;

test.use({ actionTimeout: 5_000 });

test(`${VISITORS} random visitors who reach a result leave the same dataLayer pushes`, async ({ page }) => {
  test.setTimeout(300_000);
  await listenForEvents(page, { stayOnPage: true });
  await page.goto("/site/blank.html?utm_source=ads&utm_campaign=spring&gclid=abc123");
  const quiz = await addWidget(page, { ...CLINIC, analytics: "" });
  const sequences = new Map<string, number>();
  const heardSequences = new Set<string>();
  const outcomes = new Set<string>();
  for (let n = 0; n < VISITORS; n++) {
    const [pushedBefore, heardBefore] = [(await dataLayer(page)).length, (await heardEvents(page)).length];
    const { seen } = await runPath(quiz, new Dice(prng(SEED + n)));
    outcomes.add(seen.outcome!);
    const pushes = JSON.stringify((await dataLayer(page)).slice(pushedBefore));
    sequences.set(pushes, (sequences.get(pushes) ?? 0) + 1);
    heardSequences.add(JSON.stringify((await heardEvents(page)).slice(heardBefore)));
    await quiz.resultAction("start-over").click({ force: true });
  }
  expect([...outcomes].sort(), "the visitors reach every outcome").toEqual(["candidate", "consult", "not_candidate", "postpone"]);
  expect([...sequences.keys()], "one sequence for all").toHaveLength(1);
  const pushes = JSON.parse([...sequences.keys()][0]);
  expect(pushes.map((p: { event: string }) => p.event)).toEqual(["candidacy_start", "candidacy_complete"]);
  expect(pushes[1]).not.toHaveProperty("outcome");
  expect(pushes[0].attribution).toEqual({ utm_source: "ads", utm_campaign: "spring", gclid: "abc123" });
  expect([...heardSequences], "the page's own events are the same too").toHaveLength(1);
});

test("visitors who leave after the same number of screens leave the same pushes", async ({ page }) => {
  await listenForEvents(page, { stayOnPage: true });
  await page.goto("/site/blank.html?gclid=abc123");
  const quiz = await addWidget(page, { ...CLINIC, analytics: "" });
  // Two visitors whose answers take the quiz down different branches after the same four answers:
  // with scars, the scar questions come next, then age; without, age and pregnancy (yes), then the
  // next health question.
  const visitors: { answers: [string, Answer][]; next: string }[] = [
    {
      answers: [["concerns", ["acne_scars"]], ["treatment_area", ["face"]], ["scar_severity", "mild"], ["scar_age", "over_1_year"]],
      next: "age",
    },
    {
      answers: [["concerns", ["fine_lines"]], ["treatment_area", ["face"]], ["age", 30], ["pregnant_or_breastfeeding", true]],
      next: "skin_infection",
    },
  ];
  const seenAfterFive: string[] = [];
  for (const { answers, next } of visitors) {
    const before = (await dataLayer(page)).length;
    await quiz.start();
    for (const [id, answer] of answers) await quiz.answerAndContinue(id, answer);
    await expect(quiz.question(next), "a different screen after the same count").toBeVisible();
    seenAfterFive.push(JSON.stringify((await dataLayer(page)).slice(before)));
    await page.evaluate(() => (document.getElementById("added") as HTMLElement & { restart(): void }).restart());
    await expect(quiz.welcome).toBeVisible();
  }
  expect(seenAfterFive[0]).toBe(seenAfterFive[1]);
  expect(JSON.parse(seenAfterFive[0]).map((p: { event: string }) => p.event)).toEqual(["candidacy_start"]);
});
