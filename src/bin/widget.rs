//! The widget's wasm module, as the loader (`static/candidacy.js`) uses it: `mount` one widget
//! per `<candidacy-quiz>` element, `destroy` it when the element leaves the page.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// One mounted widget.
    #[wasm_bindgen]
    pub struct Widget {
        mounted: candidacy::widget::Mounted,
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
        candidacy::widget::panic_on_next_render();
    }

    /// Mounts a widget into `root`, configured by `host`'s attributes; `answers` (JSON by question
    /// id) are what the visitor chose on the loader's first screen, if anything.
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::HtmlElement,
        root: web_sys::Element,
        instance: String,
        answers: Option<String>,
    ) -> Widget {
        Widget { mounted: candidacy::widget::mount_with_answers(host, root, instance, answers.as_deref()) }
    }
}

fn main() {}
