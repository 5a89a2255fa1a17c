#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): in release builds, minifies what every visitor downloads
# (the loader, the wasm-bindgen glue, the iframe scripts, the stylesheets) with esbuild, which
# scripts/setup.sh installs with the e2e tools. Without esbuild the files stay as written.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
esbuild="$(command -v esbuild || true)"
[ -n "$esbuild" ] || esbuild="${TRUNK_SOURCE_DIR:-.}/e2e/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
    echo "minify: esbuild not found (npm ci in e2e/); leaving the files unminified" >&2
    exit 0
fi
cd "$TRUNK_STAGING_DIR"
for file in candidacy.js candidacy-frame.js embed.js widget.js candidacy.css embed.css; do
    [ -f "$file" ] && "$esbuild" "$file" --minify --log-level=warning --allow-overwrite --outfile="$file"
done
