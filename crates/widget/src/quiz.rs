//! The quiz: one reducer over [`Flow`](crate::flow::Flow), composed with the hooks that do its
//! I/O (saved progress, browser history, host events, focus) and the screen on show. Each hook and
//! screen lives in its own module below; the engine walks the path once per change of answers
//! (`path.rs`) and every screen reads that walk.

mod controls;
mod focus;
mod history;
mod host_events;
mod path;
mod question_step;
mod result_step;
mod session;
mod state;

use std::rc::Rc;

use yew::prelude::*;

use super::check_answers::CheckAnswers;
use super::contact::HelpBlock;
use super::host::Host;
use super::language::LanguageSwitcher;
use super::locale::{use_chosen_locale, Locale};
use super::question::progress_text;
use super::welcome::Welcome;
use crate::config::{Config, StartAt};
use crate::flow::{Action, Flow, Screen};
use crate::messages::{fill, messages};
use crate::protocol::ValidProtocol;
use controls::Controls;
use focus::{use_step_focus, StepFocus};
use history::use_history;
use host_events::use_host_events;
use path::{use_progress, use_result, use_walk, Finished};
use question_step::QuestionStep;
use result_step::ResultStep;
use session::{use_cleared_notice, use_saved_session};
use state::use_quiz_state;

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub protocol: Rc<ValidProtocol>,
    pub config: Rc<Config>,
    pub host: Host,
    /// The locale the page asks for, until the visitor chooses one.
    pub page_locale: AttrValue,
    /// The languages whose texts the protocol holds now (English always).
    pub languages: Rc<Vec<String>>,
    /// Told the language the visitor chose, whenever it changes (the App fetches its texts; the
    /// quiz shows in it once they are here).
    pub on_locale: Callback<String>,
}

#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let QuizProps { protocol, config, host, .. } = props;
    let (state, began) = use_quiz_state(protocol, config, host);
    let flow = &state.flow;
    let walk = use_walk(protocol, &flow.answers);
    let locale = use_chosen_locale(&flow.locale, &props.languages, &props.page_locale, &props.on_locale);
    if super::take_panic_request() {
        panic!("test-only trigger: a panic inside the Quiz component");
    }
    let forget = use_saved_session(protocol, config, host, flow);
    let host_events = use_host_events(protocol, host, flow, &walk);
    use_history(protocol, host, &state, began);
    let StepFocus { heading, error_summary } = use_step_focus(flow);
    let (cleared, show_cleared) = use_cleared_notice(flow.screen);
    let progress = use_progress(protocol, flow, &walk);
    let result = use_result(protocol, &walk, &locale, flow.screen);
    let controls = Controls {
        dispatcher: state.dispatcher(),
        skip_welcome: config.start == StartAt::FirstQuestion,
        on_started_over: host_events.on_started_over,
        forget,
        cleared,
    };
    let words = messages(&locale);

    let screen = match (flow.screen, &result) {
        (Screen::Welcome, _) => html! {
            <Welcome protocol={protocol.clone()} config={config.clone()} heading={heading.clone()} on_start={controls.on(Action::Start)} />
        },
        (Screen::Question(question), _) => {
            let (number, about) = progress.unwrap_or((1, 1));
            html! {
                <QuestionStep
                    protocol={protocol.clone()}
                    config={config.clone()}
                    {question}
                    walk={walk.clone()}
                    draft={flow.draft.clone()}
                    error={flow.error}
                    {number}
                    {about}
                    heading={heading.clone()}
                    error_summary={error_summary.clone()}
                    on_edit={controls.on_edit()}
                    on_continue={controls.on(Action::Continue)}
                    on_back={controls.on(Action::Back)}
                />
            }
        }
        (Screen::CheckAnswers, _) => html! {
            <CheckAnswers
                protocol={protocol.clone()}
                walk={walk.clone()}
                heading={heading.clone()}
                on_change={controls.on_change()}
                on_see_result={controls.on(Action::SeeResult)}
                on_back={controls.on(Action::Back)}
            />
        },
        (Screen::Result, Some(result)) => html! {
            <ResultStep
                protocol={protocol.clone()}
                config={config.clone()}
                attribution={host.attribution.clone()}
                answers={flow.answers.clone()}
                walk={walk.clone()}
                result={result.clone()}
                heading={heading.clone()}
                on_change_answers={controls.on(Action::ChangeAnswers)}
                on_start_over={controls.on_start_over()}
                on_clear_answers={controls.on_clear_answers()}
                on_lead_sent={host_events.on_lead_sent}
            />
        },
        (Screen::Result, None) => html! {},
    };
    let announcement = if show_cleared {
        words.answers_cleared.to_owned()
    } else {
        announcement(protocol, flow, &locale, progress, result.as_deref())
    };

    html! {
        <ContextProvider<Locale> context={Locale(locale.clone())}>
            <div class="candidacy" lang={locale.clone()} dir={crate::protocol::text_direction(&locale)} onclick={host_events.on_click}>
                <div class="candidacy-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                    {announcement}
                </div>
                if config.test_mode {
                    <p class="candidacy-test-badge" data-test-mode="">{words.test_mode_badge}</p>
                }
                <LanguageSwitcher locales={protocol.protocol.locales.clone()} current={locale.clone()} on_choose={controls.on_choose_locale()} />
                if show_cleared {
                    <p class="candidacy-panel-success" data-cleared="">{words.answers_cleared}</p>
                }
                {screen}
                <HelpBlock config={config.clone()} />
            </div>
        </ContextProvider<Locale>>
    }
}

/// What the status region says of the screen on show: the question and its progress (or the
/// problem with the answer), the check screen's heading, the result's headline.
fn announcement(
    protocol: &ValidProtocol,
    flow: &Flow,
    locale: &str,
    progress: Option<(usize, usize)>,
    result: Option<&Finished>,
) -> String {
    let words = messages(locale);
    match flow.screen {
        Screen::Welcome => String::new(),
        Screen::Question(question) => match &flow.error {
            Some(error) => fill(words.problem_announcement, &[("message", &error.message(protocol, locale))]),
            None => {
                let (number, about) = progress.unwrap_or((1, 1));
                let prompt = protocol.questions()[question].prompt.get(locale);
                format!("{}: {prompt}", progress_text(locale, number, about))
            }
        },
        Screen::CheckAnswers => words.check_heading.to_owned(),
        Screen::Result => result.map(|result| result.report.headline.clone()).unwrap_or_default(),
    }
}
