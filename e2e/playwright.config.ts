import { defineConfig } from "@playwright/test";

// Debian's Chromium, headless, over loopback only. No retries: a flaky test is a bug to fix.
export default defineConfig({
  testDir: "./tests",
  outputDir: "./artifacts/results",
  timeout: 60_000,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: "http://127.0.0.1:4173",
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
    command: "node serve.mjs ../dist 4173",
    url: "http://127.0.0.1:4173/index.html",
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
