//! `candidacy preview FILE`: the widget running a protocol on 127.0.0.1, for a clinic to click
//! through while it edits the file.
//!
//! The protocol is checked first, and one with errors is not served. Then three things are served:
//! a generated page at `/` that embeds the widget with demo clinic details, the protocol compiled
//! at `/preview/protocol.protocol.bin` and its other languages at `/preview/protocol.<locale>.texts.bin`
//! (FILE read afresh, checked, verified and compiled on every request, as `candidacy build` would,
//! so an edit shows on reload), and every other path from the built widget's directory (`dist/`),
//! never from outside it.
//!
//! This module owns what is answered: [`Site::respond`] is a pure function of the method, the
//! `Host` header and the request target (it reads files and does nothing else), so tests and the
//! fuzz target call it directly. The connections (parsing requests, timeouts, the worker threads)
//! are [`server`]'s.

mod server;

use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};

use super::{html_escape as escape, read_input, EXIT_PROBLEMS};
use crate::build::{texts_file_name, Build};

/// Where the generated page embeds the compiled protocol from.
const PROTOCOL_PATH: &str = "/preview/protocol.protocol.bin";
/// The files a built widget cannot do without: the loader and the wasm it loads.
const WIDGET_FILES: [&str; 2] = ["candidacy.js", "widget_bg.wasm"];
/// The Content-Security-Policy the README documents for clinics: the preview runs under it, so a
/// protocol that works here works on the strictest clinic page.
const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

pub fn run(file: &Path, port: u16, dist: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    if file.as_os_str() == "-" {
        bail!("`preview` reads the protocol again on every request: give a file, not `-`");
    }
    let (name, text) = read_input(file)?;
    let checked = crate::check::check(&name, &text);
    super::check::report(&name, &checked, out)?;
    if checked.protocol.is_none() {
        writeln!(out, "refusing to preview {name}: fix the errors above first")?;
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    }
    check_built(dist)?;
    let site = Site::new(file, dist).with_context(|| format!("cannot read `{}`", dist.display()))?;
    // INVARIANT: loopback only. A preview is one person's browser on their own machine; other
    // machines never reach it, and `Site::respond` refuses pages that reach it by another name.
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).with_context(|| {
        format!("cannot listen on 127.0.0.1:{port}; pick another port with `--port`, or `--port 0`")
    })?;
    let port = listener.local_addr()?.port();
    writeln!(
        out,
        "serving the widget from {} and {name}, read again on every request: edit it and reload (Ctrl-C stops)",
        site.dist.display()
    )?;
    // The URL is the last line: a script may read up to it and close the pipe.
    writeln!(out, "preview: http://127.0.0.1:{port}/")?;
    out.flush()?;

    server::serve(listener, Arc::new(site), server::Limits::from_env())?;
    Ok(ExitCode::SUCCESS)
}

/// Whether `dist` holds a built widget, or an error that says how to build it.
fn check_built(dist: &Path) -> Result<()> {
    let missing: Vec<&str> = WIDGET_FILES.into_iter().filter(|name| !dist.join(name).is_file()).collect();
    if !missing.is_empty() {
        bail!(
            "no built widget in `{}` ({} missing): run `trunk build --release` in the repository (the README's demo command builds it too), or give its directory with `--dist DIR`",
            dist.display(),
            missing.join(", ")
        );
    }
    Ok(())
}

/// What the preview serves: the protocol file being edited and the built widget's directory.
pub struct Site {
    protocol_file: PathBuf,
    /// Canonical, so that every served file can be checked to lie inside it.
    dist: PathBuf,
    /// The last text of the protocol file and what building it gave: a page load asks for the
    /// protocol and its texts, and proving it once is enough.
    built: Mutex<Option<LastBuild>>,
}

/// A text of the protocol file, and what `candidacy build` made of it (or why it made nothing).
type LastBuild = (Vec<u8>, Result<Build, String>);

/// An HTTP response, before it is written.
#[derive(Debug)]
pub struct Response {
    /// The status code; [`reason`] gives its phrase.
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Headers beyond the ones every response has (type, length, no caching, no sniffing, close).
    pub headers: Vec<(&'static str, &'static str)>,
    /// Something to tell the person at the terminal: the protocol file no longer loads.
    pub warning: Option<String>,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status: 200, content_type, body, headers: Vec::new(), warning: None }
    }

    /// A short plain-text answer, for errors and refusals.
    pub fn text(status: u16, message: &str) -> Response {
        let body = format!("{message}\n").into_bytes();
        Response { status, content_type: "text/plain; charset=utf-8", body, headers: Vec::new(), warning: None }
    }

    fn with_header(mut self, name: &'static str, value: &'static str) -> Response {
        self.headers.push((name, value));
        self
    }
}

/// The reason phrase of the status codes the preview answers with.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

impl Site {
    /// The site for `protocol_file` and the built widget in `dist` (which must exist: it is made
    /// canonical here).
    pub fn new(protocol_file: &Path, dist: &Path) -> std::io::Result<Site> {
        Ok(Site { protocol_file: protocol_file.to_owned(), dist: dist.canonicalize()?, built: Mutex::new(None) })
    }

    /// The answer to a request, given its method, its `Host` header (`None` when it has none) and
    /// its target as the request line has it (a path, perhaps with a query, still percent-encoded).
    ///
    /// Refusals, in this order: 403 for a `Host` other than `127.0.0.1` or `localhost` (with any
    /// port), so that a web page that reaches the preview under another name (DNS rebinding)
    /// reads nothing; 405 for a method other than GET and HEAD; 400 for a target that is not a
    /// path, has a malformed or double percent-escape, or tries to leave the widget's directory.
    /// A HEAD is answered as a GET; the connection leaves out the body.
    ///
    /// No I/O but reading the protocol file and the files of `dist`, and it never panics.
    pub fn respond(&self, method: &str, host: Option<&str>, target: &str) -> Response {
        if !host.is_some_and(is_loopback_host) {
            return Response::text(403, "the preview answers only http://127.0.0.1 and http://localhost");
        }
        if method != "GET" && method != "HEAD" {
            return Response::text(405, "the preview only answers GET and HEAD").with_header("Allow", "GET, HEAD");
        }
        if !target.starts_with('/') {
            return Response::text(400, "expected a path such as `/candidacy.js`");
        }
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        match path {
            "/" => Response::ok("text/html; charset=utf-8", self.page(locale_in(query)).into_bytes())
                .with_header("Content-Security-Policy", STRICT_CSP),
            _ if path.starts_with("/preview/") => self.compiled(path),
            _ => match file_in(&self.dist, path) {
                Resolved::File(file) => match std::fs::read(&file) {
                    Ok(body) => Response::ok(content_type(&file), body),
                    Err(_) => Response::text(404, "not found"),
                },
                Resolved::NotFound => Response::text(404, "not found"),
                Resolved::Malformed => Response::text(400, "a malformed percent-escape in the path"),
                Resolved::Refused => Response::text(400, "a path may not leave the widget's directory"),
            },
        }
    }

    /// The compiled protocol (`PROTOCOL_PATH`) or one of its languages, built from the file as it
    /// is now; after an edit that breaks it, a 422 whose warning tells the terminal why the widget
    /// shows its fallback.
    fn compiled(&self, path: &str) -> Response {
        let text = match std::fs::read(&self.protocol_file) {
            Ok(text) => text,
            Err(error) => {
                return Response::text(500, &format!("cannot read `{}`: {error}", self.protocol_file.display()))
            }
        };
        let mut built = self.built.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if built.as_ref().is_none_or(|(last, _)| *last != text) {
            *built = Some((text.clone(), self.build(&text)));
        }
        let Some((_, build)) = built.as_ref() else { unreachable!("just built") };
        let build = match build {
            Ok(build) => build,
            Err(problems) => return Response { warning: Some(problems.clone()), ..Response::text(422, problems) },
        };
        let texts = (build.texts.iter())
            .find(|(locale, _)| path == format!("/preview/{}", texts_file_name("protocol.protocol.bin", locale)));
        match (path, texts) {
            (PROTOCOL_PATH, _) => Response::ok("application/octet-stream", build.protocol.clone()),
            (_, Some((_, bytes))) => Response::ok("application/octet-stream", bytes.clone()),
            _ => Response::text(404, "not found"),
        }
    }

    /// What `candidacy build` would write for `text`, or why it writes nothing.
    fn build(&self, text: &[u8]) -> Result<Build, String> {
        let name = self.protocol_file.display().to_string();
        let checked = crate::check::check(&name, &String::from_utf8_lossy(text));
        let Some(protocol) = checked.protocol else {
            let errors = checked.diagnostics.errors().count();
            let plural = super::plural(errors);
            let diagnostics = checked.diagnostics;
            return Err(format!(
                "{diagnostics}{name} has {errors} error{plural} now: the widget shows its fallback until they are fixed"
            ));
        };
        crate::build::proven(&protocol, &crate::profile::ProfileSet::builtin())
            .map_err(|why| format!("{name}: {why}: the widget shows its fallback until it passes"))?;
        Ok(crate::build::compile(&protocol))
    }

    /// The generated page: the widget with demo clinic details, in test mode, under the strict CSP.
    fn page(&self, locale: Option<&str>) -> String {
        let name = self.protocol_file.display().to_string();
        let loaded = std::fs::read_to_string(&self.protocol_file)
            .map_err(|error| error.to_string())
            .and_then(|text| crate::protocol::load(&name, &text).map_err(|diagnostics| diagnostics.to_string()));
        let (title, about, languages, problems) = match &loaded {
            Ok(loaded) => {
                let doc = &loaded.protocol.protocol;
                let links: Vec<String> = (doc.locales.iter())
                    .map(|l| {
                        format!("<a href=\"/?locale={}\">{}</a>", escape(l), escape(&crate::messages::language_name(l)))
                    })
                    .collect();
                let about = format!("protocol <code>{}</code> v{}", escape(&doc.id), escape(&doc.version));
                (
                    doc.treatment.name.get(locale.unwrap_or("en")).to_owned(),
                    about,
                    links.join("\n      "),
                    String::new(),
                )
            }
            Err(problems) => (
                "a protocol with errors".to_owned(),
                "a protocol that does not load".to_owned(),
                String::new(),
                format!("<pre>{}</pre>\n    ", escape(problems)),
            ),
        };
        let locale_attribute = locale.map(|l| format!(" locale=\"{}\"", escape(l))).unwrap_or_default();
        format!(
            r#"<!doctype html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Preview: {title}</title>
  <link rel="icon" href="/favicon.svg">
  <link rel="stylesheet" href="/demo.css">
  <script type="module" src="/candidacy.js"></script>
</head>
<body>
  <header class="demo-header">
    <p class="demo-brand">Preview: {title}</p>
    <nav class="demo-nav" aria-label="Languages">
      {languages}
    </nav>
  </header>
  <main class="demo-main">
    <p class="demo-intro">The widget running {about} from <code>{file}</code>, read again on every request: edit the file and reload this page. The clinic details are a demo, and test mode sends nothing.</p>
    {problems}<candidacy-quiz class="demo-widget"
                    protocol="{protocol}"{locale_attribute}
                    clinic-name="Demo Clinic"
                    booking-url="https://clinic.example/book"
                    phone="+1 555 0100"
                    test-mode>
      <p>The preview needs JavaScript.</p>
    </candidacy-quiz>
  </main>
</body>
</html>
"#,
            lang = escape(locale.unwrap_or("en")),
            title = escape(&title),
            file = escape(&name),
            protocol = PROTOCOL_PATH,
        )
    }
}

/// Whether a `Host` header names this machine as its own address bar would: `127.0.0.1` or
/// `localhost`, perhaps with a port. A page on any other name that reaches 127.0.0.1 (DNS
/// rebinding: `evil.example` made to resolve to 127.0.0.1) sends its own name and is refused.
fn is_loopback_host(host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let port_is_plausible = port.is_none_or(|port| {
        port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p != 0)
    });
    port_is_plausible && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
}

/// What a URL path names inside the widget's directory.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    NotFound,
    /// A malformed percent-escape, or one that does not decode to UTF-8.
    Malformed,
    /// The path climbs out with `..`, or is not a plain path: backslashes, drive letters, control
    /// characters, or a `%` left after decoding (a double escape such as `%252e`).
    Refused,
}

/// The file of `dist` (canonical) that `url_path` names, decoded, never anything outside it:
/// `..` is refused before the file system is asked, and a symbolic link that leads out is not found.
fn file_in(dist: &Path, url_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(url_path) else { return Resolved::Malformed };
    let mut file = dist.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Refused,
            _ if segment.contains(['\\', ':', '%']) || segment.contains(char::is_control) => return Resolved::Refused,
            _ => file.push(segment),
        }
    }
    let Ok(mut file) = file.canonicalize() else { return Resolved::NotFound };
    if file.is_dir() {
        file.push("index.html");
    }
    if file.starts_with(dist) && file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::NotFound
    }
}

/// `%2e%2E` and the like decoded; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // Two hex digits and nothing else: not `u8::from_str_radix`, which takes `%+f`.
            let digit = |at: usize| bytes.get(at).and_then(|&b| char::from(b).to_digit(16));
            decoded.push((digit(i + 1)? * 16 + digit(i + 2)?) as u8);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The `locale` of a query such as `locale=es`, if it looks like a language tag.
fn locale_in(query: &str) -> Option<&str> {
    let locale = query.split('&').find_map(|pair| pair.strip_prefix("locale="))?;
    let plausible =
        !locale.is_empty() && locale.len() <= 35 && locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plausible.then_some(locale)
}

/// The Content-Type of a widget file: `application/wasm` above all, or browsers refuse to
/// compile it as it streams in.
fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_decoded_and_malformed_ones_refused() {
        assert_eq!(percent_decode("/a%20b/%2e%2E").as_deref(), Some("/a b/.."));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%2"), None);
        assert_eq!(percent_decode("/%ff"), None, "not UTF-8");
        assert_eq!(percent_decode("/%+f"), None, "a sign is no hex digit");
        assert_eq!(percent_decode("/%C3%A9").as_deref(), Some("/é"));
    }

    #[test]
    fn paths_that_climb_out_are_refused_however_they_are_written() {
        let dist = std::env::temp_dir();
        for path in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/a/%2E%2E%2Fb",
            "/..%5cx",
            "/..%5C..%5Cx",
            "/c:/x",
            "/a%00b",
            "/a%0d%0ab",
            "/%252e%252e/x",
            "/%252e%252e%252fx",
        ] {
            assert_eq!(file_in(&dist, path), Resolved::Refused, "{path}");
        }
        assert_eq!(file_in(&dist, "/%zz"), Resolved::Malformed);
    }

    #[test]
    fn only_this_machines_names_are_answered() {
        for host in ["127.0.0.1", "127.0.0.1:8090", "localhost", "localhost:65535", "LocalHost:1"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example:8090",
            "evil.example:8090@127.0.0.1",
            "localhost.",
            "127.0.0.1:",
            "127.0.0.1:0",
            "127.0.0.1:65536",
            "127.0.0.1:+80",
            "127.0.0.1:80:80",
            "[::1]:8090",
            "0.0.0.0",
            "127.0.0.2",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn refusals_come_before_any_file_is_read() {
        let dist = std::env::temp_dir().join(format!("candidacy-preview-respond-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("candidacy.js"), "// the loader\n").unwrap();
        let site = Site::new(Path::new("static/protocols/chemical-peel.json"), &dist).unwrap();
        let status = |method: &str, host: Option<&str>, target: &str| site.respond(method, host, target).status;

        assert_eq!(status("GET", Some("127.0.0.1:8090"), "/candidacy.js"), 200);
        assert_eq!(status("HEAD", Some("localhost"), "/preview/protocol.protocol.bin"), 200);
        assert_eq!(status("GET", Some("evil.example"), "/candidacy.js"), 403);
        assert_eq!(status("GET", None, "/candidacy.js"), 403);
        assert_eq!(status("DELETE", Some("evil.example"), "/%zz"), 403, "the host is checked first");
        assert_eq!(status("POST", Some("localhost"), "/candidacy.js"), 405);
        assert_eq!(status("GET", Some("localhost"), "http://127.0.0.1/"), 400);
        assert_eq!(status("GET", Some("localhost"), "*"), 400);
        assert_eq!(status("GET", Some("localhost"), "/%zz"), 400);
        assert_eq!(status("GET", Some("localhost"), "/../candidacy.js"), 400);
        assert_eq!(status("GET", Some("localhost"), "/missing.js"), 404);
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn the_locale_comes_from_the_query_when_it_looks_like_a_language_tag() {
        assert_eq!(locale_in("locale=es"), Some("es"));
        assert_eq!(locale_in("x=1&locale=es-MX"), Some("es-MX"));
        assert_eq!(locale_in("locale=%22%3E"), None);
        assert_eq!(locale_in(""), None);
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(content_type(Path::new("dist/widget_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("dist/candidacy.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("dist/LICENSE")), "application/octet-stream");
    }

    #[test]
    fn text_put_in_html_stays_text() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
