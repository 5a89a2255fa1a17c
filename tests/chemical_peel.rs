//! The engine on the chemical-peel protocol (`static/protocols/chemical-peel.json`), the second
//! shipped protocol: it checks and verifies clean, every rule fires from a safe baseline, each
//! outcome is reachable, medium-depth concerns meet darker skin and cold sores, plans combine, and
//! the Spanish report is Spanish throughout.
//!
//! Answers are written as JSON by ids, starting from a visitor for whom nothing fires
//! (`tests/protocols/chemical-peel-safe-answers.json`) and changing only what a test is about.

mod common;

use candidacy::protocol::Condition;

use std::collections::BTreeSet;

use candidacy::engine;
use candidacy::protocol::glossary::{entries_in, question_text};
use candidacy::protocol::{self, Effect, Outcome, ValidProtocol};
use candidacy::report;
use common::visit::{
    answers, assert_reason_complete, evaluate_in, merge, note_ids, reason_ids, Evaluated, PlanSummary,
};
use serde_json::{json, Value};

const PATH: &str = "static/protocols/chemical-peel.json";
const TEXT: &str = include_str!("../static/protocols/chemical-peel.json");

// ---------------------------------------------------------------------------------------------
// The file as a clinic ships it

#[test]
fn the_protocol_checks_with_no_errors_and_no_warnings() {
    let checked = candidacy::check::check(PATH, TEXT);

    assert!(checked.diagnostics.is_empty(), "{}", checked.diagnostics);
    let protocol = checked.protocol.expect("the protocol loads");
    assert_eq!(protocol.protocol.id, "chemical_peel");
    assert_eq!(protocol.protocol.locales, ["en", "es"]);
}

#[test]
fn the_protocol_verifies_on_every_path_with_no_masking() {
    let report = candidacy::verify::verify(&peel_protocol()).expect("the protocol can be explored");

    for result in &report.results {
        assert!(result.holds(), "violated: {}", result.property.sentence());
    }
    assert!(report.maskings.is_empty(), "an early end hides a stronger outcome");
    for (outcome, paths) in Outcome::ALL.iter().zip(report.outcomes) {
        assert!(paths > 0, "no path ends in {}", outcome.as_str());
    }
}

#[test]
fn every_text_has_a_spanish_translation() {
    let protocol = peel_protocol();
    let (missing, total) = protocol::missing_texts(&protocol.protocol);

    assert!(total > 250, "{total} texts");
    assert_eq!(missing, [("es".to_owned(), Vec::<String>::new())]);
}

#[test]
fn shared_questions_keep_the_default_protocols_ids_and_options() {
    let default = protocol::load("microneedling.json", candidacy::DEFAULT_PROTOCOL).unwrap().protocol;
    let peel = peel_protocol();
    let shared = [
        "concerns",
        "treatment_area",
        "scar_severity",
        "skin_tone",
        "age",
        "pregnant_or_breastfeeding",
        "skin_infection",
        "skin_condition",
        "cold_sores",
        "recent_sun",
        "recent_procedures",
        "recent_major_procedures",
        "isotretinoin",
        "keloid_history",
        "immune_or_healing",
        "skin_cancer",
        "moles_or_lesions",
        "radiation",
    ];
    for id in shared {
        let ours = &peel.questions()[peel.question_idx(id).unwrap()];
        let theirs = &default.questions()[default.question_idx(id).unwrap()];
        assert_eq!(ours.kind, theirs.kind, "{id}");
        assert_eq!(ours.unsure, theirs.unsure, "{id}");
        let option_ids = |q: &protocol::Question| q.options.iter().map(|o| o.id.clone()).collect::<BTreeSet<_>>();
        if id == "concerns" {
            // Concerns differ by treatment; the ones both protocols offer keep their ids.
            let both = option_ids(ours).intersection(&option_ids(theirs)).count();
            assert_eq!(both, 4, "pigmentation, fine_lines, acne_scars, uneven_texture");
        } else {
            assert_eq!(option_ids(ours), option_ids(theirs), "{id}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The baseline

#[test]
fn the_safe_baseline_is_a_candidate_with_a_superficial_series() {
    let result = evaluate(&safe_answers());

    assert_eq!(result.recommendation.outcome, Outcome::Candidate);
    assert!(result.fired.is_empty(), "fired: {:?}", result.fired);
    let plan = result.report.plan.as_ref().expect("a candidate has a plan");
    assert_eq!((plan.sessions_min, plan.sessions_max), (3, 6));
    assert_eq!((plan.interval_weeks_min, plan.interval_weeks_max), (2, 4));
    assert_eq!(plan.set_by, ["pigmentation"]);
}

#[test]
fn the_safe_baseline_answers_every_question_but_the_scar_question() {
    let protocol = peel_protocol();
    let walk = engine::walk(&protocol, &answers(&protocol, &safe_answers()));

    let asked: Vec<&str> = walk.asked.iter().map(|&q| protocol.questions()[q].id.as_str()).collect();
    let expected: Vec<&str> =
        protocol.questions().iter().map(|q| q.id.as_str()).filter(|&id| id != "scar_severity").collect();
    assert_eq!(asked, expected);
}

// ---------------------------------------------------------------------------------------------
// Every rule, one test each: the minimal change to the baseline that fires it, the outcome, and
// the notes that necessarily come with it.

macro_rules! every_rule {
    ($($rule:ident: $patch:tt => $outcome:ident $(+ [$($with:ident),*])?,)*) => {
        /// One test per rule of the chemical-peel protocol, named after the rule.
        mod fires_from_the_safe_baseline {
            use super::*;
            $(
                #[test]
                fn $rule() {
                    let with: &[&str] = &[$($(stringify!($with)),*)?];
                    assert_rule_fires(stringify!($rule), json!($patch), Outcome::$outcome, with);
                }
            )*
        }

        /// The rule ids the tests above cover, in table order.
        const RULES_IN_TABLE: &[&str] = &[$(stringify!($rule)),*];
    };
}

every_rule! {
    deep_concerns_only: {"concerns": ["deep_wrinkles"]} => NotCandidate,
    deep_concerns: {"concerns": ["pigmentation", "deep_wrinkles"]} => Candidate,
    melasma: {"concerns": ["melasma"]} => Candidate,
    medium_depth: {"concerns": ["acne_scars"], "scar_severity": "moderate"} => Candidate,
    darker_skin_medium_depth: {"concerns": ["acne_scars"], "scar_severity": "moderate", "skin_tone": "type_5"}
        => Consult + [medium_depth],
    melasma_medium_depth: {"concerns": ["melasma", "acne_scars"], "scar_severity": "moderate"}
        => Consult + [melasma, medium_depth],
    darker_skin_tone: {"skin_tone": "type_4"} => Candidate,
    body_areas: {"treatment_area": ["face", "neck_chest"]} => Candidate,
    expectations_dramatic: {"expectations": "dramatic"} => Consult,
    age_minor: {"age": 17} => Consult,
    pregnant_or_breastfeeding: {"pregnant_or_breastfeeding": true} => Postpone,
    unsure_pregnant_or_breastfeeding: {"pregnant_or_breastfeeding": "unsure"} => Consult,
    skin_infection: {"skin_infection": true} => Postpone,
    unsure_skin_infection: {"skin_infection": "unsure"} => Consult,
    skin_condition_flaring: {"skin_condition": "flaring_now"} => Postpone,
    skin_condition_history: {"skin_condition": "history"} => Consult,
    cold_sores_active: {"cold_sores": "active_now"} => Postpone,
    cold_sores_history: {"cold_sores": "history"} => Candidate,
    cold_sores_medium_depth: {"cold_sores": "history", "concerns": ["acne_scars"], "scar_severity": "moderate"}
        => Consult + [medium_depth],
    recent_sun: {"recent_sun": true} => Postpone,
    unsure_recent_sun: {"recent_sun": "unsure"} => Consult,
    recent_procedures: {"recent_procedures": true} => Postpone,
    unsure_recent_procedures: {"recent_procedures": "unsure"} => Consult,
    recent_major_procedures: {"recent_major_procedures": true} => Consult,
    unsure_recent_major_procedures: {"recent_major_procedures": "unsure"} => Consult,
    recent_hair_removal: {"recent_hair_removal": true} => Postpone,
    unsure_recent_hair_removal: {"recent_hair_removal": "unsure"} => Consult,
    recent_retinoids: {"recent_retinoids": true} => Candidate,
    unsure_recent_retinoids: {"recent_retinoids": "unsure"} => Candidate,
    isotretinoin_current: {"isotretinoin": "current"} => Postpone,
    isotretinoin_recent: {"isotretinoin": "within_6_months"} => Postpone,
    unsure_isotretinoin: {"isotretinoin": "unsure"} => Consult,
    keloid_history: {"keloid_history": true} => Consult,
    unsure_keloid_history: {"keloid_history": "unsure"} => Consult,
    aspirin_allergy: {"aspirin_allergy": true} => Consult,
    unsure_aspirin_allergy: {"aspirin_allergy": "unsure"} => Consult,
    photosensitizing_medication: {"photosensitizing_medication": true} => Consult,
    unsure_photosensitizing_medication: {"photosensitizing_medication": "unsure"} => Consult,
    immune_or_healing: {"immune_or_healing": true} => Consult,
    unsure_immune_or_healing: {"immune_or_healing": "unsure"} => Consult,
    skin_cancer: {"skin_cancer": true} => NotCandidate,
    unsure_skin_cancer: {"skin_cancer": "unsure"} => Consult,
    moles_or_lesions: {"moles_or_lesions": true} => Consult,
    unsure_moles_or_lesions: {"moles_or_lesions": "unsure"} => Consult,
    radiation: {"radiation": true} => Consult,
    unsure_radiation: {"radiation": "unsure"} => Consult,
}

#[test]
fn the_rule_table_covers_every_rule_of_the_protocol_exactly_once() {
    let protocol = peel_protocol();
    let in_protocol: BTreeSet<&str> = protocol.protocol.rules.iter().map(|rule| rule.id.as_str()).collect();
    let in_table: BTreeSet<&str> = RULES_IN_TABLE.iter().copied().collect();

    assert_eq!(in_table.len(), RULES_IN_TABLE.len(), "a rule is listed twice");
    let untested: Vec<_> = in_protocol.difference(&in_table).collect();
    let unknown: Vec<_> = in_table.difference(&in_protocol).collect();
    assert!(untested.is_empty(), "rules without a test: {untested:?}");
    assert!(unknown.is_empty(), "tests of rules not in the protocol: {unknown:?}");
}

// ---------------------------------------------------------------------------------------------
// Every outcome, with example answers a clinic's team can paste into `candidacy evaluate`

/// One visitor per outcome, as the e2e spec walks them through the widget.
fn outcome_examples() -> [(Outcome, Value); 4] {
    [
        (Outcome::Candidate, safe_answers()),
        (
            Outcome::Consult,
            with(json!({"concerns": ["acne_scars"], "scar_severity": "moderate", "skin_tone": "type_5"})),
        ),
        (Outcome::Postpone, with(json!({"recent_hair_removal": true}))),
        (Outcome::NotCandidate, with(json!({"concerns": ["deep_wrinkles"]}))),
    ]
}

#[test]
fn every_outcome_is_reached_by_its_example_answers() {
    for (expected, given) in outcome_examples() {
        let result = evaluate(&given);
        assert_eq!(result.recommendation.outcome, expected, "{given}");
        assert_eq!(result.report.plan.is_some(), matches!(expected, Outcome::Candidate | Outcome::Consult), "{given}");
    }
}

#[test]
fn the_spanish_report_has_no_english_left() {
    let protocol = peel_protocol();
    let same_in_both = texts_written_alike_in_both_languages();
    let mut examples: Vec<Value> = outcome_examples().into_iter().map(|(_, given)| given).collect();
    // More texts: red flags, several notes and reasons, every answer kind in words.
    examples.push(with(json!({
        "concerns": ["melasma", "pigmentation", "acne", "deep_wrinkles"],
        "treatment_area": ["face", "body"],
        "skin_tone": "type_6",
        "age": 16,
        "skin_infection": true,
        "cold_sores": "active_now",
        "isotretinoin": "within_6_months",
        "aspirin_allergy": "unsure",
    })));
    examples.push(with(json!({"pregnant_or_breastfeeding": true})));

    for given in &examples {
        let walk = engine::walk(&protocol, &answers(&protocol, given));
        let recommendation = engine::recommend(&protocol, &walk);
        let english = serde_json::to_value(report::report(&protocol, &walk, &recommendation, "en")).unwrap();
        let spanish = serde_json::to_value(report::report(&protocol, &walk, &recommendation, "es")).unwrap();
        let mut compared = 0;
        visitor_texts_side_by_side(&english, &spanish, &mut |en, es| {
            compared += 1;
            assert!(en != es || same_in_both.contains(es), "English left in the Spanish report: {es:?} ({given})");
        });
        assert!(compared >= 6, "{compared} texts compared for {given}");

        let rows = |locale| report::answers_in_words(&protocol, &walk, locale);
        for (en, es) in rows("en").iter().zip(rows("es")) {
            assert_ne!(en.prompt, es.prompt, "{}", en.question);
            assert!(en.answer != es.answer || same_in_both.contains(&es.answer), "{}: {}", en.question, es.answer);
        }
    }
}

#[test]
fn a_result_about_medium_depth_peels_explains_the_term_in_the_visitors_language() {
    // The glossary explains "medium-depth" on no question screen: only results use it.
    let protocol = peel_protocol();
    let questions: Vec<String> = protocol.protocol.questions.iter().map(|q| question_text(q, "en")).collect();
    assert!(questions.iter().all(|text| !candidacy::protocol::glossary::mentions(text, "medium-depth")));

    let given = with(json!({"concerns": ["acne_scars"], "scar_severity": "moderate", "skin_tone": "type_5"}));
    for (locale, depth, patches) in
        [("en", "medium-depth", "hyperpigmentation"), ("es", "profundidad media", "hiperpigmentación")]
    {
        let report = evaluate_in(&protocol, &given, locale).report;
        let shown: Vec<&str> = report.glossary.iter().map(|entry| entry.term.as_str()).collect();
        assert!(shown.contains(&depth) && shown.contains(&patches), "{locale}: {shown:?}");
        let entry = protocol.protocol.glossary.iter().find(|entry| entry.term.get(locale) == depth).unwrap();
        let explained = report.glossary.iter().find(|shown| shown.term == depth).unwrap();
        assert_eq!(explained.explanation, entry.explanation.get(locale));
    }
}

#[test]
fn spanish_periods_are_written_in_spanish_words() {
    let protocol = peel_protocol();
    let result = evaluate_in(&protocol, &with(json!({"isotretinoin": "within_6_months"})), "es");
    let reason = &result.report.reasons[0];

    assert_eq!(
        reason.text,
        "Has tomado isotretinoína hace menos de 6 meses. Esta clínica espera 6 meses desde la última dosis antes de hacer un peeling. \
         Los expertos dicen que no hay pruebas suficientes de que haga falta esperar, pero la clínica prefiere ser prudente."
    );
    assert_eq!(reason.come_back.as_deref(), Some("6 meses después de tu última dosis de isotretinoína"));
    let prompt = |id: &str| protocol.questions()[protocol.question_idx(id).unwrap()].prompt.get("es").to_owned();
    assert!(prompt("recent_sun").contains("hace menos de 2 semanas"), "{}", prompt("recent_sun"));
    assert!(prompt("recent_hair_removal").contains("hace menos de 7 días"), "{}", prompt("recent_hair_removal"));
}

#[test]
fn every_question_explains_the_same_glossary_terms_in_both_languages() {
    let protocol = peel_protocol();
    let glossary = &protocol.protocol.glossary;
    let mut explained = 0;
    for question in protocol.questions() {
        let terms = |locale| -> Vec<String> {
            let text = question_text(question, locale);
            entries_in(glossary, &text, locale).into_iter().map(|entry| entry.term.get("en").to_owned()).collect()
        };
        assert_eq!(terms("es"), terms("en"), "question `{}`", question.id);
        explained += terms("en").len();
    }
    assert!(explained >= 15, "{explained} terms explained on questions");
}

// ---------------------------------------------------------------------------------------------
// Peel depth: medium-depth concerns, darker skin and cold sores

#[test]
fn darker_skin_with_a_medium_depth_concern_is_a_consult_and_lighter_skin_a_candidate() {
    let moderate_scars = json!({"concerns": ["acne_scars"], "scar_severity": "moderate"});
    for tone in ["type_4", "type_5", "type_6"] {
        let result = evaluate(&with(merge(&moderate_scars, &json!({"skin_tone": tone}))));
        assert_eq!(result.recommendation.outcome, Outcome::Consult, "{tone}");
        assert_eq!(reason_ids(&result.report), ["darker_skin_medium_depth"], "{tone}");
    }
    for tone in ["type_1", "type_2", "type_3"] {
        let result = evaluate(&with(merge(&moderate_scars, &json!({"skin_tone": tone}))));
        assert_eq!(result.recommendation.outcome, Outcome::Candidate, "{tone}");
        assert_eq!(result.fired, ["medium_depth"], "{tone}");
    }
}

#[test]
fn darker_skin_with_superficial_concerns_is_a_candidate_with_the_skin_tone_note() {
    for concerns in [json!(["pigmentation"]), json!(["melasma", "acne"]), json!(["acne_scars"])] {
        let given = with(json!({"concerns": concerns, "scar_severity": "mild", "skin_tone": "type_6"}));
        let result = evaluate(&given);
        assert_eq!(result.recommendation.outcome, Outcome::Candidate, "{concerns}");
        assert!(note_ids(&result.report).contains(&"darker_skin_tone"), "{concerns}");
    }
}

#[test]
fn a_cold_sore_history_is_a_note_for_superficial_peels_and_a_consult_for_medium_depth() {
    let superficial =
        evaluate(&with(json!({"cold_sores": "history", "concerns": ["acne_scars"], "scar_severity": "mild"})));
    assert_eq!(superficial.recommendation.outcome, Outcome::Candidate);
    assert_eq!(note_ids(&superficial.report), ["cold_sores_history"]);

    let medium =
        evaluate(&with(json!({"cold_sores": "history", "concerns": ["acne_scars"], "scar_severity": "moderate"})));
    assert_eq!(medium.recommendation.outcome, Outcome::Consult);
    assert_eq!(reason_ids(&medium.report), ["cold_sores_medium_depth"]);
    assert!(medium.report.reasons[0].text.contains("antiviral"), "{}", medium.report.reasons[0].text);
}

#[test]
fn deep_concerns_with_a_treatable_one_are_a_candidate_with_a_note() {
    for concerns in [json!(["deep_wrinkles", "fine_lines"]), json!(["acne_scars", "uneven_texture"])] {
        let given = with(json!({"concerns": concerns, "scar_severity": "pronounced"}));
        let result = evaluate(&given);
        assert_eq!(result.recommendation.outcome, Outcome::Candidate, "{concerns}");
        assert_eq!(result.fired, ["deep_concerns"], "{concerns}");
        assert!(result.report.plan.is_some(), "{concerns}");
    }
}

#[test]
fn only_deep_concerns_are_not_for_a_peel_and_say_what_to_ask_about() {
    let only_deep = [
        json!({"concerns": ["deep_wrinkles"]}),
        json!({"concerns": ["acne_scars"], "scar_severity": "pronounced"}),
        json!({"concerns": ["acne_scars", "deep_wrinkles"], "scar_severity": "pronounced"}),
    ];
    for patch in only_deep {
        let result = evaluate(&with(patch.clone()));
        assert_eq!(result.recommendation.outcome, Outcome::NotCandidate, "{patch}");
        assert_eq!(result.fired, ["deep_concerns_only"], "{patch}");
        let instead = result.report.reasons[0].instead.as_deref().unwrap_or_default();
        assert!(instead.contains("microneedling"), "{instead}");
        assert!(result.report.preparation.is_empty() && result.report.plan.is_none(), "{patch}");
    }
}

// ---------------------------------------------------------------------------------------------
// No early end: skin cancer and changing moles are always asked

#[test]
fn no_rule_ends_the_quiz_early() {
    let protocol = peel_protocol();
    let ending: Vec<&str> =
        (protocol.protocol.rules.iter()).filter(|rule| rule.ends_quiz).map(|rule| rule.id.as_str()).collect();
    assert!(ending.is_empty(), "rules that end the quiz: {ending:?}");
}

#[test]
fn a_pregnancy_is_asked_about_skin_cancer_and_moles_too() {
    let protocol = peel_protocol();
    let walk = engine::walk(&protocol, &answers(&protocol, &with(json!({"pregnant_or_breastfeeding": true}))));
    let asked: Vec<&str> = walk.asked.iter().map(|&q| protocol.questions()[q].id.as_str()).collect();
    for id in ["skin_cancer", "moles_or_lesions", "radiation"] {
        assert!(asked.contains(&id), "`{id}` is not asked of a pregnant visitor: {asked:?}");
    }
    let result = evaluate(&with(json!({"pregnant_or_breastfeeding": true})));
    assert_eq!(result.recommendation.outcome, Outcome::Postpone);
    assert_eq!(result.recommendation.ended_by, None);
}

#[test]
fn pregnant_with_skin_cancer_is_not_a_candidate_with_the_dermatologist_signposted() {
    for locale in ["en", "es"] {
        let given = with(json!({"pregnant_or_breastfeeding": true, "skin_cancer": true}));
        let result = evaluate_in(&peel_protocol(), &given, locale);

        assert_eq!(result.recommendation.outcome, Outcome::NotCandidate, "{locale}");
        assert_eq!(reason_ids(&result.report), ["pregnant_or_breastfeeding", "skin_cancer"], "{locale}");
        let dermatologist = if locale == "en" { "dermatologist" } else { "dermatólogo" };
        let skin_cancer = &result.report.reasons[1];
        assert!(skin_cancer.instead.as_deref().is_some_and(|t| t.contains(dermatologist)), "{locale}: {skin_cancer:?}");
        assert!(
            result.report.red_flags.iter().any(|flag| flag.contains(dermatologist)),
            "{locale}: {:?}",
            result.report.red_flags
        );
        assert!(result.report.plan.is_none() && result.report.preparation.is_empty(), "{locale}");
    }
}

#[test]
fn unsure_about_skin_cancer_or_moles_is_a_consult_and_moles_show_their_red_flag() {
    for patch in [json!({"skin_cancer": "unsure"}), json!({"moles_or_lesions": "unsure"})] {
        assert_eq!(evaluate(&with(patch.clone())).recommendation.outcome, Outcome::Consult, "{patch}");
    }
    let moles = evaluate(&with(json!({"moles_or_lesions": true})));
    assert_eq!(moles.recommendation.outcome, Outcome::Consult);
    assert_eq!(moles.report.red_flags.len(), 1, "{:?}", moles.report.red_flags);
}

// ---------------------------------------------------------------------------------------------
// Wording the medical director asked for

#[test]
fn everyday_retinoids_are_a_note_to_pause_them_not_a_postponement() {
    let protocol = peel_protocol();
    let question = &protocol.questions()[protocol.question_idx("recent_retinoids").unwrap()];
    assert!(!question.screening, "retinoid use is not a screening question");
    for answer in [json!(true), json!("unsure")] {
        let result = evaluate(&with(json!({"recent_retinoids": answer})));
        assert_eq!(result.recommendation.outcome, Outcome::Candidate, "{answer}");
        let [note] = result.report.notes.as_slice() else { panic!("{answer}: {:?}", result.report.notes) };
        assert!(note.text.contains("7 days before your peel"), "{}", note.text);
        assert!(note.come_back.is_none());
        assert!(result.report.plan.is_some());
    }
}

#[test]
fn the_isotretinoin_wait_is_told_as_the_clinics_policy_not_a_fact() {
    for answer in ["current", "within_6_months"] {
        let result = evaluate(&with(json!({"isotretinoin": answer})));
        assert_eq!(result.recommendation.outcome, Outcome::Postpone, "{answer}");
        let text = &result.report.reasons[0].text;
        assert!(text.contains("this clinic") || text.contains("This clinic"), "{text}");
        assert!(text.contains("isn't enough evidence"), "{text}");
        assert!(!text.contains("needs 6 months"), "{text}");
    }
}

#[test]
fn after_a_deep_procedure_a_clinician_sets_the_timing_and_no_number_of_weeks_is_given() {
    let reason = &evaluate(&with(json!({"recent_major_procedures": true}))).report.reasons[0];
    assert!(reason.text.contains("A clinician will set the timing"), "{}", reason.text);
    assert!(!reason.text.contains("week") && !reason.text.contains("about"), "{}", reason.text);

    let both = evaluate(&with(json!({"recent_procedures": true, "recent_major_procedures": true})));
    assert_eq!(both.report.reasons[0].come_back.as_deref(), Some("at least 2 weeks after that treatment"));
    let protocol = peel_protocol();
    let light = &protocol.questions()[protocol.question_idx("recent_procedures").unwrap()];
    let help = light.help.as_ref().unwrap().get("en");
    assert!(help.contains("Don't count surgery, an ablative laser or a deep peel"), "{help}");
}

// ---------------------------------------------------------------------------------------------
// Minors: no plan, and no words about one

#[test]
fn a_seventeen_year_old_gets_no_plan_for_any_concern() {
    let concerns = ["pigmentation", "melasma", "fine_lines", "acne", "uneven_texture", "deep_wrinkles"];
    let mut patches: Vec<Value> = concerns.iter().map(|concern| json!({"concerns": [concern]})).collect();
    for severity in ["mild", "moderate", "pronounced"] {
        patches.push(json!({"concerns": ["acne_scars"], "scar_severity": severity}));
    }
    for age in [0, 14, 17] {
        for patch in &patches {
            let given = with(merge(patch, &json!({"age": age})));
            for locale in ["en", "es"] {
                let result = evaluate_in(&peel_protocol(), &given, locale);
                assert_ne!(result.recommendation.outcome, Outcome::Candidate, "{given}");
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
    for part in &peel_protocol().protocol.plans {
        assert!(
            matches!(&part.when, Condition::All(all) if all.contains(&adults)),
            "plan part `{}` does not require age 18 or over: {:?}",
            part.id,
            part.when
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Plans

#[test]
fn every_superficial_concern_is_a_series_two_to_four_weeks_apart() {
    for (concern, sessions) in [
        ("pigmentation", (3, 6)),
        ("melasma", (4, 6)),
        ("fine_lines", (3, 6)),
        ("acne", (3, 6)),
        ("uneven_texture", (3, 6)),
    ] {
        let plan = candidate_plan(json!({"concerns": [concern]}));
        assert_eq!(plan.sessions, sessions, "{concern}");
        assert_eq!(plan.interval_weeks, (2, 4), "{concern}");
        assert_eq!(plan.set_by, [concern], "{concern}");
    }
    let mild_scars = candidate_plan(json!({"concerns": ["acne_scars"], "scar_severity": "mild"}));
    assert_eq!((mild_scars.sessions, mild_scars.interval_weeks), ((3, 6), (2, 4)));
}

#[test]
fn moderate_acne_scars_take_one_medium_depth_peel_that_stands_for_the_superficial_series() {
    let plan =
        candidate_plan(json!({"concerns": ["acne_scars", "pigmentation", "fine_lines"], "scar_severity": "moderate"}));

    assert_eq!(plan.parts, ["acne_scars_moderate"]);
    assert_eq!(plan.sessions, (1, 2));
    assert_eq!(plan.interval_weeks, (12, 26));
}

#[test]
fn melasma_with_other_concerns_takes_its_longer_series() {
    let plan = candidate_plan(json!({"concerns": ["melasma", "pigmentation", "acne"]}));

    assert_eq!(plan.sessions, (4, 6));
    assert_eq!(plan.parts, ["pigmentation", "melasma", "acne"]);
    // Melasma sets the minimum; every part shares the maximum.
    assert!(plan.set_by.contains(&"melasma".to_owned()), "{:?}", plan.set_by);
}

#[test]
fn a_consult_shows_the_usual_plan_and_a_postpone_none() {
    let consult = evaluate(&with(json!({"aspirin_allergy": true})));
    let plan = consult.report.plan.expect("a consult shows the usual plan");
    assert!(plan.usual_plan_only);
    assert!(plan.also_ask_about.is_some());

    let postpone = evaluate(&with(json!({"recent_hair_removal": true})));
    assert_eq!(postpone.report.plan, None);
    assert!(!postpone.report.preparation.is_empty() && !postpone.report.aftercare.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// A visitor for whom no rule fires: sun spots on the face, skin type II, 35, every screening
/// answer harmless.
fn safe_answers() -> Value {
    serde_json::from_str(include_str!("protocols/chemical-peel-safe-answers.json")).expect("the fixture is JSON")
}

/// The safe baseline with `patch`'s answers in place of its own.
fn with(patch: Value) -> Value {
    merge(&safe_answers(), &patch)
}

fn peel_protocol() -> ValidProtocol {
    protocol::load(PATH, TEXT).expect("the chemical-peel protocol loads").protocol
}

fn evaluate(json: &Value) -> Evaluated {
    evaluate_in(&peel_protocol(), json, "en")
}

/// The baseline with `patch` fires `rule` and the notes in `with` and nothing else, with
/// `expected` as the outcome; the report gives the rule's reason, with a come-back time for
/// `postpone` and an alternative for `not_candidate`.
fn assert_rule_fires(rule: &str, patch: Value, expected: Outcome, with_notes: &[&str]) {
    let result = evaluate(&with(patch));

    let mut fired_expected: Vec<&str> = vec![rule];
    fired_expected.extend(with_notes);
    let fired: BTreeSet<&str> = result.fired.iter().map(String::as_str).collect();
    assert_eq!(fired, fired_expected.iter().copied().collect(), "rule `{rule}`: the rules that fired");
    assert_eq!(result.recommendation.outcome, expected, "rule `{rule}`: the outcome");
    let effect = peel_protocol().protocol.rules.iter().find(|r| r.id == rule).expect("the rule exists").effect;
    let shown = if effect == Effect::Note { &result.report.notes } else { &result.report.reasons };
    let reason = shown.iter().find(|r| r.rule == rule).unwrap_or_else(|| panic!("rule `{rule}` is not shown"));
    assert_reason_complete(reason, rule, expected);
}

/// The plan of a candidate with the baseline changed by `patch`.
fn candidate_plan(patch: Value) -> PlanSummary {
    let result = evaluate(&with(patch));
    assert_eq!(result.recommendation.outcome, Outcome::Candidate, "fired: {:?}", result.fired);
    result.report.plan.expect("a candidate has a plan").into()
}

/// The single words the protocol writes the same in English and Spanish ("No", "Melasma"): the
/// only texts a Spanish report may share with the English one. A whole phrase written alike in
/// both is English left over.
fn texts_written_alike_in_both_languages() -> BTreeSet<String> {
    fn collect(value: &Value, alike: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::String(en)), Some(Value::String(es))) = (map.get("en"), map.get("es")) {
                    if en == es && !es.contains(' ') {
                        alike.insert(es.clone());
                    }
                }
                map.values().for_each(|v| collect(v, alike));
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, alike)),
            _ => {}
        }
    }
    let mut alike = BTreeSet::new();
    collect(&serde_json::from_str(TEXT).unwrap(), &mut alike);
    alike
}

/// Calls `each` with every visitor-facing string of two reports of one recommendation, English
/// beside Spanish; ids, outcomes and the protocol's reference are not visitor-facing text.
fn visitor_texts_side_by_side(english: &Value, spanish: &Value, each: &mut dyn FnMut(&str, &str)) {
    const NOT_TEXT: [&str; 9] =
        ["protocol", "outcome", "rule", "effect", "answers", "question", "id", "set_by", "ended_early_by"];
    match (english, spanish) {
        (Value::String(en), Value::String(es)) => each(en, es),
        (Value::Array(en), Value::Array(es)) => {
            assert_eq!(en.len(), es.len());
            en.iter().zip(es).for_each(|(en, es)| visitor_texts_side_by_side(en, es, each));
        }
        (Value::Object(en), Value::Object(es)) => {
            for (key, en_value) in en.iter().filter(|(key, _)| !NOT_TEXT.contains(&key.as_str())) {
                visitor_texts_side_by_side(en_value, &es[key], each);
            }
        }
        _ => {}
    }
}
