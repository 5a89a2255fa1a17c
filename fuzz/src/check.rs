//! Target `check`: arbitrary bytes through `check` (load, validation, path checks); for inputs that
//! load, the verifier and the engine on arbitrary answers.
//!
//! The input is protocol text, optionally followed by a NUL byte and answer bytes (a NUL can never
//! be part of valid JSON, so the split loses nothing). Properties: nothing panics; every
//! diagnostic names a place; a rejected file has an error; the verifier's path counts add up; the
//! engine recommends after at most every question, and its outcome is the one the verifier's
//! diagram records; when the verifier proves that a finding never yields `candidate`, it does not.
//! For a chooser, each treatment's outcome is its own diagram's, and the visitor is recommended
//! the best of them.

use candidacy::answers::{Answers, OptionSet, Value, YesNo};
use candidacy::answers_json::AnswersJson;
use candidacy::engine::{compare, next_step, walk, Step};
use candidacy::protocol::{Outcome, QuestionKind, QuestionModel, ValidProtocol};
use candidacy::verify::{verify, Property, Report};

pub fn check(data: &[u8]) {
    let (text, answer_bytes) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(text);
    let checked = candidacy::check::check("fuzz.json", &text);
    for diagnostic in &checked.diagnostics.items {
        let located = !diagnostic.pointer.is_empty() || diagnostic.line.is_some();
        assert!(located, "every diagnostic names a place: {diagnostic:?}");
    }
    let Some(protocol) = checked.protocol else {
        assert!(checked.diagnostics.has_errors(), "a rejected file has an error");
        return;
    };
    let report = verify(&protocol).expect("`check` explored it, so `verify` can");
    assert_eq!(report.outcomes.iter().fold(0u128, |sum, &n| sum.saturating_add(n)), report.paths);

    // Answers from the JSON form, when the tail is JSON: errors, never panics.
    if let Ok(json) = serde_json::from_slice::<serde_json::Value>(answer_bytes) {
        if let Ok(answers) = Answers::from_json(&protocol, &json) {
            let _ = next_step(&protocol, &answers);
        }
    }

    // A visitor answering step by step, sometimes with answers that do not fit the question.
    let mut bytes = answer_bytes.iter().copied().chain(std::iter::repeat(0x5a)).enumerate();
    let mut answers = Answers::new(protocol.questions().len());
    for _ in 0..=2 * protocol.questions().len() + 1 {
        match next_step(&protocol, &answers) {
            Step::Ask { question, progress } => {
                assert!(progress.remaining >= 1);
                let (i, byte) = bytes.next().expect("endless");
                let model = &protocol.model.questions[question];
                let wild = i < answer_bytes.len() && byte & 0x80 != 0;
                let value = if wild && answers.get(question).is_none() {
                    // Any value at all: the engine must ignore what the question does not accept.
                    match byte % 4 {
                        0 => Value::YesNo(YesNo::Unsure),
                        1 => Value::Option(usize::from(byte)),
                        2 => Value::Options(OptionSet(u64::from(byte).rotate_left(u32::from(byte)))),
                        _ => Value::Number(i64::from(byte as i8) * 1_000_000_007),
                    }
                } else {
                    fitting(model, byte)
                };
                answers.set(question, Some(value));
            }
            Step::Recommend(recommendation) => {
                let walk = walk(&protocol, &answers);
                if protocol.treatments.is_empty() {
                    agree(&report, &protocol, &walk.answers, recommendation.outcome);
                    return;
                }
                // A chooser: each treatment is verified as its own protocol, and the visitor is
                // recommended the first treatment with the best outcome.
                let each = compare(&protocol, &walk);
                let best = each.iter().map(|treatment| treatment.outcome).min();
                assert_eq!(Some(recommendation.outcome), best, "a chooser recommends the best treatment");
                for (choice, treatment) in protocol.treatments.iter().zip(&each) {
                    let report =
                        verify(&choice.protocol).expect("`check` accepted the chooser, so each treatment verifies");
                    let walk = candidacy::engine::walk(&choice.protocol, &walk.answers);
                    agree(&report, &choice.protocol, &walk.answers, treatment.outcome);
                }
                return;
            }
        }
    }
    panic!("the engine never recommended after answering every question");
}

/// The engine's `outcome` for a complete path is the one the verifier's diagram records, and a
/// proof that a finding never yields `candidate` holds on the path.
fn agree(report: &Report, protocol: &ValidProtocol, answers: &Answers, outcome: Outcome) {
    assert_eq!(report.graph.outcome_of(answers), Some(outcome), "engine and verifier agree");
    let finding = answers.answered().any(|(q, v)| protocol.model.questions[q].is_finding(v));
    let safe = report.results.iter().find(|r| r.property == Property::FindingNeverCandidate).unwrap().holds();
    if safe && finding {
        assert_ne!(outcome, Outcome::Candidate, "the proof holds");
    }
}

/// A value the question accepts, picked by `byte`.
pub fn fitting(model: &QuestionModel, byte: u8) -> Value {
    match model.kind {
        QuestionKind::YesNo => match byte % if model.unsure_allowed { 3 } else { 2 } {
            0 => Value::YesNo(YesNo::No),
            1 => Value::YesNo(YesNo::Yes),
            _ => Value::YesNo(YesNo::Unsure),
        },
        QuestionKind::SingleChoice => Value::Option(usize::from(byte) % model.n_options.max(1)),
        QuestionKind::MultipleChoice => {
            let all = if model.n_options >= 64 { u64::MAX } else { (1u64 << model.n_options) - 1 };
            let chosen = u64::from(byte).wrapping_mul(0x9e37_79b9_7f4a_7c15) & all;
            Value::Options(OptionSet(if chosen == 0 { 1 } else { chosen }))
        }
        QuestionKind::Number => {
            let (min, max) = model.bounds;
            let span = (max as i128 - min as i128 + 1) as u128;
            Value::Number((min as i128 + (u128::from(byte) * 0x0101_0101 % span) as i128) as i64)
        }
    }
}
