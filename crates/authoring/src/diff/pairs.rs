//! Both protocols' paths walked together: a product of the two diagrams over the aligned layers.
//!
//! A node holds each protocol's state after the same answers, with each side's plan so far and
//! the rules whose firing can differ between the sides: rules of one protocol only, rules whose
//! logic or cited periods changed, and unchanged rules that fire on one side only (because a
//! question is asked, or the quiz ends, on one side only). Paths are counted per node, never walked.

use super::align::Layer;
use super::{ChangedClass, Example, PlanShown};
use crate::answers::Value;
use crate::protocol::{Outcome, RuleIdx, Span, ValidProtocol};
use crate::verify::layer::NextLayer;
use crate::verify::step::{Fired, Steps};
use crate::verify::{ExploreError, State};

/// How a rule id relates the two protocols.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RuleKey {
    pub id: String,
    pub old: Option<RuleIdx>,
    pub new: Option<RuleIdx>,
    /// Same condition, effect, early end and cited periods: it fires alike wherever both sides
    /// see the same answers.
    pub same: bool,
    /// Firing on both sides still changes what the visitor reads: its effect or a period changed.
    pub meaning_changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Pair {
    old: State,
    new: State,
    old_plan: Option<(Span, Span)>,
    new_plan: Option<(Span, Span)>,
    /// Rule keys that fired where they may differ, sorted: bit 1 fired on the old side, bit 2 on the new.
    marks: Vec<(usize, u8)>,
}

type Parent = (usize, Option<Value>, Option<Value>);

pub(super) struct Explored {
    pub paths: u128,
    pub classes: Vec<ChangedClass>,
    pub states: usize,
}

pub(super) fn explore(
    old: &ValidProtocol,
    new: &ValidProtocol,
    layers: &[Layer],
    keys: &[RuleKey],
) -> Result<Explored, ExploreError> {
    let (old_steps, new_steps) = (Steps::of(old), Steps::of(new));
    let key_of = |side: &dyn Fn(&RuleKey) -> Option<RuleIdx>, n: usize| -> Vec<usize> {
        let mut of = vec![0; n];
        for (k, key) in keys.iter().enumerate() {
            if let Some(r) = side(key) {
                of[r] = k;
            }
        }
        of
    };
    let old_key = key_of(&|k| k.old, old.protocol.rules.len());
    let new_key = key_of(&|k| k.new, new.protocol.rules.len());
    let root = Pair { old: Steps::root(), new: Steps::root(), old_plan: None, new_plan: None, marks: Vec::new() };
    let mut layer: Vec<(Pair, u128)> = vec![(root, 1)];
    let mut parents: Vec<Vec<Parent>> = vec![Vec::new()];
    let mut states = 1;

    for (depth, aligned) in layers.iter().enumerate() {
        let old_step = aligned.old.map(|q| old_steps.at(old, q));
        let new_step = aligned.new.map(|q| new_steps.at(new, q));
        let model = match (aligned.old, aligned.new) {
            (Some(q), _) => &old.model.questions[q],
            (None, Some(q)) => &new.model.questions[q],
            (None, None) => unreachable!("a layer has a question of one side at least"),
        };
        let answers = aligned.classes.safest_first(model);

        let mut next: NextLayer<Pair, Parent> = NextLayer::new();
        for (node, (pair, paths)) in layer.iter().enumerate() {
            let old_asks = old_step.as_ref().is_some_and(|s| s.asks(&pair.old));
            let new_asks = new_step.as_ref().is_some_and(|s| s.asks(&pair.new));
            let choices: Vec<(Option<Value>, u128)> = if old_asks || new_asks {
                answers.iter().map(|&(v, n)| (Some(v), n)).collect()
            } else {
                vec![(None, 1)]
            };
            for (value, count) in choices {
                let old_value = value.filter(|_| old_asks);
                let new_value = value.filter(|_| new_asks).map(|v| aligned.to_new(v));
                let mut next_pair = pair.clone();
                let (mut old_fired, mut new_fired) = (Vec::new(), Vec::new());
                if let Some(step) = &old_step {
                    next_pair.old = strip(step.advance(&pair.old, old_value, &mut |f| old_fired.push(f)));
                }
                if let Some(step) = &new_step {
                    next_pair.new = strip(step.advance(&pair.new, new_value, &mut |f| new_fired.push(f)));
                }
                next_pair.old_plan = fold_plans(old, next_pair.old_plan, &old_fired);
                next_pair.new_plan = fold_plans(new, next_pair.new_plan, &new_fired);
                let old_rules: Vec<usize> = rules(&old_fired).map(|r| old_key[r]).collect();
                let new_rules: Vec<usize> = rules(&new_fired).map(|r| new_key[r]).collect();
                for (side_rules, other_rules, bit) in [(&old_rules, &new_rules, 1u8), (&new_rules, &old_rules, 2u8)] {
                    for &k in side_rules {
                        if !keys[k].same || !other_rules.contains(&k) {
                            mark(&mut next_pair.marks, k, bit);
                        }
                    }
                }
                next.add(next_pair, paths.saturating_mul(count), (node, old_value, new_value));
            }
        }
        let (next, next_parents) = next.finish(aligned.old.or(aligned.new).unwrap_or(depth))?;
        states += next.len();
        layer = next;
        parents.push(next_parents);
    }

    let mut total = 0u128;
    let mut classes: Vec<ChangedClass> = Vec::new();
    for (node, (pair, paths)) in layer.iter().enumerate() {
        total = total.saturating_add(*paths);
        let Some(mut class) = change(pair, keys) else { continue };
        match classes.iter_mut().find(|c| c.same_change(&class)) {
            Some(known) => known.paths = known.paths.saturating_add(*paths),
            None => {
                class.paths = *paths;
                class.example = example(layers, &parents, node);
                classes.push(class);
            }
        }
    }
    // Changed outcomes first, then the largest classes.
    classes.sort_by_key(|c| (c.old_outcome == c.new_outcome, std::cmp::Reverse(c.paths)));
    Ok(Explored { paths: total, classes, states })
}

/// What changes for the visitors whose paths end in `pair`, if anything.
fn change(pair: &Pair, keys: &[RuleKey]) -> Option<ChangedClass> {
    let (old_outcome, new_outcome) = (pair.old.outcome(), pair.new.outcome());
    let (mut gained, mut lost, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for &(k, bits) in &pair.marks {
        match bits {
            1 => lost.push(keys[k].id.clone()),
            2 => gained.push(keys[k].id.clone()),
            _ if keys[k].meaning_changed => changed.push(keys[k].id.clone()),
            _ => {}
        }
    }
    let shown = |outcome: Outcome, plan: Option<(Span, Span)>| {
        matches!(outcome, Outcome::Candidate | Outcome::Consult)
            .then_some(plan)
            .flatten()
            .map(|(sessions, interval_weeks)| PlanShown { sessions, interval_weeks })
    };
    // A plan that appears or goes with the outcome is told by the outcome; only a plan shown on
    // both sides (candidate or consult) can change on its own.
    let (old_plan, new_plan) = (shown(old_outcome, pair.old_plan), shown(new_outcome, pair.new_plan));
    let both_show = [old_outcome, new_outcome].iter().all(|o| matches!(o, Outcome::Candidate | Outcome::Consult));
    let plan = (both_show && old_plan != new_plan).then_some((old_plan, new_plan));
    let unchanged =
        old_outcome == new_outcome && gained.is_empty() && lost.is_empty() && changed.is_empty() && plan.is_none();
    (!unchanged).then(|| ChangedClass {
        old_outcome,
        new_outcome,
        gained,
        lost,
        changed,
        plan,
        paths: 0,
        example: Example::default(),
    })
}

fn example(layers: &[Layer], parents: &[Vec<Parent>], node: usize) -> Example {
    let mut example = Example::default();
    let mut node = node;
    for depth in (1..parents.len()).rev() {
        let (parent, old_value, new_value) = parents[depth][node];
        let aligned = &layers[depth - 1];
        example.old.extend(aligned.old.zip(old_value));
        example.new.extend(aligned.new.zip(new_value));
        node = parent;
    }
    example.old.reverse();
    example.new.reverse();
    example
}

fn rules(fired: &[Fired]) -> impl Iterator<Item = RuleIdx> + '_ {
    fired.iter().filter_map(|f| match f {
        Fired::Rule(rule) => Some(*rule),
        Fired::Plan(_) => None,
    })
}

/// The plan so far combined with the parts that apply at this step: the largest minimum and
/// the largest maximum, as the engine combines them.
fn fold_plans(protocol: &ValidProtocol, plan: Option<(Span, Span)>, fired: &[Fired]) -> Option<(Span, Span)> {
    let widen = |a: Span, b: Span| Span { min: a.min.max(b.min), max: a.max.max(b.max) };
    fired.iter().fold(plan, |plan, f| match f {
        Fired::Plan(p) => {
            let part = &protocol.model.plans[*p];
            Some(match plan {
                Some((sessions, interval)) => (widen(sessions, part.sessions), widen(interval, part.interval_weeks)),
                None => (part.sessions, part.interval_weeks),
            })
        }
        Fired::Rule(_) => plan,
    })
}

fn mark(marks: &mut Vec<(usize, u8)>, key: usize, bit: u8) {
    match marks.binary_search_by_key(&key, |&(k, _)| k) {
        Ok(at) => marks[at].1 |= bit,
        Err(at) => marks.insert(at, (key, bit)),
    }
}

fn strip(state: State) -> State {
    State { finding: false, unsure: false, plan: false, ..state }
}
