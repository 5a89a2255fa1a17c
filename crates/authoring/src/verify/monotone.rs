//! Monotonicity: making one screening answer riskier never yields a weaker outcome.
//!
//! Pairs of paths are explored over the same layers as the diagram (a product of the diagram with
//! itself): the path with the answers as given, and the path with one screening answer raised to
//! a riskier one ([`QuestionModel::risk`]). Before the raise the two are one path; at the raise
//! they split; after it both take the same answer wherever both are asked, and each alone takes
//! every answer where only it is asked. Pairs are counted, never walked.
//!
//! An early end on the raised path can skip a question whose rule gives a stronger outcome
//! (pregnancy ends the quiz before a bleeding disorder is asked). That is a *masking*: reported as
//! a warning naming the rule that ended the quiz and the rule it masked, not as a violation.

use std::collections::BTreeMap;

use super::classes::Classes;
use super::explore::{ExploreError, State};
use super::layer::NextLayer;
use super::step::{Fired, Step, Steps};
use crate::answers::Value;
use crate::protocol::{Effect, Outcome, QuestionIdx, QuestionModel, RuleIdx, ValidProtocol};

/// Two paths that differ in one screening answer, the second riskier, with their outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPair {
    /// The raised question.
    pub question: QuestionIdx,
    /// The answers as given, in asking order, and their outcome.
    pub given: Vec<(QuestionIdx, Value)>,
    pub given_outcome: Outcome,
    /// The same answers with `question` raised, in asking order, and their outcome.
    pub raised: Vec<(QuestionIdx, Value)>,
    pub raised_outcome: Outcome,
}

/// A rule that ends the quiz early and so hides a stronger rule of a question it skips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masking {
    pub ending_rule: RuleIdx,
    pub masked_rule: RuleIdx,
    /// Pairs of paths on which raising an answer ends the quiz and weakens the outcome this way.
    pub paths: u128,
    pub example: PathPair,
}

/// What the pair exploration found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Monotonicity {
    /// Pairs of paths whose raised path has a weaker outcome, not explained by an early end.
    pub violations: u128,
    pub example: Option<PathPair>,
    /// Weaker outcomes explained by an early end, by (ending rule, masked rule).
    pub maskings: Vec<Masking>,
    /// Pair states explored.
    pub states: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Pair {
    /// Not raised yet: both paths are this one.
    Same(State),
    Split(Split),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Split {
    given: State,
    raised: State,
    /// The rule that ended the quiz on the raised path, once one has.
    raised_ended_by: Option<RuleIdx>,
    /// The given path's strongest effect at the moment the raised path ended.
    given_at_end: Option<Option<Effect>>,
    /// On the given path, the strongest rule (first of equals) that fired after the raised path ended.
    masked: Option<RuleIdx>,
}

/// The parent node and the answers the two paths took from it.
type Parent = (usize, Option<Value>, Option<Value>);

pub fn monotonicity(protocol: &ValidProtocol, classes: &[Classes]) -> Result<Monotonicity, ExploreError> {
    let model = &protocol.model;
    let steps = Steps::of(protocol);
    let mut layer: Vec<(Pair, u128)> = vec![(Pair::Same(Steps::root()), 1)];
    let mut parents: Vec<Vec<Parent>> = vec![Vec::new()];
    let mut states = 1;

    for (question, question_classes) in classes.iter().enumerate() {
        let step = steps.at(protocol, question);
        let question_model = &model.questions[question];
        let mut next: NextLayer<Pair, Parent> = NextLayer::new();
        let mut add = |pair: Pair, paths: u128, parent: Parent| next.add(pair, paths, parent);
        let answers = &question_classes.safest_first(question_model);
        for (node, (pair, paths)) in layer.iter().enumerate() {
            match pair {
                Pair::Same(state) if step.asks(state) => {
                    for &(value, count) in answers {
                        let same = Pair::Same(advance(&step, state, Some(value)));
                        add(same, paths.saturating_mul(count), (node, Some(value), Some(value)));
                        for &(raised, raised_count) in riskier(question_model, answers, value) {
                            let split = Split {
                                given: state.clone(),
                                raised: state.clone(),
                                raised_ended_by: None,
                                given_at_end: None,
                                masked: None,
                            };
                            let pair = split.advance(protocol, &step, Some(value), Some(raised));
                            let n = paths.saturating_mul(count).saturating_mul(raised_count);
                            add(Pair::Split(pair), n, (node, Some(value), Some(raised)));
                        }
                    }
                }
                Pair::Same(state) => add(Pair::Same(advance(&step, state, None)), *paths, (node, None, None)),
                Pair::Split(split) => {
                    let (given_asked, raised_asked) = (step.asks(&split.given), step.asks(&split.raised));
                    if !given_asked && !raised_asked {
                        let pair = split.advance(protocol, &step, None, None);
                        add(Pair::Split(pair), *paths, (node, None, None));
                        continue;
                    }
                    for &(value, count) in answers {
                        let (given, raised) = (given_asked.then_some(value), raised_asked.then_some(value));
                        let pair = split.advance(protocol, &step, given, raised);
                        add(Pair::Split(pair), paths.saturating_mul(count), (node, given, raised));
                    }
                }
            }
        }
        let (next, next_parents) = next.finish(question)?;
        states += next.len();
        layer = next;
        parents.push(next_parents);
    }

    let mut found = Monotonicity { states, ..Monotonicity::default() };
    let mut maskings: BTreeMap<(RuleIdx, RuleIdx), Masking> = BTreeMap::new();
    for (node, (pair, paths)) in layer.iter().enumerate() {
        let Pair::Split(split) = pair else { continue };
        let (given, raised) = (split.given.outcome(), split.raised.outcome());
        if raised >= given {
            continue;
        }
        let example = || path_pair(&parents, node, given, raised);
        match (split.given_at_end, split.raised_ended_by, split.masked) {
            (Some(at_end), Some(ending_rule), Some(masked_rule)) if Outcome::from_strongest(at_end) <= raised => {
                let masking = maskings.entry((ending_rule, masked_rule)).or_insert_with(|| Masking {
                    ending_rule,
                    masked_rule,
                    paths: 0,
                    example: example(),
                });
                masking.paths = masking.paths.saturating_add(*paths);
            }
            _ => {
                found.violations = found.violations.saturating_add(*paths);
                found.example.get_or_insert_with(example);
            }
        }
    }
    found.maskings = maskings.into_values().collect();
    Ok(found)
}

/// The answers riskier than `value`, with their class sizes.
fn riskier<'c>(
    question: &'c QuestionModel,
    answers: &'c [(Value, u128)],
    value: Value,
) -> impl Iterator<Item = &'c (Value, u128)> + 'c {
    let risk = question.risk(value);
    answers.iter().filter(move |(other, _)| risk.is_some() && question.risk(*other) > risk)
}

/// One path's step with the flags the pairs do not need cleared, so that more pairs merge.
fn advance(step: &Step, state: &State, value: Option<Value>) -> State {
    strip(step.advance(state, value, &mut |_| {}))
}

fn strip(state: State) -> State {
    State { finding: false, unsure: false, plan: false, ..state }
}

impl Split {
    fn advance(&self, protocol: &ValidProtocol, step: &Step, given: Option<Value>, raised: Option<Value>) -> Split {
        let rules = &protocol.model.rules;
        let raised_had_ended = self.raised.ended;
        let mut ended_by = self.raised_ended_by;
        let raised_state = strip(step.advance(&self.raised, raised, &mut |fired| {
            let Fired::Rule(rule) = fired else { return };
            if rules[rule].ends_quiz && !raised_had_ended {
                ended_by = ended_by.or(Some(rule));
            }
        }));
        let mut masked = self.masked;
        let given_state = strip(step.advance(&self.given, given, &mut |fired| {
            let Fired::Rule(rule) = fired else { return };
            // The strongest, and the first in protocol order among equals, whenever each fired.
            let rank = |r: RuleIdx| (rules[r].effect, std::cmp::Reverse(r));
            let stronger = masked.is_none_or(|m| rank(rule) > rank(m));
            if raised_had_ended && rules[rule].effect >= Effect::Consult && stronger {
                masked = Some(rule);
            }
        }));
        let given_at_end = self.given_at_end.or_else(|| raised_state.ended.then_some(given_state.strongest));
        Split { given: given_state, raised: raised_state, raised_ended_by: ended_by, given_at_end, masked }
    }
}

/// Both paths of the pair ending at `node` of the last layer, from the remembered parents.
fn path_pair(parents: &[Vec<Parent>], node: usize, given_outcome: Outcome, raised_outcome: Outcome) -> PathPair {
    let (mut given, mut raised, mut question) = (Vec::new(), Vec::new(), 0);
    let mut node = node;
    for layer in (1..parents.len()).rev() {
        let (parent, given_value, raised_value) = parents[layer][node];
        let asked = layer - 1;
        given.extend(given_value.map(|v| (asked, v)));
        raised.extend(raised_value.map(|v| (asked, v)));
        if given_value.is_some() && raised_value.is_some() && given_value != raised_value {
            question = asked;
        }
        node = parent;
    }
    given.reverse();
    raised.reverse();
    PathPair { question, given, given_outcome, raised, raised_outcome }
}
