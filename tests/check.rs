//! `check` on broken protocols: every diagnostic has its kind (a stable code) and its place (a JSON
//! pointer, and the line and column it resolves to). Each broken protocol is the worked example
//! with a small, named edit (`tests/common/variants.rs`); the tests hold codes and places, not
//! English.

mod common;

use candidacy::protocol::{locate, Kind};
use common::variants::{worked_example_text, worked_example_with};
use serde_json::json;
use Kind::*;

/// Checks `text` and asserts its diagnostics, in order, are `expected` (kind and JSON pointer),
/// each located where its pointer is in the text, and whether the protocol still loads.
fn assert_check(text: &str, expected: &[(Kind, &str)], loads: bool) {
    let checked = candidacy::check::check("variant.json", text);
    let found: Vec<(Kind, &str)> = checked.diagnostics.items.iter().map(|d| (d.kind, d.pointer.as_str())).collect();
    assert_eq!(found, expected, "\n{}", checked.diagnostics);
    assert_eq!(checked.protocol.is_some(), loads, "\n{}", checked.diagnostics);
    for diagnostic in &checked.diagnostics.items {
        assert_eq!(diagnostic.severity, diagnostic.kind.severity());
        if diagnostic.kind != InvalidJson {
            let place = locate(text, &diagnostic.pointer);
            assert!(place.is_some(), "{} is in the file", diagnostic.pointer);
            assert_eq!((diagnostic.line, diagnostic.column), place.unzip(), "{:?} is located", diagnostic.kind);
        }
        assert!(diagnostic.line.is_some() && diagnostic.column.is_some(), "{:?} has a place", diagnostic.kind);
    }
}

#[test]
fn a_missing_comma_is_invalid_json_with_its_line_and_column() {
    let text = worked_example_text().replacen("\"format\": 1,", "\"format\": 1", 1);
    assert_check(&text, &[(InvalidJson, "")], false);
    let checked = candidacy::check::check("variant.json", &text);
    let error = &checked.diagnostics.items[0];
    assert_eq!((error.line, error.column), (Some(3), Some(3)), "where the comma is missing");
}

#[test]
fn a_syntax_error_after_accented_letters_is_at_its_column_in_characters() {
    let checked = candidacy::check::check("variant.json", "{\"a\": \"ééé\" x}");
    let error = &checked.diagnostics.items[0];
    assert_eq!((error.kind, error.line, error.column), (InvalidJson, Some(1), Some(13)), "{}", checked.diagnostics);
}

#[test]
fn a_format_version_from_the_future_is_named() {
    let text = worked_example_with(json!([{"op": "replace", "path": "/format", "value": 2}]));
    assert_check(&text, &[(UnsupportedFormat, "/format")], false);
}

#[test]
fn a_file_that_is_not_an_object_is_refused() {
    assert_check("[\"format\", 1]\n", &[(NotAnObject, "")], false);
}

#[test]
fn a_misspelt_field_is_located() {
    let text =
        worked_example_with(json!([{"op": "move", "from": "/questions/2/prompt", "path": "/questions/2/promt"}]));
    assert_check(&text, &[(InvalidField, "/questions/2/promt")], false);
}

#[test]
fn an_unknown_question_suggests_the_closest_id() {
    let text =
        worked_example_with(json!([{"op": "replace", "path": "/rules/4/when/yes", "value": "bleding_disorder"}]));
    assert_check(&text, &[(UnknownQuestion, "/rules/4/when/yes")], false);
    let checked = candidacy::check::check("variant.json", &text);
    assert_eq!(checked.diagnostics.items[0].help.as_deref(), Some("did you mean `bleeding_disorder`?"));
}

#[test]
fn every_unknown_option_is_reported_not_only_the_first() {
    let text = worked_example_with(json!([
        {"op": "replace", "path": "/questions/1/ask_if/chose/option", "value": "acne_scar"},
        {"op": "replace", "path": "/plans/1/when/chose_any/options/1", "value": "severe"},
    ]));
    // In the order of the file (`plans` comes before `questions` in the variant's sorted keys).
    let expected =
        [(UnknownOption, "/plans/1/when/chose_any/options/1"), (UnknownOption, "/questions/1/ask_if/chose/option")];
    assert_check(&text, &expected, false);
}

#[test]
fn a_duplicate_rule_id_points_at_the_first_definition() {
    let text = worked_example_with(json!([{"op": "replace", "path": "/rules/5/id", "value": "bleeding_disorder"}]));
    assert_check(&text, &[(DuplicateId, "/rules/5/id")], false);
    let checked = candidacy::check::check("variant.json", &text);
    let related = &checked.diagnostics.items[0].related;
    assert_eq!(related.iter().map(|r| r.pointer.as_str()).collect::<Vec<_>>(), ["/rules/4/id"]);
    assert_eq!((related[0].line, related[0].column), locate(&text, "/rules/4/id").unzip());
}

#[test]
fn an_ask_if_on_a_later_question_is_refused() {
    let ask_if = json!({"number": {"question": "age", "at_least": 18}});
    let text = worked_example_with(json!([{"op": "replace", "path": "/questions/1/ask_if", "value": ask_if}]));
    assert_check(&text, &[(ConditionOnLaterQuestion, "/questions/1/ask_if")], false);
}

#[test]
fn a_test_of_the_wrong_kind_is_refused() {
    let chose = json!({"chose": {"question": "bleeding_disorder", "option": "yes"}});
    let text = worked_example_with(json!([
        {"op": "replace", "path": "/rules/1/when", "value": {"yes": "age"}},
        {"op": "replace", "path": "/rules/4/when", "value": chose},
    ]));
    assert_check(&text, &[(WrongTestKind, "/rules/1/when/yes"), (WrongTestKind, "/rules/4/when/chose/option")], false);
}

#[test]
fn number_bounds_and_empty_ranges_are_errors() {
    let empty = json!({"question": "age", "at_least": 30, "below": 20});
    let text = worked_example_with(json!([
        {"op": "replace", "path": "/questions/2/min", "value": 120},
        {"op": "replace", "path": "/questions/2/max", "value": 0},
        {"op": "replace", "path": "/rules/1/when/number", "value": empty},
    ]));
    assert_check(&text, &[(MaxBelowMin, "/questions/2/max"), (InvalidNumberRange, "/rules/1/when/number")], false);
}

#[test]
fn missing_english_text_is_an_error() {
    let spanish_only = json!({"es": "¿Cuántos años tienes?"});
    let text = worked_example_with(json!([{"op": "replace", "path": "/questions/2/prompt", "value": spanish_only}]));
    let expected = [(MissingEnglishText, "/questions/2/prompt"), (UndeclaredLocale, "/questions/2/prompt/es")];
    assert_check(&text, &expected, false);
}

#[test]
fn rule_fields_must_fit_the_effect_and_the_question() {
    let text = worked_example_with(json!([
        {"op": "remove", "path": "/rules/2/come_back"},
        {"op": "replace", "path": "/rules/4/when", "value": {"unsure": "age"}},
    ]));
    assert_check(&text, &[(PostponeWithoutComeBack, "/rules/2"), (WrongTestKind, "/rules/4/when/unsure")], false);
}

#[test]
fn a_question_never_asked_and_a_rule_that_never_fires_are_found_on_the_paths() {
    let scars = json!({"chose": {"question": "concerns", "option": "acne_scars"}});
    let never_scars = json!({"all": [scars.clone(), {"not": scars}]});
    let never_age =
        json!({"all": [{"number": {"question": "age", "below": 22}}, {"number": {"question": "age", "at_least": 22}}]});
    let text = worked_example_with(json!([
        {"op": "replace", "path": "/questions/1/ask_if", "value": never_scars},
        {"op": "replace", "path": "/rules/1/when", "value": never_age},
    ]));
    assert_check(&text, &[(QuestionNeverAsked, "/questions/1"), (RuleNeverFires, "/rules/1/when")], false);
}

#[test]
fn an_unused_option_is_a_warning_and_the_protocol_still_loads() {
    let option = json!({"id": "stretch_marks", "label": "Stretch marks"});
    let text = worked_example_with(json!([{"op": "add", "path": "/questions/0/options/-", "value": option}]));
    assert_check(&text, &[(UnusedOption, "/questions/0/options/2")], true);
}

#[test]
fn a_rule_without_a_source_is_a_warning_located_at_the_rule() {
    let text = worked_example_with(json!([{"op": "remove", "path": "/rules/0/source"}]));
    assert_check(&text, &[(MissingSource, "/rules/0")], true);
}

#[test]
fn parameters_unknown_in_a_text_empty_or_uncited_are_named_with_their_place() {
    let parameters = json!({
        "pregnancy_wait": {"value": 0, "unit": "months", "description": "wait after the birth", "source": ["skinpen_labelling"]},
        "breastfeeding_wait": {"value": 6, "unit": "weeks", "description": "wait after breastfeeding"},
    });
    let text = worked_example_with(json!([
        {"op": "add", "path": "/parameters", "value": parameters},
        {"op": "replace", "path": "/rules/2/reason", "value": "It's best to wait {breastfeding_wait}."},
        {"op": "replace", "path": "/rules/2/come_back", "value": "{pregnancy_wait} after the birth"},
    ]));
    // Errors first, each group in the order of the file.
    let expected = [
        (UnknownSource, "/parameters/pregnancy_wait/source/0"),
        (InvalidPeriod, "/parameters/pregnancy_wait/value"),
        (UnknownParameter, "/rules/2/reason"),
        (UnusedParameter, "/parameters/breastfeeding_wait"),
    ];
    assert_check(&text, &expected, false);
}

#[test]
fn a_risk_outside_the_findings_of_a_screening_question_is_a_warning() {
    let text = worked_example_with(json!([{"op": "add", "path": "/questions/1/options/2/risk", "value": 2}]));
    assert_check(&text, &[(RiskOutsideFindings, "/questions/1/options/2/risk")], true);
}

#[test]
fn the_shipped_protocols_have_no_errors_and_no_warnings() {
    for path in ["static/protocols/microneedling.json", "tests/protocols/worked-example.json"] {
        let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let checked = candidacy::check::check(path, &text);
        assert!(checked.protocol.is_some() && checked.diagnostics.is_empty(), "{}", checked.diagnostics);
    }
}

/// `candidacy check` names every text a declared locale lacks, and sums them up per locale.
#[test]
fn every_text_missing_in_a_declared_locale_is_reported() {
    let mut json: serde_json::Value = serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap();
    json["locales"] = serde_json::json!(["en", "es", "fr"]);
    json["questions"][1]["prompt"].as_object_mut().expect("a translated prompt").remove("es");
    let checked = candidacy::check::check("translated.json", &json.to_string());
    let protocol = checked.protocol.expect("a missing translation is a warning, not an error");

    let (missing, total) = candidacy::protocol::missing_texts(&protocol.protocol);
    assert_eq!(missing[0], ("es".to_owned(), vec!["/questions/1/prompt".to_owned()]));
    assert_eq!((missing[1].0.as_str(), missing[1].1.len()), ("fr", total), "no text is in French");

    let warnings: Vec<_> = checked.diagnostics.warnings().collect();
    let missing_es: Vec<&str> =
        warnings.iter().filter(|w| w.message == "missing `es` text").map(|w| w.pointer.as_str()).collect();
    assert_eq!(missing_es, ["/questions/1/prompt"]);
    assert!(
        warnings.iter().any(|w| w.pointer == "/locales/2" && w.message.contains("not written in `fr`")),
        "the widget's own words have no French: {warnings:#?}"
    );
}

/// The default protocol is complete in every language it declares.
#[test]
fn the_default_protocol_is_complete_in_english_and_spanish() {
    let checked = candidacy::check::check("microneedling.json", candidacy::DEFAULT_PROTOCOL);
    let protocol = checked.protocol.expect("the default protocol loads");
    assert_eq!(protocol.protocol.locales, ["en", "es"]);
    let (missing, _) = candidacy::protocol::missing_texts(&protocol.protocol);
    assert_eq!(missing, [("es".to_owned(), Vec::<String>::new())]);
    assert_eq!(checked.diagnostics.warnings().count(), 0, "{}", checked.diagnostics);
}
