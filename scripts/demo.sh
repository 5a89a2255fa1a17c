#!/usr/bin/env bash
# Sets up and runs the demo: builds the release widget with the default microneedling protocol and
# serves the demo page on http://127.0.0.1:8080/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_rust
setup_web

build_widget
port="${PORT:-8080}"
step "serving the demo on http://127.0.0.1:$port/"
echo "The CLI works on the same protocol: cargo run --release -- verify static/protocols/microneedling.json"
exec node e2e/serve.mjs dist "$port"
