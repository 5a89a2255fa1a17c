//! The engine: from a visitor's answers so far to the next question or the recommendation.
//!
//! Pure functions over a [`ValidProtocol`] and [`Answers`]; no I/O, no web types. The widget and
//! the CLI both call [`next_step`]; neither decides candidacy itself.

use crate::answers::Answers;
use crate::protocol::condition::Known;
use crate::protocol::{Effect, Outcome, PlanModel, QuestionIdx, RuleIdx, Span, ValidProtocol};

/// Where a visitor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Ask this question next.
    Ask { question: QuestionIdx, progress: Progress },
    /// Every question on the path is answered.
    Recommend(Recommendation),
}

/// "Question `number` of about `about`" on the current path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions answered on the current path.
    pub answered: usize,
    /// Questions that may still be asked, this one included (later ones may yet be skipped).
    pub remaining: usize,
}

impl Progress {
    /// The 1-based number of the question on screen.
    pub fn number(&self) -> usize {
        self.answered + 1
    }
    /// The path's likely length.
    pub fn about(&self) -> usize {
        self.answered + self.remaining
    }
}

/// The visitor's path so far: which questions were asked, and what is next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The answers that count: those to hidden questions, or past an early end, are dropped.
    /// Answers beyond `next` are kept, so going back and forth loses nothing.
    pub answers: Answers,
    /// The questions answered on the path, in asking order.
    pub asked: Vec<QuestionIdx>,
    /// The first question on the path still unanswered, if any.
    pub next: Option<QuestionIdx>,
    /// The rule that ended the quiz early, if one did.
    pub ended_by: Option<RuleIdx>,
}

/// What the visitor is told once the path is complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub outcome: Outcome,
    /// Every rule that fired (notes included), in protocol order.
    pub fired: Vec<Fired>,
    /// The plan, for `candidate` (and, as the usual plan, for `consult`) when a plan part applies.
    pub plan: Option<Plan>,
    pub ended_by: Option<RuleIdx>,
    /// For a chooser, the treatment (index into `treatments`) this is the recommendation for; its
    /// `fired`, `plan` and `ended_by` then index that treatment's protocol.
    pub treatment: Option<usize>,
}

/// A rule that fired, and the answers that made it fire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fired {
    pub rule: RuleIdx,
    pub effect: Effect,
    /// The answered questions the rule's condition tests.
    pub because: Vec<QuestionIdx>,
}

/// A treatment plan combined from every plan part that applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The largest minimum and the largest maximum of the parts.
    pub sessions: Span,
    pub interval_weeks: Span,
    /// Every plan part that applies, in protocol order.
    pub parts: Vec<usize>,
    /// The parts that set the session count: those with the largest maximum, and those with the
    /// largest minimum when none of the first has it.
    pub set_by: Vec<usize>,
}

/// Follows the path the answers take through the protocol.
pub fn walk(protocol: &ValidProtocol, given: &Answers) -> Walk {
    let model = &protocol.model;
    let mut walk = Walk { answers: given.clone(), asked: Vec::new(), next: None, ended_by: None };
    for question in 0..model.questions.len() {
        if walk.next.is_some() {
            break;
        }
        let shown = walk.ended_by.is_none()
            && model.questions[question].ask_if.as_ref().is_none_or(|cond| cond.eval(&|q| walk.answers.get(q)));
        let accepted = given.get(question).filter(|&value| model.questions[question].accepts(value));
        match (shown, accepted) {
            (true, Some(_)) => walk.asked.push(question),
            (true, None) => {
                walk.answers.set(question, None);
                walk.next = Some(question);
                break;
            }
            (false, _) => walk.answers.set(question, None),
        }
        if walk.ended_by.is_none() {
            walk.ended_by = model.rules.iter().position(|rule| {
                rule.ends_quiz && rule.decided_after == question && rule.when.eval(&|q| walk.answers.get(q))
            });
        }
    }
    walk
}

/// The next step for a visitor with these answers.
pub fn next_step(protocol: &ValidProtocol, answers: &Answers) -> Step {
    let walk = walk(protocol, answers);
    match walk.next {
        Some(question) => Step::Ask { question, progress: progress(protocol, &walk, question) },
        None => Step::Recommend(recommend(protocol, &walk)),
    }
}

/// How far along the path `walk` is, `next` being the question it asks next.
pub fn progress(protocol: &ValidProtocol, walk: &Walk, next: QuestionIdx) -> Progress {
    let known = |q: QuestionIdx| match walk.answers.get(q) {
        Some(value) if q < next => Known::Value(value),
        _ if q < next => Known::Absent,
        _ => Known::Unknown,
    };
    let later = protocol.model.questions[next + 1..]
        .iter()
        .filter(|question| question.ask_if.as_ref().is_none_or(|cond| cond.eval_partial(&known) != Some(false)))
        .count();
    Progress { answered: walk.asked.len(), remaining: 1 + later }
}

/// The recommendation for a complete walk (`walk.next` is `None`). For a chooser: the treatment
/// with the best outcome and, among equals, the fewest reasons for a clinician to assess, then the
/// first in the protocol's order (see [`compare`] for all of them).
pub fn recommend(protocol: &ValidProtocol, walk: &Walk) -> Recommendation {
    let rank = |recommendation: &Recommendation| {
        let concerns = recommendation.fired.iter().filter(|fired| fired.effect >= Effect::Consult).count();
        (recommendation.outcome, concerns)
    };
    match compare(protocol, walk).into_iter().min_by_key(rank) {
        Some(best) => best,
        None => recommend_one(protocol, walk),
    }
}

/// For a chooser, each treatment's recommendation, in the protocol's order; empty otherwise.
pub fn compare(protocol: &ValidProtocol, walk: &Walk) -> Vec<Recommendation> {
    (protocol.treatments.iter().enumerate())
        .map(|(index, choice)| {
            // The same path: only rules for every treatment end the quiz (validation).
            let walk = self::walk(&choice.protocol, &walk.answers);
            Recommendation { treatment: Some(index), ..recommend_one(&choice.protocol, &walk) }
        })
        .collect()
}

fn recommend_one(protocol: &ValidProtocol, walk: &Walk) -> Recommendation {
    let model = &protocol.model;
    let answer = |q: QuestionIdx| walk.answers.get(q);
    let fired: Vec<Fired> = model
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| rule.when.eval(&answer))
        .map(|(idx, rule)| {
            let mut because = Vec::new();
            rule.when.for_each_test(&mut |q, _| {
                if answer(q).is_some() && !because.contains(&q) {
                    because.push(q);
                }
            });
            because.sort_unstable();
            Fired { rule: idx, effect: rule.effect, because }
        })
        .collect();
    let outcome = Outcome::from_strongest(fired.iter().map(|f| f.effect).max());
    let plan = matches!(outcome, Outcome::Candidate | Outcome::Consult).then(|| plan(protocol, walk)).flatten();
    Recommendation { outcome, fired, plan, ended_by: walk.ended_by, treatment: None }
}

/// Combines every plan part that applies: the largest minimum and the largest maximum.
pub fn plan(protocol: &ValidProtocol, walk: &Walk) -> Option<Plan> {
    let parts: Vec<usize> = (protocol.model.plans.iter().enumerate())
        .filter(|(_, part)| part.when.eval(&|q| walk.answers.get(q)))
        .map(|(idx, _)| idx)
        .collect();
    let span = |pick: fn(&PlanModel) -> Span| -> Option<Span> {
        let spans = parts.iter().map(|&p| pick(&protocol.model.plans[p]));
        Some(Span { min: spans.clone().map(|s| s.min).max()?, max: spans.map(|s| s.max).max()? })
    };
    let sessions = span(|part| part.sessions)?;
    let interval_weeks = span(|part| part.interval_weeks)?;
    // The parts with the largest maximum set the plan; a part with the largest minimum joins them
    // only when none of those has that minimum too.
    let sessions_of = |p: usize| protocol.model.plans[p].sessions;
    let mut set_by: Vec<usize> = parts.iter().copied().filter(|&p| sessions_of(p).max == sessions.max).collect();
    if !set_by.iter().any(|&p| sessions_of(p).min == sessions.min) {
        set_by.extend(parts.iter().copied().filter(|&p| sessions_of(p).min == sessions.min));
        set_by.sort_unstable();
    }
    Some(Plan { sessions, interval_weeks, parts, set_by })
}
