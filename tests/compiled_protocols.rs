//! Compiled protocols: `candidacy build` writes them only for a protocol that passes check and
//! verify, every shipped protocol is compiled and current in `static/protocols/`, and the file
//! carries the fingerprint the sign-off sheet shows.

mod common;

use candidacy::build::{compile, texts_file_name};
use candidacy::compiled::{decode, decode_texts, CompiledError, PROOF_VERSION};
use common::cli::{candidacy, TempDir};
use common::variants::worked_example_with;
use serde_json::json;

const PROBLEMS: i32 = 1;
const USAGE: i32 = 2;

fn protocols_dir() -> String {
    format!("{}/static/protocols", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_shipped_protocol_is_compiled_and_current() {
    for json in common::shipped_protocols() {
        let stem = json.strip_suffix(".json").unwrap();
        let text = std::fs::read_to_string(format!("{}/{json}", protocols_dir())).unwrap();
        let built = compile(&candidacy::protocol::load(&json, &text).unwrap().protocol);
        let stale = |file: &str| format!("static/protocols/{file} is stale: run scripts/build-protocols.sh");
        let protocol_file = format!("{stem}.protocol.bin");
        let committed = std::fs::read(format!("{}/{protocol_file}", protocols_dir()))
            .unwrap_or_else(|_| panic!("{json} is not compiled: run scripts/build-protocols.sh"));
        assert!(committed == built.protocol, "{}", stale(&protocol_file));
        assert!(!built.texts.is_empty(), "{json}: its Spanish texts are a file of their own");
        for (locale, bytes) in &built.texts {
            let texts_file = texts_file_name(&protocol_file, locale);
            let committed = std::fs::read(format!("{}/{texts_file}", protocols_dir())).unwrap_or_default();
            assert!(&committed == bytes, "{}", stale(&texts_file));
        }
    }
}

#[test]
fn the_compiled_fingerprint_is_the_one_the_sign_off_sheet_shows() {
    for json in common::shipped_protocols() {
        let compiled =
            std::fs::read(format!("{}/{}", protocols_dir(), json.replace(".json", ".protocol.bin"))).unwrap();
        let compiled = decode(&compiled).unwrap();
        assert_eq!(compiled.proof, PROOF_VERSION);
        let table = candidacy(&["table", &format!("static/protocols/{json}")]);
        table.assert_code(0);
        let sign_off = format!("with fingerprint `{}`", compiled.protocol.fingerprint);
        assert!(table.stdout.contains(&sign_off), "{json}: the sheet does not say {sign_off}\n{table}");
    }
}

#[test]
fn build_writes_the_protocol_and_its_languages() {
    let dir = TempDir::new("build");
    let out = dir.path.join("peel.protocol.bin");
    let run = candidacy(&["build", "static/protocols/chemical-peel.json", "-o", out.to_str().unwrap()]);
    run.assert_code(0);
    assert!(run.stdout.contains("ok: static/protocols/chemical-peel.json"), "check's report first\n{run}");
    assert!(run.stdout.contains("verified: static/protocols/chemical-peel.json"), "then verify's\n{run}");
    let protocol = decode(&std::fs::read(&out).unwrap()).unwrap().protocol;
    assert_eq!(protocol.protocol.id, "chemical_peel");
    let spanish = decode_texts(&std::fs::read(dir.path.join("peel.es.texts.bin")).unwrap()).unwrap();
    assert_eq!((spanish.locale.as_str(), &spanish.fingerprint), ("es", &protocol.fingerprint));
    run.assert_stdout_has(&[format!("built: protocol `chemical_peel` v1.1.0, fingerprint {}", protocol.fingerprint)]);
}

#[test]
fn build_writes_nothing_for_an_invalid_protocol_and_prints_what_check_prints() {
    let dir = TempDir::new("build-invalid");
    let out = dir.path.join("x.protocol.bin");
    let sources = TempDir::new("build-invalid-source");
    let duplicate_rule_id = json!([{"op": "replace", "path": "/rules/5/id", "value": "bleeding_disorder"}]);
    let invalid = sources.write("duplicate-rule-id.json", &worked_example_with(duplicate_rule_id));
    let invalid = invalid.to_str().unwrap();
    let check = candidacy(&["check", invalid]);
    let run = candidacy(&["build", invalid, "-o", out.to_str().unwrap()]);
    run.assert_code(PROBLEMS);
    assert!(run.stdout.starts_with(&check.stdout), "the same located diagnostics as check\n{run}\n{check}");
    run.assert_stdout_has(&[format!("build: nothing written: {invalid} does not pass `candidacy check`")]);
    assert!(std::fs::read_dir(&dir.path).unwrap().next().is_none(), "nothing is written");
}

#[test]
fn build_writes_nothing_for_an_unproven_protocol() {
    let dir = TempDir::new("build-unproven");
    let mut json: serde_json::Value = serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap();
    let rules = json["rules"].as_array_mut().unwrap();
    rules.iter_mut().find(|rule| rule["id"] == "blood_thinners").unwrap()["effect"] = "note".into();
    let file = dir.write("unsafe.json", &json.to_string());
    let out = dir.path.join("unsafe.protocol.bin");
    let verify = candidacy(&["verify", file.to_str().unwrap()]);
    let run = candidacy(&["build", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    run.assert_code(PROBLEMS);
    assert!(run.stdout.contains("FAIL always: a screening finding never yields candidate"), "{run}");
    let path = |out: &str| out.lines().find(|line| line.trim().starts_with("path:")).map(str::to_owned);
    assert_eq!(path(&run.stdout), path(&verify.stdout), "verify's counterexample");
    run.assert_stdout_has(&[format!("build: nothing written: {} does not pass `candidacy verify`", file.display())]);
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn build_refuses_an_output_not_named_as_a_compiled_protocol() {
    let run = candidacy(&["build", "static/protocols/chemical-peel.json", "-o", "/tmp/peel.json"]);
    run.assert_code(USAGE);
    assert!(run.stderr.contains("must be named `<name>.protocol.bin`"), "{run}");
}

#[test]
fn a_truncated_or_foreign_compiled_file_is_refused_by_name() {
    let bytes = std::fs::read(format!("{}/chemical-peel.protocol.bin", protocols_dir())).unwrap();
    let half = bytes.len() / 2;
    assert_eq!(decode(&bytes[..half]).unwrap_err(), CompiledError::Truncated { len: half });
    assert_eq!(decode(&[&bytes[..], b"x"].concat()).unwrap_err(), CompiledError::Damaged, "a byte too many");
    assert_eq!(decode(&bytes[..9]).unwrap_err(), CompiledError::Truncated { len: 9 });
    let texts = std::fs::read(format!("{}/chemical-peel.es.texts.bin", protocols_dir())).unwrap();
    assert_eq!(decode(&texts).unwrap_err(), CompiledError::Foreign);
    assert!(CompiledError::Truncated { len: 9 }.to_string().contains("truncated (9 bytes)"));
    assert!(CompiledError::Json.to_string().contains("run `candidacy build`"));
}
