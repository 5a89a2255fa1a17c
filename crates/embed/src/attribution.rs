//! Marketing attribution without health data: the allow-listed campaign parameters of the host
//! page's URL (`utm_*`, click ids), kept for the session and added to events, the consented lead
//! and (on request) the call-to-action URL. Pure: the widget reads the URL and stores the result.
//! Values are text, capped; nothing else of the URL is kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The parameters kept, in the order they are written.
pub const PARAMETERS: [&str; 8] =
    ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid", "msclkid"];

/// Longest value kept, in characters.
pub const MAX_LEN: usize = 200;

/// Allow-listed parameters by name; empty when the page's URL had none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Attribution(BTreeMap<String, String>);

impl Attribution {
    /// Keeps the allow-listed pairs of a decoded query string (first value of each), as text: control
    /// characters dropped, at most [`MAX_LEN`] characters.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Attribution {
        let mut kept = BTreeMap::new();
        for (name, value) in pairs {
            if !PARAMETERS.contains(&name) || kept.contains_key(name) {
                continue;
            }
            let value: String = value.chars().filter(|c| !c.is_control()).take(MAX_LEN).collect();
            if !value.trim().is_empty() {
                kept.insert(name.to_owned(), value);
            }
        }
        Attribution(kept)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(name, value)` in [`PARAMETERS`] order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        PARAMETERS.iter().filter_map(|&name| Some((name, self.0.get(name)?.as_str())))
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.0).expect("a map of strings serializes")
    }

    /// Reads the form [`Attribution::save`] wrote; `None` for anything else (then the page's URL is read again).
    pub fn restore(saved: &str) -> Option<Attribution> {
        let map: BTreeMap<String, String> = serde_json::from_str(saved).ok()?;
        Some(Attribution::from_pairs(map.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
    }

    pub fn save(&self) -> String {
        self.to_json().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_allow_list_is_kept_as_capped_text() {
        let long = "x".repeat(500);
        let attribution = Attribution::from_pairs([
            ("utm_source", "google"),
            ("utm_source", "second value ignored"),
            ("utm_campaign", "<script>alert(1)</script>"),
            ("gclid", long.as_str()),
            ("email", "ana@example.com"),
            ("candidacy_concern", "acne_scars"),
            ("utm_term", "line\nbreak\u{0}"),
            ("utm_medium", "   "),
        ]);
        let pairs: Vec<_> = attribution.pairs().collect();
        assert_eq!(
            pairs,
            [
                ("utm_source", "google"),
                ("utm_campaign", "<script>alert(1)</script>"),
                ("utm_term", "linebreak"),
                ("gclid", "x".repeat(MAX_LEN).as_str()),
            ]
        );
    }

    #[test]
    fn saved_and_restored_for_the_session() {
        let attribution = Attribution::from_pairs([("utm_source", "newsletter"), ("fbclid", "abc")]);
        assert_eq!(Attribution::restore(&attribution.save()), Some(attribution));
        assert_eq!(Attribution::restore("{\"utm_source\": 1}"), None);
        let smuggled = Attribution::restore(r#"{"email": "ana@example.com"}"#).unwrap();
        assert!(smuggled.is_empty(), "a tampered store cannot add parameters");
    }
}
