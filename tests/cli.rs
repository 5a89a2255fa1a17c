//! The `candidacy` binary end to end: `check`, `verify`, `evaluate`, `table`, `export-fhir`, `schema` and `--help`,
//! run as a user runs them, with their exit codes and what they print (`preview`: `tests/preview.rs`).

mod common;

use common::cli::{candidacy, candidacy_with_stdin, Run, TempDir};
use serde_json::{json, Value};

const DEFAULT: &str = "static/protocols/microneedling.json";

/// Exit codes of the binary.
const OK: i32 = 0;
const PROBLEMS: i32 = 1;
const USAGE: i32 = 2;

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_accepts_the_default_protocol() {
    let run = candidacy(&["check", DEFAULT]);

    run.assert_code(OK);
    assert!(
        run.stdout.contains(&format!("ok: {DEFAULT}: protocol `microneedling` v1.2.0 (0 errors, 0 warnings)")),
        "{run}"
    );
}

#[test]
fn check_reports_an_unknown_question_with_its_pointer_place_and_a_suggestion() {
    let dir = TempDir::new("check-unknown-question");
    let text = misspelt_bleeding_disorder();
    let file = dir.write("misspelt.json", &text);
    let (line, column) = place_of(&text, r#""bleding_disorder""#);
    let rule = rule_index("bleeding_disorder");

    let run = candidacy(&["check", file.to_str().unwrap()]);

    run.assert_code(PROBLEMS);
    run.assert_stdout_has(&[
        "error[C048]: unknown question `bleding_disorder`".to_owned(),
        format!("  --> {}: /rules/{rule}/when/yes (line {line}, column {column})", file.display()),
        "  help: did you mean `bleeding_disorder`?".to_owned(),
        format!("failed: {} (1 error, 0 warnings)", file.display()),
    ]);
}

#[test]
fn check_reads_the_protocol_from_standard_input() {
    let text = misspelt_bleeding_disorder();
    let (line, column) = place_of(&text, r#""bleding_disorder""#);
    let rule = rule_index("bleeding_disorder");

    let run = candidacy_with_stdin(&["check", "-"], &text);

    run.assert_code(PROBLEMS);
    run.assert_stdout_has(&[
        "error[C048]: unknown question `bleding_disorder`".to_owned(),
        format!("  --> <stdin>: /rules/{rule}/when/yes (line {line}, column {column})"),
        "  help: did you mean `bleeding_disorder`?".to_owned(),
    ]);
}

#[test]
fn check_reports_a_json_syntax_error_with_its_line_and_column() {
    let run = candidacy_with_stdin(&["check", "-"], "{\n  \"format\": 1,\n  \"id\": \"x\",\n}\n");

    run.assert_code(PROBLEMS);
    run.assert_stdout_has(&["error[C001]: invalid JSON: trailing comma", "  --> <stdin>: / (line 4, column 1)"]);
}

#[test]
fn check_reports_a_syntax_error_inside_a_line_at_its_column() {
    let run = candidacy_with_stdin(&["check", "-"], "{\n  \"format\": 1,\n  \"id\": \"x\",,\n}\n");

    run.assert_code(PROBLEMS);
    run.assert_stdout_has(&["error[C001]: invalid JSON: key must be a string", "  --> <stdin>: / (line 3, column 13)"]);
}

#[test]
fn check_of_a_missing_file_is_a_usage_error_naming_the_file() {
    let dir = TempDir::new("check-missing-file");
    let missing = dir.path.join("does-not-exist.json");

    let run = candidacy(&["check", missing.to_str().unwrap()]);

    run.assert_code(USAGE);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(run.stderr.contains(&format!("error: cannot read `{}`", missing.display())), "{run}");
}

#[test]
fn check_passes_a_protocol_with_warnings_and_lists_them() {
    let mut protocol = default_protocol_json();
    rule_mut(&mut protocol, "radiation").as_object_mut().unwrap().remove("source");

    let run = candidacy_with_stdin(&["check", "-"], &serde_json::to_string_pretty(&protocol).unwrap());

    run.assert_code(OK);
    run.assert_stdout_has(&[
        "warning[C043]: `radiation` cites no source",
        "ok: <stdin>: protocol `microneedling` v1.2.0 (0 errors, 1 warning)",
    ]);
}

#[test]
// Regression: an empty file was reported at column 0.
fn check_reports_an_empty_file_at_column_one() {
    let run = candidacy_with_stdin(&["check", "-"], "");

    run.assert_code(PROBLEMS);
    run.assert_stdout_has(&[
        "error[C001]: invalid JSON: EOF while parsing a value",
        "  --> <stdin>: / (line 1, column 1)",
    ]);
}

// ---------------------------------------------------------------------------------------------
// verify

#[test]
fn verify_proves_the_default_protocol_on_every_path() {
    let run = candidacy(&["verify", DEFAULT]);

    run.assert_code(OK);
    assert!(run.stdout.starts_with(&format!("verified: {DEFAULT} (protocol `microneedling` v1.2.0)")), "{run}");
    assert!(run.stdout.contains("  paths: 268,482,398,877,000 (a number answer counts once per range"), "{run}");
    assert!(run.stdout.contains(" paths/s)"), "{run}");
    assert!(!run.stdout.contains("FAIL"), "{run}");
    for property in PROPERTIES {
        assert!(run.stdout.contains(&format!("    ok   {property}")), "{property}\n{run}");
    }
}

#[test]
fn verify_divides_every_path_among_the_four_outcomes() {
    let run = candidacy(&["verify", DEFAULT]);

    let counts: Vec<u128> = ["candidate", "consult", "postpone", "not_candidate"]
        .iter()
        .map(|outcome| outcome_count(&run.stdout, outcome).unwrap_or_else(|| panic!("no `{outcome}` line\n{run}")))
        .collect();
    assert!(counts.iter().all(|&n| n > 0), "every outcome is reachable: {counts:?}");
    assert_eq!(counts.iter().sum::<u128>(), 268_482_398_877_000);
}

#[test]
fn verify_fails_a_protocol_where_blood_thinners_only_give_a_note() {
    let dir = TempDir::new("verify-unsafe");
    let mut protocol = default_protocol_json();
    rule_mut(&mut protocol, "blood_thinners")["effect"] = json!("note");
    let file = dir.write("unsafe.json", &serde_json::to_string_pretty(&protocol).unwrap());

    let run = candidacy(&["verify", file.to_str().unwrap()]);

    run.assert_code(PROBLEMS);
    assert!(run.stdout.starts_with(&format!("FAILED: {}", file.display())), "{run}");
    assert!(run.stdout.contains("    FAIL always: a screening finding never yields candidate"), "{run}");
    let path = (run.stdout.lines().map(str::trim))
        .find(|line| line.starts_with("path:"))
        .unwrap_or_else(|| panic!("no counterexample path\n{run}"));
    assert!(path.contains("blood_thinners=yes"), "{path}");
    assert!(path.ends_with("-> outcome `candidate`"), "{path}");
    assert!(run.stdout.contains("findings: blood_thinners=yes"), "{run}");
}

#[test]
fn verify_passes_the_other_properties_of_the_unsafe_copy() {
    let dir = TempDir::new("verify-unsafe-others");
    let mut protocol = default_protocol_json();
    rule_mut(&mut protocol, "blood_thinners")["effect"] = json!("note");
    let file = dir.write("unsafe.json", &protocol.to_string());

    let run = candidacy(&["verify", file.to_str().unwrap()]);

    let failed: Vec<&str> = run.stdout.lines().filter(|line| line.trim_start().starts_with("FAIL ")).collect();
    // Yes (a note) is now weaker than "I'm not sure" (consult): monotonicity fails as well.
    // Its profile fails too: Yes to blood thinners rules `anticoagulants` in without a consult.
    let expected = [
        "    FAIL always: a screening finding never yields candidate",
        "    FAIL always: a riskier screening answer (no < unsure < yes) never yields a weaker outcome",
        "    FAIL always: a candidate was asked every profile item and answered in a way that rules it out",
        "    FAIL always: an answer that rules a profile item in gets at least its outcome",
    ];
    assert_eq!(failed, expected, "{run}");
    assert!(run.stdout.contains("         item `anticoagulants` (taking blood thinners"), "{run}");
}

#[test]
fn verify_shows_the_two_paths_of_a_monotonicity_counterexample_side_by_side() {
    let protocol = common::sunburn_fixture();
    let run = candidacy_with_stdin(&["verify", "-"], &protocol.to_string());

    run.assert_code(PROBLEMS);
    let failing = "    FAIL always: a riskier screening answer (no < unsure < yes) never yields a weaker outcome";
    let after = run.stdout.split_once(failing).unwrap_or_else(|| panic!("{run}")).1;
    let lines: Vec<&str> = after.lines().skip(1).map(str::trim_end).collect();
    assert!(lines[0].ends_with("pairs of paths, for example:"), "{run}");
    assert_eq!(lines[1].trim(), "raising `recent_major_procedures` from no to yes turns postpone into consult");
    assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), ["question", "as", "given", "raised"]);
    let row = |id: &str| -> Vec<&str> {
        let line = lines.iter().find(|line| line.trim_start().trim_start_matches("* ").starts_with(&format!("{id} ")));
        line.unwrap_or_else(|| panic!("no row `{id}`\n{run}")).split_whitespace().collect()
    };
    assert_eq!(row("recent_sun"), ["recent_sun", "yes", "yes"]);
    assert_eq!(row("recent_major_procedures"), ["*", "recent_major_procedures", "no", "yes"]);
    assert_eq!(row("outcome"), ["outcome", "postpone", "consult"]);
}

#[test]
fn verify_fails_an_early_end_that_hides_a_stronger_outcome_and_prints_its_continuation() {
    let mut json = common::default_json();
    let rules = json["rules"].as_array_mut().unwrap();
    rules.iter_mut().find(|rule| rule["id"] == "pregnant_or_breastfeeding").unwrap()["ends_quiz"] = true.into();

    let run = candidacy_with_stdin(&["verify", "-"], &json.to_string());

    run.assert_code(PROBLEMS);
    run.assert_stdout_has(&[
        "    FAIL always: an early end never hides a stronger outcome or a red flag the skipped questions could give",
    ]);
    let hidden = "         `pregnant_or_breastfeeding` ends the quiz before `skin_cancer` (not_candidate, with a red flag) is decided, on ";
    assert!(run.stdout.contains(hidden), "{run}");
    assert!(run.stdout.contains("pregnant_or_breastfeeding=yes -> outcome `postpone`"), "{run}");
    let continued = (run.stdout.lines().map(str::trim))
        .find(|line| line.starts_with("continued:") && line.contains("skin_cancer=yes"))
        .unwrap_or_else(|| panic!("no continuation with skin cancer\n{run}"));
    assert!(continued.ends_with("-> outcome `not_candidate`"), "{continued}");
    assert!(continued.contains("bleeding_disorder=no"), "safest answers elsewhere: {continued}");
}

#[test]
fn verify_refuses_a_protocol_that_does_not_load() {
    let run = candidacy_with_stdin(&["verify", "-"], &misspelt_bleeding_disorder());

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("error[C048]: unknown question `bleding_disorder`"), "{run}");
    assert!(run.stdout.contains("<stdin>: 1 error; `candidacy check` lists them"), "{run}");
    assert!(!run.stdout.contains("paths:"), "{run}");
}

#[test]
// Regression: `verify -` named standard input `-`.
fn verify_names_standard_input_like_check_does() {
    let run = candidacy_with_stdin(&["verify", "-"], candidacy::DEFAULT_PROTOCOL);

    run.assert_code(OK);
    assert!(run.stdout.starts_with("verified: <stdin> (protocol `microneedling` v1.2.0)"), "{run}");
}

// ---------------------------------------------------------------------------------------------
// evaluate

#[test]
fn evaluate_prints_a_candidate_with_its_plan() {
    let run = evaluate(&safe_answers());

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "candidate");
    assert_eq!(report["reasons"], json!([]));
    let plan = &report["plan"];
    assert_eq!(plan["sessions_min"], 3);
    assert_eq!(plan["sessions_max"], 4);
    assert_eq!(plan["interval_weeks_min"], 4);
    assert_eq!(plan["interval_weeks_max"], 6);
    assert_eq!(plan["usual_plan_only"], false);
    let fingerprint = candidacy(&["fingerprint", DEFAULT]).stdout.trim().to_owned();
    assert_eq!(report["protocol"], json!({"id": "microneedling", "version": "1.2.0", "fingerprint": fingerprint}));
}

#[test]
fn evaluate_combines_the_plan_of_several_concerns() {
    let run = evaluate(&with(json!({
        "concerns": ["acne_scars", "fine_lines"],
        "scar_severity": "pronounced",
        "scar_age": "over_1_year",
    })));

    run.assert_code(OK);
    let plan = &run.json()["plan"];
    assert_eq!((plan["sessions_min"].as_u64(), plan["sessions_max"].as_u64()), (Some(5), Some(6)));
    assert_eq!(plan["set_by"], json!(["acne_scars_pronounced"]));
}

#[test]
fn evaluate_gives_each_reason_with_its_rule_and_text() {
    let run = evaluate(&with(json!({"bleeding_disorder": true, "blood_thinners": true})));

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "not_candidate");
    let reasons = report["reasons"].as_array().unwrap();
    let rules: Vec<&str> = reasons.iter().map(|r| r["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["blood_thinners", "bleeding_disorder"]);
    for reason in reasons {
        assert!(reason["text"].as_str().is_some_and(|t| t.len() > 20), "{reason}");
    }
    assert_eq!(reasons[1]["answers"], json!({"bleeding_disorder": true}));
    assert!(reasons[1]["instead"].is_string(), "{reason}", reason = reasons[1]);
    assert!(report.get("plan").is_none(), "{report}");
    assert_eq!(report["preparation"], json!([]));
}

#[test]
fn evaluate_gives_a_postpone_with_when_to_come_back() {
    let run = evaluate(&with(json!({"cold_sores": "active_now"})));

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "postpone");
    assert_eq!(report["reasons"][0]["rule"], "cold_sores_active");
    assert!(report["reasons"][0]["come_back"].as_str().is_some_and(|t| !t.is_empty()), "{report}");
}

#[test]
fn evaluate_sends_an_unsure_yes_no_answer_to_a_consult() {
    let run = evaluate(&with(json!({"blood_thinners": "unsure"})));

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "consult");
    assert_eq!(report["reasons"][0]["rule"], "unsure_blood_thinners");
    assert_eq!(report["reasons"][0]["answers"], json!({"blood_thinners": "unsure"}));
    assert_eq!(report["plan"]["usual_plan_only"], true);
}

#[test]
fn evaluate_pregnant_with_any_not_candidate_finding_gives_it_and_its_signpost() {
    let protocol = default_protocol_json();
    for rule in protocol["rules"].as_array().unwrap().iter().filter(|rule| rule["effect"] == "not_candidate") {
        let question = rule["when"]["yes"].as_str().expect("each not_candidate rule tests a yes");
        let run = evaluate(&with(json!({"pregnant_or_breastfeeding": true, question: true})));

        run.assert_code(OK);
        let report = run.json();
        assert_eq!(report["outcome"], "not_candidate", "{question}: {report}");
        assert!(report.get("ended_early_by").is_none_or(Value::is_null), "{question}: nothing ends early");
        let rules: Vec<&str> =
            report["reasons"].as_array().unwrap().iter().map(|r| r["rule"].as_str().unwrap()).collect();
        assert!(
            rules.contains(&"pregnant_or_breastfeeding") && rules.contains(&rule["id"].as_str().unwrap()),
            "{rules:?}"
        );
        if let Some(flag) = rule["red_flag"]["en"].as_str() {
            let flags = report["red_flags"].as_array().unwrap();
            assert!(flags.iter().any(|shown| shown == flag), "{question}: its signpost\n{report}");
        }
    }
}

#[test]
fn evaluate_gives_no_plan_below_18_for_any_concern() {
    let concerns = [
        "acne_scars",
        "surgical_scars",
        "stretch_marks",
        "fine_lines",
        "enlarged_pores",
        "pigmentation",
        "uneven_texture",
    ];
    for concern in concerns {
        let run = evaluate(&with(
            json!({"concerns": [concern], "scar_severity": "pronounced", "scar_age": "over_1_year", "age": 17}),
        ));

        run.assert_code(OK);
        let report = run.json();
        assert_eq!(report["outcome"], "consult", "{concern}");
        assert!(report.get("plan").is_none_or(Value::is_null), "{concern}: no plan below 18: {report}");
    }
}

#[test]
fn evaluate_reports_the_early_end_of_the_quiz() {
    // No shipped protocol ends early any more (an early end must hide nothing): a clinic's may.
    let dir = TempDir::new("evaluate-early-end");
    let mut protocol = default_protocol_json();
    rule_mut(&mut protocol, "pregnant_or_breastfeeding")["ends_quiz"] = json!(true);
    let file = dir.write("ends-early.json", &protocol.to_string());
    let answers = json!({
        "concerns": ["fine_lines"],
        "treatment_area": ["face"],
        "age": 35,
        "pregnant_or_breastfeeding": true,
    });
    let answers = dir.write("answers.json", &answers.to_string());

    let run = candidacy(&["evaluate", file.to_str().unwrap(), "--answers", answers.to_str().unwrap()]);

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "postpone");
    assert_eq!(report["ended_early_by"], "pregnant_or_breastfeeding");
    assert_eq!(report["notes"][0]["rule"], "face_eye_area");
}

#[test]
fn evaluate_falls_back_to_english_for_a_locale_the_protocol_lacks() {
    let english = evaluate(&safe_answers()).json();
    let dir = TempDir::new("evaluate-locale");
    let answers = dir.write("answers.json", &safe_answers().to_string());

    let run = candidacy(&["evaluate", DEFAULT, "--answers", answers.to_str().unwrap(), "--locale", "fr"]);

    run.assert_code(OK);
    assert_eq!(run.json(), english);
}

#[test]
fn evaluate_names_every_missing_answer() {
    let mut answers = safe_answers();
    answers.as_object_mut().unwrap().remove("blood_thinners");
    answers.as_object_mut().unwrap().remove("skin_tone");

    let run = evaluate(&answers);

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("missing answers to `blood_thinners`, `skin_tone`"), "{run}");
}

#[test]
fn evaluate_names_the_missing_scar_answers_once_a_scar_concern_is_chosen() {
    let run = evaluate(&with(json!({"concerns": ["stretch_marks"]})));

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("missing answers to `scar_severity`, `scar_age`\n"), "{run}");
}

#[test]
fn evaluate_refuses_an_unknown_option_naming_it() {
    let run = evaluate(&with(json!({"cold_sores": "sometimes"})));

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("answer to `cold_sores`: unknown option `sometimes`"), "{run}");
    assert!(run.stdout.contains("(options: active_now, history, never)"), "{run}");
}

#[test]
fn evaluate_refuses_an_unknown_question_naming_it() {
    let run = evaluate(&with(json!({"wrinkles": true})));

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("unknown question `wrinkles`"), "{run}");
}

#[test]
fn evaluate_reads_the_protocol_from_standard_input() {
    let dir = TempDir::new("evaluate-protocol-stdin");
    let answers = dir.write("answers.json", &with(json!({"age": 19})).to_string());

    let run =
        candidacy_with_stdin(&["evaluate", "-", "--answers", answers.to_str().unwrap()], candidacy::DEFAULT_PROTOCOL);

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "consult");
    assert_eq!(report["reasons"][0]["rule"], "age_under_22");
}

#[test]
fn evaluate_reads_the_answers_from_standard_input() {
    let run =
        candidacy_with_stdin(&["evaluate", DEFAULT, "--answers", "-"], &with(json!({"retinoids": true})).to_string());

    run.assert_code(OK);
    let report = run.json();
    assert_eq!(report["outcome"], "candidate");
    assert_eq!(report["notes"][0]["rule"], "retinoids");
}

#[test]
fn evaluate_refuses_both_protocol_and_answers_from_standard_input() {
    let run = candidacy_with_stdin(&["evaluate", "-", "--answers", "-"], "{}");

    run.assert_code(USAGE);
    assert!(run.stderr.contains("only one of the protocol and the answers can come from standard input"), "{run}");
}

#[test]
fn evaluate_with_fhir_prints_the_answers_as_a_questionnaire_response() {
    let dir = TempDir::new("evaluate-fhir");
    let answers = dir.write("answers.json", &with(json!({"blood_thinners": "unsure"})).to_string());

    let run = candidacy(&["evaluate", DEFAULT, "--answers", answers.to_str().unwrap(), "--fhir"]);

    run.assert_code(OK);
    let response = run.json();
    assert_eq!(response["resourceType"], "QuestionnaireResponse");
    assert_eq!(response["questionnaire"], "urn:candidacy:protocol:microneedling|1.2.0");
    assert_eq!(response["status"], "completed");
    assert!(response.get("authored").is_none(), "the CLI makes up no time: {response}");
    let recommendation = &response["extension"][0]["extension"];
    assert_eq!(recommendation[0], json!({"url": "outcome", "valueCode": "consult"}));
    assert_eq!(recommendation[1], json!({"url": "rule", "valueCode": "unsure_blood_thinners"}));
    let items = response["item"].as_array().unwrap();
    assert_eq!(items.len(), question_ids().len() - 2, "every question but the two about scars: {response}");
    let blood_thinners = items.iter().find(|item| item["linkId"] == "blood_thinners").unwrap();
    assert_eq!(blood_thinners["answer"][0]["valueCoding"]["code"], "asked-unknown");
}

#[test]
fn evaluate_with_fhir_still_names_every_missing_answer() {
    let mut answers = safe_answers();
    answers.as_object_mut().unwrap().remove("skin_tone");
    let dir = TempDir::new("evaluate-fhir-missing");
    let file = dir.write("answers.json", &answers.to_string());

    let run = candidacy(&["evaluate", DEFAULT, "--answers", file.to_str().unwrap(), "--fhir"]);

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("missing answers to `skin_tone`"), "{run}");
}

// ---------------------------------------------------------------------------------------------
// export-fhir

#[test]
fn export_fhir_prints_the_default_protocol_as_a_questionnaire() {
    let run = candidacy(&["export-fhir", DEFAULT]);

    run.assert_code(OK);
    assert!(run.stdout.starts_with("{\n  \"resourceType\": \"Questionnaire\",\n"), "{run}");
    let questionnaire = run.json();
    assert_eq!(questionnaire["url"], "urn:candidacy:protocol:microneedling");
    assert_eq!(questionnaire["language"], "en");
    let fingerprint = candidacy(&["fingerprint", DEFAULT]).stdout.trim().to_owned();
    assert_eq!(questionnaire["identifier"][0]["value"], fingerprint);
    let link_ids: Vec<&str> =
        questionnaire["item"].as_array().unwrap().iter().map(|item| item["linkId"].as_str().unwrap()).collect();
    assert_eq!(link_ids, question_ids());
}

#[test]
fn export_fhir_reads_standard_input_and_refuses_a_protocol_that_does_not_load() {
    let run = candidacy_with_stdin(&["export-fhir", "-", "--locale", "es"], &misspelt_bleeding_disorder());

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("error[C048]: unknown question `bleding_disorder`"), "{run}");
    assert!(run.stdout.contains("<stdin>: 1 error; `candidacy check` lists them with their places"), "{run}");
}

// ---------------------------------------------------------------------------------------------
// table

#[test]
fn table_lists_every_rule_of_the_default_protocol() {
    let run = candidacy(&["table", DEFAULT]);

    run.assert_code(OK);
    assert!(run.stdout.starts_with("# Decision table: Microneedling (`microneedling` v1.2.0)"), "{run}");
    let rules = section(&run.stdout, "## Rules");
    for (i, id) in rule_ids().iter().enumerate() {
        let row = format!("| {} | `{id}` |", i + 1);
        assert!(rules.contains(&row), "no row `{row}`\n{rules}");
    }
    assert!(!rules.contains("ends the quiz"), "no rule of the default protocol ends early: {rules}");
    assert!(rules.contains("| `skin_cancer` | skin_cancer is yes | not_candidate |"), "{rules}");
}

#[test]
fn table_lists_each_screening_profile_with_its_sources_and_the_questions_that_screen_it() {
    let run = candidacy(&["table", DEFAULT]);

    run.assert_code(OK);
    let profile = section(
        &run.stdout,
        "## Screening profile: Microneedling (collagen induction therapy) (`microneedling` v1.0.0)",
    );
    assert!(
        profile.contains("| `pregnancy` | pregnant or breastfeeding | postpone | `pregnant_or_breastfeeding` |"),
        "{profile}"
    );
    assert!(profile.contains("| `skin_cancer` |"), "{profile}");
    assert!(profile.contains("SkinPen"), "the citations are spelled out: {profile}");
    let sign_off = section(&run.stdout, "## Sign-off");
    assert!(sign_off.contains("held to the screening profile `microneedling` v1.0.0"), "{sign_off}");
}

#[test]
fn table_lists_every_question_and_plan_part() {
    let run = candidacy(&["table", DEFAULT]);

    let questions = section(&run.stdout, "## Questions");
    for id in question_ids() {
        assert!(questions.contains(&format!("| `{id}` |")), "no question `{id}`\n{questions}");
    }
    let plans = section(&run.stdout, "## Treatment plans");
    for part in default_protocol_json()["plans"].as_array().unwrap() {
        let (min, max) = (&part["sessions"]["min"], &part["sessions"]["max"]);
        let row_start = format!("| `{}` ", part["id"].as_str().unwrap());
        let row = (plans.lines())
            .find(|line| line.starts_with(&row_start))
            .unwrap_or_else(|| panic!("no plan part {row_start}\n{plans}"));
        assert!(row.contains(&format!("| {min}–{max} | 4–6 |")), "{row}");
    }
}

#[test]
fn table_as_csv_has_a_header_and_one_row_per_rule_and_plan_part() {
    let run = candidacy(&["table", DEFAULT, "--format", "csv"]);

    run.assert_code(OK);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "kind,id,when,effect,ends_quiz,reason,come_back,instead,sessions,interval_weeks,sources");
    let protocol = default_protocol_json();
    let plans = protocol["plans"].as_array().unwrap();
    let expected: Vec<String> = (rule_ids().iter().map(|id| format!("rule,{id},")))
        .chain(plans.iter().map(|part| format!("plan,{},", part["id"].as_str().unwrap())))
        .collect();
    assert_eq!(lines.len(), 1 + expected.len(), "{run}");
    for (line, start) in lines[1..].iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "expected a row starting `{start}`: {line}");
    }
}

#[test]
fn table_as_csv_gives_effects_and_plan_numbers() {
    let run = candidacy(&["table", DEFAULT, "--format", "csv"]);

    let row = |start: &str| {
        run.stdout.lines().find(|line| line.starts_with(start)).unwrap_or_else(|| panic!("no `{start}` row\n{run}"))
    };
    assert!(row("rule,pregnant_or_breastfeeding,").contains(",postpone,false,"));
    assert!(row("rule,bleeding_disorder,").contains(",not_candidate,false,"));
    assert!(row("plan,acne_scars_pronounced,").contains(",5-6,4-6,"));
    assert!(row("plan,fine_lines,").contains(",3-4,4-6,"));
}

#[test]
fn table_refuses_a_protocol_that_does_not_load() {
    let run = candidacy_with_stdin(&["table", "-"], &misspelt_bleeding_disorder());

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("error[C048]: unknown question `bleding_disorder`"), "{run}");
    assert!(!run.stdout.contains("# Decision table"), "{run}");
}

#[test]
fn table_starts_with_id_version_and_fingerprint_and_ends_with_a_sign_off_block() {
    let run = candidacy(&["table", DEFAULT]);
    let fingerprint = candidacy(&["fingerprint", DEFAULT]).stdout.trim().to_owned();

    run.assert_code(OK);
    let head: Vec<&str> = run.stdout.lines().skip(2).take(3).collect();
    assert_eq!(head, ["- Protocol: `microneedling`", "- Version: 1.2.0", &format!("- Fingerprint: `{fingerprint}`")]);
    let sign_off = section(&run.stdout, "## Sign-off");
    assert!(sign_off.contains(&format!("`microneedling` v1.2.0 with fingerprint `{fingerprint}`")), "{sign_off}");
    for field in ["Reviewed by", "Role", "Date"] {
        assert!(sign_off.contains(&format!("| {field} | |")), "{sign_off}");
    }
}

#[test]
fn table_lists_the_parameters_with_their_periods_and_the_texts_citing_them() {
    let run = candidacy(&["table", DEFAULT]);

    let parameters = section(&run.stdout, "## Parameters");
    let row = (parameters.lines())
        .find(|line| line.starts_with("| `isotretinoin_washout` |"))
        .unwrap_or_else(|| panic!("no isotretinoin_washout row\n{parameters}"));
    assert!(
        row.starts_with("| `isotretinoin_washout` | 6 months | wait after the last dose of isotretinoin |"),
        "{row}"
    );
    assert!(row.contains("question `isotretinoin`, rule `isotretinoin_current`, rule `isotretinoin_recent`"), "{row}");
    let rules = section(&run.stdout, "## Rules");
    assert!(rules.contains("Come back: 6 months after your last isotretinoin dose"), "texts are finished: {rules}");
}

#[test]
fn table_as_html_is_one_page_with_every_protocol_string_escaped() {
    let mut protocol = default_protocol_json();
    protocol["version"] = "1.0.0 <b>&".into();
    rule_mut(&mut protocol, "blood_thinners")["reason"] = "Thinners <script>alert(1)</script> & \"more\"".into();
    let run = candidacy_with_stdin(&["table", "-", "--html"], &protocol.to_string());

    run.assert_code(OK);
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"), "{run}");
    assert!(page.trim_end().ends_with("</html>"), "{run}");
    assert!(!page.contains("<script") && !page.contains("<b>"), "{run}");
    assert!(page.contains("Thinners &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"), "{run}");
    assert!(page.contains("<dt>Version</dt><dd>1.0.0 &lt;b&gt;&amp;</dd>"), "{run}");
    assert!(page.contains("<th scope=\"row\">Reviewed by</th><td></td>"), "{run}");
    // Sources cite their URLs as text; nothing is fetched or linked.
    assert!(
        !page.contains("src=") && !page.contains("href=") && !page.contains("@import"),
        "self-contained: nothing to fetch"
    );
}

// ---------------------------------------------------------------------------------------------
// diff

#[test]
fn diff_of_a_wording_only_edit_exits_zero() {
    let dir = TempDir::new("diff-wording");
    let mut protocol = default_protocol_json();
    rule_mut(&mut protocol, "blood_thinners")["reason"] = json!("Other words.");
    let new = dir.write("new.json", &protocol.to_string());

    let run = candidacy(&["diff", DEFAULT, new.to_str().unwrap()]);

    run.assert_code(OK);
    assert!(run.stdout.contains("logic: unchanged (wording only)"), "{run}");
    assert!(run.stdout.contains("change: 0 of 268,482,398,877,000 paths"), "{run}");
}

#[test]
fn diff_names_the_visitors_whose_outcome_changes_in_words_and_in_json() {
    let dir = TempDir::new("diff-effect");
    let mut protocol = default_protocol_json();
    let rule = rule_mut(&mut protocol, "blood_thinners");
    (rule["effect"], rule["come_back"]) = (json!("postpone"), json!("once a clinician has checked"));
    let new = dir.write("new.json", &protocol.to_string());

    let run = candidacy(&["diff", DEFAULT, new.to_str().unwrap()]);

    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("  rules changed: `blood_thinners` (effect consult → postpone)"), "{run}");
    let first = run.stdout.lines().position(|l| l.starts_with("  1. ")).unwrap_or_else(|| panic!("{run}"));
    let lines: Vec<&str> = run.stdout.lines().skip(first).take(4).collect();
    assert!(lines[0].starts_with("  1. consult → postpone (rule `blood_thinners` changed), on "), "{run}");
    assert_eq!(lines[1], "     e.g. visitors with blood_thinners=yes and no other finding");
    assert!(lines[2].contains("blood_thinners=yes") && lines[2].ends_with("-> outcome `consult`"), "{run}");
    assert_eq!(lines[3], "       new: the same answers -> outcome `postpone`");

    let run = candidacy(&["diff", DEFAULT, new.to_str().unwrap(), "--json"]);
    run.assert_code(PROBLEMS);
    let report = run.json();
    assert_eq!(report["logic_changed"], true);
    assert_eq!(report["classes"].as_array().unwrap().len(), 3);
    let class = &report["classes"][0];
    assert_eq!(
        class["in_words"],
        "visitors with blood_thinners=yes and no other finding: consult → postpone (rule `blood_thinners` changed)"
    );
    assert_eq!(class["rules_changed"], json!(["blood_thinners"]));
    assert_eq!(class["example"]["new_answers"]["blood_thinners"], true);
    assert!(class["paths"].as_str().unwrap().parse::<u128>().unwrap() > 0);
}

#[test]
fn diff_reads_one_protocol_from_standard_input_but_not_both() {
    let run = candidacy_with_stdin(&["diff", DEFAULT, "-"], candidacy::DEFAULT_PROTOCOL);
    run.assert_code(OK);
    assert!(run.stdout.contains("-> <stdin> (`microneedling` v1.2.0"), "{run}");

    let run = candidacy_with_stdin(&["diff", "-", "-"], candidacy::DEFAULT_PROTOCOL);
    run.assert_code(USAGE);
    assert!(run.stderr.contains("only one of the two protocols can come from standard input"), "{run}");
}

// ---------------------------------------------------------------------------------------------
// fingerprint

#[test]
fn fingerprint_prints_twelve_hex_digits_alone_and_ignores_formatting_and_key_order() {
    let run = candidacy(&["fingerprint", DEFAULT]);
    run.assert_code(OK);
    let fingerprint = run.stdout.clone();
    assert_eq!(fingerprint.trim().len(), 12, "{run}");
    assert!(fingerprint.trim().chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{run}");
    assert_eq!(fingerprint.lines().count(), 1, "{run}");

    // Compact, with keys in another order (serde_json sorts them): the same fingerprint.
    let compact = default_protocol_json().to_string();
    assert_eq!(candidacy_with_stdin(&["fingerprint", "-"], &compact).stdout, fingerprint);
}

#[test]
fn fingerprint_changes_with_any_edit_of_logic_or_text() {
    let fingerprint = candidacy(&["fingerprint", DEFAULT]).stdout;
    let edits: [fn(&mut Value); 3] = [
        |p| {
            let rule = rule_mut(p, "blood_thinners");
            (rule["effect"], rule["come_back"]) = ("postpone".into(), "later".into());
        },
        |p| rule_mut(p, "blood_thinners")["reason"] = "Another wording.".into(),
        |p| p["version"] = "1.0.1".into(),
    ];
    for edit in edits {
        let mut protocol = default_protocol_json();
        edit(&mut protocol);
        let run = candidacy_with_stdin(&["fingerprint", "-"], &protocol.to_string());
        run.assert_code(OK);
        assert_ne!(run.stdout, fingerprint);
    }
}

// ---------------------------------------------------------------------------------------------
// schema and help

#[test]
fn schema_prints_the_json_schema_of_the_protocol_format() {
    let run = candidacy(&["schema"]);

    run.assert_code(OK);
    let schema = run.json();
    assert!(schema.is_object(), "{schema}");
    assert_eq!(schema["title"], "Protocol");
    let properties = schema["properties"].as_object().expect("the schema lists the top-level fields");
    for field in ["format", "id", "version", "questions", "rules", "plans"] {
        assert!(properties.contains_key(field), "no `{field}` in the schema");
    }
}

#[test]
fn every_subcommand_has_help() {
    let subcommands = [
        ("check", "Validate a protocol file"),
        ("verify", "Prove the protocol safe on every answer path"),
        ("evaluate", "Print the recommendation for one visitor's answers"),
        ("table", "Print the decision table"),
        ("fingerprint", "Print the protocol's fingerprint"),
        ("diff", "Compare two versions of a protocol"),
        ("export-fhir", "Print the protocol as a FHIR R4 Questionnaire"),
        ("schema", "Print the JSON Schema of the protocol format"),
        ("preview", "Serve the widget running a protocol on 127.0.0.1"),
    ];
    for (subcommand, about) in subcommands {
        let run = candidacy(&[subcommand, "--help"]);

        run.assert_code(OK);
        assert!(run.stdout.contains(about), "{subcommand}: {run}");
        assert!(run.stdout.contains(&format!("Usage: candidacy {subcommand}")), "{subcommand}: {run}");
    }
}

#[test]
fn help_lists_every_subcommand() {
    let run = candidacy(&["--help"]);

    run.assert_code(OK);
    for subcommand in
        ["check", "verify", "evaluate", "table", "fingerprint", "diff", "export-fhir", "schema", "preview"]
    {
        assert!(run.stdout.contains(&format!("  {subcommand} ")), "{subcommand}: {run}");
    }
}

#[test]
fn an_unknown_subcommand_is_a_usage_error() {
    let run = candidacy(&["prove", DEFAULT]);

    run.assert_code(USAGE);
    assert!(run.stderr.contains("unrecognized subcommand 'prove'"), "{run}");
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The property sentences `verify` prints.
const PROPERTIES: [&str; 8] = [
    "always: every path ends in exactly one outcome",
    "always: a not_candidate, postpone or consult rule never yields candidate",
    "always: a screening finding never yields candidate",
    "always: an unsure screening answer never yields candidate",
    "always: a riskier screening answer (no < unsure < yes) never yields a weaker outcome",
    "always: every candidate gets a treatment plan",
    "reachable: every rule fires on some path",
    "reachable: every question is asked on some path",
];

/// `evaluate` on the default protocol with `answers` from a file.
fn evaluate(answers: &Value) -> Run {
    let dir = TempDir::new("evaluate");
    let file = dir.write("answers.json", &serde_json::to_string_pretty(answers).unwrap());
    candidacy(&["evaluate", DEFAULT, "--answers", file.to_str().unwrap()])
}

/// A visitor for whom no rule fires: fine lines on the neck, 35, every screening answer harmless.
fn safe_answers() -> Value {
    serde_json::from_str(include_str!("protocols/safe-answers.json")).expect("the fixture is JSON")
}

/// The safe answers with `patch`'s answers in place of their own.
fn with(patch: Value) -> Value {
    let mut answers = safe_answers();
    for (id, answer) in patch.as_object().unwrap() {
        answers[id] = answer.clone();
    }
    answers
}

fn default_protocol_json() -> Value {
    serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap()
}

fn rule_mut<'a>(protocol: &'a mut Value, id: &str) -> &'a mut Value {
    (protocol["rules"].as_array_mut().unwrap().iter_mut())
        .find(|rule| rule["id"] == id)
        .unwrap_or_else(|| panic!("no rule `{id}`"))
}

fn rule_ids() -> Vec<String> {
    let protocol = default_protocol_json();
    protocol["rules"].as_array().unwrap().iter().map(|rule| rule["id"].as_str().unwrap().to_owned()).collect()
}

fn question_ids() -> Vec<String> {
    let protocol = default_protocol_json();
    (protocol["questions"].as_array().unwrap().iter()).map(|q| q["id"].as_str().unwrap().to_owned()).collect()
}

fn rule_index(id: &str) -> usize {
    rule_ids().iter().position(|rule| rule == id).unwrap()
}

/// The default protocol's text with the `bleeding_disorder` rule testing `bleding_disorder`; every
/// other line and column stays where it was.
fn misspelt_bleeding_disorder() -> String {
    let original = r#""when": {"yes": "bleeding_disorder"}"#;
    assert_eq!(candidacy::DEFAULT_PROTOCOL.matches(original).count(), 1);
    candidacy::DEFAULT_PROTOCOL.replace(original, r#""when": {"yes": "bleding_disorder"}"#)
}

/// The 1-based line and column where `needle` first starts in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("`{needle}` is not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The lines of `text` from the heading `heading` up to the next `## ` heading.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(&format!("{heading}\n")).unwrap_or_else(|| panic!("no `{heading}`\n{text}"));
    let rest = &text[start + heading.len()..];
    let end = rest.find("\n## ").map_or(rest.len(), |end| end + 1);
    &rest[..end]
}

/// The number on `verify`'s line for `outcome`, e.g. `    consult   3,491,921,487,096    1.95%`.
fn outcome_count(stdout: &str, outcome: &str) -> Option<u128> {
    let line = stdout.lines().find(|line| line.split_whitespace().next() == Some(outcome))?;
    let count = line.split_whitespace().nth(1)?;
    assert!(line.trim_end().ends_with('%'), "{line}");
    count.replace(',', "").parse().ok()
}

#[test]
fn table_of_a_chooser_lists_its_treatments_and_says_which_each_rule_is_for() {
    let run = candidacy(&["table", "tests/protocols/chooser-mini.json"]);

    run.assert_code(OK);
    assert!(run.stdout.contains("| `needling` | Microneedling |\n| `laser` | Laser resurfacing |"), "{run}");
    assert!(run.stdout.contains("| skin_tone is deep | consult for `laser` |"), "{run}");
    assert!(run.stdout.contains("| yes for `laser`: findings `deep` |"), "{run}");
    assert!(run.stdout.contains("| postpone, ends the quiz |"), "a rule for every treatment names none: {run}");
}

#[test]
fn diff_of_a_chooser_compares_each_treatment_and_names_the_one_that_changed() {
    let dir = TempDir::new("diff-chooser");
    let mut edited: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/protocols/chooser-mini.json").unwrap()).unwrap();
    edited["rules"][0]["effect"] = json!("not_candidate");
    edited["rules"][0]["instead"] = json!("Ask about microneedling.");
    let new = dir.write("edited.json", &edited.to_string());

    let run = candidacy(&["diff", "tests/protocols/chooser-mini.json", new.to_str().unwrap()]);

    run.assert_code(PROBLEMS);
    let [needling, laser] = run.stdout.split("diff: ").skip(1).collect::<Vec<_>>()[..] else {
        panic!("one comparison per treatment: {run}");
    };
    assert!(needling.contains("treatment `needling`") && needling.contains("logic: unchanged"), "{run}");
    assert!(laser.contains("treatment `laser`") && laser.contains("consult → not_candidate"), "{run}");
    let json = candidacy(&["diff", "tests/protocols/chooser-mini.json", new.to_str().unwrap(), "--json"]);
    json.assert_code(USAGE);
}
