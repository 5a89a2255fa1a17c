//! Answer classes: the answers to one question that no condition of the protocol can tell apart.
//!
//! The verifier explores one representative per class and counts the class's size, which is what
//! lets it count 10^14 paths while visiting a few thousand states.

use crate::answers::{OptionSet, Value, YesNo};
use crate::protocol::condition::Test;
use crate::protocol::{QuestionIdx, QuestionKind, QuestionModel, ValidProtocol};

/// Multiple choice questions whose options fall into more groups than this are refused: the
/// number of classes doubles with each group.
pub const MAX_OPTION_GROUPS: usize = 20;

/// The classes of one question.
#[derive(Debug, Clone)]
pub struct Classes {
    /// One representative answer per class, with how many answers the class holds.
    pub classes: Vec<(Value, u128)>,
    shape: Shape,
}

#[derive(Debug, Clone)]
enum Shape {
    /// Classes are the values themselves: yes/no.
    Listed,
    /// Option `o` belongs to group `group_of[o]`; single choice: class = group.
    SingleGroups { group_of: Vec<usize> },
    /// Multiple choice: class index = (bitmask of groups touched) - 1.
    MultiGroups { group_of: Vec<usize> },
    /// Numbers: class `k` is `cuts[k] <= n < cuts[k + 1]`.
    Intervals { cuts: Vec<i64> },
}

/// Why a question cannot be explored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyClasses {
    pub question: QuestionIdx,
    pub groups: usize,
}

/// What the protocol's conditions (and its findings) can tell apart among one question's answers:
/// option sets and number bounds. Two protocols' distinctions merge into a common refinement.
#[derive(Debug, Clone, Default)]
pub struct Distinctions {
    pub sets: Vec<OptionSet>,
    pub cuts: Vec<i64>,
}

impl Distinctions {
    pub fn of(protocol: &ValidProtocol, question: QuestionIdx) -> Distinctions {
        let model = &protocol.model.questions[question];
        let mut distinctions = Distinctions::default();
        for test in tests_on(protocol, question) {
            match test {
                Test::ChoseAny(set) | Test::ChoseOnly(set) => distinctions.sets.push(set),
                Test::Number(range) => distinctions.cuts.extend([range.at_least, range.below].into_iter().flatten()),
                Test::YesNo(_) => {}
            }
        }
        distinctions.sets.extend([model.finding_options, model.unsure_options]);
        // An option that screens profile items of its own is told apart from the other findings.
        let options = &protocol.protocol.questions[question].options;
        distinctions.sets.extend(
            (options.iter().enumerate()).filter(|(_, o)| !o.screens.is_empty()).map(|(o, _)| OptionSet::single(o)),
        );
        // Findings of different risk are told apart by the monotonicity property.
        let mut risks: Vec<u32> = model.option_risk.iter().copied().filter(|&r| r > 0).collect();
        risks.sort_unstable();
        risks.dedup();
        distinctions.sets.extend(
            risks
                .into_iter()
                .map(|risk| (0..model.n_options).filter(|&o| model.option_risk[o] == risk).collect::<OptionSet>()),
        );
        distinctions.cuts.extend(model.safe_range.iter().flat_map(|r| [r.at_least, r.below]).flatten());
        distinctions
    }
}

impl Classes {
    /// The classes, safest answers first (by [`QuestionModel::risk`]): explorations that remember
    /// the first path to reach a state then print examples that read "no other finding"
    /// wherever an answer does not matter.
    pub fn safest_first(&self, question: &QuestionModel) -> Vec<(Value, u128)> {
        let mut answers = self.classes.clone();
        answers.sort_by_key(|&(value, _)| question.risk(value));
        answers
    }

    pub fn of(protocol: &ValidProtocol, question: QuestionIdx) -> Result<Classes, TooManyClasses> {
        let distinctions = Distinctions::of(protocol, question);
        Classes::refining(protocol, question, &distinctions)
    }

    /// The classes of `question` that `distinctions` (possibly merged from several protocols) tell apart.
    pub fn refining(
        protocol: &ValidProtocol,
        question: QuestionIdx,
        distinctions: &Distinctions,
    ) -> Result<Classes, TooManyClasses> {
        let model = &protocol.model.questions[question];
        let classes = match model.kind {
            QuestionKind::YesNo => {
                let mut values = vec![YesNo::Yes, YesNo::No];
                if model.unsure_allowed {
                    values.push(YesNo::Unsure);
                }
                Classes { classes: values.into_iter().map(|v| (Value::YesNo(v), 1)).collect(), shape: Shape::Listed }
            }
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                let (group_of, group_sizes, firsts) = group_options(model.n_options, &distinctions.sets);
                if model.kind == QuestionKind::SingleChoice {
                    let classes =
                        firsts.iter().zip(&group_sizes).map(|(&o, &n)| (Value::Option(o), n as u128)).collect();
                    Classes { classes, shape: Shape::SingleGroups { group_of } }
                } else {
                    let groups = group_sizes.len();
                    if groups > MAX_OPTION_GROUPS {
                        return Err(TooManyClasses { question, groups });
                    }
                    let classes = (1u64..1 << groups)
                        .map(|mask| {
                            let touched = (0..groups).filter(|g| mask & (1 << g) != 0);
                            let representative: OptionSet = touched.clone().map(|g| firsts[g]).collect();
                            let count = touched.map(|g| (1u128 << group_sizes[g]) - 1).product();
                            (Value::Options(representative), count)
                        })
                        .collect();
                    Classes { classes, shape: Shape::MultiGroups { group_of } }
                }
            }
            QuestionKind::Number => {
                let (min, max) = model.bounds;
                let mut cuts = vec![min, max.saturating_add(1)];
                cuts.extend(distinctions.cuts.iter().copied().filter(|&c| min < c && c <= max));
                cuts.sort_unstable();
                cuts.dedup();
                let classes = cuts[..cuts.len() - 1].iter().map(|&low| (Value::Number(low), 1)).collect();
                Classes { classes, shape: Shape::Intervals { cuts } }
            }
        };
        Ok(classes)
    }

    /// The class of an answer the question accepts.
    pub fn classify(&self, value: Value) -> Option<usize> {
        match (&self.shape, value) {
            (Shape::Listed, value) => self.classes.iter().position(|(v, _)| *v == value),
            (Shape::SingleGroups { group_of }, Value::Option(option)) => group_of.get(option).copied(),
            (Shape::MultiGroups { group_of }, Value::Options(chosen)) => {
                let mut mask = 0usize;
                for option in chosen.iter() {
                    mask |= 1 << *group_of.get(option)?;
                }
                mask.checked_sub(1)
            }
            (Shape::Intervals { cuts }, Value::Number(n)) => {
                (cuts[0] <= n && n < cuts[cuts.len() - 1]).then(|| cuts.partition_point(|&c| c <= n) - 1)
            }
            _ => None,
        }
    }
}

/// Groups options by which sets contain them: options in one group are indistinguishable.
/// Returns each option's group, each group's size, and each group's first option.
fn group_options(n_options: usize, sets: &[OptionSet]) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let mut signatures: Vec<Vec<bool>> = Vec::new();
    let mut group_of = Vec::with_capacity(n_options);
    let mut sizes = Vec::new();
    let mut firsts = Vec::new();
    for option in 0..n_options {
        let signature: Vec<bool> = sets.iter().map(|set| set.contains(option)).collect();
        let group = match signatures.iter().position(|s| *s == signature) {
            Some(group) => group,
            None => {
                signatures.push(signature);
                sizes.push(0);
                firsts.push(option);
                signatures.len() - 1
            }
        };
        sizes[group] += 1;
        group_of.push(group);
    }
    (group_of, sizes, firsts)
}

/// Every test any condition of the protocol makes on `question`.
fn tests_on(protocol: &ValidProtocol, question: QuestionIdx) -> Vec<Test> {
    let model = &protocol.model;
    let conds = (model.questions.iter().filter_map(|q| q.ask_if.as_ref()))
        .chain(model.rules.iter().map(|r| &r.when))
        .chain(model.plans.iter().map(|p| &p.when));
    let mut tests = Vec::new();
    for cond in conds {
        cond.for_each_test(&mut |q, test| {
            if q == question {
                tests.push(*test);
            }
        });
    }
    tests
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::OptionSet;

    fn default_protocol() -> ValidProtocol {
        crate::protocol::load("microneedling.json", crate::DEFAULT_PROTOCOL).unwrap().protocol
    }

    #[test]
    fn class_sizes_add_up_to_every_answer_of_the_default_protocol() {
        let protocol = default_protocol();
        let sizes: Vec<u128> = (0..protocol.questions().len())
            .map(|q| Classes::of(&protocol, q).unwrap().classes.iter().map(|(_, n)| n).sum())
            .collect();
        let concerns = protocol.question_idx("concerns").unwrap();
        let age = protocol.question_idx("age").unwrap();
        let skin_tone = protocol.question_idx("skin_tone").unwrap();
        assert_eq!(sizes[concerns], 255, "every non-empty set of 8 concerns");
        assert_eq!(sizes[age], 3, "under 18, 18 to 21, 22 and over");
        assert_eq!(sizes[skin_tone], 6);
        let tone_classes = Classes::of(&protocol, skin_tone).unwrap();
        assert_eq!(tone_classes.classes.len(), 2, "types 1-4 behave alike, and so do 5 and 6 (the note)");
    }

    #[test]
    fn every_answer_falls_in_the_class_of_its_representative_behaviour() {
        let protocol = default_protocol();
        for question in 0..protocol.questions().len() {
            let classes = Classes::of(&protocol, question).unwrap();
            let model = &protocol.model.questions[question];
            let values: Vec<Value> = match model.kind {
                QuestionKind::YesNo => {
                    vec![Value::YesNo(YesNo::Yes), Value::YesNo(YesNo::No), Value::YesNo(YesNo::Unsure)]
                }
                QuestionKind::SingleChoice => (0..model.n_options).map(Value::Option).collect(),
                QuestionKind::MultipleChoice => {
                    (1..1u64 << model.n_options).map(|m| Value::Options(OptionSet(m))).collect()
                }
                QuestionKind::Number => (model.bounds.0..=model.bounds.1).map(Value::Number).collect(),
            };
            let mut counted = vec![0u128; classes.classes.len()];
            for value in values {
                let class = classes.classify(value).unwrap_or_else(|| panic!("question {question}: {value:?}"));
                counted[class] += 1;
                let (representative, _) = classes.classes[class];
                for test in tests_on(&protocol, question) {
                    assert_eq!(test.holds(&value), test.holds(&representative), "{value:?} vs {representative:?}");
                }
                assert_eq!(model.is_finding(value), model.is_finding(representative));
            }
            if model.kind != QuestionKind::Number {
                let sizes: Vec<u128> = classes.classes.iter().map(|(_, n)| *n).collect();
                assert_eq!(counted, sizes, "question {question}");
            }
        }
    }
}
