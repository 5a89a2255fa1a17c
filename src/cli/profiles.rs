//! `candidacy profiles`: the screening profiles a protocol is held to, for a reviewer.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{load_profiles, EXIT_USAGE};
use crate::profile::ProfileSet;

pub fn run(dir: Option<&Path>, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let Some(profiles) = load_profiles(dir, out, &mut Vec::new())? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    if json {
        let all: Vec<_> = profiles.iter().collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
    } else {
        write!(out, "{}", markdown(&profiles))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Every profile as Markdown: its items in a table, then its sources.
pub(super) fn markdown(profiles: &ProfileSet) -> String {
    let mut text = String::new();
    for profile in profiles.iter() {
        text += &format!("## Screening profile `{}` v{}: {}\n\n", profile.treatment, profile.version, profile.name);
        text += "| item | what a self-screen must ask | at least | sources |\n| --- | --- | --- | --- |\n";
        for item in &profile.items {
            let range = item.safe_range.map_or(String::new(), |r| {
                let low = r.at_least.map_or(String::new(), |n| format!(" (ruled out from {n})"));
                let high = r.below.map_or(String::new(), |n| format!(" (ruled out below {n})"));
                low + &high
            });
            text += &format!(
                "| `{}` | {}{range} | {} | {} |\n",
                item.id,
                item.label.replace('|', "\\|"),
                item.at_least.as_str(),
                item.source.join(", ")
            );
        }
        text += "\nSources:\n";
        for (id, citation) in &profile.sources {
            text += &format!("- `{id}`: {}\n", citation.replace('\n', " "));
        }
        text += "\n";
    }
    text
}
