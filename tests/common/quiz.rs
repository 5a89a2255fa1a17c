//! Driving the quiz's state machine in tests: ids to indices, and a safe answer to every question.

use candidacy::answers::{OptionSet, YesNo};
use candidacy::flow::{reduce, Action, Draft, Flow, Screen};
use candidacy::protocol::ValidProtocol;

pub fn q(protocol: &ValidProtocol, id: &str) -> usize {
    protocol.question_idx(id).unwrap()
}

pub fn option(protocol: &ValidProtocol, question: &str, id: &str) -> usize {
    let q = q(protocol, question);
    protocol.questions()[q].options.iter().position(|o| o.id == id).unwrap()
}

/// Applies actions in turn.
pub fn run(protocol: &ValidProtocol, flow: Flow, actions: impl IntoIterator<Item = Action>) -> Flow {
    actions.into_iter().fold(flow, |flow, action| reduce(protocol, flow, action))
}

/// Answers the question on screen with `draft` and continues.
pub fn answer(protocol: &ValidProtocol, flow: Flow, draft: Draft) -> Flow {
    run(protocol, flow, [Action::Edit(draft), Action::Continue])
}

/// The safe answer to the question on screen.
pub fn safe_draft(protocol: &ValidProtocol, flow: &Flow) -> Draft {
    let Screen::Question(question) = flow.screen else { panic!("not on a question: {:?}", flow.screen) };
    let id = protocol.questions()[question].id.as_str();
    match id {
        "concerns" => Draft::Multi(OptionSet::single(option(protocol, "concerns", "fine_lines"))),
        "treatment_area" => Draft::Multi(OptionSet::single(option(protocol, "treatment_area", "neck_chest"))),
        "age" => Draft::Number("35".into()),
        "cold_sores" => Draft::Single(option(protocol, "cold_sores", "never")),
        "skin_condition" => Draft::Single(option(protocol, "skin_condition", "none")),
        "isotretinoin" => Draft::Single(option(protocol, "isotretinoin", "no")),
        "skin_tone" => Draft::Single(option(protocol, "skin_tone", "type_3")),
        _ => Draft::YesNo(YesNo::No),
    }
}

pub fn answer_all_safely(protocol: &ValidProtocol, mut flow: Flow) -> Flow {
    while let Screen::Question(_) = flow.screen {
        let draft = safe_draft(protocol, &flow);
        flow = answer(protocol, flow, draft);
    }
    flow
}
