//! The locale the protocol's texts are shown in, given to every component through a context: the
//! visitor's choice once its texts are here, else the page's.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Locale(pub AttrValue);

/// The locale of the quiz around the component: English outside any quiz.
#[hook]
pub fn use_locale() -> AttrValue {
    use_context::<Locale>().map_or_else(|| AttrValue::from("en"), |locale| locale.0)
}

/// The quiz's locale: `chosen` (the visitor's choice) once `languages` holds its texts, else
/// `page_locale`. `on_locale` hears of every choice, so the App fetches its texts.
#[hook]
pub fn use_chosen_locale(
    chosen: &Option<String>,
    languages: &[String],
    page_locale: &AttrValue,
    on_locale: &Callback<String>,
) -> AttrValue {
    use_effect_with(chosen.clone(), {
        let on_locale = on_locale.clone();
        move |chosen: &Option<String>| {
            if let Some(chosen) = chosen {
                on_locale.emit(chosen.clone());
            }
        }
    });
    let shown = chosen.clone().filter(|chosen| languages.contains(chosen));
    shown.map_or_else(|| page_locale.clone(), AttrValue::from)
}
