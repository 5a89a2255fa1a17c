//! `candidacy export-fhir FILE [--locale L]`: the protocol as a FHIR R4 `Questionnaire`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{load_or_report, EXIT_PROBLEMS};

pub fn run(path: &Path, locale: &str, out: &mut dyn Write) -> Result<ExitCode> {
    let Some((_, protocol)) = load_or_report(path, out)? else {
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    };
    let questionnaire = crate::fhir::questionnaire(&protocol, locale);
    writeln!(out, "{}", serde_json::to_string_pretty(&questionnaire)?)?;
    Ok(ExitCode::SUCCESS)
}
