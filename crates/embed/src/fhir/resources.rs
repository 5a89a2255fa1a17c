//! The few FHIR R4 shapes the exports write, as serde structs. Fields are declared in the order
//! the FHIR specification lists them, so the JSON reads like the specification's examples; empty
//! lists and absent values are left out, as FHIR requires.

use serde::Serialize;

/// An R4 `Questionnaire`: the protocol's questions and when each is asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `Questionnaire`.
    pub resource_type: &'static str,
    pub id: String,
    pub language: String,
    /// Extensions a form filler must understand, or else not render the form.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modifier_extension: Vec<Extension>,
    pub url: String,
    pub identifier: Vec<Identifier>,
    pub version: String,
    pub name: String,
    pub title: String,
    pub status: &'static str,
    pub item: Vec<Item>,
}

/// A `Questionnaire.item`: one question, or a help text under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub link_id: String,
    pub text: String,
    /// `choice`, `integer` or `display`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// `all` or `any`; given when there is more than one `enableWhen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
}

/// A `Questionnaire.item.enableWhen`: one comparison with an earlier question's answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnableWhen {
    /// The earlier question's `linkId`.
    pub question: String,
    /// `exists`, `=`, `<` or `>=`: the operators whose meaning does not depend on how a form
    /// filler reads the specification (see `docs/fhir.md`).
    pub operator: &'static str,
    #[serde(flatten)]
    pub answer: EnableAnswer,
}

/// `enableWhen.answer[x]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EnableAnswer {
    #[serde(rename = "answerBoolean")]
    Boolean(bool),
    #[serde(rename = "answerInteger")]
    Integer(i64),
    #[serde(rename = "answerCoding")]
    Coding(Coding),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    pub value_coding: Coding,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coding {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    pub fn new(system: impl Into<String>, code: impl Into<String>, display: impl Into<String>) -> Coding {
        Coding { system: Some(system.into()), code: Some(code.into()), display: Some(display.into()) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identifier {
    pub system: String,
    pub value: String,
}

/// An extension: a value, or (a complex extension) nested extensions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueX>,
}

impl Extension {
    pub fn new(url: impl Into<String>, value: ValueX) -> Extension {
        Extension { url: url.into(), extension: Vec::new(), value: Some(value) }
    }
}

/// `value[x]` of an extension or an answer: the types the exports use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ValueX {
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueCode")]
    Code(String),
    #[serde(rename = "valueString")]
    String(String),
    #[serde(rename = "valueCanonical")]
    Canonical(String),
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept { coding: Vec<Coding> },
    #[serde(rename = "valueExpression")]
    Expression { language: &'static str, expression: String },
}

/// An R4 `QuestionnaireResponse`: one visitor's answers on their path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `QuestionnaireResponse`.
    pub resource_type: &'static str,
    pub language: String,
    /// The recommendation (see [`super::RECOMMENDATION_URL`]).
    pub extension: Vec<Extension>,
    /// The questionnaire's canonical URL and version, `url|version`.
    pub questionnaire: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    pub item: Vec<ResponseItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    pub link_id: String,
    pub text: String,
    pub answer: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    #[serde(flatten)]
    pub value: ValueX,
}
