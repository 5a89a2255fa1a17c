//! What the host page hears of the quiz: starts, steps and results as the screens change, the
//! visitor's clicks on the public `data-action` hooks, and a lead sent (no answers unless the
//! clinic opted in; `Host::emit` decides what is released).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::engine::Walk;
use crate::flow::Flow;
use crate::host::Host;
use crate::host_events::{HostAction, HostEvent, Tracker};
use crate::protocol::ValidProtocol;

/// The host events' side of the quiz, for the shell and the screens.
pub struct HostEvents {
    /// On the quiz's root: a click on a `data-action` hook is an `action` event.
    pub on_click: Callback<MouseEvent>,
    /// The lead form reached the clinic.
    pub on_lead_sent: Callback<()>,
    /// The visitor started over (or cleared their answers): their next start counts again.
    pub on_started_over: Callback<()>,
}

/// Tells the host page of every move to another screen, as the [`Tracker`] sees it.
#[hook]
pub fn use_host_events(protocol: &Rc<ValidProtocol>, host: &Host, flow: &Flow, walk: &Rc<Walk>) -> HostEvents {
    let tracker = use_mut_ref(Tracker::default);
    {
        let (protocol, host, tracker, flow, walk) =
            (protocol.clone(), host.clone(), tracker.clone(), flow.clone(), walk.clone());
        use_effect_with(flow.screen, move |_| {
            for event in tracker.borrow_mut().observe_on(&protocol, &flow, &walk) {
                host.emit(&protocol, &event, &flow.answers);
            }
        });
    }
    let on_click = {
        let (protocol, host, answers) = (protocol.clone(), host.clone(), flow.answers.clone());
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
    let on_lead_sent = {
        let (protocol, host, answers) = (protocol.clone(), host.clone(), flow.answers.clone());
        Callback::from(move |()| host.emit(&protocol, &HostEvent::LeadSent, &answers))
    };
    let on_started_over = Callback::from(move |()| tracker.borrow_mut().start_over());
    HostEvents { on_click, on_lead_sent, on_started_over }
}
