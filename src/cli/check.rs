//! `candidacy check FILE`: every error with its place, then warnings.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{plural, read_input, EXIT_PROBLEMS};
use crate::check::Checked;

pub fn run(path: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    let (name, text) = read_input(path)?;
    let checked = crate::check::check(&name, &text);
    report(&name, &checked, out)?;
    Ok(if checked.protocol.is_some() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) })
}

/// Prints what `check` found in the protocol named `name`: the diagnostics, translations, and a
/// last line that starts with `ok:` or `failed:`. `preview` prints the same before it serves.
pub(super) fn report(name: &str, checked: &Checked, out: &mut dyn Write) -> Result<()> {
    write!(out, "{}", checked.diagnostics)?;
    let errors = checked.diagnostics.errors().count();
    let warnings = checked.diagnostics.warnings().count();
    let summary = format!("{errors} error{}, {warnings} warning{}", plural(errors), plural(warnings));
    match &checked.protocol {
        Some(protocol) => {
            let doc = &protocol.protocol;
            let (missing, total) = crate::protocol::missing_texts(doc);
            for (locale, pointers) in missing {
                match pointers.len() {
                    0 => writeln!(out, "translation `{locale}`: all {total} texts")?,
                    n => writeln!(out, "translation `{locale}`: {n} of {total} text{} missing", plural(total))?,
                }
            }
            writeln!(out, "ok: {name}: protocol `{}` v{} ({summary})", doc.id, doc.version)?;
        }
        None => writeln!(out, "failed: {name} ({summary})")?,
    }
    Ok(())
}
