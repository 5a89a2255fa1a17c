// Runs once before the suite: the build under test must exist, and a build older than the
// sources it comes from is reported (the lead may be mid-edit; the tests then test the old build).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

function newest(path: string, skip = (_: string) => false): { file: string; mtime: number } {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { file: path, mtime: stat.mtimeMs };
  let best = { file: path, mtime: 0 };
  for (const entry of readdirSync(path)) {
    if (skip(join(path, entry))) continue;
    const found = newest(join(path, entry), skip);
    if (found.mtime > best.mtime) best = found;
  }
  return best;
}

export default function globalSetup(): void {
  const wasm = join(root, "dist/widget_bg.wasm");
  if (!existsSync(wasm)) {
    throw new Error("dist/ has no build: run `trunk build --release --offline=true` in the repository first");
  }
  const sources = [join(root, "src"), join(root, "crates"), join(root, "static"), join(root, "index.html")]
    .filter((path) => existsSync(path))
    .map((path) => newest(path, (path) => /[/\\]tests$/.test(path)));
  const latest = sources.reduce((a, b) => (a.mtime > b.mtime ? a : b));
  if (latest.mtime > statSync(wasm).mtimeMs) {
    console.warn(`warning: dist/ is older than ${latest.file.slice(root.length + 1)}: rebuild with trunk build --release --offline=true`);
  }
  const cli = resolve(root, "e2e", process.env.CANDIDACY_CLI ?? "../target/release/candidacy");
  if (existsSync(cli)) {
    // The widget's code (crates/widget) is not in the CLI; the compiled protocols the tests build
    // are read by the widget, so a CLI older than the core may write files the widget refuses.
    const skip = (path: string) => /[/\\](widget|tests)(\.rs|[/\\]|$)/.test(path);
    const src = [join(root, "src"), join(root, "crates")]
      .filter((path) => existsSync(path))
      .map((path) => newest(path, skip))
      .reduce((a, b) => (a.mtime > b.mtime ? a : b));
    if (src.mtime > statSync(cli).mtimeMs) {
      console.warn(`warning: the CLI ${cli} is older than ${src.file.slice(root.length + 1)}: rebuild with cargo build --release`);
    }
  }
}
