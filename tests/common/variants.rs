//! One fixture source for the tests that need a broken or changed protocol: the worked example
//! (`tests/protocols/worked-example.json`) and small, named edits of it, as RFC 6902 JSON patches
//! (or, for what is not JSON at all, edits of its text).

use serde_json::Value;

/// The worked example as written.
pub fn worked_example_text() -> String {
    std::fs::read_to_string(format!("{}/tests/protocols/worked-example.json", env!("CARGO_MANIFEST_DIR")))
        .expect("the worked example is readable")
}

pub fn worked_example() -> Value {
    serde_json::from_str(&worked_example_text()).expect("the worked example is JSON")
}

/// `base` with `patch` (a JSON array of RFC 6902 operations) applied, as a file would hold it.
pub fn patched(base: &Value, patch: Value) -> String {
    let patch: json_patch::Patch = serde_json::from_value(patch).expect("a JSON patch");
    let mut doc = base.clone();
    json_patch::patch(&mut doc, &patch).unwrap_or_else(|e| panic!("the patch applies to the fixture: {e}"));
    serde_json::to_string_pretty(&doc).expect("a protocol serializes") + "\n"
}

/// The worked example with `patch` applied.
pub fn worked_example_with(patch: Value) -> String {
    patched(&worked_example(), patch)
}
