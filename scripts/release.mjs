// Trunk's post-build hook, after scripts/minify.sh (release builds only): seals the loader and
// writes the versioned release a clinic serves, its "latest" entry, and the npm package.
//
//   dist/candidacy/<version>/   immutable: loader (the wasm-bindgen glue bundled in), wasm,
//                               stylesheet, iframe page and scripts, protocols, types, manifest,
//                               package.json and release.json (every file's SHA-384 integrity)
//   dist/candidacy/latest/      tiny entry points that import the versioned files (short cache)
//   dist/npm/candidacy-widget-<version>.tgz   `npm pack` of the versioned folder
//   dist/wordpress/candidacy-<version>.zip    the WordPress plugin (scripts/wordpress-plugin.mjs)
//
// The loader gets the wasm's and the stylesheet's integrity and checks them before use; the
// snippet's `integrity` (candidacy snippet) covers the loader itself, glue included.
//
// Usage (from scripts/minify.sh): node scripts/release.mjs STAGING_DIR REPOSITORY_DIR
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const [staging, repository] = process.argv.slice(2);
if (!staging || !repository) throw new Error("usage: node scripts/release.mjs STAGING_DIR REPOSITORY_DIR");

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(repository, "Cargo.toml"), "utf8"))[1];
const esbuild = join(repository, "e2e/node_modules/.bin/esbuild");
const at = (...path) => join(staging, ...path);
const integrity = (file) => `sha384-${createHash("sha384").update(readFileSync(file)).digest("base64")}`;

/// Replaces the one `const NAME = null;` (or `"dev"`) line of `file` with `value`, as JSON.
function seal(file, name, value) {
  const text = readFileSync(file, "utf8");
  const line = new RegExp(`const ${name} = (null|"dev");`);
  if (!line.test(text)) throw new Error(`release: no \`const ${name} = null;\` in ${file}`);
  writeFileSync(file, text.replace(line, () => `const ${name} = ${JSON.stringify(value)};`));
}

function bundle(file) {
  execFileSync(esbuild, [file, "--bundle", "--format=esm", "--minify", "--log-level=warning", "--allow-overwrite", `--outfile=${file}`], {
    stdio: "inherit",
  });
}

// 1. The loader: version and integrity written in, the glue bundled in (one file, one hash).
const loader = at("candidacy.js");
seal(loader, "VERSION", version);
seal(loader, "WASM_INTEGRITY", integrity(at("widget_bg.wasm")));
seal(loader, "STYLESHEET_INTEGRITY", integrity(at("candidacy.css")));
bundle(loader);
// The iframe page's script carries the loader too; the page checks it and its stylesheet.
bundle(at("embed.js"));
const embedPage = (prefix) =>
  readFileSync(at("embed.html"), "utf8")
    .replace('href="embed.css"', `href="${prefix}embed.css" integrity="${integrity(at("embed.css"))}"`)
    .replace('src="embed.js"', `src="${prefix}embed.js" integrity="${integrity(at("embed.js"))}"`);
writeFileSync(at("embed.html"), embedPage(""));

// 2. The versioned release folder.
const release = at("candidacy", version);
rmSync(at("candidacy"), { recursive: true, force: true });
mkdirSync(release, { recursive: true });
const shipped = ["candidacy.js", "widget_bg.wasm", "candidacy.css", "embed.html", "embed.js", "embed.css", "candidacy-frame.js"];
for (const file of shipped) cpSync(at(file), join(release, file));
cpSync(at("protocols"), join(release, "protocols"), { recursive: true });
const packaging = join(repository, "packaging/npm");
for (const file of readdirSync(packaging)) cpSync(join(packaging, file), join(release, file));
cpSync(join(repository, "LICENSE"), join(release, "LICENSE"));

const packageJson = {
  name: "@candidacy/widget",
  version,
  description: "An embeddable treatment-candidacy quiz for aesthetic clinics: the <candidacy-quiz> element (WebAssembly).",
  license: "MIT",
  type: "module",
  main: "./candidacy.js",
  module: "./candidacy.js",
  types: "./candidacy.d.ts",
  exports: {
    ".": { types: "./candidacy.d.ts", default: "./candidacy.js" },
    "./react": { types: "./react.d.ts" },
    "./candidacy.js": "./candidacy.js",
    "./candidacy-frame.js": "./candidacy-frame.js",
    "./widget_bg.wasm": "./widget_bg.wasm",
    "./candidacy.css": "./candidacy.css",
    "./embed.html": "./embed.html",
    "./protocols/*": "./protocols/*",
    "./custom-elements.json": "./custom-elements.json",
    "./release.json": "./release.json",
    "./package.json": "./package.json",
  },
  customElements: "custom-elements.json",
  // Importing the loader defines <candidacy-quiz>: bundlers must keep it.
  sideEffects: ["./candidacy.js", "./candidacy-frame.js", "./embed.js"],
  files: [...shipped, "protocols/", "candidacy.d.ts", "react.d.ts", "custom-elements.json", "release.json"],
  keywords: ["web-component", "custom-element", "quiz", "clinic", "webassembly"],
};
writeFileSync(join(release, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);

// release.json: what a clinic's CDN serves and how to check it (README, "Self-hosting").
const files = {};
const walk = (dir) => {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (entry !== "release.json") files[relative(release, path)] = { bytes: statSync(path).size, integrity: integrity(path) };
  }
};
walk(release);
const manifest = { name: "candidacy", version, loader: "candidacy.js", files };
writeFileSync(join(release, "release.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// 3. latest/: entry points that import this version (serve them with a short cache lifetime).
const latest = at("candidacy", "latest");
mkdirSync(latest);
const entry = (file) => `// Candidacy ${version}: the latest release. Pin ../${version}/${file} with its integrity instead.\nimport "../${version}/${file}";\n`;
writeFileSync(join(latest, "candidacy.js"), entry("candidacy.js"));
writeFileSync(join(latest, "candidacy-frame.js"), entry("candidacy-frame.js"));
writeFileSync(join(latest, "embed.html"), embedPage(`../${version}/`));
writeFileSync(join(latest, "release.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// 4. The npm package: the versioned folder, packed.
const npm = at("npm");
mkdirSync(npm, { recursive: true });
execFileSync("npm", ["pack", "--silent", "--pack-destination", npm], { cwd: release, stdio: ["ignore", "ignore", "inherit"] });

// 5. The WordPress plugin, carrying this release in assets/<version>/.
execFileSync("node", [join(repository, "scripts/wordpress-plugin.mjs"), release, at("wordpress")], { stdio: ["ignore", "ignore", "inherit"] });
console.log(`release: candidacy ${version} in candidacy/${version}/, npm/ and wordpress/ (loader ${manifest.files["candidacy.js"].integrity})`);
