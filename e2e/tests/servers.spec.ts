// The demo server (serve.mjs) as a server on the open web (issue 19): raw requests over a socket,
// written as no browser would send them. Malformed escapes and traversal, encoded or not, are
// refused with 400 and never stop it; a slow client is dropped and holds no one else up.
import { connect } from "node:net";
import { test, expect } from "./fixtures/test";

const port = Number(process.env.E2E_PORT ?? 4173);

interface Answer {
  /** The status code, or 0 when the connection closed without an answer. */
  status: number;
  /** Everything the server sent, head and body. */
  text: string;
  /** Milliseconds from connecting to the close. */
  ms: number;
}

/** Opens a connection, sends `request` as written (no `..` normalized away) and waits for the close. */
function send(request: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.setEncoding("latin1");
    socket.setTimeout(20_000, () => socket.destroy(new Error(`no close after 20 s: ${JSON.stringify(request)}`)));
    socket.on("connect", () => socket.write(request, "latin1"));
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1] ?? 0);
      resolve({ status, text, ms: Date.now() - started });
    });
  });
}

const get = (path: string) => send(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);

test("a malformed percent-escape is answered 400, and the server answers the next request", async () => {
  for (const path of ["/%zz", "/%", "/%e2%82", "/cdn/candidacy/%zzcandidacy.js", "/site/%G0.html"]) {
    expect((await get(path)).status, path).toBe(400);
    expect((await get("/index.html")).status, `after ${path}`).toBe(200);
  }
});

test("paths that climb out of the served folders are refused however they are written", async () => {
  for (const path of [
    "/../e2e/package.json",
    "/..%2fe2e%2fpackage.json",
    "/..%2f..%2fetc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/cdn/candidacy/..%5c..%5cpackage.json",
    "/cdn/candidacy/..%5ce2e%5cpackage.json",
    "/cdn/candidacy/..\\e2e\\package.json",
    "/site/..%2fpackage.json",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/..%252fe2e%252fpackage.json",
  ]) {
    const answer = await get(path);
    expect([400, 404], `${path}: ${answer.text.split("\r\n")[0]}`).toContain(answer.status);
    expect(answer.text, `${path} leaked a file`).not.toContain("root:");
    expect(answer.text, `${path} leaked a file`).not.toContain("candidacy-e2e");
  }
  // What stays inside is still served, by the same names the suite uses.
  expect((await get("/cdn/candidacy/./candidacy.js")).status).toBe(200);
  expect((await get("/site/blank.html")).status).toBe(200);
});

test("a slow client is dropped, and others are served while it hangs", async () => {
  // One client sends half a request line, another nothing at all; then neither sends anything more.
  const slow = send("GET /index.h");
  const silent = send("");
  await new Promise((resolve) => setTimeout(resolve, 200));

  const served = await get("/index.html");
  expect(served.status).toBe(200);
  expect(served.ms, "answered at once, not behind the slow clients").toBeLessThan(2_000);

  // serve.mjs gives a request head 5 s (checked every second), then answers 408 and closes.
  for (const [name, answer] of [["slow", await slow], ["silent", await silent]] as const) {
    expect(answer.status, name).toBe(408);
    expect(answer.ms, name).toBeGreaterThanOrEqual(4_500);
    expect(answer.ms, name).toBeLessThan(12_000);
  }
  expect((await get("/index.html")).status).toBe(200);
});
