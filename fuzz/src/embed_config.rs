//! Target `embed_config`: iframe mode's configuration, `config::embed::parse_embed_config`, from
//! the frame's URL query and the text of `embed-config.json`.
//!
//! The input is the query, then, after a NUL byte, the file's text; without a NUL there is no file.
//! Properties:
//! - nothing panics, and reading twice gives the same result;
//! - every problem says what is wrong and names its key: a URL parameter, a key of the file or of
//!   its `attributes`, or an attribute, each one that was given; only a file that is not a JSON
//!   object is named as a whole;
//! - the URL chooses presentation only: without it, every other attribute and the parent origins
//!   are the same, and without a file there are none;
//! - the attributes, as the widget reads them, never route data to a plain `http:` endpoint
//!   other than this computer (the `attributes` target's properties of accepted values hold);
//! - every parent origin is `https://` (or `http://` on this computer) and a host, lowercase.

use std::collections::BTreeSet;

use candidacy::config::embed::{parse_embed_config, EmbedConfig, PRESENTATION};
use candidacy::config::{Config, ATTRIBUTES};
use serde_json::Value as Json;

use crate::attributes::{accepted_values_are_safe, host, is_loopback, scheme};

pub fn embed_config(data: &[u8]) {
    let (search, file) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], Some(String::from_utf8_lossy(&data[nul + 1..]))),
        None => (data, None),
    };
    let search = String::from_utf8_lossy(search);
    let config = parse_embed_config(&search, file.as_deref());
    assert_eq!(parse_embed_config(&search, file.as_deref()), config, "reading twice gives the same result");

    problems_name_their_keys(&config, &search, file.as_deref());

    let without_url = parse_embed_config("", file.as_deref());
    let chosen_by_file = |config: &EmbedConfig| -> Vec<(String, String)> {
        let presentation = |name: &str| PRESENTATION.contains(&name);
        config.attributes.iter().filter(|(name, _)| !presentation(name)).cloned().collect()
    };
    assert_eq!(chosen_by_file(&config), chosen_by_file(&without_url), "the URL chooses presentation only");
    assert_eq!(config.parent_origins, without_url.parent_origins, "the URL chooses presentation only");
    if file.is_none() {
        assert_eq!(chosen_by_file(&config), [], "without a file, only presentation");
        assert_eq!(config.parent_origins, Vec::<String>::new());
    }

    let names: Vec<&str> = config.attributes.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), names.len(), "each attribute once: {names:?}");
    let (widget, warnings) = element(&config.attributes);
    for warning in &warnings {
        assert!(config.problems.contains(&warning.to_string()), "the widget's warning is a problem: {warning}");
    }
    accepted_values_are_safe(&widget);

    for origin in &config.parent_origins {
        parent_origin(origin);
    }
}

/// The widget's configuration from the frame's element.
pub fn element(attributes: &[(String, String)]) -> (Config, Vec<candidacy::config::ConfigWarning>) {
    Config::from_attributes(|name| attributes.iter().find(|(n, _)| n == name).map(|(_, value)| value.clone()))
}

/// An origin the frame sends its events to (answers among them, with `share-answers`).
pub fn parent_origin(origin: &str) {
    assert_eq!(origin.to_ascii_lowercase(), origin, "origins are compared lowercase");
    let (_, authority) = origin.split_once("://").unwrap_or_else(|| panic!("not an origin: {origin:?}"));
    assert!(!authority.is_empty() && !authority.contains(['/', '?', '#', '@', '\\']), "not an origin: {origin:?}");
    match scheme(origin).as_deref() {
        Some("https") => {}
        // Events can carry answers: plain http only to a page on this computer.
        Some("http") => assert!(is_loopback(host(origin).as_deref()), "plain http parent origin: {origin:?}"),
        other => panic!("parent origin {origin:?} with scheme {other:?}"),
    }
}

/// Every problem says what is wrong and names the key it is about, one that was given.
fn problems_name_their_keys(config: &EmbedConfig, search: &str, file: Option<&str>) {
    let mut given: BTreeSet<String> = query_names(search).into_iter().collect();
    let root = file.and_then(|text| serde_json::from_str::<Json>(text).ok());
    if let Some(Json::Object(root)) = &root {
        given.extend(root.keys().cloned());
        if let Some(Json::Object(attributes)) = root.get("attributes") {
            given.extend(attributes.keys().cloned());
        }
    }
    given.extend(config.attributes.iter().map(|(name, _)| name.clone()));
    let named = |problem: &str| {
        given.iter().any(|name| {
            problem.contains(&format!("`{name}`")) || problem.contains(&format!("`{}`", name.escape_debug()))
        })
    };
    for problem in &config.problems {
        assert!(!problem.trim().is_empty(), "a problem says what is wrong");
        let whole_file = problem.starts_with("ignoring embed-config.json: ");
        if whole_file {
            assert!(!matches!(root, Some(Json::Object(_))), "a file that is an object has its keys named: {problem}");
        } else {
            assert!(named(problem), "names a key that was given: {problem} (given: {given:?})");
        }
        if let Some(rest) = problem.strip_prefix("ignoring URL parameter `") {
            let name = rest.split('`').next().unwrap_or_default();
            let routes = ATTRIBUTES.contains(&name) || name == "parent-origin";
            assert!(routes && !PRESENTATION.contains(&name), "the URL may set `{name}`, yet: {problem}");
        }
    }
}

/// The names of `application/x-www-form-urlencoded` pairs, decoded (`+` a space, `%XX` a byte,
/// malformed escapes kept, bytes read as UTF-8 with replacement).
pub fn query_names(search: &str) -> Vec<String> {
    let decode = |text: &str| {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let hex = |at: usize| bytes.get(at).and_then(|&b| char::from(b).to_digit(16));
            match (bytes[i], hex(i + 1), hex(i + 2)) {
                (b'%', Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                }
                (b'+', ..) => {
                    out.push(b' ');
                    i += 1;
                }
                (byte, ..) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    // As `parse_embed_config` reads it: every leading `?` goes.
    let search = search.trim_start_matches('?');
    search
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| decode(pair.split('=').next().unwrap_or(pair)))
        .collect()
}
