//! The events the host page hears, over whole quizzes of the default protocol: one start, a step
//! per question shown, one complete per result; no answers unless the clinic opted in.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use candidacy::answers::YesNo;
use candidacy::flow::{reduce, Action, Draft, Flow};
use candidacy::host_events::{HostAction, HostEvent, Tracker};
use candidacy::protocol::ValidProtocol;
use common::default_protocol;
use common::quiz::{answer, safe_draft};

/// Runs `actions` from `flow`, collecting every event the tracker reports (the mount included).
fn events(protocol: &ValidProtocol, flow: Flow, actions: &[Action]) -> (Flow, Vec<HostEvent>) {
    let mut tracker = Tracker::default();
    let mut seen = tracker.observe(protocol, &flow);
    let flow = actions.iter().fold(flow, |flow, action| {
        if *action == Action::StartOver {
            tracker.start_over();
        }
        let flow = reduce(protocol, flow, action.clone());
        seen.extend(tracker.observe(protocol, &flow));
        flow
    });
    (flow, seen)
}

/// Every answer safe, then the result: the actions a visitor takes.
fn safe_quiz(protocol: &ValidProtocol) -> Vec<Action> {
    let mut actions = vec![Action::Start];
    let mut flow = reduce(protocol, Flow::new(protocol), Action::Start);
    while let candidacy::flow::Screen::Question(_) = flow.screen {
        let draft = safe_draft(protocol, &flow);
        actions.extend([Action::Edit(draft.clone()), Action::Continue]);
        flow = answer(protocol, flow, draft);
    }
    actions.push(Action::SeeResult);
    actions
}

fn names(events: &[HostEvent]) -> Vec<&'static str> {
    events.iter().map(HostEvent::name).collect()
}

#[test]
fn a_whole_quiz_makes_one_start_a_step_per_question_and_one_complete() {
    let protocol = default_protocol();
    let actions = safe_quiz(&protocol);
    let (flow, seen) = events(&protocol, Flow::new(&protocol), &actions);
    let asked = flow.walk(&protocol).asked;
    let mut expected = vec!["candidacy:start"];
    expected.extend(std::iter::repeat_n("candidacy:step", asked.len()));
    expected.push("candidacy:complete");
    assert_eq!(names(&seen), expected);

    let steps: Vec<(String, usize)> = seen
        .iter()
        .filter_map(|e| match e {
            HostEvent::Step { question, index, .. } => Some((question.clone(), *index)),
            _ => None,
        })
        .collect();
    let path: Vec<(String, usize)> =
        asked.iter().enumerate().map(|(i, &q)| (protocol.questions()[q].id.clone(), i + 1)).collect();
    assert_eq!(steps, path);

    let complete = seen.last().unwrap().detail(&protocol, None);
    assert_eq!(complete["outcome"], "candidate");
    assert_eq!(complete["protocol"]["id"], "microneedling");
    assert!(complete["plan"]["sessionsMin"].as_u64().unwrap() >= 1, "{complete}");
}

#[test]
fn details_carry_no_answers_unless_shared() {
    let protocol = default_protocol();
    let (flow, seen) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    for event in &seen {
        let detail = event.detail(&protocol, None).to_string();
        assert!(!detail.contains("answers") && !detail.contains("reasons"), "{detail}");
        // Not even an option id of an answer leaks into a default detail.
        assert!(!detail.contains("fine_lines") && !detail.contains("neck_chest"), "{detail}");
    }
    let shared = seen.last().unwrap().detail(&protocol, Some(&flow.answers));
    assert_eq!(shared["answers"]["concerns"], serde_json::json!(["fine_lines"]));
    assert_eq!(shared["reasons"], serde_json::json!([]));
    let action = HostEvent::Action(HostAction::from_hook("book").unwrap()).detail(&protocol, Some(&flow.answers));
    assert_eq!(
        action,
        serde_json::json!({"protocol": {"id": "microneedling", "version": protocol.protocol.version}, "action": "book"})
    );
}

#[test]
fn a_blocking_answer_completes_with_its_outcome_and_shared_reasons() {
    let protocol = default_protocol();
    let mut actions = vec![Action::Start];
    let mut flow = reduce(&protocol, Flow::new(&protocol), Action::Start);
    while let candidacy::flow::Screen::Question(q) = flow.screen {
        let draft = match protocol.questions()[q].id.as_str() {
            "pregnant_or_breastfeeding" => Draft::YesNo(YesNo::Yes),
            _ => safe_draft(&protocol, &flow),
        };
        actions.extend([Action::Edit(draft.clone()), Action::Continue]);
        flow = answer(&protocol, flow, draft);
    }
    actions.push(Action::SeeResult);
    let (flow, seen) = events(&protocol, Flow::new(&protocol), &actions);
    let detail = seen.last().unwrap().detail(&protocol, Some(&flow.answers));
    assert_eq!(detail["outcome"], "postpone");
    assert_eq!(detail["plan"], serde_json::Value::Null);
    assert!(
        detail["reasons"].as_array().unwrap().contains(&serde_json::json!("pregnant_or_breastfeeding")),
        "{detail}"
    );
}

#[test]
fn without_a_welcome_screen_the_first_answer_starts_the_quiz() {
    let protocol = default_protocol();
    let first = Flow::started(&protocol);
    let draft = safe_draft(&protocol, &first);
    let (_, seen) = events(&protocol, first, &[Action::Edit(draft), Action::Continue]);
    assert_eq!(names(&seen), ["candidacy:step", "candidacy:start", "candidacy:step"]);
}

#[test]
fn a_restored_session_is_not_a_new_start_and_start_over_allows_one() {
    let protocol = default_protocol();
    let (answered, _) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    // Mounting on a restored result announces nothing; Start over then Start is a new start.
    let (_, seen) = events(&protocol, answered, &[Action::StartOver, Action::Start]);
    assert_eq!(names(&seen), ["candidacy:start", "candidacy:step"]);
    // Back to the welcome screen and on again is the same start.
    let (_, seen) = events(&protocol, Flow::new(&protocol), &[Action::Start, Action::Back, Action::Start]);
    assert_eq!(names(&seen), ["candidacy:start", "candidacy:step", "candidacy:step"]);
}
