//! The fingerprint a medical director signs: a short SHA-256 of the protocol file's canonical
//! form, so that months later anyone can tell which logic and wording a visitor saw.
//!
//! The canonical form is the file's JSON with object keys sorted and no whitespace: reformatting
//! or reordering keys keeps the fingerprint, and any other edit (logic or text) changes it.
//!
//! It is not RFC 8785 (JCS), on purpose. JCS writes every number as JavaScript would, so `1.0` and
//! `1` become the same text and integers above 2^53 are rounded, and it sorts keys by UTF-16 code
//! units; here numbers keep serde_json's own text (`1.0`, `-0.0`, every digit of a large integer)
//! and keys sort by their UTF-8 bytes. The shipped protocols come out the same either way, but a
//! clinic's file with `1.0` in it would get another fingerprint than the one its medical director
//! signed.

use sha2::{Digest, Sha256};

/// Hex digits kept: 48 bits, plenty to tell a clinic's versions apart when read aloud or printed.
pub const FINGERPRINT_LEN: usize = 12;

/// The fingerprint of a protocol's JSON: the first [`FINGERPRINT_LEN`] hex digits of the SHA-256
/// of [`canonical_json`].
pub fn fingerprint(json: &serde_json::Value) -> String {
    let digest = Sha256::digest(canonical_json(json).as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    hex[..FINGERPRINT_LEN].to_owned()
}

/// JSON with object keys sorted (by their UTF-8 bytes) and no whitespace.
pub fn canonical_json(json: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(json, &mut out);
    out
}

fn write_canonical(json: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match json {
        Value::Object(map) => {
            // Sorted here, whatever order the map keeps (serde_json's `preserve_order` may be on).
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_and_whitespace_do_not_matter() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b": [1, {"y": 2, "x": "é"}], "a": true}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str("{\"a\":true,\n\"b\":[1,{\"x\":\"é\",\"y\":2}]}").unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":true,"b":[1,{"x":"é","y":2}]}"#);
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), FINGERPRINT_LEN);
    }

    /// Where RFC 8785 would write something else; a change here changes signed fingerprints.
    #[test]
    fn numbers_keep_their_text_and_keys_sort_by_utf8_bytes() {
        let cases = [
            (r#"{"a": 1.0, "b": 1e3, "c": -0}"#, r#"{"a":1.0,"b":1000.0,"c":-0.0}"#),
            (
                r#"[9007199254740993, 18446744073709551615, 0.1, 1.5e-7]"#,
                "[9007199254740993,18446744073709551615,0.1,1.5e-7]",
            ),
            ("{\"\\ud83d\\ude00\": 2, \"\\uff61\": 1}", "{\"\u{ff61}\":1,\"\u{1f600}\":2}"),
            (r#"{"a": "\u00e9\u001f\/\t"}"#, "{\"a\":\"\u{e9}\\u001f/\\t\"}"),
        ];
        for (text, canonical) in cases {
            let json: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(canonical_json(&json), canonical, "{text}");
        }
    }

    #[test]
    fn any_edit_changes_it() {
        let a = serde_json::json!({"a": [1, 2]});
        for edited in [serde_json::json!({"a": [2, 1]}), serde_json::json!({"a": [1, 2], "b": null})] {
            assert_ne!(fingerprint(&a), fingerprint(&edited));
        }
    }
}
