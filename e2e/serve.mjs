// A static file server for the built widget, on 127.0.0.1 only: the demo command and the
// end-to-end tests use it. Usage: node serve.mjs DIST PORT [PAGES]
//
//   /…                   files of DIST (the demo pages and the widget)
//   /cdn/candidacy/…     DIST again, as a clinic's CDN copy would be (pages elsewhere load it)
//   /site/…              files of PAGES (test pages), if given
//   POST /api/lead       a clinic's lead endpoint: answers 204 and logs that a lead arrived
//   POST /api/lead-fail  a broken one: answers 500
//   *strict-csp.html     served with the strict Content-Security-Policy the README documents
//
// It behaves as a server on the open web should (issue 19): a path with a malformed
// percent-escape, or one that tries to leave its folder (`..`, encoded or not, backslashes, double
// escapes), is answered 400; slow and idle clients are dropped; no error stops it.
// e2e/tests/servers.spec.ts checks each.
import { createServer } from "node:http";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

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
  ".bin": "application/octet-stream",
};

/** A refusal: the status and a short reason. */
class Refused extends Error {
  constructor(status, reason) {
    super(reason);
    this.status = status;
  }
}

/**
 * The URL path of a request target, decoded, or a `Refused` (400) for a malformed escape, a
 * target that is not a path, or a path that is not plain: `..` segments, backslashes, control
 * characters or a `%` left after decoding (a double escape such as `%252e`).
 * Not `new URL()`: it resolves `..` and `%2e%2e` itself, and reads `//host/` as another host.
 */
function pathOf(target) {
  const raw = target.split("?", 1)[0];
  if (!raw.startsWith("/")) throw new Refused(400, "expected a path such as /index.html");
  let path;
  try {
    path = decodeURIComponent(raw);
  } catch {
    throw new Refused(400, "a malformed percent-escape in the path");
  }
  if (/[\\%\x00-\x1f\x7f]/.test(path) || path.split("/").includes("..")) {
    throw new Refused(400, "a path may not leave the served folder");
  }
  return path;
}

/**
 * The file of `root` that `path` (decoded, relative to `root`) names, never one outside it: the
 * resolved name must be `root` or lie below `root` plus a separator (so `/distX` is not in `/dist`).
 */
function fileIn(root, path) {
  const file = resolve(root, `.${sep}${path}`);
  if (file !== root && !file.startsWith(root + sep)) throw new Refused(400, "a path may not leave the served folder");
  return file;
}

/** The file a decoded URL path names, or `null` when none may be served. */
function route(path) {
  if (path.startsWith("/cdn/candidacy/")) return fileIn(dist, path.slice("/cdn/candidacy/".length));
  if (path.startsWith("/site/")) return pages && fileIn(pages, path.slice("/site/".length));
  return fileIn(dist, path);
}

/** Whether the real file (symbolic links followed) still lies inside one of the served folders. */
async function served(file) {
  const real = await realpath(file);
  const roots = await Promise.all([dist, pages].filter(Boolean).map((root) => realpath(root)));
  return roots.some((root) => real === root || real.startsWith(root + sep));
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

async function answer(request, response) {
  const path = pathOf(request.url ?? "");
  if (request.method === "POST" && path === "/api/lead") return lead(request, response, 204);
  if (request.method === "POST" && path === "/api/lead-fail") return lead(request, response, 500);
  if (request.method !== "GET" && request.method !== "HEAD") return response.writeHead(405, { allow: "GET, HEAD" }).end();
  let file = route(path);
  if (!file) return response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  try {
    if ((await stat(file)).isDirectory()) file = resolve(file, "index.html");
    if (!(await served(file))) throw new Error("a link out of the served folders");
    const body = await readFile(file);
    const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (file.endsWith("strict-csp.html")) headers["content-security-policy"] = STRICT_CSP;
    response.writeHead(200, headers);
    response.end(body);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

const server = createServer(
  // How often the timeouts below are checked (Node's default, 30 s, would let a slow client stay 35 s).
  { connectionsCheckingInterval: 1_000 },
  (request, response) => {
    answer(request, response).catch((error) => {
      // A refusal, or anything unforeseen: answered if the client is still there, never a crash.
      const status = error instanceof Refused ? error.status : 500;
      if (!(error instanceof Refused)) console.error(`serve.mjs: ${request.method} ${request.url}: ${error}`);
      if (response.headersSent) return response.destroy();
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      response.end(`${error instanceof Refused ? error.message : "internal error"}\n`);
    });
  },
);
// Slow and idle clients are dropped: the request head must arrive within 5 s and the whole request
// within 10 s; a kept-alive connection is closed after 5 s without a request.
server.headersTimeout = 5_000;
server.requestTimeout = 10_000;
server.keepAliveTimeout = 5_000;
server.listen(port, "127.0.0.1", () => console.log(`serving ${dist} on http://127.0.0.1:${port}`));
