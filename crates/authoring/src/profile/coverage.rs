//! Which questions screen which profile items, and `check`'s static half of the profile
//! guarantee: every declared item exists, every treatment has a profile (or `--no-profile`), and
//! every item of a treatment's profile is screened by some question.

use std::collections::BTreeSet;

use super::ProfileSet;
use crate::protocol::suggest::did_you_mean;
use crate::protocol::{Diagnostic, Kind, Protocol, QuestionIdx, ValidProtocol};

/// How a question screens an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenedBy {
    /// The question's findings rule the item in, its safe answers out.
    Question,
    /// Choosing this option rules the item in; any other answer but "I'm not sure", out.
    Option(usize),
}

/// One `screens` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScreen {
    pub item: String,
    pub question: QuestionIdx,
    pub by: ScreenedBy,
    /// Where it is written, as a JSON pointer.
    pub pointer: String,
}

/// Every `screens` declaration of a protocol, in question order.
pub fn screened_items(protocol: &Protocol) -> Vec<ItemScreen> {
    let mut screens = Vec::new();
    for (q, question) in protocol.questions.iter().enumerate() {
        for (k, item) in question.screens.iter().enumerate() {
            let pointer = format!("/questions/{q}/screens/{k}");
            screens.push(ItemScreen { item: item.clone(), question: q, by: ScreenedBy::Question, pointer });
        }
        for (o, option) in question.options.iter().enumerate() {
            for (k, item) in option.screens.iter().enumerate() {
                let pointer = format!("/questions/{q}/options/{o}/screens/{k}");
                screens.push(ItemScreen { item: item.clone(), question: q, by: ScreenedBy::Option(o), pointer });
            }
        }
    }
    screens
}

/// What a protocol is held to.
#[derive(Debug, Clone, Copy)]
pub struct Screening<'p> {
    pub profiles: &'p ProfileSet,
    /// `--no-profile`: a treatment without a profile is a warning, not an error.
    pub no_profile: bool,
}

/// The treatments of a protocol as the verifier sees them: (JSON pointer of its id, protocol).
pub fn treatments(protocol: &ValidProtocol) -> Vec<(String, &ValidProtocol)> {
    if protocol.treatments.is_empty() {
        let pointer = if protocol.protocol.profile.is_some() { "/profile" } else { "/id" };
        return vec![(pointer.to_owned(), protocol)];
    }
    let pointer = |i: usize| match protocol.protocol.treatments[i].profile {
        Some(_) => format!("/treatments/{i}/profile"),
        None => format!("/treatments/{i}/id"),
    };
    protocol.treatments.iter().enumerate().map(|(i, choice)| (pointer(i), &choice.protocol)).collect()
}

/// `check`'s profile diagnostics for `protocol`, unlocated.
pub fn coverage(protocol: &ValidProtocol, screening: Screening) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let vocabulary: BTreeSet<&str> =
        screening.profiles.iter().flat_map(|profile| profile.items.iter().map(|item| item.id.as_str())).collect();
    let vocabulary: Vec<&str> = vocabulary.into_iter().collect();
    for screen in screened_items(&protocol.protocol) {
        if !vocabulary.contains(&screen.item.as_str()) {
            let question = &protocol.protocol.questions[screen.question].id;
            let message = format!("question `{question}` screens `{}`, which no profile lists", screen.item);
            let help = did_you_mean(&screen.item, &vocabulary)
                .unwrap_or_else(|| "`candidacy profiles` lists every profile item".to_owned());
            out.push(Diagnostic::new(Kind::UnknownScreeningItem, screen.pointer, message).with_help(help));
        }
    }
    for (pointer, treatment) in treatments(protocol) {
        let id = treatment.protocol.profile_id();
        let Some(profile) = screening.profiles.get(id) else {
            let message = format!("no screening profile for treatment `{id}`");
            let diagnostic = match screening.no_profile {
                true => Diagnostic::new(Kind::TreatmentWithoutProfileAccepted, pointer, message)
                    .with_help("proven only against its own rules (`--no-profile`): nothing shows it asks what the treatment's labeling requires"),
                false => Diagnostic::new(Kind::TreatmentWithoutProfile, pointer, message).with_help(
                    screening.profiles.suggest(id).unwrap_or_else(|| {
                        "add `profiles/<treatment>.json`, set `profile`, or pass `--no-profile` knowingly".to_owned()
                    }),
                ),
            };
            out.push(diagnostic);
            continue;
        };
        let screened = screened_items(&treatment.protocol);
        for item in &profile.items {
            if screened.iter().any(|screen| screen.item == item.id) {
                continue;
            }
            let message = format!(
                "treatment `{id}` must screen `{}` ({}; at least {}), but no question screens it",
                item.id,
                item.label,
                item.at_least.as_str()
            );
            let help = format!(
                "add `\"screens\": [\"{}\"]` to the question that asks it (profile `{id}` v{}; sources: {}; `candidacy profiles` cites them in full)",
                item.id,
                profile.version,
                profile.short_citations(item)
            );
            out.push(Diagnostic::new(Kind::ItemNotScreened, "/questions", message).with_help(help));
        }
    }
    out
}

/// A declaration error (`screens` that cannot rule its item out, or names no profile item): bad
/// input, exit 2, rather than a protocol that fails its profile.
pub fn is_malformed_declaration(diagnostic: &Diagnostic) -> bool {
    matches!(diagnostic.kind, Kind::CannotRuleOut | Kind::UnknownScreeningItem)
}
