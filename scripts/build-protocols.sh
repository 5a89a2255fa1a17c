#!/usr/bin/env bash
# Compiles every shipped protocol (static/protocols/*.json) with `candidacy build`: check, verify,
# then `<name>.protocol.bin` and `<name>.<locale>.texts.bin` beside it, which the widget runs (the
# built-in one is compiled into the wasm). `tests/compiled_protocols.rs` fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --release --quiet -p candidacy
for protocol in static/protocols/*.json; do
    "${CARGO_TARGET_DIR:-target}/release/candidacy" build "$protocol" -o "${protocol%.json}.protocol.bin" | grep -E '^(wrote|built|build)'
done
