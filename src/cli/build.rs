//! `candidacy build FILE -o OUT`: check, verify, and only if both pass, write the compiled
//! protocol the widget runs (`OUT`, `<name>.protocol.bin`) and one texts file per other language
//! beside it (`<name>.<locale>.texts.bin`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::format::Format;
use super::{read_input, ProfileArgs, EXIT_USAGE};
use crate::build::{compile, texts_file_name, PROTOCOL_SUFFIX};
use crate::protocol::Diagnostics;

pub fn run(path: &Path, output: &Path, args: &ProfileArgs, format: Format, out: &mut dyn Write) -> Result<ExitCode> {
    let Some(file_name) = output.file_name().and_then(|name| name.to_str()).filter(|n| n.ends_with(PROTOCOL_SUFFIX))
    else {
        bail!("the output `{}` must be named `<name>{PROTOCOL_SUFFIX}`", output.display());
    };
    let (name, text) = read_input(path)?;
    super::format::run_with(format, "build", out, |out, found| build(&name, &text, output, file_name, args, out, found))
}

/// Checks, verifies, then writes; printing for people to `out`, gathering diagnostics in `found`.
fn build(
    name: &str,
    text: &str,
    output: &Path,
    file_name: &str,
    args: &ProfileArgs,
    out: &mut dyn Write,
    found: &mut Vec<Diagnostics>,
) -> Result<ExitCode> {
    // Checked once, then that protocol proved and compiled: what `check` and `verify` print.
    let Some((profiles, checked)) = super::check::check_on(name, text, args, out, found)? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    super::check::report(name, &checked, out)?;
    found.push(checked.diagnostics.clone());
    let nothing_written = |step: &str, out: &mut dyn Write| {
        writeln!(out, "build: nothing written: {name} does not pass `candidacy {step}`")
    };
    let Some(protocol) = checked.protocol else {
        nothing_written("check", out)?;
        return Ok(super::check::exit_code(&checked));
    };
    let code = super::verify::prove_checked(name, text, &protocol, &profiles, Vec::new(), out, found)?;
    if code != ExitCode::SUCCESS {
        nothing_written("verify", out)?;
        return Ok(code);
    }
    let build = compile(&protocol);
    let beside = |file: &str| -> PathBuf { output.with_file_name(file) };
    let mut files = vec![(output.to_path_buf(), &build.protocol)];
    files.extend(build.texts.iter().map(|(locale, bytes)| (beside(&texts_file_name(file_name, locale)), bytes)));
    for (file, bytes) in &files {
        std::fs::write(file, bytes).with_context(|| format!("cannot write `{}`", file.display()))?;
        writeln!(out, "wrote {} ({} bytes)", file.display(), bytes.len())?;
    }
    let doc = &protocol.protocol;
    writeln!(out, "built: protocol `{}` v{}, fingerprint {}", doc.id, doc.version, protocol.fingerprint)?;
    Ok(ExitCode::SUCCESS)
}
