//! The answers a yes/no or choice question offers, as radio buttons or checkboxes: each with its
//! label, hint, whether it is chosen now, and the draft that choosing it makes.

use crate::answers::{OptionSet, YesNo};
use crate::flow::Draft;
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

/// One radio button or checkbox with its label (and hint).
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub checked: bool,
    pub draft: Draft,
}

/// The choices of `question` in `locale`, given the draft on screen; none for a number question.
pub fn choices(protocol: &ValidProtocol, question: QuestionIdx, draft: &Draft, locale: &str) -> Vec<Choice> {
    let doc = &protocol.questions()[question];
    let model = &protocol.model.questions[question];
    let words = crate::messages::messages(locale);
    match doc.kind {
        QuestionKind::YesNo => {
            let mut answers = vec![
                (YesNo::Yes, doc.yes_label.as_ref().map_or(words.yes, |t| t.get(locale))),
                (YesNo::No, doc.no_label.as_ref().map_or(words.no, |t| t.get(locale))),
            ];
            if model.unsure_allowed {
                answers.push((YesNo::Unsure, words.unsure));
            }
            answers
                .into_iter()
                .map(|(answer, label)| Choice {
                    value: answer.as_str().to_owned(),
                    label: label.to_owned(),
                    hint: None,
                    checked: *draft == Draft::YesNo(answer),
                    draft: Draft::YesNo(answer),
                })
                .collect()
        }
        QuestionKind::SingleChoice => (doc.options.iter().enumerate())
            .map(|(o, option)| Choice {
                value: option.id.clone(),
                label: option.label.get(locale).to_owned(),
                hint: option.hint.as_ref().map(|t| t.get(locale).to_owned()),
                checked: *draft == Draft::Single(o),
                draft: Draft::Single(o),
            })
            .collect(),
        QuestionKind::MultipleChoice => {
            let chosen = draft.chosen();
            (doc.options.iter().enumerate())
                .map(|(o, option)| {
                    let mut toggled = chosen;
                    toggled.0 ^= OptionSet::single(o).0;
                    Choice {
                        value: option.id.clone(),
                        label: option.label.get(locale).to_owned(),
                        hint: option.hint.as_ref().map(|t| t.get(locale).to_owned()),
                        checked: chosen.contains(o),
                        draft: Draft::Multi(toggled),
                    }
                })
                .collect()
        }
        QuestionKind::Number => Vec::new(),
    }
}
