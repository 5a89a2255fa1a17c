//! The authoring side of Candidacy: what a clinic's team and this project's tooling run, never a
//! visitor's browser.
//!
//! It reads protocol files (JSON) into [`protocol::ValidProtocol`]s with located diagnostics
//! ([`protocol::load`]), holds them to screening [`profile`]s, proves their safety properties
//! ([`verify`]), compares versions ([`diff`]), exports FHIR ([`fhir`]), and compiles a protocol
//! that passed [`check`] and verify into the file the widget runs ([`build`]).
//!
//! It knows no web types and does no I/O: the CLI reads and writes files and prints.

pub use candidacy_core::{answers, compiled, engine, flow, messages, report};
pub use candidacy_embed::answers_json;

pub mod build;
pub mod check;
pub mod diff;
pub mod fhir;
pub mod profile;
pub mod protocol;
pub mod verify;

/// The default microneedling protocol as written, built into the CLI (the widget runs it compiled).
pub const DEFAULT_PROTOCOL: &str = include_str!("../../../static/protocols/microneedling.json");
