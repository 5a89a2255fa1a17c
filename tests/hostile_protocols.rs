//! Hostile protocol files (the native half of issue 6, item 1): JSON-like text, the default
//! protocol cut short or with a byte changed, and the default protocol with its ids, types, fields,
//! lists and numbers mutated. Nothing panics `check`, `verify` or the engine; every diagnostic
//! names a place that exists in the file; and for mutants that load, the engine answering step by
//! step (sometimes with answers of the wrong kind) ends where the verifier's diagram says.
//!
//! `tests/engine_props.rs` already feeds arbitrary bytes, arbitrary JSON and the default protocol
//! with one node replaced by arbitrary JSON; these cases aim at what those rarely reach: text
//! that is almost JSON, and protocols that are almost valid. `fuzz/` runs the same checks on
//! libFuzzer's inputs for as long as one likes.

mod common;

use candidacy::answers::{Answers, OptionSet, Value, YesNo};
use candidacy::answers_json::AnswersJson;
use candidacy::check::{check, Checked};
use candidacy::engine::{next_step, walk, Step};
use candidacy::protocol::{Outcome, QuestionKind, ValidProtocol};
use candidacy::verify::{verify, Property};
use common::random_protocol::Rng;
use proptest::prelude::*;
use serde_json::{json, Value as Json};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn almost_json_text_is_rejected_at_a_place(text in "[\\[\\]{}\":,0-9a-z_ .\\-\\\\\u{e9}\u{1F600}\n]{0,300}") {
        let checked = check("fuzz.json", &text);
        assert_diagnostics_name_places(&text, &checked);
    }

    #[test]
    fn the_default_protocol_cut_short_or_with_a_byte_changed_is_rejected_at_a_place(
        cut in 0usize..40_000, at in 0usize..40_000, byte in any::<u8>(),
    ) {
        let text = candidacy::DEFAULT_PROTOCOL;
        let cut = floor_char_boundary(text, cut);
        let checked = check("cut.json", &text[..cut]);
        prop_assert!(checked.protocol.is_none());
        assert_diagnostics_name_places(&text[..cut], &checked);

        let mut bytes = text.as_bytes().to_vec();
        let at = at % bytes.len();
        bytes[at] = byte;
        let changed = String::from_utf8_lossy(&bytes);
        let checked = check("changed.json", &changed);
        assert_diagnostics_name_places(&changed, &checked);
        if let Some(protocol) = checked.protocol {
            run_everything(&protocol, u64::from(byte) << 32 | at as u64);
        }
    }
}

/// Found by the property above: a byte turned the locale key `es` into `/s`, and the warning's
/// JSON pointer held the key unescaped (`…/prompt//s`), pointing at nothing.
#[test]
fn a_locale_key_with_a_slash_is_named_by_an_escaped_pointer() {
    let text = candidacy::DEFAULT_PROTOCOL.replacen("\"es\":", "\"/s\":", 1);
    let checked = check("slash.json", &text);
    assert!(checked.diagnostics.items.iter().any(|d| d.pointer.ends_with("/~1s")), "{:?}", checked.diagnostics.items);
    assert_diagnostics_name_places(&text, &checked);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_default_protocol_mutated_never_panics_and_errors_name_places(
        seed in any::<u64>(), n_mutations in 1usize..4,
    ) {
        let mut json = common::default_json();
        let mut rng = Rng::new(seed);
        for _ in 0..n_mutations {
            mutate(&mut json, &mut rng);
        }
        let text = serde_json::to_string_pretty(&json).unwrap();
        let checked = check("mutant.json", &text);
        assert_diagnostics_name_places(&text, &checked);
        if let Some(protocol) = checked.protocol {
            run_everything(&protocol, seed);
        }
    }
}

/// Every diagnostic of a rejected or accepted file names a place: a JSON pointer that exists in
/// the file (or whose parent does, for a missing field), or a line and column inside the text.
fn assert_diagnostics_name_places(text: &str, checked: &Checked) {
    assert!(checked.protocol.is_some() || checked.diagnostics.has_errors(), "a rejected file has an error");
    let json: Option<Json> = serde_json::from_str(text).ok();
    let n_lines = text.split('\n').count();
    for diagnostic in &checked.diagnostics.items {
        let located = !diagnostic.pointer.is_empty() || diagnostic.line.is_some();
        assert!(located, "{diagnostic:?} names no place");
        if let Some(line) = diagnostic.line {
            assert!(
                (1..=n_lines).contains(&line) && diagnostic.column >= Some(1),
                "{diagnostic:?} is outside the text"
            );
        }
        if let (Some(json), false) = (&json, diagnostic.pointer.is_empty()) {
            let parent = &diagnostic.pointer[..diagnostic.pointer.rfind('/').unwrap()];
            let exists = json.pointer(&diagnostic.pointer).is_some() || json.pointer(parent).is_some();
            assert!(exists, "{diagnostic:?} points at nothing in the file");
        }
    }
}

/// Verifies the protocol, then answers it step by step as `seed` picks, sometimes with values the
/// question does not accept; the engine's outcome must be the diagram's, and a proven protocol
/// must keep its promise on the path.
fn run_everything(protocol: &ValidProtocol, seed: u64) {
    let report = verify(protocol).expect("`check` explored it, so `verify` can");
    assert_eq!(report.outcomes.iter().fold(0u128, |sum, &n| sum.saturating_add(n)), report.paths);
    let mut rng = Rng::new(seed);
    let mut answers = Answers::new(protocol.questions().len());
    for _ in 0..=2 * protocol.questions().len() {
        match next_step(protocol, &answers) {
            Step::Ask { question, .. } => {
                let model = &protocol.model.questions[question];
                let value = if answers.get(question).is_none() && rng.chance(10) {
                    wild_value(&mut rng)
                } else {
                    fitting_value(model, &mut rng)
                };
                answers.set(question, Some(value));
            }
            Step::Recommend(recommendation) => {
                let path = walk(protocol, &answers);
                assert_eq!(report.graph.outcome_of(&path.answers), Some(recommendation.outcome));
                let proven = report.results.iter().find(|r| r.property == Property::FindingNeverCandidate).unwrap();
                let finding = path.answers.answered().any(|(q, v)| protocol.model.questions[q].is_finding(v));
                if proven.holds() && finding {
                    assert_ne!(recommendation.outcome, Outcome::Candidate);
                }
                let json = path.answers.to_json(protocol);
                assert_eq!(Answers::from_json(protocol, &json).as_ref(), Ok(&path.answers), "answers round-trip");
                return;
            }
        }
    }
    panic!("no recommendation after answering every question");
}

fn wild_value(rng: &mut Rng) -> Value {
    match rng.below(4) {
        0 => Value::YesNo(YesNo::Unsure),
        1 => Value::Option(rng.below(80)),
        2 => Value::Options(OptionSet(rng.next())),
        _ => Value::Number(rng.next() as i64),
    }
}

fn fitting_value(model: &candidacy::protocol::QuestionModel, rng: &mut Rng) -> Value {
    match model.kind {
        QuestionKind::YesNo => {
            Value::YesNo([YesNo::No, YesNo::Yes, YesNo::Unsure][rng.below(2 + usize::from(model.unsure_allowed))])
        }
        QuestionKind::SingleChoice => Value::Option(rng.below(model.n_options)),
        QuestionKind::MultipleChoice => {
            let all = if model.n_options >= 64 { u64::MAX } else { (1u64 << model.n_options) - 1 };
            Value::Options(OptionSet((rng.next() & all).max(1)))
        }
        QuestionKind::Number => {
            let (min, max) = model.bounds;
            let span = (i128::from(max) - i128::from(min) + 1) as u128;
            Value::Number((i128::from(min) + (u128::from(rng.next()) % span) as i128) as i64)
        }
    }
}

/// One structural mutation somewhere in the protocol: an id renamed (to a fresh one or to another
/// existing id), a field removed or given a value of another type, a list element removed or
/// duplicated or swapped with a sibling, a number made extreme or small, a question's kind or a rule's effect changed.
fn mutate(json: &mut Json, rng: &mut Rng) {
    let paths = all_paths(json);
    let path = &paths[rng.below(paths.len())];
    let ids: Vec<Json> =
        paths.iter().filter(|p| p.ends_with("/id")).map(|p| json.pointer(p).unwrap().clone()).collect();
    let key = path.rsplit('/').next().unwrap_or("").to_owned();
    let parent_path = path[..path.rfind('/').unwrap_or(0)].to_owned();
    let operation = rng.below(9);
    let replacement = match (operation, key.as_str()) {
        (0, _) if !ids.is_empty() => Some(ids[rng.below(ids.len())].clone()),
        (1, "kind") => Some(["yes_no", "single_choice", "multiple_choice", "number", "text"][rng.below(5)].into()),
        (1, "effect") => Some(["note", "consult", "postpone", "not_candidate", "book"][rng.below(5)].into()),
        (2, _) => Some(
            [
                json!(i64::MIN),
                json!(i64::MAX),
                json!(u64::MAX),
                json!(-1),
                json!(0),
                json!(0.5),
                json!(1e300),
                json!(65),
            ][rng.below(8)]
            .clone(),
        ),
        (4, _) if json.pointer(path).is_some_and(Json::is_number) => Some(json!(rng.below(130) as i64 - 5)),
        (3, _) => Some(
            [json!(null), json!(""), json!("x\u{202e}<b>"), json!([]), json!({}), json!(true), json!([1, "a"])]
                [rng.below(7)]
            .clone(),
        ),
        _ => None,
    };
    if let Some(replacement) = replacement {
        *json.pointer_mut(path).unwrap() = replacement;
        return;
    }
    match json.pointer_mut(&parent_path) {
        Some(Json::Object(map)) => {
            if rng.chance(50) {
                map.remove(&key);
            } else {
                map.insert(format!("{key}_x"), json!(1));
            }
        }
        Some(Json::Array(items)) => {
            let index: usize = key.parse().unwrap();
            if operation == 5 {
                let other = rng.below(items.len());
                items.swap(index, other);
            } else if rng.chance(50) {
                items.remove(index);
            } else {
                let copy = items[index].clone();
                items.insert(rng.below(items.len() + 1), copy);
            }
        }
        _ => *json.pointer_mut(path).unwrap() = json!("renamed"),
    }
}

/// The JSON pointers of every node but the root.
fn all_paths(json: &Json) -> Vec<String> {
    fn visit(node: &Json, at: String, paths: &mut Vec<String>) {
        let children: Vec<(String, &Json)> = match node {
            Json::Object(map) => map.iter().map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v)).collect(),
            Json::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
            _ => Vec::new(),
        };
        for (key, child) in children {
            let path = format!("{at}/{key}");
            paths.push(path.clone());
            visit(child, path, paths);
        }
    }
    let mut paths = Vec::new();
    visit(json, String::new(), &mut paths);
    paths
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap()
}
