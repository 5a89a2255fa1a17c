//! Getting a compiled protocol ready: the built-in one or the `protocol` attribute's file, and the
//! texts of the visitor's language, fetched only for a visitor who reads one other than English.

use crate::compiled::{self, CompiledError};
use crate::protocol::ValidProtocol;

/// The built-in protocol, compiled by `candidacy build` (`scripts/build-protocols.sh`).
const BUILT_IN: &[u8] = include_bytes!("../../../static/protocols/microneedling.protocol.bin");
/// The built-in protocol's file name in the release's `protocols/` folder, beside which its
/// other languages are.
const BUILT_IN_FILE: &str = "microneedling.protocol.bin";

/// How long a fetch may take before the visitor sees the fallback (or, for texts, English).
const FETCH_TIMEOUT_MS: u32 = 10_000;

/// Where a protocol comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn { assets: Option<String> },
    Url(String),
}

impl Source {
    /// How the console names it.
    pub fn name(&self) -> &str {
        match self {
            Source::BuiltIn { .. } => "the built-in protocol",
            Source::Url(url) => url,
        }
    }

    /// The URL of the texts file for `locale` beside this protocol
    /// (`peel.protocol.bin?v=2` → `peel.es.texts.bin?v=2`).
    fn texts_url(&self, locale: &str) -> String {
        let url = match self {
            Source::BuiltIn { assets } => {
                let assets = assets.as_deref().unwrap_or("protocols/");
                match assets.split_once('?') {
                    Some((folder, query)) => format!("{folder}{BUILT_IN_FILE}?{query}"),
                    None => format!("{assets}{BUILT_IN_FILE}"),
                }
            }
            Source::Url(url) => url.clone(),
        };
        let (file, query) = url.split_once('?').map_or((url.as_str(), None), |(file, query)| (file, Some(query)));
        let stem = file.strip_suffix(".protocol.bin").unwrap_or(file);
        let query = query.map(|query| format!("?{query}")).unwrap_or_default();
        format!("{stem}.{locale}.texts.bin{query}")
    }
}

/// The built-in protocol; `Err` only if the build embedded a file the widget cannot read.
pub fn built_in() -> Result<ValidProtocol, CompiledError> {
    compiled::decode(BUILT_IN).map(|compiled| compiled.protocol)
}

/// The compiled protocol at `url`.
pub async fn fetch_protocol(url: &str) -> Result<ValidProtocol, String> {
    let bytes = fetch(url).await?;
    compiled::decode(&bytes).map(|compiled| compiled.protocol).map_err(|why| why.to_string())
}

/// `protocol` with its `locale` texts added from the file beside `source`.
pub async fn with_texts(source: &Source, protocol: &ValidProtocol, locale: &str) -> Result<ValidProtocol, String> {
    let url = source.texts_url(locale);
    let bytes = fetch(&url).await.map_err(|why| format!("`{url}`: {why}"))?;
    let texts = compiled::decode_texts(&bytes).map_err(|why| format!("`{url}`: {why}"))?;
    let mut with = protocol.clone();
    compiled::add_texts(&mut with, &texts).map_err(|why| format!("`{url}`: {why}"))?;
    Ok(with)
}

/// A file's bytes, with a bounded wait.
async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let request = async {
        // The query goes through the builder: given in the URL, gloo-net would add a stray `&`,
        // and a cache keyed on the exact URL (`?ver=` from the loader) would miss.
        let (file, query) = url.split_once('?').unwrap_or((url, ""));
        let pairs = super::browser::pairs_of(query);
        let request = gloo::net::http::Request::get(file).query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let response = request.send().await.map_err(|e| format!("the request failed: {e}"))?;
        if !response.ok() {
            return Err(format!("the server answered {} {}", response.status(), response.status_text()));
        }
        response.binary().await.map_err(|e| format!("the response could not be read: {e}"))
    };
    let timeout = gloo::timers::future::TimeoutFuture::new(FETCH_TIMEOUT_MS);
    match futures::future::select(std::pin::pin!(request), timeout).await {
        futures::future::Either::Left((result, _)) => result,
        futures::future::Either::Right(_) => Err(format!("no answer within {} seconds", FETCH_TIMEOUT_MS / 1000)),
    }
}
