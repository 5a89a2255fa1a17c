//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod cli;
pub mod quiz;
pub mod random_protocol;
pub mod variants;
pub mod visit;

use candidacy::answers::{Answers, Value};
use candidacy::protocol::{load, QuestionIdx, ValidProtocol};

/// Loads protocol JSON, panicking with the diagnostics if it does not load.
pub fn load_json(json: &serde_json::Value) -> ValidProtocol {
    let text = serde_json::to_string_pretty(json).unwrap();
    load("test.json", &text).unwrap_or_else(|diagnostics| panic!("{diagnostics}")).protocol
}

pub fn default_protocol() -> ValidProtocol {
    load("microneedling.json", candidacy::DEFAULT_PROTOCOL).unwrap().protocol
}

pub fn default_json() -> serde_json::Value {
    serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap()
}

/// The file names in `static/protocols/`, sorted: every shipped protocol, so that a test over
/// "every shipped protocol" notices one added or renamed.
pub fn shipped_protocols() -> Vec<String> {
    let dir = format!("{}/static/protocols", env!("CARGO_MANIFEST_DIR"));
    let mut shipped: Vec<String> = std::fs::read_dir(&dir)
        .expect("static/protocols is readable")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    shipped.sort();
    shipped
}

/// Answers from `(question, value)` pairs, as a verifier counterexample lists them.
pub fn answers_of(protocol: &ValidProtocol, path: &[(QuestionIdx, Value)]) -> Answers {
    let mut answers = Answers::new(protocol.questions().len());
    path.iter().for_each(|&(q, v)| answers.set(q, Some(v)));
    answers
}

/// The default protocol with the issue-10 sunburn rule: "recent sun and no major procedure →
/// postpone", which a major procedure (consult) switches off.
pub fn sunburn_fixture() -> serde_json::Value {
    let mut protocol = default_json();
    let rules = protocol["rules"].as_array_mut().unwrap();
    let rule = rules.iter_mut().find(|rule| rule["id"] == "recent_sun").unwrap();
    rule["when"] = serde_json::json!({"all": [{"yes": "recent_sun"}, {"not": {"yes": "recent_major_procedures"}}]});
    protocol
}
