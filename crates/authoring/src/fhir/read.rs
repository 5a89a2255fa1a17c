//! A `QuestionnaireResponse` read back into [`Answers`]: the inverse of
//! [`super::questionnaire_response`], so that ids and answers round-trip.

use serde_json::Value as Json;

use super::{answer_values, canonical_url, option_coding, yes_no_coding};
use crate::answers::{Answers, OptionSet, Value};
use crate::answers_json::AnswerError;
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

/// The answers of a response to this protocol's questionnaire (any version: ids are a public
/// contract). Items without answers are unanswered; the recommendation extension is ignored,
/// since the engine decides it again from the answers.
pub fn answers_from_response(protocol: &ValidProtocol, response: &Json) -> Result<Answers, AnswerError> {
    let fail = |question: Option<&str>, message: String| AnswerError { question: question.map(str::to_owned), message };
    if response["resourceType"] != "QuestionnaireResponse" {
        return Err(fail(None, "not a FHIR QuestionnaireResponse".to_owned()));
    }
    let canonical = canonical_url(protocol);
    if let Some(questionnaire) = response.get("questionnaire") {
        let url = questionnaire.as_str().map(|q| q.split('|').next().unwrap_or(q));
        if url != Some(canonical.as_str()) {
            return Err(fail(None, format!("the response answers {questionnaire}, not `{canonical}`")));
        }
    }
    let mut answers = Answers::new(protocol.questions().len());
    for item in response["item"].as_array().map_or(&[][..], Vec::as_slice) {
        let link_id = item["linkId"].as_str().ok_or_else(|| fail(None, "an item has no `linkId`".to_owned()))?;
        let question = (protocol.question_idx(link_id))
            .ok_or_else(|| fail(Some(link_id), format!("unknown question `{link_id}`")))?;
        if answers.get(question).is_some() {
            return Err(fail(Some(link_id), "answered twice".to_owned()));
        }
        let values = item["answer"].as_array().map_or(&[][..], Vec::as_slice);
        let value = read_value(protocol, question, values).map_err(|message| fail(Some(link_id), message))?;
        answers.set(question, value);
    }
    Ok(answers)
}

/// One item's answers as a value; `None` when it has none.
fn read_value(protocol: &ValidProtocol, question: QuestionIdx, values: &[Json]) -> Result<Option<Value>, String> {
    let model = &protocol.model.questions[question];
    let value = match (model.kind, values) {
        (_, []) => return Ok(None),
        (QuestionKind::Number, [answer]) => {
            let n = answer["valueInteger"].as_i64().ok_or("expected a `valueInteger`")?;
            Value::Number(n)
        }
        (QuestionKind::MultipleChoice, answers) => {
            let mut chosen = OptionSet::default();
            for answer in answers {
                match coded_value(protocol, question, answer)? {
                    Value::Option(option) => chosen.insert(option),
                    other => unreachable!("a choice question's coding read as {other:?}"),
                }
            }
            Value::Options(chosen)
        }
        (QuestionKind::YesNo | QuestionKind::SingleChoice, [answer]) => coded_value(protocol, question, answer)?,
        (_, _) => return Err("expected one answer".to_owned()),
    };
    if !model.accepts(value) {
        let (min, max) = model.bounds;
        return Err(format!("{} is outside {min}..={max}", protocol.value_to_string(question, value)));
    }
    Ok(Some(value))
}

/// The yes/no answer or option whose coding (system and code) `answer` carries.
fn coded_value(protocol: &ValidProtocol, question: QuestionIdx, answer: &Json) -> Result<Value, String> {
    let coding = &answer["valueCoding"];
    let (system, code) = (coding["system"].as_str(), coding["code"].as_str());
    if system.is_none() || code.is_none() {
        return Err("expected a `valueCoding` with a system and a code".to_owned());
    }
    let matches = |value: &Value| {
        let expected = match *value {
            Value::YesNo(answer) => yes_no_coding(answer),
            Value::Option(option) => option_coding(protocol, question, option),
            _ => return false,
        };
        expected.system.as_deref() == system && expected.code.as_deref() == code
    };
    let offered = answer_values(protocol, question);
    offered
        .into_iter()
        .find(matches)
        .ok_or_else(|| format!("unknown answer `{}` from `{}`", code.unwrap_or_default(), system.unwrap_or_default()))
}
