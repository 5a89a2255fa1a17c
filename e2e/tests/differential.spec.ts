// The widget against the CLI: 200 seeded random answer paths are driven through the real widget,
// and each path's answers (exactly those given, in answers-JSON form) are evaluated by
// `candidacy evaluate`. Same outcome, same sessions, same headline; and the widget asked exactly
// the questions the contract's branching asks for.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures/test";
import { PROTOCOL_PATH, REPO_ROOT, type Outcome } from "./fixtures/protocol";
import { Dice, prng, runPath } from "./fixtures/random_visitor";

const E2E_DIR = fileURLToPath(new URL("..", import.meta.url));
const CLI = resolve(E2E_DIR, process.env.CANDIDACY_CLI ?? "../target/release/candidacy");

const BATCHES = 4;
/** E2E_PATHS_PER_BATCH shortens a local run; the suite runs 4 × 50. */
const PATHS_PER_BATCH = Number(process.env.E2E_PATHS_PER_BATCH ?? 50);
const SEED = 0x5eed_2026;

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
