//! Target `fhir_read`: a FHIR R4 `QuestionnaireResponse` read back into answers by
//! `fhir::answers_from_response`, against each protocol of [`crate::protocols`]; and the same bytes
//! read as a visitor's answers, exported as `candidacy evaluate --fhir` exports them, then read.
//!
//! When the input is JSON, it is read as a response. Properties:
//! - nothing panics, whatever the JSON;
//! - a refusal says why, and the question it names is the `linkId` of one of the response's items;
//! - read answers are ones their questions accept, each from an item with that `linkId`, and they
//!   survive the answers-JSON round trip (`Answers::to_json`, then `Answers::from_json`);
//! - round trip: read answers (completed from the input's bytes when the path is open) exported as
//!   a `QuestionnaireResponse`, written as JSON text and read again, are the path's answers; so
//!   are the input's bytes read as answers to each question on the path (of one protocol, picked
//!   by the input's length), in any locale.

use candidacy::answers::Answers;
use candidacy::answers_json::AnswersJson;
use candidacy::engine::{next_step, walk, Step};
use candidacy::fhir::{answers_from_response, questionnaire_response};
use candidacy::protocol::ValidProtocol;
use serde_json::Value as Json;

use crate::check::fitting;
use crate::protocols::protocols;

pub fn fhir_read(data: &[u8]) {
    let json: Option<Json> = serde_json::from_slice(data).ok();
    if let Some(response) = &json {
        for protocol in protocols() {
            read(protocol, response, data);
        }
    }
    // The bytes as answers to one protocol, picked by the length.
    let protocol = &protocols()[data.len() % protocols().len()];
    let locale = locale(protocol, data.first().copied().unwrap_or(0));
    exported_and_read(protocol, Answers::new(protocol.questions().len()), data, &locale);
}

fn read(protocol: &ValidProtocol, response: &Json, data: &[u8]) {
    let link_ids: Vec<&str> =
        (response["item"].as_array().into_iter().flatten()).filter_map(|item| item["linkId"].as_str()).collect();
    match answers_from_response(protocol, response) {
        Ok(answers) => {
            for (question, value) in answers.answered() {
                assert!(protocol.model.questions[question].accepts(value), "read a value its question refuses");
                let id = protocol.questions()[question].id.as_str();
                assert!(link_ids.contains(&id), "an answer to `{id}` without an item `{id}`");
            }
            let json = answers.to_json(protocol);
            assert_eq!(Answers::from_json(protocol, &json).as_ref(), Ok(&answers), "answers-JSON round trip: {json}");
            let locale = response["language"].as_str().unwrap_or("en").to_owned();
            exported_and_read(protocol, answers, data, &locale);
        }
        Err(error) => {
            assert!(!error.message.trim().is_empty() && !error.to_string().is_empty(), "a refusal says why");
            if let Some(question) = &error.question {
                assert!(link_ids.contains(&question.as_str()), "names `{question}`, not an item of the response");
            }
        }
    }
}

/// Completes `answers` with answers picked by `data`, exports the path and reads it back.
fn exported_and_read(protocol: &ValidProtocol, mut answers: Answers, data: &[u8], locale: &str) {
    let mut bytes = data.iter().copied().cycle().chain(std::iter::repeat(0x5a));
    let recommendation = loop {
        match next_step(protocol, &answers) {
            Step::Ask { question, .. } => {
                let byte = bytes.next().expect("endless");
                answers.set(question, Some(fitting(&protocol.model.questions[question], byte)));
            }
            Step::Recommend(recommendation) => break recommendation,
        }
    };
    let walk = walk(protocol, &answers);
    let response = questionnaire_response(protocol, &walk, &recommendation, locale, Some("2026-01-01"));
    let text = serde_json::to_string(&response).expect("a response serializes");
    let json: Json = serde_json::from_str(&text).expect("a response is JSON");
    let read = answers_from_response(protocol, &json).unwrap_or_else(|e| panic!("the export reads back: {e}: {text}"));
    assert_eq!(read, walk.answers, "exported answers read back equal: {text}");
}

/// A locale the protocol declares, or one it does not (`byte` picks).
fn locale(protocol: &ValidProtocol, byte: u8) -> String {
    let locales = &protocol.protocol.locales;
    match locales.get(usize::from(byte) % (locales.len() + 2)) {
        Some(locale) => locale.clone(),
        None if byte.is_multiple_of(2) => "zz-ZZ".to_owned(),
        None => String::new(),
    }
}
