//! The resolved model of a protocol that passed validation: ids turned into indices, conditions
//! into [`Cond`]s, and the facts the engine and verifier need precomputed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::answers::OptionSet;
use crate::answers::{AnswerJson, Value, YesNo};

use super::condition::Cond;
use super::{Effect, NumberRange, Protocol, Question, QuestionKind, Span};

pub type QuestionIdx = usize;
pub type RuleIdx = usize;

/// A protocol that passed validation, with its resolved [`Model`].
///
/// INVARIANT: every index in `model` is in bounds of `protocol`, and every condition only tests
/// questions of a kind that matches the test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ValidProtocol {
    pub protocol: Protocol,
    pub model: Model,
    /// The file's fingerprint (the authoring side's `fingerprint`), taken from its JSON as written.
    pub fingerprint: String,
    /// A chooser's treatments, each as its own valid protocol (the authoring side's `chooser`); empty for a
    /// protocol of one treatment.
    pub treatments: Vec<TreatmentChoice>,
}

/// One treatment of a chooser, as the single-treatment protocol it amounts to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TreatmentChoice {
    pub id: String,
    pub protocol: ValidProtocol,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub questions: Vec<QuestionModel>,
    pub rules: Vec<RuleModel>,
    pub plans: Vec<PlanModel>,
    pub question_by_id: BTreeMap<String, QuestionIdx>,
    /// For each parameter, the pointers of the texts that cite it (read before substitution);
    /// the authoring side's, so a compiled protocol leaves it out.
    #[serde(skip)]
    pub parameter_uses: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuestionModel {
    pub kind: QuestionKind,
    pub ask_if: Option<Cond>,
    pub n_options: usize,
    /// Whether a yes/no question offers "I'm not sure".
    pub unsure_allowed: bool,
    pub screening: bool,
    /// Options that are findings (screening only).
    pub finding_options: OptionSet,
    /// Options that mean "I'm not sure".
    pub unsure_options: OptionSet,
    /// For numbers: the accepted range (inclusive).
    pub bounds: (i64, i64),
    /// For screening numbers: the values that are not findings.
    pub safe_range: Option<NumberRange>,
    /// Each option's `risk` among findings (0 when not given).
    pub option_risk: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleModel {
    pub when: Cond,
    pub effect: Effect,
    pub ends_quiz: bool,
    /// The rule is decided once this question has been passed (asked or skipped).
    pub decided_after: QuestionIdx,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanModel {
    pub when: Cond,
    pub sessions: Span,
    pub interval_weeks: Span,
    pub decided_after: QuestionIdx,
}

/// Two valid protocols are equal when their files say the same; the model follows from the file.
impl PartialEq for ValidProtocol {
    fn eq(&self, other: &Self) -> bool {
        self.protocol == other.protocol
    }
}

impl Eq for ValidProtocol {}

impl QuestionModel {
    /// Whether answering `value` is a finding (a contraindication or precaution) of a screening
    /// question; unsure answers to screening questions count as findings.
    pub fn is_finding(&self, value: Value) -> bool {
        self.screening
            && match value {
                Value::YesNo(answer) => answer != YesNo::No,
                Value::Option(option) => self.finding_options.contains(option) || self.unsure_options.contains(option),
                Value::Options(chosen) => chosen.intersects(self.finding_options),
                Value::Number(n) => self.safe_range.is_some_and(|safe| !safe.contains(n)),
            }
    }

    /// How risky an answer to a screening question is: a safe answer 0, "I'm not sure" 1, a
    /// finding 2 plus its option's `risk`. `None` outside screening questions, which the
    /// monotonicity property leaves alone by design.
    pub fn risk(&self, value: Value) -> Option<u32> {
        if !self.screening {
            return None;
        }
        let finding_risk = |options: OptionSet| {
            options.iter().filter(|&o| self.finding_options.contains(o)).map(|o| 2 + self.option_risk[o]).max()
        };
        let risk = match value {
            Value::YesNo(YesNo::No) => 0,
            Value::YesNo(YesNo::Unsure) => 1,
            Value::YesNo(YesNo::Yes) => 2,
            Value::Option(option) => {
                finding_risk(OptionSet::single(option)).unwrap_or(u32::from(self.unsure_options.contains(option)))
            }
            Value::Options(chosen) => finding_risk(chosen).unwrap_or(0),
            Value::Number(_) => 2 * u32::from(self.is_finding(value)),
        };
        Some(risk)
    }

    /// Whether `value` is an "I'm not sure" answer.
    pub fn is_unsure(&self, value: Value) -> bool {
        match value {
            Value::YesNo(answer) => answer == YesNo::Unsure,
            Value::Option(option) => self.unsure_options.contains(option),
            Value::Options(chosen) => chosen.intersects(self.unsure_options),
            Value::Number(_) => false,
        }
    }

    /// Whether `value` is a possible answer to this question.
    pub fn accepts(&self, value: Value) -> bool {
        match (self.kind, value) {
            (QuestionKind::YesNo, Value::YesNo(answer)) => answer != YesNo::Unsure || self.unsure_allowed,
            (QuestionKind::SingleChoice, Value::Option(option)) => option < self.n_options,
            (QuestionKind::MultipleChoice, Value::Options(chosen)) => {
                !chosen.is_empty() && chosen.iter().all(|option| option < self.n_options)
            }
            (QuestionKind::Number, Value::Number(n)) => self.bounds.0 <= n && n <= self.bounds.1,
            _ => false,
        }
    }
}

impl ValidProtocol {
    pub fn questions(&self) -> &[Question] {
        &self.protocol.questions
    }

    pub fn question_idx(&self, id: &str) -> Option<QuestionIdx> {
        self.model.question_by_id.get(id).copied()
    }

    pub fn rule_idx(&self, id: &str) -> Option<RuleIdx> {
        self.protocol.rules.iter().position(|rule| rule.id == id)
    }

    /// One answer as written in JSON by ids.
    pub fn answer_json(&self, question: QuestionIdx, value: Value) -> AnswerJson {
        let options = &self.protocol.questions[question].options;
        match value {
            Value::YesNo(YesNo::Yes) => AnswerJson::Bool(true),
            Value::YesNo(YesNo::No) => AnswerJson::Bool(false),
            Value::YesNo(YesNo::Unsure) => AnswerJson::Text("unsure".to_owned()),
            Value::Option(option) => AnswerJson::Text(options[option].id.clone()),
            Value::Options(chosen) => AnswerJson::List(chosen.iter().map(|o| options[o].id.clone()).collect()),
            Value::Number(n) => AnswerJson::Number(n),
        }
    }

    /// One answer in words for people, e.g. `yes`, `acne_scars+fine_lines`, `34`.
    pub fn value_to_string(&self, question: QuestionIdx, value: Value) -> String {
        let options = &self.protocol.questions[question].options;
        match value {
            Value::YesNo(answer) => answer.as_str().to_owned(),
            Value::Option(option) => options[option].id.clone(),
            Value::Options(chosen) => {
                let ids: Vec<&str> = chosen.iter().map(|o| options[o].id.as_str()).collect();
                format!("[{}]", ids.join(","))
            }
            Value::Number(n) => n.to_string(),
        }
    }
}
