//! `check`: validation plus what only the paths can tell (questions never asked, rules that never
//! fire), all as located [`Diagnostic`]s.

use crate::profile::coverage::{coverage, is_malformed_declaration};
use crate::profile::Screening;
use crate::protocol::{load, Diagnostic, Diagnostics, Kind, Loaded, ValidProtocol};
use crate::verify::{explore, ExploreError};

/// The result of checking one protocol file.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The protocol, when it has no errors.
    pub protocol: Option<ValidProtocol>,
    /// Errors first, then warnings.
    pub diagnostics: Diagnostics,
    /// Some `screens` declaration is malformed (bad input, rather than a protocol that fails).
    pub malformed: bool,
}

/// Validates `text` and explores its paths for unreachable questions and rules.
pub fn check(source_name: &str, text: &str) -> Checked {
    check_with(source_name, text, None)
}

/// [`check`], and with `screening`, the treatments' profiles: every `screens` names a profile
/// item, every treatment has a profile, every item of it is screened.
pub fn check_with(source_name: &str, text: &str, screening: Option<Screening>) -> Checked {
    let Loaded { protocol, mut warnings } = match load(source_name, text) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            let malformed = diagnostics.items.iter().any(is_malformed_declaration);
            return Checked { protocol: None, diagnostics, malformed };
        }
    };
    let mut errors = Vec::new();
    if let Some(screening) = screening {
        for diagnostic in coverage(&protocol, screening) {
            match diagnostic.severity {
                crate::protocol::Severity::Error => errors.push(diagnostic),
                crate::protocol::Severity::Warning => warnings.items.push(diagnostic),
            }
        }
        for warning in &mut warnings.items {
            if warning.line.is_none() {
                warning.locate_in(text);
            }
        }
    }
    match explore(&protocol) {
        Ok(graph) => {
            for (question, _) in graph.question_asked.iter().enumerate().filter(|(_, asked)| !**asked) {
                let id = &protocol.questions()[question].id;
                errors.push(
                    Diagnostic::new(
                        Kind::QuestionNeverAsked,
                        format!("/questions/{question}"),
                        format!("question `{id}` can never be asked"),
                    )
                    .with_help("its `ask_if` is false on every path, or an earlier rule always ends the quiz"),
                );
            }
            for (rule, _) in graph.rule_fired.iter().enumerate().filter(|(_, fired)| !**fired) {
                let id = &protocol.protocol.rules[rule].id;
                errors.push(
                    Diagnostic::new(
                        Kind::RuleNeverFires,
                        format!("/rules/{rule}/when"),
                        format!("rule `{id}` can never fire"),
                    )
                    .with_help("no combination of answers makes its condition hold"),
                );
            }
        }
        Err(ExploreError::TooManyClasses(too_many)) => {
            let id = &protocol.questions()[too_many.question].id;
            errors.push(Diagnostic::new(
                Kind::TooManyOptionGroups,
                format!("/questions/{}/options", too_many.question),
                format!(
                    "question `{id}` has {} independently used option groups; at most {} can be explored",
                    too_many.groups,
                    crate::verify::MAX_OPTION_GROUPS
                ),
            ));
        }
        Err(ExploreError::TooManyStates { question, states }) => {
            let id = &protocol.questions()[question].id;
            errors.push(
                Diagnostic::new(Kind::TooManyStates, format!("/questions/{question}"), format!("too many distinct states ({states}) after question `{id}` to explore every path"))
                    .with_help("conditions that tie many early answers to late questions multiply the states; split the protocol or simplify those rules"),
            );
        }
    }
    if errors.is_empty() {
        return Checked { protocol: Some(protocol), diagnostics: warnings, malformed: false };
    }
    let malformed = errors.iter().any(is_malformed_declaration);
    for error in &mut errors {
        error.locate_in(text);
    }
    errors.append(&mut warnings.items);
    warnings.items = errors;
    Checked { protocol: None, diagnostics: warnings, malformed }
}
