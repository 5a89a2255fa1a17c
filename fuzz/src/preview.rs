//! Target `preview`: the answers of `candidacy preview`, `cli::preview::Site::respond`, to any
//! method, `Host` header and request target, on a scratch site: a widget directory (`dist/`) with
//! a few files, a symbolic link out of it, and a secret file beside it.
//!
//! The input is NUL-separated: the request target, then the method (GET when missing) and the
//! `Host` header (`127.0.0.1:8080` when missing; an empty one stands for no header). Properties:
//! - nothing panics, and the same request gets the same answer;
//! - a `Host` other than `127.0.0.1` or `localhost` (with a port) never gets 200;
//! - a method other than GET and HEAD never gets 200, and gets 405 with `Allow`;
//! - a path with a `..` segment, after decoding its escapes once or twice (`%2e%2e`, `%252e`), or
//!   with `\` or a NUL, never gets 200;
//! - no answer ever carries a file from outside `dist/` (the secret beside it, or through the
//!   link); a 200 for a file carries that file of `dist/` exactly;
//! - every status has its reason phrase, and the page at `/` carries the strict CSP.

use std::path::PathBuf;
use std::sync::OnceLock;

use candidacy::cli::preview::{reason, Site};

const SECRET: &str = "SECRET-OUTSIDE-DIST";

struct Scratch {
    site: Site,
    /// The contents of every file of `dist/`.
    files: Vec<Vec<u8>>,
}

/// The scratch site, made once per process in the temporary directory (the same one each time:
/// files are written only when they differ, so runs side by side do not disturb each other).
fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let root = std::env::temp_dir().join("candidacy-fuzz-preview");
        let dist = root.join("dist");
        std::fs::create_dir_all(dist.join("sub")).expect("a scratch directory");
        let write = |file: PathBuf, text: &str| {
            if std::fs::read(&file).ok().as_deref() != Some(text.as_bytes()) {
                std::fs::write(&file, text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            }
        };
        for (file, text) in FILES {
            write(dist.join(file), text);
        }
        write(root.join("secret.txt"), SECRET);
        write(root.join("protocol.json"), candidacy::DEFAULT_PROTOCOL);
        #[cfg(unix)]
        if std::fs::symlink_metadata(dist.join("link.txt")).is_err() {
            let _ = std::os::unix::fs::symlink(root.join("secret.txt"), dist.join("link.txt"));
        }
        let site = Site::new(&root.join("protocol.json"), &dist).expect("a scratch site");
        Scratch { site, files: FILES.iter().map(|(_, text)| text.as_bytes().to_vec()).collect() }
    })
}

/// The files of the scratch `dist/`.
const FILES: [(&str, &str); 5] = [
    ("candidacy.js", "// the loader\n"),
    ("widget_bg.wasm", "\0asm"),
    ("index.html", "<!doctype html><title>dist</title>\n"),
    ("sub/index.html", "<!doctype html><title>sub</title>\n"),
    ("demo.css", "body {}\n"),
];

pub fn preview(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0).map(|part| String::from_utf8_lossy(part).into_owned());
    let target = parts.next().unwrap_or_default();
    let method = parts.next().unwrap_or_else(|| "GET".to_owned());
    let host = parts.next().unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let host = (!host.is_empty()).then_some(host);
    let scratch = scratch();

    let response = scratch.site.respond(&method, host.as_deref(), &target);
    let again = scratch.site.respond(&method, host.as_deref(), &target);
    assert_eq!((again.status, &again.body), (response.status, &response.body), "the same request, the same answer");
    assert_ne!(reason(response.status), "Unknown", "status {}", response.status);
    let body = String::from_utf8_lossy(&response.body);
    assert!(!body.contains(SECRET), "served a file from outside dist/: {method} {target} (Host {host:?})");
    if response.status != 200 {
        if response.status == 405 {
            assert!(response.headers.iter().any(|(name, _)| *name == "Allow"), "405 without Allow");
        }
        return;
    }
    let loopback = host.as_deref().is_some_and(|host| {
        let (name, port) = host.split_once(':').unwrap_or((host, "1"));
        let port_ok = (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit());
        port_ok && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
    });
    assert!(loopback, "200 for Host {host:?}");
    assert!(method == "GET" || method == "HEAD", "200 for method {method:?}");
    let path = target.split('?').next().unwrap_or_default();
    for decoded in [decode(path), decode(&decode(path))] {
        let climbs = decoded.split(['/', '\\']).any(|segment| segment == "..");
        assert!(!climbs, "200 for a path that climbs: {target:?} ({decoded:?})");
    }
    assert!(!path.contains('\\') && !decode(path).contains(['\\', '\0']), "200 for {target:?}");
    match path {
        "/" => assert!(response.headers.iter().any(|(name, _)| *name == "Content-Security-Policy"), "the page's CSP"),
        "/preview/protocol.protocol.bin" => {
            assert!(candidacy::compiled::decode(&response.body).is_ok(), "the protocol, compiled")
        }
        _ => {
            let served = scratch.files.contains(&response.body);
            assert!(served, "200 for {target:?} carries a file of dist/");
        }
    }
}

/// Percent-escapes decoded once, malformed ones kept, bytes read as UTF-8 with replacement.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&b| char::from(b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
