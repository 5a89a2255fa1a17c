//! FHIR R4 exports: the protocol as a `Questionnaire`, a visitor's path as a
//! `QuestionnaireResponse`, and a response read back into [`Answers`].
//!
//! Pure functions, no I/O and no clock (the caller passes `authored`), so the widget can offer a
//! download of the answers and the CLI can print both. The mapping is documented in
//! `docs/fhir.md`; when a question is asked, in FHIR terms, is `enable.rs`'s job.

mod enable;
mod read;

pub use candidacy_embed::fhir::resources;
pub use candidacy_embed::fhir::{
    answer_coding, canonical_url, option_coding, option_system, questionnaire_response, yes_no_coding,
    DATA_ABSENT_REASON_SYSTEM, FINGERPRINT_SYSTEM, RECOMMENDATION_URL, YES_NO_SYSTEM,
};
pub use enable::{enablement, Enablement};
pub use read::answers_from_response;
use resources::{AnswerOption, Coding, Extension, Identifier, Item, Questionnaire, ValueX};

use crate::answers::{Value, YesNo};
use crate::protocol::{best_locale, QuestionIdx, QuestionKind, ValidProtocol};

const ENABLE_WHEN_EXPRESSION_URL: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const RENDERING_CRITICAL_URL: &str = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-rendering-criticalExtension";
const ITEM_CONTROL_URL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const MIN_VALUE_URL: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE_URL: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const UNIT_URL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";

/// The protocol as an R4 `Questionnaire`, its texts in `locale` (falling back to English).
pub fn questionnaire(protocol: &ValidProtocol, locale: &str) -> Questionnaire {
    let doc = &protocol.protocol;
    let locale = best_locale(&doc.locales, locale).unwrap_or("en");
    let items: Vec<Item> = (0..doc.questions.len()).map(|q| question_item(protocol, q, locale)).collect();
    let uses_expressions = items.iter().any(|item| item.extension.iter().any(|e| e.url == ENABLE_WHEN_EXPRESSION_URL));
    // A form filler that ignores the expression would ask questions the engine would not: the
    // modifier tells it to refuse the form instead.
    let modifier_extension = if uses_expressions {
        vec![Extension::new(RENDERING_CRITICAL_URL, ValueX::Canonical(ENABLE_WHEN_EXPRESSION_URL.to_owned()))]
    } else {
        Vec::new()
    };
    Questionnaire {
        resource_type: "Questionnaire",
        // FHIR ids allow `-` but not `_`.
        id: doc.id.replace('_', "-"),
        language: locale.to_owned(),
        modifier_extension,
        url: canonical_url(protocol),
        identifier: vec![Identifier { system: FINGERPRINT_SYSTEM.to_owned(), value: protocol.fingerprint.clone() }],
        version: doc.version.clone(),
        name: computable_name(doc.treatment.name.get("en"), &doc.id),
        title: doc.treatment.name.get(locale).to_owned(),
        status: "active",
        item: items,
    }
}

fn question_item(protocol: &ValidProtocol, question: QuestionIdx, locale: &str) -> Item {
    let doc = &protocol.questions()[question];
    let model = &protocol.model.questions[question];
    let mut item = Item {
        extension: Vec::new(),
        link_id: doc.id.clone(),
        text: doc.prompt.get(locale).to_owned(),
        kind: if model.kind == QuestionKind::Number { "integer" } else { "choice" },
        enable_when: Vec::new(),
        enable_behavior: None,
        // The widget asks for an answer to every question it shows.
        required: Some(true),
        repeats: (model.kind == QuestionKind::MultipleChoice).then_some(true),
        answer_option: answer_values(protocol, question)
            .into_iter()
            .map(|value| AnswerOption { value_coding: answer_coding(protocol, question, value, locale) })
            .collect(),
        item: doc.help.iter().map(|help| help_item(&doc.id, help.get(locale))).collect(),
    };
    if model.kind == QuestionKind::Number {
        let (min, max) = model.bounds;
        item.extension.push(Extension::new(MIN_VALUE_URL, ValueX::Integer(min)));
        item.extension.push(Extension::new(MAX_VALUE_URL, ValueX::Integer(max)));
        if let Some(unit) = &doc.unit {
            let unit = Coding { system: None, code: None, display: Some(unit.get(locale).to_owned()) };
            item.extension.push(Extension::new(UNIT_URL, ValueX::Coding(unit)));
        }
    }
    match enablement(protocol, question) {
        Enablement::Always => {}
        Enablement::When { any, conditions } => {
            item.enable_behavior = (conditions.len() > 1).then_some(if any { "any" } else { "all" });
            item.enable_when = conditions;
        }
        Enablement::Expression(expression) => {
            let expression = ValueX::Expression { language: "text/fhirpath", expression };
            item.extension.push(Extension::new(ENABLE_WHEN_EXPRESSION_URL, expression));
        }
    }
    item
}

/// Help text as a `display` child shown behind a help button (the `itemControl` `help`).
fn help_item(question_id: &str, text: &str) -> Item {
    let help = Coding::new("http://hl7.org/fhir/questionnaire-item-control", "help", "Help-Button");
    Item {
        extension: vec![Extension::new(ITEM_CONTROL_URL, ValueX::CodeableConcept { coding: vec![help] })],
        // Ids never contain `.`, so this never collides with a question.
        link_id: format!("{question_id}.help"),
        text: text.to_owned(),
        kind: "display",
        enable_when: Vec::new(),
        enable_behavior: None,
        required: None,
        repeats: None,
        answer_option: Vec::new(),
        item: Vec::new(),
    }
}

/// The answers a choice or yes/no question offers, one per answer option.
fn answer_values(protocol: &ValidProtocol, question: QuestionIdx) -> Vec<Value> {
    let model = &protocol.model.questions[question];
    match model.kind {
        QuestionKind::YesNo => {
            let mut values = vec![Value::YesNo(YesNo::Yes), Value::YesNo(YesNo::No)];
            values.extend(model.unsure_allowed.then_some(Value::YesNo(YesNo::Unsure)));
            values
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => (0..model.n_options).map(Value::Option).collect(),
        QuestionKind::Number => Vec::new(),
    }
}

/// A FHIR `name` (`[A-Z][A-Za-z0-9_]*`) from the treatment's name, else from the protocol id.
fn computable_name(treatment: &str, protocol_id: &str) -> String {
    let pascal = |text: &str| -> String {
        let words = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty());
        words.map(|word| word[..1].to_ascii_uppercase() + &word[1..]).collect()
    };
    let name = pascal(treatment);
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        pascal(protocol_id)
    }
}

#[cfg(test)]
mod tests {
    use super::computable_name;

    #[test]
    fn a_computable_name_comes_from_the_treatment_or_else_the_id() {
        assert_eq!(computable_name("Microneedling", "microneedling"), "Microneedling");
        assert_eq!(computable_name("skin needling (face & neck)", "x"), "SkinNeedlingFaceNeck");
        assert_eq!(computable_name("3D lift", "lift_3d"), "Lift3d");
        assert_eq!(computable_name("Микронидлинг", "micro_needling"), "MicroNeedling");
    }
}
