//! Thin wrappers over the browser APIs the widget uses; every failure is logged, never a panic.

use wasm_bindgen::{JsCast, JsValue};

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}

pub fn error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Reads a saved value; `None` when storage is unavailable (private mode) or empty.
pub fn load(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// Saves a value; storage that is unavailable or full is reported once per call and ignored.
pub fn save(key: &str, value: &str) {
    match session_storage() {
        Some(storage) => {
            if storage.set_item(key, value).is_err() {
                warn("candidacy: could not save progress (storage full or blocked); the quiz goes on");
            }
        }
        None => warn("candidacy: sessionStorage is unavailable; progress will not survive a reload"),
    }
}

pub fn forget(key: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(key);
    }
}

fn history() -> Option<web_sys::History> {
    web_sys::window()?.history().ok()
}

/// The current history entry's state, if it has one.
pub fn history_state() -> Option<JsValue> {
    history()?.state().ok().filter(|state| !state.is_null())
}

/// Records this widget's screen in a new history entry (Back returns to the previous one),
/// without changing the page's URL. The entry keeps the page's own state and other widgets'
/// screens: `{...page, candidacy: {"quiz-1": "question:age", "quiz-2": "welcome"}}`.
pub fn push_history(instance: &str, screen: &str) {
    if let Some(history) = history() {
        let _ = history.push_state(&state_with(&history, instance, screen), "");
    }
}

/// Records this widget's screen in the current history entry.
pub fn replace_history(instance: &str, screen: &str) {
    if let Some(history) = history() {
        let _ = history.replace_state(&state_with(&history, instance, screen), "");
    }
}

fn state_with(history: &web_sys::History, instance: &str, screen: &str) -> JsValue {
    let current = history.state().unwrap_or(JsValue::NULL);
    let next = js_sys::Object::new();
    let ours = js_sys::Object::new();
    if let Some(current) = current.dyn_ref::<js_sys::Object>() {
        js_sys::Object::assign(&next, current);
        if let Some(screens) = js_sys::Reflect::get(current, &HISTORY_KEY.into()).ok().and_then(|s| s.dyn_into().ok()) {
            js_sys::Object::assign(&ours, &screens);
        }
    }
    let _ = js_sys::Reflect::set(&ours, &instance.into(), &screen.into());
    let _ = js_sys::Reflect::set(&next, &HISTORY_KEY.into(), &ours);
    next.into()
}

/// This widget's screen in a history entry's state, if the entry has one.
pub fn screen_in_history_state(state: &JsValue, instance: &str) -> Option<String> {
    let screens = js_sys::Reflect::get(state, &HISTORY_KEY.into()).ok().filter(JsValue::is_object)?;
    js_sys::Reflect::get(&screens, &instance.into()).ok()?.as_string()
}

const HISTORY_KEY: &str = "candidacy";

/// Moves focus to the element `target` holds, if it is on screen.
pub fn focus(target: &yew::NodeRef) {
    if let Some(element) = target.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Puts `text` on the clipboard; false when the browser refuses (no permission, no secure context).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `contents` as a file download named `file_name`, without leaving the page.
pub fn download(file_name: &str, mime: &str, contents: &str) -> bool {
    let offer = || -> Result<(), wasm_bindgen::JsValue> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        // The click has started the download; the URL is freed on a later tick.
        gloo::timers::callback::Timeout::new(1_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Ok(())
    };
    offer().is_ok()
}

/// The page's query parameters, decoded, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    pairs_of(&search)
}

/// The `(name, value)` pairs of a query string (`?a=1&b=2` or `a=1&b=2`), decoded.
pub fn pairs_of(search: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else { return Vec::new() };
    let Ok(Some(entries)) = js_sys::try_iter(&params) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// `url` with `params` set in its query (the fragment kept), or `url` unchanged if it cannot be parsed.
pub fn with_query(url: &str, params: &[(&str, &str)]) -> String {
    let Ok(parsed) = web_sys::Url::new(url) else { return url.to_owned() };
    let search = parsed.search_params();
    for (name, value) in params {
        search.set(name, value);
    }
    parsed.href()
}
