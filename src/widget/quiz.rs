//! The quiz: one reducer over [`Flow`], the screen it is on, and the effects around it: saving
//! progress in `sessionStorage`, browser history, focus and announcements.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::check_answers::CheckAnswers;
use super::contact::HelpBlock;
use super::question::QuestionScreen;
use super::result::ResultScreen;
use super::welcome::{Statements, Welcome};
use crate::config::{Config, StartAt};
use crate::flow::{self, Action, Flow, Screen};
use crate::protocol::ValidProtocol;

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub protocol: Rc<ValidProtocol>,
    pub config: Rc<Config>,
}

/// The reducer's state: the flow, with the protocol it runs on.
struct QuizState {
    protocol: Rc<ValidProtocol>,
    flow: Flow,
}

impl PartialEq for QuizState {
    fn eq(&self, other: &Self) -> bool {
        self.flow == other.flow && Rc::ptr_eq(&self.protocol, &other.protocol)
    }
}

impl Reducible for QuizState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let flow = flow::reduce(&self.protocol, self.flow.clone(), action);
        Rc::new(QuizState { protocol: self.protocol.clone(), flow })
    }
}

fn storage_key(protocol: &ValidProtocol) -> String {
    format!("candidacy:{}", protocol.protocol.id)
}

/// A screen as written in a history entry, e.g. `candidacy:question:age`.
fn history_state(protocol: &ValidProtocol, screen: Screen) -> String {
    match screen {
        Screen::Welcome => "candidacy:welcome".to_owned(),
        Screen::Question(q) => format!("candidacy:question:{}", protocol.questions()[q].id),
        Screen::CheckAnswers => "candidacy:check-answers".to_owned(),
        Screen::Result => "candidacy:result".to_owned(),
    }
}

fn screen_of_history(protocol: &ValidProtocol, state: &str) -> Option<Screen> {
    match state.strip_prefix("candidacy:")? {
        "welcome" => Some(Screen::Welcome),
        "check-answers" => Some(Screen::CheckAnswers),
        "result" => Some(Screen::Result),
        other => protocol.question_idx(other.strip_prefix("question:")?).map(Screen::Question),
    }
}

fn initial_flow(protocol: &ValidProtocol, config: &Config) -> Flow {
    if let Some(saved) = browser::load(&storage_key(protocol)) {
        match Flow::restore(protocol, &saved) {
            Ok(flow) => return flow,
            Err(why) => {
                browser::warn(&format!("candidacy: starting afresh: {why}"));
                browser::forget(&storage_key(protocol));
            }
        }
    }
    match config.start {
        StartAt::Welcome => Flow::new(protocol),
        StartAt::FirstQuestion => Flow::started(protocol),
    }
}

#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let state = {
        let (protocol, config) = (props.protocol.clone(), props.config.clone());
        use_reducer(move || QuizState { flow: initial_flow(&protocol, &config), protocol })
    };
    let protocol = &props.protocol;
    let flow = &state.flow;

    // Progress survives a reload of the page.
    {
        let protocol = protocol.clone();
        use_effect_with(flow.clone(), move |flow| browser::save(&storage_key(&protocol), &flow.save(&protocol)));
    }

    // Every screen is a browser history entry: Back and Forward move between them.
    let shown_by_history = use_mut_ref(|| None::<Screen>);
    {
        let protocol = protocol.clone();
        let shown_by_history = shown_by_history.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(flow.screen, move |&screen| {
            let entry = history_state(&protocol, screen);
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::replace_history(&entry);
            } else if shown_by_history.borrow_mut().take() != Some(screen) {
                browser::push_history(&entry);
            }
        });
    }
    {
        let protocol = protocol.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "popstate", move |event| {
                    let entry = event.dyn_ref::<web_sys::PopStateEvent>().and_then(|e| e.state().as_string());
                    if let Some(screen) = entry.and_then(|entry| screen_of_history(&protocol, &entry)) {
                        *shown_by_history.borrow_mut() = Some(screen);
                        dispatcher.dispatch(Action::Show(screen));
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Focus follows the visitor: the new screen's heading (not on page load), and the error
    // summary after every invalid Continue. Editing an answer never moves focus.
    let heading = use_node_ref();
    let error_summary = use_node_ref();
    {
        let heading = heading.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(flow.screen, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus(&heading);
            }
        });
    }
    {
        let error_summary = error_summary.clone();
        use_effect_with(flow.failed_attempts, move |&attempts| {
            if attempts > 0 {
                focus(&error_summary);
            }
        });
    }

    let dispatch = |action: Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| dispatcher.dispatch(action.clone()))
    };
    // Start over goes back to where this clinic's quiz starts.
    let start_over = {
        let dispatcher = state.dispatcher();
        let skip_welcome = props.config.start == StartAt::FirstQuestion;
        Callback::from(move |_: ()| {
            dispatcher.dispatch(Action::StartOver);
            if skip_welcome {
                dispatcher.dispatch(Action::Start);
            }
        })
    };
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |draft| dispatcher.dispatch(Action::Edit(draft)))
    };
    let on_change = {
        let dispatcher = state.dispatcher();
        Callback::from(move |question| dispatcher.dispatch(Action::Change(question)))
    };

    let (screen, announcement) = match flow.screen {
        Screen::Welcome => (
            html! { <Welcome protocol={protocol.clone()} config={props.config.clone()} heading={heading.clone()} on_start={dispatch(Action::Start)} /> },
            String::new(),
        ),
        Screen::Question(question) => {
            let (number, about) = flow.progress(protocol).unwrap_or((1, 1));
            let prompt = protocol.questions()[question].prompt.get("en").to_owned();
            // Skipping the start screen moves its statements (but the duration) to the first question.
            let first_of_path = flow.walk(protocol).asked.first().copied().unwrap_or(question) == question;
            let skipped_start = props.config.start == StartAt::FirstQuestion && first_of_path;
            let intro = skipped_start.then(|| {
                html! { <Statements disclaimer={protocol.protocol.disclaimer.get("en").to_owned()} config={props.config.clone()} /> }
            });
            let explain = first_mentions_on(protocol, flow, question);
            let html = html! {
                <>
                {intro}
                <QuestionScreen
                    protocol={protocol.clone()}
                    {question}
                    draft={flow.draft.clone()}
                    error={flow.error.clone()}
                    {number}
                    {about}
                    heading={heading.clone()}
                    error_summary={error_summary.clone()}
                    on_edit={on_edit}
                    on_continue={dispatch(Action::Continue)}
                    on_back={dispatch(Action::Back)}
                    show_back={!skipped_start}
                    {explain}
                />
                </>
            };
            let announcement = match &flow.error {
                Some(error) => format!("There is a problem: {}", error.message),
                None => format!("Question {number} of about {about}: {prompt}"),
            };
            (html, announcement)
        }
        Screen::CheckAnswers => (
            html! {
                <CheckAnswers
                    protocol={protocol.clone()}
                    answers={flow.answers.clone()}
                    heading={heading.clone()}
                    on_change={on_change}
                    on_see_result={dispatch(Action::SeeResult)}
                    on_back={dispatch(Action::Back)}
                />
            },
            "Check your answers".to_owned(),
        ),
        Screen::Result => {
            let walk = flow.walk(protocol);
            let recommendation = crate::engine::recommend(protocol, &walk);
            let report = crate::report::report(protocol, &walk, &recommendation, "en");
            let announcement = report.headline.clone();
            let html = html! {
                <ResultScreen
                    report={Rc::new(report)}
                    config={props.config.clone()}
                    heading={heading.clone()}
                    on_change_answers={dispatch(Action::ChangeAnswers)}
                    on_start_over={start_over}
                />
            };
            (html, announcement)
        }
    };

    html! {
        <div class="candidacy" lang="en">
            <div class="candidacy-visually-hidden" role="status" aria-live="polite" aria-atomic="true">{announcement}</div>
            {screen}
            <HelpBlock config={props.config.clone()} />
        </div>
    }
}

/// The glossary terms `question` mentions for the first time on the visitor's path.
fn first_mentions_on(
    protocol: &ValidProtocol,
    flow: &Flow,
    question: crate::protocol::QuestionIdx,
) -> Vec<(String, String)> {
    use crate::protocol::glossary::{first_mentions, question_text};
    let questions = protocol.questions();
    let walk = flow.walk(protocol);
    let seen: Vec<String> =
        walk.asked.iter().take_while(|&&q| q != question).map(|&q| question_text(&questions[q])).collect();
    first_mentions(&protocol.protocol.glossary, &seen, &question_text(&questions[question]))
        .into_iter()
        .map(|entry| (entry.term.get("en").to_owned(), entry.explanation.get("en").to_owned()))
        .collect()
}

fn focus(target: &NodeRef) {
    if let Some(element) = target.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
