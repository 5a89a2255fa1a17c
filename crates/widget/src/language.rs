//! The language switcher: one button per other language the protocol is written in, on every
//! screen, so a visitor can change language at any point without losing an answer.

use yew::prelude::*;

use crate::messages::{language_name, messages};

#[derive(Properties, PartialEq)]
pub struct LanguageSwitcherProps {
    /// The protocol's languages.
    pub locales: Vec<String>,
    /// The language on screen.
    pub current: AttrValue,
    pub on_choose: Callback<String>,
}

#[component]
pub fn LanguageSwitcher(props: &LanguageSwitcherProps) -> Html {
    if props.locales.len() < 2 {
        return html! {};
    }
    let others = props.locales.iter().filter(|locale| **locale != *props.current);
    html! {
        <nav class="candidacy-languages" aria-label={messages(&props.current).language}>
            { for others.map(|locale| {
                let choose = {
                    let locale = locale.clone();
                    props.on_choose.reform(move |_: MouseEvent| locale.clone())
                };
                html! {
                    <button
                        type="button"
                        class="candidacy-link-button candidacy-language"
                        lang={locale.clone()}
                        dir={crate::protocol::text_direction(locale)}
                        data-action="locale"
                        data-locale={locale.clone()}
                        onclick={choose}
                    >
                        {language_name(locale)}
                    </button>
                }
            }) }
        </nav>
    }
}
