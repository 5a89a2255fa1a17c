//! The preview's connections: each request is parsed by `httparse` (hyper's HTTP/1 parser),
//! answered by [`Site::respond`] and the connection closed (`Connection: close`); what is
//! answered is the parent module's.
//!
//! A slow or silent client must not hold the preview. A fixed set of worker threads takes the
//! accepted connections in turn, so one client that sends nothing leaves the others to be served;
//! and each connection has one deadline for its whole request head (not only a timeout on each
//! read, which a client sending a byte every few seconds would never trip), then a timeout on each
//! write. A connection that sent nothing by its deadline is closed; one that sent part of a request
//! is answered 408 and closed.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::{reason, Response, Site};

/// Requests are a line and a few headers; anything longer is not a browser loading a page.
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// A browser sends a dozen or two.
const MAX_HEADERS: usize = 64;
/// The time a connection has to send its request head by default.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Shortens [`TIMEOUT`] for the tests (tests/preview.rs), which wait for it to pass.
const TIMEOUT_VARIABLE: &str = "CANDIDACY_PREVIEW_TIMEOUT_MS";
/// After answering, how long and how much of what the client still sends is read and dropped.
const LINGER: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 256 * 1024;

/// How long and how many connections the preview waits on.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The time a connection has to send its request head; also the limit on each write.
    pub timeout: Duration,
    /// The connections answered at once; others wait their turn. A browser opens about six.
    pub workers: usize,
}

impl Limits {
    /// The defaults, with the timeout from `CANDIDACY_PREVIEW_TIMEOUT_MS` when it is set.
    pub fn from_env() -> Limits {
        let timeout = (std::env::var(TIMEOUT_VARIABLE).ok())
            .and_then(|ms| ms.parse::<u64>().ok())
            .filter(|&ms| ms > 0)
            .map_or(TIMEOUT, Duration::from_millis);
        Limits { timeout, workers: 16 }
    }
}

/// Answers the connections `listener` accepts, for as long as the process runs.
pub fn serve(listener: TcpListener, site: Arc<Site>, limits: Limits) -> std::io::Result<()> {
    let (sender, receiver) = mpsc::channel::<TcpStream>();
    let receiver = Arc::new(Mutex::new(receiver));
    for n in 0..limits.workers {
        let (site, receiver) = (Arc::clone(&site), Arc::clone(&receiver));
        std::thread::Builder::new().name(format!("preview-{n}")).spawn(move || loop {
            // The lock is held only while waiting for the next connection, never while answering.
            let next = receiver.lock().unwrap_or_else(PoisonError::into_inner).recv();
            let Ok(stream) = next else { return };
            // A browser that goes away mid-answer is no error of the preview's.
            let _ = answer(&site, stream, limits.timeout);
        })?;
    }
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if sender.send(stream).is_err() {
                    return Ok(());
                }
            }
            // A connection reset before it was taken, or no file descriptor left for it: that
            // connection's problem only. The pause keeps the latter from spinning.
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    Ok(())
}

/// Reads one request from `stream` within `timeout`, answers it and closes the connection.
fn answer(site: &Site, mut stream: TcpStream, timeout: Duration) -> std::io::Result<()> {
    stream.set_write_timeout(Some(timeout))?;
    let Some((response, with_body)) = read_and_respond(site, &mut stream, timeout)? else { return Ok(()) };
    write_response(&mut stream, &response, with_body)?;
    linger(&mut stream, timeout.min(LINGER));
    Ok(())
}

/// The answer to the request `stream` sends within `timeout`, or `None` when there is nobody to
/// answer: the client closed the connection, or sent nothing at all in time (a browser's spare
/// connection). A request only partly sent in time is answered 408.
fn read_and_respond(
    site: &Site,
    stream: &mut TcpStream,
    timeout: Duration,
) -> std::io::Result<Option<(Response, bool)>> {
    let deadline = Instant::now() + timeout;
    let too_late = |length: usize| {
        let response = Response::text(408, "the request took too long to arrive");
        Ok((length > 0).then_some((response, true)))
    };
    let mut buffer = vec![0; MAX_REQUEST_BYTES];
    let mut length = 0;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return too_late(length);
        }
        stream.set_read_timeout(Some(remaining))?;
        match stream.read(&mut buffer[length..]) {
            Ok(0) => return Ok(None),
            Ok(n) => length += n,
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return too_late(length)
            }
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        return Ok(Some(match request.parse(&buffer[..length]) {
            Ok(httparse::Status::Complete(_)) => respond(site, &request),
            Ok(httparse::Status::Partial) if length < buffer.len() => continue,
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                (Response::text(431, "the request's headers are too long"), true)
            }
            Err(_) => (Response::text(400, "expected an HTTP/1.1 request such as `GET / HTTP/1.1`"), true),
        }));
    }
}

/// The response to a whole request, and whether it has a body (not for HEAD).
fn respond(site: &Site, request: &httparse::Request) -> (Response, bool) {
    let method = request.method.unwrap_or_default();
    let mut hosts = request.headers.iter().filter(|header| header.name.eq_ignore_ascii_case("host"));
    let host = hosts.next().map(|header| String::from_utf8_lossy(header.value));
    if hosts.next().is_some() {
        return (Response::text(400, "a request has one `Host` header"), true);
    }
    let response = site.respond(method, host.as_deref(), request.path.unwrap_or_default());
    if let Some(warning) = &response.warning {
        // Not `eprintln!`: a closed terminal must not stop the preview.
        let _ = writeln!(std::io::stderr(), "{warning}");
    }
    (response, method != "HEAD")
}

fn write_response(stream: &mut TcpStream, response: &Response, with_body: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
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

/// Closes the connection gently. What the client still sends (a body, the rest of a request too
/// long to read) is read and dropped for a moment first: a socket closed with input unread is
/// reset, and the client may then lose the answer it was sent.
fn linger(stream: &mut TcpStream, time: Duration) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + time;
    let mut sink = [0; 4096];
    let mut dropped = 0;
    while dropped < LINGER_BYTES {
        let remaining = until.saturating_duration_since(Instant::now());
        if remaining.is_zero() || stream.set_read_timeout(Some(remaining)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => dropped += n,
        }
    }
}
