//! The seed inputs of every target: the repository's protocols, answers and test fixtures, valid
//! inputs built from them (saved quizzes, exported responses), and hand-written hostile values.
//!
//! `seed.sh` writes them to `fuzz/corpus/<target>/` for libFuzzer; `tests/bounded.rs` runs them
//! and mutations of them on stable. Each seed has a file name, unique within its target.

use std::path::{Path, PathBuf};

use candidacy::answers::Answers;
use candidacy::answers_json::AnswersJson;
use candidacy::engine::{next_step, walk, Step};
use candidacy::fhir::questionnaire_response;
use candidacy::flow::{reduce, Action, Flow};
use candidacy::session::SavedFlow;

use crate::attributes::encode;
use crate::check::fitting;
use crate::protocols::{protocols, TEXTS};

/// A seed: its file name and its bytes.
pub type Seed = (String, Vec<u8>);

/// The seeds of the target named `target` (one of [`crate::TARGETS`]).
pub fn seeds(target: &str) -> Vec<Seed> {
    match target {
        "check" => check(),
        "attributes" => attributes(),
        "restore" => restore(),
        "fhir_read" => fhir_read(),
        "embed_config" => embed_config(),
        "parent_message" => parent_message(),
        "preview" => preview(),
        "compiled" => compiled(),
        other => panic!("no seeds for target `{other}`"),
    }
}

/// Strings that have broken parsers before, or would if they could: inserted whole by the stable
/// run's mutations, and as values in the hand-written seeds.
pub const HOSTILE: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "https://evil.example/\"><script>",
    "http://",
    "https:evil.example",
    "..",
    "../",
    "..%2f",
    "%2e%2e/",
    "..\\",
    "%00",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "\u{1f489}",
    "\t\n\r ",
    ";",
    "}",
    "{",
    "<",
    "\"",
    "'",
    "\\",
    "\\u0000",
    "\\ud800",
    "red; background: url(//evil.example)",
    "url(//evil.example/x.png)",
    "expression(alert(1))",
    "NaNpx",
    "infpx",
    "1e308px",
    "-0",
    "1e999",
    "-9223372036854775809",
    "9223372036854775808",
    "18446744073709551616",
    "0.5",
    "true",
    "false",
    "null",
    "unsure",
    "[]",
    "{}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}}",
    "__proto__",
    "constructor",
    "first-question",
    "welcome",
    "candidate",
    "not_candidate",
    "QuestionnaireResponse",
    "valueCoding",
    "valueInteger",
    "linkId",
    "urn:candidacy:protocol:microneedling",
    "http://terminology.hl7.org/CodeSystem/v2-0136",
    "asked-unknown",
];

/// The repository's root (the fuzz crate lives in `fuzz/`).
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ has a parent").to_owned()
}

/// The `*.json` files of a repository directory, by name.
fn json_files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repository().join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        })
        .collect();
    files.sort();
    files
}

/// As `seed.sh` has always written them: each protocol file as it is, and each valid one followed
/// by a NUL and answer bytes (step by step, some of the wrong kind) or an answers file.
fn check() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let answers = std::fs::read(repository().join("examples/answers/candidate.json")).expect("examples/answers");
    for dir in ["static/protocols", "tests/protocols"] {
        for (name, text) in json_files(dir) {
            seeds.push((format!("{name}.json"), text.clone()));
            if !text.windows(8).any(|w| w == b"\"format\"") {
                continue;
            }
            let with = |tail: &[u8]| [&text[..], &[0], tail].concat();
            seeds.push((format!("{name}.ascending"), with(&(1..=64).collect::<Vec<u8>>())));
            seeds.push((format!("{name}.wild"), with(&(128..=191).collect::<Vec<u8>>())));
            seeds.push((format!("{name}.mixed"), with(&(2..=191).step_by(3).collect::<Vec<u8>>())));
            seeds.push((format!("{name}.answers"), with(&answers)));
        }
    }
    seeds
}

fn attributes() -> Vec<Seed> {
    let set = |pairs: &[(&str, &str)]| encode(&pairs.iter().map(|&(name, value)| (name, value.to_owned())).collect());
    let mut seeds = vec![
        (
            "every-attribute".to_owned(),
            set(&[
                ("clinic-name", "Glow Clinic"),
                ("booking-url", "https://clinic.example/book"),
                ("phone", "+1 555 0100"),
                ("protocol", "protocols/peel.json"),
                ("start", "first-question"),
                ("locale", "es-MX"),
                ("primary", "#7a1f5c"),
                ("accent", "rgb(200 120 0)"),
                ("radius", "4px"),
                ("prefill", r#"{"concerns": ["acne_scars"], "age": 40}"#),
                ("share-answers", ""),
                ("analytics", "true"),
                ("lead-endpoint", "/api/lead"),
                (
                    "cta",
                    r#"{"candidate": {"label": "Book your first session", "url": "https://clinic.example/book?type=first"}, "consult": {"label": "Book a free consultation", "url": "https://clinic.example/free"}}"#,
                ),
                ("cta-attribution", ""),
                ("analytics-outcome", ""),
                ("test-mode", ""),
                ("forget-on-complete", "false"),
                ("hidden-fields", r#"{"campaign": "spring", "landing-page": "microneedling_a"}"#),
            ]),
        ),
        (
            "hostile".to_owned(),
            set(&[
                ("booking-url", "javascript:alert(1)"),
                ("phone", "<img src=x onerror=alert(1)>"),
                ("protocol", "data:application/json,{}"),
                ("start", "middle"),
                ("locale", "<script>"),
                ("primary", "red; background: url(//evil.example)"),
                ("radius", "999px"),
                ("prefill", "[1, 2]"),
                ("share-answers", "yes please"),
                ("lead-endpoint", "/\\evil.example/collect"),
                ("cta", r#"{"candidate": {"label": "Book", "url": "javascript:alert(1)"}}"#),
                ("hidden-fields", r#"{"1st": "a", "a b": 3}"#),
            ]),
        ),
        ("padded".to_owned(), set(&[("booking-url", "  https://clinic.example/book\n"), ("radius", " 0 ")])),
        ("too-long".to_owned(), set(&[("clinic-name", &"x".repeat(2049)), ("test-mode", &"y".repeat(2049))])),
        ("just-long-enough".to_owned(), set(&[("clinic-name", &format!(" {} ", "é".repeat(2048)))])),
        (
            "hidden-fields-limits".to_owned(),
            set(&[(
                "hidden-fields",
                &serde_json::to_string(
                    &(0..20)
                        .map(|i| (format!("f{i:0>39}"), "v".repeat(200)))
                        .collect::<std::collections::BTreeMap<_, _>>(),
                )
                .expect("texts"),
            )]),
        ),
        ("raw-bytes".to_owned(), b"\x01javascript:x\0\x05\xff\xfe=\0=\0\x13{\"a\":1}".to_vec()),
    ];
    // Each attribute alone, with each hostile string.
    for (i, value) in HOSTILE.iter().enumerate() {
        for attribute in candidacy::config::ATTRIBUTES {
            if !value.contains('\0') {
                seeds.push((format!("{attribute}.{i}"), set(&[(attribute, value)])));
            }
        }
    }
    seeds
}

/// Quizzes saved part-way and at the end by visitors answering each protocol, their moves as
/// bytes, and hand-spoiled saved quizzes.
fn restore() -> Vec<Seed> {
    let mut seeds = Vec::new();
    for ((name, _), protocol) in TEXTS.iter().zip(protocols()) {
        let name = name.trim_end_matches(".json");
        for (pattern, step) in [("ascending", 1u8), ("odd", 3), ("wide", 37)] {
            let mut flow = Flow::started(protocol);
            let mut byte = 0u8;
            for n in 0.. {
                let candidacy::flow::Screen::Question(question) = flow.screen else { break };
                byte = byte.wrapping_add(step);
                let value = fitting(&protocol.model.questions[question], byte);
                flow = reduce(protocol, flow, Action::Edit(candidacy::flow::Draft::from_answer(Some(value))));
                flow = reduce(protocol, flow, Action::Continue);
                if n == 2 {
                    seeds.push((format!("{name}.{pattern}.early"), flow.save(protocol).into_bytes()));
                }
            }
            seeds.push((format!("{name}.{pattern}.check"), flow.save(protocol).into_bytes()));
            let result = reduce(protocol, flow, Action::SeeResult);
            seeds.push((format!("{name}.{pattern}.result"), result.save(protocol).into_bytes()));
        }
        let spanish = reduce(protocol, Flow::new(protocol), Action::ChooseLocale("es".to_owned()));
        seeds.push((format!("{name}.welcome"), spanish.save(protocol).into_bytes()));
    }
    let default = Flow::new(&protocols()[0]).save(&protocols()[0]);
    let spoiled = [
        ("not-json", "{not json".to_owned()),
        ("null", "null".to_owned()),
        ("other-version", default.replace("microneedling@1.1.0", "microneedling@0.9.0")),
        ("other-format", default.replace("\"format\":1", "\"format\":2")),
        ("bad-answer", default.replace("\"answers\":{}", "\"answers\":{\"age\":\"<script>\"}")),
        ("number-out-of-range", default.replace("\"answers\":{}", "\"answers\":{\"age\":9223372036854775808}")),
        ("unknown-question", default.replace("\"welcome\"", "{\"question\":\"nope\"}")),
        ("unknown-screen", default.replace("\"welcome\"", "\"elsewhere\"")),
        ("unknown-field", default.replace("{\"format\"", "{\"extra\":1,\"format\"")),
        ("undeclared-locale", default.replace("}", ",\"locale\":\"xx\"}")),
        ("deep", format!("{}1{}", "[".repeat(200), "]".repeat(200))),
    ];
    seeds.extend(spoiled.into_iter().map(|(name, text)| (format!("spoiled.{name}"), text.into_bytes())));
    // Moves only (see `restore::visit`): answer every question, with Back, Change and languages.
    seeds.push(("moves.answer-all".to_owned(), vec![1; 64]));
    seeds.push(("moves.back-and-forth".to_owned(), [1, 7, 6, 2, 0, 6, 6, 9, 11, 1, 3, 8, 4, 5].repeat(8)));
    seeds.push(("moves.wild".to_owned(), (0..=255).collect()));
    seeds
}

/// Responses exported for paths through each protocol (in each of its locales), the answers
/// files exported, and hand-spoiled responses.
fn fhir_read() -> Vec<Seed> {
    let mut seeds = Vec::new();
    for ((name, _), protocol) in TEXTS.iter().zip(protocols()) {
        let name = name.trim_end_matches(".json");
        for (pattern, step) in [("ascending", 1u8), ("odd", 3), ("wide", 37)] {
            for locale in &protocol.protocol.locales {
                let mut answers = Answers::new(protocol.questions().len());
                let mut byte = 0u8;
                let recommendation = loop {
                    match next_step(protocol, &answers) {
                        Step::Ask { question, .. } => {
                            byte = byte.wrapping_add(step);
                            answers.set(question, Some(fitting(&protocol.model.questions[question], byte)));
                        }
                        Step::Recommend(recommendation) => break recommendation,
                    }
                };
                let walk = walk(protocol, &answers);
                let response = questionnaire_response(protocol, &walk, &recommendation, locale, None);
                let text = serde_json::to_vec_pretty(&response).expect("a response serializes");
                seeds.push((format!("{name}.{pattern}.{locale}"), text));
            }
        }
    }
    let default = &protocols()[0];
    for (name, text) in json_files("examples/answers") {
        let json: serde_json::Value = serde_json::from_slice(&text).expect("an answers file");
        let answers = Answers::from_json(default, &json).expect("answers to the default protocol");
        let walk = walk(default, &answers);
        if let Step::Recommend(recommendation) = next_step(default, &answers) {
            let response = questionnaire_response(default, &walk, &recommendation, "en", Some("2026-11-26"));
            seeds.push((format!("examples.{name}"), serde_json::to_vec(&response).expect("a response serializes")));
        }
    }
    let base = String::from_utf8(seeds[0].1.clone()).expect("JSON is text");
    let spoiled = [
        ("not-a-response", base.replacen("QuestionnaireResponse", "Questionnaire", 1)),
        ("other-questionnaire", base.replacen("urn:candidacy:protocol:microneedling", "urn:candidacy:protocol:x", 1)),
        ("questionnaire-not-text", base.replacen("\"questionnaire\": \"", "\"questionnaire\": [\"", 1)),
        ("unknown-link-id", base.replacen("\"linkId\": \"", "\"linkId\": \"x", 1)),
        ("link-id-not-text", base.replacen("\"linkId\": \"", "\"linkId\": 1, \"x\": \"", 1)),
        ("unknown-code", base.replacen("\"code\": \"", "\"code\": \"x", 1)),
        ("integer-as-float", base.replacen("\"valueInteger\": ", "\"valueInteger\": 0.5, \"x\": ", 1)),
        ("integer-huge", base.replacen("\"valueInteger\": ", "\"valueInteger\": 99999999999, \"x\": ", 1)),
        ("no-items", r#"{"resourceType": "QuestionnaireResponse"}"#.to_owned()),
        ("items-not-a-list", r#"{"resourceType": "QuestionnaireResponse", "item": {"linkId": "age"}}"#.to_owned()),
        (
            "answered-twice",
            r#"{"resourceType": "QuestionnaireResponse", "item": [{"linkId": "age", "answer": [{"valueInteger": 30}]}, {"linkId": "age", "answer": [{"valueInteger": 31}]}]}"#.to_owned(),
        ),
        (
            "two-answers",
            r#"{"resourceType": "QuestionnaireResponse", "item": [{"linkId": "age", "answer": [{"valueInteger": 30}, {"valueInteger": 31}]}]}"#.to_owned(),
        ),
        ("not-an-object", "[\"QuestionnaireResponse\"]".to_owned()),
    ];
    seeds.extend(spoiled.into_iter().map(|(name, text)| (format!("spoiled.{name}"), text.into_bytes())));
    seeds
}

/// An `embed-config.json` that sets a little of everything, as `src/config/embed.rs` tests it.
const EMBED_FILE: &str = r#"{
    "attributes": {"booking-url": "https://clinic.example/book", "phone": "+1 555 0100",
                   "lead-endpoint": "https://clinic.example/api/lead", "analytics": true, "test-mode": false,
                   "cta": {"consult": {"label": "Talk to us", "url": "https://clinic.example/talk"}},
                   "hidden-fields": {"campaign": "spring"}, "prefill": {"concerns": ["acne_scars"]}},
    "parentOrigins": ["https://clinic.example", "http://localhost:8080"]
}"#;

/// Queries and files: the frame's own, the hostile ones its tests try, and each hostile string as
/// a query value and as a file's attribute.
fn embed_config() -> Vec<Seed> {
    let with_file = |search: &str, file: &str| [search.as_bytes(), &[0], file.as_bytes()].concat();
    let search = "?primary=%23333&locale=es&lead-endpoint=https%3A%2F%2Fevil.example%2Fx\
                  &protocol=https%3A%2F%2Fevil.example%2Fp.json&parent-origin=https%3A%2F%2Fevil.example&utm_source=mail";
    let mut seeds = vec![
        ("url-only".to_owned(), search.as_bytes().to_vec()),
        ("url-and-file".to_owned(), with_file(search, EMBED_FILE)),
        ("file-only".to_owned(), with_file("", EMBED_FILE)),
        (
            "presentation".to_owned(),
            b"mode=popup&launcher-text=Am+I+a+candidate%3F&loading=lazy&start=first-question&radius=4px".to_vec(),
        ),
        ("not-json".to_owned(), with_file("radius=4px", "{ not json")),
        ("not-an-object".to_owned(), with_file("radius=4px", "[1]")),
        ("unknown-key".to_owned(), with_file("radius=4px", r#"{"attribute": {}}"#)),
        ("unknown-attribute".to_owned(), with_file("radius=4px", r#"{"attributes": {"colour": "red"}}"#)),
        ("origin-with-path".to_owned(), with_file("", r#"{"parentOrigins": ["https://clinic.example/path"]}"#)),
        ("origins-not-texts".to_owned(), with_file("", r#"{"parentOrigins": [1, null, {}], "attributes": []}"#)),
        ("plain-http-origin".to_owned(), with_file("", r#"{"parentOrigins": ["http://clinic.example"]}"#)),
        ("bad-accent".to_owned(), with_file("radius=4px", r#"{"attributes": {"accent": "red}"}}"#)),
        (
            "http-lead".to_owned(),
            with_file("", r#"{"attributes": {"lead-endpoint": "http://evil.example\\@127.0.0.1/x"}}"#),
        ),
        ("malformed-escapes".to_owned(), b"??%zz=%&primary=%2&%E2%82=x&+=+".to_vec()),
    ];
    for (i, value) in HOSTILE.iter().enumerate() {
        let encoded: String = value.bytes().map(|b| format!("%{b:02X}")).collect();
        let name = ["primary", "lead-endpoint", "parent-origin", "locale"][i % 4];
        let file = serde_json::json!({"attributes": {["lead-endpoint", "protocol", "cta", "booking-url"][i % 4]: value},
                                      "parentOrigins": [value]});
        seeds.push((format!("hostile.{i}"), with_file(&format!("{name}={encoded}"), &file.to_string())));
    }
    seeds
}

/// Messages a parent page sends, from allowed origins and others.
fn parent_message() -> Vec<Seed> {
    let message = |data: &str, origin: &str, allowed: &[&str]| {
        let mut parts = vec![data, origin];
        parts.extend(allowed);
        parts.join("\0").into_bytes()
    };
    let configure = r#"{"type": "candidacy:configure", "attributes": {"hidden-fields": {"campaign": "spring"}}}"#;
    let clinic = "https://clinic.example";
    let mut seeds = vec![
        ("accepted".to_owned(), message(configure, clinic, &[clinic])),
        ("other-origin".to_owned(), message(configure, "https://evil.example", &[clinic])),
        ("origin-prefix".to_owned(), message(configure, "https://clinic.example.evil.example", &[clinic])),
        ("origin-case".to_owned(), message(configure, "https://CLINIC.example", &[clinic])),
        ("null-origin".to_owned(), message(configure, "null", &[clinic, "http://localhost:8080"])),
        ("no-origin".to_owned(), configure.as_bytes().to_vec()),
        (
            "everything".to_owned(),
            message(
                &serde_json::json!({"type": "candidacy:configure", "attributes": serde_json::from_str::<serde_json::Value>(EMBED_FILE).expect("JSON")["attributes"]}).to_string(),
                clinic,
                &[clinic],
            ),
        ),
        ("javascript-lead".to_owned(), message(r#"{"type": "candidacy:configure", "attributes": {"lead-endpoint": "javascript:alert(1)"}}"#, clinic, &[clinic])),
        ("wrong-type".to_owned(), message(r#"{"type": "candidacy:restart"}"#, clinic, &[clinic])),
        ("attributes-not-object".to_owned(), message(r#"{"type": "candidacy:configure", "attributes": ["x"]}"#, clinic, &[clinic])),
        ("not-json".to_owned(), message("{type", clinic, &[clinic])),
        ("unknown-attribute".to_owned(), message(r#"{"type": "candidacy:configure", "attributes": {"colour": "red", "mode": "popup"}}"#, clinic, &[clinic])),
        ("number-value".to_owned(), message(r#"{"type": "candidacy:configure", "attributes": {"forget-after": 5}}"#, clinic, &[clinic])),
    ];
    for (i, value) in HOSTILE.iter().enumerate() {
        let attribute = candidacy::config::ATTRIBUTES[i % candidacy::config::ATTRIBUTES.len()];
        let data = serde_json::json!({"type": "candidacy:configure", "attributes": {attribute: value}}).to_string();
        seeds.push((format!("hostile.{i}"), message(&data, clinic, &[clinic])));
    }
    seeds
}

/// Requests to `candidacy preview`: the page, the protocol, the widget's files, and every way out
/// of `dist/` and around the `Host` check that its tests try, and more.
fn preview() -> Vec<Seed> {
    let targets = [
        "/",
        "/?locale=es",
        "/?locale=%22%3E%3Cscript%3E",
        "/preview/protocol.json",
        "/preview/protocol.json?x=1",
        "/candidacy.js",
        "/widget_bg.wasm",
        "/sub/",
        "/sub",
        "/./sub/./index.html",
        "/link.txt",
        "/missing.js",
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%",
        "/%zz",
        "/%+f",
        "/%ff",
        "/%00",
        "/index.html%00.js",
        "//etc/passwd",
        "/C:/secret.txt",
        "/index.html?x=/../../secret.txt",
        "*",
        "http://127.0.0.1/",
        "",
    ];
    let requests = [
        ("GET", "127.0.0.1:8080"),
        ("HEAD", "localhost"),
        ("GET", "LOCALHOST:1"),
        ("POST", "127.0.0.1"),
        ("get", "127.0.0.1"),
        ("GET", "evil.example"),
        ("GET", "127.0.0.1.evil.example"),
        ("GET", "localhost:0"),
        ("GET", "localhost:99999"),
        ("GET", "127.0.0.1:8080@evil.example"),
        ("GET", "[::1]:8080"),
        ("GET", ""),
    ];
    let mut seeds = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        for (j, (method, host)) in requests.iter().enumerate() {
            // Every target with the plain request, and each with one other request in turn.
            if j == 0 || j == i % requests.len() {
                seeds.push((
                    format!("{i:02}.{j:02}"),
                    [target.as_bytes(), &[0], method.as_bytes(), &[0], host.as_bytes()].concat(),
                ));
            }
        }
    }
    seeds.push(("target-only".to_owned(), b"/candidacy.js".to_vec()));
    seeds
}

/// The shipped compiled protocols and their texts files, as `candidacy build` wrote them.
fn compiled() -> Vec<Seed> {
    let dir = repository().join("static/protocols");
    let mut seeds: Vec<Seed> = std::fs::read_dir(&dir)
        .expect("static/protocols is readable")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "bin"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("a compiled file"))
        })
        .collect();
    seeds.sort();
    seeds.push(("json.protocol.bin".to_owned(), b"{\"format\": 1}".to_vec()));
    seeds
}
