//! Exploration of every answer path as a layered decision diagram.
//!
//! Layer `k` holds the distinct *states* a visitor can be in after the first `k` questions. A state
//! keeps only what the rest of the protocol can still observe: the truth of each test that a later
//! condition makes on an earlier answer (its *pending tests*), the strongest effect so far, and a
//! few flags.
//! Paths that reach the same state have the same futures, so they are explored once and counted
//! together; each node remembers one parent, which is enough to print a concrete path.

use std::collections::HashMap;

use super::classes::{Classes, TooManyClasses};
use super::step::{Fired, Steps};
use crate::answers::{Answers, Value};
use crate::protocol::condition::Test;
use crate::protocol::{Effect, Outcome, QuestionIdx, ValidProtocol};

/// A test on an earlier question that a condition decided later still needs.
pub type Pending = (QuestionIdx, Test);

/// Exploration stops past this many states in one layer: the protocol's conditions tie too many
/// answers together to be checked here.
pub const MAX_STATES_PER_LAYER: usize = 1 << 21;

/// What a visitor's path has accumulated that the outcome and the properties depend on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct State {
    /// The truth of each of the layer's pending tests, in `Graph::pending` order.
    pub tests: Vec<bool>,
    pub strongest: Option<Effect>,
    /// A rule with `ends_quiz` fired: no further question is asked.
    pub ended: bool,
    /// A screening question got a finding.
    pub finding: bool,
    /// A screening question got an unsure answer.
    pub unsure: bool,
    /// Some plan part applies.
    pub plan: bool,
}

impl State {
    pub fn outcome(&self) -> Outcome {
        Outcome::from_strongest(self.strongest)
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    pub state: State,
    /// How many distinct answer paths reach this node (saturating).
    pub paths: u128,
    /// The node in the previous layer this one was first reached from, and the answer given.
    pub parent: Option<(usize, Option<Value>)>,
    /// Whether the next question is asked from here (filled when the next layer is built).
    pub asks_next: bool,
    /// The next layer's node for each answer class (or the one node, when not asked).
    pub edges: Vec<usize>,
}

/// The explored diagram: `layers[k]` are the states after `k` questions.
#[derive(Debug, Clone)]
pub struct Graph {
    pub layers: Vec<Vec<Node>>,
    pub classes: Vec<Classes>,
    /// `pending[k]`: the tests layer `k` keeps, sorted.
    pub pending: Vec<Vec<Pending>>,
    pub rule_fired: Vec<bool>,
    pub question_asked: Vec<bool>,
    /// Nodes that ask a question with no possible answer: `(layer, node)`.
    pub dead_ends: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExploreError {
    TooManyClasses(TooManyClasses),
    TooManyStates { question: QuestionIdx, states: usize },
}

impl From<TooManyClasses> for ExploreError {
    fn from(too_many: TooManyClasses) -> ExploreError {
        ExploreError::TooManyClasses(too_many)
    }
}

pub fn explore(protocol: &ValidProtocol) -> Result<Graph, ExploreError> {
    let model = &protocol.model;
    let n = model.questions.len();
    let classes = (0..n).map(|q| Classes::of(protocol, q)).collect::<Result<Vec<_>, _>>();
    let classes = classes.map_err(ExploreError::TooManyClasses)?;
    let steps = Steps::of(protocol);

    let root = Node { state: Steps::root(), paths: 1, parent: None, asks_next: false, edges: Vec::new() };
    let mut graph = Graph {
        layers: vec![vec![root]],
        classes,
        pending: steps.pending.clone(),
        rule_fired: vec![false; model.rules.len()],
        question_asked: vec![false; n],
        dead_ends: Vec::new(),
    };

    for question in 0..n {
        let step = steps.at(protocol, question);
        let current = &mut graph.layers[question];
        let mut next: Vec<Node> = Vec::new();
        let mut index: HashMap<State, usize> = HashMap::new();

        for (node_idx, node) in current.iter_mut().enumerate() {
            let asked = step.asks(&node.state);
            node.asks_next = asked;
            let answers: Vec<(Option<Value>, u128)> = if asked {
                graph.question_asked[question] = true;
                graph.classes[question].classes.iter().map(|&(value, count)| (Some(value), count)).collect()
            } else {
                vec![(None, 1)]
            };
            if answers.is_empty() {
                graph.dead_ends.push((question, node_idx));
            }
            for (value, count) in answers {
                let state = step.advance(&node.state, value, &mut |fired| {
                    if let Fired::Rule(rule) = fired {
                        graph.rule_fired[rule] = true;
                    }
                });
                let paths = node.paths.saturating_mul(count);
                let target = *index.entry(state).or_insert_with_key(|state| {
                    next.push(Node {
                        state: state.clone(),
                        paths: 0,
                        parent: Some((node_idx, value)),
                        asks_next: false,
                        edges: Vec::new(),
                    });
                    next.len() - 1
                });
                next[target].paths = next[target].paths.saturating_add(paths);
                node.edges.push(target);
            }
        }
        if next.len() > MAX_STATES_PER_LAYER {
            return Err(ExploreError::TooManyStates { question, states: next.len() });
        }
        graph.layers.push(next);
    }
    Ok(graph)
}

impl Graph {
    /// The final layer: one node per distinct end state.
    pub fn ends(&self) -> &[Node] {
        self.layers.last().map_or(&[], Vec::as_slice)
    }

    /// The answers along the remembered path to `(layer, node)`.
    pub fn path_to(&self, layer: usize, node: usize) -> Vec<(QuestionIdx, Value)> {
        let mut path = Vec::new();
        let (mut layer, mut node) = (layer, node);
        while let Some((parent, value)) = self.layers[layer][node].parent {
            layer -= 1;
            if let Some(value) = value {
                path.push((layer, value));
            }
            node = parent;
        }
        path.reverse();
        path
    }

    /// The outcome the diagram records for a complete set of answers, following its edges.
    /// `None` if an answer on the path is missing or not accepted.
    pub fn outcome_of(&self, answers: &Answers) -> Option<Outcome> {
        let mut node = 0;
        for (question, layer) in self.layers[..self.layers.len() - 1].iter().enumerate() {
            let current = &layer[node];
            let class = if current.asks_next { self.classes[question].classify(answers.get(question)?)? } else { 0 };
            node = *current.edges.get(class)?;
        }
        Some(self.ends()[node].state.outcome())
    }

    pub fn n_states(&self) -> usize {
        self.layers.iter().map(Vec::len).sum()
    }

    pub fn n_transitions(&self) -> usize {
        self.layers.iter().flatten().map(|node| node.edges.len()).sum()
    }
}
