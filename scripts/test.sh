#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints (native and wasm32), the proof that the default
# protocol is safe, and the unit, integration and property tests.
# Needs only rustup; installs the rest. Safe to run again (installed parts are skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_rust

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets)"
cargo clippy --locked --all-targets -- -D warnings

step "cargo clippy (wasm32, library)"
cargo clippy --locked --lib --target wasm32-unknown-unknown -- -D warnings

step "the default protocol checks and verifies"
cargo run --locked --quiet --release -- check static/protocols/microneedling.json
cargo run --locked --quiet --release -- verify static/protocols/microneedling.json

step "cargo test"
cargo test --locked
