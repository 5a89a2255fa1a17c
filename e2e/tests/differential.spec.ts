// The widget against the CLI: 200 seeded random answer paths are driven through the real widget,
// and each path's answers (exactly those given, in answers-JSON form) are evaluated by
// `candidacy evaluate`. Same outcome, same sessions, same headline; and the widget asked exactly
// the questions the contract's branching asks for.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures/test";
import type { QuizPage } from "./fixtures/quiz_page";
import { PROTOCOL_PATH, QUESTIONS, REPO_ROOT, expectedPath, type Answer, type Outcome, type Question } from "./fixtures/protocol";

const E2E_DIR = fileURLToPath(new URL("..", import.meta.url));
const CLI = resolve(E2E_DIR, process.env.CANDIDACY_CLI ?? "../target/release/candidacy");

const BATCHES = 4;
/** E2E_PATHS_PER_BATCH shortens a local run; the suite runs 4 × 50. */
const PATHS_PER_BATCH = Number(process.env.E2E_PATHS_PER_BATCH ?? 50);
const SEED = 0x5eed_2026;

// Random answers --------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, the same sequence on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Profile {
  /** How likely a screening answer is anything but the reassuring one. */
  risk: number;
  ages: "uniform" | "adult" | "edges";
}

/** The reassuring option of the screening single-choice questions. */
const REASSURING: Record<string, string> = { cold_sores: "never", skin_condition: "none", isotretinoin: "no" };
const AGE_EDGES = [0, 1, 17, 18, 21, 22, 23, 119, 120];

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function profile(dice: Dice): Profile {
  return {
    risk: dice.pick([0, 0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.6]),
    ages: dice.pick(["uniform", "uniform", "adult", "edges"] as const),
  };
}

function randomAnswer(q: Question, dice: Dice, p: Profile): Answer {
  switch (q.kind) {
    case "multiple_choice": {
      if (q.id === "concerns" && dice.chance(0.08)) return ["loose_skin"];
      const chosen = q.options.filter(() => dice.chance(q.id === "concerns" ? 0.3 : 0.5));
      return chosen.length > 0 ? chosen : [dice.pick(q.options)];
    }
    case "single_choice": {
      const safe = REASSURING[q.id];
      if (safe === undefined || !dice.chance(1 - p.risk)) return dice.pick(q.options.filter((o) => o !== safe));
      return safe;
    }
    case "yes_no": {
      if (!dice.chance(p.risk)) return false;
      return q.unsure && dice.chance(0.5) ? "unsure" : true;
    }
    case "number": {
      if (p.ages === "edges") return dice.pick(AGE_EDGES);
      if (p.ages === "adult") return dice.int(22, 80);
      return dice.int(q.min, q.max);
    }
  }
}

// The widget -------------------------------------------------------------------------------------

const byId = new Map(QUESTIONS.map((q) => [q.id, q]));

/**
 * Answers question `id` once it is on screen, with locators, and presses Enter. The locators wait
 * for that question's screen: were the widget to show another question, they would time out.
 */
async function answerOnScreen(quiz: QuizPage, id: string, answer: Answer): Promise<void> {
  const screen = quiz.question(id);
  // The layout is static (reduced motion), so actionability checks are skipped for speed; the
  // outcomes spec covers real pointer clicks with every check.
  if (byId.get(id)!.kind === "number") {
    await screen.locator('input[type="number"]').fill(String(answer));
  } else {
    const values = Array.isArray(answer) ? answer : [answer === true ? "yes" : answer === false ? "no" : String(answer)];
    for (const value of values) await screen.locator(`input[value="${value}"]`).check({ force: true });
  }
  // Enter in the focused input submits the question's form, as a visitor's Enter would.
  await quiz.page.keyboard.press("Enter");
}

interface Seen {
  outcome: string | null;
  min: string | null;
  max: string | null;
  headline: string;
}

/**
 * Drives one random path from the welcome screen to the result. The next question is the one the
 * contract's branching asks (expectedPath); the widget must show exactly that one.
 */
async function runPath(quiz: QuizPage, dice: Dice): Promise<{ answers: Record<string, Answer>; rows: string[]; seen: Seen }> {
  const p = profile(dice);
  await quiz.startButton.click({ force: true });
  // A fresh path (after Start over) shows nothing chosen.
  const leftover = await quiz.question("concerns").evaluate((el) => el.querySelectorAll("input:checked").length);
  expect(leftover, "no answer is left over from the last path").toBe(0);

  const answers: Record<string, Answer> = {};
  for (;;) {
    const path = expectedPath(answers);
    const id = path[path.length - 1];
    if (id in answers) break; // every question on the path is answered
    answers[id] = randomAnswer(byId.get(id)!, dice, p);
    await answerOnScreen(quiz, id, answers[id]);
  }
  const rows = await quiz.checkScreen.evaluate((el) =>
    Array.from(el.querySelectorAll("div[data-question-id]"), (row) => row.getAttribute("data-question-id") ?? ""),
  );
  await quiz.seeResultButton().click({ force: true });
  const seen = await quiz.result.evaluate((el) => ({
    outcome: el.getAttribute("data-outcome"),
    min: el.getAttribute("data-sessions-min"),
    max: el.getAttribute("data-sessions-max"),
    headline: el.querySelector("h1")?.textContent ?? "",
  }));
  return { answers, rows, seen };
}

// The CLI ----------------------------------------------------------------------------------------

interface CliResult {
  outcome: Outcome;
  headline: string;
  plan?: { sessions_min: number; sessions_max: number } | null;
}

function evaluate(file: string): CliResult {
  const run = spawnSync(CLI, ["evaluate", PROTOCOL_PATH, "--answers", file], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(run.status, `candidacy evaluate failed:\n${run.stdout}${run.stderr}`).toBe(0);
  // The CLI notes every answer to a question that is not on the path: the widget asked none.
  expect(run.stderr, "the CLI ignored none of the widget's answers").toBe("");
  return JSON.parse(run.stdout);
}

// The tests --------------------------------------------------------------------------------------

// A screen that does not come fails the path in seconds, not at the test's timeout.
test.use({ actionTimeout: 5_000 });

test.beforeAll(() => {
  expect(existsSync(CLI), `the CLI at ${CLI} (build it: cargo build --release, or set CANDIDACY_CLI)`).toBe(true);
});

for (let batch = 0; batch < BATCHES; batch++) {
  const first = batch * PATHS_PER_BATCH;
  test(`paths ${first + 1}–${first + PATHS_PER_BATCH}: the widget's outcome and plan equal the CLI's`, async ({ quiz }, testInfo) => {
    test.setTimeout(300_000);
    const tally: Record<string, number> = {};
    await quiz.goto();
    for (let n = first; n < first + PATHS_PER_BATCH; n++) {
      const dice = new Dice(prng(SEED + n));
      const { answers, rows, seen } = await runPath(quiz, dice);
      const label = `path #${n + 1}: ${JSON.stringify(answers)}`;
      expect(rows, `${label}: the check screen lists every answer in asking order`).toEqual(Object.keys(answers));

      const file = testInfo.outputPath(`answers-${n + 1}.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(answers, null, 2));
      const cli = evaluate(file);
      const expected = {
        outcome: cli.outcome,
        min: cli.plan ? String(cli.plan.sessions_min) : null,
        max: cli.plan ? String(cli.plan.sessions_max) : null,
        headline: cli.headline,
      };
      expect(seen, label).toEqual(expected);
      tally[cli.outcome] = (tally[cli.outcome] ?? 0) + 1;

      await quiz.resultAction("start-over").click({ force: true });
    }
    testInfo.annotations.push({ type: "outcomes", description: JSON.stringify(tally) });
    // The seeds are fixed: every batch reaches every outcome, so no outcome goes untested.
    expect(Object.keys(tally).sort(), `outcomes reached: ${JSON.stringify(tally)}`).toEqual(["candidate", "consult", "not_candidate", "postpone"]);
  });
}
