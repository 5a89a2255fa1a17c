//! The browser widget (wasm32, feature `widget`): Yew components that render the [`flow`] and
//! dispatch its actions. Components decide nothing; side effects (storage, history, focus) live in
//! `use_effect_with` hooks in `widget/quiz.rs`.
//!
//! [`flow`]: crate::flow

mod app;
mod browser;
mod check_answers;
mod contact;
mod question;
mod quiz;
mod result;
mod welcome;

pub use app::{App, AppProps};

use crate::config::Config;

/// Mounts one widget into `root`, configured from the root's `data-*` attributes.
pub fn mount(root: web_sys::Element) {
    let (config, warnings) = Config::from_attributes(|name| root.get_attribute(&format!("data-{name}")));
    for warning in warnings {
        browser::warn(&warning.to_string());
    }
    yew::Renderer::<App>::with_root_and_props(root, AppProps { config: std::rc::Rc::new(config) }).render();
}
