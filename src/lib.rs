//! Candidacy: an embeddable treatment-candidacy quiz for aesthetic clinics, with a protocol
//! verifier. This package is the `candidacy` CLI ([`cli`]); it re-exports the crates it is thin
//! over, so that the integration tests in `tests/` name one path:
//! - `candidacy-core`: the runtime (protocol model, [`engine`], [`flow`], [`messages`], [`report`],
//!   [`compiled`] protocols);
//! - `candidacy-embed`: what the widget exchanges with a page ([`config`], [`host_events`],
//!   [`lead`], [`session`]);
//! - `candidacy-authoring`: protocol files ([`protocol`]), [`check`], [`verify`], [`profile`],
//!   [`diff`], [`fhir`], [`build`].
//!
//! The widget (`crates/widget`) depends on core and embed only (`tests/crate_boundaries.rs`).

pub use candidacy_authoring::{build, check, diff, fhir, profile, protocol, verify, DEFAULT_PROTOCOL};
pub use candidacy_core::{answers, compiled, engine, flow, messages, report};
pub use candidacy_embed::{answers_json, attribution, config, host_events, lead, prefill, session};

pub mod cli;
