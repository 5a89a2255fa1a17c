//! Early ends hide nothing: on every path that a rule ends early (`ends_quiz`), answering the
//! skipped questions, any way at all, could not have reached a stronger outcome nor fired a rule
//! with a red flag (a signpost to a doctor the visitor would then never read).
//!
//! Pairs of paths are explored over the diagram's layers: the path as the visitor walks it, and
//! its *continuation*, the same answers with no early end, where every skipped question is asked.
//! Until a rule ends the quiz the two are one path; after, the ended path only skips while the
//! continuation takes every answer class. Pairs are counted like paths.

use std::collections::BTreeMap;

use super::classes::Classes;
use super::explore::{ExploreError, State};
use super::layer::NextLayer;
use super::monotone::PathPair;
use super::step::{Fired, Step, Steps};
use crate::answers::Value;
use crate::protocol::{QuestionIdx, RuleIdx, ValidProtocol};

/// A rule that ends the quiz before a question whose answer could fire a stronger or red-flag rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenByEnd {
    pub ending_rule: RuleIdx,
    pub hidden_rule: RuleIdx,
    /// Pairs (path, continuation) on which it happens.
    pub pairs: u128,
    /// `given` is the path as walked, `raised` its continuation; `question` is where it ended.
    pub example: PathPair,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Pair {
    Same(State),
    Ended(Ended),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Ended {
    walked: State,
    continued: State,
    ending_rule: RuleIdx,
    /// The strongest rule (first among equals) that fired on the continuation only.
    strongest_hidden: Option<RuleIdx>,
    /// The first red-flag rule that fired on the continuation only.
    red_flag_hidden: Option<RuleIdx>,
}

type Parent = (usize, Option<Value>, Option<Value>);
type Path = Vec<(QuestionIdx, Value)>;

/// Every early end that hides a stronger outcome or a red flag, by (ending rule, hidden rule),
/// and the number of pair states explored.
pub fn hidden_by_early_ends(
    protocol: &ValidProtocol,
    classes: &[Classes],
) -> Result<(Vec<HiddenByEnd>, usize), ExploreError> {
    let rules = &protocol.model.rules;
    if !rules.iter().any(|rule| rule.ends_quiz) {
        return Ok((Vec::new(), 0));
    }
    let steps = Steps::of(protocol);
    let mut layer: Vec<(Pair, u128)> = vec![(Pair::Same(Steps::root()), 1)];
    let mut parents: Vec<Vec<Parent>> = vec![Vec::new()];
    let mut states = 1;
    for (question, question_classes) in classes.iter().enumerate() {
        let step = steps.at(protocol, question);
        let answers_safest_first = question_classes.safest_first(&protocol.model.questions[question]);
        let mut next: NextLayer<Pair, Parent> = NextLayer::new();
        let mut add = |pair: Pair, paths: u128, parent: Parent| next.add(pair, paths, parent);
        for (node, (pair, paths)) in layer.iter().enumerate() {
            match pair {
                Pair::Same(state) => {
                    let answers = answers(&step, state, &answers_safest_first);
                    for (value, count) in answers {
                        let mut ending = None;
                        let after = strip(step.advance(state, value, &mut |fired| {
                            if let Fired::Rule(rule) = fired {
                                ending = ending.or(rules[rule].ends_quiz.then_some(rule));
                            }
                        }));
                        let pair = match ending {
                            Some(ending_rule) if after.ended => Pair::Ended(Ended {
                                continued: State { ended: false, ..after.clone() },
                                walked: after,
                                ending_rule,
                                strongest_hidden: None,
                                red_flag_hidden: None,
                            }),
                            _ => Pair::Same(after),
                        };
                        add(pair, paths.saturating_mul(count), (node, value, value));
                    }
                }
                Pair::Ended(ended) => {
                    let mut walked_fired = Vec::new();
                    let walked = strip(step.advance(&ended.walked, None, &mut |fired| walked_fired.push(fired)));
                    for (value, count) in answers(&step, &ended.continued, &answers_safest_first) {
                        let mut next_pair = Ended { walked: walked.clone(), ..ended.clone() };
                        let continued = step.advance(&ended.continued, value, &mut |fired| {
                            let Fired::Rule(rule) = fired else { return };
                            if walked_fired.contains(&fired) {
                                return;
                            }
                            let rank = |r: RuleIdx| (rules[r].effect, std::cmp::Reverse(r));
                            if next_pair.strongest_hidden.is_none_or(|h| rank(rule) > rank(h)) {
                                next_pair.strongest_hidden = Some(rule);
                            }
                            if protocol.protocol.rules[rule].red_flag.is_some() {
                                next_pair.red_flag_hidden = next_pair.red_flag_hidden.or(Some(rule));
                            }
                        });
                        next_pair.continued = strip(State { ended: false, ..continued });
                        add(Pair::Ended(next_pair), paths.saturating_mul(count), (node, None, value));
                    }
                }
            }
        }
        let (next, next_parents) = next.finish(question)?;
        states += next.len();
        layer = next;
        parents.push(next_parents);
    }

    let mut hidden: BTreeMap<(RuleIdx, RuleIdx), HiddenByEnd> = BTreeMap::new();
    for (node, (pair, paths)) in layer.iter().enumerate() {
        let Pair::Ended(ended) = pair else { continue };
        let (walked, continued) = (ended.walked.outcome(), ended.continued.outcome());
        let hidden_rule = match (continued > walked, ended.strongest_hidden, ended.red_flag_hidden) {
            (true, Some(rule), _) | (_, _, Some(rule)) => rule,
            _ => continue,
        };
        let entry = hidden.entry((ended.ending_rule, hidden_rule)).or_insert_with(|| {
            let (given, raised, question) = paths_of(&parents, node);
            HiddenByEnd {
                ending_rule: ended.ending_rule,
                hidden_rule,
                pairs: 0,
                example: PathPair { question, given, given_outcome: walked, raised, raised_outcome: continued },
            }
        });
        entry.pairs = entry.pairs.saturating_add(*paths);
    }
    Ok((hidden.into_values().collect(), states))
}

fn answers(step: &Step, state: &State, classes: &[(Value, u128)]) -> Vec<(Option<Value>, u128)> {
    if step.asks(state) {
        classes.iter().map(|&(value, count)| (Some(value), count)).collect()
    } else {
        vec![(None, 1)]
    }
}

fn strip(state: State) -> State {
    State { finding: false, unsure: false, plan: false, ..state }
}

/// The walked path, its continuation, and the last question both answered (where it ended).
fn paths_of(parents: &[Vec<Parent>], node: usize) -> (Path, Path, usize) {
    let (mut walked, mut continued, mut ended_at) = (Vec::new(), Vec::new(), 0);
    let mut node = node;
    for layer in (1..parents.len()).rev() {
        let (parent, walked_value, continued_value) = parents[layer][node];
        walked.extend(walked_value.map(|v| (layer - 1, v)));
        continued.extend(continued_value.map(|v| (layer - 1, v)));
        if walked_value.is_some() && ended_at == 0 {
            ended_at = layer - 1;
        }
        node = parent;
    }
    walked.reverse();
    continued.reverse();
    (walked, continued, ended_at)
}
