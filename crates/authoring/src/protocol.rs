//! Protocol files as written: the runtime model of `candidacy_core::protocol` (re-exported here),
//! and turning JSON text into it ([`load`]): syntax, serde with JSON pointers, validation,
//! parameters, a chooser's projections, the fingerprint.

pub use candidacy_core::protocol::*;

pub mod chooser;
pub mod diagnostic;
mod fingerprint;
pub mod generate;
pub mod glossary_check;
pub(crate) mod load;
pub mod locate;
pub mod parameters;
pub(crate) mod suggest;
mod texts;
pub(crate) mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Kind, Related, Severity};
pub use fingerprint::{canonical_json, fingerprint, FINGERPRINT_LEN};
pub use load::{load, LoadError, Loaded};
pub use locate::locate;
pub use texts::all_texts;
pub use texts::missing_texts;

/// The protocol format's JSON Schema, as committed at `static/protocol.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Protocol);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}
