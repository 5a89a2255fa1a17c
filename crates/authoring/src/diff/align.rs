//! Lining two protocols' questions up: one layer per question id, in an order both protocols
//! keep, with answer classes that refine both protocols' distinctions.

use std::collections::HashSet;

use super::DiffError;
use crate::answers::{OptionSet, Value};
use crate::protocol::{QuestionIdx, ValidProtocol};
use crate::verify::{Classes, Distinctions};

/// One question of either protocol.
pub(super) struct Layer {
    pub old: Option<QuestionIdx>,
    pub new: Option<QuestionIdx>,
    /// Classes no condition of either protocol tells apart, with values in the old protocol's
    /// option indices when it has the question, else in the new one's.
    pub classes: Classes,
    /// For a question of both: each old option's index in the new protocol.
    to_new: Vec<usize>,
}

impl Layer {
    /// An answer of this layer's classes as the new protocol indexes it.
    pub fn to_new(&self, value: Value) -> Value {
        if self.old.is_none() {
            return value;
        }
        match value {
            Value::Option(option) => Value::Option(self.to_new[option]),
            Value::Options(chosen) => Value::Options(chosen.iter().map(|o| self.to_new[o]).collect()),
            other => other,
        }
    }
}

/// The layers: questions of both protocols in their common order, each side's own questions
/// where that side lists them. Fails when the protocols order common questions differently or
/// when a common question accepts different answers.
pub(super) fn align(old: &ValidProtocol, new: &ValidProtocol) -> Result<Vec<Layer>, DiffError> {
    let ids = |p: &ValidProtocol| -> Vec<String> { p.questions().iter().map(|q| q.id.clone()).collect() };
    let (old_ids, new_ids) = (ids(old), ids(new));
    let in_old: HashSet<&str> = old_ids.iter().map(String::as_str).collect();
    let in_new: HashSet<&str> = new_ids.iter().map(String::as_str).collect();
    let mut layers = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old_ids.len() || j < new_ids.len() {
        if i < old_ids.len() && !in_new.contains(old_ids[i].as_str()) {
            let classes = Classes::of(old, i).map_err(|e| DiffError::Explore(e.into()))?;
            layers.push(Layer { old: Some(i), new: None, classes, to_new: Vec::new() });
            i += 1;
        } else if j < new_ids.len() && !in_old.contains(new_ids[j].as_str()) {
            let classes = Classes::of(new, j).map_err(|e| DiffError::Explore(e.into()))?;
            layers.push(Layer { old: None, new: Some(j), classes, to_new: Vec::new() });
            j += 1;
        } else if old_ids[i] == new_ids[j] {
            layers.push(common(old, i, new, j)?);
            (i, j) = (i + 1, j + 1);
        } else {
            return Err(DiffError::Reordered { first: old_ids[i].clone(), second: new_ids[j].clone() });
        }
    }
    Ok(layers)
}

fn common(old: &ValidProtocol, i: QuestionIdx, new: &ValidProtocol, j: QuestionIdx) -> Result<Layer, DiffError> {
    let (old_doc, new_doc) = (&old.questions()[i], &new.questions()[j]);
    let (old_model, new_model) = (&old.model.questions[i], &new.model.questions[j]);
    let to_new: Option<Vec<usize>> =
        old_doc.options.iter().map(|o| new_doc.options.iter().position(|n| n.id == o.id)).collect();
    let same_answers = old_model.kind == new_model.kind
        && old_model.unsure_allowed == new_model.unsure_allowed
        && old_model.bounds == new_model.bounds
        && old_doc.options.len() == new_doc.options.len()
        && to_new.is_some();
    let (true, Some(to_new)) = (same_answers, to_new) else {
        return Err(DiffError::AnswersChanged { question: old_doc.id.clone() });
    };
    let to_old: Vec<usize> = (0..to_new.len()).map(|n| to_new.iter().position(|&o| o == n).unwrap_or(0)).collect();
    let mut distinctions = Distinctions::of(old, i);
    let theirs = Distinctions::of(new, j);
    distinctions.sets.extend(theirs.sets.iter().map(|set| set.iter().map(|o| to_old[o]).collect::<OptionSet>()));
    distinctions.cuts.extend(theirs.cuts);
    let classes = Classes::refining(old, i, &distinctions).map_err(|e| DiffError::Explore(e.into()))?;
    Ok(Layer { old: Some(i), new: Some(j), classes, to_new })
}
