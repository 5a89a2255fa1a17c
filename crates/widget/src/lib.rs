//! The browser widget: Yew components that render the [`flow`] and dispatch its actions.
//! Components decide nothing; side effects (storage, history, focus, host events, fetches) live
//! in `use_effect_with` inside named hooks: the quiz's (`quiz/`), the lead form's and `app.rs`.
//!
//! This is the only crate with web types. It depends on `candidacy-core` (the runtime) and
//! `candidacy-embed` (the page's data) and never on the authoring side: it does not read protocol
//! files as written, validate or verify; it runs compiled protocols (`candidacy build`) only.
//!
//! The loader (`static/candidacy.js`) defines `<candidacy-quiz>`, gives each element an open
//! shadow root holding the widget's stylesheet and a mount point, and calls [`mount`].
//!
//! [`flow`]: crate::flow

pub(crate) use candidacy_core::{answers, compiled, engine, flow, messages, protocol, report};
pub(crate) use candidacy_embed::{attribution, config, fhir, host_events, lead, prefill, session};

mod app;
mod browser;
mod check_answers;
mod contact;
mod host;
mod language;
mod lead_form;
mod load;
mod locale;
mod question;
mod quiz;
mod result;
mod welcome;

use std::rc::Rc;

pub use app::{App, AppProps};
pub use host::Host;

use crate::config::Config;

/// Mounts one widget into `root` (inside `host`'s shadow root), configured from `host`'s
/// attributes. `instance` keeps its saved progress and history apart from other widgets'.
pub fn mount(host: web_sys::HtmlElement, root: web_sys::Element, instance: String) -> Mounted {
    mount_with_answers(host, root, instance, None, None)
}

/// [`mount`], with `answers` (JSON answers by question id) the visitor gave on the loader's copy
/// of the first screen before the widget was ready (taken as `prefill` answers), and the URL of
/// the release's folder, `assets`, where the built-in protocol's other languages are.
pub fn mount_with_answers(
    host: web_sys::HtmlElement,
    root: web_sys::Element,
    instance: String,
    answers: Option<&str>,
    assets: Option<String>,
) -> Mounted {
    static PANIC_HOOK: std::sync::Once = std::sync::Once::new();
    PANIC_HOOK.call_once(|| yew::set_custom_panic_hook(Box::new(on_panic)));
    let (mut config, warnings) = Config::from_attributes(|name| host.get_attribute(name));
    for warning in warnings {
        browser::warn(&warning.to_string());
    }
    for notice in config.privacy_notices() {
        browser::warn(&notice);
    }
    check_lead_endpoint(&mut config);
    if let Some(Err(why)) = answers.map(|answers| config.add_prefill(answers)) {
        browser::warn(&format!("candidacy: ignoring the first screen's answers: {why}"));
    }
    apply_theme(&host, &config);
    let page_languages = host::page_languages(&host);
    let host = Host {
        element: host,
        instance,
        share_answers: config.share_answers,
        analytics: config.analytics,
        analytics_outcome: config.analytics_outcome,
        test_mode: config.test_mode,
        attribution: host::session_attribution(),
        page_languages,
        assets,
        alive: Rc::new(std::cell::Cell::new(true)),
    };
    let alive = host.alive.clone();
    let app = yew::Renderer::<App>::with_root_and_props(root, AppProps { config: Rc::new(config), host }).render();
    Mounted { app, alive }
}

/// A mounted widget.
pub struct Mounted {
    app: yew::AppHandle<App>,
    alive: Rc<std::cell::Cell<bool>>,
}

impl Mounted {
    /// Unmounts the widget. It goes quiet at once; Yew frees its components on its next tick.
    pub fn destroy(self) {
        self.alive.set(false);
        self.app.destroy();
    }
}

/// The lead endpoint as the browser will post to it: a relative one takes the page's scheme, so
/// on a plain-`http:` page it is refused like any `http:` endpoint off this computer.
fn check_lead_endpoint(config: &mut Config) {
    let Some(endpoint) = config.lead_endpoint.as_deref() else { return };
    let page = web_sys::window().and_then(|window| window.location().href().ok()).unwrap_or_default();
    let absolute = web_sys::Url::new_with_base(endpoint, &page).map(|url| url.href()).unwrap_or_default();
    match crate::config::values::lead_endpoint_resolved(&absolute) {
        Ok(None) => {}
        Ok(Some(notice)) => browser::warn(&notice),
        Err(why) => {
            browser::warn(&why);
            config.lead_endpoint = None;
        }
    }
}

/// Sets the clinic's colours and rounding as the element's public custom properties (through the
/// CSSOM, which a strict Content-Security-Policy allows), after the browser accepts each value.
fn apply_theme(host: &web_sys::HtmlElement, config: &Config) {
    let style = host.style();
    for property in ["--candidacy-primary", "--candidacy-accent", "--candidacy-radius"] {
        let _ = style.remove_property(property);
    }
    for (property, value) in config.theme.custom_properties() {
        let kind = if property == "--candidacy-radius" { "border-radius" } else { "color" };
        if web_sys::css::supports_with_value(kind, value).unwrap_or(false) {
            let _ = style.set_property(property, value);
        } else {
            let attribute = property.trim_start_matches("--candidacy-");
            browser::warn(&format!(
                "candidacy: ignoring attribute `{attribute}`: the browser does not accept `{value}`"
            ));
        }
    }
}

/// A panic leaves the wasm unusable: name the cause in the console and let the loader replace
/// every widget on the page with the clinic's contact details (`candidacy:crash` on `window`).
fn on_panic(info: &std::panic::PanicHookInfo) {
    let message = format!("candidacy: the widget stopped: {info}");
    browser::error(&message);
    if let Some(window) = web_sys::window() {
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&wasm_bindgen::JsValue::from_str(&message));
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("candidacy:crash", &init) {
            let _ = window.dispatch_event(&event);
        }
    }
}

thread_local! {
    static PANIC_ON_NEXT_RENDER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Test-only trigger: the next render of a quiz panics, so tests can prove the fallback.
pub fn panic_on_next_render() {
    PANIC_ON_NEXT_RENDER.with(|flag| flag.set(true));
}

fn take_panic_request() -> bool {
    PANIC_ON_NEXT_RENDER.with(|flag| flag.replace(false))
}
