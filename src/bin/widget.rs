//! The widget's entry point for Trunk: mounts the quiz into every `[data-candidacy]` element.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
        let roots = document.query_selector_all("[data-candidacy]").expect("a valid selector");
        for i in 0..roots.length() {
            if let Some(root) =
                roots.item(i).and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
            {
                candidacy::widget::mount(root);
            }
        }
    }
}
