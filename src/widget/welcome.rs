//! The start screen: what this is, how long it takes, that answers stay on this device.

use std::rc::Rc;

use yew::prelude::*;

use super::locale::use_locale;

use crate::config::Config;
use crate::protocol::ValidProtocol;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    pub protocol: Rc<ValidProtocol>,
    pub config: Rc<Config>,
    pub heading: NodeRef,
    pub on_start: Callback<()>,
}

#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let doc = &props.protocol.protocol;
    let locale = use_locale();
    let treatment = doc.treatment.name.get(&locale).to_lowercase();
    let on_click = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <section class="candidacy-screen" data-step="welcome">
            <h1 class="candidacy-heading" ref={props.heading.clone()} tabindex="-1">
                {format!("Check if {treatment} could be right for you")}
            </h1>
            <p class="candidacy-lead">{format!("Answer a few questions about your skin and your health. It takes about 2 minutes.")}</p>
            <Statements disclaimer={doc.disclaimer.get(&locale).to_owned()} config={props.config.clone()} />
            <button type="button" class="candidacy-button candidacy-button-start" data-action="start" onclick={on_click}>
                {"Start now"}
            </button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatementsProps {
    pub disclaimer: String,
    pub config: Rc<Config>,
}

/// What a visitor should know before answering: privacy, not a diagnosis, who to call. On the
/// start screen, or on the first question when the clinic skips the start screen.
#[component]
pub fn Statements(props: &StatementsProps) -> Html {
    let clinic = props.config.clinic_name.clone().unwrap_or_else(|| "the clinic".to_owned());
    html! {
        <ul class="candidacy-list candidacy-statements">
            <li>{"Your answers stay on this device unless you choose to send them to the clinic."}</li>
            <li>{props.disclaimer.clone()}</li>
            if let (Some(phone), Some(href)) = (&props.config.phone, props.config.tel_href()) {
                <li>{format!("If you'd rather talk it through, call {clinic} on ")}<a href={href} data-action="call">{phone.clone()}</a>{"."}</li>
            }
        </ul>
    }
}
