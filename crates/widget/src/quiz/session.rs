//! Progress saved in `sessionStorage`: restored when the quiz mounts, saved after every change,
//! forgotten when there is nothing to keep or the visitor asks. The reducer never touches storage.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::browser;
use crate::config::Config;
use crate::flow::{Flow, Screen};
use crate::host::Host;
use crate::protocol::ValidProtocol;
use crate::session::SavedFlow;

/// Where this widget's progress is saved: one key per widget and protocol.
fn storage_key(protocol: &ValidProtocol, host: &Host) -> String {
    format!("candidacy:{}:{}", host.instance, protocol.protocol.id)
}

/// The saved session, if there is a usable one; an unusable one is forgotten, with a warning.
pub fn restore(protocol: &ValidProtocol, config: &Config, host: &Host) -> Option<Flow> {
    let key = storage_key(protocol, host);
    let saved = browser::load(&key)?;
    match Flow::restore_within(protocol, &saved, js_sys::Date::now(), config.forget_after.millis()) {
        Ok(flow) => Some(flow),
        Err(why) => {
            browser::warn(&format!("candidacy: starting afresh: {why}"));
            browser::forget(&key);
            None
        }
    }
}

/// Keeps `flow` in storage so it survives a reload of the page. Nothing is kept for a quiz with no
/// answer (so Start over clears it), nor once the result is shown when the clinic set
/// `forget-on-complete`, nor after `forget-after` minutes without a change (a shared computer's
/// next visitor). Returns what forgets the saved progress at once ("Clear my answers").
#[hook]
pub fn use_saved_session(protocol: &Rc<ValidProtocol>, config: &Config, host: &Host, flow: &Flow) -> Callback<()> {
    let idle_timer = use_mut_ref(|| None::<Timeout>);
    let key = storage_key(protocol, host);
    {
        let (protocol, key, idle_timer) = (protocol.clone(), key.clone(), idle_timer.clone());
        let (forget_on_complete, forget_after) = (config.forget_on_complete, config.forget_after);
        let alive = host.alive.clone();
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
                *idle_timer.borrow_mut() = Some(Timeout::new(millis, forget));
            }
        });
    }
    Callback::from(move |()| browser::forget(&key))
}

/// "Your answers have been cleared": said from the moment the visitor clears them until they
/// start again. Returns the flag to set when they clear them, and whether it is said now.
#[hook]
pub fn use_cleared_notice(screen: Screen) -> (UseStateHandle<bool>, bool) {
    let cleared = use_state(|| false);
    {
        let cleared = cleared.clone();
        use_effect_with(screen, move |screen| {
            if *screen != Screen::Welcome && *cleared {
                cleared.set(false);
            }
        });
    }
    let shown = *cleared && screen == Screen::Welcome;
    (cleared, shown)
}
