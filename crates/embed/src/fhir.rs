//! The visitor's answers as a FHIR R4 `QuestionnaireResponse` (the widget's download, and the
//! CLI's export): one item per question asked, and the recommendation in an extension. The
//! protocol's `Questionnaire` and reading a response back are the authoring side's; the mapping
//! is documented in `docs/fhir.md`.

pub mod resources;

use resources::{Answer, Coding, Extension, QuestionnaireResponse, ResponseItem, ValueX};

use crate::answers::{Value, YesNo};
use crate::engine::{Recommendation, Walk};
use crate::protocol::{best_locale, QuestionIdx, ValidProtocol};

/// Yes and No: HL7 v2 table 0136, the usual yes/no code system.
pub const YES_NO_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v2-0136";
/// "I'm not sure": `asked-unknown` ("the source was asked but does not know the value").
pub const DATA_ABSENT_REASON_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
/// The complex extension on a response that carries the recommendation.
pub const RECOMMENDATION_URL: &str = "urn:candidacy:recommendation";
/// The identifier system of the protocol's fingerprint.
pub const FINGERPRINT_SYSTEM: &str = "urn:candidacy:fingerprint";

/// The questionnaire's canonical URL, `urn:candidacy:protocol:<protocol id>`.
pub fn canonical_url(protocol: &ValidProtocol) -> String {
    format!("urn:candidacy:protocol:{}", protocol.protocol.id)
}

/// The code system of one choice question's options: the canonical URL, `:`, the question id.
pub fn option_system(protocol: &ValidProtocol, question: QuestionIdx) -> String {
    format!("{}:{}", canonical_url(protocol), protocol.questions()[question].id)
}

/// The coding of a yes/no answer, without a display.
pub fn yes_no_coding(answer: YesNo) -> Coding {
    let (system, code) = match answer {
        YesNo::Yes => (YES_NO_SYSTEM, "Y"),
        YesNo::No => (YES_NO_SYSTEM, "N"),
        YesNo::Unsure => (DATA_ABSENT_REASON_SYSTEM, "asked-unknown"),
    };
    Coding { system: Some(system.to_owned()), code: Some(code.to_owned()), display: None }
}

/// The coding of one option, without a display.
pub fn option_coding(protocol: &ValidProtocol, question: QuestionIdx, option: usize) -> Coding {
    let id = protocol.questions()[question].options[option].id.clone();
    Coding { system: Some(option_system(protocol, question)), code: Some(id), display: None }
}

/// The coding of a yes/no answer or of one option, with the words the widget shows for it.
pub fn answer_coding(protocol: &ValidProtocol, question: QuestionIdx, value: Value, locale: &str) -> Coding {
    let (coding, display) = match value {
        Value::YesNo(answer) => (yes_no_coding(answer), crate::report::answer_text(protocol, question, value, locale)),
        Value::Option(option) => (
            option_coding(protocol, question, option),
            protocol.questions()[question].options[option].label.get(locale).to_owned(),
        ),
        // INVARIANT: only yes/no answers and single options are coded.
        Value::Options(_) | Value::Number(_) => unreachable!("not a coded answer: {value:?}"),
    };
    Coding { display: Some(display), ..coding }
}

/// A visitor's completed path as an R4 `QuestionnaireResponse`: one item per question asked, in
/// asking order, and the recommendation in the [`RECOMMENDATION_URL`] extension. `authored` is a
/// FHIR `dateTime` the caller knows (the core reads no clock).
pub fn questionnaire_response(
    protocol: &ValidProtocol,
    walk: &Walk,
    recommendation: &Recommendation,
    locale: &str,
    authored: Option<&str>,
) -> QuestionnaireResponse {
    let doc = &protocol.protocol;
    let locale = best_locale(&doc.locales, locale).unwrap_or("en");
    let item = (walk.asked.iter())
        .filter_map(|&q| Some((q, walk.answers.get(q)?)))
        .map(|(q, value)| ResponseItem {
            link_id: doc.questions[q].id.clone(),
            text: doc.questions[q].prompt.get(locale).to_owned(),
            answer: response_answers(protocol, q, value, locale),
        })
        .collect();
    QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        language: locale.to_owned(),
        extension: vec![recommendation_extension(protocol, recommendation)],
        questionnaire: format!("{}|{}", canonical_url(protocol), doc.version),
        status: "completed",
        authored: authored.map(str::to_owned),
        item,
    }
}

fn response_answers(protocol: &ValidProtocol, question: QuestionIdx, value: Value, locale: &str) -> Vec<Answer> {
    let coded = |value| Answer { value: ValueX::Coding(answer_coding(protocol, question, value, locale)) };
    match value {
        Value::Number(n) => vec![Answer { value: ValueX::Integer(n) }],
        // A multiple choice answers once per option chosen, as `repeats` allows.
        Value::Options(chosen) => chosen.iter().map(|option| coded(Value::Option(option))).collect(),
        Value::YesNo(_) | Value::Option(_) => vec![coded(value)],
    }
}

/// The outcome, every rule that fired (notes included), the rule that ended the quiz early, and
/// the fingerprint of the protocol that decided them; for a chooser, the recommended treatment
/// first (its rules are the ones that fired).
fn recommendation_extension(protocol: &ValidProtocol, recommendation: &Recommendation) -> Extension {
    let chosen = recommendation.treatment.map(|t| &protocol.treatments[t]);
    let rules = &chosen.map_or(protocol, |choice| &choice.protocol).protocol.rules;
    let part = |url: &str, value| Extension::new(url, value);
    let mut parts = vec![part("outcome", ValueX::Code(recommendation.outcome.as_str().to_owned()))];
    parts.extend(chosen.map(|choice| part("treatment", ValueX::Code(choice.id.clone()))));
    parts.extend(recommendation.fired.iter().map(|fired| part("rule", ValueX::Code(rules[fired.rule].id.clone()))));
    parts.extend(recommendation.ended_by.map(|rule| part("endedEarlyBy", ValueX::Code(rules[rule].id.clone()))));
    parts.push(part("fingerprint", ValueX::String(protocol.fingerprint.clone())));
    Extension { url: RECOMMENDATION_URL.to_owned(), extension: parts, value: None }
}
