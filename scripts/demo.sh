#!/usr/bin/env bash
# Sets up and runs the demo: the `candidacy` CLI on the default microneedling protocol
# (check, verify, the decision table, and two visitors' recommendations).
# The browser widget replaces this demo when it lands.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_rust

step "build the candidacy CLI (release)"
cargo build --locked --release --quiet
candidacy=target/release/candidacy
protocol=static/protocols/microneedling.json

step "candidacy check $protocol"
"$candidacy" check "$protocol"

step "candidacy verify $protocol"
"$candidacy" verify "$protocol"

step "candidacy table $protocol"
"$candidacy" table "$protocol"

for answers in examples/answers/*.json; do
    step "candidacy evaluate $protocol --answers $answers"
    "$candidacy" evaluate "$protocol" --answers "$answers"
done
