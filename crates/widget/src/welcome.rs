//! The start screen: what this is, how long it takes, that answers stay on this device.

use std::rc::Rc;

use yew::prelude::*;

use super::locale::use_locale;

use crate::config::Config;
use crate::messages::{fill, messages};
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
    let words = messages(&locale);
    let name = doc.treatment.name.get(&locale);
    let heading = fill(words.welcome_heading, &[("treatment", &name.to_lowercase()), ("Treatment", name)]);
    let on_click = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <section class="candidacy-screen" data-step="welcome">
            <h1 class="candidacy-heading" ref={props.heading.clone()} tabindex="-1">{heading}</h1>
            <p class="candidacy-lead">{words.welcome_lead}</p>
            <Statements disclaimer={doc.disclaimer.get(&locale).to_owned()} config={props.config.clone()} />
            <button type="button" class="candidacy-button candidacy-button-start" data-action="start" onclick={on_click}>
                {words.start}
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
    let words = messages(&use_locale());
    let clinic = props.config.clinic_name.as_deref().unwrap_or(words.the_clinic);
    html! {
        <ul class="candidacy-list candidacy-statements">
            <li>{words.privacy_statement}</li>
            <li>{props.disclaimer.clone()}</li>
            if let (Some(phone), Some(href)) = (&props.config.phone, props.config.tel_href()) {
                <li>{fill(words.call_instead_before, &[("clinic", clinic)])}<a href={href} data-action="call">{phone.clone()}</a>{words.call_instead_after}</li>
            }
        </ul>
    }
}
