//! `candidacy preview` end to end: the binary started on port 0 with a fake `dist/` (a few files
//! standing for a Trunk build), then asked over 127.0.0.1 for the page, the protocol, widget files
//! and paths that try to leave `dist/`; and refused protocols and missing builds.

#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PEEL: &str = "static/protocols/chemical-peel.json";
const WASM: &[u8] = b"\0asm\x01\0\0\0 a stand-in for the widget";

#[test]
fn the_page_embeds_the_widget_with_the_preview_protocol_and_demo_clinic() {
    let site = Site::new("page");
    let preview = site.start(PEEL);

    let page = preview.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    let html = page.text();
    assert!(html.contains(r#"<script type="module" src="/candidacy.js"></script>"#), "{html}");
    assert!(html.contains("<candidacy-quiz"), "{html}");
    assert!(html.contains(r#"protocol="/preview/protocol.json""#), "{html}");
    assert!(html.contains(r#"clinic-name="Demo Clinic""#), "{html}");
    assert!(html.contains("Preview: Chemical peel"), "{html}");
    assert!(html.contains(r#"<a href="/?locale=es">Español</a>"#), "{html}");
    assert!(page.header("content-security-policy").is_some_and(|csp| csp.contains("script-src 'self'")));

    let spanish = preview.get("/?locale=es").text();
    assert!(spanish.contains(r#"<html lang="es">"#) && spanish.contains(r#"locale="es""#), "{spanish}");
    assert!(spanish.contains("Preview: Peeling químico"), "{spanish}");
}

#[test]
fn the_protocol_is_read_afresh_on_every_request() {
    let site = Site::new("fresh");
    let original = std::fs::read_to_string(PEEL).unwrap();
    let file = site.write("protocol.json", original.as_bytes());
    let preview = site.start(file.to_str().unwrap());

    let first = preview.get("/preview/protocol.json");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), Some("application/json; charset=utf-8"));
    assert_eq!(first.text(), original);

    let edited = original.replacen(r#""version": "1.0.0""#, r#""version": "1.0.1""#, 1);
    std::fs::write(&file, &edited).unwrap();
    let second = preview.get("/preview/protocol.json");
    assert_eq!(second.text(), edited);
    assert!(preview.get("/").text().contains("v1.0.1"));

    // An edit that breaks the file is still served (the widget shows its fallback), and the page says why.
    let broken = edited.replacen(r#"{"yes": "radiation"}"#, r#"{"yes": "radiaton"}"#, 1);
    std::fs::write(&file, &broken).unwrap();
    assert_eq!(preview.get("/preview/protocol.json").text(), broken);
    let page = preview.get("/").text();
    assert!(page.contains("<pre>") && page.contains("unknown question `radiaton`"), "{page}");
}

#[test]
fn widget_files_come_from_dist_with_their_content_types() {
    let site = Site::new("files");
    let preview = site.start(PEEL);

    let wasm = preview.get("/widget_bg.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, WASM);
    let loader = preview.get("/candidacy.js");
    assert_eq!(loader.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(loader.text(), "// the loader\n");
    assert_eq!(preview.get("/candidacy.css").header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(preview.get("/protocols/other.json").header("content-type"), Some("application/json; charset=utf-8"));
    assert_eq!(preview.get("/missing.js").status, 404);
    assert_eq!(preview.request("HEAD /widget_bg.wasm HTTP/1.1").body, b"");
    let post = preview.request("POST / HTTP/1.1");
    assert_eq!((post.status, post.header("allow")), (405, Some("GET, HEAD")));
}

#[test]
fn paths_that_leave_dist_are_refused() {
    let site = Site::new("traversal");
    let preview = site.start(PEEL);
    assert!(site.root.join("secret.txt").is_file(), "the secret lies beside dist/");

    for path in [
        "/../secret.txt",
        "/protocols/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/protocols/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/..%5Csecret.txt",
    ] {
        let response = preview.get(path);
        assert!(matches!(response.status, 400 | 404), "{path}: {}", response.status);
        assert!(!response.text().contains("the secret"), "{path} leaked the file");
    }
    assert_eq!(preview.get("/../secret.txt").status, 400);
}

#[test]
fn the_preview_listens_on_loopback_only() {
    let site = Site::new("loopback");
    let preview = site.start(PEEL);

    assert!(preview.url.starts_with("http://127.0.0.1:"), "{}", preview.url);
    assert_ne!(preview.port, 0, "port 0 is replaced by the port the system picked");
}

#[test]
fn a_protocol_with_errors_is_refused_with_its_check_report() {
    let site = Site::new("refused");
    let broken =
        std::fs::read_to_string(PEEL).unwrap().replacen(r#"{"yes": "radiation"}"#, r#"{"yes": "radiaton"}"#, 1);
    let file = site.write("broken.json", broken.as_bytes());

    let output =
        candidacy(&["preview", file.to_str().unwrap(), "--port", "0", "--dist", site.dist().to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("error: unknown question `radiaton`"), "{stdout}");
    assert!(stdout.contains("help: did you mean `radiation`?"), "{stdout}");
    assert!(stdout.contains("refusing to preview"), "{stdout}");
    assert!(!stdout.contains("http://"), "{stdout}");
}

#[test]
fn a_missing_build_is_an_error_that_says_how_to_build_it() {
    let site = Site::new("unbuilt");
    let empty = site.root.join("empty");
    std::fs::create_dir_all(&empty).unwrap();

    let output = candidacy(&["preview", PEEL, "--port", "0", "--dist", empty.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no built widget in"), "{stderr}");
    assert!(stderr.contains("trunk build --release"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Helpers

fn candidacy(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_candidacy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("the candidacy binary runs")
}

/// A temp directory holding a fake `dist/` and, beside it, a file no request may reach.
struct Site {
    root: PathBuf,
}

impl Site {
    fn new(name: &str) -> Site {
        let root = std::env::temp_dir().join(format!("candidacy-preview-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let site = Site { root };
        site.write("secret.txt", b"the secret beside dist\n");
        site.write("dist/candidacy.js", b"// the loader\n");
        site.write("dist/widget_bg.wasm", WASM);
        site.write("dist/candidacy.css", b".candidacy {}\n");
        site.write("dist/protocols/other.json", b"{}\n");
        site
    }

    fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let file = self.root.join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, bytes).unwrap();
        file
    }

    /// `candidacy preview PROTOCOL --port 0 --dist DIST`, once it has printed its URL.
    fn start(&self, protocol: &str) -> Preview {
        let dist = self.dist();
        let mut child = Command::new(env!("CARGO_BIN_EXE_candidacy"))
            .args(["preview", protocol, "--port", "0", "--dist", dist.to_str().unwrap()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the candidacy binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut printed = String::new();
        let url = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                panic!("the preview stopped before printing its URL:\n{printed}");
            };
            printed.push_str(&line);
            printed.push('\n');
            if let Some(url) = line.strip_prefix("preview: ") {
                break url.to_owned();
            }
        };
        assert!(printed.contains("ok: "), "the check report comes first:\n{printed}");
        let port = url.trim_start_matches("http://127.0.0.1:").trim_end_matches('/').parse().expect("a port");
        Preview { child, url, port, _stdout: lines }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A running preview; stopped when dropped.
struct Preview {
    child: Child,
    url: String,
    port: u16,
    /// Kept open: the preview may still write to it.
    _stdout: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a text body")
    }
}

impl Preview {
    fn get(&self, path: &str) -> Response {
        self.request(&format!("GET {path} HTTP/1.1"))
    }

    /// Sends `request_line` as written (no client normalizes its `..`) and reads the answer.
    fn request(&self, request_line: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the preview accepts connections");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "{request_line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap_or_else(|error| panic!("{request_line}: {error}"));
        parse(&raw)
    }
}

fn parse(raw: &[u8]) -> Response {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete head");
    let head = std::str::from_utf8(&raw[..end]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(": ").unwrap();
            (name.to_owned(), value.to_owned())
        })
        .collect();
    Response { status, headers, body: raw[end + 4..].to_vec() }
}
