//! `verify`'s failures as diagnostics (`V0xx`) for `--format json|sarif`: each at the place in the
//! file it is about (a chooser's treatments name places of the chooser), the counterexample in
//! words as its help.

use anyhow::Result;

use crate::answers::Value;
use crate::profile::coverage::screened_items;
use crate::profile::Profile;
use crate::protocol::{Diagnostic, Kind, QuestionIdx, RuleIdx, ValidProtocol};
use crate::verify::profile::{ItemProperty, ProfileProof};
use crate::verify::{ExploreError, Failure, Property, Report};

/// The places in the file: `top` is the protocol as written (perhaps a chooser), `verified` the
/// one proved (it, or one of its treatments), whose ids are `top`'s.
pub(super) struct Places<'p> {
    pub top: &'p ValidProtocol,
    pub verified: &'p ValidProtocol,
    /// The chooser's treatment being proved, if it is one.
    pub treatment: Option<&'p str>,
}

impl Places<'_> {
    fn question(&self, q: QuestionIdx) -> String {
        let id = &self.verified.questions()[q].id;
        self.top.question_idx(id).map_or_else(|| "/questions".to_owned(), |q| format!("/questions/{q}"))
    }

    fn rule(&self, r: RuleIdx) -> String {
        let id = &self.verified.protocol.rules[r].id;
        self.top.rule_idx(id).map_or_else(|| "/rules".to_owned(), |r| format!("/rules/{r}"))
    }

    /// Where a path that breaks a property is about: its first finding, else where it ended.
    fn path(&self, answers: &[(QuestionIdx, Value)]) -> String {
        let finding = answers.iter().find(|(q, v)| self.verified.model.questions[*q].is_finding(*v));
        finding.or(answers.last()).map_or_else(|| "/questions".to_owned(), |(q, _)| self.question(*q))
    }
}

fn kind_of(property: Property) -> Kind {
    match property {
        Property::EveryPathEnds => Kind::PathWithoutOutcome,
        Property::BlockingRuleNeverCandidate => Kind::BlockingRuleCandidate,
        Property::FindingNeverCandidate => Kind::FindingCandidate,
        Property::UnsureNeverCandidate => Kind::UnsureCandidate,
        Property::RiskierAnswerNeverWeaker => Kind::RiskierAnswerWeaker,
        Property::EarlyEndHidesNothing => Kind::EarlyEndHides,
        Property::CandidateHasPlan => Kind::CandidateWithoutPlan,
        Property::EveryRuleFires => Kind::RuleNeverFiresOnAnyPath,
        Property::EveryQuestionAsked => Kind::QuestionNeverAskedOnAnyPath,
    }
}

/// Every failure of `report`, with the words `describe` prints for it as help.
pub(super) fn failures(places: &Places, report: &Report, found: &mut Vec<Diagnostic>) -> Result<()> {
    let treatment = places.treatment.map(|id| format!("treatment `{id}` ")).unwrap_or_default();
    for result in &report.results {
        for failure in &result.failures {
            let mut words = Vec::new();
            super::describe(places.verified, result.property, failure, &mut words)?;
            let help = String::from_utf8(words)?.lines().map(str::trim).collect::<Vec<_>>().join("; ");
            let help = help.replace(":; ", ": ");
            let message = format!("{treatment}fails `{}`", result.property.sentence());
            let diagnostic = match failure {
                Failure::Paths { example, .. } => {
                    Diagnostic::new(kind_of(result.property), places.path(&example.answers), message)
                }
                Failure::Pairs { example, .. } => {
                    Diagnostic::new(kind_of(result.property), places.question(example.question), message)
                }
                Failure::Hidden(hidden) => {
                    Diagnostic::new(kind_of(result.property), places.rule(hidden.ending_rule), message)
                        .with_related(places.rule(hidden.hidden_rule), "the rule the early end hides")
                }
                Failure::RuleNeverFires(rule) => {
                    Diagnostic::new(kind_of(result.property), format!("{}/when", places.rule(*rule)), message)
                }
                Failure::QuestionNeverAsked(question) => {
                    Diagnostic::new(kind_of(result.property), places.question(*question), message)
                }
            };
            found.push(diagnostic.with_help(help));
        }
    }
    Ok(())
}

/// Every failure of the profile proof, at the questions that screen the item (or `/questions`).
pub(super) fn profile_failures(places: &Places, profile: &Profile, proof: &ProfileProof, found: &mut Vec<Diagnostic>) {
    for failure in &proof.failures {
        let item = &profile.items[failure.item];
        let kind = match failure.property {
            ItemProperty::CandidateRuledOut => Kind::ItemNotRuledOut,
            ItemProperty::AtLeastItsOutcome => Kind::ItemOutcomeTooWeak,
        };
        let screens = screened_items(&places.top.protocol);
        let screen = screens.iter().find(|screen| screen.item == item.id);
        let pointer = screen.map_or_else(|| "/questions".to_owned(), |screen| screen.pointer.clone());
        let message = format!(
            "treatment `{}`: item `{}` ({}; at least {}) fails `{}`",
            proof.treatment,
            item.id,
            item.label,
            item.at_least.as_str(),
            failure.property.sentence()
        );
        let path = super::words::path(places.verified, &failure.example.answers);
        let outcome = failure.example.outcome.map_or("no outcome", |o| o.as_str());
        let help = format!("on {} paths, for example: {path} -> outcome `{outcome}`", failure.paths);
        found.push(Diagnostic::new(kind, pointer, message).with_help(help));
    }
}

/// The protocol is too large to explore.
pub(super) fn cannot_explore(places: &Places, error: &ExploreError, message: String, found: &mut Vec<Diagnostic>) {
    let pointer = match error {
        ExploreError::TooManyClasses(too_many) => format!("{}/options", places.question(too_many.question)),
        ExploreError::TooManyStates { question, .. } => places.question(*question),
    };
    found.push(Diagnostic::new(Kind::CannotExplore, pointer, message));
}
