#!/usr/bin/env bash
# Sets up and runs every test: formatting, the dependency policy (cargo deny), lints (native and
# wasm32), the proof that the default protocol is safe, the native tests (unit, integration,
# property, mutants), the widget's tests in headless Chromium (wasm-bindgen-test, including 1,000
# random walks), and the end-to-end tests (Playwright) against the release build.
# Needs only rustup on Debian; installs the rest. Safe to run again (installed parts are skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_rust
setup_supply_chain
setup_web

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo deny: licenses, bans, sources (offline; advisories: see README)"
cargo deny --offline --locked check --hide-inclusion-graph licenses bans sources

step "type-check the React / Next.js recipe against the package's types (docs/react.md)"
(cd e2e && npx tsc -p ../docs/examples/react/tsconfig.json)

step "cargo clippy (native, every crate, all targets)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo clippy (wasm32: the widget and the crates it runs, all targets)"
cargo clippy --locked --target wasm32-unknown-unknown -p candidacy-widget -p candidacy-core -p candidacy-embed \
    --all-targets -- -D warnings

step "the shipped protocols check, verify and build (a chooser treatment by treatment)"
cargo build --locked --release --quiet -p candidacy
built=$(mktemp -d)
for protocol in static/protocols/*.json; do
    name=$(basename "$protocol" .json)
    target/release/candidacy build "$protocol" -o "$built/$name.protocol.bin"
done
rm -rf "$built"

step "cargo test (native: every crate; the compiled protocols are current)"
cargo test --locked --workspace

step "fuzz targets, a bounded run of each on stable (seeds, regressions, 2,000 generated inputs each)"
cargo test --locked --manifest-path fuzz/Cargo.toml --no-default-features

step "cargo test (the widget in headless Chromium: mounting, and 1,000 random walks)"
# The browser-test profile optimizes without LTO: the walks take minutes in it, far longer in debug.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_TIMEOUT=900 \
    cargo test --locked --profile browser-test --target wasm32-unknown-unknown -p candidacy-widget \
    --test widget_browser --test rough_use

build_widget

step "end-to-end tests (Playwright, Debian Chromium, 127.0.0.1)"
(cd e2e && CANDIDACY_CLI="$PWD/../target/release/candidacy" npx playwright test)
