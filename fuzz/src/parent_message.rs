//! Target `parent_message`: a parent page's `postMessage` to the frame, read by
//! `config::embed::parse_parent_message` with the sender's origin and the allowed origins.
//!
//! The input is NUL-separated: the message's JSON text, the sender's origin, then the allowed
//! origins; the origin and the list default to `https://clinic.example` when missing. Properties:
//! - nothing panics, and reading twice gives the same result;
//! - a message is never accepted from an origin outside the allowed ones (compared exactly), and a
//!   refusal for that reason names the origin;
//! - an accepted message is a JSON object of type `candidacy:configure`; it sets attributes the
//!   frame knows, each once, that the widget takes without a warning; and they never route data to
//!   a plain `http:` endpoint other than this computer (the `attributes` target's properties of
//!   accepted values hold);
//! - a refused message says why, naming the key at fault when it is one of the message's.

use std::collections::BTreeSet;

use candidacy::config::embed::{parse_parent_message, ParentMessage, PRESENTATION};
use candidacy::config::ATTRIBUTES;
use serde_json::Value as Json;

use crate::attributes::accepted_values_are_safe;
use crate::embed_config::element;

/// The origin and the allowed list when the input gives none.
pub const CLINIC: &str = "https://clinic.example";

pub fn parent_message(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0).map(|part| String::from_utf8_lossy(part).into_owned());
    let data_json = parts.next().unwrap_or_default();
    let origin = parts.next().unwrap_or_else(|| CLINIC.to_owned());
    let mut allowed: Vec<String> = parts.collect();
    if allowed.is_empty() {
        allowed.push(CLINIC.to_owned());
    }
    let result = parse_parent_message(&data_json, &origin, &allowed);
    assert_eq!(parse_parent_message(&data_json, &origin, &allowed), result, "reading twice gives the same result");
    assert!(parse_parent_message(&data_json, &origin, &[]).is_err(), "no allowed origin, no message");
    let from_allowed = allowed.contains(&origin);

    match result {
        Ok(ParentMessage::Configure(attributes)) => {
            assert!(from_allowed, "accepted a message from {origin:?}, outside {allowed:?}");
            let json: Json = serde_json::from_str(&data_json).expect("an accepted message is JSON");
            assert_eq!(json["type"], "candidacy:configure");
            let names: Vec<&str> = attributes.iter().map(|(name, _)| name.as_str()).collect();
            for name in &names {
                assert!(ATTRIBUTES.contains(name) || PRESENTATION.contains(name), "sets `{name}`");
            }
            assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), names.len(), "each attribute once: {names:?}");
            let (widget, warnings) = element(&attributes);
            assert_eq!(warnings, [], "an accepted message holds no value the widget refuses");
            accepted_values_are_safe(&widget);
        }
        Err(why) => {
            assert!(!why.trim().is_empty(), "a refusal says why");
            if !from_allowed {
                assert!(why.contains(&format!("`{}`", origin.escape_debug())), "names the origin: {why}");
                return;
            }
            let json = serde_json::from_str::<Json>(&data_json).ok();
            let keys: Vec<String> = match json.as_ref().and_then(|json| json.get("attributes")) {
                Some(Json::Object(attributes)) => attributes.keys().cloned().collect(),
                _ => Vec::new(),
            };
            let about_attributes = json.as_ref().is_some_and(|json| json["type"] == "candidacy:configure")
                && json.as_ref().is_some_and(|json| json["attributes"].is_object());
            if about_attributes {
                let named = keys
                    .iter()
                    .any(|key| why.contains(&format!("`{key}`")) || why.contains(&format!("`{}`", key.escape_debug())));
                assert!(named, "names the attribute at fault: {why}");
            }
        }
    }
}
