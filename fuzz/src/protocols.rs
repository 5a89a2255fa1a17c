//! The protocols the `restore` and `fhir_read` targets run against, loaded once: the shipped ones
//! (the default first) and two test fixtures, a small one and a chooser.

use std::sync::OnceLock;

use candidacy::protocol::{load, ValidProtocol};

/// Each protocol's file name and text.
pub const TEXTS: [(&str, &str); 5] = [
    ("microneedling.json", candidacy::DEFAULT_PROTOCOL),
    ("chemical-peel.json", include_str!("../../static/protocols/chemical-peel.json")),
    ("resurfacing.json", include_str!("../../static/protocols/resurfacing.json")),
    ("worked-example.json", include_str!("../../tests/protocols/worked-example.json")),
    ("chooser-mini.json", include_str!("../../tests/protocols/chooser-mini.json")),
];

/// The protocols of [`TEXTS`], in the same order.
pub fn protocols() -> &'static [ValidProtocol] {
    static PROTOCOLS: OnceLock<Vec<ValidProtocol>> = OnceLock::new();
    PROTOCOLS.get_or_init(|| {
        TEXTS
            .iter()
            .map(|(name, text)| load(name, text).unwrap_or_else(|diagnostics| panic!("{diagnostics}")).protocol)
            .collect()
    })
}
