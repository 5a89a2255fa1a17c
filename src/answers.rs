//! A visitor's answers: [`Value`]s by question index, and their JSON form by ids
//! (`{"concerns": ["acne_scars"], "age": 34, "blood_thinners": "unsure"}`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

/// A yes/no answer, with "I'm not sure".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YesNo {
    No,
    Unsure,
    Yes,
}

impl YesNo {
    pub fn as_str(self) -> &'static str {
        match self {
            YesNo::Yes => "yes",
            YesNo::No => "no",
            YesNo::Unsure => "unsure",
        }
    }
}

/// A set of option indices of one question (at most 64 options, checked by validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct OptionSet(pub u64);

impl OptionSet {
    pub const MAX_OPTIONS: usize = 64;

    pub fn single(option: usize) -> OptionSet {
        OptionSet(1 << option)
    }
    pub fn contains(self, option: usize) -> bool {
        option < 64 && self.0 & (1 << option) != 0
    }
    pub fn insert(&mut self, option: usize) {
        self.0 |= 1 << option;
    }
    pub fn intersects(self, other: OptionSet) -> bool {
        self.0 & other.0 != 0
    }
    pub fn is_subset_of(self, other: OptionSet) -> bool {
        self.0 & !other.0 == 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |&option| self.contains(option))
    }
}

impl FromIterator<usize> for OptionSet {
    fn from_iter<I: IntoIterator<Item = usize>>(options: I) -> Self {
        let mut set = OptionSet::default();
        options.into_iter().for_each(|option| set.insert(option));
        set
    }
}

/// One question's answer, by option index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    YesNo(YesNo),
    /// A single choice.
    Option(usize),
    /// A multiple choice (never empty).
    Options(OptionSet),
    Number(i64),
}

/// Answers by question index; `None` is unanswered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Answers(Vec<Option<Value>>);

impl Answers {
    pub fn new(n_questions: usize) -> Answers {
        Answers(vec![None; n_questions])
    }
    pub fn get(&self, question: QuestionIdx) -> Option<Value> {
        self.0.get(question).copied().flatten()
    }
    pub fn set(&mut self, question: QuestionIdx, value: Option<Value>) {
        if question >= self.0.len() {
            self.0.resize(question + 1, None);
        }
        self.0[question] = value;
    }
    pub fn answered(&self) -> impl Iterator<Item = (QuestionIdx, Value)> + '_ {
        self.0.iter().enumerate().filter_map(|(question, value)| Some((question, (*value)?)))
    }

    /// Reads the JSON form, checking every answer against its question.
    pub fn from_json(protocol: &ValidProtocol, json: &serde_json::Value) -> Result<Answers, AnswerError> {
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

    /// The JSON form, by ids.
    pub fn to_json(&self, protocol: &ValidProtocol) -> serde_json::Value {
        let map: BTreeMap<&str, serde_json::Value> = self
            .answered()
            .map(|(question, value)| {
                (protocol.questions()[question].id.as_str(), protocol.value_to_json(question, value))
            })
            .collect();
        serde_json::to_value(map).expect("a map of JSON values serializes")
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
