//! The verifier: proves safety properties of a protocol over every answer path.
//!
//! [`explore`] builds a layered decision diagram of the paths (see `verify/explore.rs`), counting
//! paths instead of walking them; [`verify`] reads the properties off it and keeps one concrete
//! counterexample path per violated property. Timing is the caller's business (no clocks here, so
//! this runs anywhere, wasm included).

mod classes;
mod early_end;
mod explore;
pub(crate) mod layer;
mod monotone;
pub mod profile;
pub(crate) mod step;

use crate::answers::Value;
use crate::protocol::{Effect, Outcome, QuestionIdx, RuleIdx, ValidProtocol};

pub use classes::{Classes, Distinctions, TooManyClasses, MAX_OPTION_GROUPS};
pub use early_end::{hidden_by_early_ends, HiddenByEnd};
pub use explore::{explore, ExploreError, Graph, Node, State, MAX_STATES_PER_LAYER};
pub use monotone::{monotonicity, Masking, Monotonicity, PathPair};

/// A property every protocol must have, phrased as a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Property {
    EveryPathEnds,
    BlockingRuleNeverCandidate,
    FindingNeverCandidate,
    UnsureNeverCandidate,
    RiskierAnswerNeverWeaker,
    EarlyEndHidesNothing,
    CandidateHasPlan,
    EveryRuleFires,
    EveryQuestionAsked,
}

impl Property {
    pub const ALL: [Property; 9] = [
        Property::EveryPathEnds,
        Property::BlockingRuleNeverCandidate,
        Property::FindingNeverCandidate,
        Property::UnsureNeverCandidate,
        Property::RiskierAnswerNeverWeaker,
        Property::EarlyEndHidesNothing,
        Property::CandidateHasPlan,
        Property::EveryRuleFires,
        Property::EveryQuestionAsked,
    ];

    pub fn sentence(self) -> &'static str {
        match self {
            Property::EveryPathEnds => "always: every path ends in exactly one outcome",
            Property::BlockingRuleNeverCandidate => {
                "always: a not_candidate, postpone or consult rule never yields candidate"
            }
            Property::FindingNeverCandidate => "always: a screening finding never yields candidate",
            Property::UnsureNeverCandidate => "always: an unsure screening answer never yields candidate",
            Property::RiskierAnswerNeverWeaker => {
                "always: a riskier screening answer (no < unsure < yes) never yields a weaker outcome"
            }
            Property::EarlyEndHidesNothing => {
                "always: an early end never hides a stronger outcome or a red flag the skipped questions could give"
            }
            Property::CandidateHasPlan => "always: every candidate gets a treatment plan",
            Property::EveryRuleFires => "reachable: every rule fires on some path",
            Property::EveryQuestionAsked => "reachable: every question is asked on some path",
        }
    }
}

/// A concrete path that breaks a property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterexample {
    /// The answers given, in asking order.
    pub answers: Vec<(QuestionIdx, Value)>,
    /// The outcome on that path (`None` when the path never ends).
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Paths that break an `always` property: how many, and one of them.
    Paths {
        paths: u128,
        example: Counterexample,
    },
    /// Pairs of paths, one screening answer apart, whose riskier path has a weaker outcome.
    Pairs {
        paths: u128,
        example: PathPair,
    },
    /// An early end hides a stronger or red-flag rule on these pairs (path, continuation).
    Hidden(HiddenByEnd),
    RuleNeverFires(RuleIdx),
    QuestionNeverAsked(QuestionIdx),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyResult {
    pub property: Property,
    pub failures: Vec<Failure>,
}

impl PropertyResult {
    pub fn holds(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Everything the verifier found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Distinct answer paths (a number question counts once per class of values the protocol
    /// tells apart); saturates at `u128::MAX`.
    pub paths: u128,
    /// Paths per outcome, in [`Outcome::ALL`] order.
    pub outcomes: [u128; 4],
    pub states: usize,
    pub transitions: usize,
    pub results: Vec<PropertyResult>,
    /// Weaker outcomes of a riskier answer explained by an early end (each also fails
    /// [`Property::EarlyEndHidesNothing`]).
    pub maskings: Vec<Masking>,
    /// States of the pair explorations behind [`Property::RiskierAnswerNeverWeaker`] and
    /// [`Property::EarlyEndHidesNothing`].
    pub pair_states: usize,
    pub graph: Graph,
}

impl Report {
    pub fn holds(&self) -> bool {
        self.results.iter().all(PropertyResult::holds)
    }
}

/// Whether an end state breaks a property when its outcome is `candidate`.
type BreaksIfCandidate = fn(&State) -> bool;

/// Explores every path of the protocol and checks every [`Property`].
pub fn verify(protocol: &ValidProtocol) -> Result<Report, ExploreError> {
    let graph = explore(protocol)?;
    let last = graph.layers.len() - 1;
    let mut outcomes = [0u128; 4];
    for node in graph.ends() {
        let slot = &mut outcomes[node.state.outcome() as usize];
        *slot = slot.saturating_add(node.paths);
    }
    let paths = outcomes.iter().fold(0u128, |sum, &n| sum.saturating_add(n));

    let mut results: Vec<PropertyResult> =
        Property::ALL.iter().map(|&property| PropertyResult { property, failures: Vec::new() }).collect();
    let mut fail = |property: Property, failure: Failure| {
        let result = results.iter_mut().find(|r| r.property == property).expect("every property has a slot");
        result.failures.push(failure);
    };

    let mut dead_paths = 0u128;
    for &(layer, node) in &graph.dead_ends {
        dead_paths = dead_paths.saturating_add(graph.layers[layer][node].paths);
    }
    if let Some(&(layer, node)) = graph.dead_ends.first() {
        let example = Counterexample { answers: graph.path_to(layer, node), outcome: None };
        fail(Property::EveryPathEnds, Failure::Paths { paths: dead_paths, example });
    }

    let end_checks: [(Property, BreaksIfCandidate); 4] = [
        (Property::BlockingRuleNeverCandidate, |s| s.strongest >= Some(Effect::Consult)),
        (Property::FindingNeverCandidate, |s| s.finding),
        (Property::UnsureNeverCandidate, |s| s.unsure),
        (Property::CandidateHasPlan, |s| !s.plan),
    ];
    for (property, breaks_if_candidate) in end_checks {
        let violating: Vec<usize> = (graph.ends().iter().enumerate())
            .filter(|(_, node)| node.state.outcome() == Outcome::Candidate && breaks_if_candidate(&node.state))
            .map(|(idx, _)| idx)
            .collect();
        if let Some(&first) = violating.first() {
            let paths = violating.iter().fold(0u128, |sum, &idx| sum.saturating_add(graph.ends()[idx].paths));
            let example = Counterexample { answers: graph.path_to(last, first), outcome: Some(Outcome::Candidate) };
            fail(property, Failure::Paths { paths, example });
        }
    }

    let monotonicity = monotonicity(protocol, &graph.classes)?;
    if let Some(example) = monotonicity.example {
        fail(Property::RiskierAnswerNeverWeaker, Failure::Pairs { paths: monotonicity.violations, example });
    }

    let (hidden, early_end_states) = hidden_by_early_ends(protocol, &graph.classes)?;
    for found in hidden {
        fail(Property::EarlyEndHidesNothing, Failure::Hidden(found));
    }

    for (rule, _) in graph.rule_fired.iter().enumerate().filter(|(_, fired)| !**fired) {
        fail(Property::EveryRuleFires, Failure::RuleNeverFires(rule));
    }
    for (question, _) in graph.question_asked.iter().enumerate().filter(|(_, asked)| !**asked) {
        fail(Property::EveryQuestionAsked, Failure::QuestionNeverAsked(question));
    }

    Ok(Report {
        paths,
        outcomes,
        states: graph.n_states(),
        transitions: graph.n_transitions(),
        results,
        maskings: monotonicity.maskings,
        pair_states: monotonicity.states + early_end_states,
        graph,
    })
}
