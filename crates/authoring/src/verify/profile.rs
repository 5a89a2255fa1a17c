//! The profile proof, for a treatment with a screening profile: on every path that ends in
//! `candidate`, every profile item was asked and answered in a way that rules it out; and on every
//! path where an answer rules an item in, the outcome is at least the item's `at_least`.
//!
//! The paths are explored over the same layers as the diagram, each state extended with three
//! sets of items (cleared, in doubt, owed an outcome). Sets that can no longer matter are emptied
//! (a path whose outcome passed `candidate` never returns to it; an owed outcome once reached
//! stays reached), so paths merge as much as in the diagram itself.

use std::collections::BTreeMap;

use super::classes::{Classes, Distinctions};
use super::explore::{ExploreError, State};
use super::layer::NextLayer;
use super::step::Steps;
use super::Counterexample;
use crate::answers::Value;
use crate::profile::{screened_items, Profile, ScreenedBy};
use crate::protocol::{NumberRange, Outcome, QuestionIdx, QuestionKind, QuestionModel, ValidProtocol};

/// Which half of the guarantee a path breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemProperty {
    /// The path ends in `candidate` without ruling the item out.
    CandidateRuledOut,
    /// An answer ruled the item in and the outcome is weaker than the item's `at_least`.
    AtLeastItsOutcome,
}

impl ItemProperty {
    pub fn sentence(self) -> &'static str {
        match self {
            ItemProperty::CandidateRuledOut => {
                "always: a candidate was asked every profile item and answered in a way that rules it out"
            }
            ItemProperty::AtLeastItsOutcome => {
                "always: an answer that rules a profile item in gets at least its outcome"
            }
        }
    }
}

/// Paths that break the guarantee for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFailure {
    pub property: ItemProperty,
    /// The item's index in the profile.
    pub item: usize,
    pub paths: u128,
    pub example: Counterexample,
}

/// What the profile proof found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileProof {
    pub treatment: String,
    pub version: String,
    pub items: usize,
    pub paths: u128,
    pub states: usize,
    pub failures: Vec<ItemFailure>,
}

impl ProfileProof {
    pub fn holds(&self) -> bool {
        self.failures.is_empty()
    }
}

/// How one answer bears on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bearing {
    In,
    Out,
    Doubt,
}

/// One declaration the proof uses: the item's bit, how the question screens it, and the number
/// range that rules it out when the profile sets one.
#[derive(Debug, Clone, Copy)]
struct Screen {
    bit: u64,
    by: ScreenedBy,
    safe_range: Option<NumberRange>,
}

impl Screen {
    fn bearing(&self, question: &QuestionModel, value: Value) -> Bearing {
        let chosen = |o: usize| match value {
            Value::Option(option) => option == o,
            Value::Options(set) => set.contains(o),
            _ => false,
        };
        match self.by {
            ScreenedBy::Option(o) if chosen(o) => Bearing::In,
            _ if question.is_unsure(value) => Bearing::Doubt,
            ScreenedBy::Option(_) => Bearing::Out,
            ScreenedBy::Question => {
                let finding = match (value, self.safe_range) {
                    (Value::Number(n), Some(safe)) => !safe.contains(n),
                    _ => question.is_finding(value),
                };
                if finding {
                    Bearing::In
                } else {
                    Bearing::Out
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Node {
    state: State,
    /// Items some answer ruled out.
    cleared: u64,
    /// Items some answer ruled in or left unsure.
    doubted: u64,
    /// Items ruled in whose `at_least` the outcome has not reached yet.
    owed: u64,
}

/// Proves `protocol` (a single treatment, or a chooser's projection) against `profile`.
pub fn prove(protocol: &ValidProtocol, profile: &Profile) -> Result<ProfileProof, ExploreError> {
    let model = &protocol.model;
    let n = model.questions.len();
    let bit_of = |id: &str| profile.items.iter().position(|item| item.id == id).map(|i| 1u64 << i);
    let mut screens: Vec<Vec<Screen>> = vec![Vec::new(); n];
    for declared in screened_items(&protocol.protocol) {
        let Some(bit) = bit_of(&declared.item) else { continue };
        let safe_range = profile.item(&declared.item).and_then(|item| item.safe_range);
        let safe_range = safe_range.filter(|_| model.questions[declared.question].kind == QuestionKind::Number);
        screens[declared.question].push(Screen { bit, by: declared.by, safe_range });
    }
    let all: u64 = if profile.items.len() >= 64 { u64::MAX } else { (1u64 << profile.items.len()) - 1 };
    let owed_above = |outcome: Outcome| -> u64 {
        (profile.items.iter().enumerate())
            .filter(|(_, item)| item.at_least > outcome)
            .fold(0, |mask, (i, _)| mask | (1 << i))
    };
    let normalize = |mut node: Node| -> Node {
        let outcome = node.state.outcome();
        if outcome != Outcome::Candidate {
            (node.cleared, node.doubted) = (0, 0);
        }
        node.owed &= owed_above(outcome);
        node.state = State { finding: false, unsure: false, plan: false, ..node.state };
        node
    };

    let mut classes = Vec::with_capacity(n);
    for (question, declared) in screens.iter().enumerate() {
        let mut distinctions = Distinctions::of(protocol, question);
        let ranges = declared.iter().filter_map(|screen| screen.safe_range);
        distinctions.cuts.extend(ranges.flat_map(|range| [range.at_least, range.below]).flatten());
        classes.push(Classes::refining(protocol, question, &distinctions)?);
    }
    let steps = Steps::of(protocol);
    let root = Node { state: Steps::root(), cleared: 0, doubted: 0, owed: 0 };
    let mut layer: Vec<(Node, u128)> = vec![(root, 1)];
    let mut parents: Vec<Vec<(usize, Option<Value>)>> = vec![Vec::new()];
    let mut states = 1;
    for question in 0..n {
        let step = steps.at(protocol, question);
        let question_model = &model.questions[question];
        let mut next: NextLayer<Node, (usize, Option<Value>)> = NextLayer::new();
        for (from, (node, paths)) in layer.iter().enumerate() {
            let answers: Vec<(Option<Value>, u128)> = if step.asks(&node.state) {
                classes[question].classes.iter().map(|&(value, count)| (Some(value), count)).collect()
            } else {
                vec![(None, 1)]
            };
            for (value, count) in answers {
                let mut after = Node { state: step.advance(&node.state, value, &mut |_| {}), ..node.clone() };
                for screen in value.iter().flat_map(|&value| {
                    screens[question].iter().map(move |screen| (screen, screen.bearing(question_model, value)))
                }) {
                    match screen {
                        (screen, Bearing::In) => {
                            after.doubted |= screen.bit;
                            after.owed |= screen.bit;
                        }
                        (screen, Bearing::Doubt) => after.doubted |= screen.bit,
                        (screen, Bearing::Out) => after.cleared |= screen.bit,
                    }
                }
                next.add(normalize(after), paths.saturating_mul(count), (from, value));
            }
        }
        let (next, next_parents) = next.finish(question)?;
        states += next.len();
        layer = next;
        parents.push(next_parents);
    }

    let mut failures: BTreeMap<(ItemProperty, usize), ItemFailure> = BTreeMap::new();
    let mut paths_total = 0u128;
    for (end, (node, paths)) in layer.iter().enumerate() {
        paths_total = paths_total.saturating_add(*paths);
        let outcome = node.state.outcome();
        let not_ruled_out = if outcome == Outcome::Candidate { all & (!node.cleared | node.doubted) } else { 0 };
        let broken = [(ItemProperty::CandidateRuledOut, not_ruled_out), (ItemProperty::AtLeastItsOutcome, node.owed)];
        for (property, bits) in broken {
            for item in (0..profile.items.len()).filter(|i| bits & (1 << i) != 0) {
                let failure = failures.entry((property, item)).or_insert_with(|| ItemFailure {
                    property,
                    item,
                    paths: 0,
                    example: Counterexample { answers: path_to(&parents, end), outcome: Some(outcome) },
                });
                failure.paths = failure.paths.saturating_add(*paths);
            }
        }
    }
    Ok(ProfileProof {
        treatment: profile.treatment.clone(),
        version: profile.version.clone(),
        items: profile.items.len(),
        paths: paths_total,
        states,
        failures: failures.into_values().collect(),
    })
}

/// The answers along the remembered path to `node` of the last layer.
fn path_to(parents: &[Vec<(usize, Option<Value>)>], node: usize) -> Vec<(QuestionIdx, Value)> {
    let mut path = Vec::new();
    let mut node = node;
    for layer in (1..parents.len()).rev() {
        let (parent, value) = parents[layer][node];
        path.extend(value.map(|value| (layer - 1, value)));
        node = parent;
    }
    path.reverse();
    path
}
