//! Property tests: the engine, walked over every concrete answer path of random protocols, agrees
//! with what the verifier's diagram records, path by path and in its counts; and no input makes
//! loading, checking, verifying or the engine panic.

mod common;

use std::collections::BTreeSet;

use candidacy::answers::{Answers, OptionSet, Value, YesNo};
use candidacy::engine::{self, Recommendation};
use candidacy::protocol::condition::Test;
use candidacy::protocol::{Effect, Outcome, QuestionIdx, QuestionKind, ValidProtocol};
use candidacy::verify::{verify, Property};
use common::random_protocol::random_protocol;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn engine_and_verifier_agree_on_every_path(seed in any::<u64>()) {
        let json = random_protocol(seed);
        let protocol = common::load_json(&json);
        let report = verify(&protocol).unwrap();
        let brute = enumerate(&protocol);

        for (answers, outcome) in &brute.paths {
            prop_assert_eq!(report.graph.outcome_of(answers), Some(*outcome), "path {:?}", answers);
        }
        prop_assert_eq!(report.outcomes, brute.outcomes, "outcome counts");
        let fired: BTreeSet<usize> = report.graph.rule_fired.iter().enumerate().filter(|(_, f)| **f).map(|(r, _)| r).collect();
        prop_assert_eq!(fired, brute.fired);
        let asked: BTreeSet<usize> = report.graph.question_asked.iter().enumerate().filter(|(_, a)| **a).map(|(q, _)| q).collect();
        prop_assert_eq!(asked, brute.asked);
        for (property, broken) in [
            (Property::FindingNeverCandidate, brute.finding_candidate),
            (Property::UnsureNeverCandidate, brute.unsure_candidate),
            (Property::CandidateHasPlan, brute.candidate_without_plan),
        ] {
            let holds = report.results.iter().find(|r| r.property == property).unwrap().holds();
            prop_assert_eq!(holds, !broken, "{:?}", property);
        }
    }

    #[test]
    fn monotonicity_and_maskings_match_raising_every_answer_of_every_path(seed in any::<u64>()) {
        let protocol = common::load_json(&random_protocol(seed));
        let report = verify(&protocol).unwrap();
        let (violated, maskings) = raise_every_answer(&protocol);
        let holds = report.results.iter().find(|r| r.property == Property::RiskierAnswerNeverWeaker).unwrap().holds();
        prop_assert_eq!(holds, !violated);
        let found: BTreeSet<(usize, usize)> = report.maskings.iter().map(|m| (m.ending_rule, m.masked_rule)).collect();
        prop_assert_eq!(found, maskings);
    }

    #[test]
    fn early_ends_hide_something_exactly_when_a_continuation_shows_it(seed in any::<u64>()) {
        let json = random_protocol(seed);
        let protocol = common::load_json(&json);
        let report = verify(&protocol).unwrap();
        let holds = report.results.iter().find(|r| r.property == Property::EarlyEndHidesNothing).unwrap().holds();
        prop_assert_eq!(holds, !continuation_shows_more(&json, &protocol));
    }

    #[test]
    fn the_profile_proof_matches_every_path(seed in any::<u64>(), picks in proptest::collection::vec(any::<u8>(), 16)) {
        let (json, profile) = with_random_profile(random_protocol(seed), &picks);
        let protocol = common::load_json(&json);
        let proof = candidacy::verify::profile::prove(&protocol, &profile).unwrap();
        let found: BTreeSet<(bool, usize)> = proof.failures.iter()
            .map(|f| (f.property == candidacy::verify::profile::ItemProperty::CandidateRuledOut, f.item))
            .collect();
        prop_assert_eq!(found, profile_failures_path_by_path(&protocol, &profile));
    }

    #[test]
    fn arbitrary_bytes_never_panic_check(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let checked = candidacy::check::check("fuzz.json", &text);
        prop_assert!(checked.protocol.is_some() || checked.diagnostics.has_errors());
    }

    #[test]
    fn arbitrary_json_never_panics_check(json in arbitrary_json()) {
        let checked = candidacy::check::check("fuzz.json", &json.to_string());
        prop_assert!(checked.diagnostics.has_errors());
    }

    #[test]
    fn mutated_default_protocol_is_checked_verified_and_run_without_panic(
        seed in any::<u64>(), replacement in arbitrary_json(),
    ) {
        let mut json = common::default_json();
        replace_random_node(&mut json, seed, replacement);
        let text = serde_json::to_string_pretty(&json).unwrap();
        let checked = candidacy::check::check("mutant.json", &text);
        for error in checked.diagnostics.errors() {
            let located = !error.pointer.is_empty() || error.line.is_some();
            prop_assert!(located, "every error names a place: {:?}", error);
        }
        if let Some(protocol) = checked.protocol {
            let report = verify(&protocol).unwrap();
            prop_assert_eq!(report.outcomes.iter().sum::<u128>(), report.paths);
            let _ = engine::next_step(&protocol, &Answers::new(protocol.questions().len()));
        }
    }
}

/// Raises each screening answer of every concrete path to every riskier answer, completes the
/// raised path every possible way, and compares outcomes: whether some pair weakens the outcome
/// other than by an early end, and which (ending rule, masked rule) pairs explain the others.
fn raise_every_answer(protocol: &ValidProtocol) -> (bool, BTreeSet<(usize, usize)>) {
    let model = &protocol.model;
    let (mut violated, mut maskings) = (false, BTreeSet::new());
    for (given, given_outcome) in enumerate(protocol).paths {
        let given_recommendation = engine::recommend(protocol, &engine::walk(protocol, &given));
        for (question, value) in given.answered() {
            let risk = model.questions[question].risk(value);
            for raised_value in all_values(protocol, question) {
                if risk.is_none() || model.questions[question].risk(raised_value) <= risk {
                    continue;
                }
                let mut raised = given.clone();
                raised.set(question, Some(raised_value));
                let mut completions = Brute::default();
                walk_all(protocol, raised, &mut completions);
                for (completed, raised_outcome) in completions.paths {
                    if raised_outcome >= given_outcome {
                        continue;
                    }
                    let raised_walk = engine::walk(protocol, &completed);
                    let masking = raised_walk.ended_by.and_then(|ending| {
                        let end = model.rules[ending].decided_after;
                        let fired = &given_recommendation.fired;
                        let before =
                            fired.iter().filter(|f| model.rules[f.rule].decided_after <= end).map(|f| f.effect).max();
                        let after = fired
                            .iter()
                            .filter(|f| model.rules[f.rule].decided_after > end && f.effect >= Effect::Consult);
                        let masked = after.fold(None::<&engine::Fired>, |best, f| match best {
                            Some(b) if b.effect >= f.effect => Some(b),
                            _ => Some(f),
                        });
                        (Outcome::from_strongest(before) <= raised_outcome).then_some((ending, masked?.rule))
                    });
                    match masking {
                        Some(pair) => drop(maskings.insert(pair)),
                        None => violated = true,
                    }
                }
            }
        }
    }
    (violated, maskings)
}

/// Walks every path that ends early, then answers its skipped questions every possible way in a
/// copy of the protocol without early ends: whether some continuation reaches a stronger outcome
/// or fires a red-flag rule that the path did not.
fn continuation_shows_more(json: &serde_json::Value, protocol: &ValidProtocol) -> bool {
    let mut endless = json.clone();
    for rule in endless["rules"].as_array_mut().unwrap() {
        rule.as_object_mut().unwrap().remove("ends_quiz");
    }
    let endless = common::load_json(&endless);
    let red_flag = |rule: usize| protocol.protocol.rules[rule].red_flag.is_some();
    for (answers, outcome) in enumerate(protocol).paths {
        let walk = engine::walk(protocol, &answers);
        if walk.ended_by.is_none() {
            continue;
        }
        let walked: BTreeSet<usize> = engine::recommend(protocol, &walk).fired.iter().map(|f| f.rule).collect();
        let mut continuations = Brute::default();
        walk_all(&endless, answers, &mut continuations);
        for (continued, continued_outcome) in continuations.paths {
            let fired = engine::recommend(&endless, &engine::walk(&endless, &continued)).fired;
            if continued_outcome > outcome || fired.iter().any(|f| red_flag(f.rule) && !walked.contains(&f.rule)) {
                return true;
            }
        }
    }
    false
}

/// `protocol` with `screens` on some of its screening questions (picked by `picks`), and a profile
/// of those items with random least outcomes; some items are screened by no question.
fn with_random_profile(mut json: serde_json::Value, picks: &[u8]) -> (serde_json::Value, candidacy::profile::Profile) {
    let outcomes = ["consult", "postpone", "not_candidate"];
    let n_items = 1 + usize::from(picks[0] % 4);
    let mut pick = picks.iter().skip(1).cycle().copied();
    for question in json["questions"].as_array_mut().unwrap() {
        let screening = question["screening"] == true && question["informational"] != true;
        let kind = question["kind"].as_str().unwrap().to_owned();
        let options = question["options"].as_array().map_or(0, Vec::len);
        let findings = (question["options"].as_array().into_iter().flatten()).filter(|o| o["finding"] == true).count();
        let unsure = (question["options"].as_array().into_iter().flatten()).filter(|o| o["unsure"] == true).count();
        let can_rule_out = match kind.as_str() {
            "yes_no" => true,
            "number" => question.get("safe_range").is_some(),
            _ => findings > 0 && findings + unsure < options,
        };
        let item = usize::from(pick.next().unwrap()) % (n_items + 1);
        if screening && can_rule_out && item < n_items {
            question["screens"] = serde_json::json!([format!("i{item}")]);
        }
    }
    let items: Vec<serde_json::Value> = (0..n_items)
        .map(|i| {
            let at_least = outcomes[usize::from(picks[i + 1]) % 3];
            serde_json::json!({"id": format!("i{i}"), "label": "an item", "at_least": at_least, "source": ["s"]})
        })
        .collect();
    let treatment = json["id"].clone();
    let profile = serde_json::json!({
        "format": 1, "treatment": treatment, "version": "1", "name": "N", "sources": {"s": "S"}, "items": items
    });
    let set = candidacy::profile::ProfileSet::load(&[("p.json".into(), profile.to_string())]).unwrap();
    let profile = set.iter().next().unwrap().clone();
    (json, profile)
}

/// The profile's failures found by walking every path: (true, item) when a candidate did not rule
/// `item` out, (false, item) when an answer ruled it in and the outcome is weaker than its least.
fn profile_failures_path_by_path(
    protocol: &ValidProtocol,
    profile: &candidacy::profile::Profile,
) -> BTreeSet<(bool, usize)> {
    let model = &protocol.model;
    let mut failures = BTreeSet::new();
    for (answers, outcome) in enumerate(protocol).paths {
        for (i, item) in profile.items.iter().enumerate() {
            let (mut ruled_out, mut doubted, mut ruled_in) = (false, false, false);
            for (q, value) in answers.answered() {
                if !protocol.protocol.questions[q].screens.contains(&item.id) {
                    continue;
                }
                let question = &model.questions[q];
                if question.is_unsure(value) {
                    doubted = true;
                } else if question.is_finding(value) {
                    ruled_in = true;
                } else {
                    ruled_out = true;
                }
            }
            if outcome == Outcome::Candidate && (!ruled_out || doubted || ruled_in) {
                failures.insert((true, i));
            }
            if ruled_in && outcome < item.at_least {
                failures.insert((false, i));
            }
        }
    }
    failures
}

/// What walking every concrete path through the engine shows.
#[derive(Default)]
struct Brute {
    paths: Vec<(Answers, Outcome)>,
    /// Paths per outcome, counting a number answer once per class of values (the verifier's unit).
    outcomes: [u128; 4],
    fired: BTreeSet<usize>,
    asked: BTreeSet<QuestionIdx>,
    finding_candidate: bool,
    unsure_candidate: bool,
    candidate_without_plan: bool,
}

fn enumerate(protocol: &ValidProtocol) -> Brute {
    let mut brute = Brute::default();
    walk_all(protocol, Answers::new(protocol.questions().len()), &mut brute);
    brute
}

fn walk_all(protocol: &ValidProtocol, answers: Answers, brute: &mut Brute) {
    let walk = engine::walk(protocol, &answers);
    let Some(question) = walk.next else {
        let recommendation = engine::recommend(protocol, &walk);
        record(protocol, &walk, &recommendation, brute);
        return;
    };
    brute.asked.insert(question);
    for value in all_values(protocol, question) {
        let mut next = walk.answers.clone();
        next.set(question, Some(value));
        walk_all(protocol, next, brute);
    }
}

fn record(protocol: &ValidProtocol, walk: &engine::Walk, recommendation: &Recommendation, brute: &mut Brute) {
    let outcome = recommendation.outcome;
    brute.fired.extend(recommendation.fired.iter().map(|f| f.rule));
    let model = &protocol.model;
    let answered: Vec<(usize, Value)> = walk.answers.answered().collect();
    if outcome == Outcome::Candidate {
        brute.finding_candidate |= answered.iter().any(|&(q, v)| model.questions[q].is_finding(v));
        brute.unsure_candidate |=
            answered.iter().any(|&(q, v)| model.questions[q].screening && model.questions[q].is_unsure(v));
        brute.candidate_without_plan |= engine::plan(protocol, walk).is_none();
    }
    let first_of_class = answered.iter().all(|&(q, v)| match v {
        Value::Number(n) => is_boundary(protocol, q, n),
        _ => true,
    });
    if first_of_class {
        brute.outcomes[outcome as usize] += 1;
    }
    brute.paths.push((walk.answers.clone(), outcome));
}

/// Whether `n` starts a class of values: the lowest accepted value, or a bound of a number test
/// or of the safe range. Paths count one number answer per class, like the verifier.
fn is_boundary(protocol: &ValidProtocol, question: QuestionIdx, n: i64) -> bool {
    let model = &protocol.model;
    let mut bounds = vec![model.questions[question].bounds.0];
    bounds.extend(model.questions[question].safe_range.iter().flat_map(|r| [r.at_least, r.below]).flatten());
    let conds = (model.questions.iter().filter_map(|q| q.ask_if.as_ref()))
        .chain(model.rules.iter().map(|r| &r.when))
        .chain(model.plans.iter().map(|p| &p.when));
    for cond in conds {
        cond.for_each_test(&mut |q, test| {
            if let (true, Test::Number(range)) = (q == question, test) {
                bounds.extend([range.at_least, range.below].into_iter().flatten());
            }
        });
    }
    bounds.contains(&n)
}

fn all_values(protocol: &ValidProtocol, question: QuestionIdx) -> Vec<Value> {
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
            (1u64..1 << model.n_options).map(|mask| Value::Options(OptionSet(mask))).collect()
        }
        QuestionKind::Number => (model.bounds.0..=model.bounds.1).map(Value::Number).collect(),
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z_<>\"'&\u{202e}]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Replaces the node a seed picks (walking down the tree) with `replacement`.
fn replace_random_node(json: &mut serde_json::Value, seed: u64, replacement: serde_json::Value) {
    let mut rng = common::random_protocol::Rng::new(seed);
    let mut node = json;
    loop {
        let children = match node {
            serde_json::Value::Object(map) => map.len(),
            serde_json::Value::Array(items) => items.len(),
            _ => 0,
        };
        if children == 0 || rng.chance(20) {
            *node = replacement;
            return;
        }
        let pick = rng.below(children);
        node = match node {
            serde_json::Value::Object(map) => map.values_mut().nth(pick).unwrap(),
            serde_json::Value::Array(items) => &mut items[pick],
            _ => unreachable!("only containers have children"),
        };
    }
}
