//! Answer classes: the answers to one question that no condition of the protocol can tell apart.
//!
//! The verifier explores one representative per class and counts the class's size, which is what
//! lets it count 10^14 paths while visiting a few thousand states.

use crate::answers::{OptionSet, Value, YesNo};
use crate::protocol::condition::Test;
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

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

impl Classes {
    pub fn of(protocol: &ValidProtocol, question: QuestionIdx) -> Result<Classes, TooManyClasses> {
        let model = &protocol.model.questions[question];
        let tests = tests_on(protocol, question);
        let classes = match model.kind {
            QuestionKind::YesNo => {
                let mut values = vec![YesNo::Yes, YesNo::No];
                if model.unsure_allowed {
                    values.push(YesNo::Unsure);
                }
                Classes {
                    classes: values.into_iter().map(|v| (Value::YesNo(v), 1)).collect(),
                    shape: Shape::Listed,
                }
            }
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                let mut sets: Vec<OptionSet> = tests
                    .iter()
                    .filter_map(|test| match test {
                        Test::ChoseAny(set) | Test::ChoseOnly(set) => Some(*set),
                        _ => None,
                    })
                    .collect();
                sets.extend([model.finding_options, model.unsure_options]);
                let (group_of, group_sizes, firsts) = group_options(model.n_options, &sets);
                if model.kind == QuestionKind::SingleChoice {
                    let classes = firsts
                        .iter()
                        .zip(&group_sizes)
                        .map(|(&o, &n)| (Value::Option(o), n as u128))
                        .collect();
                    Classes {
                        classes,
                        shape: Shape::SingleGroups { group_of },
                    }
                } else {
                    let groups = group_sizes.len();
                    if groups > MAX_OPTION_GROUPS {
                        return Err(TooManyClasses { question, groups });
                    }
                    let classes = (1u64..1 << groups)
                        .map(|mask| {
                            let touched = (0..groups).filter(|g| mask & (1 << g) != 0);
                            let representative: OptionSet =
                                touched.clone().map(|g| firsts[g]).collect();
                            let count = touched.map(|g| (1u128 << group_sizes[g]) - 1).product();
                            (Value::Options(representative), count)
                        })
                        .collect();
                    Classes {
                        classes,
                        shape: Shape::MultiGroups { group_of },
                    }
                }
            }
            QuestionKind::Number => {
                let (min, max) = model.bounds;
                let mut cuts = vec![min, max.saturating_add(1)];
                let ranges = tests.iter().filter_map(|test| match test {
                    Test::Number(range) => Some(*range),
                    _ => None,
                });
                for range in ranges.chain(model.safe_range) {
                    cuts.extend(
                        [range.at_least, range.below]
                            .into_iter()
                            .flatten()
                            .filter(|&c| min < c && c <= max),
                    );
                }
                cuts.sort_unstable();
                cuts.dedup();
                let classes = cuts[..cuts.len() - 1]
                    .iter()
                    .map(|&low| (Value::Number(low), 1))
                    .collect();
                Classes {
                    classes,
                    shape: Shape::Intervals { cuts },
                }
            }
        };
        Ok(classes)
    }

    /// The class of an answer the question accepts.
    pub fn classify(&self, value: Value) -> Option<usize> {
        match (&self.shape, value) {
            (Shape::Listed, value) => self.classes.iter().position(|(v, _)| *v == value),
            (Shape::SingleGroups { group_of }, Value::Option(option)) => {
                group_of.get(option).copied()
            }
            (Shape::MultiGroups { group_of }, Value::Options(chosen)) => {
                let mut mask = 0usize;
                for option in chosen.iter() {
                    mask |= 1 << *group_of.get(option)?;
                }
                mask.checked_sub(1)
            }
            (Shape::Intervals { cuts }, Value::Number(n)) => (cuts[0] <= n
                && n < cuts[cuts.len() - 1])
                .then(|| cuts.partition_point(|&c| c <= n) - 1),
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
