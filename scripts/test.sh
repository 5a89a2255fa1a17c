#!/usr/bin/env bash
# Sets up and runs every test: formatting, the dependency policy (cargo deny), lints (native and
# wasm32), the proof that the default protocol is safe, the native tests (unit, integration,
# property, mutants), the widget's tests in headless Chromium (wasm-bindgen-test, including 1,000
# random walks), the end-to-end tests (Playwright) against the release build, and the WordPress
# plugin in a real WordPress (Debian's packages, served on 127.0.0.1).
# Needs only rustup on Debian; installs the rest. Safe to run again (installed parts are skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# A fresh clone builds everything once: incremental caches and full debug info would only fill the
# disk (CI's is small). Line tables keep backtraces' file and line.
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG=line-tables-only
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

step "the WordPress plugin: php -l, phpcs (PSR-12), its validator against the widget's own answers"
wordpress_site="$PWD/target/wordpress-site"
bash scripts/wordpress-site.sh start "$wordpress_site" 4180
trap 'bash scripts/wordpress-site.sh stop "$wordpress_site"' EXIT
find packaging/wordpress/candidacy tests/wordpress -name '*.php' -print0 | xargs -0 -n1 php -l -n >/dev/null
phpcs --standard=packaging/wordpress/phpcs.xml
php tests/wordpress/validation.php

step "the WordPress plugin in WordPress: install, settings, Author content, every mode, update, deactivation"
(cd e2e && CANDIDACY_WORDPRESS_SITE="$wordpress_site" npx playwright test -c wordpress.config.ts)
