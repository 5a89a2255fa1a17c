//! The quiz's state machine (what the widget's reducer runs): every action and transition.

mod common;

use candidacy::answers::{OptionSet, Value, YesNo};
use candidacy::flow::{reduce, Action, Draft, Flow, Screen};
use candidacy::session::{RestoreError, SavedFlow};
use common::default_protocol;
use common::quiz::{answer, answer_all_safely, option, q, run, safe_draft};

#[test]
fn a_new_quiz_welcomes_and_start_opens_the_first_question() {
    let protocol = default_protocol();
    let flow = Flow::new(&protocol);
    assert_eq!(flow.screen, Screen::Welcome);
    let flow = reduce(&protocol, flow, Action::Start);
    assert_eq!(flow.screen, Screen::Question(q(&protocol, "concerns")));
    assert_eq!(flow.progress(&protocol), Some((1, 25)), "scar questions may still come");
    assert_eq!(Flow::started(&protocol), flow);
}

#[test]
fn continue_without_an_answer_shows_the_error_and_keeps_the_screen() {
    let protocol = default_protocol();
    let flow = Flow::started(&protocol);
    let flow = reduce(&protocol, flow, Action::Continue);
    assert_eq!(flow.screen, Screen::Question(0));
    let error = flow.error.expect("an error");
    assert_eq!(error.message(&protocol, "en"), "Select what you would like to improve");
    let flow = reduce(&protocol, flow, Action::Edit(Draft::Multi(OptionSet::single(0))));
    assert_eq!(flow.error, None, "editing clears the error");
}

#[test]
fn a_number_must_be_whole_and_in_bounds() {
    let protocol = default_protocol();
    let mut flow = Flow::started(&protocol);
    while flow.screen != Screen::Question(q(&protocol, "age")) {
        let draft = safe_draft(&protocol, &flow);
        flow = answer(&protocol, flow, draft);
    }
    for bad in ["", "abc", "34.5", "-1", "121"] {
        let tried = answer(&protocol, flow.clone(), Draft::Number(bad.into()));
        assert_eq!(tried.screen, Screen::Question(q(&protocol, "age")), "{bad:?}");
        assert!(tried.error.is_some(), "{bad:?} is refused");
        assert_eq!(tried.draft, Draft::Number(bad.into()), "the typed text is kept");
    }
    let accepted = answer(&protocol, flow, Draft::Number(" 34 ".into()));
    assert_eq!(accepted.answers.get(q(&protocol, "age")), Some(Value::Number(34)));
}

#[test]
fn the_whole_path_leads_to_check_answers_then_the_result() {
    let protocol = default_protocol();
    let flow = answer_all_safely(&protocol, Flow::started(&protocol));
    assert_eq!(flow.screen, Screen::CheckAnswers);
    let flow = reduce(&protocol, flow, Action::SeeResult);
    assert_eq!(flow.screen, Screen::Result);
    let flow = reduce(&protocol, flow, Action::Back);
    assert_eq!(flow.screen, Screen::CheckAnswers, "back from the result returns to the check screen");
    let flow = reduce(&protocol, flow, Action::SeeResult);
    let flow = reduce(&protocol, flow, Action::ChangeAnswers);
    assert_eq!(flow.screen, Screen::CheckAnswers);
    assert!(flow.answers.answered().count() > 20, "answers are kept");
}

#[test]
fn back_walks_the_path_and_keeps_answers() {
    let protocol = default_protocol();
    let flow = Flow::started(&protocol);
    let flow = answer(&protocol, flow, Draft::Multi(OptionSet::single(option(&protocol, "concerns", "acne_scars"))));
    assert_eq!(flow.screen, Screen::Question(q(&protocol, "treatment_area")));
    let back = reduce(&protocol, flow.clone(), Action::Back);
    assert_eq!(back.screen, Screen::Question(0));
    assert_eq!(
        back.draft,
        Draft::Multi(OptionSet::single(option(&protocol, "concerns", "acne_scars"))),
        "the answer is shown again"
    );
    let welcome = reduce(&protocol, back, Action::Back);
    assert_eq!(welcome.screen, Screen::Welcome);
    let forward = answer(&protocol, reduce(&protocol, welcome, Action::Start), Draft::Multi(OptionSet::single(0)));
    assert_eq!(forward.screen, Screen::Question(q(&protocol, "treatment_area")));
}

#[test]
fn a_scar_concern_opens_the_scar_questions_and_removing_it_drops_their_answers() {
    let protocol = default_protocol();
    let acne = OptionSet::single(option(&protocol, "concerns", "acne_scars"));
    let flow = answer(&protocol, Flow::started(&protocol), Draft::Multi(acne));
    let flow = answer(&protocol, flow, Draft::Multi(OptionSet::single(0)));
    assert_eq!(flow.screen, Screen::Question(q(&protocol, "scar_severity")));
    let flow = answer(&protocol, flow, Draft::Single(0));
    assert!(flow.answers.get(q(&protocol, "scar_severity")).is_some());
    let flow = run(&protocol, flow, [Action::Back, Action::Back, Action::Back]);
    assert_eq!(flow.screen, Screen::Question(0));
    let flow = answer(&protocol, flow, Draft::Multi(OptionSet::single(option(&protocol, "concerns", "fine_lines"))));
    assert_eq!(flow.answers.get(q(&protocol, "scar_severity")), None, "the hidden question's answer is dropped");
}

#[test]
fn change_from_check_answers_returns_there_asking_newly_opened_questions_first() {
    let protocol = default_protocol();
    let flow = answer_all_safely(&protocol, Flow::started(&protocol));
    let flow = reduce(&protocol, flow, Action::Change(0));
    assert_eq!(flow.screen, Screen::Question(0));
    assert!(flow.changing);
    let both = OptionSet::from_iter([
        option(&protocol, "concerns", "fine_lines"),
        option(&protocol, "concerns", "stretch_marks"),
    ]);
    let flow = answer(&protocol, flow, Draft::Multi(both));
    assert_eq!(flow.screen, Screen::Question(q(&protocol, "scar_severity")), "the change opened a question");
    let flow = answer(&protocol, flow, Draft::Single(0));
    assert_eq!(flow.screen, Screen::Question(q(&protocol, "scar_age")));
    let flow = answer(&protocol, flow, Draft::Single(option(&protocol, "scar_age", "over_1_year")));
    assert_eq!(flow.screen, Screen::CheckAnswers, "then straight back to the check screen");
    assert!(!flow.changing);

    let flow = reduce(&protocol, flow, Action::Change(q(&protocol, "blood_thinners")));
    let flow = answer(&protocol, flow, Draft::YesNo(YesNo::Yes));
    assert_eq!(flow.screen, Screen::CheckAnswers, "a change that opens nothing returns at once");
}

#[test]
fn pregnancy_ends_nothing_the_next_question_follows() {
    let protocol = default_protocol();
    let mut flow = Flow::started(&protocol);
    while flow.screen != Screen::Question(q(&protocol, "pregnant_or_breastfeeding")) {
        let draft = safe_draft(&protocol, &flow);
        flow = answer(&protocol, flow, draft);
    }
    let flow = answer(&protocol, flow, Draft::YesNo(YesNo::Yes));
    assert_eq!(flow.screen, Screen::Question(q(&protocol, "skin_infection")));
}

#[test]
fn an_early_end_goes_straight_to_the_check_screen() {
    let mut json = common::default_json();
    let rules = json["rules"].as_array_mut().unwrap();
    rules.iter_mut().find(|rule| rule["id"] == "pregnant_or_breastfeeding").unwrap()["ends_quiz"] = true.into();
    let protocol = common::load_json(&json);
    let mut flow = Flow::started(&protocol);
    while flow.screen != Screen::Question(q(&protocol, "pregnant_or_breastfeeding")) {
        let draft = safe_draft(&protocol, &flow);
        flow = answer(&protocol, flow, draft);
    }
    let flow = answer(&protocol, flow, Draft::YesNo(YesNo::Yes));
    assert_eq!(flow.screen, Screen::CheckAnswers);
}

#[test]
fn history_can_only_show_screens_the_answers_allow() {
    let protocol = default_protocol();
    let flow = Flow::started(&protocol);
    let result = reduce(&protocol, flow.clone(), Action::Show(Screen::Result));
    assert_eq!(result.screen, Screen::Question(0), "no result before the questions are answered");
    let off_path = reduce(&protocol, flow.clone(), Action::Show(Screen::Question(q(&protocol, "scar_age"))));
    assert_eq!(off_path.screen, Screen::Question(0));
    let welcome = reduce(&protocol, flow, Action::Show(Screen::Welcome));
    assert_eq!(welcome.screen, Screen::Welcome);
}

#[test]
fn start_over_clears_every_answer() {
    let protocol = default_protocol();
    let flow = answer_all_safely(&protocol, Flow::started(&protocol));
    let flow = reduce(&protocol, flow, Action::StartOver);
    assert_eq!(flow, Flow::new(&protocol));
}

#[test]
fn a_saved_quiz_restores_to_the_same_screen_and_answers() {
    let protocol = default_protocol();
    let mut flow = Flow::started(&protocol);
    for _ in 0..5 {
        let draft = safe_draft(&protocol, &flow);
        flow = answer(&protocol, flow, draft);
    }
    let restored = Flow::restore(&protocol, &flow.save(&protocol)).unwrap();
    assert_eq!(restored.screen, flow.screen);
    assert_eq!(restored.answers, flow.answers);
}

#[test]
fn saved_progress_left_alone_too_long_is_forgotten() {
    let protocol = default_protocol();
    let flow = answer(&protocol, Flow::started(&protocol), safe_draft(&protocol, &Flow::started(&protocol)));
    let half_hour = 30.0 * 60_000.0;
    let saved = flow.save_at(&protocol, 1_000_000.0);
    let restored = Flow::restore_within(&protocol, &saved, 1_000_000.0 + half_hour, half_hour).unwrap();
    assert_eq!(restored.answers, flow.answers);
    for now in [1_000_000.0 + half_hour + 1.0, 999_999.0] {
        assert_eq!(Flow::restore_within(&protocol, &saved, now, half_hour), Err(RestoreError::Expired), "{now}");
    }
    // Progress saved without a time (an older widget's) is not trusted to be recent.
    assert_eq!(Flow::restore_within(&protocol, &flow.save(&protocol), 0.0, half_hour), Err(RestoreError::Expired));
}

#[test]
fn a_corrupt_or_foreign_saved_quiz_is_refused() {
    let protocol = default_protocol();
    assert!(matches!(Flow::restore(&protocol, "{not json"), Err(RestoreError::Corrupt(_))));
    assert!(matches!(Flow::restore(&protocol, "null"), Err(RestoreError::Corrupt(_))));
    let other = Flow::new(&protocol).save(&protocol).replace("microneedling@1.2.0", "microneedling@0.9.0");
    assert!(matches!(Flow::restore(&protocol, &other), Err(RestoreError::OtherProtocol(_))));
    let bad_answer =
        Flow::new(&protocol).save(&protocol).replace("\"answers\":{}", "\"answers\":{\"age\":\"<script>\"}");
    assert!(matches!(Flow::restore(&protocol, &bad_answer), Err(RestoreError::Corrupt(_))), "{bad_answer}");
}

#[test]
fn prefill_sets_concerns_shown_selected_and_ignores_screening_answers() {
    let protocol = default_protocol();
    let json = serde_json::json!({
        "concerns": ["acne_scars"],
        "pregnant_or_breastfeeding": false,
        "no_such_question": 1,
        "treatment_area": "not a list"
    });
    let (answers, warnings) = candidacy::prefill::prefill(&protocol, json.as_object().unwrap());
    let acne_scars = OptionSet::single(option(&protocol, "concerns", "acne_scars"));
    assert_eq!(answers.get(q(&protocol, "concerns")), Some(Value::Options(acne_scars)));
    assert_eq!(
        answers.get(q(&protocol, "pregnant_or_breastfeeding")),
        None,
        "a visitor answers screening questions themselves"
    );
    assert_eq!(answers.answered().count(), 1);
    let named: Vec<_> = warnings.iter().map(|w| w.split('`').nth(3).unwrap()).collect();
    assert_eq!(named, ["no_such_question", "pregnant_or_breastfeeding", "treatment_area"], "{warnings:#?}");
    assert!(warnings[1].contains("screening question"), "{}", warnings[1]);

    // The visitor still sees the prefilled question, its answer selected, from either start.
    let welcome = Flow::prefilled(&protocol, answers.clone(), false);
    assert_eq!(welcome.screen, Screen::Welcome);
    let opened = reduce(&protocol, welcome, Action::Start);
    assert_eq!(opened.screen, Screen::Question(q(&protocol, "concerns")));
    assert_eq!(opened.draft, Draft::Multi(acne_scars));
    assert_eq!(Flow::prefilled(&protocol, answers, true), opened);
}

#[test]
fn url_parameters_prefill_concerns_only() {
    let protocol = default_protocol();
    let from_url = candidacy::prefill::prefill_from_url(
        &protocol,
        [
            ("utm_source", "google"),
            ("candidacy_concern", "acne_scars,fine_lines"),
            ("candidacy_pregnant_or_breastfeeding", "no"),
            ("candidacy_age", "34"),
        ],
    );
    assert_eq!(
        serde_json::Value::Object(from_url.clone()),
        serde_json::json!({"concerns": ["acne_scars", "fine_lines"], "pregnant_or_breastfeeding": false, "age": 34})
    );
    let (answers, warnings) = candidacy::prefill::prefill(&protocol, &from_url);
    let chosen: OptionSet =
        ["acne_scars", "fine_lines"].into_iter().map(|id| option(&protocol, "concerns", id)).collect();
    assert_eq!(answers.get(q(&protocol, "concerns")), Some(Value::Options(chosen)));
    assert_eq!(answers.answered().count(), 1, "screening questions are never prefilled: {warnings:?}");
    assert_eq!(warnings.len(), 2, "{warnings:?}");
}

#[test]
fn choosing_a_language_keeps_the_screen_the_answers_and_the_draft() {
    let protocol = default_protocol();
    let flow = answer(
        &protocol,
        Flow::started(&protocol),
        Draft::Multi(OptionSet::single(option(&protocol, "concerns", "fine_lines"))),
    );
    let flow = reduce(&protocol, flow, Action::Edit(Draft::YesNo(YesNo::No)));
    let chosen = reduce(&protocol, flow.clone(), Action::ChooseLocale("es".into()));
    assert_eq!(chosen.locale.as_deref(), Some("es"));
    assert_eq!((chosen.screen, &chosen.answers, &chosen.draft), (flow.screen, &flow.answers, &flow.draft));

    // The choice outlives moves and Start over, and a locale the protocol lacks is ignored.
    let moved = reduce(&protocol, reduce(&protocol, chosen.clone(), Action::Back), Action::StartOver);
    assert_eq!(moved.locale.as_deref(), Some("es"));
    assert_eq!(reduce(&protocol, chosen, Action::ChooseLocale("fr".into())).locale.as_deref(), Some("es"));
}

#[test]
fn the_chosen_language_is_saved_with_the_answers() {
    let protocol = default_protocol();
    let flow = answer(
        &protocol,
        Flow::started(&protocol),
        Draft::Multi(OptionSet::single(option(&protocol, "concerns", "fine_lines"))),
    );
    let flow = reduce(&protocol, flow, Action::ChooseLocale("es".into()));
    let restored = Flow::restore(&protocol, &flow.save(&protocol)).expect("restores");
    assert_eq!((restored.locale.as_deref(), &restored.answers), (Some("es"), &flow.answers));

    // A saved language the protocol no longer has is dropped; the answers stay.
    let saved = flow.save(&protocol).replace("\"locale\":\"es\"", "\"locale\":\"xx\"");
    assert_eq!(Flow::restore(&protocol, &saved).expect("restores").locale, None);
}
