//! Screening profiles: what a treatment's labeling or professional guidance requires a
//! self-screen to ask, kept outside protocols (`profiles/*.json`, `docs/protocol.md`).
//!
//! Each item names a contraindication or precaution, its sources, and the *least* outcome a
//! visitor who has it may get. A protocol declares which questions screen which items
//! (`"screens"`); `coverage` checks that every item is asked, and `verify::profile` proves on
//! every path that candidates ruled every item out and that an item ruled in gets its outcome.

mod builtin;
pub mod coverage;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::protocol::load::{deserialize_located, syntax_error};
use crate::protocol::suggest::did_you_mean;
use crate::protocol::{Diagnostic, Diagnostics, Kind, NumberRange, Outcome};

pub use coverage::{coverage, screened_items, ItemScreen, ScreenedBy, Screening};

/// The version of the profile file format this build reads.
pub const PROFILE_FORMAT: u32 = 1;

/// A profile's items fit in the verifier's bit sets.
pub const MAX_ITEMS: usize = 64;

/// One treatment's screening profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The format version; must be 1.
    pub format: u32,
    /// The treatment it is for: a protocol's `profile` (else its `id`), or a chooser treatment's.
    pub treatment: String,
    /// The profile's own version: a change of items is a change a medical director signs off.
    pub version: String,
    /// The treatment's name for the reviewer, e.g. "Microneedling (collagen induction therapy)".
    pub name: String,
    /// The citations items refer to, by id.
    pub sources: BTreeMap<String, String>,
    pub items: Vec<ProfileItem>,
}

/// A contraindication or precaution every self-screen for the treatment must ask about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileItem {
    /// Shared across profiles: the same id means the same thing for every treatment.
    pub id: String,
    /// What it is, for the reviewer: "pregnant or breastfeeding".
    pub label: String,
    /// The least outcome for a visitor who has it: `consult`, `postpone` or `not_candidate`.
    pub at_least: Outcome,
    /// For an item screened by a number question: the values that rule it out (else the
    /// question's own `safe_range` decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_range: Option<NumberRange>,
    /// Ids of entries in `sources`.
    pub source: Vec<String>,
}

impl Profile {
    /// The citations of `item`, joined for a message.
    pub fn citations(&self, item: &ProfileItem) -> String {
        let cited = item.source.iter().map(|id| self.sources.get(id).map_or(id.as_str(), String::as_str));
        cited.collect::<Vec<_>>().join("; ")
    }

    /// The citations of `item` in short: each source's title, up to its first `: ` or `. `.
    pub fn short_citations(&self, item: &ProfileItem) -> String {
        let short = |id: &String| {
            let citation = self.sources.get(id).map_or(id.as_str(), String::as_str);
            // The first `: ` or `. ` outside a quoted title.
            let outside_quotes =
                |at: &usize| citation[..*at].matches('“').count() == citation[..*at].matches('”').count();
            let stops = [": ", ". "].iter().flat_map(|stop| citation.match_indices(stop).map(|(at, _)| at));
            let end = stops.filter(outside_quotes).min().unwrap_or(citation.len());
            let title: String = citation[..end].chars().take(120).collect();
            format!("`{id}`: {title}")
        };
        item.source.iter().map(short).collect::<Vec<_>>().join("; ")
    }

    pub fn item(&self, id: &str) -> Option<&ProfileItem> {
        self.items.iter().find(|item| item.id == id)
    }
}

/// The profiles a check or proof holds protocols to, one per treatment.
#[derive(Debug, Clone, Default)]
pub struct ProfileSet {
    /// Each profile with the name of the file it came from.
    profiles: Vec<(String, Profile)>,
}

impl ProfileSet {
    /// The profiles shipped in this build (`profiles/` of the repository).
    pub fn builtin() -> ProfileSet {
        let files: Vec<(String, String)> =
            builtin::FILES.iter().map(|(name, text)| ((*name).to_owned(), (*text).to_owned())).collect();
        ProfileSet::load(&files).expect("the shipped profiles are valid (tests/profiles.rs)")
    }

    /// Reads and validates profile files, given as (name, text); every problem of every file.
    pub fn load(files: &[(String, String)]) -> Result<ProfileSet, Vec<Diagnostics>> {
        let mut set = ProfileSet::default();
        let mut failed = Vec::new();
        for (name, text) in files {
            let mut items = Vec::new();
            match parse(text) {
                Ok(profile) => {
                    validate(&profile, &mut items);
                    if let Some((first, _)) = set.profiles.iter().find(|(_, p)| p.treatment == profile.treatment) {
                        items.push(
                            Diagnostic::new(
                                Kind::ProfileDuplicateTreatment,
                                "/treatment",
                                format!(
                                    "a second profile for treatment `{}` (the first is {first})",
                                    profile.treatment
                                ),
                            )
                            .with_help("keep one profile per treatment: merge the two files"),
                        );
                    }
                    if items.is_empty() {
                        set.profiles.push((name.clone(), profile));
                        continue;
                    }
                }
                Err(diagnostic) => items.push(diagnostic),
            }
            for item in &mut items {
                if item.line.is_none() {
                    item.locate_in(text);
                }
            }
            failed.push(Diagnostics { source_name: name.clone(), items });
        }
        if failed.is_empty() {
            Ok(set)
        } else {
            Err(failed)
        }
    }

    /// The profile for `treatment`.
    pub fn get(&self, treatment: &str) -> Option<&Profile> {
        self.profiles.iter().map(|(_, profile)| profile).find(|profile| profile.treatment == treatment)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.iter().map(|(_, profile)| profile)
    }

    /// The treatments that have a profile, for a did-you-mean.
    pub fn treatments(&self) -> Vec<&str> {
        self.iter().map(|profile| profile.treatment.as_str()).collect()
    }

    /// A did-you-mean for a treatment without a profile.
    pub fn suggest(&self, treatment: &str) -> Option<String> {
        did_you_mean(treatment, &self.treatments())
    }
}

#[allow(clippy::result_large_err, reason = "one diagnostic per file read: its size costs nothing")]
fn parse(text: &str) -> Result<Profile, Diagnostic> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|error| syntax_error(Kind::ProfileInvalidJson, text, &error))?;
    match json.get("format") {
        Some(format) if format.as_u64() == Some(u64::from(PROFILE_FORMAT)) => {}
        Some(format) => {
            return Err(Diagnostic::new(
                Kind::ProfileUnsupportedFormat,
                "/format",
                format!("unsupported profile format `{format}`"),
            )
            .with_help(format!("this version of Candidacy reads format {PROFILE_FORMAT}")))
        }
        None => return Err(Diagnostic::new(Kind::ProfileUnsupportedFormat, "", "a profile needs `\"format\": 1`")),
    }
    deserialize_located(Kind::ProfileInvalidField, &json, text)
}

fn validate(profile: &Profile, out: &mut Vec<Diagnostic>) {
    let valid_id = |id: &str| {
        id.starts_with(|c: char| c.is_ascii_lowercase())
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && id.len() <= 64
    };
    if !valid_id(&profile.treatment) {
        out.push(Diagnostic::new(
            Kind::ProfileInvalidId,
            "/treatment",
            format!("invalid treatment id `{}`", profile.treatment.escape_debug()),
        ));
    }
    if profile.version.trim().is_empty() {
        out.push(Diagnostic::new(Kind::ProfileEmptyVersion, "/version", "the profile version is empty"));
    }
    if profile.items.is_empty() {
        out.push(Diagnostic::new(Kind::ProfileItemCount, "/items", "a profile needs at least one item"));
    }
    if profile.items.len() > MAX_ITEMS {
        out.push(Diagnostic::new(Kind::ProfileItemCount, "/items", format!("at most {MAX_ITEMS} items are supported")));
    }
    let known_sources: Vec<&str> = profile.sources.keys().map(String::as_str).collect();
    for (i, item) in profile.items.iter().enumerate() {
        let at = format!("/items/{i}");
        if !valid_id(&item.id) {
            out.push(
                Diagnostic::new(
                    Kind::ProfileInvalidId,
                    format!("{at}/id"),
                    format!("invalid item id `{}`", item.id.escape_debug()),
                )
                .with_help("ids start with a lowercase letter and use only a-z, 0-9 and `_` (at most 64)"),
            );
        }
        if let Some(first) = profile.items[..i].iter().position(|other| other.id == item.id) {
            out.push(
                Diagnostic::new(
                    Kind::ProfileDuplicateItem,
                    format!("{at}/id"),
                    format!("duplicate item id `{}`", item.id),
                )
                .with_help(format!("first defined at /items/{first}/id")),
            );
        }
        if item.at_least == Outcome::Candidate {
            out.push(
                Diagnostic::new(
                    Kind::ProfileCandidateLeastOutcome,
                    format!("{at}/at_least"),
                    "an item's least outcome cannot be `candidate`",
                )
                .with_help("use `consult`, `postpone` or `not_candidate`"),
            );
        }
        if let Some(NumberRange { at_least: Some(low), below: Some(high) }) = item.safe_range {
            if low >= high {
                out.push(Diagnostic::new(Kind::ProfileEmptyRange, format!("{at}/safe_range"), "the range is empty"));
            }
        }
        if item.source.is_empty() {
            out.push(Diagnostic::new(
                Kind::ProfileSource,
                format!("{at}/source"),
                format!("item `{}` cites no source", item.id),
            ));
        }
        for (s, source) in item.source.iter().enumerate() {
            if !profile.sources.contains_key(source) {
                let mut diagnostic = Diagnostic::new(
                    Kind::ProfileSource,
                    format!("{at}/source/{s}"),
                    format!("unknown source `{}`", source.escape_debug()),
                );
                diagnostic.help = did_you_mean(source, &known_sources);
                out.push(diagnostic);
            }
        }
    }
}
