#!/usr/bin/env bash
# Sets up and runs the widget's benchmark (not part of the tests' pass/fail): builds the release
# widget, installs the benchmark's npm packages (SurveyJS, Lighthouse, Playwright's driver) and
# twiggy, and measures the widget, a plain HTML page and SurveyJS side by side in Debian's
# headless Chromium over 127.0.0.1 (bench/run.mjs), then breaks the wasm's size down by function
# and crate (bench/size-breakdown.mjs). Prints the tables; writes bench/results.json,
# bench/results.md, bench/size-breakdown.json and bench/size-breakdown.md.
#
# The build goes to BENCH_DIST (default target/bench-dist), not dist/, and cargo's output to
# CARGO_TARGET_DIR (default target/); BENCH_RUNS, BENCH_QUIZZES, BENCH_THROTTLE and
# BENCH_LIGHTHOUSE=0 are bench/run.mjs's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_rust
setup_web

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export BENCH_DIST="${BENCH_DIST:-$CARGO_TARGET_DIR/bench-dist}"
step "trunk build --release (into $BENCH_DIST)"
trunk build --release --offline=true --dist "$BENCH_DIST"

# twiggy reads the module rustc wrote (it still has its names section); the shipped one has none.
if ! command -v twiggy >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/twiggy" ]; then
    step "cargo install twiggy@0.8.0"
    cargo install twiggy --locked --version 0.8.0
fi
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    step "npm ci (bench: SurveyJS, Lighthouse, playwright-core)"
    (cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
step "benchmark: widget, plain HTML and SurveyJS in headless Chromium"
node bench/run.mjs
step "wasm size by function and crate (twiggy)"
node bench/size-breakdown.mjs "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/widget.wasm" --shipped "$BENCH_DIST/widget_bg.wasm"
