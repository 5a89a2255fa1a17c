//! The answer on screen before Continue, and why it may not do yet.

use crate::answers::{OptionSet, Value, YesNo};
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

/// What the visitor has entered on the question screen so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Draft {
    #[default]
    None,
    YesNo(YesNo),
    Single(usize),
    Multi(OptionSet),
    /// The number input's text, exactly as typed.
    Number(String),
}

/// Why a draft cannot be stored; [`DraftError::message`] says it in the visitor's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftError {
    pub question: QuestionIdx,
}

impl Draft {
    /// The draft that shows a stored answer (or nothing).
    pub fn from_answer(value: Option<Value>) -> Draft {
        match value {
            None => Draft::None,
            Some(Value::YesNo(answer)) => Draft::YesNo(answer),
            Some(Value::Option(option)) => Draft::Single(option),
            Some(Value::Options(chosen)) => Draft::Multi(chosen),
            Some(Value::Number(n)) => Draft::Number(n.to_string()),
        }
    }

    /// The options ticked so far (multiple choice).
    pub fn chosen(&self) -> OptionSet {
        match self {
            Draft::Multi(chosen) => *chosen,
            Draft::Single(option) => OptionSet::single(*option),
            _ => OptionSet::default(),
        }
    }

    /// The answer this draft stands for, if the question accepts it.
    pub fn to_value(&self, protocol: &ValidProtocol, question: QuestionIdx) -> Result<Value, DraftError> {
        let model = &protocol.model.questions[question];
        let value = match self {
            Draft::YesNo(answer) => Some(Value::YesNo(*answer)),
            Draft::Single(option) => Some(Value::Option(*option)),
            Draft::Multi(chosen) if !chosen.is_empty() => Some(Value::Options(*chosen)),
            Draft::Number(text) => text.trim().parse::<i64>().ok().map(Value::Number),
            Draft::Multi(_) | Draft::None => None,
        };
        value.filter(|&value| model.accepts(value)).ok_or(DraftError { question })
    }
}

impl DraftError {
    /// The question's own error text, or a plain one that fits its kind, in `locale`.
    pub fn message(&self, protocol: &ValidProtocol, locale: &str) -> String {
        let doc = &protocol.questions()[self.question];
        if let Some(error) = &doc.error {
            return error.get(locale).to_owned();
        }
        let words = crate::messages::messages(locale);
        let (min, max) = protocol.model.questions[self.question].bounds;
        match doc.kind {
            QuestionKind::YesNo | QuestionKind::SingleChoice => words.select_an_answer.to_owned(),
            QuestionKind::MultipleChoice => words.select_at_least_one.to_owned(),
            QuestionKind::Number => {
                let (min, max) = (crate::messages::number(locale, min), crate::messages::number(locale, max));
                crate::messages::fill(words.enter_whole_number, &[("min", &min), ("max", &max)])
            }
        }
    }
}
