//! The FHIR R4 exports (`candidacy::fhir`): ids and answers round-trip through a
//! `QuestionnaireResponse`; the `Questionnaire` enables exactly the questions the engine asks, on
//! every path; and both resources are valid against the official R4 JSON Schema.

mod common;
#[path = "fhir/enablement.rs"]
mod enablement;

use std::collections::BTreeSet;

use candidacy::answers::{Answers, OptionSet, Value, YesNo};
use candidacy::answers_json::AnswersJson;
use candidacy::engine::{self, Walk};
use candidacy::fhir;
use candidacy::protocol::{Outcome, QuestionIdx, QuestionKind, ValidProtocol};
use common::random_protocol::{random_protocol, Rng};
use common::{default_json, default_protocol, load_json};
use serde_json::{json, Value as Json};

const AUTHORED: &str = "2026-05-04T10:30:00+02:00";

/// An edit of a resource that breaks it.
type Edit = fn(&mut Json);

// ---------------------------------------------------------------------------------------------
// The questionnaire's items and the round trip of answers

#[test]
fn the_questionnaire_has_one_item_per_question_and_one_answer_option_per_answer() {
    let protocol = default_protocol();
    let questionnaire = questionnaire_json(&protocol);

    assert_eq!(questionnaire["resourceType"], "Questionnaire");
    assert_eq!(questionnaire["url"], "urn:candidacy:protocol:microneedling");
    assert_eq!(questionnaire["version"], "1.2.0");
    assert_eq!(
        questionnaire["identifier"],
        json!([{"system": "urn:candidacy:fingerprint", "value": protocol.fingerprint}])
    );
    assert_eq!(
        (questionnaire["name"].as_str(), questionnaire["title"].as_str()),
        (Some("Microneedling"), Some("Microneedling"))
    );
    let items = questionnaire["item"].as_array().unwrap();
    assert_eq!(items.len(), protocol.questions().len());
    for (question, item) in protocol.questions().iter().zip(items) {
        assert_eq!(item["linkId"], question.id.as_str());
        assert_eq!(item["text"], question.prompt.get("en"));
        assert_eq!(item["required"], true, "{item}");
        let codes: Vec<&str> = (item["answerOption"].as_array().into_iter().flatten())
            .map(|option| option["valueCoding"]["code"].as_str().unwrap())
            .collect();
        match question.kind {
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                let ids: Vec<&str> = question.options.iter().map(|option| option.id.as_str()).collect();
                assert_eq!(codes, ids);
                let system = format!("urn:candidacy:protocol:microneedling:{}", question.id);
                assert!(item["answerOption"].as_array().unwrap().iter().all(|o| o["valueCoding"]["system"] == system));
                assert_eq!(item["repeats"].as_bool(), (question.kind == QuestionKind::MultipleChoice).then_some(true));
            }
            QuestionKind::YesNo => {
                assert_eq!(codes, ["Y", "N", "asked-unknown"], "every yes/no question offers unsure")
            }
            QuestionKind::Number => {
                assert_eq!(item["type"], "integer");
                let extension = |name: &str| {
                    let url = format!("http://hl7.org/fhir/StructureDefinition/{name}");
                    item["extension"].as_array().unwrap().iter().find(|e| e["url"] == url).cloned().unwrap()
                };
                assert_eq!(extension("minValue")["valueInteger"], question.min.unwrap());
                assert_eq!(extension("maxValue")["valueInteger"], question.max.unwrap());
                assert_eq!(extension("questionnaire-unit")["valueCoding"]["display"], "years");
            }
        }
        let help = question.help.as_ref().map(|help| help.get("en"));
        assert_eq!(item["item"][0]["text"].as_str(), help, "{item}");
        if help.is_some() {
            assert_eq!(item["item"][0]["type"], "display");
            assert_eq!(item["item"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"], "help");
        }
    }
}

#[test]
fn the_default_protocol_needs_no_expression_and_spells_out_not_pregnant() {
    let questionnaire = questionnaire_json(&default_protocol());
    let item = |id: &str| questionnaire["item"].as_array().unwrap().iter().find(|item| item["linkId"] == id).unwrap();

    assert!(questionnaire.get("modifierExtension").is_none(), "{questionnaire}");
    let codes = |item: &Json| -> Vec<String> {
        let conditions = item["enableWhen"].as_array().unwrap();
        conditions
            .iter()
            .map(|c| format!("{} {} {}", c["question"], c["operator"], c["answerCoding"]["code"]))
            .collect()
    };
    assert_eq!(item("scar_age")["enableBehavior"], "any");
    assert_eq!(
        codes(item("scar_age")),
        [r#""concerns" "=" "acne_scars""#, r#""concerns" "=" "surgical_scars""#, r#""concerns" "=" "stretch_marks""#]
    );
    // No question of the default protocol is skipped by an early end any more.
    assert!(item("skin_tone").get("enableWhen").is_none());
    for always in ["concerns", "treatment_area", "age", "pregnant_or_breastfeeding", "skin_cancer", "skin_tone"] {
        assert!(item(always).get("enableWhen").is_none(), "{always}");
    }
}

#[test]
fn every_question_option_and_answer_of_the_default_protocol_round_trips_through_a_response() {
    let protocol = default_protocol();
    let mut rng = Rng::new(2026);
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for _ in 0..1_000 {
        let walk = complete_walk(&protocol, &random_answers(&protocol, &mut rng));

        // As the widget's download would: to text and back.
        let text = serde_json::to_string(&response(&protocol, &walk)).unwrap();
        let response: Json = serde_json::from_str(&text).unwrap();

        assert_eq!(fhir::answers_from_response(&protocol, &response), Ok(walk.answers.clone()), "{text}");
        for item in response["item"].as_array().unwrap() {
            for answer in item["answer"].as_array().unwrap() {
                let code = answer["valueCoding"]["code"].as_str().map_or_else(|| "number".to_owned(), str::to_owned);
                seen.insert((item["linkId"].as_str().unwrap().to_owned(), code));
            }
        }
    }
    let mut every_answer: BTreeSet<(String, String)> = BTreeSet::new();
    for question in protocol.questions() {
        let codes: Vec<&str> = match question.kind {
            QuestionKind::YesNo if question.unsure => vec!["Y", "N", "asked-unknown"],
            QuestionKind::YesNo => vec!["Y", "N"],
            QuestionKind::Number => vec!["number"],
            _ => question.options.iter().map(|option| option.id.as_str()).collect(),
        };
        every_answer.extend(codes.into_iter().map(|code| (question.id.clone(), code.to_owned())));
    }
    let missing: Vec<_> = every_answer.difference(&seen).collect();
    assert!(missing.is_empty(), "never round-tripped: {missing:?}");
}

#[test]
fn a_response_carries_the_recommendation_and_the_path_in_asking_order() {
    let protocol = default_protocol();
    let answers = safe_answers(
        &protocol,
        json!({"concerns": ["acne_scars"], "scar_severity": "mild",
        "scar_age": "under_1_year", "pregnant_or_breastfeeding": true}),
    );
    let walk = complete_walk(&protocol, &answers);

    let response = response(&protocol, &walk);

    assert_eq!(response["questionnaire"], "urn:candidacy:protocol:microneedling|1.2.0");
    assert_eq!((response["status"].as_str(), response["authored"].as_str()), (Some("completed"), Some(AUTHORED)));
    let link_ids: Vec<&str> =
        response["item"].as_array().unwrap().iter().map(|i| i["linkId"].as_str().unwrap()).collect();
    let asked: Vec<&str> = protocol.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(link_ids, asked, "pregnancy ends nothing: every question, in asking order");
    assert_eq!(
        response["item"][5]["answer"],
        json!([{"valueCoding": {
        "system": "http://terminology.hl7.org/CodeSystem/v2-0136", "code": "Y", "display": "Yes"}}])
    );
    assert_eq!(response["item"][4]["answer"], json!([{"valueInteger": 35}]));
    assert_eq!(
        response["extension"],
        json!([{"url": "urn:candidacy:recommendation", "extension": [
            {"url": "outcome", "valueCode": "postpone"},
            {"url": "rule", "valueCode": "scar_age"},
            {"url": "rule", "valueCode": "pregnant_or_breastfeeding"},
            {"url": "fingerprint", "valueString": protocol.fingerprint},
        ]}])
    );
}

#[test]
fn texts_follow_the_locale_and_fall_back_to_english() {
    let mut json = default_json();
    json["locales"] = json!(["en", "es"]);
    json["treatment"]["name"] = json!({"en": "Microneedling", "es": "Micropunción"});
    json["questions"][0]["prompt"] =
        json!({"en": "What would you like to improve?", "es": "¿Qué le gustaría mejorar?"});
    // A text without Spanish falls back to English.
    json["questions"][1]["prompt"] = json!("Which areas would you like treated?");
    let protocol = load_json(&json);

    let questionnaire = serde_json::to_value(fhir::questionnaire(&protocol, "es-MX")).unwrap();

    assert_eq!(questionnaire["language"], "es");
    assert_eq!(
        (questionnaire["title"].as_str(), questionnaire["name"].as_str()),
        (Some("Micropunción"), Some("Microneedling"))
    );
    assert_eq!(questionnaire["item"][0]["text"], "¿Qué le gustaría mejorar?");
    assert_eq!(questionnaire["item"][1]["text"], "Which areas would you like treated?");
    assert_eq!(serde_json::to_value(fhir::questionnaire(&protocol, "fr")).unwrap()["language"], "en");
}

#[test]
fn a_response_is_refused_with_the_question_and_the_reason() {
    let protocol = default_protocol();
    let walk = complete_walk(&protocol, &safe_answers(&protocol, json!({})));
    let valid = response(&protocol, &walk);
    let cases: [(Edit, &str); 8] = [
        (|r| r["resourceType"] = json!("Questionnaire"), "not a FHIR QuestionnaireResponse"),
        (
            |r| r["questionnaire"] = json!("urn:candidacy:protocol:peel|1.0.0"),
            r#"the response answers "urn:candidacy:protocol:peel|1.0.0", not `urn:candidacy:protocol:microneedling`"#,
        ),
        (|r| r["item"][0]["linkId"] = json!("wrinkles"), "answer to `wrinkles`: unknown question `wrinkles`"),
        (
            |r| answers_mut(r, "cold_sores")[0]["valueCoding"]["code"] = json!("sometimes"),
            "answer to `cold_sores`: unknown answer `sometimes` from `urn:candidacy:protocol:microneedling:cold_sores`",
        ),
        (|r| *answers_mut(r, "age") = json!([{"valueInteger": 130}]), "answer to `age`: 130 is outside 0..=120"),
        (|r| *answers_mut(r, "age") = json!([{"valueDecimal": 35.5}]), "answer to `age`: expected a `valueInteger`"),
        (
            |r| {
                let answers = answers_mut(r, "skin_infection");
                let answer = answers[0].clone();
                answers.as_array_mut().unwrap().push(answer);
            },
            "answer to `skin_infection`: expected one answer",
        ),
        (
            |r| {
                let first = r["item"][0].clone();
                r["item"].as_array_mut().unwrap().push(first);
            },
            "answer to `concerns`: answered twice",
        ),
    ];
    assert!(fhir::answers_from_response(&protocol, &valid).is_ok());
    for (mutate, message) in cases {
        let mut broken = valid.clone();
        mutate(&mut broken);
        let error = fhir::answers_from_response(&protocol, &broken).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn an_item_without_answers_is_unanswered_and_another_version_still_reads() {
    let protocol = default_protocol();
    let walk = complete_walk(&protocol, &safe_answers(&protocol, json!({})));
    let mut response = response(&protocol, &walk);
    response["questionnaire"] = json!("urn:candidacy:protocol:microneedling|0.9.0");
    response["item"][0]["answer"] = json!([]);

    let answers = fhir::answers_from_response(&protocol, &response).unwrap();

    assert_eq!(answers.get(0), None);
    assert_eq!(answers.get(1), walk.answers.get(1));
}

/// The answers of the item for question `id`.
fn answers_mut<'r>(response: &'r mut Json, id: &str) -> &'r mut Json {
    let items = response["item"].as_array_mut().unwrap();
    &mut items.iter_mut().find(|item| item["linkId"] == id).unwrap()["answer"]
}

// ---------------------------------------------------------------------------------------------
// Enabling equals asking, on every path

/// Every one of the default protocol's ~1.8·10^14 paths, without walking them one by one.
///
/// Whether the engine asks question `q` depends only on the answers to the questions its `ask_if`
/// tests and the questions every earlier `ends_quiz` rule tests (its *deciding* questions), and,
/// because a skipped question has no answer, on whether those were asked: so, by induction over
/// the asking order, only on the given answers to the transitive closure of deciding questions.
/// The questionnaire's item for `q` refers only to `q`'s deciding questions (checked here), and a
/// response holds exactly the answers to the questions asked, so FHIR's "is `q` enabled" depends
/// on the same closure. Trying every concrete answer (not a class representative: the
/// `enableWhen` lists name options one by one) to the closure's questions, with every other
/// question answered arbitrarily, therefore decides `q` on every path. The closures are small
/// (at most `concerns`, 255 answers), so this takes a few hundred walks.
#[test]
fn on_every_path_of_the_default_protocol_the_questionnaire_enables_exactly_the_questions_asked() {
    let checked = assert_enabled_exactly_when_asked_by_deciding_questions(&default_protocol());
    assert!(checked > 300, "{checked}");
}

#[test]
fn on_every_path_of_each_fixture_protocol_the_questionnaire_enables_exactly_the_questions_asked() {
    for (name, protocol) in fixture_protocols() {
        let checked = assert_enabled_exactly_when_asked_by_deciding_questions(&protocol);
        assert!(checked >= protocol.questions().len(), "{name}");
    }
}

/// Random protocols are small enough to walk every concrete path, and their conditions nest `not`,
/// `all` and `any` over every kind of question, so they exercise both flat lists and expressions.
#[test]
fn on_every_path_of_random_protocols_a_response_enables_exactly_the_questions_asked_and_reads_back() {
    let (mut flat_all, mut flat_any, mut expressions, mut paths) = (0, 0, 0, 0);
    for seed in 0..300 {
        let protocol = load_json(&random_protocol(seed));
        let questionnaire = questionnaire_json(&protocol);
        let items = questionnaire["item"].as_array().unwrap();
        flat_all += items.iter().filter(|item| item["enableBehavior"] == "all").count();
        flat_any += items.iter().filter(|item| item["enableBehavior"] == "any").count();
        let with_expression = items.iter().filter(|item| enablement::expression_of(item).is_some()).count();
        // A form filler that cannot read the expression is told to refuse the form.
        assert_eq!(questionnaire.get("modifierExtension").is_some(), with_expression > 0, "seed {seed}");
        expressions += with_expression;
        for_every_path(&protocol, Answers::new(protocol.questions().len()), &mut |walk| {
            paths += 1;
            let response = response(&protocol, walk);
            for (question, item) in questionnaire["item"].as_array().unwrap().iter().enumerate() {
                let asked = walk.asked.contains(&question);
                assert_eq!(enablement::is_enabled(item, &response), asked, "seed {seed}, {item}\n{response}");
            }
            assert_eq!(fhir::answers_from_response(&protocol, &response), Ok(walk.answers.clone()), "seed {seed}");
        });
    }
    assert!(
        flat_all > 10 && flat_any > 10 && expressions > 10,
        "{flat_all} all, {flat_any} any, {expressions} expressions"
    );
    assert!(paths > 10_000, "{paths}");
}

/// Checks every question of `protocol` as the default protocol's test explains; returns how many
/// (question, answers) cases it tried.
fn assert_enabled_exactly_when_asked_by_deciding_questions(protocol: &ValidProtocol) -> usize {
    let questionnaire = questionnaire_json(protocol);
    let n = protocol.questions().len();
    let mut baseline = Answers::new(n);
    (0..n).for_each(|q| baseline.set(q, Some(all_values(protocol, q)[0])));
    let mut checked = 0;
    for (question, item) in questionnaire["item"].as_array().unwrap().iter().enumerate() {
        let ids = |questions: BTreeSet<QuestionIdx>| -> BTreeSet<String> {
            questions.into_iter().map(|q| protocol.questions()[q].id.clone()).collect()
        };
        let referenced = enablement::referenced_questions(item);
        assert!(referenced.is_subset(&ids(deciding_questions(protocol, question))), "{item}");

        let closure: Vec<QuestionIdx> = closure_of_deciding_questions(protocol, question).into_iter().collect();
        let choices: Vec<Vec<Value>> = closure.iter().map(|&q| all_values(protocol, q)).collect();
        let combinations: usize = choices.iter().map(Vec::len).product();
        assert!(combinations <= 1_000_000, "question {question}: {combinations} combinations; use answer classes");
        for mut index in 0..combinations {
            let mut answers = baseline.clone();
            for (&q, values) in closure.iter().zip(&choices) {
                answers.set(q, Some(values[index % values.len()]));
                index /= values.len();
            }
            let walk = complete_walk(protocol, &answers);
            let response = response(protocol, &walk);
            assert_eq!(enablement::is_enabled(item, &response), walk.asked.contains(&question), "{item}\n{response}");
            checked += 1;
        }
    }
    checked
}

/// The questions `question`'s `ask_if` tests, and those every earlier ending rule tests.
fn deciding_questions(protocol: &ValidProtocol, question: QuestionIdx) -> BTreeSet<QuestionIdx> {
    let model = &protocol.model;
    let ending_rules = model.rules.iter().filter(|rule| rule.ends_quiz && rule.decided_after < question);
    let conds = model.questions[question].ask_if.iter().chain(ending_rules.map(|rule| &rule.when));
    let mut deciding = BTreeSet::new();
    conds.for_each(|cond| cond.for_each_test(&mut |q, _| _ = deciding.insert(q)));
    deciding
}

fn closure_of_deciding_questions(protocol: &ValidProtocol, question: QuestionIdx) -> BTreeSet<QuestionIdx> {
    let mut closure = BTreeSet::new();
    let mut todo: Vec<QuestionIdx> = deciding_questions(protocol, question).into_iter().collect();
    while let Some(q) = todo.pop() {
        if closure.insert(q) {
            todo.extend(deciding_questions(protocol, q));
        }
    }
    closure
}

// ---------------------------------------------------------------------------------------------
// The official R4 JSON Schema

#[test]
fn questionnaires_are_valid_r4_for_the_default_protocol_every_fixture_and_random_protocols() {
    let schema = R4Schema::load();
    let fixtures = fixture_protocols();
    let random = (0..100).map(|seed| (format!("random protocol {seed}"), load_json(&random_protocol(seed))));
    let default = ("the default protocol".to_owned(), default_protocol());
    for (name, protocol) in [default].into_iter().chain(fixtures).chain(random) {
        let questionnaire = questionnaire_json(&protocol);
        if let Err(error) = schema.check(&schema.questionnaire, &questionnaire) {
            panic!("{name}: {error}\n{questionnaire:#}");
        }
    }
}

#[test]
fn responses_are_valid_r4_for_every_outcome_and_an_early_end() {
    let schema = R4Schema::load();
    let protocol = default_protocol();
    let cases = [
        (json!({}), Outcome::Candidate),
        (
            json!({"concerns": ["acne_scars", "loose_skin"], "scar_severity": "pronounced", "scar_age": "over_1_year", "age": 19}),
            Outcome::Consult,
        ),
        (json!({"cold_sores": "active_now", "blood_thinners": "unsure"}), Outcome::Postpone),
        (json!({"bleeding_disorder": true, "isotretinoin": "current"}), Outcome::NotCandidate),
        (json!({"pregnant_or_breastfeeding": true}), Outcome::Postpone),
    ];
    for (patch, outcome) in cases {
        let walk = complete_walk(&protocol, &safe_answers(&protocol, patch.clone()));
        assert_eq!(engine::recommend(&protocol, &walk).outcome, outcome, "{patch}");
        let response = response(&protocol, &walk);
        if let Err(error) = schema.check(&schema.response, &response) {
            panic!("{patch}: {error}\n{response:#}");
        }
    }
}

/// The validation can fail: each of these breaks R4, and the schema says so.
#[test]
fn the_schema_rejects_resources_that_break_r4() {
    let schema = R4Schema::load();
    let protocol = load_json(&random_protocol(expression_seed()));
    let questionnaire = questionnaire_json(&protocol);
    let walk = complete_walk(&default_protocol(), &safe_answers(&default_protocol(), json!({})));
    let response = response(&default_protocol(), &walk);
    let questionnaire_breaks: [(&str, Edit); 6] = [
        ("a type R4 lacks", |q| q["item"][0]["type"] = json!("multiple_choice")),
        ("a status R4 lacks", |q| q["status"] = json!("published")),
        ("an underscore in the id", |q| q["id"] = json!("micro_needling")),
        ("a property R4 lacks", |q| q["item"][0]["options"] = json!([])),
        ("required as a string", |q| q["item"][0]["required"] = json!("true")),
        ("an expression without its language", |q| {
            let item = q["item"].as_array_mut().unwrap().iter_mut().find(|i| i["extension"].is_array()).unwrap();
            item["extension"].as_array_mut().unwrap().last_mut().unwrap()["valueExpression"]["language"] = json!(null);
        }),
    ];
    let response_breaks: [(&str, Edit); 4] = [
        ("a status R4 lacks", |r| r["status"] = json!("done")),
        ("a date that is not a dateTime", |r| r["authored"] = json!("yesterday")),
        ("an answer of a type R4 lacks", |r| r["item"][0]["answer"][0] = json!({"valueYesNo": true})),
        ("a linkId that is not a string", |r| r["item"][0]["linkId"] = json!(7)),
    ];
    assert_eq!(schema.check(&schema.questionnaire, &questionnaire), Ok(()));
    assert_eq!(schema.check(&schema.response, &response), Ok(()));
    for (what, breaks) in questionnaire_breaks {
        let mut broken = questionnaire.clone();
        breaks(&mut broken);
        assert!(schema.check(&schema.questionnaire, &broken).is_err(), "a questionnaire with {what} passed");
    }
    for (what, breaks) in response_breaks {
        let mut broken = response.clone();
        breaks(&mut broken);
        assert!(schema.check(&schema.response, &broken).is_err(), "a response with {what} passed");
    }
}

/// A random protocol whose questionnaire uses an `enableWhenExpression`.
fn expression_seed() -> u64 {
    (0..)
        .find(|&seed| questionnaire_json(&load_json(&random_protocol(seed))).get("modifierExtension").is_some())
        .unwrap()
}

/// `tests/fhir/fhir-r4-questionnaire.schema.json` (see the README beside it), compiled.
struct R4Schema {
    schemas: boon::Schemas,
    questionnaire: boon::SchemaIndex,
    response: boon::SchemaIndex,
}

impl R4Schema {
    const URL: &str = "http://hl7.org/fhir/json-schema/4.0";

    fn load() -> R4Schema {
        let json: Json = serde_json::from_str(include_str!("fhir/fhir-r4-questionnaire.schema.json")).unwrap();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(Self::URL, json).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compile = |definition: &str| {
            let location = format!("{}#/definitions/{definition}", Self::URL);
            compiler.compile(&location, &mut schemas).unwrap_or_else(|error| panic!("{error:#}"))
        };
        let (questionnaire, response) = (compile("Questionnaire"), compile("QuestionnaireResponse"));
        R4Schema { schemas, questionnaire, response }
    }

    fn check(&self, definition: &boon::SchemaIndex, resource: &Json) -> Result<(), String> {
        self.schemas.validate(resource, *definition).map_err(|error| format!("{error:#}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Every protocol under `tests/protocols/`, and variants of the worked example that load with
/// warnings (an option no rule uses, a rule without a source, a `risk` outside the findings).
fn fixture_protocols() -> Vec<(String, ValidProtocol)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/protocols");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut texts: Vec<(String, String)> = (files.iter())
        .map(|path| (path.strip_prefix(&root).unwrap().display().to_string(), std::fs::read_to_string(path).unwrap()))
        .collect();
    let option = json!({"id": "stretch_marks", "label": "Stretch marks"});
    for (name, patch) in [
        ("unused-option", json!([{"op": "add", "path": "/questions/0/options/-", "value": option}])),
        ("missing-source", json!([{"op": "remove", "path": "/rules/0/source"}])),
        ("risk-outside-findings", json!([{"op": "add", "path": "/questions/1/options/2/risk", "value": 2}])),
    ] {
        texts.push((format!("worked-example, {name}"), common::variants::worked_example_with(patch)));
    }
    let loaded: Vec<(String, ValidProtocol)> = (texts.into_iter())
        .filter_map(|(name, text)| Some((name.clone(), candidacy::protocol::load(&name, &text).ok()?.protocol)))
        .collect();
    let names: Vec<&str> = loaded.iter().map(|(name, _)| name.as_str()).collect();
    assert!(names.len() >= 5 && names.contains(&"worked-example.json"), "{names:?}");
    loaded
}

fn questionnaire_json(protocol: &ValidProtocol) -> Json {
    serde_json::to_value(fhir::questionnaire(protocol, "en")).unwrap()
}

/// The response of a complete walk, as JSON.
fn response(protocol: &ValidProtocol, walk: &Walk) -> Json {
    let recommendation = engine::recommend(protocol, walk);
    serde_json::to_value(fhir::questionnaire_response(protocol, walk, &recommendation, "en", Some(AUTHORED))).unwrap()
}

fn complete_walk(protocol: &ValidProtocol, answers: &Answers) -> Walk {
    let walk = engine::walk(protocol, answers);
    assert_eq!(walk.next, None, "the answers leave a question open");
    walk
}

/// `tests/protocols/safe-answers.json` with `patch`'s answers in place of their own.
fn safe_answers(protocol: &ValidProtocol, patch: Json) -> Answers {
    let mut answers: Json = serde_json::from_str(include_str!("protocols/safe-answers.json")).unwrap();
    for (id, answer) in patch.as_object().unwrap() {
        answers[id] = answer.clone();
    }
    Answers::from_json(protocol, &answers).unwrap()
}

/// A random accepted answer to every question.
fn random_answers(protocol: &ValidProtocol, rng: &mut Rng) -> Answers {
    let mut answers = Answers::new(protocol.questions().len());
    for (question, model) in protocol.model.questions.iter().enumerate() {
        let value = match model.kind {
            QuestionKind::MultipleChoice => Value::Options(OptionSet(1 + rng.next() % ((1 << model.n_options) - 1))),
            QuestionKind::Number => {
                Value::Number(model.bounds.0 + rng.below((model.bounds.1 - model.bounds.0) as usize + 1) as i64)
            }
            _ => {
                let values = all_values(protocol, question);
                values[rng.below(values.len())]
            }
        };
        answers.set(question, Some(value));
    }
    answers
}

/// Every accepted answer to `question`.
fn all_values(protocol: &ValidProtocol, question: QuestionIdx) -> Vec<Value> {
    let model = &protocol.model.questions[question];
    match model.kind {
        QuestionKind::YesNo => {
            let mut values = vec![Value::YesNo(YesNo::No), Value::YesNo(YesNo::Yes)];
            values.extend(model.unsure_allowed.then_some(Value::YesNo(YesNo::Unsure)));
            values
        }
        QuestionKind::SingleChoice => (0..model.n_options).map(Value::Option).collect(),
        QuestionKind::MultipleChoice => {
            (1u64..1 << model.n_options).map(|mask| Value::Options(OptionSet(mask))).collect()
        }
        QuestionKind::Number => (model.bounds.0..=model.bounds.1).map(Value::Number).collect(),
    }
}

/// Calls `visit` with the walk of every complete path.
fn for_every_path(protocol: &ValidProtocol, answers: Answers, visit: &mut impl FnMut(&Walk)) {
    let walk = engine::walk(protocol, &answers);
    let Some(question) = walk.next else { return visit(&walk) };
    for value in all_values(protocol, question) {
        let mut next = walk.answers.clone();
        next.set(question, Some(value));
        for_every_path(protocol, next, visit);
    }
}
