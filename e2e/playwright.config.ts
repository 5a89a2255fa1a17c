import { defineConfig } from "@playwright/test";

// Debian's Chromium, headless, over loopback only. No retries: a flaky test is a bug to fix.
// E2E_PORT picks another loopback port when 4173 is taken (e.g. by a demo server left running).
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  outputDir: "./artifacts/results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Traces triple the time of a step; E2E_TRACE=1 keeps them for failing tests.
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    reducedMotion: "reduce",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node serve.mjs ../dist ${port} pages`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
