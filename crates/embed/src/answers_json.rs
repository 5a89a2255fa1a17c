//! Answers in their JSON form by ids (`{"concerns": ["acne_scars"], "age": 34, "blood_thinners":
//! "unsure"}`): what a page, a saved session, a lead and the CLI exchange.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answers::{Answers, OptionSet, Value, YesNo};
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

/// Reading and writing a visitor's answers as JSON by ids.
pub trait AnswersJson: Sized {
    /// Reads the JSON form, checking every answer against its question.
    fn from_json(protocol: &ValidProtocol, json: &serde_json::Value) -> Result<Self, AnswerError>;
    /// The JSON form, by ids.
    fn to_json(&self, protocol: &ValidProtocol) -> serde_json::Value;
}

/// Reading and writing one answer as JSON.
pub trait AnswerValueJson {
    /// Reads one answer in its JSON form; the error says what was expected.
    fn parse_value(&self, question: QuestionIdx, raw: &serde_json::Value) -> Result<Value, String>;
    /// Writes one answer in its JSON form.
    fn value_to_json(&self, question: QuestionIdx, value: Value) -> serde_json::Value;
}

impl AnswersJson for Answers {
    fn from_json(protocol: &ValidProtocol, json: &serde_json::Value) -> Result<Answers, AnswerError> {
        let object = json.as_object().ok_or_else(|| AnswerError {
            question: None,
            message: "answers must be a JSON object mapping question ids to answers".to_owned(),
        })?;
        let mut answers = Answers::new(protocol.questions().len());
        for (id, raw) in object {
            let question = protocol.question_idx(id).ok_or_else(|| AnswerError {
                question: Some(id.clone()),
                message: format!("unknown question `{id}`"),
            })?;
            let value = protocol
                .parse_value(question, raw)
                .map_err(|message| AnswerError { question: Some(id.clone()), message })?;
            answers.set(question, Some(value));
        }
        Ok(answers)
    }

    fn to_json(&self, protocol: &ValidProtocol) -> serde_json::Value {
        let map: BTreeMap<&str, serde_json::Value> = self
            .answered()
            .map(|(question, value)| {
                (protocol.questions()[question].id.as_str(), protocol.value_to_json(question, value))
            })
            .collect();
        serde_json::to_value(map).expect("a map of JSON values serializes")
    }
}

impl AnswerValueJson for ValidProtocol {
    fn parse_value(&self, question: QuestionIdx, raw: &serde_json::Value) -> Result<Value, String> {
        let doc = &self.protocol.questions[question];
        let model = &self.model.questions[question];
        let option_idx = |raw: &serde_json::Value| -> Result<usize, String> {
            let id = raw.as_str().ok_or_else(|| format!("expected {}", expected_json(model.kind)))?;
            doc.options.iter().position(|option| option.id == id).ok_or_else(|| {
                let known: Vec<&str> = doc.options.iter().map(|option| option.id.as_str()).collect();
                format!("unknown option `{id}` (options: {})", known.join(", "))
            })
        };
        let value = match (model.kind, raw) {
            (QuestionKind::YesNo, serde_json::Value::Bool(true)) => Value::YesNo(YesNo::Yes),
            (QuestionKind::YesNo, serde_json::Value::Bool(false)) => Value::YesNo(YesNo::No),
            (QuestionKind::YesNo, serde_json::Value::String(s)) if s == "unsure" => {
                if !model.unsure_allowed {
                    return Err("this question does not offer \"I'm not sure\"".to_owned());
                }
                Value::YesNo(YesNo::Unsure)
            }
            (QuestionKind::SingleChoice, raw) => Value::Option(option_idx(raw)?),
            (QuestionKind::MultipleChoice, serde_json::Value::Array(items)) if !items.is_empty() => {
                let mut chosen = OptionSet::default();
                for item in items {
                    chosen.insert(option_idx(item)?);
                }
                Value::Options(chosen)
            }
            (QuestionKind::Number, serde_json::Value::Number(n)) => {
                let n = n.as_i64().ok_or_else(|| format!("expected {}", expected_json(model.kind)))?;
                let (min, max) = model.bounds;
                if n < min || n > max {
                    return Err(format!("{n} is outside {min}..={max}"));
                }
                Value::Number(n)
            }
            _ => return Err(format!("expected {}", expected_json(model.kind))),
        };
        Ok(value)
    }

    fn value_to_json(&self, question: QuestionIdx, value: Value) -> serde_json::Value {
        serde_json::to_value(self.answer_json(question, value)).expect("an answer serializes")
    }
}

/// An answer that does not fit its question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    pub question: Option<String>,
    pub message: String,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.question {
            Some(question) => write!(f, "answer to `{question}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for AnswerError {}

/// How an answer to a question of `kind` is written in JSON, for error messages.
pub fn expected_json(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::SingleChoice => "an option id (a string)",
        QuestionKind::MultipleChoice => "a non-empty list of option ids",
        QuestionKind::YesNo => "`true`, `false` or \"unsure\"",
        QuestionKind::Number => "a whole number",
    }
}
