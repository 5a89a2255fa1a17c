//! Candidacy: an embeddable treatment-candidacy quiz for aesthetic clinics.
//!
//! A tour in five lines:
//! - [`protocol`] reads a clinic's screening logic (JSON) into a validated [`protocol::ValidProtocol`];
//! - [`engine`] walks a visitor's [`answers`] to the next question or a [`engine::Recommendation`];
//! - [`verify`] explores every answer path symbolically and proves the safety properties;
//! - [`check`] combines validation with the paths-based checks (unreachable questions, dead rules);
//! - the `candidacy` binary ([`cli`]) prints all of that for people; the widget renders it in a browser.

pub mod answers;
pub mod attribution;
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod config;
pub mod diff;
pub mod engine;
pub mod fhir;
pub mod flow;
pub mod host_events;
pub mod lead;
pub mod messages;
pub mod profile;
pub mod protocol;
pub mod report;
pub mod verify;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod widget;

/// The default microneedling protocol, built into the widget and the CLI.
pub const DEFAULT_PROTOCOL: &str = include_str!("../static/protocols/microneedling.json");
