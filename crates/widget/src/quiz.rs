//! The quiz: one reducer over [`Flow`], the screen it is on, and the effects around it: saving
//! progress in `sessionStorage`, browser history, focus and announcements.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::browser;
use super::check_answers::CheckAnswers;
use super::contact::HelpBlock;
use super::host::Host;
use super::language::LanguageSwitcher;
use super::lead_form::LeadFormSection;
use super::locale::Locale;
use super::question::QuestionScreen;
use super::result::{call_to_action, ResultScreen};
use super::welcome::{Statements, Welcome};
use crate::config::{Config, StartAt};
use crate::flow::{self, Action, Flow, Screen};
use crate::host_events::{HostAction, HostEvent, Tracker};
use crate::messages::{fill, messages};
use crate::protocol::ValidProtocol;
use crate::session::SavedFlow;

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

/// Where this widget's progress is saved: one key per widget and protocol.
fn storage_key(protocol: &ValidProtocol, host: &Host) -> String {
    format!("candidacy:{}:{}", host.instance, protocol.protocol.id)
}

/// A screen as written in a history entry, e.g. `question:age`.
fn history_token(protocol: &ValidProtocol, screen: Screen) -> String {
    match screen {
        Screen::Welcome => "welcome".to_owned(),
        Screen::Question(q) => format!("question:{}", protocol.questions()[q].id),
        Screen::CheckAnswers => "check-answers".to_owned(),
        Screen::Result => "result".to_owned(),
    }
}

fn screen_of_history(protocol: &ValidProtocol, token: &str) -> Option<Screen> {
    match token {
        "welcome" => Some(Screen::Welcome),
        "check-answers" => Some(Screen::CheckAnswers),
        "result" => Some(Screen::Result),
        other => protocol.question_idx(other.strip_prefix("question:")?).map(Screen::Question),
    }
}

/// How the quiz began on this page load.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Began {
    /// From saved progress: the page was reloaded, or the visitor came back in the same tab.
    Resumed,
    /// A new quiz: nothing saved, or the saved progress was unusable.
    Afresh,
}

/// A saved session if there is a usable one, else a new quiz with the page's prefilled answers.
fn initial_flow(protocol: &ValidProtocol, config: &Config, host: &Host) -> (Flow, Began) {
    let key = storage_key(protocol, host);
    if let Some(saved) = browser::load(&key) {
        match Flow::restore_within(protocol, &saved, js_sys::Date::now(), config.forget_after.millis()) {
            Ok(flow) => return (flow, Began::Resumed),
            Err(why) => {
                browser::warn(&format!("candidacy: starting afresh: {why}"));
                browser::forget(&key);
            }
        }
    }
    // The element's `prefill`, then the page URL's `candidacy_<question>` parameters over it.
    let pairs = browser::query_pairs();
    let mut requested = config.prefill.clone().unwrap_or_default();
    requested.extend(crate::prefill::prefill_from_url(protocol, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))));
    let (answers, warnings) = crate::prefill::prefill(protocol, &requested);
    warnings.iter().for_each(|warning| browser::warn(warning));
    (Flow::prefilled(protocol, answers, config.start == StartAt::FirstQuestion), Began::Afresh)
}

#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let began = use_mut_ref(|| Began::Afresh);
    let state = {
        let (protocol, config, host, began) =
            (props.protocol.clone(), props.config.clone(), props.host.clone(), began.clone());
        use_reducer(move || {
            let (flow, how) = initial_flow(&protocol, &config, &host);
            *began.borrow_mut() = how;
            QuizState { flow, protocol }
        })
    };
    let protocol = &props.protocol;
    let flow = &state.flow;
    // The engine walks the path once per change of answers, not once per render or per use.
    let walk = {
        let protocol = protocol.clone();
        use_memo(flow.answers.clone(), move |answers| crate::engine::walk(&protocol, answers))
    };
    let chosen = flow.locale.clone().filter(|chosen| props.languages.contains(chosen));
    let locale = chosen.map_or_else(|| props.page_locale.clone(), AttrValue::from);
    let words = messages(&locale);
    use_effect_with(flow.locale.clone(), {
        let on_locale = props.on_locale.clone();
        move |chosen: &Option<String>| {
            if let Some(chosen) = chosen {
                on_locale.emit(chosen.clone());
            }
        }
    });
    if super::take_panic_request() {
        panic!("test-only trigger: a panic inside the Quiz component");
    }

    // Progress survives a reload of the page. Nothing is kept for a quiz with no answer (so Start
    // over clears it), nor once the result is shown when the clinic set `forget-on-complete`, nor
    // after `forget-after` minutes without a change (a shared computer's next visitor).
    let idle_timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let (protocol, key) = (protocol.clone(), storage_key(protocol, &props.host));
        let (forget_on_complete, forget_after) = (props.config.forget_on_complete, props.config.forget_after);
        let alive = props.host.alive.clone();
        let idle_timer = idle_timer.clone();
        use_effect_with(flow.clone(), move |flow| {
            if !alive.get() {
                return;
            }
            let begun = flow.answers.answered().next().is_some();
            if !begun || (forget_on_complete && flow.screen == Screen::Result) {
                browser::forget(&key);
                idle_timer.borrow_mut().take();
            } else {
                browser::save(&key, &flow.save_at(&protocol, js_sys::Date::now()));
                let millis = forget_after.0.saturating_mul(60_000);
                let forget = move || browser::forget(&key);
                *idle_timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(millis, forget));
            }
        });
    }

    // The host page hears of starts, steps and results (no answers unless the clinic opted in).
    let tracker = use_mut_ref(Tracker::default);
    {
        let (protocol, host, tracker, flow) = (protocol.clone(), props.host.clone(), tracker.clone(), flow.clone());
        use_effect_with(flow.screen, move |_| {
            for event in tracker.borrow_mut().observe(&protocol, &flow) {
                host.emit(&protocol, &event, &flow.answers);
            }
        });
    }
    let on_click = {
        let (protocol, host, answers) = (protocol.clone(), props.host.clone(), flow.answers.clone());
        Callback::from(move |event: MouseEvent| {
            let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let hook = target.and_then(|t| t.closest("[data-action]").ok().flatten());
            if let Some(action) =
                hook.and_then(|h| h.get_attribute("data-action")).as_deref().and_then(HostAction::from_hook)
            {
                host.emit(&protocol, &HostEvent::Action(action), &answers);
            }
        })
    };

    // Every screen is a browser history entry: Back and Forward move between them.
    let shown_by_history = use_mut_ref(|| None::<Screen>);
    let on_screen = use_mut_ref(|| flow.screen);
    // Follows a history entry the visitor moved to, unless it is already on screen. An entry from
    // before this widget had a screen, or another widget's step, leaves it as it is. Built once
    // (the `popstate` listener and the first effect share it), not on every render.
    let follow_history = {
        let (protocol, instance) = (protocol.clone(), props.host.instance.clone());
        let (shown_by_history, on_screen, dispatcher) =
            (shown_by_history.clone(), on_screen.clone(), state.dispatcher());
        use_memo((), move |_| {
            move |state: &JsValue| -> bool {
                let token = browser::screen_in_history_state(state, &instance);
                let Some(screen) = token.and_then(|token| screen_of_history(&protocol, &token)) else {
                    return false;
                };
                if *on_screen.borrow() == screen {
                    return false;
                }
                *shown_by_history.borrow_mut() = Some(screen);
                dispatcher.dispatch(Action::Show(screen));
                true
            }
        })
    };
    {
        let (protocol, instance, alive) = (protocol.clone(), props.host.instance.clone(), props.host.alive.clone());
        let (shown_by_history, on_screen, follow_history) =
            (shown_by_history.clone(), on_screen.clone(), follow_history.clone());
        let began = began.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(flow.screen, move |&screen| {
            if !alive.get() {
                return;
            }
            *on_screen.borrow_mut() = screen;
            let token = history_token(&protocol, screen);
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                // Resumed progress was saved with the screen of the entry it was on, so an entry
                // naming another screen is one the visitor moved to (Back pressed while the
                // widget loaded, before anyone listened to `popstate`). A new quiz's entry,
                // though, is stale.
                let moved = *began.borrow() == Began::Resumed
                    && browser::history_state().is_some_and(|state| follow_history(&state));
                if !moved {
                    browser::replace_history(&instance, &token);
                }
            } else if shown_by_history.borrow_mut().take() != Some(screen) {
                browser::push_history(&instance, &token);
            }
        });
    }
    {
        let alive = props.host.alive.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "popstate", move |event| {
                    if let Some(event) = event.dyn_ref::<web_sys::PopStateEvent>().filter(|_| alive.get()) {
                        follow_history(&event.state());
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
        let tracker = tracker.clone();
        Callback::from(move |_: ()| {
            tracker.borrow_mut().start_over();
            dispatcher.dispatch(Action::StartOver);
            if skip_welcome {
                dispatcher.dispatch(Action::Start);
            }
        })
    };
    // "Clear my answers": off this device at once (storage, the quiz in memory), and said so.
    let cleared = use_state(|| false);
    let clear_answers = {
        let (dispatcher, tracker, cleared) = (state.dispatcher(), tracker.clone(), cleared.clone());
        let key = storage_key(protocol, &props.host);
        Callback::from(move |_: ()| {
            browser::forget(&key);
            tracker.borrow_mut().start_over();
            dispatcher.dispatch(Action::StartOver);
            cleared.set(true);
        })
    };
    {
        // Said until the visitor starts again.
        let cleared = cleared.clone();
        use_effect_with(flow.screen, move |screen| {
            if *screen != Screen::Welcome && *cleared {
                cleared.set(false);
            }
        });
    }
    let show_cleared = *cleared && flow.screen == Screen::Welcome;
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |draft| dispatcher.dispatch(Action::Edit(draft)))
    };
    let on_change = {
        let dispatcher = state.dispatcher();
        Callback::from(move |question| dispatcher.dispatch(Action::Change(question)))
    };
    let on_choose_locale = {
        let dispatcher = state.dispatcher();
        Callback::from(move |locale| dispatcher.dispatch(Action::ChooseLocale(locale)))
    };

    let (screen, announcement) = match flow.screen {
        Screen::Welcome => (
            html! { <Welcome protocol={protocol.clone()} config={props.config.clone()} heading={heading.clone()} on_start={dispatch(Action::Start)} /> },
            String::new(),
        ),
        Screen::Question(question) => {
            let (number, about) = flow.progress_on(protocol, &walk).unwrap_or((1, 1));
            let prompt = protocol.questions()[question].prompt.get(&locale).to_owned();
            // Skipping the start screen moves its statements (but the duration) to the first question.
            let first_of_path = walk.asked.first().copied().unwrap_or(question) == question;
            let skipped_start = props.config.start == StartAt::FirstQuestion && first_of_path;
            let intro = skipped_start.then(|| {
                html! { <Statements disclaimer={protocol.protocol.disclaimer.get(&locale).to_owned()} config={props.config.clone()} /> }
            });
            let explain = first_mentions_on(protocol, &walk, question, &locale);
            let html = html! {
                <>
                {intro}
                <QuestionScreen
                    protocol={protocol.clone()}
                    {question}
                    draft={flow.draft.clone()}
                    error={flow.error}
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
                Some(error) => fill(words.problem_announcement, &[("message", &error.message(protocol, &locale))]),
                None => format!("{}: {prompt}", progress_text(&locale, number, about)),
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
            words.check_heading.to_owned(),
        ),
        Screen::Result => {
            let recommendation = crate::engine::recommend(protocol, &walk);
            let report = crate::report::report(protocol, &walk, &recommendation, &locale);
            let summary = crate::report::summary_text(protocol, &walk, &report, &locale);
            // Built when asked for: the visitor's answers as a FHIR QuestionnaireResponse file.
            let on_download = {
                let (protocol, answers, locale) = (protocol.clone(), flow.answers.clone(), locale.clone());
                Callback::from(move |_: ()| {
                    let walk = crate::engine::walk(&protocol, &answers);
                    let recommendation = crate::engine::recommend(&protocol, &walk);
                    let authored = String::from(js_sys::Date::new_0().to_iso_string());
                    let response = crate::fhir::questionnaire_response(
                        &protocol,
                        &walk,
                        &recommendation,
                        &locale,
                        Some(&authored),
                    );
                    let json = serde_json::to_string_pretty(&response).expect("a response serializes");
                    let file = format!("{}-answers.fhir.json", protocol.protocol.id);
                    if !browser::download(&file, "application/fhir+json", &json) {
                        browser::warn("candidacy: the browser refused the download of the answers");
                    }
                })
            };
            let announcement = report.headline.clone();
            let on_lead_sent = {
                let (protocol, host, answers) = (protocol.clone(), props.host.clone(), flow.answers.clone());
                Callback::from(move |()| host.emit(&protocol, &HostEvent::LeadSent, &answers))
            };
            let lead_form = props.config.lead_endpoint.as_ref().map(|endpoint| {
                html! {
                    <LeadFormSection
                        protocol={protocol.clone()}
                        answers={flow.answers.clone()}
                        outcome={report.outcome}
                        config={props.config.clone()}
                        endpoint={endpoint.clone()}
                        attribution={props.host.attribution.clone()}
                        locale={locale.clone()}
                        on_sent={on_lead_sent}
                    />
                }
            });
            let mut params: Vec<(&str, &str)> = Vec::new();
            if props.config.cta_attribution {
                params.extend(props.host.attribution.pairs());
            }
            if props.config.analytics_outcome {
                params.push(("candidacy_outcome", report.outcome.as_str()));
            }
            let cta = call_to_action(&props.config, report.outcome, &params, &locale);
            let html = html! {
                <>
                <ResultScreen
                    report={Rc::new(report)}
                    config={props.config.clone()}
                    call_to_action={cta}
                    heading={heading.clone()}
                    on_change_answers={dispatch(Action::ChangeAnswers)}
                    on_start_over={start_over}
                    on_clear_answers={clear_answers}
                    summary={summary}
                    {on_download}
                />
                {lead_form}
                </>
            };
            (html, announcement)
        }
    };

    html! {
        <ContextProvider<Locale> context={Locale(locale.clone())}>
            <div class="candidacy" lang={locale.clone()} dir={crate::protocol::text_direction(&locale)} onclick={on_click}>
                <div class="candidacy-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                    {if show_cleared && flow.screen == Screen::Welcome { words.answers_cleared.to_owned() } else { announcement }}
                </div>
                if props.config.test_mode {
                    <p class="candidacy-test-badge" data-test-mode="">{words.test_mode_badge}</p>
                }
                <LanguageSwitcher locales={protocol.protocol.locales.clone()} current={locale.clone()} on_choose={on_choose_locale} />
                if show_cleared {
                    <p class="candidacy-panel-success" data-cleared="">{words.answers_cleared}</p>
                }
                {screen}
                <HelpBlock config={props.config.clone()} />
            </div>
        </ContextProvider<Locale>>
    }
}

/// "Question 3 of about 12", numbers as the language writes them.
pub fn progress_text(locale: &str, number: usize, about: usize) -> String {
    let written = |n: usize| crate::messages::number(locale, i64::try_from(n).unwrap_or(i64::MAX));
    fill(messages(locale).progress, &[("number", &written(number)), ("about", &written(about))])
}

/// The glossary terms `question` mentions for the first time on the visitor's path.
fn first_mentions_on(
    protocol: &ValidProtocol,
    walk: &crate::engine::Walk,
    question: crate::protocol::QuestionIdx,
    locale: &str,
) -> Vec<(String, String)> {
    use crate::protocol::glossary::{first_mentions, question_text};
    let questions = protocol.questions();
    let seen: Vec<String> =
        walk.asked.iter().take_while(|&&q| q != question).map(|&q| question_text(&questions[q], locale)).collect();
    first_mentions(&protocol.protocol.glossary, &seen, &question_text(&questions[question], locale), locale)
        .into_iter()
        .map(|entry| (entry.term.get(locale).to_owned(), entry.explanation.get(locale).to_owned()))
        .collect()
}

fn focus(target: &NodeRef) {
    if let Some(element) = target.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
