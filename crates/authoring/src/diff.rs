//! The semantic diff of two versions of a protocol: which visitors get a different outcome,
//! different reasons (rule ids) or a different plan, by classes of answers, counted over every
//! path of both protocols at once, with one example path per class.
//!
//! `diff/align.rs` lines the questions up and refines both protocols' answer classes;
//! `diff/pairs.rs` walks both diagrams together; `diff/changes.rs` lists what changed as written.
//! Wording (texts, citations, the version) is not logic: a wording-only edit changes nothing here.

mod align;
mod changes;
mod pairs;

use serde::Serialize;

pub use changes::{Changed, Changes, Structure};

use crate::answers::Value;
use crate::protocol::{Outcome, QuestionIdx, Span, ValidProtocol};
use crate::verify::ExploreError;

/// Everything that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Anything but wording changed.
    pub logic_changed: bool,
    pub structure: Structure,
    /// Every class of answers whose outcome, reasons or plan changes: changed outcomes first,
    /// then by paths, most first.
    pub classes: Vec<ChangedClass>,
    /// Paths over the questions of both protocols (a question of one side counts its answers
    /// where that side asks it); saturating.
    pub paths: u128,
    /// States of the product explored.
    pub states: usize,
}

impl Diff {
    /// Paths whose outcome, reasons or plan change.
    pub fn changed_paths(&self) -> u128 {
        self.classes.iter().fold(0, |sum, class| sum.saturating_add(class.paths))
    }
}

/// Visitors whose outcome, reasons or plan change the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedClass {
    pub old_outcome: Outcome,
    pub new_outcome: Outcome,
    /// Rules that fire only with the new protocol, by id.
    pub gained: Vec<String>,
    /// Rules that fire only with the old protocol.
    pub lost: Vec<String>,
    /// Rules that fire with both whose effect or cited periods changed.
    pub changed: Vec<String>,
    /// The plan shown before and after, when it changes.
    pub plan: Option<(Option<PlanShown>, Option<PlanShown>)>,
    pub paths: u128,
    pub example: Example,
}

impl ChangedClass {
    fn same_change(&self, other: &ChangedClass) -> bool {
        (self.old_outcome, self.new_outcome, &self.gained, &self.lost, &self.changed, &self.plan)
            == (other.old_outcome, other.new_outcome, &other.gained, &other.lost, &other.changed, &other.plan)
    }
}

/// A plan as the visitor reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PlanShown {
    pub sessions: Span,
    pub interval_weeks: Span,
}

/// One visitor of a class: the answers each protocol asks for, in its own question indices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Example {
    pub old: Vec<(QuestionIdx, Value)>,
    pub new: Vec<(QuestionIdx, Value)>,
}

/// Why two protocols cannot be compared path by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffError {
    /// Two questions of both protocols are asked in a different order.
    Reordered {
        first: String,
        second: String,
    },
    /// A question of both protocols accepts different answers (kind, options, range, unsure).
    AnswersChanged {
        question: String,
    },
    Explore(ExploreError),
}

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiffError::Reordered { first, second } => {
                write!(f, "questions `{first}` and `{second}` are asked in a different order")
            }
            DiffError::AnswersChanged { question } => {
                write!(f, "question `{question}` accepts different answers (kind, options, range or \"I'm not sure\")")
            }
            DiffError::Explore(ExploreError::TooManyClasses(e)) => {
                write!(f, "question #{} has too many option groups ({})", e.question, e.groups)
            }
            DiffError::Explore(ExploreError::TooManyStates { states, .. }) => {
                write!(f, "too many states ({states}) to walk both protocols together")
            }
        }
    }
}

/// Compares `old` and `new`: what changed as written, and every class of visitors it changes.
pub fn diff(old: &ValidProtocol, new: &ValidProtocol) -> Result<Diff, DiffError> {
    let structure = structure(old, new);
    let layers = align::align(old, new)?;
    let keys = rule_keys(old, new, &structure);
    let explored = pairs::explore(old, new, &layers, &keys).map_err(DiffError::Explore)?;
    Ok(Diff {
        logic_changed: logic_changed(old, new),
        structure,
        classes: explored.classes,
        paths: explored.paths,
        states: explored.states,
    })
}

/// What changed as written: questions, rules, plan parts and parameters.
pub fn structure(old: &ValidProtocol, new: &ValidProtocol) -> Structure {
    changes::structure(old, new)
}

/// Whether anything but wording (texts, citations, the version) differs.
pub fn logic_changed(old: &ValidProtocol, new: &ValidProtocol) -> bool {
    changes::logic_json(old) != changes::logic_json(new)
}

/// Every rule id of either protocol, old order first, and how it changed.
fn rule_keys(old: &ValidProtocol, new: &ValidProtocol, structure: &Structure) -> Vec<pairs::RuleKey> {
    let mut ids: Vec<&str> = old.protocol.rules.iter().map(|r| r.id.as_str()).collect();
    ids.extend(new.protocol.rules.iter().map(|r| r.id.as_str()).filter(|id| old.rule_idx(id).is_none()));
    ids.into_iter()
        .map(|id| {
            let (old_rule, new_rule) = (old.rule_idx(id), new.rule_idx(id));
            let changed = structure.rules.changed.iter().any(|changed| changed.id == id);
            let meaning_changed = match (old_rule, new_rule) {
                (Some(a), Some(b)) => {
                    old.protocol.rules[a].effect != new.protocol.rules[b].effect
                        || !changes::period_changes(old, new, id).is_empty()
                }
                _ => false,
            };
            let same = old_rule.is_some() && new_rule.is_some() && !changed;
            pairs::RuleKey { id: id.to_owned(), old: old_rule, new: new_rule, same, meaning_changed }
        })
        .collect()
}
