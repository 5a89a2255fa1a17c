//! `candidacy preview FILE`: the widget running a protocol on 127.0.0.1, for a clinic to click
//! through while it edits the file.
//!
//! The protocol is checked first, and one with errors is not served. Then three things are served:
//! a generated page at `/` that embeds the widget with demo clinic details, the protocol at
//! `/preview/protocol.json` (read afresh from FILE on every request, so an edit shows on reload),
//! and every other path from the built widget's directory (`dist/`), never from outside it.
//!
//! Plain `std::net`: one thread per connection, each answered with `Connection: close`. A preview
//! serves one person's browser on their own machine, not a website, so no HTTP crate is needed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::{read_input, EXIT_PROBLEMS};

/// Where the generated page embeds the protocol from.
const PROTOCOL_PATH: &str = "/preview/protocol.json";
/// The files a built widget cannot do without: the loader and the wasm it loads.
const WIDGET_FILES: [&str; 2] = ["candidacy.js", "widget_bg.wasm"];
/// Requests are a line and a few headers; anything longer is not a browser loading a page.
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// A connection that sends nothing for this long is dropped, so it never holds a thread.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
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
    let dist = built_widget(dist)?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).with_context(|| {
        format!("cannot listen on 127.0.0.1:{port}; pick another port with `--port`, or `--port 0`")
    })?;
    let port = listener.local_addr()?.port();
    writeln!(
        out,
        "serving the widget from {} and {name}, read again on every request: edit it and reload (Ctrl-C stops)",
        dist.display()
    )?;
    // The URL is the last line: a script may read up to it and close the pipe.
    writeln!(out, "preview: http://127.0.0.1:{port}/")?;
    out.flush()?;

    let site = Arc::new(Site { protocol_file: file.to_owned(), dist });
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = Arc::clone(&site);
        std::thread::spawn(move || {
            // A browser that goes away mid-answer is no error of the preview's.
            let _ = site.answer(stream);
        });
    }
    Ok(ExitCode::SUCCESS)
}

/// The built widget's directory, canonical (so that every served file can be checked to lie
/// inside it), or an error that says how to build it.
fn built_widget(dist: &Path) -> Result<PathBuf> {
    let missing: Vec<&str> = WIDGET_FILES.into_iter().filter(|name| !dist.join(name).is_file()).collect();
    if !missing.is_empty() {
        bail!(
            "no built widget in `{}` ({} missing): run `trunk build --release` in the repository (the README's demo command builds it too), or give its directory with `--dist DIR`",
            dist.display(),
            missing.join(", ")
        );
    }
    dist.canonicalize().with_context(|| format!("cannot read `{}`", dist.display()))
}

/// What the preview serves.
struct Site {
    protocol_file: PathBuf,
    /// Canonical: see [`built_widget`].
    dist: PathBuf,
}

/// An HTTP response, before it is written.
struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    /// Headers beyond the ones every response has (type, length, no caching, no sniffing).
    headers: Vec<(&'static str, &'static str)>,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status: "200 OK", content_type, body, headers: Vec::new() }
    }

    fn text(status: &'static str, message: &str) -> Response {
        let body = format!("{message}\n").into_bytes();
        Response { status, content_type: "text/plain; charset=utf-8", body, headers: Vec::new() }
    }

    fn with_header(mut self, name: &'static str, value: &'static str) -> Response {
        self.headers.push((name, value));
        self
    }
}

impl Site {
    /// Reads one request from `stream` and answers it.
    fn answer(&self, mut stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(READ_TIMEOUT))?;
        let (method, target) = match read_request_line(&stream) {
            Ok(request) => request,
            Err(message) => return write_response(&mut stream, &Response::text("400 Bad Request", &message), true),
        };
        let response = match method.as_str() {
            "GET" | "HEAD" => self.respond(&target),
            _ => Response::text("405 Method Not Allowed", "the preview only answers GET and HEAD")
                .with_header("Allow", "GET, HEAD"),
        };
        write_response(&mut stream, &response, method != "HEAD")
    }

    /// The response to a GET of `target` (a path, perhaps with a query).
    fn respond(&self, target: &str) -> Response {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        match path {
            "/" => Response::ok("text/html; charset=utf-8", self.page(locale_in(query)).into_bytes())
                .with_header("Content-Security-Policy", STRICT_CSP),
            PROTOCOL_PATH => match std::fs::read(&self.protocol_file) {
                Ok(text) => {
                    self.warn_if_broken(&text);
                    Response::ok("application/json; charset=utf-8", text)
                }
                Err(error) => Response::text(
                    "500 Internal Server Error",
                    &format!("cannot read `{}`: {error}", self.protocol_file.display()),
                ),
            },
            _ => match file_in(&self.dist, path) {
                Resolved::File(file) => match std::fs::read(&file) {
                    Ok(body) => Response::ok(content_type(&file), body),
                    Err(_) => Response::text("404 Not Found", "not found"),
                },
                Resolved::NotFound => Response::text("404 Not Found", "not found"),
                Resolved::Refused => Response::text("400 Bad Request", "a path may not leave the widget's directory"),
            },
        }
    }

    /// After an edit, the terminal says why the widget would show its fallback instead of the quiz.
    fn warn_if_broken(&self, text: &[u8]) {
        let name = self.protocol_file.display().to_string();
        if let Err(diagnostics) = crate::protocol::load(&name, &String::from_utf8_lossy(text)) {
            let errors = diagnostics.errors().count();
            let plural = super::plural(errors);
            // Not `eprintln!`: a closed terminal must not stop the preview.
            let _ = writeln!(
                std::io::stderr(),
                "{diagnostics}{name} has {errors} error{plural} now: the widget shows its fallback until they are fixed"
            );
        }
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

/// The request line's method and target; the headers are read and ignored.
fn read_request_line(stream: &TcpStream) -> std::result::Result<(String, String), String> {
    let mut reader = BufReader::new(stream.take(MAX_REQUEST_BYTES as u64));
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| "the request is not text".to_owned())?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected a request line like `GET / HTTP/1.1`".to_owned());
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err("expected a request line like `GET / HTTP/1.1`".to_owned());
    }
    let (method, target) = (method.to_owned(), target.to_owned());
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => return Err("the request ended before its headers did".to_owned()),
            Ok(_) if header.trim_end().is_empty() => return Ok((method, target)),
            Ok(_) => {}
            Err(_) => return Err("the request headers are not text".to_owned()),
        }
    }
}

fn write_response(stream: &mut TcpStream, response: &Response, with_body: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// What a URL path names inside the widget's directory.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    NotFound,
    /// The path climbs out with `..`, or is not a plain path (backslashes, drive letters, NUL).
    Refused,
}

/// The file of `dist` (canonical) that `url_path` names, decoded, never anything outside it:
/// `..` is refused before the file system is asked, and a symbolic link that leads out is not found.
fn file_in(dist: &Path, url_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(url_path) else { return Resolved::Refused };
    let mut file = dist.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Refused,
            _ if segment.contains(['\\', ':', '\0']) => return Resolved::Refused,
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
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
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

/// Text made safe to put in HTML, between tags or in a quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
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
    }

    #[test]
    fn paths_that_climb_out_are_refused_however_they_are_written() {
        let dist = std::env::temp_dir();
        for path in ["/../etc/passwd", "/a/../../x", "/%2e%2e/x", "/a/%2E%2E%2Fb", "/..%5cx", "/c:/x", "/a%00b"] {
            assert_eq!(file_in(&dist, path), Resolved::Refused, "{path}");
        }
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
