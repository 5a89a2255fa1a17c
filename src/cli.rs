//! The `candidacy` command line: argument parsing and the subcommands. The only module that
//! prints; `main` only calls [`run`] and exits with its code.

mod build;
mod check;
mod diff;
mod evaluate;
mod export_fhir;
pub mod format;
mod numbers;
pub mod preview;
mod profiles;
pub mod snippet;
mod table;
mod verify;
mod words;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use format::Format;
use numbers::{plural, thousands};

/// Candidacy: check, verify, evaluate, preview and print treatment-candidacy protocols.
#[derive(Debug, Parser)]
#[command(name = "candidacy", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a protocol file: every error with its place, then warnings.
    Check {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
        #[command(flatten)]
        profiles: ProfileArgs,
        /// How to report: for people, one JSON document, or SARIF 2.1.0 (docs/diagnostics.md).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Prove the protocol safe on every answer path, or print a counterexample path.
    Verify {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
        #[command(flatten)]
        profiles: ProfileArgs,
        /// How to report: for people, one JSON document, or SARIF 2.1.0 (docs/diagnostics.md).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check and verify a protocol, and only if both pass, write the compiled file the widget runs.
    ///
    /// Writes OUT (`<name>.protocol.bin`: the protocol with its English texts, its fingerprint and
    /// the proof's version) and, beside it, `<name>.<locale>.texts.bin` for each other language.
    /// Nothing is written when check or verify fails; their diagnostics are printed as they print them.
    Build {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
        /// The compiled protocol to write, named `<name>.protocol.bin`.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        #[command(flatten)]
        profiles: ProfileArgs,
        /// How to report: for people, one JSON document, or SARIF 2.1.0 (docs/diagnostics.md).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the screening profiles: per treatment, what a self-screen must ask, the least outcome of each item, and its sources.
    Profiles {
        #[arg(long, value_name = "DIR")]
        /// Read the profiles from this folder's `*.json` files instead of the ones built in.
        profiles: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the recommendation for one visitor's answers, as JSON.
    Evaluate {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
        /// The answers (JSON object: question id -> option id, [option ids], true/false/"unsure", or a number), or `-`.
        #[arg(long)]
        answers: PathBuf,
        /// The locale of the texts (falls back to English).
        #[arg(long, default_value = "en")]
        locale: String,
        /// Print the answers and the recommendation as a FHIR R4 QuestionnaireResponse instead.
        #[arg(long)]
        fhir: bool,
    },
    /// Print the protocol as a FHIR R4 Questionnaire (JSON): its questions and when each is asked.
    ExportFhir {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
        /// The locale of the texts (falls back to English).
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// Print the decision table a medical director reviews: questions, rules, plans, sources.
    Table {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TableFormat::Markdown)]
        format: TableFormat,
        /// Print a self-contained, print-ready HTML page (the same as `--format html`).
        #[arg(long, conflicts_with = "format")]
        html: bool,
    },
    /// Compare two versions of a protocol: every class of visitors whose outcome, reasons or plan changes.
    Diff {
        /// The old version (JSON), or `-` for standard input.
        old: PathBuf,
        /// The new version (JSON), or `-` for standard input.
        new: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the protocol's fingerprint: a short SHA-256 of its canonical JSON (sorted keys, no whitespace).
    Fingerprint {
        /// The protocol file (JSON), or `-` for standard input.
        file: PathBuf,
    },
    /// Serve the widget running a protocol on 127.0.0.1, to click through while editing it.
    Preview {
        /// The protocol file (JSON); read again on every request, so an edit shows on reload.
        file: PathBuf,
        /// The port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 8090)]
        port: u16,
        /// The built widget (`trunk build --release` makes it).
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
    },
    /// Print the embed code for a clinic's page: the release's loader, pinned by its integrity hash, and the element.
    ///
    /// The attributes are checked as the widget reads them, and an invalid or unknown one is refused rather
    /// than ignored in the visitor's browser. The element holds the clinic's contact details, which the
    /// browser shows when the loader cannot run.
    #[command(after_help = SNIPPET_EXAMPLE)]
    Snippet {
        /// Where the clinic serves the release folder: an `https://` or `http://` URL, or a path from `/`.
        #[arg(long, value_name = "URL", default_value = concat!("/candidacy/", env!("CARGO_PKG_VERSION")))]
        base: String,
        /// The build's output, which holds the release folder (`scripts/demo.sh` builds it).
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// Print an iframe and its parent script, for page builders that only allow iframes (its URL
        /// carries presentation only: colours, radius, locale, start, mode).
        #[arg(long, conflicts_with = "embed_config")]
        iframe: bool,
        /// Print the iframe's `embed-config.json` instead (every other attribute, and
        /// `parent-origin=` for each page origin allowed to configure the frame and hear its events).
        #[arg(long)]
        embed_config: bool,
        /// The widget's attributes (README, "Attributes"), or a switch's name alone to turn it on.
        #[arg(value_name = "ATTRIBUTE[=VALUE]")]
        attributes: Vec<String>,
    },
    /// Print the JSON Schema of the protocol format.
    Schema,
}

/// The example under `candidacy snippet --help`.
const SNIPPET_EXAMPLE: &str = concat!(
    "Example:\n  candidacy snippet --base https://clinic.example/candidacy/",
    env!("CARGO_PKG_VERSION"),
    " \\\n    booking-url=https://clinic.example/book phone=\"+1 555 0100\" clinic-name=\"Glow Clinic\" test-mode\n\n",
    "Besides the widget's attributes: `mode`, `loading`, `launcher-text` and `id` (the loader's).\n",
    "With --iframe only presentation (primary, accent, radius, locale, start, mode, launcher-text,\n",
    "loading, id); --embed-config takes the rest, and `parent-origin` (repeatable)."
);

/// Which screening profiles a protocol is held to.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ProfileArgs {
    /// Read the profiles from this folder's `*.json` files instead of the ones built in.
    #[arg(long, value_name = "DIR")]
    pub profiles: Option<PathBuf>,
    /// Accept a treatment that has no screening profile, with a warning naming it: its screening is
    /// then proven only against the protocol's own rules.
    #[arg(long)]
    pub no_profile: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Markdown,
    Html,
    Csv,
}

/// Exit codes: 0 all clear, 1 problems found, 2 usage or I/O error.
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Runs a command, writing its report to `out`.
pub fn run(args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    match args.command {
        Command::Check { file, profiles, format } => check::run(&file, &profiles, format, out),
        Command::Verify { file, profiles, format } => verify::run(&file, &profiles, format, out),
        Command::Build { file, output, profiles, format } => build::run(&file, &output, &profiles, format, out),
        Command::Profiles { profiles, json } => profiles::run(profiles.as_deref(), json, out),
        Command::Evaluate { file, answers, locale, fhir } => evaluate::run(&file, &answers, &locale, fhir, out),
        Command::ExportFhir { file, locale } => export_fhir::run(&file, &locale, out),
        Command::Table { file, format, html } => table::run(&file, if html { TableFormat::Html } else { format }, out),
        Command::Diff { old, new, json } => diff::run(&old, &new, json, out),
        Command::Fingerprint { file } => match load_or_report(&file, out)? {
            Some((_, protocol)) => {
                writeln!(out, "{}", protocol.fingerprint)?;
                Ok(ExitCode::SUCCESS)
            }
            None => Ok(ExitCode::from(EXIT_PROBLEMS)),
        },
        Command::Preview { file, port, dist } => preview::run(&file, port, &dist, out),
        Command::Snippet { base, dist, iframe, embed_config, attributes } => {
            let form = match (iframe, embed_config) {
                (true, _) => snippet::Form::Iframe,
                (_, true) => snippet::Form::EmbedConfig,
                _ => snippet::Form::Element,
            };
            snippet::run(&base, &dist, form, &attributes, out)
        }
        Command::Schema => {
            write!(out, "{}", crate::protocol::json_schema())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads a file, or standard input for `-`; returns the name to show and the text.
fn read_input(path: &Path) -> Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("cannot read standard input")?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    Ok((path.display().to_string(), text))
}

/// The profiles of `--profiles DIR`, or the built-in ones; `None` after printing why a file is
/// not a valid profile.
fn load_profiles(
    dir: Option<&Path>,
    out: &mut dyn Write,
    found: &mut Vec<crate::protocol::Diagnostics>,
) -> Result<Option<crate::profile::ProfileSet>> {
    let Some(dir) = dir else { return Ok(Some(crate::profile::ProfileSet::builtin())) };
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read the folder `{}`", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("cannot read the folder `{}`", dir.display()))?;
    paths.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        files.push(read_input(&path)?);
    }
    match crate::profile::ProfileSet::load(&files) {
        Ok(set) => Ok(Some(set)),
        Err(failed) => {
            for diagnostics in failed {
                write!(out, "{diagnostics}")?;
                writeln!(out, "failed: profile {}", diagnostics.source_name)?;
                found.push(diagnostics);
            }
            Ok(None)
        }
    }
}

/// Loads a protocol for the commands that need a valid one, with the name to show for it;
/// prints the diagnostics otherwise.
fn load_or_report(path: &Path, out: &mut dyn Write) -> Result<Option<(String, crate::protocol::ValidProtocol)>> {
    let (name, text) = read_input(path)?;
    let checked = crate::check::check(&name, &text);
    match checked.protocol {
        Some(protocol) => Ok(Some((name, protocol))),
        None => {
            write!(out, "{}", checked.diagnostics)?;
            let n = checked.diagnostics.errors().count();
            writeln!(out, "{name}: {n} error{}; `candidacy check` lists them with their places", plural(n))?;
            Ok(None)
        }
    }
}

/// Text for HTML, between tags or in a quoted attribute: the sign-off sheet, the preview page and
/// the snippet all write it.
pub(crate) fn html_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}
