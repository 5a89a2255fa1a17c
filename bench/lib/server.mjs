// A static server on 127.0.0.1 for the benchmark: gzip-compressed responses (as any CDN sends
// them), no caching between browser contexts (each context is a fresh profile anyway).
//   /dist/…     the release build (the widget and its demo page)
//   /survey/…   bench/node_modules (SurveyJS's files)
//   /pages/…    the pages the benchmark generates
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".wasm", ".svg"]);

/** Serves `roots` ({"/prefix/": directory}) on a free port; resolves to {origin, close}. */
export async function serve(roots) {
  const cache = new Map();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
    if (!prefix) return response.writeHead(404).end();
    const root = roots[prefix];
    const file = join(root, normalize(decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(root)) return response.writeHead(403).end();
    try {
      const ext = extname(file);
      const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
      const key = `${file}|${gzip}`;
      if (!cache.has(key)) {
        const body = await readFile(file);
        cache.set(key, gzip ? gzipSync(body, { level: 9 }) : body);
      }
      const headers = { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (gzip) headers["content-encoding"] = "gzip";
      response.writeHead(200, headers).end(cache.get(key));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
