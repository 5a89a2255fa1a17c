// Where the widget's wasm bytes go, by function and by crate, with twiggy 0.8.
//
// The wasm that ships (dist/widget_bg.wasm) has no names left, so this reads the module rustc
// wrote before wasm-bindgen and wasm-opt: $CARGO_TARGET_DIR/wasm32-unknown-unknown/release/widget.wasm.
// What does not ship is left out: custom sections (the names section, wasm-bindgen's
// `__wasm_bindgen_unstable`, producers, target features) and wasm-bindgen's describe functions
// and their exports (run by wasm-bindgen at build time, then removed). wasm-opt then inlines and
// drops more, so read the shares, not the bytes, against the shipped file.
//
// Usage: node bench/size-breakdown.mjs [widget.wasm] [--shipped dist/widget_bg.wasm]
// Prints Markdown; writes bench/size-breakdown.json and bench/size-breakdown.md.
// SIZE_DEBUG=<row> (a crate, e.g. std) lists that row's items on stderr.
//
// Each function counts for one crate, read from its demangled name: its path's first segment,
// or for `<Type as Trait>::…` the type's crate (the trait's when the type is std's, and ours
// over a library's). Generic code counts where it is defined: Vec::from_iter or a yew hook
// instantiated for the widget's types is std's or yew's; drop glue counts for the type dropped.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const shipped = option("--shipped");
const target = process.env.CARGO_TARGET_DIR ?? here("../target");
const wasm = args[0] ?? `${target}/wasm32-unknown-unknown/release/widget.wasm`;
const twiggy = [`${homedir()}/.cargo/bin/twiggy`].find(existsSync) ?? "twiggy";
const TOP = 15;

if (!existsSync(wasm)) {
  console.error(`size-breakdown: no ${wasm}; build the release widget first (scripts/bench.sh)`);
  process.exit(2);
}
const run = (...argv) => execFileSync(twiggy, argv, { encoding: "utf8", maxBuffer: 256 << 20 });
const items = JSON.parse(run("top", "-n", "1000000", "--format", "json", wasm));

/** Items that are not in the shipped module. */
const dropped = (name) =>
  /^custom section /.test(name) ||
  / subsection$/.test(name) ||
  /__wbindgen_describe|wasm_bindgen(?:\[[0-9a-f]+\])?::describe::|as wasm_bindgen(?:\[[0-9a-f]+\])?::describe::WasmDescribe/.test(name);

/** Crate names folded together in the table. */
const FOLD = {
  core: "std", alloc: "std", std: "std", compiler_builtins: "std", panic_abort: "std", rustc_demangle: "std", __rustc: "std",
  serde_core: "serde", serde: "serde", serde_derive: "serde",
  widget: "candidacy_widget", // the bin crate (crates/widget/src/main.rs)
};
const fold = (crate) => FOLD[crate] ?? (crate.startsWith("gloo_") ? "gloo" : crate);
const STD = new Set(["std"]);
// An impl lives in the crate of its type or of its trait, whichever is downstream of the other:
// ours over libraries, and the widget over embed over core.
const OURS = ["candidacy_core", "candidacy_embed", "candidacy_widget"];
const downstream = (a, b) => (OURS.indexOf(b) > OURS.indexOf(a) ? b : a);

/** The crate a path begins with (`yew::html::…`, `dlmalloc[e24a…]::…`), or null for a primitive
 * (`f64`, `str`, `[T]`, `(A, B)`) or a generic parameter. */
function crateOfPath(text) {
  const t = text.replace(/^(?:[<&\s]|\*const |\*mut |mut |dyn |impl )+/, "");
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(t);
  return m ? fold(m[1]) : null;
}

/** `<Self as Trait>::…`: Self and Trait, split at the top-level ` as `. */
function qualified(name) {
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === "<") depth++;
    else if (c === ">") {
      depth--;
      if (depth === 0) return null;
    } else if (depth === 1 && name.startsWith(" as ", i)) {
      let end = i + 4;
      for (let d = 1; end < name.length && d > 0; end++) d += name[end] === "<" ? 1 : name[end] === ">" ? -1 : 0;
      return { self: name.slice(1, i), trait: name.slice(i + 4, end - 1) };
    }
  }
  return null;
}

/** A row for every item: the crate of a function, or its own row for data and module structure. */
function rowOf(name) {
  if (name.startsWith("data segment ")) return name.replace("data segment ", "data ");
  if (/^code\[\d+\]$/.test(name)) return "(unnamed functions)";
  if (/^(type|elem|global|table|memory)\[\d+\]|^export "|^import | section headers$|^wasm magic bytes$/.test(name)) {
    return "(module structure: types, table, exports, headers)";
  }
  if (/^__wbindgen_|^__wbg_|^__externref_/.test(name)) return "wasm_bindgen";
  if (/^(memcmp|memcpy|memmove|memset|__multi3|__[a-z]+[0-9]ti[0-9]?|main)$/.test(name)) return "std";
  // #[wasm_bindgen] exports are named by their export name: the widget's own functions.
  if (/^[A-Za-z][A-Za-z_]*_[0-9a-f]{16}$/.test(name) || /^[A-Za-z]+$/.test(name)) return "candidacy_widget";
  // Drop glue belongs to the type it drops.
  const drop = /^core(?:\[[0-9a-f]+\])?::ptr::drop_in_place<(.*)>/.exec(name);
  if (drop) return crateOfPath(drop[1]) ?? "std";
  if (name.startsWith("<")) {
    const q = qualified(name);
    if (q) {
      const self = crateOfPath(q.self);
      const trait = crateOfPath(q.trait);
      if (self && !STD.has(self) && trait && !STD.has(trait)) return downstream(self, trait);
      if (self && !STD.has(self)) return self;
      if (trait && !STD.has(trait)) return trait;
      return self ?? trait ?? "std";
    }
    // `<str>::to_lowercase`, `<[u8]>::starts_with`: inherent methods of primitives.
    return crateOfPath(name) ?? (/^<[^<>]+>::/.test(name) ? "std" : "(other)");
  }
  return crateOfPath(name) ?? "(other)";
}

const kept = items.filter((item) => !dropped(item.name));
if (process.env.SIZE_DEBUG) for (const i of kept) if (rowOf(i.name) === process.env.SIZE_DEBUG) console.error(i.shallow_size, i.name);
const total = kept.reduce((sum, item) => sum + item.shallow_size, 0);
const code = kept.filter((item) => !rowOf(item.name).startsWith("data ") && !rowOf(item.name).startsWith("(module"));
const codeTotal = code.reduce((sum, item) => sum + item.shallow_size, 0);

const byCrate = new Map();
for (const item of kept) {
  const row = rowOf(item.name);
  const entry = byCrate.get(row) ?? { crate: row, bytes: 0, items: 0 };
  entry.bytes += item.shallow_size;
  entry.items += 1;
  byCrate.set(row, entry);
}
const crates = [...byCrate.values()]
  .sort((a, b) => b.bytes - a.bytes)
  .map((c) => ({ ...c, share: c.bytes / total }));

const top = kept
  .slice()
  .sort((a, b) => b.shallow_size - a.shallow_size)
  .slice(0, TOP)
  .map((item) => ({ name: item.name, bytes: item.shallow_size, share: item.shallow_size / total, crate: rowOf(item.name) }));

// Who keeps serde_json in the widget: its functions' callers outside serde_json, serde and std.
const keepers = new Map();
try {
  const paths = JSON.parse(run("paths", "-d", "1", "-r", "1000", "--regex", "--format", "json", wasm, "^serde_json::"));
  for (const fn of paths) {
    for (const caller of fn.callers ?? []) {
      const crate = rowOf(caller.name);
      if (["serde_json", "serde", "std"].includes(crate)) continue;
      const short = caller.name.replace(/::h[0-9a-f]{16}$/, "");
      const entry = keepers.get(short) ?? { caller: short, crate, calls: new Set() };
      entry.calls.add(fn.name.replace(/::h[0-9a-f]{16}$/, ""));
      keepers.set(short, entry);
    }
  }
} catch (error) {
  console.error(`size-breakdown: twiggy paths failed (${error.message}); no serde_json callers`);
}
const serdeJson = {
  bytes: byCrate.get("serde_json")?.bytes ?? 0,
  keptBy: [...keepers.values()].map((k) => ({ caller: k.caller, crate: k.crate, calls: [...k.calls].sort() })),
};

const result = {
  date: new Date().toISOString(),
  twiggy: run("--version").trim(),
  module: wasm,
  moduleBytes: readFileSync(wasm).length,
  countedBytes: total,
  codeBytes: codeTotal,
  shipped: shipped && existsSync(shipped)
    ? { path: shipped, raw: readFileSync(shipped).length, gzip: gzipSync(readFileSync(shipped), { level: 9 }).length }
    : null,
  top,
  crates,
  serdeJson,
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(" | ")} |`);
lines.push(
  `**Wasm size by crate** (twiggy on the module before wasm-bindgen and wasm-opt, ${kb(result.moduleBytes)} with names; ` +
    `counted: the ${kb(total)} that ship in some form, custom sections and wasm-bindgen's describe functions left out` +
    `${result.shipped ? `; shipped after wasm-opt: ${kb(result.shipped.raw)}, ${kb(result.shipped.gzip)} gzip` : ""})`,
  "",
);
row("crate", "bytes", "share", "items");
row("---", "---:", "---:", "---:");
for (const c of crates) row(c.crate, kb(c.bytes), pct(c.share), String(c.items));
lines.push("", `**Largest ${TOP} items** (shallow bytes)`, "");
row("item", "crate", "bytes", "share");
row("---", "---", "---:", "---:");
const clip = (s) => (s.length > 110 ? `${s.slice(0, 107)}…` : s).replace(/\|/g, "\\|");
for (const t of top) row(`\`${clip(t.name.replace(/::h[0-9a-f]{16}$/, ""))}\``, t.crate, kb(t.bytes), pct(t.share));
if (serdeJson.bytes) {
  lines.push("", `**serde_json** (${kb(serdeJson.bytes)} of its own functions) is called from:`, "");
  for (const k of serdeJson.keptBy) lines.push(`- \`${clip(k.caller)}\` (${k.crate}): ${k.calls.map((c) => `\`${clip(c)}\``).join(", ")}`);
}
const markdown = `${lines.join("\n")}\n`;
writeFileSync(here("size-breakdown.json"), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(here("size-breakdown.md"), markdown);
console.log(markdown);
