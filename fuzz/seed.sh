#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> (not committed) for every fuzz target, from fuzz/src/seeds.rs: the
# repository's protocols (each as it is, and each valid one followed by a NUL and answer bytes or
# an answers file), quizzes saved part-way through each protocol, FHIR responses exported for
# paths through each, the element's attributes, iframe configurations and parent messages as the
# tests write them, and hand-written hostile values. Stable Rust is enough; inputs already in the
# corpus are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --locked --manifest-path fuzz/Cargo.toml --no-default-features --example seeds -- fuzz/corpus
