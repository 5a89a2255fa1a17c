//! `diff` on hand-made pairs of protocols, with the exact classes of visitors expected, and each
//! class's example replayed through the engine on both sides.

mod common;

use candidacy::diff::{diff, Changed, ChangedClass, Diff};
use candidacy::engine::{next_step, Step};
use candidacy::protocol::{Outcome, ValidProtocol};
use common::{answers_of, default_json, default_protocol, load_json};
use serde_json::{json, Value};

use Outcome::{Candidate, Consult, NotCandidate, Postpone};

/// A class as the tests spell it: outcomes, then rules gained, lost and changed.
type Expected = (Outcome, Outcome, &'static [&'static str], &'static [&'static str], &'static [&'static str]);

#[test]
fn a_wording_only_edit_changes_no_logic() {
    let mut edited = default_json();
    edited["version"] = "1.0.1".into();
    rule_mut(&mut edited, "blood_thinners")["reason"] = "New wording.".into();
    rule_mut(&mut edited, "blood_thinners")["source"] = json!(["seed"]);
    edited["questions"][0]["options"][0]["hint"] = "A new hint.".into();
    edited["parameters"]["isotretinoin_washout"]["description"] = "Reworded.".into();
    edited["questions"][1]["informational"] = false.into();

    let found = compare(&edited);
    assert!(!found.logic_changed);
    assert!(found.classes.is_empty(), "{:?}", found.classes);
    assert_eq!(found.paths, 268_482_398_877_000);
}

#[test]
fn a_changed_effect_changes_exactly_the_visitors_on_blood_thinners() {
    let mut edited = default_json();
    let rule = rule_mut(&mut edited, "blood_thinners");
    (rule["effect"], rule["come_back"]) = ("postpone".into(), "once a clinician has checked".into());

    let found = compare(&edited);
    assert!(found.logic_changed);
    assert_eq!(found.structure.rules.changed, [changed("blood_thinners", &["effect consult → postpone"])]);
    let blood = &["blood_thinners"] as &[&str];
    assert_classes(
        &found,
        &[
            (Consult, Postpone, &[], &[], blood),
            (Postpone, Postpone, &[], &[], blood),
            (NotCandidate, NotCandidate, &[], &[], blood),
        ],
    );
    // "Visitors on blood thinners with no other finding: consult → postpone."
    let first = &found.classes[0];
    let protocol = default_protocol();
    let findings: Vec<&str> = (first.example.old.iter())
        .filter(|&&(q, v)| protocol.model.questions[q].is_finding(v))
        .map(|&(q, _)| protocol.questions()[q].id.as_str())
        .collect();
    assert_eq!(findings, ["blood_thinners"]);
    let consult_to_postpone = found.classes.iter().find(|c| c.old_outcome == Consult).unwrap();
    let blood_share = consult_to_postpone.paths as f64 / found.paths as f64;
    assert!(blood_share > 0.0 && blood_share < 0.01, "{blood_share}");
}

#[test]
fn a_new_question_with_its_rules_changes_every_visitor_who_answers_it_yes_or_unsure() {
    let mut edited = default_json();
    let tattoo = json!({"id": "tattoo", "kind": "yes_no", "prompt": "Do you have a tattoo in the area?", "screening": true, "unsure": true});
    edited["questions"].as_array_mut().unwrap().insert(10, tattoo);
    let rules = edited["rules"].as_array_mut().unwrap();
    rules.push(json!({"id": "tattoo", "when": {"yes": "tattoo"}, "effect": "consult", "reason": "A tattoo.", "source": ["clinic_practice"]}));
    rules.push(json!({"id": "unsure_tattoo", "when": {"unsure": "tattoo"}, "effect": "consult", "reason": "Unsure.", "source": ["clinic_practice"]}));

    let found = compare(&edited);
    assert_eq!(found.structure.questions.added, ["tattoo"]);
    assert_eq!(found.structure.rules.added, ["tattoo", "unsure_tattoo"]);
    let (yes, unsure) = (&["tattoo"] as &[&str], &["unsure_tattoo"] as &[&str]);
    let mut expected: Vec<Expected> = Vec::new();
    for gained in [yes, unsure] {
        expected.extend([
            (Candidate, Consult, gained, &[] as &[&str], &[] as &[&str]),
            (Consult, Consult, gained, &[], &[]),
            (Postpone, Postpone, gained, &[], &[]),
            (NotCandidate, NotCandidate, gained, &[], &[]),
        ]);
    }
    assert_classes(&found, &expected);
    // Three answers to the new question, asked of every visitor: the paths triple.
    assert_eq!(found.paths, 3 * 268_482_398_877_000);
}

#[test]
fn a_changed_washout_period_changes_the_visitors_whose_reasons_cite_it() {
    let mut edited = default_json();
    edited["parameters"]["isotretinoin_washout"]["value"] = 9.into();

    let found = compare(&edited);
    assert!(found.logic_changed);
    assert_eq!(found.structure.parameters.changed, [changed("isotretinoin_washout", &["6 months → 9 months"])]);
    let rules: Vec<Changed> = ["isotretinoin_current", "isotretinoin_recent", "unsure_isotretinoin"]
        .iter()
        .map(|id| changed(id, &["period `isotretinoin_washout` 6 months → 9 months"]))
        .collect();
    assert_eq!(found.structure.rules.changed, rules);
    let mut expected: Vec<Expected> = Vec::new();
    for rule in [&["isotretinoin_current"] as &[&str], &["isotretinoin_recent"]] {
        expected.extend([
            (Postpone, Postpone, &[] as &[&str], &[] as &[&str], rule),
            (NotCandidate, NotCandidate, &[], &[], rule),
        ]);
    }
    let unsure = &["unsure_isotretinoin"] as &[&str];
    expected.extend([
        (Consult, Consult, &[] as &[&str], &[] as &[&str], unsure),
        (Postpone, Postpone, &[], &[], unsure),
        (NotCandidate, NotCandidate, &[], &[], unsure),
    ]);
    assert_classes(&found, &expected);
}

#[test]
fn a_diff_of_the_default_protocol_with_itself_is_empty() {
    let found = compare(&default_json());
    assert!(!found.logic_changed && found.classes.is_empty() && found.structure == Default::default());
}

#[test]
fn reordered_questions_or_changed_answers_cannot_be_compared_path_by_path() {
    let mut reordered = default_json();
    reordered["questions"].as_array_mut().unwrap().swap(12, 13);
    let error = diff(&default_protocol(), &load_json(&reordered)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "questions `recent_major_procedures` and `blood_thinners` are asked in a different order"
    );

    let mut fewer_options = default_json();
    fewer_options["questions"][7]["options"].as_array_mut().unwrap().pop();
    let error = diff(&default_protocol(), &load_json(&fewer_options)).unwrap_err();
    assert!(error.to_string().starts_with("question `cold_sores` accepts different answers"), "{error}");
}

fn compare(edited: &Value) -> Diff {
    let (old, new) = (default_protocol(), load_json(edited));
    let found = diff(&old, &new).unwrap_or_else(|error| panic!("{error}"));
    for class in &found.classes {
        assert_example_replays(&old, &new, class);
    }
    found
}

fn assert_classes(found: &Diff, expected: &[Expected]) {
    let key = |c: &ChangedClass| {
        let strings = |ids: &[String]| ids.join(",");
        (c.old_outcome, c.new_outcome, strings(&c.gained), strings(&c.lost), strings(&c.changed))
    };
    let mut actual: Vec<_> = found.classes.iter().map(key).collect();
    let mut wanted: Vec<_> =
        expected.iter().map(|(a, b, g, l, c)| (*a, *b, g.join(","), l.join(","), c.join(","))).collect();
    actual.sort();
    wanted.sort();
    assert_eq!(actual, wanted);
    assert!(found.classes.iter().all(|c| c.paths > 0 && c.plan.is_none()));
}

/// The example's answers, given to the engine, end in the class's outcomes on both sides.
fn assert_example_replays(old: &ValidProtocol, new: &ValidProtocol, class: &ChangedClass) {
    for (protocol, path, outcome) in
        [(old, &class.example.old, class.old_outcome), (new, &class.example.new, class.new_outcome)]
    {
        let Step::Recommend(recommendation) = next_step(protocol, &answers_of(protocol, path)) else {
            panic!("the example is incomplete: {path:?}")
        };
        assert_eq!(recommendation.outcome, outcome, "{path:?}");
        let fired: Vec<&str> =
            recommendation.fired.iter().map(|f| protocol.protocol.rules[f.rule].id.as_str()).collect();
        let (present, absent) =
            if std::ptr::eq(protocol, old) { (&class.lost, &class.gained) } else { (&class.gained, &class.lost) };
        assert!(present.iter().all(|id| fired.contains(&id.as_str())), "{fired:?} {class:?}");
        assert!(absent.iter().all(|id| !fired.contains(&id.as_str())), "{fired:?} {class:?}");
        assert!(class.changed.iter().all(|id| fired.contains(&id.as_str())), "{fired:?} {class:?}");
    }
}

fn changed(id: &str, what: &[&str]) -> Changed {
    Changed { id: id.to_owned(), what: what.iter().map(|w| w.to_string()).collect() }
}

fn rule_mut<'a>(protocol: &'a mut Value, id: &str) -> &'a mut Value {
    protocol["rules"].as_array_mut().unwrap().iter_mut().find(|rule| rule["id"] == id).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Property tests on small random protocols

mod props {
    use std::collections::BTreeSet;

    use candidacy::answers::{Answers, OptionSet, Value, YesNo};
    use candidacy::diff::diff;
    use candidacy::engine;
    use candidacy::protocol::{Outcome, QuestionKind, Span, ValidProtocol};
    use proptest::prelude::*;

    use super::common::load_json;
    use super::common::random_protocol::{random_protocol, Rng};

    /// A class's identity: outcomes, rules gained, lost and changed, and the plan change.
    type Key =
        (Outcome, Outcome, Vec<String>, Vec<String>, Vec<String>, Option<(Option<(Span, Span)>, Option<(Span, Span)>)>);

    proptest! {
        #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

        #[test]
        fn a_protocol_diffed_with_itself_changes_nothing(seed in any::<u64>()) {
            let protocol = load_json(&random_protocol(seed));
            let found = diff(&protocol, &protocol).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(!found.logic_changed);
            prop_assert!(found.classes.is_empty());
        }

        #[test]
        fn one_rule_mutations_change_exactly_the_classes_that_evaluating_every_path_shows(
            seed in any::<u64>(), mutation in any::<u64>(),
        ) {
            let original = random_protocol(seed);
            let mutant = mutate(&original, mutation);
            let (old, new) = (load_json(&original), load_json(&mutant));
            let found = diff(&old, &new).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let reported: BTreeSet<Key> = found
                .classes
                .iter()
                .map(|c| {
                    let plan = c.plan.map(|(a, b)| (a.map(|p| (p.sessions, p.interval_weeks)), b.map(|p| (p.sessions, p.interval_weeks))));
                    (c.old_outcome, c.new_outcome, c.gained.clone(), c.lost.clone(), c.changed.clone(), plan)
                })
                .collect();
            prop_assert_eq!(reported, brute_force(&old, &new), "{}", mutant);
            prop_assert_eq!(found.logic_changed, original != mutant);
        }
    }

    /// One change to one rule: its effect, its condition negated, its early end, removed, or a copy
    /// with another effect.
    fn mutate(protocol: &serde_json::Value, seed: u64) -> serde_json::Value {
        let mut rng = Rng::new(seed);
        let mut mutant = protocol.clone();
        let rules = mutant["rules"].as_array_mut().unwrap();
        let r = rng.below(rules.len());
        let effects = ["note", "consult", "postpone", "not_candidate"];
        let set_effect = |rule: &mut serde_json::Value, effect: &str| {
            rule["effect"] = effect.into();
            let object = rule.as_object_mut().unwrap();
            object.remove("come_back");
            if effect == "postpone" {
                object.insert("come_back".into(), "later".into());
            }
            if effect == "note" {
                object.remove("ends_quiz");
            }
        };
        match rng.below(5) {
            0 => set_effect(&mut rules[r], effects[rng.below(4)]),
            1 => rules[r]["when"] = serde_json::json!({"not": rules[r]["when"].clone()}),
            2 if rules[r]["effect"] != "note" => {
                let ends = rules[r]["ends_quiz"].as_bool().unwrap_or(false);
                rules[r]["ends_quiz"] = (!ends).into();
            }
            3 if rules.len() > 1 => drop(rules.remove(r)),
            _ => {
                let mut copy = rules[r].clone();
                copy["id"] = "added".into();
                set_effect(&mut copy, effects[rng.below(4)]);
                rules.push(copy);
            }
        }
        mutant
    }

    /// Every complete set of answers, evaluated with both protocols: the classes that change.
    fn brute_force(old: &ValidProtocol, new: &ValidProtocol) -> BTreeSet<Key> {
        let n = old.questions().len();
        let domains: Vec<Vec<Value>> = (0..n).map(|q| all_values(old, q)).collect();
        let mut keys = BTreeSet::new();
        let mut picks = vec![0usize; n];
        loop {
            let mut answers = Answers::new(n);
            (0..n).for_each(|q| answers.set(q, Some(domains[q][picks[q]])));
            if let Some(key) = change(old, new, &answers) {
                keys.insert(key);
            }
            let Some(q) = (0..n).find(|&q| picks[q] + 1 < domains[q].len()) else { break };
            picks[q] += 1;
            picks[..q].iter_mut().for_each(|p| *p = 0);
        }
        keys
    }

    fn change(old: &ValidProtocol, new: &ValidProtocol, answers: &Answers) -> Option<Key> {
        let evaluate = |p: &ValidProtocol| {
            let walk = engine::walk(p, answers);
            let recommendation = engine::recommend(p, &walk);
            let fired: Vec<(String, candidacy::protocol::Effect)> =
                recommendation.fired.iter().map(|f| (p.protocol.rules[f.rule].id.clone(), f.effect)).collect();
            let plan = engine::plan(p, &walk).map(|plan| (plan.sessions, plan.interval_weeks));
            (recommendation.outcome, fired, plan)
        };
        let ((old_outcome, old_fired, old_plan), (new_outcome, new_fired, new_plan)) = (evaluate(old), evaluate(new));
        let ids = |fired: &[(String, _)]| -> Vec<String> { fired.iter().map(|(id, _)| id.clone()).collect() };
        let (old_ids, new_ids) = (ids(&old_fired), ids(&new_fired));
        let lost: Vec<String> = old_ids.iter().filter(|id| !new_ids.contains(id)).cloned().collect();
        let gained: Vec<String> = new_ids.iter().filter(|id| !old_ids.contains(id)).cloned().collect();
        let changed: Vec<String> = (old_fired.iter())
            .filter(|(id, effect)| new_fired.iter().any(|(other, e)| other == id && e != effect))
            .map(|(id, _)| id.clone())
            .collect();
        let shows = |o: Outcome| matches!(o, Outcome::Candidate | Outcome::Consult);
        let plan = (shows(old_outcome) && shows(new_outcome) && old_plan != new_plan).then_some((old_plan, new_plan));
        let same =
            old_outcome == new_outcome && lost.is_empty() && gained.is_empty() && changed.is_empty() && plan.is_none();
        // Rule ids are listed in rule order in the diff: old order, then rules only in the new.
        let order = |ids: Vec<String>| -> Vec<String> {
            let position =
                |id: &String| old.rule_idx(id).unwrap_or(old.protocol.rules.len() + new.rule_idx(id).unwrap_or(0));
            let mut ids = ids;
            ids.sort_by_key(position);
            ids
        };
        (!same).then(|| (old_outcome, new_outcome, order(gained), order(lost), order(changed), plan))
    }

    fn all_values(protocol: &ValidProtocol, question: usize) -> Vec<Value> {
        let model = &protocol.model.questions[question];
        match model.kind {
            QuestionKind::YesNo => {
                let mut values = vec![Value::YesNo(YesNo::Yes), Value::YesNo(YesNo::No)];
                if model.unsure_allowed {
                    values.push(Value::YesNo(YesNo::Unsure));
                }
                values
            }
            QuestionKind::SingleChoice => (0..model.n_options).map(Value::Option).collect(),
            QuestionKind::MultipleChoice => {
                (1u64..1 << model.n_options).map(|m| Value::Options(OptionSet(m))).collect()
            }
            QuestionKind::Number => (model.bounds.0..=model.bounds.1).map(Value::Number).collect(),
        }
    }
}
