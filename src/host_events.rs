//! What the host page hears: `candidacy:start`, `candidacy:step`, `candidacy:complete` and
//! `candidacy:action`, with their `detail` objects. Pure: the widget dispatches what this module
//! decides. Details carry no answers unless the clinic opted in (`share-answers`): health
//! information stays on the device by default.

use serde_json::{json, Value};

use crate::answers::Answers;
use crate::attribution::Attribution;
use crate::flow::{Flow, Screen};
use crate::protocol::ValidProtocol;
use crate::report::RecommendationReport;

/// A control the host page may want to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostAction {
    Book,
    Call,
    Print,
}

impl HostAction {
    /// The action of a `data-action` hook, if the host page hears about it.
    pub fn from_hook(hook: &str) -> Option<HostAction> {
        match hook {
            "book" => Some(HostAction::Book),
            "call" => Some(HostAction::Call),
            "print" => Some(HostAction::Print),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            HostAction::Book => "book",
            HostAction::Call => "call",
            HostAction::Print => "print",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// The visitor began: pressed Start, or (without a welcome screen) answered the first question.
    Start,
    /// A question is on screen: its id and its number on the visitor's path (from 1).
    Step {
        question: String,
        index: usize,
        of_about: usize,
    },
    /// A result is on screen.
    Complete(Box<RecommendationReport>),
    Action(HostAction),
}

impl HostEvent {
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Start => "candidacy:start",
            HostEvent::Step { .. } => "candidacy:step",
            HostEvent::Complete(_) => "candidacy:complete",
            HostEvent::Action(_) => "candidacy:action",
        }
    }

    /// The event's `detail`, for the host page's own code.
    pub fn detail(&self, protocol: &ValidProtocol, context: &Context) -> Value {
        let answers = context.answers;
        let mut detail = json!({ "protocol": { "id": protocol.protocol.id, "version": protocol.protocol.version } });
        match self {
            HostEvent::Start => {}
            HostEvent::Step { question, index, of_about } => {
                detail["questionId"] = json!(question);
                detail["index"] = json!(index);
                detail["ofAbout"] = json!(of_about);
            }
            HostEvent::Complete(report) => {
                detail["outcome"] = json!(report.outcome.as_str());
                detail["plan"] = match &report.plan {
                    Some(plan) => json!({
                        "sessionsMin": plan.sessions_min,
                        "sessionsMax": plan.sessions_max,
                        "intervalWeeksMin": plan.interval_weeks_min,
                        "intervalWeeksMax": plan.interval_weeks_max,
                    }),
                    None => Value::Null,
                };
                if answers.is_some() {
                    detail["reasons"] = report.reasons.iter().map(|reason| json!(reason.rule)).collect();
                }
            }
            HostEvent::Action(action) => detail["action"] = json!(action.as_str()),
        }
        if let Some(answers) = answers {
            if !matches!(self, HostEvent::Action(_)) {
                detail["answers"] = answers.to_json(protocol);
            }
        }
        if matches!(self, HostEvent::Start | HostEvent::Complete(_)) && !context.attribution.is_empty() {
            detail["attribution"] = context.attribution.to_json();
        }
        if context.test {
            detail["test"] = json!(true);
        }
        detail
    }

    /// The entry pushed to `window.dataLayer` (advertising tools): `{event, ...detail}`, without the
    /// outcome or the plan (which gives the outcome away) unless the clinic set `analytics-outcome`.
    pub fn data_layer_entry(&self, detail: &Value, with_outcome: bool) -> Value {
        let mut entry = json!({ "event": self.name() });
        if let (Some(entry), Some(detail)) = (entry.as_object_mut(), detail.as_object()) {
            entry.extend(detail.clone());
            if !with_outcome {
                entry.remove("outcome");
                entry.remove("plan");
            }
        }
        entry
    }
}

/// What a detail may carry besides the event itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// `Some` only when the clinic set `share-answers`.
    pub answers: Option<&'a Answers>,
    /// The page's campaign parameters (on `start` and `complete`).
    pub attribution: &'a Attribution,
    /// The clinic's `test-mode`: every detail says `test: true`.
    pub test: bool,
}

/// Follows the quiz from screen to screen and says which events each move makes.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    previous: Option<Screen>,
    started: bool,
}

impl Tracker {
    /// The visitor chose Start over: their next start counts again.
    pub fn start_over(&mut self) {
        self.started = false;
    }

    /// The events of the quiz now being on `flow.screen`. The first call (the widget mounting, maybe
    /// restoring a saved session) announces only the question on screen, never a start or result.
    pub fn observe(&mut self, protocol: &ValidProtocol, flow: &Flow) -> Vec<HostEvent> {
        let screen = flow.screen;
        let previous = self.previous.replace(screen);
        let answered = flow.answers.answered().next().is_some();
        let mut events = Vec::new();
        match previous {
            None => self.started = answered,
            Some(previous) if previous == screen => return events,
            Some(previous) => {
                if !self.started && screen != Screen::Welcome && (previous == Screen::Welcome || answered) {
                    self.started = true;
                    events.push(HostEvent::Start);
                }
            }
        }
        match screen {
            Screen::Question(question) => {
                let (index, of_about) = flow.progress(protocol).unwrap_or((1, 1));
                events.push(HostEvent::Step { question: protocol.questions()[question].id.clone(), index, of_about });
            }
            Screen::Result if previous.is_some() => {
                let walk = flow.walk(protocol);
                let recommendation = crate::engine::recommend(protocol, &walk);
                let report = crate::report::report(protocol, &walk, &recommendation, "en");
                events.push(HostEvent::Complete(Box::new(report)));
            }
            _ => {}
        }
        events
    }
}
