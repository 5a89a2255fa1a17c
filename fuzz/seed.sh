#!/usr/bin/env bash
# Seeds fuzz/corpus/check (not committed) from the repository's protocols: each file as it is, and
# each valid one followed by a NUL and answer bytes (step-by-step answers, some of the wrong kind)
# or an answers file in JSON, so that the engine part of the target starts with real paths.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/check
mkdir -p "$corpus"
cp static/protocols/*.json tests/protocols/*.json tests/protocols/invalid/*.json "$corpus/"
bytes() {
    for i in "$@"; do printf "\\x$(printf %02x "$i")"; done
}
for protocol in static/protocols/*.json tests/protocols/*.json; do
    name=$(basename "$protocol" .json)
    { cat "$protocol"; printf '\0'; bytes $(seq 1 64); } >"$corpus/$name.ascending"
    { cat "$protocol"; printf '\0'; bytes $(seq 128 191); } >"$corpus/$name.wild"
    { cat "$protocol"; printf '\0'; bytes $(seq 2 3 191); } >"$corpus/$name.mixed"
    { cat "$protocol"; printf '\0'; cat examples/answers/candidate.json; } >"$corpus/$name.answers"
done
