// Packs the WordPress plugin: packaging/wordpress/candidacy/ with the release's runtime files in
// assets/<version>/ (a new folder per version, so an update reaches every visitor without a cache
// purge), its translations compiled, as OUT_DIR/candidacy-<version>.zip with one top folder,
// `candidacy/`. Called by scripts/release.mjs (dist/wordpress/); the WordPress tests call it again
// with another VERSION to prove an update replaces the files.
//
// Usage: node scripts/wordpress-plugin.mjs RELEASE_DIR OUT_DIR [VERSION]
//   RELEASE_DIR  dist/candidacy/<version>/ (the versioned release)
//   VERSION      the plugin's version, by default the release's
import { createRequire } from "node:module";
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repository = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(repository, "e2e/package.json"));
const yazl = require("yazl");
const { po, mo } = await import(require.resolve("gettext-parser"));

const [release, out, given] = process.argv.slice(2);
if (!release || !out) throw new Error("usage: node scripts/wordpress-plugin.mjs RELEASE_DIR OUT_DIR [VERSION]");
const manifest = JSON.parse(readFileSync(join(release, "release.json"), "utf8"));
const version = given ?? manifest.version;
if (!/^[0-9A-Za-z.+-]+$/.test(version)) throw new Error(`wordpress-plugin: \`${version}\` is not a version`);

/// What a visitor's browser fetches: no types, no package files, no protocol sources.
const RUNTIME = ["candidacy.js", "widget_bg.wasm", "candidacy.css", "embed.html", "embed.js", "embed.css", "candidacy-frame.js", "release.json", "LICENSE"];
const runtimeProtocol = (file) => file.endsWith(".protocol.bin") || file.endsWith(".texts.bin");

const staging = mkdtempSync(join(tmpdir(), "candidacy-wordpress-"));
const plugin = join(staging, "candidacy");
cpSync(join(repository, "packaging/wordpress/candidacy"), plugin, { recursive: true });

/// Replaces the one match of `pattern` in the plugin's `file` with `value` after its first group.
function stamp(file, pattern, value) {
  const path = join(plugin, file);
  const text = readFileSync(path, "utf8");
  if (!pattern.test(text)) throw new Error(`wordpress-plugin: ${file} has no ${pattern}`);
  writeFileSync(path, text.replace(pattern, (_, before) => `${before}${value}`));
}
stamp("candidacy.php", /^( \* Version:\s+)\S+/m, version);
stamp("includes/Plugin.php", /(public const VERSION = ')[^']+/, version);
stamp("readme.txt", /^(Stable tag: )\S+/m, version);

const assets = join(plugin, "assets", version);
mkdirSync(join(assets, "protocols"), { recursive: true });
for (const file of RUNTIME) cpSync(join(release, file), join(assets, file));
for (const file of readdirSync(join(release, "protocols")).filter(runtimeProtocol)) {
  cpSync(join(release, "protocols", file), join(assets, "protocols", file));
}

const languages = join(plugin, "languages");
for (const file of readdirSync(languages).filter((file) => file.endsWith(".po"))) {
  const compiled = mo.compile(po.parse(readFileSync(join(languages, file))));
  writeFileSync(join(languages, file.replace(/\.po$/, ".mo")), compiled);
}

mkdirSync(out, { recursive: true });
const zipPath = join(out, `candidacy-${version}.zip`);
const zip = new yazl.ZipFile();
const walk = (dir) => {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else zip.addFile(path, relative(staging, path), { mtime: new Date(0) });
  }
};
walk(plugin);
zip.end();
await new Promise((resolve, reject) => {
  zip.outputStream.pipe(createWriteStream(zipPath)).on("close", resolve).on("error", reject);
});
rmSync(staging, { recursive: true, force: true });
console.log(`wordpress-plugin: ${relative(process.cwd(), zipPath)} (candidacy ${version}, ${statSync(zipPath).size} bytes)`);
