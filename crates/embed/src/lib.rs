//! What the widget exchanges with the clinic's page, as data: the element's attributes
//! ([`config`]), the events the page hears ([`host_events`]), the consented lead ([`lead`]), the
//! campaign parameters kept for it ([`attribution`]), answers set by the page ([`prefill`]), the
//! session saved between page loads ([`session`]), and answers as JSON by ids ([`answers_json`]).
//!
//! It knows JSON, since pages speak it; it knows no web types (the widget does the I/O), and
//! nothing of authoring: it never reads a protocol file, validates or verifies.

pub use candidacy_core::{answers, engine, flow, messages, protocol, report};

pub mod answers_json;
pub mod attribution;
pub mod config;
pub mod fhir;
pub mod host_events;
pub mod lead;
pub mod prefill;
pub mod session;

#[cfg(test)]
mod tests {
    /// The built-in protocol, compiled (`candidacy build`), for the unit tests.
    pub const BUILT_IN: &[u8] = include_bytes!("../../../static/protocols/microneedling.protocol.bin");
}
