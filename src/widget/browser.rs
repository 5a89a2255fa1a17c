//! Thin wrappers over the browser APIs the widget uses; every failure is logged, never a panic.

use wasm_bindgen::JsValue;

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

/// Records a step in the browser's history without changing the page's URL.
pub fn push_history(state: &str) {
    if let Some(history) = history() {
        let _ = history.push_state(&JsValue::from_str(state), "");
    }
}

pub fn replace_history(state: &str) {
    if let Some(history) = history() {
        let _ = history.replace_state(&JsValue::from_str(state), "");
    }
}

pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
