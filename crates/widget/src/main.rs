//! The widget's wasm module, as the loader (`static/candidacy.js`) uses it: `mount` one widget
//! per `<candidacy-quiz>` element, `destroy` it when the element leaves the page.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// One mounted widget.
    #[wasm_bindgen]
    pub struct Widget {
        mounted: candidacy_widget::Mounted,
    }

    #[wasm_bindgen]
    impl Widget {
        /// Unmounts the widget and frees what it holds (listeners, timers, state).
        pub fn destroy(self) {
            self.mounted.destroy();
        }
    }

    /// Test-only: the next render of a quiz panics (the end-to-end tests prove the fallback).
    #[wasm_bindgen(js_name = testOnlyPanicOnNextRender)]
    pub fn test_only_panic_on_next_render() {
        candidacy_widget::panic_on_next_render();
    }

    /// iframe mode: the frame's element from its URL's query and `embed-config.json`'s text, as
    /// JSON `{attributes: [[name, value]...], parentOrigins: [...], problems: [...]}`.
    #[wasm_bindgen(js_name = embedSetup)]
    pub fn embed_setup(search: &str, file: Option<String>) -> String {
        let config = candidacy_embed::config::embed::parse_embed_config(search, file.as_deref());
        serde_json::json!({
            "attributes": config.attributes,
            "parentOrigins": config.parent_origins,
            "problems": config.problems,
        })
        .to_string()
    }

    /// iframe mode: a parent page's message (JSON), from `origin`, checked against `allowed`
    /// (JSON list): `{attributes: [[name, value]...]}` or `{problem}`.
    #[wasm_bindgen(js_name = parentMessage)]
    pub fn parent_message(data: &str, origin: &str, allowed: &str) -> String {
        let allowed: Vec<String> = serde_json::from_str(allowed).unwrap_or_default();
        match candidacy_embed::config::embed::parse_parent_message(data, origin, &allowed) {
            Ok(candidacy_embed::config::embed::ParentMessage::Configure(attributes)) => {
                serde_json::json!({ "attributes": attributes }).to_string()
            }
            Err(problem) => serde_json::json!({ "problem": problem }).to_string(),
        }
    }

    /// Mounts a widget into `root`, configured by `host`'s attributes; `answers` (JSON by question
    /// id) are what the visitor chose on the loader's first screen, if anything; `assets` is the
    /// URL of the loader's folder (the built-in protocol's other languages are in its `protocols/`).
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::HtmlElement,
        root: web_sys::Element,
        instance: String,
        answers: Option<String>,
        assets: Option<String>,
    ) -> Widget {
        Widget { mounted: candidacy_widget::mount_with_answers(host, root, instance, answers.as_deref(), assets) }
    }
}

fn main() {}
