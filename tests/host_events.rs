//! The events the host page hears, over whole quizzes of the default protocol: one start, a step
//! per question shown, one complete per result; no answers unless the clinic opted in.

mod common;

use candidacy::answers::Answers;
use candidacy::answers::YesNo;
use candidacy::attribution::Attribution;
use candidacy::flow::{reduce, Action, Draft, Flow};
use candidacy::host_events::{Context, HostAction, HostEvent, Tracker};
use candidacy::protocol::ValidProtocol;
use common::default_protocol;
use common::quiz::{answer, safe_draft};
use common::random_protocol::Rng;

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

/// A detail as the default widget sends it: no answers, no campaign, not a test.
fn plain(protocol: &ValidProtocol, event: &HostEvent) -> serde_json::Value {
    event
        .detail(protocol, &Context { answers: None, attribution: &Attribution::default(), test: false, outcome: false })
}

/// A detail with `analytics-outcome`: the outcome and the plan, still no answers.
fn with_outcome(protocol: &ValidProtocol, event: &HostEvent) -> serde_json::Value {
    event.detail(protocol, &Context { answers: None, attribution: &Attribution::default(), test: false, outcome: true })
}

fn shared(protocol: &ValidProtocol, event: &HostEvent, answers: &Answers) -> serde_json::Value {
    event.detail(
        protocol,
        &Context { answers: Some(answers), attribution: &Attribution::default(), test: false, outcome: false },
    )
}

fn book_action_detail(protocol: &ValidProtocol, answers: &Answers) -> serde_json::Value {
    shared(protocol, &HostEvent::Action(HostAction::from_hook("book").unwrap()), answers)
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

    assert!(plain(&protocol, seen.last().unwrap()).get("outcome").is_none(), "no outcome without an opt-in");
    let complete = with_outcome(&protocol, seen.last().unwrap());
    assert_eq!(complete["outcome"], "candidate");
    assert_eq!(complete["protocol"]["id"], "microneedling");
    assert!(complete["plan"]["sessionsMin"].as_u64().unwrap() >= 1, "{complete}");
}

#[test]
fn details_carry_no_answers_unless_shared() {
    let protocol = default_protocol();
    let (flow, seen) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    for event in &seen {
        let detail = plain(&protocol, event).to_string();
        assert!(!detail.contains("answers") && !detail.contains("reasons"), "{detail}");
        // Not even an option id of an answer leaks into a default detail.
        assert!(!detail.contains("fine_lines") && !detail.contains("neck_chest"), "{detail}");
    }
    let shared = shared(&protocol, seen.last().unwrap(), &flow.answers);
    assert_eq!(shared["answers"]["concerns"], serde_json::json!(["fine_lines"]));
    assert_eq!(shared["reasons"], serde_json::json!([]));
    let action = book_action_detail(&protocol, &flow.answers);
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
    let detail = shared(&protocol, seen.last().unwrap(), &flow.answers);
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

#[test]
fn campaign_parameters_and_test_mode_mark_details_and_the_data_layer_hides_the_outcome() {
    let protocol = default_protocol();
    let (_, seen) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    let attribution = Attribution::from_pairs([("utm_source", "<script>x</script>"), ("gclid", "abc")]);
    let context = Context { answers: None, attribution: &attribution, test: true, outcome: true };
    let start = seen[0].detail(&protocol, &context);
    assert_eq!(start["attribution"], serde_json::json!({"utm_source": "<script>x</script>", "gclid": "abc"}));
    assert_eq!(start["test"], true);
    let step = seen[1].detail(&protocol, &context);
    assert!(step.get("attribution").is_none(), "only start and complete carry the campaign");

    let complete = seen.last().unwrap();
    let detail = complete.detail(&protocol, &context);
    assert_eq!(detail["outcome"], "candidate");
    let pushed = complete.data_layer_entry(&detail, false);
    assert_eq!(pushed["event"], "candidacy_complete");
    assert!(pushed.get("outcome").is_none() && pushed.get("sessions_min").is_none(), "{pushed}");
    assert_eq!(pushed["attribution"]["gclid"], "abc");
    let with_outcome = complete.data_layer_entry(&detail, true);
    assert_eq!(with_outcome["outcome"], "candidate");
    assert!(with_outcome["sessions_min"].is_u64() && with_outcome["interval_weeks_max"].is_u64(), "{with_outcome}");
}

/// GA4 takes event and parameter names of letters, digits and underscores, starting with a letter.
fn ga4_name(name: &str) -> bool {
    name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[test]
fn every_data_layer_push_has_ga4_valid_names_and_a_sent_lead_is_generate_lead() {
    let protocol = default_protocol();
    let (_, mut seen) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    seen.extend([HostEvent::Action(HostAction::Book), HostEvent::LeadSent]);
    let attribution = Attribution::from_pairs([("utm_source", "newsletter")]);
    let context = Context { answers: None, attribution: &attribution, test: true, outcome: true };
    let mut names = Vec::new();
    for event in &seen {
        let entry = event.data_layer_entry(&event.detail(&protocol, &context), true);
        let name = entry["event"].as_str().unwrap().to_owned();
        assert!(ga4_name(&name), "{name}");
        for key in entry.as_object().unwrap().keys().filter(|key| *key != "event") {
            assert!(ga4_name(key), "{name}: {key}");
        }
        assert_eq!(entry["protocol_id"], protocol.protocol.id.as_str());
        names.push(name);
    }
    names.dedup();
    assert_eq!(names, ["candidacy_start", "candidacy_step", "candidacy_complete", "candidacy_action", "generate_lead"]);
    let lead = HostEvent::LeadSent.data_layer_entry(&HostEvent::LeadSent.detail(&protocol, &context), false);
    assert_eq!(lead["lead_source"], "candidacy");
}

#[test]
fn a_sent_lead_never_carries_answers_even_when_they_are_shared() {
    let protocol = default_protocol();
    let (flow, _) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    let context =
        Context { answers: Some(&flow.answers), attribution: &Attribution::default(), test: false, outcome: false };
    let detail = HostEvent::LeadSent.detail(&protocol, &context);
    assert_eq!(HostEvent::LeadSent.name(), "candidacy:lead-sent");
    assert!(detail.get("answers").is_none(), "{detail}");
    assert_eq!(detail["protocol"]["id"], protocol.protocol.id.as_str());
}

/// A visitor who answers at random (any option, "I'm not sure" included) until a result.
fn random_visit(protocol: &ValidProtocol, rng: &mut Rng) -> Vec<Action> {
    use candidacy::answers::OptionSet;
    use candidacy::protocol::QuestionKind;
    let mut actions = vec![Action::Start];
    let mut flow = reduce(protocol, Flow::new(protocol), Action::Start);
    while let candidacy::flow::Screen::Question(q) = flow.screen {
        let question = &protocol.questions()[q];
        let draft = match question.kind {
            QuestionKind::YesNo => Draft::YesNo([YesNo::No, YesNo::Yes, YesNo::Unsure][rng.below(3)]),
            QuestionKind::SingleChoice => Draft::Single(rng.below(question.options.len())),
            QuestionKind::MultipleChoice => {
                let n = question.options.len();
                let picked: OptionSet = (0..n).filter(|_| rng.chance(40)).collect();
                Draft::Multi(if picked.is_empty() { OptionSet::single(rng.below(n)) } else { picked })
            }
            QuestionKind::Number => {
                let (min, max) = (question.min.unwrap_or(0), question.max.unwrap_or(100));
                Draft::Number((min + rng.below((max - min + 1) as usize) as i64).to_string())
            }
        };
        let next = answer(protocol, flow.clone(), draft.clone());
        let draft = if next.screen == flow.screen { safe_draft(protocol, &flow) } else { draft };
        actions.extend([Action::Edit(draft.clone()), Action::Continue]);
        flow = answer(protocol, flow, draft);
    }
    actions.push(Action::SeeResult);
    actions
}

/// What `analytics` alone releases: the page and its tags hear the same for every visitor.
fn released_pushes(
    protocol: &ValidProtocol,
    events: &[HostEvent],
    attribution: &Attribution,
) -> Vec<serde_json::Value> {
    let context = Context { answers: None, attribution, test: false, outcome: false };
    events
        .iter()
        .filter(|event| event.is_released(&context))
        .map(|event| event.data_layer_entry(&event.detail(protocol, &context), false))
        .collect()
}

#[test]
fn with_analytics_alone_every_visitor_who_reaches_a_result_looks_the_same() {
    let protocol = default_protocol();
    let attribution = Attribution::from_pairs([("utm_source", "ads"), ("gclid", "abc123")]);
    let mut rng = Rng::new(0x5eed);
    let mut sequences = std::collections::BTreeMap::new();
    let mut outcomes = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let (flow, seen) = events(&protocol, Flow::new(&protocol), &random_visit(&protocol, &mut rng));
        outcomes.insert(candidacy::engine::recommend(&protocol, &flow.walk(&protocol)).outcome);
        let pushes = serde_json::to_string(&released_pushes(&protocol, &seen, &attribution)).unwrap();
        *sequences.entry(pushes).or_insert(0) += 1;
    }
    assert!(outcomes.len() >= 3, "the random visitors reach several outcomes: {outcomes:?}");
    assert_eq!(sequences.len(), 1, "{sequences:#?}");
    let names: Vec<serde_json::Value> = serde_json::from_str(sequences.keys().next().unwrap()).unwrap();
    let names: Vec<_> = names.iter().map(|push| push["event"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names, ["candidacy_start", "candidacy_complete"]);
}

#[test]
fn steps_are_heard_only_with_share_answers() {
    let protocol = default_protocol();
    let (flow, seen) = events(&protocol, Flow::new(&protocol), &safe_quiz(&protocol));
    let step = seen.iter().find(|e| matches!(e, HostEvent::Step { .. })).unwrap();
    let none = Attribution::default();
    let default = Context { answers: None, attribution: &none, test: false, outcome: true };
    assert!(!step.is_released(&default), "not even with analytics-outcome");
    assert!(step.is_released(&Context { answers: Some(&flow.answers), ..default }));
    assert!(seen.iter().filter(|e| !matches!(e, HostEvent::Step { .. })).all(|e| e.is_released(&default)));
}
