//! Diagnostics as data: `check`, `verify` and `build` print the same findings as one JSON document
//! or as SARIF 2.1.0 (validated here against the official schema in `tests/sarif/`), every code is
//! explained in `docs/diagnostics.md`, and a bad `--format` is refused.

mod common;

use candidacy::cli::format::sarif_document;
use candidacy::protocol::{Diagnostic, Diagnostics, Kind};
use common::cli::{candidacy, Run, TempDir};
use common::variants::worked_example_with;
use serde_json::{json, Value};

/// The SARIF 2.1.0 schema (OASIS, `sarif-2.1/schema/sarif-schema-2.1.0.json` of oasis-tcs/sarif-spec).
fn assert_valid_sarif(log: &Value) {
    let schema: Value = serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json")).unwrap();
    let url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(url, &mut schemas).unwrap_or_else(|error| panic!("{error:#}"));
    if let Err(error) = schemas.validate(log, index) {
        panic!("not valid SARIF 2.1.0: {error:#}\n{}", serde_json::to_string_pretty(log).unwrap());
    }
}

fn broken_protocol(dir: &TempDir) -> String {
    let text = worked_example_with(json!([
        {"op": "replace", "path": "/rules/4/when/yes", "value": "bleding_disorder"},
        {"op": "remove", "path": "/rules/0/source"},
    ]));
    dir.write("broken.json", &text).display().to_string()
}

/// The default protocol with blood thinners giving only a note: it checks, and fails verify.
fn unsafe_protocol(dir: &TempDir) -> String {
    let mut json: Value = serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap();
    let rules = json["rules"].as_array_mut().unwrap();
    rules.iter_mut().find(|rule| rule["id"] == "blood_thinners").unwrap()["effect"] = json!("note");
    dir.write("unsafe.json", &json.to_string()).display().to_string()
}

fn entries(run: &Run) -> Vec<Value> {
    run.json()["diagnostics"].as_array().unwrap_or_else(|| panic!("a list of diagnostics\n{run}")).clone()
}

#[test]
fn check_as_json_gives_each_diagnostic_with_its_code_kind_and_place() {
    let dir = TempDir::new("diagnostics-json");
    let file = broken_protocol(&dir);
    let run = candidacy(&["check", &file, "--format", "json"]);
    run.assert_code(1);
    let document = run.json();
    assert_eq!((document["version"].as_u64(), document["command"].as_str()), (Some(1), Some("check")));
    assert_eq!((document["errors"].as_u64(), document["warnings"].as_u64()), (Some(1), Some(1)));
    let found: Vec<(&str, &str, &str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("C048", "unknown-question", "error", "/rules/4/when/yes"), ("C043", "missing-source", "warning", "/rules/0")]
    );
    let text = std::fs::read_to_string(&file).unwrap();
    for entry in entries(&run) {
        for field in ["file", "code", "kind", "severity", "message", "help", "pointer", "line", "column", "related"] {
            assert!(entry.get(field).is_some(), "`{field}` in {entry}");
        }
        let place = candidacy::protocol::locate(&text, entry["pointer"].as_str().unwrap()).unwrap();
        assert_eq!((entry["line"].as_u64(), entry["column"].as_u64()), (Some(place.0 as u64), Some(place.1 as u64)));
        assert_eq!(entry["file"], json!(file));
    }
    assert_eq!(entries(&run)[0]["help"], json!("did you mean `bleeding_disorder`?"));
}

#[test]
fn check_verify_and_build_as_sarif_are_valid_sarif() {
    let dir = TempDir::new("diagnostics-sarif");
    let (broken, unsafe_) = (broken_protocol(&dir), unsafe_protocol(&dir));
    let out = dir.path.join("x.protocol.bin");
    for args in [
        vec!["check", broken.as_str()],
        vec!["verify", unsafe_.as_str()],
        vec!["build", unsafe_.as_str(), "-o", out.to_str().unwrap()],
        vec!["check", "static/protocols/microneedling.json"],
    ] {
        let run = candidacy(&[&args[..], &["--format", "sarif"]].concat());
        let log = run.json();
        assert_valid_sarif(&log);
        let results = log["runs"][0]["results"].as_array().unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        for result in results {
            let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
            assert_eq!(rule["id"], result["ruleId"], "each result names its rule");
        }
        if args[1].ends_with("microneedling.json") {
            run.assert_code(0);
            assert!(results.is_empty(), "the default protocol has nothing to report");
        } else {
            run.assert_code(1);
            assert!(!results.is_empty(), "{run}");
        }
    }
    assert!(!out.exists(), "an unproven protocol is not built");
}

#[test]
fn verify_as_json_names_each_failed_property_at_its_place() {
    let dir = TempDir::new("diagnostics-verify");
    let file = unsafe_protocol(&dir);
    let run = candidacy(&["verify", &file, "--format", "json"]);
    run.assert_code(1);
    let codes: Vec<(String, String)> = entries(&run)
        .iter()
        .map(|d| (d["code"].as_str().unwrap().into(), d["pointer"].as_str().unwrap().into()))
        .collect();
    let protocol = candidacy::protocol::load("unsafe.json", &std::fs::read_to_string(&file).unwrap()).unwrap().protocol;
    let blood_thinners = format!("/questions/{}", protocol.question_idx("blood_thinners").unwrap());
    assert!(codes.contains(&("V003".to_owned(), blood_thinners.clone())), "a finding yields candidate: {codes:?}");
    assert!(codes.iter().all(|(code, _)| code.starts_with('V')), "{codes:?}");
    let finding = entries(&run).into_iter().find(|d| d["code"] == "V003").unwrap();
    assert!(finding["help"].as_str().unwrap().contains("blood_thinners=yes"), "the counterexample: {finding}");
}

#[test]
fn build_as_json_reports_checks_diagnostics_and_writes_nothing() {
    let dir = TempDir::new("diagnostics-build");
    let file = broken_protocol(&dir);
    let out = dir.path.join("broken.protocol.bin");
    let run = candidacy(&["build", &file, "-o", out.to_str().unwrap(), "--format", "json"]);
    run.assert_code(1);
    assert_eq!(run.json()["command"], "build");
    assert_eq!(entries(&run)[0]["code"], "C048");
    assert!(!out.exists());
}

#[test]
fn an_unknown_format_exits_2_naming_the_accepted_values() {
    let run = candidacy(&["check", "static/protocols/microneedling.json", "--format", "xml"]);
    run.assert_code(2);
    assert!(run.stderr.contains("[possible values: human, json, sarif]"), "{run}");
}

#[test]
fn a_diagnostic_without_a_place_still_names_its_file_in_every_form() {
    let unplaced = Diagnostics {
        source_name: "clinic.json".to_owned(),
        items: vec![Diagnostic::new(Kind::UnknownQuestion, "/rules/99/when/yes", "unknown question `x`")],
    };
    assert!(unplaced.to_string().contains("clinic.json: /rules/99/when/yes (no position in the file)"));
    let log = sarif_document(std::slice::from_ref(&unplaced));
    assert_valid_sarif(&log);
    let location = &log["runs"][0]["results"][0]["locations"][0];
    assert_eq!(location["physicalLocation"]["artifactLocation"]["uri"], "clinic.json");
    assert!(location["physicalLocation"].get("region").is_none(), "no invented position");
    let document = candidacy::cli::format::json_document("check", &[unplaced]);
    assert_eq!(
        (document["diagnostics"][0]["line"].clone(), document["diagnostics"][0]["file"].clone()),
        (Value::Null, json!("clinic.json"))
    );
}

/// Every code is explained in `docs/diagnostics.md`, with an example and its fix.
#[test]
fn every_code_is_documented() {
    let docs = std::fs::read_to_string(format!("{}/docs/diagnostics.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut undocumented = Vec::new();
    for kind in Kind::ALL {
        let heading = format!("### {} {}\n", kind.code(), kind.name());
        let Some(start) = docs.find(&heading) else {
            undocumented.push(heading.trim().to_owned());
            continue;
        };
        let section = &docs[start + heading.len()..];
        let section = &section[..section.find("\n### ").unwrap_or(section.len())];
        for label in ["**Severity:**", "**Example:**", "**Fix:**"] {
            if !section.contains(label) {
                undocumented.push(format!("{} has no {label}", kind.code()));
            }
        }
    }
    assert!(undocumented.is_empty(), "docs/diagnostics.md lacks: {undocumented:#?}");
}
