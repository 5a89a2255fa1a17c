//! The verifier on the default protocol, on deliberately unsafe mutants of it, and its
//! counterexamples replayed through the engine.

mod common;

use candidacy::engine::{next_step, Step};
use candidacy::protocol::{Effect, Outcome, ValidProtocol};
use candidacy::verify::{verify, Failure, Property, Report};
use common::{answers_of, default_json, default_protocol, load_json};

#[test]
fn default_protocol_is_proven_safe() {
    let report = verify(&default_protocol()).unwrap();
    for result in &report.results {
        assert!(result.holds(), "{:?} fails: {:?}", result.property, result.failures);
    }
    assert_eq!(report.paths, 268_482_398_877_000);
    assert_eq!(report.outcomes.iter().sum::<u128>(), report.paths);
    assert!(report.outcomes.iter().all(|&n| n > 0), "every outcome is reachable: {:?}", report.outcomes);
}

#[test]
fn every_blocking_rule_turned_into_a_note_is_caught_with_a_counterexample() {
    let original = default_json();
    let rules = original["rules"].as_array().unwrap().clone();
    let mut mutants = 0;
    for (i, rule) in rules.iter().enumerate() {
        if rule["effect"] == "note" {
            continue;
        }
        let mut mutant = original.clone();
        mutant["rules"][i]["effect"] = "note".into();
        mutant["rules"][i].as_object_mut().unwrap().remove("come_back");
        mutant["rules"][i].as_object_mut().unwrap().remove("instead");
        mutant["rules"][i].as_object_mut().unwrap().remove("ends_quiz");
        let protocol = load_json(&mutant);
        let report = verify(&protocol).unwrap();
        let rule_id = rule["id"].as_str().unwrap();
        assert!(!report.holds(), "weakening `{rule_id}` went unnoticed");
        assert_counterexamples_replay(&protocol, &report, rule_id);
        mutants += 1;
    }
    assert!(mutants >= 30, "the default protocol has its blocking rules: {mutants}");
}

#[test]
fn every_blocking_rule_removed_is_caught() {
    let original = default_json();
    let n_rules = original["rules"].as_array().unwrap().len();
    for i in 0..n_rules {
        if original["rules"][i]["effect"] == "note" {
            continue;
        }
        let mut mutant = original.clone();
        let removed = mutant["rules"].as_array_mut().unwrap().remove(i);
        let protocol = load_json(&mutant);
        let report = verify(&protocol).unwrap();
        assert!(!report.holds(), "removing `{}` went unnoticed", removed["id"]);
    }
}

#[test]
fn a_removed_unsure_rule_breaks_the_unsure_property_on_that_question() {
    let mut mutant = default_json();
    let rules = mutant["rules"].as_array_mut().unwrap();
    rules.retain(|rule| rule["id"] != "unsure_blood_thinners");
    let protocol = load_json(&mutant);
    let report = verify(&protocol).unwrap();
    let example = first_example(&report, Property::UnsureNeverCandidate);
    let blood_thinners = protocol.question_idx("blood_thinners").unwrap();
    let unsure = example.iter().find(|(q, _)| *q == blood_thinners).map(|(_, v)| *v);
    assert_eq!(unsure, Some(candidacy::answers::Value::YesNo(candidacy::answers::YesNo::Unsure)));
    assert!(!result(&report, Property::FindingNeverCandidate).holds(), "unsure counts as a finding too");
}

#[test]
fn a_rule_that_can_never_fire_and_a_question_never_asked_are_reported() {
    let mut mutant = default_json();
    // Scar questions only for a concern that also has to be absent: never asked.
    mutant["questions"][2]["ask_if"] = serde_json::json!({"all": [
        {"chose": {"question": "concerns", "option": "acne_scars"}},
        {"not": {"chose": {"question": "concerns", "option": "acne_scars"}}}
    ]});
    let protocol = load_json(&mutant);
    let report = verify(&protocol).unwrap();
    let never_asked: Vec<_> = result(&report, Property::EveryQuestionAsked).failures.clone();
    assert_eq!(never_asked, vec![Failure::QuestionNeverAsked(2)]);
    let scar_severity_plan_rules = result(&report, Property::EveryRuleFires);
    assert!(scar_severity_plan_rules.holds(), "scar_age's rule still fires: scar_age is asked");
}

#[test]
fn a_consult_only_protocol_without_plans_fails_the_plan_property() {
    let mut mutant = default_json();
    mutant["plans"] = serde_json::json!([]);
    let report = verify(&load_json(&mutant)).unwrap();
    let failure = &result(&report, Property::CandidateHasPlan).failures;
    assert_eq!(failure.len(), 1);
    let Failure::Paths { paths, .. } = &failure[0] else { panic!("expected paths: {failure:?}") };
    assert_eq!(*paths, report.outcomes[Outcome::Candidate as usize], "every candidate path lacks a plan");
}

#[test]
fn generated_benchmark_protocol_counts_its_paths() {
    let protocol = common::load_json(&serde_json::to_value(candidacy::protocol::generate::benchmark(12, 4)).unwrap());
    let report = verify(&protocol).unwrap();
    assert!(report.holds());
    assert_eq!(report.outcomes.iter().sum::<u128>(), report.paths);
    // 15 concern subsets, then 12 questions of 3 answers, fewer where a question is skipped.
    assert!(report.paths > 15 * 3u128.pow(9) && report.paths < 15 * 3u128.pow(12), "{}", report.paths);
}

fn result(report: &Report, property: Property) -> &candidacy::verify::PropertyResult {
    report.results.iter().find(|r| r.property == property).unwrap()
}

fn first_example(report: &Report, property: Property) -> Vec<(usize, candidacy::answers::Value)> {
    match result(report, property).failures.first() {
        Some(Failure::Paths { example, .. }) => example.answers.clone(),
        other => panic!("{property:?}: expected a counterexample path, got {other:?}"),
    }
}

/// Every counterexample path, given to the engine, really ends in `candidate`, and the weakened
/// rule fires on at least one of them.
fn assert_counterexamples_replay(protocol: &ValidProtocol, report: &Report, rule_id: &str) {
    let rule = protocol.rule_idx(rule_id).unwrap();
    let mut weakened_rule_fired = false;
    for failure in report.results.iter().flat_map(|r| &r.failures) {
        let Failure::Paths { example, paths } = failure else {
            continue;
        };
        assert!(*paths > 0);
        let answers = answers_of(protocol, &example.answers);
        let Step::Recommend(recommendation) = next_step(protocol, &answers) else {
            panic!("`{rule_id}`: the counterexample path is incomplete: {:?}", example.answers)
        };
        assert_eq!(recommendation.outcome, Outcome::Candidate, "`{rule_id}`: counterexample replays to candidate");
        weakened_rule_fired |= recommendation.fired.iter().any(|f| f.rule == rule && f.effect == Effect::Note);
    }
    let on_concerns = rule_id == "loose_skin_only";
    assert!(weakened_rule_fired || on_concerns, "`{rule_id}` fires on a counterexample");
}

// ---------------------------------------------------------------------------------------------
// Monotonicity and masking (issue 10)

#[test]
fn default_protocol_is_monotone_and_ends_nowhere_early() {
    let protocol = default_protocol();
    let report = verify(&protocol).unwrap();
    assert!(result(&report, Property::RiskierAnswerNeverWeaker).holds());
    assert!(result(&report, Property::EarlyEndHidesNothing).holds());
    assert!(report.maskings.is_empty());
    assert!(protocol.model.rules.iter().all(|rule| !rule.ends_quiz));
}

/// The default protocol as it was (pregnancy ending the quiz): still monotone, because the early
/// end explains the weaker outcome, but the early end now fails the protocol.
#[test]
fn pregnancy_ending_early_masks_the_not_candidate_rules_and_fails_the_early_end_property() {
    let mut json = common::default_json();
    let rules = json["rules"].as_array_mut().unwrap();
    rules.iter_mut().find(|rule| rule["id"] == "pregnant_or_breastfeeding").unwrap()["ends_quiz"] = true.into();
    let protocol = load_json(&json);
    let report = verify(&protocol).unwrap();
    assert!(result(&report, Property::RiskierAnswerNeverWeaker).holds());
    assert!(!result(&report, Property::EarlyEndHidesNothing).holds());
    for failure in &result(&report, Property::EarlyEndHidesNothing).failures {
        let Failure::Hidden(hidden) = failure else { panic!("{failure:?}") };
        assert_eq!(protocol.protocol.rules[hidden.ending_rule].id, "pregnant_or_breastfeeding");
        let walked = answers_of(&protocol, &hidden.example.given);
        let Step::Recommend(walked) = next_step(&protocol, &walked) else { panic!("the walked path ends") };
        assert_eq!(walked.outcome, hidden.example.given_outcome);
        assert_eq!(walked.ended_by, Some(hidden.ending_rule));
        let continued = answers_of(&protocol, &hidden.example.raised);
        assert!(continued.answered().count() > walked.fired.len(), "the continuation answers the skipped questions");
        assert!(continued.answered().any(|(q, _)| protocol.model.rules[hidden.hidden_rule].decided_after == q));
    }
    let maskings: Vec<(&str, &str)> = (report.maskings.iter())
        .map(|m| {
            (protocol.protocol.rules[m.ending_rule].id.as_str(), protocol.protocol.rules[m.masked_rule].id.as_str())
        })
        .collect();
    assert_eq!(
        maskings,
        [("pregnant_or_breastfeeding", "bleeding_disorder"), ("pregnant_or_breastfeeding", "skin_cancer")]
    );
    for masking in &report.maskings {
        assert!(masking.paths > 0);
        assert_pair_replays(&protocol, &masking.example);
        let raised = answers_of(&protocol, &masking.example.raised);
        let Step::Recommend(recommendation) = next_step(&protocol, &raised) else { panic!("incomplete") };
        assert_eq!(recommendation.ended_by, Some(masking.ending_rule), "the raised path ends early");
    }
}

/// The issue's example: "recent sun and no major procedure → postpone". Adding a major procedure
/// (consult) switches the sun rule off and turns postpone into consult.
#[test]
fn issue_10_a_sun_rule_excused_by_a_major_procedure_is_not_monotone() {
    let protocol = load_json(&common::sunburn_fixture());
    let report = verify(&protocol).unwrap();
    assert!(!report.holds());
    let failures = &result(&report, Property::RiskierAnswerNeverWeaker).failures;
    let [Failure::Pairs { paths, example }] = failures.as_slice() else { panic!("expected one pair: {failures:?}") };
    assert!(*paths > 0);
    assert_eq!(protocol.questions()[example.question].id, "recent_major_procedures");
    assert_eq!((example.given_outcome, example.raised_outcome), (Outcome::Postpone, Outcome::Consult));
    assert_pair_replays(&protocol, example);
    let others: Vec<Property> = (report.results.iter().filter(|r| !r.holds()).map(|r| r.property)).collect();
    assert_eq!(others, [Property::RiskierAnswerNeverWeaker], "the fixture breaks nothing else");
}

#[test]
fn findings_are_ordered_by_their_risk() {
    // Flaring now is riskier than a calm history; swapping their effects breaks the order.
    let mut mutant = default_json();
    let rules = mutant["rules"].as_array_mut().unwrap();
    for rule in rules.iter_mut() {
        match rule["id"].as_str().unwrap() {
            "skin_condition_flaring" => {
                rule["effect"] = "consult".into();
                rule.as_object_mut().unwrap().remove("come_back");
            }
            "skin_condition_history" => {
                rule["effect"] = "postpone".into();
                rule["come_back"] = "later".into();
            }
            _ => {}
        }
    }
    let protocol = load_json(&mutant);
    let report = verify(&protocol).unwrap();
    let Failure::Pairs { example, .. } = &result(&report, Property::RiskierAnswerNeverWeaker).failures[0] else {
        panic!("expected a pair")
    };
    assert_eq!(protocol.questions()[example.question].id, "skin_condition");
    assert_pair_replays(&protocol, example);

    // Without the `risk`, both are plain findings: no order between them, nothing to prove.
    let skin_condition = protocol.question_idx("skin_condition").unwrap();
    mutant["questions"][skin_condition]["options"][0].as_object_mut().unwrap().remove("risk");
    let report = verify(&load_json(&mutant)).unwrap();
    assert!(result(&report, Property::RiskierAnswerNeverWeaker).holds());
}

/// Both paths of a pair, given to the engine, end with the outcomes the verifier claims, and
/// differ only in the raised answer (and in what only one of them is asked).
fn assert_pair_replays(protocol: &ValidProtocol, pair: &candidacy::verify::PathPair) {
    for (path, outcome) in [(&pair.given, pair.given_outcome), (&pair.raised, pair.raised_outcome)] {
        let Step::Recommend(recommendation) = next_step(protocol, &answers_of(protocol, path)) else {
            panic!("the pair's path is incomplete: {path:?}")
        };
        assert_eq!(recommendation.outcome, outcome, "{path:?}");
    }
    let model = &protocol.model.questions[pair.question];
    let value = |path: &[(usize, candidacy::answers::Value)]| path.iter().find(|(q, _)| *q == pair.question).unwrap().1;
    assert!(model.risk(value(&pair.raised)) > model.risk(value(&pair.given)), "the raised answer is riskier");
    for &(q, given) in &pair.given {
        if let Some(&(_, raised)) = pair.raised.iter().find(|(r, _)| *r == q) {
            assert!(q == pair.question || given == raised, "only the raised answer differs");
        }
    }
}
