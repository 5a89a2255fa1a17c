//! Chooser protocols: several treatments, one set of questions. Each treatment is validated,
//! recommended and verified as the protocol it amounts to; the visitor is recommended the
//! treatment(s) with the best outcome.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use candidacy::answers::Answers;
use candidacy::engine;
use candidacy::protocol::{load, Outcome, ValidProtocol};
use serde_json::json;

fn mini_json() -> serde_json::Value {
    let text = std::fs::read_to_string(format!("{}/tests/protocols/chooser-mini.json", env!("CARGO_MANIFEST_DIR")));
    serde_json::from_str(&text.unwrap()).unwrap()
}

fn mini() -> ValidProtocol {
    common::load_json(&mini_json())
}

/// Each treatment's outcome for `answers` (JSON by question id), and the recommended treatment.
fn outcomes(protocol: &ValidProtocol, answers: serde_json::Value) -> (Vec<(String, Outcome)>, String) {
    let answers = Answers::from_json(protocol, &answers).unwrap();
    let walk = engine::walk(protocol, &answers);
    assert_eq!(walk.next, None, "the answers complete the quiz");
    let each = (protocol.treatments.iter().zip(engine::compare(protocol, &walk)))
        .map(|(choice, recommendation)| (choice.id.clone(), recommendation.outcome))
        .collect();
    let best = engine::recommend(protocol, &walk).treatment.expect("a chooser recommends a treatment");
    (each, protocol.treatments[best].id.clone())
}

fn pairs(list: &[(&str, Outcome)]) -> Vec<(String, Outcome)> {
    list.iter().map(|(id, outcome)| (id.to_string(), *outcome)).collect()
}

#[test]
fn a_deep_skin_tone_with_acne_scars_is_steered_to_needling_not_laser() {
    let answers = json!({"concerns": ["acne_scars"], "skin_tone": "deep", "pregnant": false});
    let (each, best) = outcomes(&mini(), answers);
    assert_eq!(each, pairs(&[("needling", Outcome::Candidate), ("laser", Outcome::Consult)]));
    assert_eq!(best, "needling");
}

#[test]
fn with_no_finding_every_treatment_fits_and_the_first_is_recommended() {
    let answers = json!({"concerns": ["acne_scars"], "skin_tone": "light", "pregnant": false});
    let (each, best) = outcomes(&mini(), answers);
    assert_eq!(each, pairs(&[("needling", Outcome::Candidate), ("laser", Outcome::Candidate)]));
    assert_eq!(best, "needling");
}

#[test]
fn a_rule_for_every_treatment_ends_the_quiz_for_all() {
    let protocol = mini();
    let (each, _) = outcomes(&protocol, json!({"concerns": ["acne_scars"], "skin_tone": "light", "pregnant": true}));
    assert_eq!(each, pairs(&[("needling", Outcome::Postpone), ("laser", Outcome::Postpone)]));
}

#[test]
fn the_report_names_the_recommended_treatment_and_compares_them_all() {
    let protocol = mini();
    let answers =
        Answers::from_json(&protocol, &json!({"concerns": ["stretch_marks"], "skin_tone": "light", "pregnant": false}));
    let walk = engine::walk(&protocol, &answers.unwrap());
    let recommendation = engine::recommend(&protocol, &walk);
    let report = candidacy::report::report(&protocol, &walk, &recommendation, "en");
    assert_eq!(report.protocol.id, "chooser_mini", "the chooser's id, not a projection's");
    assert_eq!(report.treatment.as_ref().map(|t| t.name.as_str()), Some("Microneedling"));
    assert_eq!(report.headline, "Microneedling looks like a good fit.");
    let compared: Vec<(&str, Outcome, bool)> =
        report.compared.iter().map(|t| (t.id.as_str(), t.outcome, t.recommended)).collect();
    assert_eq!(compared, [("needling", Outcome::Candidate, true), ("laser", Outcome::NotCandidate, false)]);
    assert_eq!(report.compared[1].reasons, ["This clinic's laser does not treat stretch marks."]);
    let summary = candidacy::report::summary_text(&protocol, &walk, &report, "en");
    assert!(summary.contains("Laser resurfacing: Laser resurfacing isn't for you."), "{summary}");
}

#[test]
fn a_projection_keeps_the_rules_plans_and_screening_of_its_treatment() {
    let protocol = mini();
    let laser = &protocol.treatments[1].protocol.protocol;
    let rules: Vec<&str> = laser.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rules, ["deep_skin_laser", "stretch_marks_laser", "pregnant", "unsure_pregnant"]);
    assert_eq!(laser.plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["laser_series"]);
    let needling = &protocol.treatments[0].protocol.protocol;
    assert!(!needling.questions[1].screening, "skin tone screens for laser only");
    assert!(laser.questions[1].screening);
}

#[test]
fn every_treatment_of_the_chooser_is_verified_safe() {
    let protocol = mini();
    for choice in &protocol.treatments {
        let report = candidacy::verify::verify(&choice.protocol).unwrap();
        assert!(report.holds(), "treatment `{}` fails: {report:?}", choice.id);
    }
}

#[test]
fn a_finding_no_rule_of_its_treatment_answers_is_caught() {
    // Without the laser's skin-tone rule, a deep skin tone would be told "candidate" for laser.
    let mut json = mini_json();
    json["rules"].as_array_mut().unwrap().retain(|rule| rule["id"] != "deep_skin_laser");
    let protocol = common::load_json(&json);
    let laser = candidacy::verify::verify(&protocol.treatments[1].protocol).unwrap();
    assert!(!laser.holds(), "the laser's projection no longer covers its finding");
    assert!(candidacy::verify::verify(&protocol.treatments[0].protocol).unwrap().holds());
}

#[test]
fn references_to_treatments_are_checked() {
    let mut json = mini_json();
    json["rules"][0]["treatments"] = json!(["lazer"]);
    json["rules"][2]["treatments"] = json!(["needling"]);
    let text = serde_json::to_string_pretty(&json).unwrap();
    let diagnostics = load("chooser.json", &text).expect_err("both are errors");
    let errors: Vec<(String, String)> = diagnostics.errors().map(|d| (d.pointer.clone(), d.message.clone())).collect();
    assert!(errors.contains(&("/rules/0/treatments/0".into(), "unknown treatment `lazer`".into())), "{errors:?}");
    assert!(
        errors.contains(&("/rules/2/ends_quiz".into(), "a rule for some treatments cannot end the quiz".into())),
        "{errors:?}"
    );
    let help = diagnostics.errors().find(|d| d.pointer == "/rules/0/treatments/0").and_then(|d| d.help.clone());
    assert_eq!(help.as_deref(), Some("did you mean `laser`?"));
}

#[test]
fn a_protocol_without_treatments_cannot_scope_a_rule() {
    let mut json = common::default_json();
    json["rules"][0]["treatments"] = json!(["laser"]);
    let diagnostics = load("scoped.json", &json.to_string()).expect_err("no treatments to scope to");
    assert!(diagnostics.errors().any(|d| d.message == "this protocol lists no `treatments` to choose from"));
}

// The resurfacing chooser shipped in static/protocols: the seed's comparison of microneedling,
// chemical peels and laser resurfacing.

fn resurfacing() -> ValidProtocol {
    let text = std::fs::read_to_string(format!("{}/static/protocols/resurfacing.json", env!("CARGO_MANIFEST_DIR")));
    load("resurfacing.json", &text.unwrap()).unwrap_or_else(|diagnostics| panic!("{diagnostics}")).protocol
}

/// An adult with no finding, the given concerns and skin tone.
fn visitor(concerns: &[&str], skin_tone: &str) -> serde_json::Value {
    json!({
        "concerns": concerns, "skin_tone": skin_tone, "age": 35, "pregnant_or_breastfeeding": false,
        "skin_infection": false, "cold_sores": "never", "isotretinoin": "no", "recent_sun": false,
        "planned_sun": false, "recent_procedures": false, "retinoids": false,
        "photosensitising_medication": false, "blood_thinners": false, "bleeding_disorder": false,
        "keloid_history": false, "health_conditions": false
    })
}

#[test]
fn resurfacing_steers_a_deep_skin_tone_with_acne_scars_to_microneedling_rather_than_laser() {
    for tone in ["type_5", "type_6"] {
        let (each, best) = outcomes(&resurfacing(), visitor(&["acne_scars"], tone));
        assert_eq!(
            each,
            pairs(&[
                ("microneedling", Outcome::Candidate),
                ("chemical_peel", Outcome::Consult),
                ("laser_resurfacing", Outcome::Consult)
            ]),
            "{tone}"
        );
        assert_eq!(best, "microneedling");
    }
}

#[test]
fn resurfacing_rules_peels_out_for_stretch_marks_and_says_what_to_ask_instead() {
    let protocol = resurfacing();
    let (each, best) = outcomes(&protocol, visitor(&["stretch_marks"], "type_3"));
    assert_eq!(each[1], ("chemical_peel".to_owned(), Outcome::NotCandidate));
    assert_eq!(best, "microneedling");
    let answers = Answers::from_json(&protocol, &visitor(&["stretch_marks"], "type_3")).unwrap();
    let walk = engine::walk(&protocol, &answers);
    let report = candidacy::report::report(&protocol, &walk, &engine::recommend(&protocol, &walk), "es");
    let peel = report.compared.iter().find(|t| t.id == "chemical_peel").unwrap();
    assert_eq!(peel.instead.len(), 1, "the peel's rule says what to ask about instead");
    assert!(peel.instead[0].to_lowercase().contains("microneedling"), "{:?}", peel.instead);
}

#[test]
fn resurfacing_recommends_every_treatment_to_a_visitor_they_all_suit() {
    let protocol = resurfacing();
    let answers = Answers::from_json(&protocol, &visitor(&["fine_lines", "pigmentation"], "type_2")).unwrap();
    let walk = engine::walk(&protocol, &answers);
    let report = candidacy::report::report(&protocol, &walk, &engine::recommend(&protocol, &walk), "en");
    assert!(report.compared.iter().all(|t| t.recommended && t.outcome == Outcome::Candidate), "{report:#?}");
    assert!(report.plan.is_some(), "the first recommended treatment's plan");
}

#[test]
fn resurfacing_is_verified_for_every_treatment() {
    let protocol = resurfacing();
    assert_eq!(protocol.treatments.len(), 3);
    for choice in &protocol.treatments {
        let report = candidacy::verify::verify(&choice.protocol).unwrap();
        assert!(report.holds(), "treatment `{}`", choice.id);
    }
}

#[test]
fn a_chooser_s_fhir_response_names_the_recommended_treatment_and_its_rules() {
    let protocol = mini();
    let answers = json!({"concerns": ["acne_scars"], "skin_tone": "deep", "pregnant": "unsure"});
    let walk = engine::walk(&protocol, &Answers::from_json(&protocol, &answers).unwrap());
    let recommendation = engine::recommend(&protocol, &walk);
    let response =
        serde_json::to_value(candidacy::fhir::questionnaire_response(&protocol, &walk, &recommendation, "en", None));
    let parts = response.unwrap()["extension"][0]["extension"].clone();
    let codes: Vec<(String, String)> = (parts.as_array().unwrap().iter())
        .filter_map(|part| Some((part["url"].as_str()?.to_owned(), part["valueCode"].as_str()?.to_owned())))
        .collect();
    let pair = |url: &str, code: &str| (url.to_owned(), code.to_owned());
    assert_eq!(codes, [pair("outcome", "consult"), pair("treatment", "needling"), pair("rule", "unsure_pregnant")]);
}
