//! Conditions on answers: the JSON form ([`Condition`], ids) and the resolved form ([`Cond`],
//! indices) that the engine and the verifier both evaluate through [`Cond::eval`].
//!
//! A test on a question that was not answered (hidden, or not reached) is false, so `not` of it
//! is true.

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{NumberRange, OptionSet, QuestionIdx};
use crate::answers::{Value, YesNo};

/// A condition on answers, as written in a protocol file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// The yes/no question (by id) was answered yes.
    Yes(String),
    /// The yes/no question (by id) was answered no.
    No(String),
    /// The yes/no question (by id) was answered "I'm not sure".
    Unsure(String),
    /// The option was chosen (single choice) or is among those chosen (multiple choice).
    Chose(ChoiceTest),
    /// At least one of the options was chosen.
    ChoseAny(ChoicesTest),
    /// Everything chosen is among these options.
    ChoseOnly(ChoicesTest),
    /// The number answered lies in `at_least <= n < below`.
    Number(NumberTest),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoiceTest {
    pub question: String,
    pub option: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoicesTest {
    pub question: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NumberTest {
    pub question: String,
    #[serde(default)]
    pub at_least: Option<i64>,
    #[serde(default)]
    pub below: Option<i64>,
}

/// A condition with its ids resolved; built only by validation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Test(QuestionIdx, Test),
}

/// A test on one question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Test {
    /// The yes/no answer equals this.
    YesNo(YesNo),
    /// The chosen option (or one of the chosen options) is in the set.
    ChoseAny(OptionSet),
    /// Every chosen option is in the set.
    ChoseOnly(OptionSet),
    /// The number is in the range.
    Number(NumberRange),
}

/// What is known of a question's answer while a visitor is still on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Value(Value),
    /// Hidden, or not reached because the quiz ended: tests on it are false.
    Absent,
    /// Not answered yet: could still be anything.
    Unknown,
}

impl Test {
    pub fn holds(&self, value: &Value) -> bool {
        match (self, value) {
            (Test::YesNo(expected), Value::YesNo(actual)) => expected == actual,
            (Test::ChoseAny(set), Value::Option(option)) => set.contains(*option),
            (Test::ChoseAny(set), Value::Options(chosen)) => set.intersects(*chosen),
            (Test::ChoseOnly(set), Value::Option(option)) => set.contains(*option),
            (Test::ChoseOnly(set), Value::Options(chosen)) => chosen.is_subset_of(*set),
            (Test::Number(range), Value::Number(n)) => range.contains(*n),
            // INVARIANT: validation only builds tests that match their question's kind, and
            // answers are checked against kinds before they reach evaluation.
            _ => false,
        }
    }
}

impl Cond {
    /// Evaluates with every answer known; `None` means not answered.
    pub fn eval(&self, answer: &impl Fn(QuestionIdx) -> Option<Value>) -> bool {
        self.eval_tests(&|question, test| answer(question).is_some_and(|value| test.holds(&value)))
    }

    /// Evaluates given the truth of each test; the verifier knows tests, not answers.
    pub fn eval_tests(&self, holds: &impl Fn(QuestionIdx, &Test) -> bool) -> bool {
        match self {
            Cond::All(conds) => conds.iter().all(|c| c.eval_tests(holds)),
            Cond::Any(conds) => conds.iter().any(|c| c.eval_tests(holds)),
            Cond::Not(cond) => !cond.eval_tests(holds),
            Cond::Test(question, test) => holds(*question, test),
        }
    }

    /// Three-valued evaluation: `None` when the outcome depends on answers still unknown.
    pub fn eval_partial(&self, known: &impl Fn(QuestionIdx) -> Known) -> Option<bool> {
        match self {
            Cond::All(conds) => {
                let mut result = Some(true);
                for cond in conds {
                    match cond.eval_partial(known) {
                        Some(false) => return Some(false),
                        None => result = None,
                        Some(true) => {}
                    }
                }
                result
            }
            Cond::Any(conds) => {
                let mut result = Some(false);
                for cond in conds {
                    match cond.eval_partial(known) {
                        Some(true) => return Some(true),
                        None => result = None,
                        Some(false) => {}
                    }
                }
                result
            }
            Cond::Not(cond) => cond.eval_partial(known).map(|b| !b),
            Cond::Test(question, test) => match known(*question) {
                Known::Value(value) => Some(test.holds(&value)),
                Known::Absent => Some(false),
                Known::Unknown => None,
            },
        }
    }

    /// Calls `visit` for every test, with its question.
    pub fn for_each_test(&self, visit: &mut impl FnMut(QuestionIdx, &Test)) {
        match self {
            Cond::All(conds) | Cond::Any(conds) => conds.iter().for_each(|c| c.for_each_test(visit)),
            Cond::Not(cond) => cond.for_each_test(visit),
            Cond::Test(question, test) => visit(*question, test),
        }
    }

    /// The latest question the condition refers to, if any.
    pub fn last_question(&self) -> Option<QuestionIdx> {
        let mut last = None;
        self.for_each_test(&mut |question, _| last = last.max(Some(question)));
        last
    }
}
