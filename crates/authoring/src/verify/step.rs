//! One question's transition of a path's [`State`]: whether the question is asked from a state,
//! and the state after an answer (or after skipping it). The diagram (`explore.rs`) and the
//! pair explorations (monotonicity, diff) all step through here, so they agree by construction.

use std::collections::HashMap;

use super::explore::{Pending, State};
use crate::answers::Value;
use crate::protocol::condition::{Cond, Test};
use crate::protocol::{QuestionIdx, QuestionModel, RuleIdx, ValidProtocol};

/// A rule or plan part decided at a step whose condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fired {
    Rule(RuleIdx),
    Plan(usize),
}

/// What every question's step needs, computed once per protocol.
#[derive(Debug, Clone)]
pub struct Steps {
    /// `pending[k]`: the tests the states after `k` questions keep, sorted.
    pub pending: Vec<Vec<Pending>>,
    rules_after: Vec<Vec<RuleIdx>>,
    plans_after: Vec<Vec<usize>>,
}

/// The step over one question.
pub struct Step<'p> {
    protocol: &'p ValidProtocol,
    question: QuestionIdx,
    question_model: &'p QuestionModel,
    /// Where each test of the state before this question sits in it.
    position: HashMap<Pending, usize>,
    /// Where each test kept after this question comes from: this answer, or the state before.
    carried: Vec<Result<usize, Test>>,
    rules: &'p [RuleIdx],
    plans: &'p [usize],
}

impl Steps {
    pub fn of(protocol: &ValidProtocol) -> Steps {
        let model = &protocol.model;
        let n = model.questions.len();
        Steps {
            pending: pending_tests(protocol),
            rules_after: group_by(n, model.rules.iter().map(|r| r.decided_after)),
            plans_after: group_by(n, model.plans.iter().map(|p| p.decided_after)),
        }
    }

    pub fn root() -> State {
        State { tests: Vec::new(), strongest: None, ended: false, finding: false, unsure: false, plan: false }
    }

    pub fn at<'p>(&'p self, protocol: &'p ValidProtocol, question: QuestionIdx) -> Step<'p> {
        let (before, after) = (&self.pending[question], &self.pending[question + 1]);
        let position: HashMap<Pending, usize> = before.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        let carried = after
            .iter()
            .map(|pending| if pending.0 == question { Err(pending.1) } else { Ok(position[pending]) })
            .collect();
        Step {
            protocol,
            question,
            question_model: &protocol.model.questions[question],
            position,
            carried,
            rules: &self.rules_after[question],
            plans: &self.plans_after[question],
        }
    }
}

impl Step<'_> {
    /// Whether the question is asked from `state`.
    pub fn asks(&self, state: &State) -> bool {
        !state.ended && self.question_model.ask_if.as_ref().is_none_or(|c| c.eval_tests(&self.earlier(state)))
    }

    /// The state after answering `value` (`None`: the question was skipped). Calls `fired` for
    /// every rule and plan part decided here whose condition holds.
    pub fn advance(&self, state: &State, value: Option<Value>, fired: &mut impl FnMut(Fired)) -> State {
        let model = &self.protocol.model;
        let earlier = self.earlier(state);
        let this = |test: &Test| value.is_some_and(|value| test.holds(&value));
        let holds = |q: QuestionIdx, test: &Test| if q == self.question { this(test) } else { earlier(q, test) };
        let tests = self.carried.iter().map(|from| from.map_or_else(|t| this(&t), |i| state.tests[i])).collect();
        let mut next = State { tests, ..state.clone() };
        if let Some(value) = value {
            next.finding |= self.question_model.is_finding(value);
            next.unsure |= self.question_model.screening && self.question_model.is_unsure(value);
        }
        for &rule_idx in self.rules {
            let rule = &model.rules[rule_idx];
            if rule.when.eval_tests(&holds) {
                fired(Fired::Rule(rule_idx));
                next.strongest = next.strongest.max(Some(rule.effect));
                next.ended |= rule.ends_quiz;
            }
        }
        for &plan in self.plans {
            if model.plans[plan].when.eval_tests(&holds) {
                fired(Fired::Plan(plan));
                next.plan = true;
            }
        }
        next
    }

    /// The truth of a test on an earlier question, as `state` keeps it.
    fn earlier<'s>(&'s self, state: &'s State) -> impl Fn(QuestionIdx, &Test) -> bool + 's {
        // INVARIANT: `pending` holds every test on an earlier question that a condition decided
        // here makes.
        move |q, test| state.tests[self.position[&(q, *test)]]
    }
}

/// `pending[k]` for `k` in `0..=n`: the tests on questions before `k` made by conditions decided
/// at or after question `k` (an `ask_if` is decided at its own question).
fn pending_tests(protocol: &ValidProtocol) -> Vec<Vec<Pending>> {
    let model = &protocol.model;
    let n = model.questions.len();
    let mut decided: Vec<(&Cond, QuestionIdx)> = Vec::new();
    decided.extend(model.questions.iter().enumerate().filter_map(|(j, q)| Some((q.ask_if.as_ref()?, j))));
    decided.extend(model.rules.iter().map(|rule| (&rule.when, rule.decided_after)));
    decided.extend(model.plans.iter().map(|plan| (&plan.when, plan.decided_after)));
    // For each test, the latest question at which a condition making it is decided.
    let mut needed_until: HashMap<Pending, QuestionIdx> = HashMap::new();
    for (cond, at) in decided {
        cond.for_each_test(&mut |q, test| {
            let until = needed_until.entry((q, *test)).or_insert(at);
            *until = (*until).max(at);
        });
    }
    let mut by_question: Vec<(Pending, QuestionIdx)> = needed_until.into_iter().collect();
    by_question.sort_unstable();
    (0..=n)
        .map(|k| by_question.iter().filter(|((q, _), until)| *q < k && *until >= k).map(|(p, _)| *p).collect())
        .collect()
}

fn group_by(n: usize, keys: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
    let mut groups = vec![Vec::new(); n];
    for (idx, key) in keys.enumerate() {
        groups[key].push(idx);
    }
    groups
}
