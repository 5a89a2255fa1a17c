//! Text to [`ValidProtocol`]: JSON syntax, then the serde types, then validation; every error a
//! [`Diagnostic`] that names its place.

use super::diagnostic::{Diagnostic, Diagnostics, Kind};
use super::validate::validate;
use super::{Protocol, TreatmentChoice, ValidProtocol, FORMAT_VERSION};

/// A protocol that loaded, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub protocol: ValidProtocol,
    pub warnings: Diagnostics,
}

/// Why a protocol file did not load: every error found (and the warnings).
pub type LoadError = Diagnostics;

/// Parses and validates a protocol file. `source_name` is used in diagnostics.
pub fn load(source_name: &str, text: &str) -> Result<Loaded, LoadError> {
    let fail = |mut diagnostic: Diagnostic| {
        diagnostic.locate_in(text);
        Diagnostics { source_name: source_name.to_owned(), items: vec![diagnostic] }
    };

    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|error| fail(syntax_error(Kind::InvalidJson, text, &error)))?;

    match json.get("format") {
        Some(format) if format.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(format) => {
            return Err(fail(
                Diagnostic::new(Kind::UnsupportedFormat, "/format", format!("unsupported protocol format `{format}`"))
                    .with_help(format!("this version of Candidacy reads format {FORMAT_VERSION}")),
            ))
        }
        None if !json.is_object() => {
            return Err(fail(Diagnostic::new(Kind::NotAnObject, "", "a protocol must be a JSON object")));
        }
        None => {
            return Err(fail(
                Diagnostic::new(Kind::MissingFormat, "", "missing field `format`")
                    .with_help(format!("add `\"format\": {FORMAT_VERSION}` at the top")),
            ))
        }
    }

    let protocol = typed(&json, text).map_err(fail)?;

    let mut diagnostics = Diagnostics { source_name: source_name.to_owned(), items: Vec::new() };
    let model = validate(&protocol, &mut diagnostics.items);
    for diagnostic in &mut diagnostics.items {
        diagnostic.locate_in(text);
    }
    diagnostics.items.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.line, d.column));
    match model {
        Some(model) if !diagnostics.has_errors() => {
            let fingerprint = super::fingerprint(&json);
            let protocol = super::parameters::substitute_all(protocol);
            let mut treatments = Vec::new();
            for (index, option) in protocol.treatments.iter().enumerate() {
                let projected = super::chooser::project(&protocol, index);
                let mut found = Vec::new();
                match validate(&projected, &mut found) {
                    Some(model) if !found.iter().any(|d| d.severity == super::Severity::Error) => {
                        let fingerprint = fingerprint.clone();
                        let protocol =
                            ValidProtocol { protocol: projected, model, fingerprint, treatments: Vec::new() };
                        treatments.push(TreatmentChoice { id: option.id.clone(), protocol });
                    }
                    // A projection only drops rules and plans, so this is a bug of ours, said plainly.
                    _ => {
                        let why = found.iter().find(|d| d.severity == super::Severity::Error);
                        let why = why.map_or(String::new(), |d| format!(": {} at {}", d.message, d.pointer));
                        let message = format!("treatment `{}` is not a valid protocol on its own{why}", option.id);
                        let mut diagnostic =
                            Diagnostic::new(Kind::InvalidTreatment, format!("/treatments/{index}"), message);
                        diagnostic.locate_in(text);
                        diagnostics.items.push(diagnostic);
                        return Err(diagnostics);
                    }
                }
            }
            let valid = ValidProtocol { protocol, model, fingerprint, treatments };
            Ok(Loaded { protocol: valid, warnings: diagnostics })
        }
        _ => Err(diagnostics),
    }
}

/// A JSON syntax error of `kind`, at its line and column (serde_json counts the column in bytes;
/// ours count characters, as every other place does).
pub(crate) fn syntax_error(kind: Kind, text: &str, error: &serde_json::Error) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(kind, "", format!("invalid JSON: {}", serde_message(error)));
    let line_start = text.split_inclusive('\n').take(error.line().saturating_sub(1)).map(str::len).sum::<usize>();
    let offset = (line_start + error.column().saturating_sub(1)).min(text.len());
    let offset = (0..=offset).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0);
    let (line, column) = super::locate::line_column(text, offset);
    (diagnostic.line, diagnostic.column) = (Some(line.max(1)), Some(column.max(1)));
    diagnostic
}

/// The serde types, with the place of an error as a JSON pointer.
#[allow(clippy::result_large_err, reason = "one diagnostic per file read: its size costs nothing")]
fn typed(json: &serde_json::Value, text: &str) -> Result<Protocol, Diagnostic> {
    deserialize_located(Kind::InvalidField, json, text)
}

/// The serde type `T` from `json`, an error naming its JSON pointer.
#[allow(clippy::result_large_err, reason = "one diagnostic per file read: its size costs nothing")]
pub(crate) fn deserialize_located<T: serde::de::DeserializeOwned>(
    kind: Kind,
    json: &serde_json::Value,
    _text: &str,
) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(json)
        .map_err(|error| Diagnostic::new(kind, pointer_of(error.path()), serde_message(error.inner())))
}

/// serde_json's message without its own " at line L column C" suffix (we print places ourselves).
pub(crate) fn serde_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => pointer.push_str(&format!("/{}", super::locate::pointer_segment(key))),
            Segment::Enum { variant } => pointer.push_str(&format!("/{variant}")),
            Segment::Unknown => {}
        }
    }
    pointer
}
