// A static file server for the built widget, on 127.0.0.1 only: the demo command and the
// end-to-end tests use it. Usage: node serve.mjs DIST PORT [PAGES]
//
//   /…                   files of DIST (the demo pages and the widget)
//   /cdn/candidacy/…     DIST again, as a clinic's CDN copy would be (pages elsewhere load it)
//   /site/…              files of PAGES (test pages), if given
//   POST /api/lead       a clinic's lead endpoint: answers 204 and logs that a lead arrived
//   POST /api/lead-fail  a broken one: answers 500
//   *strict-csp.html     served with the strict Content-Security-Policy the README documents
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const dist = resolve(process.argv[2] ?? "../dist");
const port = Number(process.argv[3] ?? 4173);
const pages = process.argv[4] ? resolve(process.argv[4]) : null;
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

/** The file a URL path names, inside `root` only. */
function fileIn(root, path) {
  const file = join(root, normalize(path).replace(/^([/\\])+/, ""));
  return file.startsWith(root) ? file : null;
}

function route(pathname) {
  if (pathname.startsWith("/cdn/candidacy/")) return fileIn(dist, pathname.slice("/cdn/candidacy/".length));
  if (pathname.startsWith("/site/")) return pages && fileIn(pages, pathname.slice("/site/".length));
  return fileIn(dist, pathname);
}

async function lead(request, response, status) {
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > 1_000_000) return response.writeHead(413).end();
  }
  console.log(`lead endpoint: received ${size} bytes (${status}); nothing is stored`);
  response.writeHead(status, { "cache-control": "no-store" }).end();
}

createServer(async (request, response) => {
  const url = new URL(request.url, `http://127.0.0.1:${port}`);
  if (request.method === "POST" && url.pathname === "/api/lead") return lead(request, response, 204);
  if (request.method === "POST" && url.pathname === "/api/lead-fail") return lead(request, response, 500);
  if (request.method !== "GET" && request.method !== "HEAD") return response.writeHead(405).end();
  let file = route(decodeURIComponent(url.pathname));
  if (!file) return response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (file.endsWith("strict-csp.html")) headers["content-security-policy"] = STRICT_CSP;
    response.writeHead(200, headers);
    response.end(body);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${dist} on http://127.0.0.1:${port}`));
