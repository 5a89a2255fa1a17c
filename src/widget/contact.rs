//! The clinic's contact details: the same help block on every screen, and the fallback shown
//! when the quiz cannot run.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;

#[derive(Properties, PartialEq)]
pub struct ContactProps {
    pub config: Rc<Config>,
}

/// "Questions? Call …": the same place on every screen, when the clinic gave contact details.
#[component]
pub fn HelpBlock(props: &ContactProps) -> Html {
    let config = &props.config;
    if config.phone.is_none() && config.booking_url.is_none() {
        return html! {};
    }
    let clinic = config.clinic_name.clone().unwrap_or_else(|| "the clinic".to_owned());
    html! {
        <aside class="candidacy-help" aria-label="Contact the clinic">
            <p>
                {format!("Questions? Contact {clinic}")}
                if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
                    {": "}<a href={href} data-action="call">{phone.clone()}</a>
                }
                if let Some(url) = &config.booking_url {
                    {" · "}<a href={url.clone()} data-action="book" rel="noopener">{"book online"}</a>
                }
            </p>
        </aside>
    }
}

/// Shown instead of the quiz when it cannot run: never a blank box.
#[component]
pub fn Fallback(props: &ContactProps) -> Html {
    let config = &props.config;
    let clinic = config.clinic_name.clone().unwrap_or_else(|| "the clinic".to_owned());
    html! {
        <div class="candidacy" data-step="fallback">
            <h1 class="candidacy-heading">{"Sorry, the quiz isn't available right now"}</h1>
            <p>{format!("You can still ask {clinic} whether the treatment suits you.")}</p>
            <div class="candidacy-actions">
                if let Some(url) = &config.booking_url {
                    <a class="candidacy-button" href={url.clone()} data-action="book" rel="noopener">{"Book a consultation"}</a>
                }
                if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
                    <a class="candidacy-button candidacy-button-secondary" href={href} data-action="call">{format!("Call us: {phone}")}</a>
                }
            </div>
        </div>
    }
}
