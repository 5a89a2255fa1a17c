//! The engine on the default microneedling protocol: every rule from a safe baseline, precedence,
//! no early end, branching, progress, plans (none for minors) and what each outcome shows.
//!
//! Answers are written as JSON by ids (the public contract of `default-protocol-ids.md`), starting
//! from a visitor for whom nothing fires and changing only what a test is about.

mod common;

use candidacy::protocol::Condition;

use std::collections::BTreeSet;

use candidacy::answers::Answers;
use candidacy::answers_json::AnswersJson;
use candidacy::engine::{self, Progress, Step};
use candidacy::protocol::{self, Effect, Outcome, ValidProtocol};
use common::visit::{
    answers, assert_reason_complete, evaluate_in, merge, note_ids, reason_ids, Evaluated, PlanSummary,
};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The baseline

#[test]
fn the_safe_baseline_is_a_candidate_with_a_three_to_four_session_plan() {
    let result = evaluate(&safe_answers());

    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    assert!(result.fired.is_empty(), "fired: {:?}", result.fired);
    assert_eq!(result.recommendation.ended_by, None);
    let plan = result.report.plan.as_ref().expect("a candidate has a plan");
    assert_eq!((plan.sessions_min, plan.sessions_max), (3, 4));
    assert_eq!((plan.interval_weeks_min, plan.interval_weeks_max), (4, 6));
    assert!(!plan.usual_plan_only);
    assert_eq!(plan.set_by, ["fine_lines"]);
}

#[test]
fn the_safe_baseline_answers_every_question_but_the_scar_questions() {
    let protocol = default_protocol();
    let walk = engine::walk(&protocol, &answers(&protocol, &safe_answers()));

    let asked: Vec<&str> = walk.asked.iter().map(|&q| question_id(&protocol, q)).collect();
    let expected: Vec<&str> = (protocol.questions().iter())
        .map(|question| question.id.as_str())
        .filter(|id| !SCAR_QUESTIONS.contains(id))
        .collect();
    assert_eq!(asked, expected);
    assert_eq!(walk.next, None);
}

// ---------------------------------------------------------------------------------------------
// Every rule, one test each: the baseline with one change fires that rule, and only that rule.

macro_rules! every_rule {
    ($($rule:ident: $patch:tt => $outcome:ident,)*) => {
        /// One test per rule of the default protocol, named after the rule.
        mod fires_alone_from_the_safe_baseline {
            use super::*;
            $(
                #[test]
                fn $rule() {
                    assert_rule_fires_alone(stringify!($rule), json!($patch), Outcome::$outcome);
                }
            )*
        }

        /// The rule ids the tests above cover, in table order.
        const RULES_IN_TABLE: &[&str] = &[$(stringify!($rule)),*];
    };
}

every_rule! {
    loose_skin_only: {"concerns": ["loose_skin"]} => Consult,
    face_eye_area: {"treatment_area": ["face"]} => Candidate,
    scar_age: {"concerns": ["acne_scars"], "scar_severity": "mild", "scar_age": "under_1_year"} => Consult,
    age_minor: {"age": 17} => Consult,
    age_under_22: {"age": 20} => Consult,
    pregnant_or_breastfeeding: {"pregnant_or_breastfeeding": true} => Postpone,
    unsure_pregnant_or_breastfeeding: {"pregnant_or_breastfeeding": "unsure"} => Consult,
    skin_infection: {"skin_infection": true} => Postpone,
    unsure_skin_infection: {"skin_infection": "unsure"} => Consult,
    cold_sores_active: {"cold_sores": "active_now"} => Postpone,
    cold_sores_history: {"cold_sores": "history"} => Candidate,
    active_acne: {"active_acne": true} => Postpone,
    unsure_active_acne: {"active_acne": "unsure"} => Consult,
    skin_condition_flaring: {"skin_condition": "flaring_now"} => Postpone,
    skin_condition_history: {"skin_condition": "history"} => Consult,
    recent_sun: {"recent_sun": true} => Postpone,
    unsure_recent_sun: {"recent_sun": "unsure"} => Consult,
    recent_procedures: {"recent_procedures": true} => Postpone,
    unsure_recent_procedures: {"recent_procedures": "unsure"} => Consult,
    recent_major_procedures: {"recent_major_procedures": true} => Consult,
    unsure_recent_major_procedures: {"recent_major_procedures": "unsure"} => Consult,
    blood_thinners: {"blood_thinners": true} => Consult,
    unsure_blood_thinners: {"blood_thinners": "unsure"} => Consult,
    bleeding_disorder: {"bleeding_disorder": true} => NotCandidate,
    unsure_bleeding_disorder: {"bleeding_disorder": "unsure"} => Consult,
    keloid_history: {"keloid_history": true} => Consult,
    unsure_keloid_history: {"keloid_history": "unsure"} => Consult,
    isotretinoin_current: {"isotretinoin": "current"} => Postpone,
    isotretinoin_recent: {"isotretinoin": "within_6_months"} => Postpone,
    unsure_isotretinoin: {"isotretinoin": "unsure"} => Consult,
    metal_allergy: {"metal_allergy": true} => Consult,
    unsure_metal_allergy: {"metal_allergy": "unsure"} => Consult,
    anesthetic_allergy: {"anesthetic_allergy": true} => Consult,
    unsure_anesthetic_allergy: {"anesthetic_allergy": "unsure"} => Consult,
    immune_or_healing: {"immune_or_healing": true} => Consult,
    unsure_immune_or_healing: {"immune_or_healing": "unsure"} => Consult,
    skin_cancer: {"skin_cancer": true} => NotCandidate,
    unsure_skin_cancer: {"skin_cancer": "unsure"} => Consult,
    moles_or_lesions: {"moles_or_lesions": true} => Consult,
    unsure_moles_or_lesions: {"moles_or_lesions": "unsure"} => Consult,
    radiation: {"radiation": true} => Consult,
    unsure_radiation: {"radiation": "unsure"} => Consult,
    retinoids: {"retinoids": true} => Candidate,
    deeper_skin_tone: {"skin_tone": "type_5"} => Candidate,
}

#[test]
fn the_rule_table_covers_every_rule_of_the_protocol_exactly_once() {
    let protocol = default_protocol();
    let in_protocol: BTreeSet<&str> = (protocol.protocol.rules.iter()).map(|rule| rule.id.as_str()).collect();
    let in_table: BTreeSet<&str> = RULES_IN_TABLE.iter().copied().collect();

    assert_eq!(in_table.len(), RULES_IN_TABLE.len(), "a rule is listed twice");
    let untested: Vec<_> = in_protocol.difference(&in_table).collect();
    let unknown: Vec<_> = in_table.difference(&in_protocol).collect();
    assert!(untested.is_empty(), "rules without a test: {untested:?}");
    assert!(unknown.is_empty(), "tests of rules not in the protocol: {unknown:?}");
}

#[test]
fn retinoids_unsure_gives_the_retinoid_note_like_yes() {
    let result = evaluate(&with(json!({"retinoids": "unsure"})));

    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    assert_eq!(result.fired, ["retinoids"]);
    assert_eq!(note_ids(&result.report), ["retinoids"]);
}

#[test]
fn both_deeper_skin_tones_give_the_skin_tone_note_and_lighter_ones_do_not() {
    for tone in ["type_5", "type_6"] {
        let result = evaluate(&with(json!({"skin_tone": tone})));
        assert_eq!(result.fired, ["deeper_skin_tone"], "{tone}");
    }
    for tone in ["type_1", "type_2", "type_3", "type_4"] {
        let result = evaluate(&with(json!({"skin_tone": tone})));
        assert!(result.fired.is_empty(), "{tone}: {:?}", result.fired);
    }
}

#[test]
fn notes_are_shown_with_a_blocking_outcome_too() {
    let result = evaluate(&with(json!({"cold_sores": "history", "isotretinoin": "current"})));

    assert_eq!(result.recommendation.outcome, Outcome::Postpone);
    assert_eq!(reason_ids(&result.report), ["isotretinoin_current"]);
    assert_eq!(note_ids(&result.report), ["cold_sores_history"]);
}

#[test]
fn the_result_explains_the_terms_its_own_words_use_not_those_of_the_questions() {
    let terms = |report: &candidacy::report::RecommendationReport| -> Vec<String> {
        report.glossary.iter().map(|entry| entry.term.clone()).collect()
    };
    // Every question about isotretinoin and bleeding disorders was asked; the result of a
    // candidate talks about collagen, platelets and retinoids.
    let candidate = evaluate(&safe_answers()).report;
    assert_eq!(terms(&candidate), ["collagen", "platelet", "retinoid"]);
    let postponed = evaluate(&with(json!({"isotretinoin": "current"}))).report;
    assert!(terms(&postponed).contains(&"isotretinoin".to_owned()), "{:?}", terms(&postponed));

    let spanish = evaluate_in(&default_protocol(), &safe_answers(), "es").report;
    assert_eq!(terms(&spanish), ["colágeno", "plaqueta", "retinoide"]);
    let glossary = &default_protocol().protocol.glossary;
    for (shown, entry) in spanish
        .glossary
        .iter()
        .zip(glossary.iter().filter(|e| terms(&candidate).contains(&e.term.get("en").to_owned())))
    {
        assert_eq!(shown.explanation, entry.explanation.get("es"), "{}", shown.term);
    }
}

// ---------------------------------------------------------------------------------------------
// Precedence

#[test]
fn a_bleeding_disorder_outranks_blood_thinners_and_both_reasons_are_given() {
    let result = evaluate(&with(json!({"bleeding_disorder": true, "blood_thinners": true})));

    assert_eq!(result.recommendation.outcome, Outcome::NotCandidate);
    assert_eq!(reason_ids(&result.report), ["blood_thinners", "bleeding_disorder"]);
    for reason in &result.report.reasons {
        assert!(!reason.text.is_empty(), "rule `{}` has no text", reason.rule);
    }
}

#[test]
fn postpone_outranks_consult() {
    let result = evaluate(&with(json!({"age": 20, "isotretinoin": "current"})));

    assert_eq!(result.recommendation.outcome, Outcome::Postpone);
    assert_eq!(reason_ids(&result.report), ["age_under_22", "isotretinoin_current"]);
}

// ---------------------------------------------------------------------------------------------
// No early end: a stronger outcome or a red flag is never hidden

#[test]
fn no_rule_ends_the_quiz_early() {
    let protocol = default_protocol();
    let ending: Vec<&str> =
        (protocol.protocol.rules.iter()).filter(|rule| rule.ends_quiz).map(|rule| rule.id.as_str()).collect();
    assert!(ending.is_empty(), "rules that end the quiz: {ending:?}");
}

#[test]
fn the_quiz_goes_on_after_every_pregnancy_answer() {
    let protocol = default_protocol();
    let skin_infection = protocol.question_idx("skin_infection");
    for pregnant in [json!(true), json!(false), json!("unsure")] {
        let given = json!({
            "concerns": ["fine_lines"],
            "treatment_area": ["neck_chest"],
            "age": 35,
            "pregnant_or_breastfeeding": pregnant,
        });
        let step = engine::next_step(&protocol, &answers(&protocol, &given));
        assert!(
            matches!(step, Step::Ask { question, .. } if Some(question) == skin_infection),
            "pregnant_or_breastfeeding = {pregnant}: {step:?}"
        );
    }
}

#[test]
fn a_pregnancy_asks_every_question_and_is_a_postpone_with_a_come_back_time() {
    let protocol = default_protocol();
    let given = with(json!({"pregnant_or_breastfeeding": true}));
    let walk = engine::walk(&protocol, &answers(&protocol, &given));
    let asked: Vec<&str> = walk.asked.iter().map(|&q| question_id(&protocol, q)).collect();
    assert_eq!(asked.last(), Some(&"skin_tone"));

    let result = evaluate(&given);
    assert_eq!(result.recommendation.outcome, Outcome::Postpone);
    assert_eq!(result.recommendation.ended_by, None);
    assert_eq!(result.report.ended_early_by, None);
    assert!(result.report.reasons[0].come_back.as_deref().is_some_and(|t| !t.is_empty()));
}

#[test]
fn pregnant_with_skin_cancer_is_not_a_candidate_with_the_dermatologist_signposted() {
    for locale in ["en", "es"] {
        let given = with(json!({"pregnant_or_breastfeeding": true, "skin_cancer": true}));
        let result = evaluate_in(&default_protocol(), &given, locale);

        assert_eq!(result.recommendation.outcome, Outcome::NotCandidate, "{locale}");
        assert_eq!(reason_ids(&result.report), ["pregnant_or_breastfeeding", "skin_cancer"], "{locale}");
        let dermatologist = if locale == "en" { "dermatologist" } else { "dermatólogo" };
        let skin_cancer = &result.report.reasons[1];
        assert!(skin_cancer.instead.as_deref().is_some_and(|t| t.contains(dermatologist)), "{locale}: {skin_cancer:?}");
        assert!(
            result.report.red_flags.iter().any(|flag| flag.contains(dermatologist)),
            "{locale}: the red flags send to a dermatologist: {:?}",
            result.report.red_flags
        );
        assert_eq!(result.report.plan, None, "{locale}");
    }
}

#[test]
fn pregnant_with_a_bleeding_disorder_or_changing_moles_hears_about_them_too() {
    let bleeding = evaluate(&with(json!({"pregnant_or_breastfeeding": true, "bleeding_disorder": true})));
    assert_eq!(bleeding.recommendation.outcome, Outcome::NotCandidate);
    assert_eq!(reason_ids(&bleeding.report), ["pregnant_or_breastfeeding", "bleeding_disorder"]);

    let moles = evaluate(&with(json!({"pregnant_or_breastfeeding": true, "moles_or_lesions": true})));
    assert_eq!(moles.recommendation.outcome, Outcome::Postpone);
    assert_eq!(reason_ids(&moles.report), ["pregnant_or_breastfeeding", "moles_or_lesions"]);
    assert_eq!(moles.report.red_flags.len(), 1, "the changing-mole red flag is shown: {:?}", moles.report.red_flags);
}

// ---------------------------------------------------------------------------------------------
// Branching: the scar questions

#[test]
fn scar_questions_are_not_asked_without_a_scar_concern() {
    let protocol = default_protocol();
    let given = json!({"concerns": ["fine_lines", "loose_skin"], "treatment_area": ["face"]});

    let step = engine::next_step(&protocol, &answers(&protocol, &given));
    assert_eq!(asked_id(&protocol, &step), Some("age"));
}

#[test]
fn scar_questions_are_asked_after_the_treatment_area_for_each_scar_concern() {
    let protocol = default_protocol();
    for concern in ["acne_scars", "surgical_scars", "stretch_marks"] {
        let mut given = json!({"concerns": [concern, "fine_lines"], "treatment_area": ["face"]});
        let step = engine::next_step(&protocol, &answers(&protocol, &given));
        assert_eq!(asked_id(&protocol, &step), Some("scar_severity"), "{concern}");

        given["scar_severity"] = json!("moderate");
        let step = engine::next_step(&protocol, &answers(&protocol, &given));
        assert_eq!(asked_id(&protocol, &step), Some("scar_age"), "{concern}");

        given["scar_age"] = json!("over_1_year");
        let step = engine::next_step(&protocol, &answers(&protocol, &given));
        assert_eq!(asked_id(&protocol, &step), Some("age"), "{concern}");
    }
}

#[test]
fn scar_answers_are_dropped_when_the_scar_concern_is_removed() {
    let protocol = default_protocol();
    let given = with(json!({
        "concerns": ["fine_lines"],
        "scar_severity": "pronounced",
        "scar_age": "under_1_year",
    }));
    let walk = engine::walk(&protocol, &answers(&protocol, &given));

    for id in SCAR_QUESTIONS {
        let question = protocol.question_idx(id).unwrap();
        assert_eq!(walk.answers.get(question), None, "{id}");
        assert!(!walk.asked.contains(&question), "{id}");
    }
    let result = evaluate(&given);
    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    assert!(result.fired.is_empty(), "fired: {:?}", result.fired);
    let plan = result.report.plan.unwrap();
    assert_eq!((plan.sessions_min, plan.sessions_max), (3, 4));
}

// ---------------------------------------------------------------------------------------------
// Progress

#[test]
fn progress_starts_at_question_one_of_every_question() {
    let protocol = default_protocol();
    let progress = progress_at(&protocol, &json!({}));

    assert_eq!(progress.number(), 1);
    assert_eq!(progress.about(), protocol.questions().len());
}

#[test]
fn progress_grows_by_two_when_a_scar_concern_is_chosen() {
    let protocol = default_protocol();
    let without_scars = progress_at(&protocol, &json!({"concerns": ["fine_lines"]}));
    assert_eq!(without_scars.number(), 2);
    assert_eq!(without_scars.about(), protocol.questions().len() - 2);

    for concern in ["acne_scars", "surgical_scars", "stretch_marks"] {
        let with_scars = progress_at(&protocol, &json!({"concerns": ["fine_lines", concern]}));
        assert_eq!(with_scars.number(), 2, "{concern}");
        assert_eq!(with_scars.about(), without_scars.about() + 2, "{concern}");
    }
}

#[test]
fn progress_counts_the_scar_questions_once_they_are_answered() {
    let protocol = default_protocol();
    let given = json!({
        "concerns": ["acne_scars"],
        "treatment_area": ["face"],
        "scar_severity": "mild",
        "scar_age": "over_1_year",
    });
    let progress = progress_at(&protocol, &given);

    assert_eq!(progress.number(), 5);
    assert_eq!(progress.about(), protocol.questions().len());
}

// ---------------------------------------------------------------------------------------------
// Plans

#[test]
fn pronounced_acne_scars_with_fine_lines_take_five_to_six_sessions_set_by_the_scars() {
    let plan = candidate_plan(json!({
        "concerns": ["acne_scars", "fine_lines"],
        "scar_severity": "pronounced",
        "scar_age": "over_1_year",
    }));

    assert_eq!(plan.sessions, (5, 6));
    assert_eq!(plan.interval_weeks, (4, 6));
    assert_eq!(plan.parts, ["fine_lines", "acne_scars_pronounced"]);
    assert!(plan.set_by.iter().any(|id| id == "acne_scars_pronounced"));
    assert!(!plan.set_by.iter().any(|id| id == "fine_lines"));
}

#[test]
fn moderate_acne_scars_take_three_to_six_sessions() {
    let plan = candidate_plan(json!({
        "concerns": ["acne_scars"],
        "scar_severity": "moderate",
        "scar_age": "over_1_year",
    }));

    assert_eq!(plan.sessions, (3, 6));
    assert_eq!(plan.interval_weeks, (4, 6));
    assert_eq!(plan.set_by, ["acne_scars_mild_moderate"]);
}

#[test]
fn moderate_acne_scars_with_fine_lines_are_set_by_the_scars_alone() {
    let plan = candidate_plan(json!({
        "concerns": ["acne_scars", "fine_lines"],
        "scar_severity": "moderate",
        "scar_age": "over_1_year",
    }));

    assert_eq!(plan.sessions, (3, 6));
    assert_eq!(plan.parts, ["fine_lines", "acne_scars_mild_moderate"]);
    assert_eq!(plan.set_by, ["acne_scars_mild_moderate"]);
}

#[test]
fn mild_surgical_scars_take_four_to_six_sessions() {
    let plan = candidate_plan(json!({
        "concerns": ["surgical_scars"],
        "scar_severity": "mild",
        "scar_age": "over_1_year",
    }));

    assert_eq!(plan.sessions, (4, 6));
    assert_eq!(plan.interval_weeks, (4, 6));
    assert_eq!(plan.set_by, ["surgical_scars_mild_moderate"]);
}

#[test]
fn pronounced_surgical_scars_take_five_to_six_sessions() {
    let plan = candidate_plan(json!({
        "concerns": ["surgical_scars"],
        "scar_severity": "pronounced",
        "scar_age": "over_1_year",
    }));

    assert_eq!(plan.sessions, (5, 6));
    assert_eq!(plan.set_by, ["surgical_scars_pronounced"]);
}

#[test]
fn stretch_marks_take_five_to_six_sessions_at_any_severity() {
    for severity in ["mild", "moderate", "pronounced"] {
        let plan = candidate_plan(json!({
            "concerns": ["stretch_marks"],
            "scar_severity": severity,
            "scar_age": "over_1_year",
        }));

        assert_eq!(plan.sessions, (5, 6), "{severity}");
        assert_eq!(plan.interval_weeks, (4, 6), "{severity}");
        assert_eq!(plan.set_by, ["stretch_marks"], "{severity}");
    }
}

#[test]
fn every_skin_quality_concern_takes_three_to_four_sessions() {
    for concern in ["fine_lines", "enlarged_pores", "pigmentation", "uneven_texture"] {
        let plan = candidate_plan(json!({"concerns": [concern]}));

        assert_eq!(plan.sessions, (3, 4), "{concern}");
        assert_eq!(plan.interval_weeks, (4, 6), "{concern}");
        assert_eq!(plan.set_by, [concern], "{concern}");
    }
}

#[test]
fn mild_acne_scars_with_mild_surgical_scars_take_the_larger_minimum() {
    let plan = candidate_plan(json!({
        "concerns": ["acne_scars", "surgical_scars"],
        "scar_severity": "mild",
        "scar_age": "over_1_year",
    }));

    assert_eq!(plan.sessions, (4, 6));
    assert_eq!(plan.parts, ["acne_scars_mild_moderate", "surgical_scars_mild_moderate"]);
}

#[test]
fn a_consult_shows_the_usual_plan_only() {
    let result = evaluate(&with(json!({"blood_thinners": true})));

    assert_eq!(result.recommendation.outcome, Outcome::Consult);
    let plan = result.report.plan.expect("a consult shows the usual plan");
    assert!(plan.usual_plan_only);
    assert_eq!((plan.sessions_min, plan.sessions_max), (3, 4));
    assert_eq!((plan.interval_weeks_min, plan.interval_weeks_max), (4, 6));
}

#[test]
fn a_postpone_shows_no_plan_but_shows_preparation_and_aftercare() {
    let result = evaluate(&with(json!({"recent_sun": true})));

    assert_eq!(result.recommendation.outcome, Outcome::Postpone);
    assert_eq!(result.report.plan, None);
    assert!(!result.report.preparation.is_empty());
    assert!(!result.report.aftercare.is_empty());
}

#[test]
fn a_not_candidate_shows_no_plan_preparation_or_aftercare() {
    let result = evaluate(&with(json!({"skin_cancer": true})));

    assert_eq!(result.recommendation.outcome, Outcome::NotCandidate);
    assert_eq!(result.report.plan, None);
    assert!(result.report.preparation.is_empty());
    assert!(result.report.aftercare.is_empty());
    assert!(!result.report.disclaimer.is_empty());
}

#[test]
fn a_candidate_shows_the_protocol_preparation_and_aftercare() {
    let protocol = default_protocol();
    let result = evaluate(&safe_answers());

    assert_eq!(result.report.preparation.len(), protocol.protocol.preparation.len());
    assert_eq!(result.report.aftercare.len(), protocol.protocol.aftercare.len());
    assert!(!result.report.preparation.is_empty());
    assert!(!result.report.aftercare.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Age boundaries and loose skin

#[test]
fn seventeen_is_a_consult_for_a_minor() {
    let result = evaluate(&with(json!({"age": 17})));

    assert_eq!(result.recommendation.outcome, Outcome::Consult);
    assert_eq!(result.fired, ["age_minor"]);
}

#[test]
fn eighteen_and_twenty_one_are_a_consult_for_under_twenty_two() {
    for age in [18, 21] {
        let result = evaluate(&with(json!({"age": age})));

        assert_eq!(result.recommendation.outcome, Outcome::Consult, "age {age}");
        assert_eq!(result.fired, ["age_under_22"], "age {age}");
    }
}

#[test]
fn twenty_two_is_a_candidate() {
    let result = evaluate(&with(json!({"age": 22})));

    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    assert!(result.fired.is_empty(), "fired: {:?}", result.fired);
}

#[test]
fn the_youngest_and_oldest_accepted_ages_are_screened() {
    assert_eq!(evaluate(&with(json!({"age": 0}))).fired, ["age_minor"]);
    let oldest = evaluate(&with(json!({"age": 120})));
    assert_eq!(oldest.recommendation.outcome, Outcome::Candidate);
}

#[test]
fn loose_skin_alone_is_a_consult_without_a_plan() {
    let result = evaluate(&with(json!({"concerns": ["loose_skin"]})));

    assert_eq!(result.recommendation.outcome, Outcome::Consult);
    assert_eq!(result.fired, ["loose_skin_only"]);
    assert_eq!(result.report.plan, None);
}

#[test]
fn loose_skin_with_fine_lines_is_a_candidate() {
    let result = evaluate(&with(json!({"concerns": ["loose_skin", "fine_lines"]})));

    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    assert!(result.fired.is_empty(), "fired: {:?}", result.fired);
    let plan = result.report.plan.expect("a candidate has a plan");
    assert_eq!((plan.sessions_min, plan.sessions_max), (3, 4));
}

// ---------------------------------------------------------------------------------------------
// Minors: no plan, and no words about one

/// Every concern, with the scar questions answered for those that ask them.
fn every_concern() -> Vec<Value> {
    let mut patches = Vec::new();
    for concern in ["fine_lines", "enlarged_pores", "pigmentation", "uneven_texture", "loose_skin"] {
        patches.push(json!({"concerns": [concern]}));
    }
    for concern in ["acne_scars", "surgical_scars", "stretch_marks"] {
        for severity in ["mild", "moderate", "pronounced"] {
            patches.push(json!({"concerns": [concern], "scar_severity": severity, "scar_age": "over_1_year"}));
        }
    }
    patches
}

#[test]
fn a_seventeen_year_old_gets_no_plan_for_any_concern() {
    for age in [0, 12, 17] {
        for patch in every_concern() {
            let given = with(merge(&patch, &json!({"age": age})));
            for locale in ["en", "es"] {
                let result = evaluate_in(&default_protocol(), &given, locale);
                assert_eq!(result.recommendation.outcome, Outcome::Consult, "{given}");
                assert_eq!(result.report.plan, None, "age {age}, {patch}: a minor is shown a plan");
                let words = serde_json::to_value(&result.report).unwrap().to_string();
                // "plan" in both languages.
                assert!(
                    !candidacy::protocol::glossary::mentions(&words, "plan"),
                    "age {age}, {patch} ({locale}): the result talks about a plan: {words}"
                );
            }
        }
    }
}

#[test]
fn every_plan_part_is_for_adults_only() {
    use candidacy::protocol::condition::NumberTest;
    let adults = Condition::Number(NumberTest { question: "age".to_owned(), at_least: Some(18), below: None });
    for part in &default_protocol().protocol.plans {
        assert!(
            matches!(&part.when, Condition::All(all) if all.contains(&adults)),
            "plan part `{}` does not require age 18 or over: {:?}",
            part.id,
            part.when
        );
    }
}

#[test]
fn eighteen_with_any_concern_but_loose_skin_is_shown_the_usual_plan() {
    for patch in every_concern().into_iter().filter(|patch| patch["concerns"][0] != "loose_skin") {
        let result = evaluate(&with(merge(&patch, &json!({"age": 18}))));
        assert_eq!(result.recommendation.outcome, Outcome::Consult, "{patch}");
        let plan = result.report.plan.unwrap_or_else(|| panic!("{patch}: no usual plan"));
        assert!(plan.usual_plan_only, "{patch}");
    }
}

// ---------------------------------------------------------------------------------------------
// Wording the medical director asked for

#[test]
fn aftercare_asks_for_a_broad_spectrum_sunscreen_every_day() {
    for (locale, words) in [
        ("en", ["sunscreen", "broad spectrum", "SPF 30", "every day"]),
        ("es", ["protector solar", "amplio espectro", "SPF 30", "cada día"]),
    ] {
        let aftercare = evaluate_in(&default_protocol(), &safe_answers(), locale).report.aftercare;
        assert!(
            aftercare.iter().any(|item| words.iter().all(|word| item.to_lowercase().contains(&word.to_lowercase()))),
            "{locale}: {aftercare:#?}"
        );
    }
}

#[test]
fn plans_of_five_or_more_sessions_say_more_may_be_needed() {
    let protocol = default_protocol();
    let long: Vec<_> = protocol.protocol.plans.iter().filter(|part| part.sessions.min >= 5).collect();
    assert_eq!(long.len(), 3, "pronounced acne scars, stretch marks, pronounced surgical scars");
    for part in long {
        assert!(part.label.get("en").contains("more sessions may be needed"), "{}", part.label.get("en"));
        assert!(part.label.get("es").contains("puede que hagan falta más sesiones"), "{}", part.label.get("es"));
    }
}

#[test]
fn after_a_deep_procedure_a_clinician_sets_the_timing_and_no_number_of_weeks_is_given() {
    let result = evaluate(&with(json!({"recent_major_procedures": true})));
    let reason = &result.report.reasons[0];
    assert!(reason.text.contains("A clinician will set the timing"), "{}", reason.text);
    assert!(!reason.text.contains("week") && !reason.text.contains("about"), "{}", reason.text);

    // A light treatment in the last 2 weeks as well: its wait is about that treatment, and the
    // question says deep procedures are the next question's.
    let both = evaluate(&with(json!({"recent_procedures": true, "recent_major_procedures": true})));
    assert_eq!(reason_ids(&both.report), ["recent_procedures", "recent_major_procedures"]);
    assert_eq!(both.report.reasons[0].come_back.as_deref(), Some("at least 2 weeks after that treatment"));
    let protocol = default_protocol();
    let light = &protocol.questions()[protocol.question_idx("recent_procedures").unwrap()];
    let help = light.help.as_ref().unwrap().get("en");
    assert!(help.contains("Don't count surgery, a deep peel, an ablative laser or filler"), "{help}");
}

// ---------------------------------------------------------------------------------------------
// Answers

#[test]
fn an_unknown_option_is_refused_naming_the_question() {
    let protocol = default_protocol();
    let error = Answers::from_json(&protocol, &with(json!({"cold_sores": "sometimes"})))
        .expect_err("`sometimes` is not an option");

    assert_eq!(error.question.as_deref(), Some("cold_sores"));
    assert!(error.message.contains("unknown option `sometimes`"), "{error}");
}

#[test]
fn unsure_is_refused_where_a_question_does_not_offer_it() {
    let protocol = default_protocol();
    let error = Answers::from_json(&protocol, &with(json!({"cold_sores": "unsure"})))
        .expect_err("cold_sores has no unsure option");

    assert_eq!(error.question.as_deref(), Some("cold_sores"));
}

#[test]
fn an_age_outside_zero_to_one_hundred_twenty_is_refused() {
    let protocol = default_protocol();
    for age in [-1, 121] {
        let error = Answers::from_json(&protocol, &with(json!({"age": age}))).expect_err("out of range");
        assert_eq!(error.question.as_deref(), Some("age"), "age {age}");
    }
}

#[test]
fn answers_round_trip_through_json_by_ids() {
    let protocol = default_protocol();
    let given = with(json!({"concerns": ["acne_scars", "fine_lines"], "scar_severity": "mild",
        "scar_age": "over_1_year", "blood_thinners": "unsure"}));

    assert_eq!(answers(&protocol, &given).to_json(&protocol), given);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The questions asked only when a scar concern is chosen.
const SCAR_QUESTIONS: [&str; 2] = ["scar_severity", "scar_age"];

/// A visitor for whom no rule fires: fine lines on the neck, 35, every screening answer harmless.
fn safe_answers() -> Value {
    serde_json::from_str(include_str!("protocols/safe-answers.json")).expect("the fixture is JSON")
}

/// The safe baseline with `patch`'s answers in place of its own.
fn with(patch: Value) -> Value {
    merge(&safe_answers(), &patch)
}

// ---------------------------------------------------------------------------------------------
// Washout windows as parameters (issue 10)

#[test]
fn washout_periods_are_parameters_that_every_text_follows() {
    let mut json: Value = serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap();
    let periods: Vec<(&str, Value)> = json["parameters"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, p)| (id.as_str(), json!([p["value"], p["unit"]])))
        .collect();
    let expected = [
        ("isotretinoin_washout", json!([6, "months"])),
        ("major_procedure_window", json!([3, "months"])),
        ("procedure_recovery", json!([2, "weeks"])),
        ("scar_maturity", json!([1, "years"])),
        ("sun_recovery", json!([2, "weeks"])),
    ];
    assert_eq!(periods, expected);

    json["parameters"]["isotretinoin_washout"]["value"] = 9.into();
    let protocol = protocol::load("nine-months.json", &json.to_string()).unwrap().protocol;
    let result = evaluate_with(&protocol, &with(json!({"isotretinoin": "within_6_months"})));
    let reason = &result.report.reasons[0];
    assert_eq!(reason.text, "You took isotretinoin in the last 9 months. Your skin needs 9 months after the last dose before microneedling.");
    assert_eq!(reason.come_back.as_deref(), Some("9 months after your last isotretinoin dose"));
    let isotretinoin = &protocol.questions()[protocol.question_idx("isotretinoin").unwrap()];
    assert_eq!(isotretinoin.options[1].label.get("en"), "Yes, and I stopped less than 9 months ago");
    let texts = serde_json::to_string(&protocol.protocol).unwrap();
    assert!(!texts.contains("{isotretinoin_washout}") && !texts.contains(" 6 months"), "every text follows");
}

fn default_protocol() -> ValidProtocol {
    protocol::load("microneedling.json", candidacy::DEFAULT_PROTOCOL).expect("the default protocol loads").protocol
}

fn evaluate(json: &Value) -> Evaluated {
    evaluate_with(&default_protocol(), json)
}

fn evaluate_with(protocol: &ValidProtocol, json: &Value) -> Evaluated {
    evaluate_in(protocol, json, "en")
}

/// The baseline with `patch` fires `rule` and no other, with `expected` as the outcome; the
/// report gives the rule's reason, with a come-back time for `postpone` and an alternative for
/// `not_candidate`.
fn assert_rule_fires_alone(rule: &str, patch: Value, expected: Outcome) {
    let result = evaluate(&with(patch));

    assert_eq!(result.fired, [rule], "rule `{rule}`: the rules that fired");
    assert_eq!(result.recommendation.outcome, expected, "rule `{rule}`: the outcome");
    let effect = result.recommendation.fired[0].effect;
    let (shown, other) = if effect == Effect::Note {
        (&result.report.notes, &result.report.reasons)
    } else {
        (&result.report.reasons, &result.report.notes)
    };
    assert!(other.is_empty(), "rule `{rule}`: shown twice");
    let [reason] = shown.as_slice() else {
        panic!("rule `{rule}`: shown {} times", shown.len());
    };
    assert_eq!(reason.rule, rule);
    assert_reason_complete(reason, rule, expected);
}

fn question_id(protocol: &ValidProtocol, question: usize) -> &str {
    &protocol.questions()[question].id
}

/// The id of the question `step` asks, if it asks one.
fn asked_id<'p>(protocol: &'p ValidProtocol, step: &Step) -> Option<&'p str> {
    match step {
        Step::Ask { question, .. } => Some(question_id(protocol, *question)),
        Step::Recommend(_) => None,
    }
}

/// The progress shown with the next question after `given`.
fn progress_at(protocol: &ValidProtocol, given: &Value) -> Progress {
    match engine::next_step(protocol, &answers(protocol, given)) {
        Step::Ask { progress, .. } => progress,
        Step::Recommend(_) => panic!("no question left after {given}"),
    }
}

/// The plan of a candidate with the baseline changed by `patch`.
fn candidate_plan(patch: Value) -> PlanSummary {
    let result = evaluate(&with(patch));
    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    let plan = result.report.plan.expect("a candidate has a plan");
    assert!(!plan.usual_plan_only);
    plan.into()
}
