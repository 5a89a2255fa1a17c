#!/usr/bin/env bash
# Sets up and runs the widget's benchmark (not part of the tests' pass/fail): builds the release
# widget, installs the benchmark's npm packages (SurveyJS, Lighthouse, Playwright's driver), and
# measures the widget, a plain HTML page and SurveyJS side by side in Debian's headless Chromium
# over 127.0.0.1. Prints a table; writes bench/results.json and bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_rust
setup_web

build_widget
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    step "npm ci (bench: SurveyJS, Lighthouse, playwright-core)"
    (cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
step "benchmark: widget, plain HTML and SurveyJS in headless Chromium"
node bench/run.mjs
