//! Screening profiles: the shipped ones load, every shipped protocol is held to them, and taking
//! any profile item's question (or only its rules) out of any shipped protocol is caught.

mod common;

use candidacy::check::check_with;
use candidacy::profile::{screened_items, ProfileSet, Screening};
use candidacy::protocol::{load, ValidProtocol};
use candidacy::verify::profile::prove;
use common::cli::candidacy;
use serde_json::{json, Value};

const DEFAULT: &str = "static/protocols/microneedling.json";

/// Every shipped protocol's path from the repository's root.
fn shipped() -> Vec<String> {
    let shipped = common::shipped_protocols();
    assert_eq!(shipped.len(), 3, "every shipped protocol: {shipped:?}");
    shipped.into_iter().map(|name| format!("static/protocols/{name}")).collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect("a shipped file")
}

fn profiles() -> ProfileSet {
    ProfileSet::builtin()
}

/// The protocol checked against the built-in profiles: its errors' messages, or the protocol.
fn checked(name: &str, json: &Value) -> Result<ValidProtocol, Vec<String>> {
    let profiles = profiles();
    let screening = Screening { profiles: &profiles, no_profile: false };
    let checked = check_with(name, &json.to_string(), Some(screening));
    checked.protocol.ok_or_else(|| checked.diagnostics.errors().map(|d| d.message.clone()).collect())
}

/// Each treatment of a valid protocol (itself, or a chooser's projections).
fn treatments(protocol: &ValidProtocol) -> Vec<&ValidProtocol> {
    if protocol.treatments.is_empty() {
        vec![protocol]
    } else {
        protocol.treatments.iter().map(|choice| &choice.protocol).collect()
    }
}

/// The item ids of every treatment's profile, with the treatment.
fn required_items(protocol: &ValidProtocol) -> Vec<(String, String)> {
    let profiles = profiles();
    let mut items = Vec::new();
    for treatment in treatments(protocol) {
        let profile = profiles.get(treatment.protocol.profile_id()).expect("every shipped treatment has a profile");
        items.extend(profile.items.iter().map(|item| (profile.treatment.clone(), item.id.clone())));
    }
    items
}

/// Whether a condition (as JSON) tests question `id`.
fn tests_question(condition: &Value, id: &str) -> bool {
    match condition {
        Value::Object(map) => map.iter().any(|(key, value)| match (key.as_str(), value) {
            ("yes" | "no" | "unsure", Value::String(q)) | ("question", Value::String(q)) => q == id,
            _ => tests_question(value, id),
        }),
        Value::Array(items) => items.iter().any(|item| tests_question(item, id)),
        _ => false,
    }
}

/// `condition` without its parts that test `id`; `None` when nothing is left.
fn without_tests_of(condition: &Value, id: &str) -> Option<Value> {
    if !tests_question(condition, id) {
        return Some(condition.clone());
    }
    let object = condition.as_object()?;
    let (key, inner) = object.iter().next()?;
    match (key.as_str(), inner) {
        ("all" | "any", Value::Array(parts)) => {
            let kept: Vec<Value> = parts.iter().filter_map(|part| without_tests_of(part, id)).collect();
            match kept.len() {
                0 => None,
                1 => kept.into_iter().next(),
                _ => Some(json!({ key: kept })),
            }
        }
        ("not", inner) => without_tests_of(inner, id).map(|inner| json!({ "not": inner })),
        _ => None,
    }
}

/// The protocol without question `id` and the rules that test it; other conditions lose their
/// tests of it (a plan part or `ask_if` that only tested it goes or becomes unconditional).
fn without_question(protocol: &Value, id: &str) -> Value {
    let mut protocol = protocol.clone();
    let questions = protocol["questions"].as_array_mut().unwrap();
    questions.retain(|question| question["id"] != id);
    for question in questions.iter_mut() {
        if let Some(ask_if) = question.get("ask_if").cloned() {
            match without_tests_of(&ask_if, id) {
                Some(kept) => question["ask_if"] = kept,
                None => _ = question.as_object_mut().unwrap().remove("ask_if"),
            }
        }
    }
    protocol["rules"].as_array_mut().unwrap().retain(|rule| !tests_question(&rule["when"], id));
    if let Some(plans) = protocol["plans"].as_array_mut() {
        plans.retain_mut(|plan| match without_tests_of(&plan["when"], id) {
            Some(kept) => {
                plan["when"] = kept;
                true
            }
            None => false,
        });
    }
    protocol
}

/// The questions that screen `item` for `treatment` (a projection of a chooser, or the protocol).
fn questions_screening(treatment: &ValidProtocol, item: &str) -> Vec<String> {
    let mut ids: Vec<String> = (screened_items(&treatment.protocol).into_iter())
        .filter(|screen| screen.item == item)
        .map(|screen| treatment.protocol.questions[screen.question].id.clone())
        .collect();
    ids.dedup();
    ids
}

#[test]
fn the_shipped_profiles_load_and_every_file_of_profiles_is_built_in() {
    let dir = format!("{}/profiles", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    let set = profiles();
    let built_in: Vec<String> = set.iter().map(|profile| format!("{}.json", profile.treatment)).collect();
    assert_eq!(built_in, files, "profiles/ and the built-in set differ (src/profile/builtin.rs)");
    for profile in set.iter() {
        assert!(!profile.items.is_empty());
        for item in &profile.items {
            assert!(!item.source.is_empty(), "{}: item `{}` cites nothing", profile.treatment, item.id);
        }
    }
}

#[test]
fn every_shipped_protocol_screens_its_profiles_and_proves_them() {
    let profiles = profiles();
    for path in &shipped() {
        let json: Value = serde_json::from_str(&read(path)).unwrap();
        let protocol = checked(path, &json).unwrap_or_else(|errors| panic!("{path}: {errors:#?}"));
        for treatment in treatments(&protocol) {
            let profile = profiles.get(treatment.protocol.profile_id()).unwrap();
            let proof = prove(treatment, profile).unwrap();
            assert!(proof.holds(), "{path} ({}): {:#?}", profile.treatment, proof.failures);
            assert!(proof.paths > 0);
        }
    }
}

#[test]
fn removing_any_profile_items_question_fails_check_naming_the_item() {
    for path in &shipped() {
        let json: Value = serde_json::from_str(&read(path)).unwrap();
        let protocol = checked(path, &json).unwrap();
        let mut tried = 0;
        for (treatment_id, item) in required_items(&protocol) {
            let treatment =
                treatments(&protocol).into_iter().find(|t| t.protocol.profile_id() == treatment_id).unwrap();
            let mut mutant = json.clone();
            for question in questions_screening(treatment, &item) {
                mutant = without_question(&mutant, &question);
            }
            tried += 1;
            match checked(path, &mutant) {
                Ok(_) => panic!("{path}: removing the questions screening `{item}` for `{treatment_id}` passed check"),
                Err(errors) => assert!(
                    errors.iter().any(|e| e.contains(&format!("must screen `{item}`"))),
                    "{path}: removing `{item}` for `{treatment_id}` did not name it: {errors:#?}"
                ),
            }
        }
        assert!(tried >= 15, "{path}: only {tried} items tried");
    }
}

#[test]
fn removing_only_the_rules_of_any_profile_item_fails_the_proof_naming_the_item() {
    let profiles = profiles();
    for path in &shipped() {
        let json: Value = serde_json::from_str(&read(path)).unwrap();
        let protocol = checked(path, &json).unwrap();
        let mut proven = 0;
        for (treatment_id, item) in required_items(&protocol) {
            let treatment =
                treatments(&protocol).into_iter().find(|t| t.protocol.profile_id() == treatment_id).unwrap();
            let mut mutant = json.clone();
            for question in questions_screening(treatment, &item) {
                mutant["rules"].as_array_mut().unwrap().retain(|rule| !tests_question(&rule["when"], &question));
            }
            // Options no rule uses any more are fine; a question left without rules still loads.
            let Ok(mutant) = checked(path, &mutant) else { continue };
            proven += 1;
            let profile = profiles.get(&treatment_id).unwrap();
            let at = profile.items.iter().position(|i| i.id == item).unwrap();
            let failed = treatments(&mutant).into_iter().any(|t| {
                t.protocol.profile_id() == treatment_id
                    && prove(t, profile).unwrap().failures.iter().any(|failure| failure.item == at)
            });
            let verified = candidacy::verify::verify(
                treatments(&mutant).into_iter().find(|t| t.protocol.profile_id() == treatment_id).unwrap(),
            )
            .unwrap();
            assert!(
                failed || !verified.holds(),
                "{path}: without the rules of `{item}`'s questions, `{treatment_id}` still verifies"
            );
        }
        assert!(proven >= 15, "{path}: only {proven} mutants loaded");
    }
}

#[test]
fn an_early_end_that_hides_a_stronger_outcome_fails_verify() {
    let mut json: Value = serde_json::from_str(&read(DEFAULT)).unwrap();
    let rules = json["rules"].as_array_mut().unwrap();
    let pregnancy = rules.iter_mut().find(|rule| rule["id"] == "pregnant_or_breastfeeding").unwrap();
    pregnancy["ends_quiz"] = json!(true);
    let protocol = load("early-end.json", &json.to_string()).unwrap().protocol;

    let report = candidacy::verify::verify(&protocol).unwrap();

    let result = (report.results.iter())
        .find(|result| result.property == candidacy::verify::Property::EarlyEndHidesNothing)
        .unwrap();
    let hidden: Vec<&str> = (result.failures.iter())
        .filter_map(|failure| match failure {
            candidacy::verify::Failure::Hidden(hidden) => Some(protocol.protocol.rules[hidden.hidden_rule].id.as_str()),
            _ => None,
        })
        .collect();
    assert!(hidden.contains(&"bleeding_disorder"), "{hidden:?}");
    assert!(hidden.contains(&"skin_cancer"), "{hidden:?}");
    assert!(hidden.contains(&"moles_or_lesions"), "a red flag weaker than postpone is hidden too: {hidden:?}");
}

#[test]
fn cli_names_the_missing_item_its_treatment_and_source() {
    let json: Value = serde_json::from_str(&read(DEFAULT)).unwrap();
    let mutant = without_question(&json, "pregnant_or_breastfeeding");
    let file = temp_file("no-pregnancy.json", &mutant.to_string());

    let run = candidacy(&["check", &file]);

    run.assert_code(1);
    assert!(
        run.stdout.contains("error[C073]: treatment `microneedling` must screen `pregnancy` (pregnant or breastfeeding; at least postpone), but no question screens it"),
        "{run}"
    );
    assert!(run.stdout.contains("sources: `skinpen_labeling`: SkinPen Precision System labeling"), "{run}");
    let run = candidacy(&["verify", &file]);
    run.assert_code(1);
    assert!(run.stdout.contains("must screen `pregnancy`"), "{run}");
}

#[test]
fn a_missing_profile_needs_no_profile_and_is_then_a_warning() {
    let mut json: Value = serde_json::from_str(&read(DEFAULT)).unwrap();
    json["id"] = json!("glow_needling");
    let file = temp_file("renamed.json", &json.to_string());

    let run = candidacy(&["check", &file]);
    run.assert_code(1);
    assert!(run.stdout.contains("error[C071]: no screening profile for treatment `glow_needling`"), "{run}");

    let run = candidacy(&["verify", &file, "--no-profile"]);
    run.assert_code(0);
    assert!(run.stdout.contains("warning: no screening profile for treatment `glow_needling`"), "{run}");

    json["profile"] = json!("microneedling");
    let file = temp_file("renamed-with-profile.json", &json.to_string());
    candidacy(&["verify", &file]).assert_code(0);
}

#[test]
fn an_unknown_item_in_screens_exits_2_with_its_line_and_a_did_you_mean() {
    let mut json: Value = serde_json::from_str(&read(DEFAULT)).unwrap();
    let question = (json["questions"].as_array_mut().unwrap().iter_mut())
        .find(|q| q["id"] == "pregnant_or_breastfeeding")
        .unwrap();
    question["screens"] = json!(["pregancy"]);
    let text = serde_json::to_string_pretty(&json).unwrap();
    let line = text.lines().position(|l| l.contains("\"pregancy\"")).unwrap() + 1;
    let file = temp_file("typo.json", &text);

    let run = candidacy(&["check", &file]);

    run.assert_code(2);
    assert!(
        run.stdout
            .contains("error[C070]: question `pregnant_or_breastfeeding` screens `pregancy`, which no profile lists"),
        "{run}"
    );
    assert!(run.stdout.contains(&format!("--> {file}: /questions/5/screens/0 (line {line}, ")), "{run}");
    assert!(run.stdout.contains("did you mean `pregnancy`?"), "{run}");
}

#[test]
fn screens_on_a_question_that_cannot_rule_out_exits_2() {
    let mut json: Value = serde_json::from_str(&read(DEFAULT)).unwrap();
    let question = json["questions"].as_array_mut().unwrap().iter_mut().find(|q| q["id"] == "treatment_area").unwrap();
    question["screens"] = json!(["radiation"]);
    let file = temp_file("cannot-rule-out.json", &serde_json::to_string_pretty(&json).unwrap());

    let run = candidacy(&["check", &file]);

    run.assert_code(2);
    assert!(
        run.stdout.contains(
            "error[C037]: question `treatment_area` cannot rule out `radiation`: it is not a screening question"
        ),
        "{run}"
    );
}

#[test]
fn two_profiles_for_one_treatment_exit_2_naming_both_files() {
    let dir = temp_dir("duplicate-profiles");
    let microneedling = read("profiles/microneedling.json");
    std::fs::write(format!("{dir}/a.json"), &microneedling).unwrap();
    std::fs::write(format!("{dir}/b.json"), &microneedling).unwrap();

    let run = candidacy(&["check", DEFAULT, "--profiles", &dir]);

    run.assert_code(2);
    assert!(run.stdout.contains("error[P004]: a second profile for treatment `microneedling` (the first is "), "{run}");
    assert!(run.stdout.contains(&format!("--> {dir}/b.json: /treatment (line ")), "{run}");
    let run = candidacy(&["profiles", "--profiles", &dir]);
    run.assert_code(2);
}

#[test]
fn a_profile_citing_an_unknown_source_exits_2_with_a_did_you_mean() {
    let dir = temp_dir("bad-source");
    let mut profile: Value = serde_json::from_str(&read("profiles/microneedling.json")).unwrap();
    let source = profile["items"][0]["source"][0].as_str().unwrap().to_owned();
    let typo = format!("{source}x");
    profile["items"][0]["source"][0] = json!(typo);
    std::fs::write(format!("{dir}/microneedling.json"), serde_json::to_string_pretty(&profile).unwrap()).unwrap();

    let run = candidacy(&["profiles", "--profiles", &dir]);

    run.assert_code(2);
    assert!(run.stdout.contains(&format!("error[P011]: unknown source `{typo}`")), "{run}");
    assert!(run.stdout.contains(&format!("did you mean `{source}`?")), "{run}");
}

#[test]
fn candidacy_profiles_prints_every_item_with_its_sources() {
    let run = candidacy(&["profiles"]);
    run.assert_code(0);
    for profile in profiles().iter() {
        assert!(run.stdout.contains(&format!("## Screening profile `{}` v{}", profile.treatment, profile.version)));
        for item in &profile.items {
            assert!(run.stdout.contains(&format!("| `{}` |", item.id)), "{}", item.id);
        }
        for citation in profile.sources.values() {
            assert!(run.stdout.contains(citation.as_str()), "{citation}");
        }
    }
    let json = candidacy(&["profiles", "--json"]).json();
    assert_eq!(json.as_array().unwrap().len(), profiles().iter().count());
}

fn temp_dir(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("candidacy-profiles-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.display().to_string()
}

fn temp_file(name: &str, text: &str) -> String {
    let path = format!("{}/{name}", temp_dir("files"));
    std::fs::write(&path, text).unwrap();
    path
}
