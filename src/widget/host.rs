//! The `<candidacy-quiz>` element on the clinic's page, as the widget sees it: where its events
//! go, and the name that keeps its saved progress and history entries apart from another
//! widget's on the same page.

use wasm_bindgen::{JsCast, JsValue};

use super::browser;
use crate::answers::Answers;
use crate::host_events::HostEvent;
use crate::protocol::ValidProtocol;

#[derive(Clone, PartialEq)]
pub struct Host {
    pub element: web_sys::HtmlElement,
    /// The element's `id`, or its place among the page's widgets: `quiz-1`, `quiz-2`...
    pub instance: String,
    pub share_answers: bool,
    pub analytics: bool,
}

impl Host {
    /// Dispatches `event` on the element (bubbling, composed) and, when the clinic asked for
    /// analytics and the page has a Google Tag Manager `dataLayer`, pushes it there too.
    pub fn emit(&self, protocol: &ValidProtocol, event: &HostEvent, answers: &Answers) {
        let shared = self.share_answers.then_some(answers);
        let detail = event.detail(protocol, shared);
        let Ok(detail_js) = js_sys::JSON::parse(&detail.to_string()) else { return };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail_js);
        match web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
            Ok(custom) => {
                let _ = self.element.dispatch_event(&custom);
            }
            Err(_) => browser::warn(&format!("candidacy: could not dispatch `{}`", event.name())),
        }
        if self.analytics {
            push_to_data_layer(event.name(), &detail);
        }
    }
}

/// `dataLayer.push({event, ...detail})`, the Google Tag Manager convention; nothing without a
/// `dataLayer` array on the page.
fn push_to_data_layer(name: &str, detail: &serde_json::Value) {
    let Some(window) = web_sys::window() else { return };
    let Ok(layer) = js_sys::Reflect::get(&window, &JsValue::from_str("dataLayer")) else { return };
    let Some(layer) = layer.dyn_ref::<js_sys::Array>() else { return };
    let mut entry = serde_json::json!({ "event": name });
    if let (Some(entry), Some(detail)) = (entry.as_object_mut(), detail.as_object()) {
        entry.extend(detail.clone());
    }
    if let Ok(entry) = js_sys::JSON::parse(&entry.to_string()) {
        layer.push(&entry);
    }
}
