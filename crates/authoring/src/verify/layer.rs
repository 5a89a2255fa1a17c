//! One layer of a path exploration as it is built: each distinct state once, with how many paths
//! reach it and the first parent that did (enough to print a concrete path). The pair
//! explorations (monotonicity, early ends, the profile proof, the diff) all build layers so.

use std::collections::HashMap;
use std::hash::Hash;

use super::explore::{ExploreError, MAX_STATES_PER_LAYER};
use crate::protocol::QuestionIdx;

/// A built layer: each state with its path count, and each state's first parent.
pub(crate) type Built<S, P> = (Vec<(S, u128)>, Vec<P>);

pub(crate) struct NextLayer<S, P> {
    nodes: Vec<(S, u128)>,
    parents: Vec<P>,
    index: HashMap<S, usize>,
}

impl<S: Clone + Eq + Hash, P> NextLayer<S, P> {
    pub(crate) fn new() -> NextLayer<S, P> {
        NextLayer { nodes: Vec::new(), parents: Vec::new(), index: HashMap::new() }
    }

    /// Counts `paths` more paths into `state`; the first to reach it leaves `parent`.
    pub(crate) fn add(&mut self, state: S, paths: u128, parent: P) {
        let NextLayer { nodes, parents, index } = self;
        let target = *index.entry(state).or_insert_with_key(|state| {
            nodes.push((state.clone(), 0));
            parents.push(parent);
            nodes.len() - 1
        });
        nodes[target].1 = nodes[target].1.saturating_add(paths);
    }

    /// The layer built after `question` and each node's parent; refused past
    /// [`MAX_STATES_PER_LAYER`].
    pub(crate) fn finish(self, question: QuestionIdx) -> Result<Built<S, P>, ExploreError> {
        if self.nodes.len() > MAX_STATES_PER_LAYER {
            return Err(ExploreError::TooManyStates { question, states: self.nodes.len() });
        }
        Ok((self.nodes, self.parents))
    }
}
