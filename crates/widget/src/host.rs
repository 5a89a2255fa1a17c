//! The `<candidacy-quiz>` element on the clinic's page, as the widget sees it: where its events
//! go, and the name that keeps its saved progress and history entries apart from another
//! widget's on the same page.

use wasm_bindgen::{JsCast, JsValue};

use super::browser;
use crate::answers::Answers;
use crate::attribution::Attribution;
use crate::host_events::{Context, HostEvent, Lifecycle};
use crate::protocol::ValidProtocol;

#[derive(Clone)]
pub struct Host {
    pub element: web_sys::HtmlElement,
    /// The element's `id`, or its place among the page's widgets: `quiz-1`, `quiz-2`...
    pub instance: String,
    pub share_answers: bool,
    pub analytics: bool,
    /// `dataLayer` pushes may carry the outcome (`analytics-outcome`).
    pub analytics_outcome: bool,
    pub test_mode: bool,
    /// The page's campaign parameters, kept for the session.
    pub attribution: Attribution,
    /// The element's language (its closest `lang`), then the browser's languages, in order.
    pub page_languages: Vec<String>,
    /// The URL of the release's `protocols/` folder (beside the loader, with its query), where the
    /// built-in protocol's other languages are; `None` outside a release (the tests): the page's.
    pub assets: Option<String>,
    /// False once the widget is destroyed: a listener or effect that outlives it (Yew tears
    /// components down on a later tick) must not touch storage, history or the page.
    pub alive: std::rc::Rc<std::cell::Cell<bool>>,
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        self.element == other.element
            && self.instance == other.instance
            && std::rc::Rc::ptr_eq(&self.alive, &other.alive)
    }
}

impl Host {
    /// Dispatches `event` on the element (bubbling, composed) and, when the clinic asked for
    /// analytics and the page has a Google Tag Manager `dataLayer`, pushes it there too.
    pub fn emit(&self, protocol: &ValidProtocol, event: &HostEvent, answers: &Answers) {
        if !self.alive.get() {
            return;
        }
        let context = Context {
            answers: self.share_answers.then_some(answers),
            attribution: &self.attribution,
            test: self.test_mode,
            outcome: self.analytics_outcome,
        };
        if !event.is_released(&context) {
            return;
        }
        let detail = event.detail(protocol, &context);
        self.dispatch(event.name(), &detail);
        if self.analytics {
            push_to_data_layer(&event.data_layer_entry(&detail, self.analytics_outcome));
        }
    }

    /// Dispatches a `candidacy:ready` or `candidacy:fallback` on the element (never to
    /// `dataLayer`); `protocol` is the one on screen, if it loaded.
    pub fn announce(&self, lifecycle: &Lifecycle, protocol: Option<&ValidProtocol>) {
        if self.alive.get() {
            self.dispatch(lifecycle.name(), &lifecycle.detail(protocol));
        }
    }

    /// A bubbling, composed `CustomEvent` named `name` on the element.
    fn dispatch(&self, name: &str, detail: &serde_json::Value) {
        let Ok(detail_js) = js_sys::JSON::parse(&detail.to_string()) else { return };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail_js);
        match web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            Ok(custom) => {
                let _ = self.element.dispatch_event(&custom);
            }
            Err(_) => browser::warn(&format!("candidacy: could not dispatch `{name}`")),
        }
    }
}

/// `dataLayer.push(entry)`, the Google Tag Manager convention; nothing without a `dataLayer` array
/// on the page.
fn push_to_data_layer(entry: &serde_json::Value) {
    let Some(window) = web_sys::window() else { return };
    let Ok(layer) = js_sys::Reflect::get(&window, &JsValue::from_str("dataLayer")) else { return };
    let Some(layer) = layer.dyn_ref::<js_sys::Array>() else { return };
    if let Ok(entry) = js_sys::JSON::parse(&entry.to_string()) {
        layer.push(&entry);
    }
}

/// The campaign parameters of this visit: the page URL's, else those kept earlier in the session.
pub fn session_attribution() -> Attribution {
    const KEY: &str = "candidacy:attribution";
    let pairs = browser::query_pairs();
    let from_url = Attribution::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if !from_url.is_empty() {
        browser::save(KEY, &from_url.save());
        return from_url;
    }
    browser::load(KEY).and_then(|saved| Attribution::restore(&saved)).unwrap_or_default()
}

/// The language the page declares around `element` (its closest `lang` attribute), then the
/// browser's preferred languages: what the widget's locale falls back on after the attribute.
pub fn page_languages(element: &web_sys::HtmlElement) -> Vec<String> {
    let page = element.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang"));
    let browser: Vec<String> = web_sys::window()
        .map(|window| window.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    page.into_iter().chain(browser).collect()
}
