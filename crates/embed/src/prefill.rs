//! Answers chosen on the clinic's page before the quiz opens (`prefill`), e.g. the concern a
//! landing page is about. Only questions that screen nothing may be prefilled: a visitor answers
//! every screening question themselves.

use crate::answers::Answers;
use crate::answers_json::AnswerValueJson;
use crate::protocol::{QuestionKind, ValidProtocol};

/// The usable answers of `prefill`, and a warning for each entry that was ignored.
pub fn prefill(
    protocol: &ValidProtocol,
    prefill: &serde_json::Map<String, serde_json::Value>,
) -> (Answers, Vec<String>) {
    let mut answers = Answers::new(protocol.questions().len());
    let mut warnings = Vec::new();
    for (id, raw) in prefill {
        let ignored = |why: String| format!("candidacy: ignoring `prefill` answer `{}`: {why}", id.escape_debug());
        let Some(question) = protocol.question_idx(id) else {
            warnings.push(ignored(format!("protocol `{}` has no such question", protocol.protocol.id)));
            continue;
        };
        if protocol.questions()[question].screening {
            warnings.push(ignored("it is a screening question, which visitors must answer themselves".to_owned()));
            continue;
        }
        match protocol.parse_value(question, raw) {
            Ok(value) => answers.set(question, Some(value)),
            Err(why) => warnings.push(ignored(why)),
        }
    }
    (answers, warnings)
}

/// The page URL's `candidacy_<question id>=…` parameters as a prefill object (lists
/// comma-separated), for [`prefill`] to check. `candidacy_concern` is short for `candidacy_concerns`.
pub fn prefill_from_url<'a>(
    protocol: &ValidProtocol,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut prefill = serde_json::Map::new();
    for (name, value) in pairs {
        let Some(id) = name.strip_prefix("candidacy_") else { continue };
        let id = if id == "concern" && protocol.question_idx(id).is_none() { "concerns" } else { id };
        let kind = protocol.question_idx(id).map(|q| protocol.questions()[q].kind);
        let json = match kind {
            Some(QuestionKind::MultipleChoice) => Value::from(value.split(',').map(str::trim).collect::<Vec<_>>()),
            Some(QuestionKind::Number) => value.trim().parse::<i64>().map_or_else(|_| Value::from(value), Value::from),
            Some(QuestionKind::YesNo) => match value {
                "yes" | "true" => Value::Bool(true),
                "no" | "false" => Value::Bool(false),
                other => Value::from(other),
            },
            _ => Value::from(value),
        };
        prefill.entry(id.to_owned()).or_insert(json);
    }
    prefill
}
