//! Target `restore`: a quiz saved in `sessionStorage` read back by `Flow::restore`, against each
//! protocol of [`crate::protocols`]; and quizzes a visitor could really save, built from the same
//! bytes read as the visitor's moves through `flow::reduce` (on one protocol, picked by the input's
//! length).
//!
//! Properties:
//! - nothing panics, whatever the text;
//! - a refusal says why: its message is not empty, and one naming another protocol names the one
//!   the text was saved for;
//! - a restored quiz holds only answers its questions accept, shows a screen its answers allow,
//!   and a language its protocol declares;
//! - round trip: a restored quiz saved and restored again is the same quiz (a fixed point), and
//!   every quiz reached through `reduce` restores to the same answers, screen and language;
//! - `forget-after` (`Flow::restore_within`, what the widget calls): never restores what `restore`
//!   refuses, nor a quiz without a time, saved in the future or longer ago than allowed; otherwise
//!   it restores what `restore` does. A quiz saved with `save_at` restores within the time allowed
//!   and expires one millisecond after it.

use candidacy::answers::{OptionSet, YesNo};
use candidacy::flow::{reduce, Action, Draft, Flow, Screen};
use candidacy::protocol::{QuestionKind, ValidProtocol};
use candidacy::session::{RestoreError, SavedFlow};

use crate::protocols::protocols;

/// Moves read from one input, at most: enough to finish any of the protocols several times.
const MAX_MOVES: usize = 160;
/// `forget-after`'s default, 30 minutes, in milliseconds.
const MAX_AGE: f64 = 30.0 * 60_000.0;
/// Times the widget stamps (milliseconds since 1970), far from where `f64` loses milliseconds.
const REALISTIC: std::ops::RangeInclusive<f64> = 0.0..=1e13;

pub fn restore(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let json = serde_json::from_str::<serde_json::Value>(&text).ok();
    let saved_at = json.as_ref().and_then(|saved| saved["savedAt"].as_f64());
    for protocol in protocols() {
        let restored = Flow::restore(protocol, &text);
        expires(protocol, &text, saved_at, &restored);
        match restored {
            Ok(flow) => {
                restored_quiz_is_sound(protocol, &flow);
                let saved = flow.save(protocol);
                let again = Flow::restore(protocol, &saved).unwrap_or_else(|e| panic!("{e}: {saved}"));
                assert_eq!(again, flow, "a restored quiz saved and restored again is the same: {saved}");
                assert_eq!(again.save(protocol), saved, "saving is a fixed point");
            }
            Err(error) => {
                if let RestoreError::OtherProtocol(which) = &error {
                    let saved_for = json.as_ref().map(|saved| saved["protocol"].clone());
                    assert_eq!(saved_for, Some(which.as_str().into()), "names the protocol it was saved for: {error}");
                }
                if let RestoreError::Corrupt(why) = &error {
                    assert!(!why.trim().is_empty(), "a refusal says why: {error:?}");
                }
                assert!(!error.to_string().trim().is_empty(), "a refusal says why: {error:?}");
            }
        }
    }
    // The moves on one protocol, picked by the length, so that every byte stays a move.
    let all = protocols();
    visit(&all[data.len() % all.len()], data);
}

/// `restore_within` is `restore` on a quiz saved, by its own time, in the last `max_age`
/// milliseconds, and a refusal otherwise.
fn expires(protocol: &ValidProtocol, text: &str, saved_at: Option<f64>, restored: &Result<Flow, RestoreError>) {
    let nows = match saved_at {
        Some(at) => vec![at, at + MAX_AGE, at + MAX_AGE + 1.0, at - 1.0, 1.7e12],
        None => vec![1.7e12],
    };
    for now in nows {
        let within = Flow::restore_within(protocol, text, now, MAX_AGE);
        match (&within, restored) {
            (Ok(flow), Ok(expected)) => {
                assert_eq!(flow, expected, "restore_within restores what restore does");
                let at = saved_at.expect("restored within a time, so saved with one");
                assert!(at <= now && now - at <= MAX_AGE, "restored at {now} a quiz saved at {at}");
            }
            (Ok(_), Err(error)) => panic!("restore_within restored what restore refuses ({error})"),
            (Err(RestoreError::Expired), Ok(_)) => {
                if let Some(at) = saved_at.filter(|at| REALISTIC.contains(at)) {
                    assert!(now < at || now - at > MAX_AGE, "expired at {now}, saved at {at}");
                }
            }
            (Err(error), _) => assert!(!error.to_string().trim().is_empty(), "a refusal says why"),
        }
    }
}

/// What the widget may show after a restore.
fn restored_quiz_is_sound(protocol: &ValidProtocol, flow: &Flow) {
    for (question, value) in flow.answers.answered() {
        assert!(protocol.model.questions[question].accepts(value), "restored a value its question refuses");
    }
    let walk = flow.walk(protocol);
    assert_eq!(walk.answers, flow.answers, "no answer to a question the path skips");
    match flow.screen {
        Screen::Question(question) => {
            assert!(walk.asked.contains(&question) || walk.next == Some(question), "{:?} is off the path", flow.screen)
        }
        Screen::CheckAnswers | Screen::Result => assert_eq!(walk.next, None, "{:?} with questions open", flow.screen),
        Screen::Welcome => {}
    }
    if let Some(locale) = &flow.locale {
        assert!(protocol.protocol.locales.contains(locale), "restored an undeclared language `{locale}`");
    }
    assert_eq!((flow.error, flow.changing, flow.failed_attempts), (None, false, 0));
}

/// The bytes as a visitor's moves; after each one, the quiz as saved restores to the same quiz.
fn visit(protocol: &ValidProtocol, data: &[u8]) {
    let mut bytes = data.iter().copied();
    let mut flow = Flow::new(protocol);
    let mut last_saved = flow.save(protocol);
    for _ in 0..MAX_MOVES {
        let Some(byte) = bytes.next() else { break };
        let mut next = || bytes.next().unwrap_or(0);
        let action = match byte % 12 {
            0 => Action::Start,
            1..=3 => {
                // Usually the answer the question wants, sometimes one of another kind.
                let draft = draft(protocol, &flow, byte >= 128, next(), next());
                flow = reduce(protocol, flow, Action::Edit(draft));
                Action::Continue
            }
            4 => Action::Edit(draft(protocol, &flow, byte >= 128, next(), next())),
            5 => Action::Continue,
            6 => Action::Back,
            7 => Action::Change(usize::from(next())),
            8 => Action::SeeResult,
            9 => Action::ChangeAnswers,
            10 => match next() % 5 {
                0 => Action::Show(Screen::Welcome),
                1 => Action::Show(Screen::CheckAnswers),
                2 => Action::Show(Screen::Result),
                3 => Action::StartOver,
                _ => Action::Show(Screen::Question(usize::from(next()))),
            },
            _ => {
                let locales = &protocol.protocol.locales;
                let n = usize::from(next());
                Action::ChooseLocale(locales.get(n % (locales.len() + 1)).cloned().unwrap_or_else(|| "xx".to_owned()))
            }
        };
        flow = reduce(protocol, flow, action);
        let saved = flow.save(protocol);
        if saved == last_saved {
            continue;
        }
        // Stamped with a time, as the widget saves: restored at the last moment allowed (through
        // `restore`, so the same as without a time), and forgotten a millisecond later.
        let at = 1.7e12 + f64::from(u32::from(byte)) * 1_000.0;
        let stamped = flow.save_at(protocol, at);
        let restored = Flow::restore_within(protocol, &stamped, at + MAX_AGE, MAX_AGE)
            .unwrap_or_else(|e| panic!("{e}: {stamped}"));
        assert_eq!(restored.answers, flow.answers, "{saved}");
        assert_eq!(restored.screen, flow.screen, "{saved}");
        assert_eq!(restored.locale, flow.locale, "{saved}");
        assert_eq!(restored.save(protocol), saved);
        let late = Flow::restore_within(protocol, &stamped, at + MAX_AGE + 1.0, MAX_AGE);
        assert_eq!(late, Err(RestoreError::Expired), "a millisecond too late: {stamped}");
        last_saved = saved;
    }
}

/// A draft for the question on screen: one it accepts unless `wild`.
fn draft(protocol: &ValidProtocol, flow: &Flow, wild: bool, a: u8, b: u8) -> Draft {
    let kind = match flow.screen {
        Screen::Question(question) if !wild => protocol.model.questions[question].kind,
        _ => [QuestionKind::YesNo, QuestionKind::SingleChoice, QuestionKind::MultipleChoice, QuestionKind::Number]
            [usize::from(a % 4)],
    };
    let model = match flow.screen {
        Screen::Question(question) => Some(&protocol.model.questions[question]),
        _ => None,
    };
    let n_options = model.map_or(4, |model| model.n_options.max(1));
    match kind {
        QuestionKind::YesNo => Draft::YesNo([YesNo::No, YesNo::Yes, YesNo::Unsure][usize::from(b % 3)]),
        QuestionKind::SingleChoice if wild => Draft::Single(usize::from(b)),
        QuestionKind::SingleChoice => Draft::Single(usize::from(b) % n_options),
        QuestionKind::MultipleChoice if wild => Draft::Multi(OptionSet(u64::from(b).rotate_left(u32::from(a)))),
        QuestionKind::MultipleChoice => {
            let all = if n_options >= 64 { u64::MAX } else { (1u64 << n_options) - 1 };
            let chosen = (u64::from(a) << 8 | u64::from(b)) & all;
            Draft::Multi(OptionSet(if chosen == 0 { 1 } else { chosen }))
        }
        QuestionKind::Number => {
            let (min, max) = model.map_or((0, 100), |model| model.bounds);
            let n = if wild {
                i64::from(i16::from_le_bytes([a, b])) * 7919
            } else {
                let span = (max as i128 - min as i128 + 1) as u128;
                (min as i128 + ((u128::from(a) << 8 | u128::from(b)) % span) as i128) as i64
            };
            Draft::Number(if wild && b.is_multiple_of(5) { format!(" {n}x") } else { n.to_string() })
        }
    }
}
