// Lighthouse 12 (the CLI from bench/node_modules) on one page, with Debian's Chromium.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);
const CLI = new URL("../node_modules/lighthouse/cli/index.js", import.meta.url).pathname;
const FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run";

/** Resolves to the performance, accessibility and best-practices scores (0–100) of `url`, and
 * the report's path. Mobile emulation with simulated throttling: Lighthouse's defaults. */
export async function lighthouse(url, reportPath) {
  await run(
    process.execPath,
    [
      CLI,
      url,
      "--quiet",
      "--only-categories=performance,accessibility,best-practices",
      "--output=json",
      `--output-path=${reportPath}`,
      `--chrome-flags=${FLAGS}`,
    ],
    { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, maxBuffer: 64 << 20 },
  );
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const score = (id) => Math.round(report.categories[id].score * 100);
  const failing = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
    .map((a) => a.id);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    lcpMs: Math.round(report.audits["largest-contentful-paint"].numericValue),
    tbtMs: Math.round(report.audits["total-blocking-time"].numericValue),
    cls: report.audits["cumulative-layout-shift"].numericValue,
    failing,
  };
}
