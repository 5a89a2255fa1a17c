//! The clinic's contact details: the same help block on every screen, and the fallback shown
//! when the quiz cannot run.

use std::rc::Rc;

use yew::prelude::*;

use super::locale::use_locale;
use crate::config::Config;
use crate::messages::{fill, messages};

#[derive(Properties, PartialEq)]
pub struct ContactProps {
    pub config: Rc<Config>,
}

#[derive(Properties, PartialEq)]
pub struct FallbackProps {
    pub config: Rc<Config>,
    pub locale: AttrValue,
}

/// "Questions? Call …": the same place on every screen, when the clinic gave contact details.
#[component]
pub fn HelpBlock(props: &ContactProps) -> Html {
    let config = &props.config;
    if config.phone.is_none() && config.booking_url.is_none() {
        return html! {};
    }
    let words = messages(&use_locale());
    let clinic = config.clinic_name.as_deref().unwrap_or(words.the_clinic);
    html! {
        <aside class="candidacy-help" aria-label={words.contact_label}>
            <p>
                {fill(words.questions_contact, &[("clinic", clinic)])}
                if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
                    {": "}<a href={href} data-action="call">{phone.clone()}</a>
                }
                if let Some(url) = &config.booking_url {
                    {" · "}<a href={url.clone()} data-action="book" rel="noopener">{words.book_online}</a>
                }
            </p>
        </aside>
    }
}

/// Shown instead of the quiz when it cannot run: never a blank box.
#[component]
pub fn Fallback(props: &FallbackProps) -> Html {
    let config = &props.config;
    let words = messages(&props.locale);
    let clinic = config.clinic_name.as_deref().unwrap_or(words.the_clinic);
    html! {
        <div class="candidacy" data-step="fallback" lang={props.locale.clone()}>
            <h1 class="candidacy-heading">{words.fallback_heading}</h1>
            <p>{fill(words.fallback_body, &[("clinic", clinic)])}</p>
            <div class="candidacy-actions">
                if let Some(url) = &config.booking_url {
                    <a class="candidacy-button" href={url.clone()} data-action="book" rel="noopener">{words.book_consultation}</a>
                }
                if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
                    <a class="candidacy-button candidacy-button-secondary" href={href} data-action="call">{fill(words.call_us, &[("phone", phone)])}</a>
                }
            </div>
        </div>
    }
}
