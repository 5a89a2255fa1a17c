#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): in release builds, puts the widget's stylesheet inside the
# loader (no request between the loader and the first screen; candidacy.css stays for reference)
# and minifies what every visitor downloads (the loader, the wasm-bindgen glue, the iframe scripts,
# the stylesheets) with esbuild, which scripts/setup.sh installs with the e2e tools. Without
# esbuild the files stay as written and the loader links candidacy.css. Then scripts/release.mjs
# bundles the glue into the loader, seals it with the wasm's integrity, and writes the versioned
# release (dist/candidacy/<version>/, dist/candidacy/latest/) and the npm package (dist/npm/).
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
esbuild="$(command -v esbuild || true)"
[ -n "$esbuild" ] || esbuild="${TRUNK_SOURCE_DIR:-.}/e2e/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
    echo "minify: esbuild not found (npm ci in e2e/); leaving the files unminified" >&2
    exit 0
fi
cd "$TRUNK_STAGING_DIR"
for file in candidacy.css embed.css candidacy-frame.js embed.js widget.js; do
    "$esbuild" "$file" --minify --log-level=warning --allow-overwrite --outfile="$file"
done
node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const marker = "const STYLESHEET = null;";
const loader = readFileSync("candidacy.js", "utf8");
if (!loader.includes(marker)) throw new Error(`minify: no "${marker}" in candidacy.js`);
const css = JSON.stringify(readFileSync("candidacy.css", "utf8"));
writeFileSync("candidacy.js", loader.replace(marker, () => `const STYLESHEET = ${css};`));
'
node "${TRUNK_SOURCE_DIR:-.}/scripts/release.mjs" "$TRUNK_STAGING_DIR" "${TRUNK_SOURCE_DIR:-.}"
