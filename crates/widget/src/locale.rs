//! The locale the protocol's texts are shown in, given to every component through a context.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Locale(pub AttrValue);

/// The locale of the quiz around the component: English outside any quiz.
#[hook]
pub fn use_locale() -> AttrValue {
    use_context::<Locale>().map_or_else(|| AttrValue::from("en"), |locale| locale.0)
}
