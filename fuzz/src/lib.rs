//! The fuzz targets' bodies, each a plain function of the input bytes that panics when one of its
//! properties fails, and the seed inputs they start from.
//!
//! Each `fuzz_targets/<name>.rs` hands libFuzzer's input to the function of the same name here
//! (nightly, `cargo fuzz run <name>`). `tests/bounded.rs` runs every function on stable over its
//! seeds and a fixed number of pseudo-random and mutated inputs, as one step of `scripts/test.sh`.
//! So a property is checked the same way in both, and a crash found by either replays in both.

pub mod attributes;
pub mod check;
pub mod compiled;
pub mod embed_config;
pub mod fhir_read;
pub mod parent_message;
pub mod preview;
pub mod protocols;
pub mod restore;
pub mod seeds;

/// A target's body: it returns when every property holds and panics otherwise.
pub type Body = fn(&[u8]);

/// Every target by name (its `fuzz_targets/` file and its corpus directory), with its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("check", check::check),
    ("attributes", attributes::attributes),
    ("restore", restore::restore),
    ("fhir_read", fhir_read::fhir_read),
    ("embed_config", embed_config::embed_config),
    ("parent_message", parent_message::parent_message),
    ("preview", preview::preview),
    ("compiled", compiled::compiled),
];
