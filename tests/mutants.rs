//! Mutation testing of the safety net: every contraindication rule (a rule whose effect is
//! `consult`, `postpone` or `not_candidate`) of the default protocol is removed or weakened in
//! turn, and the verifier must reject every mutant that makes a contraindicated visitor a
//! candidate, with a counterexample that replays through the engine to `candidate` where the
//! original protocol says otherwise. Mutants that stay safe are classified with the reason.
//!
//! `tests/verify.rs` turns each blocking rule straight into a note, or removes it, and checks that
//! the verifier notices; this file makes the full set of mutants (removal, one step weaker, no
//! early end, a narrower condition), decides which ones really are unsafe by counting candidate
//! paths, and asserts the exact counts. The mutants that stay safe for booking (a weaker block)
//! are each rejected by the screening-profile proof instead.

mod common;

use candidacy::answers::Answers;
use candidacy::engine::{next_step, Step};
use candidacy::profile::ProfileSet;
use candidacy::protocol::{Outcome, ValidProtocol};
use candidacy::verify::profile::{prove, ItemProperty};
use candidacy::verify::{verify, Failure, Property};
use common::random_protocol::Rng;
use common::{answers_of, default_json, default_protocol, load_json};
use serde_json::{json, Value as Json};

/// How a mutant weakens its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Operator {
    /// The rule is gone.
    Remove,
    /// Its effect one step weaker: not_candidate → postpone → consult → note.
    Lower,
    /// It no longer ends the quiz early.
    DropEndsQuiz,
    /// Its condition holds for fewer visitors: one alternative of an `any` or one option of a
    /// `chose_any` dropped, a number range one narrower at either end, or the whole condition
    /// restricted to visitors with one concern.
    Narrow,
}

struct Mutant {
    rule: String,
    operator: Operator,
    what: String,
    json: Json,
}

/// The properties that keep a visitor from being told to book: every path ends, and none with a
/// blocking rule, a finding or an unsure screening answer is `candidate`; a candidate gets a plan.
const SAFETY: [Property; 5] = [
    Property::EveryPathEnds,
    Property::BlockingRuleNeverCandidate,
    Property::FindingNeverCandidate,
    Property::UnsureNeverCandidate,
    Property::CandidateHasPlan,
];

#[test]
fn every_weakened_contraindication_rule_that_lets_a_contraindicated_visitor_book_is_rejected() {
    let original_json = default_json();
    let original = default_protocol();
    let original_report = verify(&original).unwrap();
    let profiles = ProfileSet::builtin();
    assert!(original_report.holds());
    let original_candidates = original_report.outcomes[Outcome::Candidate as usize];

    let mutants = mutants(&original_json);
    let mut killed = Vec::new();
    let mut equivalent = Vec::new();
    for mutant in &mutants {
        let label = format!("{:?} `{}` ({})", mutant.operator, mutant.rule, mutant.what);
        let protocol = load_json(&mutant.json);
        let report = verify(&protocol).unwrap();
        // The truth, from every path: does some visitor become a candidate who was not one before?
        // Every operator only weakens, so the candidate paths can only grow; more of them means
        // someone the original protocol stopped is now told to book.
        let candidates = report.outcomes[Outcome::Candidate as usize];
        assert!(candidates >= original_candidates, "{label}: a weakening never removes candidates");
        let unsafe_mutant = candidates > original_candidates;

        let examples: Vec<_> = (report.results.iter())
            .filter(|result| SAFETY.contains(&result.property))
            .flat_map(|result| &result.failures)
            .map(|failure| match failure {
                Failure::Paths { paths, example } => (*paths, example),
                other => panic!("{label}: a safety property fails with a path, not {other:?}"),
            })
            .collect();
        assert_eq!(!examples.is_empty(), unsafe_mutant, "{label}: rejected exactly when unsafe");
        if unsafe_mutant {
            for (paths, example) in examples {
                assert!(paths > 0);
                assert_eq!(example.outcome, Some(Outcome::Candidate), "{label}");
                let answers = answers_of(&protocol, &example.answers);
                assert_eq!(outcome(&protocol, &answers), Outcome::Candidate, "{label}: the counterexample replays");
                let before = outcome(&original, &answers);
                assert_ne!(before, Outcome::Candidate, "{label}: the original stops this visitor");
            }
            killed.push(label);
        } else {
            // Equivalent for safety: the same candidate paths. Spot-check that with the engine on
            // random complete paths, independently of the verifier's counts.
            let mut rng = Rng::new(killed.len() as u64 * 7919 + equivalent.len() as u64);
            for _ in 0..200 {
                let answers = random_path(&protocol, &mut rng);
                let candidate_now = outcome(&protocol, &answers) == Outcome::Candidate;
                assert_eq!(candidate_now, outcome(&original, &answers) == Outcome::Candidate, "{label}: {answers:?}");
            }
            // Safe for booking, but weaker than the labeling asks: the profile proof rejects it.
            let profile = profiles.get("microneedling").expect("the default protocol's profile");
            let proof = prove(&protocol, profile).unwrap();
            assert!(
                proof.failures.iter().any(|f| f.property == ItemProperty::AtLeastItsOutcome),
                "{label}: the profile proof rejects a weakening below the item's least outcome"
            );
            equivalent.push((label, why_equivalent(mutant)));
        }
    }

    let count = |operator: Operator| mutants.iter().filter(|m| m.operator == operator).count();
    eprintln!(
        "mutants: {} made, {} killed, {} equivalent (remove {}, lower {}, drop ends_quiz {}, narrow {})",
        mutants.len(),
        killed.len(),
        equivalent.len(),
        count(Operator::Remove),
        count(Operator::Lower),
        count(Operator::DropEndsQuiz),
        count(Operator::Narrow),
    );
    for (label, why) in &equivalent {
        eprintln!("  equivalent: {label}: {why}");
    }
    // The default protocol has 40 contraindication rules (2 not_candidate, 9 postpone, 29 consult),
    // none of which ends the quiz: 40 removals, 40 one-step lowerings and 43 narrowings (one
    // restriction per rule, the upper bound of `age_minor` and both bounds of `age_under_22`).
    // Equivalent: the 2 not_candidate → postpone and the 9 postpone → consult; every other mutant
    // lets a contraindicated visitor book.
    // (A change to the default protocol's rules changes these counts: recount them from the
    // printed summary and say why each equivalent mutant is safe.)
    assert_eq!(
        (count(Operator::Remove), count(Operator::Lower), count(Operator::DropEndsQuiz), count(Operator::Narrow)),
        (40, 40, 0, 43)
    );
    assert_eq!((mutants.len(), killed.len(), equivalent.len()), (123, 112, 11), "made, killed, equivalent");
    let with_reason = |why: &str| equivalent.iter().filter(|(_, reason)| *reason == why).count();
    assert_eq!(
        [with_reason(NOT_CANDIDATE_TO_POSTPONE), with_reason(POSTPONE_TO_CONSULT), with_reason(NO_EARLY_END)],
        [2, 9, 0],
        "equivalent mutants by reason"
    );
}

const NOT_CANDIDATE_TO_POSTPONE: &str = "postpone still keeps the visitor from booking";
const POSTPONE_TO_CONSULT: &str = "consult still sends the visitor to a clinician before booking";
const NO_EARLY_END: &str = "the rule still fires at the end of the longer path";

/// Why a mutant the verifier accepts is safe: only these weakenings may be.
fn why_equivalent(mutant: &Mutant) -> &'static str {
    match (mutant.operator, mutant.what.as_str()) {
        (Operator::Lower, "not_candidate → postpone") => NOT_CANDIDATE_TO_POSTPONE,
        (Operator::Lower, "postpone → consult") => POSTPONE_TO_CONSULT,
        (Operator::DropEndsQuiz, _) => NO_EARLY_END,
        _ => panic!(
            "{:?} `{}` ({}) weakens safety, yet no visitor became a candidate",
            mutant.operator, mutant.rule, mutant.what
        ),
    }
}

fn outcome(protocol: &ValidProtocol, answers: &Answers) -> Outcome {
    match next_step(protocol, answers) {
        Step::Recommend(recommendation) => recommendation.outcome,
        Step::Ask { question, .. } => panic!("incomplete path: question {question} unanswered"),
    }
}

/// A complete path through `protocol`, each answer picked at random among the accepted ones.
fn random_path(protocol: &ValidProtocol, rng: &mut Rng) -> Answers {
    use candidacy::answers::{OptionSet, Value, YesNo};
    use candidacy::protocol::QuestionKind;
    let mut answers = Answers::new(protocol.questions().len());
    while let Step::Ask { question, .. } = next_step(protocol, &answers) {
        let model = &protocol.model.questions[question];
        let value = match model.kind {
            QuestionKind::YesNo => {
                Value::YesNo([YesNo::No, YesNo::Yes, YesNo::Unsure][rng.below(2 + usize::from(model.unsure_allowed))])
            }
            QuestionKind::SingleChoice => Value::Option(rng.below(model.n_options)),
            QuestionKind::MultipleChoice => Value::Options(OptionSet(1 + (rng.next() % ((1 << model.n_options) - 1)))),
            QuestionKind::Number => {
                Value::Number(model.bounds.0 + rng.below((model.bounds.1 - model.bounds.0 + 1) as usize) as i64)
            }
        };
        // Screening answers are mostly "no" on real paths; bias towards them so that candidate
        // paths (where a weakening would show) are common.
        let value = match value {
            Value::YesNo(_) if model.screening && rng.chance(85) => Value::YesNo(YesNo::No),
            other => other,
        };
        answers.set(question, Some(value));
    }
    answers
}

/// Every mutant of every contraindication rule, in rule order.
fn mutants(original: &Json) -> Vec<Mutant> {
    let rules = original["rules"].as_array().unwrap();
    let mut mutants = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let effect = rule["effect"].as_str().unwrap();
        if effect == "note" {
            continue;
        }
        let id = rule["id"].as_str().unwrap().to_owned();
        let mut make = |operator: Operator, what: String, change: &dyn Fn(&mut Json)| {
            let mut json = original.clone();
            change(&mut json);
            mutants.push(Mutant { rule: id.clone(), operator, what, json });
        };

        make(Operator::Remove, "removed".into(), &|json| {
            json["rules"].as_array_mut().unwrap().remove(i);
        });

        let lower = match effect {
            "not_candidate" => "postpone",
            "postpone" => "consult",
            "consult" => "note",
            other => panic!("unknown effect {other}"),
        };
        make(Operator::Lower, format!("{effect} → {lower}"), &|json| {
            let rule = json["rules"][i].as_object_mut().unwrap();
            let reason = rule["reason"].clone();
            rule.insert("effect".into(), lower.into());
            rule.remove("instead");
            match lower {
                // A postpone rule says when to come back; the reason stands in for it.
                "postpone" => _ = rule.insert("come_back".into(), reason),
                _ => _ = rule.remove("come_back"),
            }
            if lower == "note" {
                rule.remove("ends_quiz");
            }
        });

        if rule["ends_quiz"] == true {
            make(Operator::DropEndsQuiz, "no early end".into(), &|json| {
                json["rules"][i].as_object_mut().unwrap().remove("ends_quiz");
            });
        }

        for (what, when) in narrowings(&rule["when"]) {
            make(Operator::Narrow, what, &|json| json["rules"][i]["when"] = when.clone());
        }
    }
    mutants
}

/// Conditions that hold for fewer visitors than `when`, each with what was changed.
fn narrowings(when: &Json) -> Vec<(String, Json)> {
    let mut narrower = Vec::new();
    narrow_within(when, &mut |what, replaced| narrower.push((what, replaced)), &|inner| inner);
    // Restricted to visitors with one concern (or, for a rule about concerns, one treatment area).
    let (question, option) =
        if when.to_string().contains("\"concerns\"") { ("treatment_area", "face") } else { ("concerns", "acne_scars") };
    let restricted = json!({"all": [when, {"chose": {"question": question, "option": option}}]});
    narrower.push((format!("only with `{question}` `{option}`"), restricted));
    narrower
}

/// Narrows one part of `when` at a time, only where it is not negated (narrowing under a `not`
/// would widen), rebuilding the whole condition with `rebuild`.
fn narrow_within(when: &Json, found: &mut dyn FnMut(String, Json), rebuild: &dyn Fn(Json) -> Json) {
    let (kind, body) = when.as_object().and_then(|o| o.iter().next()).expect("a condition has one key");
    match kind.as_str() {
        "any" | "all" => {
            let parts = body.as_array().unwrap();
            for (k, part) in parts.iter().enumerate() {
                if kind == "any" && parts.len() > 1 {
                    let mut rest = parts.clone();
                    rest.remove(k);
                    found(format!("`any` without alternative {k}"), rebuild(json!({"any": rest})));
                }
                let rebuild_part = |inner: Json| {
                    let mut parts = parts.clone();
                    parts[k] = inner;
                    rebuild(json!({ kind.clone(): parts }))
                };
                narrow_within(part, found, &rebuild_part);
            }
        }
        "chose_any" => {
            let options = body["options"].as_array().unwrap();
            for (k, option) in options.iter().enumerate().filter(|_| options.len() > 1) {
                let mut test = body.clone();
                test["options"].as_array_mut().unwrap().remove(k);
                found(format!("`chose_any` without {option}"), rebuild(json!({"chose_any": test})));
            }
        }
        "number" => {
            let (at_least, below) = (body["at_least"].as_i64(), body["below"].as_i64());
            let non_empty = |low: Option<i64>, high: Option<i64>| low.zip(high).is_none_or(|(l, h)| l < h);
            if let Some(low) = at_least.filter(|&l| non_empty(Some(l + 1), below)) {
                let mut test = body.clone();
                test["at_least"] = (low + 1).into();
                found(format!("`at_least` {low} → {}", low + 1), rebuild(json!({"number": test})));
            }
            if let Some(high) = below.filter(|&h| non_empty(at_least, Some(h - 1))) {
                let mut test = body.clone();
                test["below"] = (high - 1).into();
                found(format!("`below` {high} → {}", high - 1), rebuild(json!({"number": test})));
            }
        }
        // `not` (narrowing inside would widen), single tests and `chose_only` (dropping an option
        // narrows it only for visitors who chose that option alone; the concern restriction
        // covers such rules) are left whole.
        _ => {}
    }
}
