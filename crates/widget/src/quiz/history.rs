//! Every screen is a browser history entry: Back and Forward move between them. Moving to a screen
//! pushes an entry; `popstate` dispatches [`Action::Show`] for the entry the visitor moved to.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::state::{Began, QuizState};
use crate::browser;
use crate::flow::{Action, Screen};
use crate::host::Host;
use crate::protocol::ValidProtocol;

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

/// Keeps the browser's history and the quiz's screen in step, both ways.
#[hook]
pub fn use_history(protocol: &Rc<ValidProtocol>, host: &Host, state: &UseReducerHandle<QuizState>, began: Began) {
    let shown_by_history = use_mut_ref(|| None::<Screen>);
    let on_screen = use_mut_ref(|| state.flow.screen);
    // Follows a history entry the visitor moved to, unless it is already on screen. An entry from
    // before this widget had a screen, or another widget's step, leaves it as it is. Built once
    // (the `popstate` listener and the first effect share it), not on every render.
    let follow_history = {
        let (protocol, instance) = (protocol.clone(), host.instance.clone());
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
        let (protocol, instance, alive) = (protocol.clone(), host.instance.clone(), host.alive.clone());
        let follow_history = follow_history.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.flow.screen, move |&screen| {
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
                let moved =
                    began == Began::Resumed && browser::history_state().is_some_and(|state| follow_history(&state));
                if !moved {
                    browser::replace_history(&instance, &token);
                }
            } else if shown_by_history.borrow_mut().take() != Some(screen) {
                browser::push_history(&instance, &token);
            }
        });
    }
    let alive = host.alive.clone();
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
