//! Finds where a JSON pointer's value starts in the source text, as line and column.
//!
//! serde gives positions for syntax errors only; semantic errors know their JSON pointer, and this
//! turns it back into a place a person can open in an editor. dprint's `jsonc-parser` reads the
//! text into a tree that keeps each value's byte range; following the pointer down that tree and
//! turning a byte offset into a line and a column in characters are ours.

use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

/// The 1-based line and column of the value at `pointer` in `text`, if the text is valid JSON
/// and the pointer exists.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let segments = match pointer {
        "" => None,
        pointer => Some(pointer.strip_prefix('/')?.split('/')),
    };
    let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &STRICT_JSON).ok()?;
    let mut value = parsed.value.as_ref()?;
    for segment in segments.into_iter().flatten() {
        // RFC 6901: `~1` first, so that `~01` stays the key `~1`.
        let segment = segment.replace("~1", "/").replace("~0", "~");
        value = match value {
            // Of duplicate keys, the first, although serde_json's map keeps the last one's value.
            Value::Object(object) => &object.get(&segment)?.value,
            Value::Array(array) => array.elements.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(line_column(text, value.start()))
}

/// Plain JSON, as serde_json reads it: none of the JSONC and JSON5 extensions `jsonc-parser`
/// accepts by default.
const STRICT_JSON: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// `key` as one segment of a JSON pointer (RFC 6901: `~` is `~0`, `/` is `~1`).
pub(crate) fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values() {
        let text = "{\n  \"a\": [1, {\"b\": \"x,]\"}],\n  \"c/d\": {\"e\": true}\n}";
        assert_eq!(locate(text, ""), Some((1, 1)));
        assert_eq!(locate(text, "/a"), Some((2, 8)));
        assert_eq!(locate(text, "/a/1/b"), Some((2, 18)));
        assert_eq!(locate(text, "/c~1d/e"), Some((3, 16)));
        assert_eq!(locate(text, &format!("/{}/e", pointer_segment("c/d"))), Some((3, 16)));
        assert_eq!(locate(text, "/a/2"), None);
        assert_eq!(locate(text, "/missing"), None);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(locate("{\"é\": 1, \"b\": 2}", "/b"), Some((1, 15)));
    }

    #[test]
    fn keys_with_slashes_and_tildes_round_trip_through_pointer_segment() {
        let text = "{\n  \"a/b~c\": 1,\n  \"~1\": [true, \"x\"],\n  \"/\": {\"~\": null}\n}";
        assert_eq!(pointer_segment("a/b~c"), "a~1b~0c");
        assert_eq!(locate(text, &format!("/{}", pointer_segment("a/b~c"))), Some((2, 12)));
        // `~01` is the key `~1`, not `~/`.
        assert_eq!(locate(text, "/~01/1"), Some((3, 16)));
        assert_eq!(locate(text, "/~1/~0"), Some((4, 14)));
        assert_eq!(locate(text, "/a~1b~0c/0"), None);
    }

    #[test]
    fn invalid_text_and_malformed_pointers_have_no_place() {
        let text = "{\"a\": [1, 2], \"b\": {\"c\": 3}}";
        assert_eq!(locate(text, "a"), None);
        assert_eq!(locate(text, "/a/x"), None);
        assert_eq!(locate(text, "/a/0/deeper"), None);
        // JSONC and JSON5 are not JSON: no comments, trailing commas or bare keys.
        for invalid in ["{\"a\": 1,}", "{\"a\": 1 // one\n}", "{a: 1}", "{\"a\": 1", ""] {
            assert_eq!(locate(invalid, "/a"), None, "{invalid:?}");
        }
    }
}
