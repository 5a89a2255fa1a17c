//! `candidacy preview` end to end: the binary started on port 0 with a fake `dist/` (a few files
//! standing for a Trunk build), then asked over 127.0.0.1 for the page, the protocol, widget files
//! and paths that try to leave `dist/`; and refused protocols and missing builds. Then it is treated
//! as a server on the open web would be (issue 19): traversal, malformed escapes, other host names,
//! slow clients and garbage, each refused without stopping it.

use candidacy::compiled::{decode, decode_texts};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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
    assert!(html.contains(r#"protocol="/preview/protocol.protocol.bin""#), "{html}");
    assert!(html.contains(r#"clinic-name="Demo Clinic""#), "{html}");
    assert!(html.contains("Preview: Chemical peel"), "{html}");
    assert!(html.contains(r#"<a href="/?locale=es">Español</a>"#), "{html}");
    assert!(page.header("content-security-policy").is_some_and(|csp| csp.contains("script-src 'self'")));

    let spanish = preview.get("/?locale=es").text();
    assert!(spanish.contains(r#"<html lang="es">"#) && spanish.contains(r#"locale="es""#), "{spanish}");
    assert!(spanish.contains("Preview: Peeling químico"), "{spanish}");
}

#[test]
fn the_protocol_is_compiled_afresh_on_every_request() {
    let site = Site::new("fresh");
    let original = std::fs::read_to_string(PEEL).unwrap();
    let file = site.write("protocol.json", original.as_bytes());
    let preview = site.start(file.to_str().unwrap());

    let first = preview.get("/preview/protocol.protocol.bin");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), Some("application/octet-stream"));
    let compiled = decode(&first.body).expect("a compiled protocol").protocol;
    assert_eq!(compiled.protocol.version, "1.1.0");
    let spanish = decode_texts(&preview.get("/preview/protocol.es.texts.bin").body).expect("its Spanish texts");
    assert_eq!(spanish.fingerprint, compiled.fingerprint);
    assert_eq!(preview.get("/preview/protocol.fr.texts.bin").status, 404, "a language it does not have");

    let edited = original.replacen(r#""version": "1.1.0""#, r#""version": "1.1.1""#, 1);
    std::fs::write(&file, &edited).unwrap();
    let second = decode(&preview.get("/preview/protocol.protocol.bin").body).unwrap().protocol;
    assert_eq!(second.protocol.version, "1.1.1");
    assert!(preview.get("/").text().contains("v1.1.1"));

    // An edit that breaks the file is not compiled (the widget shows its fallback), and the page says why.
    let broken = edited.replacen(r#"{"yes": "radiation"}"#, r#"{"yes": "radiaton"}"#, 1);
    std::fs::write(&file, &broken).unwrap();
    let refused = preview.get("/preview/protocol.protocol.bin");
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("unknown question `radiaton`"), "{}", refused.text());
    let page = preview.get("/").text();
    assert!(page.contains("<pre>") && page.contains("unknown question `radiaton`"), "{page}");
}

#[test]
fn an_edit_that_is_no_longer_safe_is_not_compiled() {
    let site = Site::new("unproven");
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(PEEL).unwrap()).unwrap();
    let rules = json["rules"].as_array_mut().unwrap();
    let skin_cancer = rules.iter_mut().find(|rule| rule["id"] == "skin_cancer").expect("the peel's skin cancer rule");
    skin_cancer["effect"] = "note".into();
    let file = site.write("protocol.json", json.to_string().as_bytes());
    let preview = site.start(file.to_str().unwrap());

    let refused = preview.get("/preview/protocol.protocol.bin");
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("does not pass `candidacy verify`"), "{}", refused.text());
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
        "/..%2fsecret.txt",
        "/protocols/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/..%5Csecret.txt",
        "/protocols/..%5c..%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%2e%2e%00/secret.txt",
    ] {
        let response = preview.get(path);
        assert_eq!(response.status, 400, "{path}");
        assert!(!response.text().contains("the secret"), "{path} leaked the file");
    }
    assert_eq!(preview.get("/protocols/./other.json").status, 200, "`.` stays inside");
}

#[test]
fn malformed_escapes_are_refused_and_the_preview_answers_on() {
    let site = Site::new("escapes");
    let mut preview = site.start(PEEL);

    for path in ["/%zz", "/%", "/%2", "/candidacy%.js", "/%+f", "/%ff", "/protocols/%zzother.json"] {
        let response = preview.get(path);
        assert_eq!(response.status, 400, "{path}");
        assert!(response.text().contains("percent-escape"), "{path}: {}", response.text());
    }
    assert_eq!(preview.get("/candidacy%2Ejs").text(), "// the loader\n", "a well-formed escape is decoded");
    assert_eq!(preview.get("/candidacy.js").status, 200);
    assert!(preview.is_running());
}

#[test]
fn only_requests_for_127_0_0_1_or_localhost_are_answered() {
    let site = Site::new("host");
    let preview = site.start(PEEL);
    let port = preview.port;

    // Against DNS rebinding: a page on another name that resolves to 127.0.0.1 reads nothing.
    for host in [
        Some("evil.example".to_owned()),
        Some(format!("evil.example:{port}")),
        Some("127.0.0.1.evil.example".to_owned()),
        Some(format!("localhost.evil.example:{port}")),
        Some("".to_owned()),
        None,
    ] {
        for path in ["/", "/preview/protocol.protocol.bin", "/candidacy.js", "/%zz"] {
            let response = preview.request_with_host(&format!("GET {path} HTTP/1.1"), host.as_deref());
            assert_eq!(response.status, 403, "{host:?} {path}");
            assert_eq!(response.header("content-type"), Some("text/plain; charset=utf-8"));
            assert!(response.text().contains("127.0.0.1"), "{host:?}: a short reason: {}", response.text());
        }
    }
    let twice =
        preview.raw(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n").as_bytes());
    assert_eq!(parse(&twice).status, 400, "two `Host` headers");

    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), "127.0.0.1".to_owned(), "localhost".to_owned()]
    {
        let response = preview.request_with_host("GET /candidacy.js HTTP/1.1", Some(&host));
        assert_eq!((response.status, response.text().as_str()), (200, "// the loader\n"), "{host}");
    }
}

#[test]
fn a_slow_client_holds_neither_the_preview_nor_its_own_connection() {
    let site = Site::new("slow");
    let timeout = Duration::from_millis(1500);
    let preview = site.start_with_timeout(PEEL, timeout);

    // One client sends half a request line and then nothing; another connects and sends nothing.
    let started = Instant::now();
    let mut slow = preview.connect();
    slow.write_all(b"GET /candid").unwrap();
    let mut silent = preview.connect();
    // And a few more, as a browser's spare connections would be.
    let idle: Vec<TcpStream> = (0..4).map(|_| preview.connect()).collect();

    // Meanwhile, another client is answered at once.
    let served = preview.get("/candidacy.js");
    assert_eq!(served.status, 200);
    assert!(started.elapsed() < timeout, "answered after {:?}, behind the slow clients", started.elapsed());

    // And the slow ones are let go once their time is up: told so if they began a request.
    let mut answer = Vec::new();
    slow.read_to_end(&mut answer).expect("the preview closes the slow connection");
    let waited = started.elapsed();
    assert!(waited >= timeout - Duration::from_millis(100), "closed after {waited:?}, before the timeout");
    assert!(waited < timeout * 3, "closed after {waited:?}");
    assert_eq!(parse(&answer).status, 408);
    let mut nothing = Vec::new();
    silent.read_to_end(&mut nothing).expect("the preview closes the silent connection");
    assert_eq!(nothing, b"", "a connection that asked nothing is closed without an answer");
    assert!(started.elapsed() < timeout * 3);
    drop(idle);

    // A client sending its head a byte at a time, each well within the timeout, is let go too.
    let started = Instant::now();
    let mut dripping = preview.connect();
    let mut answer = Vec::new();
    for byte in b"GET / HTTP/1.1\r\nX-Slow: 1111111111111111111111111111111111111111".iter().cycle() {
        if dripping.write_all(&[*byte]).is_err() || started.elapsed() > timeout * 3 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        dripping.set_nonblocking(true).unwrap();
        let mut chunk = [0; 512];
        match dripping.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(_) => {}
        }
        dripping.set_nonblocking(false).unwrap();
    }
    let waited = started.elapsed();
    assert!(waited < timeout * 3, "a dripping client held its connection for {waited:?}");
    assert_eq!(parse(&answer).status, 408);
    assert_eq!(preview.get("/candidacy.js").status, 200);
}

#[test]
fn hostile_requests_are_refused_and_the_preview_survives() {
    let site = Site::new("hostile");
    let mut preview = site.start(PEEL);
    let port = preview.port;
    let host = format!("Host: 127.0.0.1:{port}\r\n");

    let refused: Vec<(Vec<u8>, u16)> = vec![
        (b"GET\r\n\r\n".to_vec(), 400),
        (b"GET / HTTP/9.9\r\n\r\n".to_vec(), 400),
        (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(), 400),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 a TLS hello\r\n\r\n".to_vec(), 400),
        ([b"GET /\xff HTTP/1.1\r\n", host.as_bytes(), b"\r\n"].concat(), 400),
        (format!("GET http://127.0.0.1:{port}/ HTTP/1.1\r\n{host}\r\n").into_bytes(), 400),
        (format!("GET * HTTP/1.1\r\n{host}\r\n").into_bytes(), 400),
        (format!("GET / HTTP/1.1\r\n{host}Bad Header\r\n\r\n").into_bytes(), 400),
        (format!("GET / HTTP/1.1\r\n{host}X-Long: {}\r\n\r\n", "x".repeat(20_000)).into_bytes(), 431),
        (format!("GET / HTTP/1.1\r\n{host}{}\r\n", "X-Many: 1\r\n".repeat(100)).into_bytes(), 431),
        (format!("DELETE /candidacy.js HTTP/1.1\r\n{host}\r\n").into_bytes(), 405),
        (format!("OPTIONS * HTTP/1.1\r\n{host}\r\n").into_bytes(), 405),
    ];
    for (request, status) in &refused {
        let answer = preview.raw(request);
        let shown = String::from_utf8_lossy(&request[..request.len().min(60)]).into_owned();
        assert_eq!(parse(&answer).status, *status, "{shown:?}");
    }
    // A request cut short by the client is not answered, and does not matter either.
    let mut cut = preview.connect();
    cut.write_all(b"GET / HT").unwrap();
    cut.shutdown(Shutdown::Write).unwrap();
    let mut nothing = Vec::new();
    cut.read_to_end(&mut nothing).unwrap();
    assert_eq!(nothing, b"");

    assert_eq!(preview.get("/candidacy.js").status, 200);
    assert!(preview.is_running());
    let stderr = site.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_preview_listens_on_loopback_only() {
    let site = Site::new("loopback");
    let preview = site.start(PEEL);

    assert!(preview.url.starts_with("http://127.0.0.1:"), "{}", preview.url);
    assert_ne!(preview.port, 0, "port 0 is replaced by the port the system picked");

    // This machine's address on its network (a UDP socket is only pointed, nothing is sent): the
    // preview's port is closed there. A machine with no network has nothing to check.
    let udp = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if let Ok(local) = udp.connect("192.0.2.1:9").and_then(|()| udp.local_addr()) {
        if !local.ip().is_loopback() && !local.ip().is_unspecified() {
            let outside = std::net::SocketAddr::new(local.ip(), preview.port);
            let connected = TcpStream::connect_timeout(&outside, Duration::from_secs(2));
            assert!(connected.is_err(), "the preview answers on {outside}");
        }
    }
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
    assert!(stdout.contains("error[C048]: unknown question `radiaton`"), "{stdout}");
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
        self.start_with(protocol, None)
    }

    /// The same, with a shorter deadline for a request to arrive than the default ten seconds.
    fn start_with_timeout(&self, protocol: &str, timeout: Duration) -> Preview {
        self.start_with(protocol, Some(timeout))
    }

    fn start_with(&self, protocol: &str, timeout: Option<Duration>) -> Preview {
        let dist = self.dist();
        let mut command = Command::new(env!("CARGO_BIN_EXE_candidacy"));
        command.env_remove("CANDIDACY_PREVIEW_TIMEOUT_MS");
        if let Some(timeout) = timeout {
            command.env("CANDIDACY_PREVIEW_TIMEOUT_MS", timeout.as_millis().to_string());
        }
        let stderr = std::fs::File::create(self.root.join("stderr.txt")).unwrap();
        let mut child = command
            .args(["preview", protocol, "--port", "0", "--dist", dist.to_str().unwrap()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
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

impl Site {
    /// What the preview has written to its standard error so far.
    fn stderr(&self) -> String {
        std::fs::read_to_string(self.root.join("stderr.txt")).unwrap_or_default()
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
        self.request_with_host(request_line, Some(&format!("127.0.0.1:{}", self.port)))
    }

    /// The same with another `Host` header, or none.
    fn request_with_host(&self, request_line: &str, host: Option<&str>) -> Response {
        let host = host.map(|host| format!("Host: {host}\r\n")).unwrap_or_default();
        parse(&self.raw(format!("{request_line}\r\n{host}Connection: close\r\n\r\n").as_bytes()))
    }

    /// Sends `bytes` on a new connection and reads until the preview closes it.
    fn raw(&self, bytes: &[u8]) -> Vec<u8> {
        let mut stream = self.connect();
        stream.write_all(bytes).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap_or_else(|error| panic!("{:?}: {error}", String::from_utf8_lossy(bytes)));
        answer
    }

    /// A connection that gives up after ten seconds, so that no test waits forever.
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the preview accepts connections");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream
    }

    /// Whether the process is still there (it would be gone after a panic: the release profile aborts).
    fn is_running(&mut self) -> bool {
        self.child.try_wait().is_ok_and(|status| status.is_none())
    }
}

fn parse(raw: &[u8]) -> Response {
    let end = (raw.windows(4).position(|w| w == b"\r\n\r\n"))
        .unwrap_or_else(|| panic!("a complete head, not {:?}", String::from_utf8_lossy(raw)));
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
