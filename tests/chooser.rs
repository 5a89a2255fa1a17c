//! Chooser protocols: several treatments, one set of questions. Each treatment is validated,
//! recommended and verified as the protocol it amounts to; the visitor is recommended the
//! treatment(s) with the best outcome.

mod common;

use candidacy::answers::Answers;
use candidacy::answers_json::{AnswerValueJson, AnswersJson};
use candidacy::engine;
use candidacy::protocol::{load, Outcome, Question, QuestionKind, ValidProtocol};
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

/// An adult with no finding, the given concerns and skin tone (scars and stretch marks mild and
/// more than a year old).
fn visitor(concerns: &[&str], skin_tone: &str) -> serde_json::Value {
    json!({
        "concerns": concerns, "scar_severity": "mild", "scar_age": "over_1_year", "skin_tone": skin_tone,
        "expectations": "gradual", "age": 35, "pregnant_or_breastfeeding": false, "skin_infection": false,
        "cold_sores": "never", "active_acne": false, "skin_condition": "none", "isotretinoin": "no",
        "recent_sun": false, "planned_sun": false, "recent_procedures": false, "recent_major_procedures": false,
        "recent_hair_removal": false, "retinoids": false, "photosensitizing_medication": false,
        "aspirin_allergy": false, "blood_thinners": false, "bleeding_disorder": false, "keloid_history": false,
        "metal_allergy": false, "anesthetic_allergy": false, "immune_or_healing": false, "skin_cancer": false,
        "moles_or_lesions": false, "radiation": false
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

// ---------------------------------------------------------------------------------------------
// A chooser is never weaker for a treatment than that treatment's own protocol.
//
// Every shipped chooser's treatment that has a standalone protocol in static/protocols (matched by
// screening profile: a protocol's `profile`, else its `id`) is held to it: a visitor whom the
// standalone protocol does not call a candidate is not called one for that treatment by the
// chooser either. Answers are shared by question and option id, so the chooser must ask every
// screening question of the standalone protocol, with the same ids.

/// A shipped protocol file, loaded.
struct Shipped {
    file: String,
    protocol: ValidProtocol,
}

/// Every protocol in static/protocols, by file name.
fn shipped_protocols() -> Vec<Shipped> {
    let dir = format!("{}/static/protocols", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = (std::fs::read_dir(&dir).expect("static/protocols is readable"))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    (files.into_iter())
        .map(|file| {
            let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
            let protocol = load(&file, &text).unwrap_or_else(|diagnostics| panic!("{diagnostics}")).protocol;
            Shipped { file, protocol }
        })
        .collect()
}

/// The screening profile a single-treatment protocol answers to.
fn profile_of(protocol: &ValidProtocol) -> String {
    protocol.protocol.profile.clone().unwrap_or_else(|| protocol.protocol.id.clone())
}

/// The screening profile a chooser's treatment answers to.
fn treatment_profile(chooser: &ValidProtocol, treatment: usize) -> String {
    let option = &chooser.protocol.treatments[treatment];
    option.profile.clone().unwrap_or_else(|| option.id.clone())
}

/// One chooser treatment and the standalone protocol it must never be weaker than.
struct Pair<'s> {
    chooser: &'s Shipped,
    treatment: usize,
    standalone: &'s Shipped,
}

impl Pair<'_> {
    fn treatment_id(&self) -> &str {
        &self.chooser.protocol.treatments[self.treatment].id
    }
    fn name(&self) -> String {
        format!("{} `{}` vs {}", self.chooser.file, self.treatment_id(), self.standalone.file)
    }
}

fn pairs_of(shipped: &[Shipped]) -> Vec<Pair<'_>> {
    let choosers = shipped.iter().filter(|s| !s.protocol.treatments.is_empty());
    let standalones: Vec<&Shipped> = shipped.iter().filter(|s| s.protocol.treatments.is_empty()).collect();
    let mut pairs = Vec::new();
    for chooser in choosers {
        for treatment in 0..chooser.protocol.treatments.len() {
            let profile = treatment_profile(&chooser.protocol, treatment);
            for standalone in standalones.iter().filter(|s| profile_of(&s.protocol) == profile) {
                pairs.push(Pair { chooser, treatment, standalone });
            }
        }
    }
    pairs
}

#[test]
fn the_resurfacing_chooser_is_held_to_the_microneedling_and_peel_protocols() {
    let shipped = shipped_protocols();
    let pairs: Vec<(String, String, String)> = (pairs_of(&shipped).iter())
        .map(|p| (p.chooser.file.clone(), p.treatment_id().to_owned(), p.standalone.file.clone()))
        .collect();
    let pair = |c: &str, t: &str, s: &str| (c.to_owned(), t.to_owned(), s.to_owned());
    assert!(pairs.contains(&pair("resurfacing.json", "microneedling", "microneedling.json")), "{pairs:?}");
    assert!(pairs.contains(&pair("resurfacing.json", "chemical_peel", "chemical-peel.json")), "{pairs:?}");
}

/// How one question id is answered so that every protocol that asks it accepts the answer.
#[derive(Debug, Clone)]
struct Domain {
    id: String,
    kind: QuestionKind,
    /// For choices: the option ids every protocol asking the question offers, in first-listed order.
    options: Vec<String>,
    /// For numbers: the bounds every protocol accepts.
    bounds: (i64, i64),
    /// For yes/no: every protocol asking it offers "I'm not sure".
    unsure: bool,
    /// An answer that is no finding and not unsure in any of the protocols.
    safe: serde_json::Value,
}

/// The questions of `protocols`, by id in first-asked order, each with the answers all accept.
fn domains(protocols: &[&ValidProtocol]) -> Vec<Domain> {
    let mut ids: Vec<&str> = Vec::new();
    for protocol in protocols {
        for question in protocol.questions() {
            if !ids.contains(&question.id.as_str()) {
                ids.push(&question.id);
            }
        }
    }
    (ids.into_iter())
        .map(|id| {
            let asking: Vec<&Question> =
                protocols.iter().filter_map(|p| Some(&p.questions()[p.question_idx(id)?])).collect();
            let kind = asking[0].kind;
            assert!(asking.iter().all(|q| q.kind == kind), "question `{id}` is asked as different kinds");
            let options: Vec<String> = (asking[0].options.iter())
                .map(|option| option.id.clone())
                .filter(|option| asking.iter().all(|q| q.options.iter().any(|o| &o.id == option)))
                .collect();
            let bounds = (
                asking.iter().filter_map(|q| q.min).max().unwrap_or(0),
                asking.iter().filter_map(|q| q.max).min().unwrap_or(0),
            );
            let unsure = asking.iter().all(|q| q.unsure);
            let harmless = |option: &String| {
                asking
                    .iter()
                    .all(|q| q.options.iter().any(|o| &o.id == option && !(q.screening && o.finding) && !o.unsure))
            };
            let safe = match kind {
                QuestionKind::YesNo => json!(false),
                QuestionKind::Number => {
                    let low = asking.iter().filter_map(|q| q.safe_range.and_then(|r| r.at_least)).max();
                    json!(low.unwrap_or(bounds.0).clamp(bounds.0, bounds.1))
                }
                QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                    let option = options.iter().find(|o| harmless(o));
                    let option =
                        option.unwrap_or_else(|| panic!("question `{id}` has no option safe in every protocol"));
                    if kind == QuestionKind::SingleChoice {
                        json!(option)
                    } else {
                        json!([option])
                    }
                }
            };
            Domain { id: id.to_owned(), kind, options, bounds, unsure, safe }
        })
        .collect()
}

/// The answers of `json` (by id) to the questions `protocol` asks.
fn answers_for(protocol: &ValidProtocol, json: &serde_json::Value) -> Answers {
    let own: serde_json::Map<String, serde_json::Value> = (json.as_object().unwrap().iter())
        .filter(|(id, _)| protocol.question_idx(id).is_some())
        .map(|(id, value)| (id.clone(), value.clone()))
        .collect();
    Answers::from_json(protocol, &own.into()).unwrap_or_else(|error| panic!("{error}: {json}"))
}

/// The standalone protocol's outcome and the chooser's for the pair's treatment, for the same
/// answers; `Err` names a question the answers leave unanswered.
fn both_outcomes(pair: &Pair, json: &serde_json::Value) -> Result<(Outcome, Outcome), String> {
    let standalone = &pair.standalone.protocol;
    let walk = engine::walk(standalone, &answers_for(standalone, json));
    if let Some(next) = walk.next {
        return Err(format!(
            "{} asks `{}`, which the answers leave open",
            pair.standalone.file,
            standalone.questions()[next].id
        ));
    }
    let alone = engine::recommend(standalone, &walk).outcome;
    let chooser = &pair.chooser.protocol;
    let walk = engine::walk(chooser, &answers_for(chooser, json));
    if let Some(next) = walk.next {
        return Err(format!(
            "{} asks `{}`, which the answers leave open",
            pair.chooser.file,
            chooser.questions()[next].id
        ));
    }
    Ok((alone, engine::compare(chooser, &walk)[pair.treatment].outcome))
}

/// Every answer to `question` (of `protocol`) that is a finding or "I'm not sure".
fn non_safe_answers(question: &Question) -> Vec<serde_json::Value> {
    let options = |keep: fn(&candidacy::protocol::Choice) -> bool| -> Vec<&String> {
        question.options.iter().filter(|o| keep(o)).map(|o| &o.id).collect()
    };
    match question.kind {
        QuestionKind::YesNo => {
            let mut answers = vec![json!(true)];
            if question.unsure {
                answers.push(json!("unsure"));
            }
            answers
        }
        QuestionKind::SingleChoice => options(|o| o.finding || o.unsure).into_iter().map(|o| json!(o)).collect(),
        QuestionKind::MultipleChoice => options(|o| o.finding).into_iter().map(|o| json!([o])).collect(),
        QuestionKind::Number => {
            let (min, max) = (question.min.unwrap_or(0), question.max.unwrap_or(0));
            let safe = question.safe_range.unwrap_or_default();
            (min..=max).filter(|&n| !safe.contains(n)).map(|n| json!(n)).collect()
        }
    }
}

/// Whether the chooser accepts `value` for question `id`; `Err` says what it lacks.
fn chooser_accepts(chooser: &ValidProtocol, id: &str, value: &serde_json::Value) -> Result<(), String> {
    let q = chooser.question_idx(id).ok_or_else(|| format!("question `{id}`"))?;
    chooser.parse_value(q, value).map(|_| ()).map_err(|_| format!("answer {value} to `{id}`"))
}

#[test]
fn every_finding_a_standalone_protocol_acts_on_keeps_the_chooser_from_candidate() {
    let shipped = shipped_protocols();
    let pairs = pairs_of(&shipped);
    assert!(!pairs.is_empty());
    let mut lacking: Vec<String> = Vec::new();
    let mut weaker: Vec<String> = Vec::new();
    for pair in &pairs {
        let (standalone, chooser) = (&pair.standalone.protocol, &pair.chooser.protocol);
        let baseline = domains(&[chooser, standalone]).into_iter().map(|d| (d.id, d.safe)).collect();
        let baseline = serde_json::Value::Object(baseline);
        let (alone, chosen) = both_outcomes(pair, &baseline).unwrap_or_else(|open| panic!("{}: {open}", pair.name()));
        assert_eq!(
            (alone, chosen),
            (Outcome::Candidate, Outcome::Candidate),
            "{}: the safe baseline {baseline}",
            pair.name()
        );
        let mut tried = 0;
        for question in standalone.questions().iter().filter(|q| q.screening) {
            for value in non_safe_answers(question) {
                let mut json = baseline.clone();
                json[&question.id] = value.clone();
                let walk = engine::walk(standalone, &answers_for(standalone, &json));
                let asked = walk.asked.iter().any(|&q| standalone.questions()[q].id == question.id);
                assert!(asked, "{}: the safe baseline does not reach `{}`", pair.name(), question.id);
                if let Err(missing) = chooser_accepts(chooser, &question.id, &value) {
                    lacking.push(format!("{}: the chooser lacks {missing}", pair.name()));
                    continue;
                }
                let (alone, chosen) =
                    both_outcomes(pair, &json).unwrap_or_else(|open| panic!("{}: {open}", pair.name()));
                tried += 1;
                if alone != Outcome::Candidate && chosen == Outcome::Candidate {
                    weaker.push(format!(
                        "{}: `{}` = {value}: the standalone protocol says {alone:?}, the chooser says Candidate",
                        pair.name(),
                        question.id
                    ));
                }
            }
        }
        assert!(tried > 20, "{}: only {tried} answers tried", pair.name());
    }
    lacking.dedup();
    assert!(
        lacking.is_empty(),
        "the chooser does not ask what the standalone protocol screens:\n{}",
        lacking.join("\n")
    );
    assert!(weaker.is_empty(), "the chooser is weaker than the standalone protocol:\n{}", weaker.join("\n"));
}

/// The fixture of the random test: every pair, and the answers all their protocols accept.
struct NeverWeaker {
    shipped: Vec<Shipped>,
    domains: Vec<Domain>,
}

fn never_weaker_fixture() -> &'static NeverWeaker {
    static FIXTURE: std::sync::OnceLock<NeverWeaker> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let shipped = shipped_protocols();
        let domains = domains(&shipped.iter().map(|s| &s.protocol).collect::<Vec<_>>());
        NeverWeaker { shipped, domains }
    })
}

/// Up to this many questions in all the shipped protocols together.
const MAX_DOMAINS: usize = 64;

/// A visitor's answers to every question, from one random pick per question: the safe answer
/// but about one time in 16, so that visitors with a single finding (where a chooser weaker than
/// a standalone protocol would show) are common.
fn random_answers(domains: &[Domain], picks: &[(u8, u32)]) -> serde_json::Value {
    let answers = domains.iter().zip(picks).map(|(domain, &(roll, n))| {
        let value = match (domain.kind, roll % 16) {
            (_, 1..) => domain.safe.clone(),
            (QuestionKind::YesNo, _) if domain.unsure && n % 2 == 0 => json!("unsure"),
            (QuestionKind::YesNo, _) => json!(true),
            (QuestionKind::Number, _) => {
                json!(domain.bounds.0 + i64::from(n) % (domain.bounds.1 - domain.bounds.0 + 1))
            }
            (QuestionKind::SingleChoice, _) => json!(domain.options[n as usize % domain.options.len()]),
            (QuestionKind::MultipleChoice, _) => {
                let chosen: Vec<&String> = (domain.options.iter().enumerate())
                    .filter(|(i, _)| n & (1 << (i % 32)) != 0)
                    .map(|(_, option)| option)
                    .collect();
                if chosen.is_empty() {
                    domain.safe.clone()
                } else {
                    json!(chosen)
                }
            }
        };
        (domain.id.clone(), value)
    });
    serde_json::Value::Object(answers.collect())
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 1000, ..proptest::test_runner::Config::default() })]

    #[test]
    fn on_random_answers_the_chooser_is_never_weaker_than_a_standalone_protocol(
        picks in proptest::collection::vec(proptest::prelude::any::<(u8, u32)>(), MAX_DOMAINS)
    ) {
        let fixture = never_weaker_fixture();
        proptest::prop_assert!(fixture.domains.len() <= MAX_DOMAINS);
        let json = random_answers(&fixture.domains, &picks);
        for pair in pairs_of(&fixture.shipped) {
            let (alone, chosen) = both_outcomes(&pair, &json).unwrap_or_else(|open| panic!("{}: {open}", pair.name()));
            proptest::prop_assert!(
                alone == Outcome::Candidate || chosen != Outcome::Candidate,
                "{}: the standalone protocol says {:?}, the chooser Candidate, for {}", pair.name(), alone, json
            );
        }
    }
}

// The medical director's case: a 19-year-old who uses retinol was recommended the least screened
// treatment, a laser. The recommendation must be a treatment the visitor is neither postponed for
// nor less screened for.

/// Every profile in profiles/, by treatment: its item ids.
fn profile_items() -> std::collections::BTreeMap<String, Vec<String>> {
    let dir = format!("{}/profiles", env!("CARGO_MANIFEST_DIR"));
    let mut profiles = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("profiles/ is readable") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let items = json["items"].as_array().unwrap().iter().map(|item| item["id"].as_str().unwrap().to_owned());
            profiles.insert(json["treatment"].as_str().unwrap().to_owned(), items.collect());
        }
    }
    profiles
}

/// The profile items screened for `treatment` by the questions asked on `walk`: a question's own
/// `screens`, and its options'.
fn screened_on_path(chooser: &ValidProtocol, treatment: usize, walk: &engine::Walk) -> Vec<String> {
    let id = &chooser.treatments[treatment].id;
    let mut items: Vec<String> = Vec::new();
    for &q in &walk.asked {
        let question = &chooser.questions()[q];
        if !question.screening || !(question.screens_for.is_empty() || question.screens_for.contains(id)) {
            continue;
        }
        items.extend(question.screens.iter().cloned());
        items.extend(question.options.iter().flat_map(|o| o.screens.iter().cloned()));
    }
    items
}

#[test]
fn a_19_year_old_using_retinol_is_recommended_a_treatment_they_are_fully_screened_for_and_not_postponed() {
    let shipped = shipped_protocols();
    let protocol = &shipped.iter().find(|s| s.file == "resurfacing.json").unwrap().protocol;
    // No finding in any shipped protocol's terms, but for the age and the retinol.
    let all: Vec<&ValidProtocol> = shipped.iter().map(|s| &s.protocol).collect();
    let mut json = serde_json::Value::Object(domains(&all).into_iter().map(|d| (d.id, d.safe)).collect());
    json["concerns"] = json!(["fine_lines"]);
    json["age"] = json!(19);
    for retinoid_question in ["retinoids", "recent_retinoids"] {
        if json.get(retinoid_question).is_some() {
            json[retinoid_question] = json!(true);
        }
    }
    let walk = engine::walk(protocol, &answers_for(protocol, &json));
    assert_eq!(walk.next, None);
    let each = engine::compare(protocol, &walk);
    let best = engine::recommend(protocol, &walk).treatment.unwrap();
    let name = &protocol.treatments[best].id;
    assert!(each[best].outcome < Outcome::Postpone, "`{name}` is recommended though it is {:?}", each[best].outcome);
    assert_eq!(each[0].outcome, Outcome::Consult, "microneedling devices are for adults 22 and over");

    let profiles = profile_items();
    for (t, choice) in protocol.treatments.iter().enumerate() {
        let profile = treatment_profile(protocol, t);
        let items = profiles.get(&profile).unwrap_or_else(|| panic!("no profile for `{profile}` in profiles/"));
        let screened = screened_on_path(protocol, t, &walk);
        let unscreened: Vec<&String> = items.iter().filter(|item| !screened.contains(item)).collect();
        assert!(unscreened.is_empty(), "`{}` is not screened for {unscreened:?} on this path", choice.id);
    }
    // Nor less than the recommended treatment's own protocol screens this visitor, and that
    // protocol does not postpone them either.
    let screening_asked = |protocol: &ValidProtocol, walk: &engine::Walk| -> Vec<String> {
        (walk.asked.iter().map(|&q| &protocol.questions()[q])).filter(|q| q.screening).map(|q| q.id.clone()).collect()
    };
    let projection = &protocol.treatments[best].protocol;
    let in_chooser = screening_asked(projection, &engine::walk(projection, &walk.answers));
    for pair in pairs_of(&shipped).iter().filter(|p| p.chooser.file == "resurfacing.json" && p.treatment == best) {
        let standalone = &pair.standalone.protocol;
        let own = engine::walk(standalone, &answers_for(standalone, &json));
        assert_eq!(own.next, None, "{}", pair.name());
        let missing: Vec<String> =
            screening_asked(standalone, &own).into_iter().filter(|id| !in_chooser.contains(id)).collect();
        assert!(missing.is_empty(), "{}: the chooser does not screen {missing:?}", pair.name());
        let alone = engine::recommend(standalone, &own).outcome;
        assert!(alone < Outcome::Postpone, "{}: its own protocol says {alone:?}", pair.name());
    }
}
