//! A visitor's answers: [`Value`]s by question index, and their JSON form by ids
//! (`{"concerns": ["acne_scars"], "age": 34, "blood_thinners": "unsure"}`).

use serde::{Deserialize, Serialize};

use crate::protocol::QuestionIdx;

/// A yes/no answer, with "I'm not sure".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
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
}

/// One answer as written in JSON by ids (`true`, `"unsure"`, `"option_id"`, `["a", "b"]`, `34`),
/// for the report; the embedding side reads and writes the JSON itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnswerJson {
    Bool(bool),
    Text(String),
    List(Vec<String>),
    Number(i64),
}
