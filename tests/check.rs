//! `check` on broken protocols: every error names its place (JSON pointer, line, column) and,
//! where we can offer one, a help line. Each fixture in `tests/protocols/invalid/` has its expected
//! report beside it; refresh them with `UPDATE_EXPECT=1 cargo test --test check`.

use expect_test::{expect_file, ExpectFile};

fn check_fixture(name: &str, expected: ExpectFile) {
    let path = format!("tests/protocols/invalid/{name}.json");
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let checked = candidacy::check::check(&path, &text);
    let verdict = if checked.protocol.is_some() { "loads" } else { "rejected" };
    expected.assert_eq(&format!("{}{verdict}\n", checked.diagnostics));
}

#[test]
fn a_json_syntax_error_gives_line_and_column() {
    check_fixture("syntax-error", expect_file!["protocols/invalid/syntax-error.txt"]);
}

#[test]
fn an_unsupported_format_version_is_named() {
    check_fixture("wrong-format-version", expect_file!["protocols/invalid/wrong-format-version.txt"]);
}

#[test]
fn a_file_that_is_not_an_object_is_rejected() {
    check_fixture("not-an-object", expect_file!["protocols/invalid/not-an-object.txt"]);
}

#[test]
fn a_misspelt_field_is_located() {
    check_fixture("unknown-field", expect_file!["protocols/invalid/unknown-field.txt"]);
}

#[test]
fn an_unknown_question_suggests_the_closest_id() {
    check_fixture("unknown-question", expect_file!["protocols/invalid/unknown-question.txt"]);
}

#[test]
fn every_unknown_option_is_reported_not_only_the_first() {
    check_fixture("unknown-options", expect_file!["protocols/invalid/unknown-options.txt"]);
}

#[test]
fn a_duplicate_rule_id_points_at_the_first_definition() {
    check_fixture("duplicate-rule-id", expect_file!["protocols/invalid/duplicate-rule-id.txt"]);
}

#[test]
fn an_ask_if_on_a_later_question_is_a_cycle() {
    check_fixture("condition-on-later-question", expect_file!["protocols/invalid/condition-on-later-question.txt"]);
}

#[test]
fn a_test_of_the_wrong_kind_says_what_to_use() {
    check_fixture("test-of-the-wrong-kind", expect_file!["protocols/invalid/test-of-the-wrong-kind.txt"]);
}

#[test]
fn number_bounds_and_empty_ranges_are_errors() {
    check_fixture("number-bounds", expect_file!["protocols/invalid/number-bounds.txt"]);
}

#[test]
fn missing_english_text_is_an_error() {
    check_fixture("missing-english-text", expect_file!["protocols/invalid/missing-english-text.txt"]);
}

#[test]
fn rule_fields_must_fit_the_effect_and_the_question() {
    check_fixture("rule-fields", expect_file!["protocols/invalid/rule-fields.txt"]);
}

#[test]
fn a_question_never_asked_and_a_rule_that_never_fires_are_found_on_the_paths() {
    check_fixture("never-asked-and-never-fires", expect_file!["protocols/invalid/never-asked-and-never-fires.txt"]);
}

#[test]
fn an_unused_option_is_a_warning_and_the_protocol_still_loads() {
    check_fixture("unused-option-warning", expect_file!["protocols/invalid/unused-option-warning.txt"]);
}

#[test]
fn the_shipped_protocols_have_no_errors_and_no_warnings() {
    for path in ["static/protocols/microneedling.json", "tests/protocols/worked-example.json"] {
        let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let checked = candidacy::check::check(path, &text);
        assert!(checked.protocol.is_some() && checked.diagnostics.is_empty(), "{}", checked.diagnostics);
    }
}

#[test]
fn a_rule_without_a_source_is_a_warning_located_at_the_rule() {
    check_fixture("missing-source-warning", expect_file!["protocols/invalid/missing-source-warning.txt"]);
}

#[test]
fn parameters_unknown_in_a_text_empty_or_uncited_are_named_with_their_place() {
    check_fixture("parameters", expect_file!["protocols/invalid/parameters.txt"]);
}

#[test]
fn a_risk_outside_the_findings_of_a_screening_question_is_a_warning() {
    check_fixture("risk-outside-findings", expect_file!["protocols/invalid/risk-outside-findings.txt"]);
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
