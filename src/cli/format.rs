//! `--format human|json|sarif` for `check`, `verify` and `build`: the same diagnostics for people,
//! as one JSON document (schema in `docs/diagnostics.md`), or as SARIF 2.1.0 for code review.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde_json::{json, Value};

use crate::protocol::{Diagnostic, Diagnostics, Kind, Related, Severity};

/// How a command reports what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// For people: each diagnostic with its code, place and help, then a summary line.
    #[default]
    Human,
    /// One JSON document: every diagnostic with its code, kind, severity, message, help and place.
    Json,
    /// SARIF 2.1.0, for code review tools (GitHub code scanning and others).
    Sarif,
}

/// The version of the JSON document's schema (`docs/diagnostics.md`).
pub const JSON_SCHEMA_VERSION: u32 = 1;
/// Where each code is explained, in the repository (the project has no public address to link).
const DOCS: &str = "docs/diagnostics.md";

/// Runs a command that prints for people as it goes and gathers its diagnostics: with `human`,
/// it prints to `out`; otherwise its words go nowhere and `out` gets the one document.
pub fn run_with(
    format: Format,
    command: &str,
    out: &mut dyn Write,
    run: impl FnOnce(&mut dyn Write, &mut Vec<Diagnostics>) -> Result<std::process::ExitCode>,
) -> Result<std::process::ExitCode> {
    let mut found = Vec::new();
    let code = match format {
        Format::Human => run(out, &mut found)?,
        Format::Json | Format::Sarif => run(&mut std::io::sink(), &mut found)?,
    };
    print(format, command, &found, out)?;
    Ok(code)
}

/// Prints `files`' diagnostics as `format` asks (nothing more for `human`, which printed as it went).
pub fn print(format: Format, command: &str, files: &[Diagnostics], out: &mut dyn Write) -> Result<()> {
    let document = match format {
        Format::Human => return Ok(()),
        Format::Json => json_document(command, files),
        Format::Sarif => sarif_document(files),
    };
    writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
    Ok(())
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `{"version", "command", "errors", "warnings", "diagnostics": [{file, code, kind, severity,
/// message, help, pointer, line, column, related}]}`.
pub fn json_document(command: &str, files: &[Diagnostics]) -> Value {
    let all = || files.iter().flat_map(|file| file.items.iter().map(move |item| (file, item)));
    let count = |wanted| all().filter(|(_, item)| item.severity == wanted).count();
    let entry = |(file, item): (&Diagnostics, &Diagnostic)| {
        let related: Vec<Value> = item.related.iter().map(related_json).collect();
        json!({
            "file": file.source_name,
            "code": item.kind.code(),
            "kind": item.kind.name(),
            "severity": severity(item.severity),
            "message": item.message,
            "help": item.help,
            "pointer": item.pointer,
            "line": item.line,
            "column": item.column,
            "related": related,
        })
    };
    json!({
        "version": JSON_SCHEMA_VERSION,
        "command": command,
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "diagnostics": all().map(entry).collect::<Vec<_>>(),
    })
}

fn related_json(related: &Related) -> Value {
    json!({ "message": related.message, "pointer": related.pointer, "line": related.line, "column": related.column })
}

/// A SARIF 2.1.0 log: one run, a rule per kind that occurs, a result per diagnostic.
pub fn sarif_document(files: &[Diagnostics]) -> Value {
    let mut kinds: Vec<Kind> = files.iter().flat_map(|file| file.items.iter().map(|item| item.kind)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let rules: Vec<Value> = kinds
        .iter()
        .map(|kind| {
            json!({
                "id": kind.code(),
                "name": kind.name(),
                "shortDescription": { "text": kind.summary() },
                "help": { "text": format!("{} See {DOCS}, {}.", kind.summary(), kind.code()) },
                "defaultConfiguration": { "level": severity(kind.severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = (files.iter())
        .flat_map(|file| file.items.iter().map(move |item| (file, item)))
        .map(|(file, item)| {
            let rule_index = kinds.binary_search(&item.kind).expect("every kind has its rule");
            let text = match &item.help {
                Some(help) => format!("{}. Help: {help}", item.message),
                None => item.message.clone(),
            };
            let related: Vec<Value> = (item.related.iter().enumerate())
                .map(|(id, related)| {
                    let mut location = location(&file.source_name, &related.pointer, related.line, related.column);
                    location["id"] = json!(id);
                    location["message"] = json!({ "text": related.message });
                    location
                })
                .collect();
            let mut result = json!({
                "ruleId": item.kind.code(),
                "ruleIndex": rule_index,
                "level": severity(item.severity),
                "message": { "text": text },
                "locations": [location(&file.source_name, &item.pointer, item.line, item.column)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "candidacy",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// A SARIF location: the file, the line and column when known, and the JSON pointer as its
/// logical name (a diagnostic without a place still names its file).
fn location(file: &str, pointer: &str, line: Option<usize>, column: Option<usize>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": file } });
    if let (Some(line), Some(column)) = (line, column) {
        physical["region"] = json!({ "startLine": line, "startColumn": column });
    }
    let pointer = if pointer.is_empty() { "/" } else { pointer };
    json!({
        "physicalLocation": physical,
        "logicalLocations": [{ "fullyQualifiedName": pointer, "kind": "element" }],
    })
}
