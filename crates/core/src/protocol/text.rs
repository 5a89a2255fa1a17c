//! Localized visitor-facing text: `{"en": "...", "es": "..."}`, or a plain string for English.

use std::collections::BTreeMap;
use std::fmt;

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A text in one or more locales; English (`en`) is required by validation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// English text only.
    pub fn en(text: impl Into<String>) -> Text {
        Text(BTreeMap::from([("en".to_owned(), text.into())]))
    }

    /// The text in `locale`, falling back to English, then to any locale.
    pub fn get(&self, locale: &str) -> &str {
        self.0.get(locale).or_else(|| self.0.get("en")).or_else(|| self.0.values().next()).map_or("", String::as_str)
    }

    pub fn has(&self, locale: &str) -> bool {
        self.0.get(locale).is_some_and(|text| !text.trim().is_empty())
    }

    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// The locale of `available` that best serves `requested` (`es-MX` is served by `es`), if any.
pub fn best_locale<'a>(available: &'a [String], requested: &str) -> Option<&'a str> {
    let language = requested.split('-').next().unwrap_or(requested);
    let find = |wanted: &str| available.iter().find(|l| l.eq_ignore_ascii_case(wanted)).map(String::as_str);
    find(requested).or_else(|| find(language))
}

/// The locale a visitor is shown: the first of `requested` (in order: the clinic's `locale`
/// attribute, the page's language, the browser's languages) that `available` serves, else English.
pub fn negotiate<'a, 'r>(available: &'a [String], requested: impl IntoIterator<Item = &'r str>) -> &'a str {
    requested
        .into_iter()
        .filter(|wanted| !wanted.trim().is_empty())
        .find_map(|wanted| best_locale(available, wanted.trim()))
        .or_else(|| best_locale(available, "en"))
        .or_else(|| available.first().map(String::as_str))
        .unwrap_or("en")
}

/// `rtl` for the languages written right to left, else `ltr`.
pub fn text_direction(locale: &str) -> &'static str {
    let language = locale.split('-').next().unwrap_or(locale).to_ascii_lowercase();
    match language.as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ckb" => "rtl",
        _ => "ltr",
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: a string, or an object of strings by locale like {\"en\": \"...\"}")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::en(text))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((locale, text)) = map.next_entry::<String, String>()? {
                    if texts.insert(locale.clone(), text).is_some() {
                        return Err(de::Error::custom(format_args!("locale `{locale}` given twice")));
                    }
                }
                Ok(Text(texts))
            }
        }
        // JSON writes English alone as a plain string; a compiled protocol is always a map.
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(TextVisitor)
        } else {
            deserializer.deserialize_map(TextVisitor)
        }
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Visitor-facing text: a string (English), or strings by locale; `en` is required.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "additionalProperties": { "type": "string" },
                    "required": ["en"]
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{best_locale, negotiate, Text};

    #[test]
    fn a_regional_request_is_served_by_its_language() {
        let available = ["en".to_owned(), "es".to_owned()];
        assert_eq!(best_locale(&available, "es-MX"), Some("es"));
        assert_eq!(best_locale(&available, "EN"), Some("en"));
        assert_eq!(best_locale(&available, "fr"), None);
    }

    #[test]
    fn the_locale_is_the_first_request_served_then_english() {
        let available = ["en".to_owned(), "es".to_owned()];
        // The attribute wins, then the page, then the browser's list in its order.
        assert_eq!(negotiate(&available, ["es", "en"]), "es");
        assert_eq!(negotiate(&available, ["", "es-419", "en-US"]), "es");
        assert_eq!(negotiate(&available, ["fr", "de-DE", "es-MX", "en"]), "es");
        assert_eq!(negotiate(&available, ["fr", "de"]), "en");
        assert_eq!(negotiate(&available, []), "en");
        assert_eq!(negotiate(&["he".to_owned(), "en".to_owned()], ["he-IL"]), "he");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        let text =
            Text([("en".to_owned(), "Yes".to_owned()), ("es".to_owned(), "Sí".to_owned())].into_iter().collect());
        assert_eq!(text.get("es"), "Sí");
        assert_eq!(text.get("fr"), "Yes");
        assert_eq!(Text::en("Only English").get("es"), "Only English");
    }
}
