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

/** The next screen after `previous`: its question id (or "#check") and what it shows chosen. */
interface Screen {
  id: string;
  checked: number;
  number: string;
}

/**
 * Waits in the page for the screen after `previous` to appear (a MutationObserver, no polling
 * delay) and reads it in the same round trip.
 */
async function nextScreen(quiz: QuizPage, previous: string): Promise<Screen> {
  return quiz.mount.evaluate(
    (root, previous) =>
      new Promise<Screen>((resolve, reject) => {
        const look = (): Screen | null => {
          const section = root.querySelector("section[data-question-id]");
          const id = section?.getAttribute("data-question-id");
          if (section && id && id !== previous) {
            const number = section.querySelector('input[type="number"]') as HTMLInputElement | null;
            return { id, checked: section.querySelectorAll("input:checked").length, number: number?.value ?? "" };
          }
          if (root.querySelector('[data-step="check-answers"]')) return { id: "#check", checked: 0, number: "" };
          return null;
        };
        const found = look();
        if (found) return resolve(found);
        const observer = new MutationObserver(() => {
          const found = look();
          if (!found) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(found);
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no new screen after ${previous}: ${root.textContent?.slice(0, 300)}`));
        }, 10_000);
      }),
    previous,
  );
}

/** Answers the question on screen with locators and presses Enter. */
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

/** Drives one random path from the welcome screen to the result; returns the answers given. */
async function runPath(quiz: QuizPage, dice: Dice): Promise<{ answers: Record<string, Answer>; asked: string[]; rows: string[]; seen: Seen }> {
  const p = profile(dice);
  await quiz.startButton.click({ force: true });
  let screen = await nextScreen(quiz, "#welcome");
  const answers: Record<string, Answer> = {};
  const asked: string[] = [];
  while (screen.id !== "#check") {
    const id = screen.id;
    expect(asked, `question ${id} is asked once`).not.toContain(id);
    // A fresh path (after Start over) shows nothing chosen.
    expect(screen, `question ${id} starts empty`).toEqual({ id, checked: 0, number: "" });
    const answer = randomAnswer(byId.get(id)!, dice, p);
    answers[id] = answer;
    asked.push(id);
    await answerOnScreen(quiz, id, answer);
    screen = await nextScreen(quiz, id);
  }
  const rows = await quiz.checkRows().evaluateAll((els) => els.map((el) => el.getAttribute("data-question-id") ?? ""));
  await quiz.seeResultButton().click({ force: true });
  await expect(quiz.result).toBeVisible();
  const seen = await quiz.result.evaluate((el) => ({
    outcome: el.getAttribute("data-outcome"),
    min: el.getAttribute("data-sessions-min"),
    max: el.getAttribute("data-sessions-max"),
    headline: el.querySelector("h1")?.textContent ?? "",
  }));
  return { answers, asked, rows, seen };
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

test.beforeAll(() => {
  expect(existsSync(CLI), `the CLI at ${CLI} (build it: cargo build --release, or set CANDIDACY_CLI)`).toBe(true);
});

for (let batch = 0; batch < BATCHES; batch++) {
  const first = batch * PATHS_PER_BATCH;
  test(`paths ${first + 1}–${first + PATHS_PER_BATCH}: the widget's outcome and plan equal the CLI's`, async ({ quiz }, testInfo) => {
    test.setTimeout(240_000);
    const tally: Record<string, number> = {};
    await quiz.goto();
    for (let n = first; n < first + PATHS_PER_BATCH; n++) {
      const dice = new Dice(prng(SEED + n));
      await expect(quiz.welcome).toBeVisible();
      const { answers, asked, rows, seen } = await runPath(quiz, dice);
      const label = `path #${n + 1}: ${JSON.stringify(answers)}`;

      expect(asked, `${label}: the questions asked follow the contract's branching`).toEqual(expectedPath(answers));
      expect(rows, `${label}: the check screen lists every answer in asking order`).toEqual(asked);

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
