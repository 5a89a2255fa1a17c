//! The runtime core of Candidacy: what a visitor's browser runs, and nothing else.
//!
//! It holds the protocol model as the engine needs it ([`protocol`]: the file's types, and the
//! [`protocol::ValidProtocol`] with its resolved model), the [`engine`] that walks a visitor's
//! [`answers`] to a recommendation, the quiz's state machine ([`flow`]), the widget's own words
//! ([`messages`]), a recommendation in words ([`report`]), and the reader of compiled protocols
//! ([`compiled`]).
//!
//! It does not know JSON (no serde_json: the authoring side reads protocol files, the embedding
//! side exchanges JSON with pages), it does not validate (a protocol reaches it compiled, from a
//! file `candidacy build` wrote only after check and verify passed), and it knows no web types.

pub mod answers;
pub mod compiled;
pub mod engine;
pub mod flow;
pub mod messages;
pub mod protocol;
pub mod report;
