//! What the host page hears: `candidacy:start`, `candidacy:step`, `candidacy:complete`,
//! `candidacy:action` and `candidacy:lead-sent`, with their `detail` objects, the same pushed to
//! `dataLayer` under GA4-valid names (`candidacy_start`, ..., `generate_lead`), and the widget's
//! lifecycle (`candidacy:ready`, `candidacy:fallback`). Pure: the widget dispatches what this
//! module decides. Details carry no answers unless the clinic opted in (`share-answers`): health
//! information stays on the device by default.

use serde_json::{json, Value};

use crate::answers::Answers;
use crate::answers_json::AnswersJson;
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
    /// The visitor's consented lead reached the clinic's endpoint.
    LeadSent,
}

impl HostEvent {
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Start => "candidacy:start",
            HostEvent::Step { .. } => "candidacy:step",
            HostEvent::Complete(_) => "candidacy:complete",
            HostEvent::Action(_) => "candidacy:action",
            HostEvent::LeadSent => "candidacy:lead-sent",
        }
    }

    /// The event's name in `dataLayer`: GA4 takes letters, digits and underscores only, and a
    /// sent lead is GA4's recommended `generate_lead`.
    pub fn data_layer_name(&self) -> &'static str {
        match self {
            HostEvent::Start => "candidacy_start",
            HostEvent::Step { .. } => "candidacy_step",
            HostEvent::Complete(_) => "candidacy_complete",
            HostEvent::Action(_) => "candidacy_action",
            HostEvent::LeadSent => "generate_lead",
        }
    }

    /// Whether the page hears this event at all. A step's question and count follow the visitor's
    /// answers (a pregnant visitor's early end shows in them), so steps are released only with
    /// `share-answers`; every other event is the same for every visitor who gets that far.
    pub fn is_released(&self, context: &Context) -> bool {
        !matches!(self, HostEvent::Step { .. }) || context.answers.is_some()
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
            // The outcome is a health finding: only with `analytics-outcome` or `share-answers`.
            HostEvent::Complete(_) if !context.outcome && answers.is_none() => {}
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
            HostEvent::LeadSent => {}
        }
        if let Some(answers) = answers {
            if !matches!(self, HostEvent::Action(_) | HostEvent::LeadSent) {
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

    /// The entry pushed to `window.dataLayer` (advertising tools): `{event, ...parameters}`, every
    /// name GA4-valid (`protocol_id`, `question_id`...), without the outcome or the plan (which
    /// gives the outcome away) unless the clinic set `analytics-outcome`.
    pub fn data_layer_entry(&self, detail: &Value, with_outcome: bool) -> Value {
        let mut entry = json!({
            "event": self.data_layer_name(),
            "protocol_id": detail["protocol"]["id"],
            "protocol_version": detail["protocol"]["version"],
        });
        let mut copy = |from: &str, to: &str| {
            if let Some(value) = detail.get(from).filter(|v| !v.is_null()) {
                entry[to] = value.clone();
            }
        };
        copy("questionId", "question_id");
        copy("index", "step_index");
        copy("ofAbout", "steps_about");
        copy("action", "action");
        copy("attribution", "attribution");
        copy("answers", "answers");
        copy("reasons", "reasons");
        copy("test", "test");
        if with_outcome && matches!(self, HostEvent::Complete(_)) {
            copy("outcome", "outcome");
            // Always written, `null` without a plan: GTM keeps a key's last value, and a result
            // without a plan must not report the previous visitor's sessions.
            for (from, to) in [
                ("sessionsMin", "sessions_min"),
                ("sessionsMax", "sessions_max"),
                ("intervalWeeksMin", "interval_weeks_min"),
                ("intervalWeeksMax", "interval_weeks_max"),
            ] {
                entry[to] = detail["plan"].get(from).cloned().unwrap_or(Value::Null);
            }
        }
        if matches!(self, HostEvent::LeadSent) {
            entry["lead_source"] = json!("candidacy");
        }
        entry
    }
}

/// The widget's own life on the page, for the page's code (never pushed to `dataLayer`):
/// nothing in them depends on the visitor's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Lifecycle {
    /// The quiz is on screen with its protocol, in `locale`.
    Ready { locale: String },
    /// The clinic's contact details are shown instead of the quiz.
    Fallback(FallbackCause),
}

/// Why the clinic's contact details are shown. The loader reports the causes before the widget
/// runs (`network`, `integrity`, `crash`); the widget reports `protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FallbackCause {
    /// The protocol could not be fetched in time, or is invalid.
    Protocol,
}

impl Lifecycle {
    pub fn name(&self) -> &'static str {
        match self {
            Lifecycle::Ready { .. } => "candidacy:ready",
            Lifecycle::Fallback(_) => "candidacy:fallback",
        }
    }

    /// `protocol` is the one on screen; none when it could not be loaded.
    pub fn detail(&self, protocol: Option<&ValidProtocol>) -> Value {
        match self {
            Lifecycle::Ready { locale } => {
                let protocol = protocol.map(|p| json!({ "id": p.protocol.id, "version": p.protocol.version }));
                json!({ "protocol": protocol, "locale": locale })
            }
            Lifecycle::Fallback(FallbackCause::Protocol) => json!({ "cause": "protocol" }),
        }
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
    /// The clinic set `analytics-outcome`: `complete` carries the outcome and the plan.
    pub outcome: bool,
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
        self.observe_on(protocol, flow, &flow.walk(protocol))
    }

    /// [`Tracker::observe`], given the walk of `flow`'s answers (the widget takes it once).
    pub fn observe_on(&mut self, protocol: &ValidProtocol, flow: &Flow, walk: &crate::engine::Walk) -> Vec<HostEvent> {
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
                let (index, of_about) = flow.progress_on(protocol, walk).unwrap_or((1, 1));
                events.push(HostEvent::Step { question: protocol.questions()[question].id.clone(), index, of_about });
            }
            Screen::Result if previous.is_some() => {
                let recommendation = crate::engine::recommend(protocol, walk);
                let report = crate::report::report(protocol, walk, &recommendation, "en");
                events.push(HostEvent::Complete(Box::new(report)));
            }
            _ => {}
        }
        events
    }
}
