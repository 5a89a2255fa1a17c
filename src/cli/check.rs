//! `candidacy check FILE`: every error with its place, then warnings.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::format::Format;
use super::{load_profiles, plural, read_input, ProfileArgs, EXIT_PROBLEMS, EXIT_USAGE};
use crate::check::Checked;
use crate::profile::{ProfileSet, Screening};
use crate::protocol::Diagnostics;

/// Exit 0 when the protocol is valid and screens its profiles; 1 when it fails them; 2 when a
/// profile file or a `screens` declaration is malformed.
pub fn run(path: &Path, args: &ProfileArgs, format: Format, out: &mut dyn Write) -> Result<ExitCode> {
    let (name, text) = read_input(path)?;
    super::format::run_with(format, "check", out, |out, found| run_on(&name, &text, args, out, found))
}

/// [`run`] on a protocol already read, printing for people to `out` and gathering the
/// diagnostics in `found`.
pub(super) fn run_on(
    name: &str,
    text: &str,
    args: &ProfileArgs,
    out: &mut dyn Write,
    found: &mut Vec<Diagnostics>,
) -> Result<ExitCode> {
    let Some((_, checked)) = check_on(name, text, args, out, found)? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    report(name, &checked, out)?;
    found.push(checked.diagnostics.clone());
    Ok(exit_code(&checked))
}

/// The profiles and what `check` finds in the protocol (`verify` and `build` start here too);
/// `None`, after printing and gathering why, when a profile file is malformed.
pub(super) fn check_on(
    name: &str,
    text: &str,
    args: &ProfileArgs,
    out: &mut dyn Write,
    found: &mut Vec<Diagnostics>,
) -> Result<Option<(ProfileSet, Checked)>> {
    let Some(profiles) = load_profiles(args.profiles.as_deref(), out, found)? else {
        return Ok(None);
    };
    let screening = Screening { profiles: &profiles, no_profile: args.no_profile };
    let checked = crate::check::check_with(name, text, Some(screening));
    Ok(Some((profiles, checked)))
}

/// 0 for a valid protocol; 2 for a malformed `screens` declaration; 1 for any other error.
pub(super) fn exit_code(checked: &Checked) -> ExitCode {
    match (&checked.protocol, checked.malformed) {
        (Some(_), _) => ExitCode::SUCCESS,
        (None, true) => ExitCode::from(EXIT_USAGE),
        (None, false) => ExitCode::from(EXIT_PROBLEMS),
    }
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
