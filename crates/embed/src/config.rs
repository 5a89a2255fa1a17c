//! The clinic's configuration of one widget, read from the `<candidacy-quiz>` element's
//! attributes (or, in iframe mode, the frame's query parameters, which use the same names). Pure:
//! the widget passes a lookup; every invalid value is dropped with a warning that names the
//! attribute, and the default is used.

pub mod element;
pub mod embed;
pub mod values;

use std::collections::BTreeMap;

use crate::protocol::Outcome;

/// Where the quiz opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartAt {
    #[default]
    Welcome,
    FirstQuestion,
}

/// Colours and rounding, each set on the element as its public CSS custom property.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    pub primary: Option<String>,
    pub accent: Option<String>,
    pub radius: Option<String>,
}

impl Theme {
    /// `(custom property, value)` for every colour or size the clinic set.
    pub fn custom_properties(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("--candidacy-primary", &self.primary),
            ("--candidacy-accent", &self.accent),
            ("--candidacy-radius", &self.radius),
        ]
        .into_iter()
        .filter_map(|(property, value)| Some((property, value.as_deref()?)))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    pub clinic_name: Option<String>,
    /// An `https:` or `http:` URL.
    pub booking_url: Option<String>,
    /// As the clinic writes it, for display.
    pub phone: Option<String>,
    /// The protocol JSON to fetch; the built-in default protocol when `None`.
    pub protocol_url: Option<String>,
    pub start: StartAt,
    /// The language the clinic asks for; the protocol's texts in it when it has them.
    pub locale: Option<String>,
    pub theme: Theme,
    /// Answers chosen on the clinic's page (e.g. the concern), as an answers-JSON object; checked
    /// against the protocol once it is loaded (see `flow::prefill`).
    pub prefill: Option<serde_json::Map<String, serde_json::Value>>,
    /// Host events carry the visitor's answers (off by default: health data stays on the device).
    pub share_answers: bool,
    /// Host events are also pushed to `window.dataLayer` (Google Tag Manager).
    pub analytics: bool,
    /// Where "Send my results to the clinic" posts, after explicit consent; no form without it.
    pub lead_endpoint: Option<String>,
    /// The result's main button per outcome, instead of "Book a consultation" to `booking_url`.
    pub calls_to_action: BTreeMap<Outcome, CallToAction>,
    /// Call-to-action URLs carry the page's campaign parameters (`utm_*`, click ids).
    pub cta_attribution: bool,
    /// The outcome may go to advertising tools: `dataLayer` pushes and call-to-action URLs carry it.
    pub analytics_outcome: bool,
    /// A clinic trying its live page: a badge, events marked `test`, no lead sent.
    pub test_mode: bool,
    /// Saved progress is deleted as soon as the result is shown.
    pub forget_on_complete: bool,
    /// The clinic's own values (campaign, landing page...) carried into the lead the visitor
    /// chooses to send, and nowhere else: never into events, `dataLayer` or URLs.
    pub hidden_fields: BTreeMap<String, String>,
    /// Saved progress this long without a change is forgotten (`forget-after`).
    pub forget_after: ForgetAfter,
}

/// Minutes without a change after which saved progress is forgotten: half an hour unless the
/// clinic says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForgetAfter(pub u32);

impl Default for ForgetAfter {
    fn default() -> Self {
        ForgetAfter(30)
    }
}

impl ForgetAfter {
    pub fn millis(self) -> f64 {
        f64::from(self.0) * 60_000.0
    }
}

/// A result's main button: what it says and where it goes (`https:` or `http:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallToAction {
    pub label: String,
    pub url: String,
}

/// Every attribute the widget reads, in the README's order: those of the element's table
/// ([`element::TABLE`]) that the widget reads.
pub const ATTRIBUTES: [&str; 20] = element::names(element::Select::Widget);

/// An attribute value that was ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub attribute: &'static str,
    pub message: String,
}

impl std::fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "candidacy: ignoring attribute `{}`: {}", self.attribute, self.message)
    }
}

/// Longest accepted attribute value: a hostile page cannot make the widget carry megabytes.
pub const MAX_LEN: usize = 2048;

impl Config {
    /// Reads the configuration; `attribute` returns an attribute's value by name.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> (Config, Vec<ConfigWarning>) {
        let mut warnings = Vec::new();
        let mut read = |name: &'static str, valid: &dyn Fn(&str) -> Result<(), String>| -> Option<String> {
            let value = attribute(name)?.trim().to_owned();
            let checked = if value.is_empty() {
                Err("it is empty".to_owned())
            } else if value.chars().count() > MAX_LEN {
                Err(format!("it is longer than {MAX_LEN} characters"))
            } else {
                valid(&value)
            };
            match checked {
                Ok(()) => Some(value),
                Err(message) => {
                    warnings.push(ConfigWarning { attribute: name, message });
                    None
                }
            }
        };
        let any = |_: &str| Ok(());
        let clinic_name = read("clinic-name", &any);
        let booking_url = read("booking-url", &values::web_url);
        let phone = read("phone", &values::phone_number);
        let protocol_url = read("protocol", &values::relative_or_web_url);
        let start = match read("start", &|v| match v {
            "welcome" | "first-question" => Ok(()),
            _ => Err(format!("`{}` is not `welcome` or `first-question`", v.escape_debug())),
        }) {
            Some(v) if v == "first-question" => StartAt::FirstQuestion,
            _ => StartAt::Welcome,
        };
        let locale = read("locale", &values::language_tag);
        let theme = Theme {
            primary: read("primary", &values::css_colour),
            accent: read("accent", &values::css_colour),
            radius: read("radius", &values::css_radius),
        };
        let prefill = read("prefill", &|v| prefill_object(v).map(drop)).and_then(|v| prefill_object(&v).ok());
        let lead_endpoint = read("lead-endpoint", &values::lead_endpoint);
        let forget_after = read("forget-after", &values::minutes)
            .and_then(|v| v.parse().ok())
            .map_or_else(ForgetAfter::default, ForgetAfter);
        let calls_to_action = read("cta", &|v| calls_to_action(v).map(drop))
            .map_or_else(BTreeMap::new, |v| calls_to_action(&v).unwrap_or_default());
        let hidden_fields = read("hidden-fields", &|v| hidden_fields(v).map(drop))
            .map_or_else(BTreeMap::new, |v| hidden_fields(&v).unwrap_or_default());
        let mut flag = |name: &'static str| match attribute(name).as_deref().map(str::trim) {
            None | Some("false") => false,
            Some("" | "true") => true,
            Some(other) => {
                let message =
                    format!("`{}` is not a switch: write the attribute alone to turn it on", other.escape_debug());
                warnings.push(ConfigWarning { attribute: name, message });
                false
            }
        };
        let share_answers = flag("share-answers");
        let analytics = flag("analytics");
        let cta_attribution = flag("cta-attribution");
        let analytics_outcome = flag("analytics-outcome");
        let test_mode = flag("test-mode");
        let forget_on_complete = flag("forget-on-complete");
        let config = Config {
            clinic_name,
            booking_url,
            phone,
            protocol_url,
            start,
            locale,
            theme,
            prefill,
            share_answers,
            analytics,
            lead_endpoint,
            calls_to_action,
            cta_attribution,
            analytics_outcome,
            test_mode,
            forget_on_complete,
            hidden_fields,
            forget_after,
        };
        (config, warnings)
    }

    /// What the clinic's configuration releases that it may not mean to, said once on the console:
    /// per-outcome call-to-action URLs tell the destination page the outcome.
    pub fn privacy_notices(&self) -> Vec<String> {
        let mut notices = Vec::new();
        let urls: std::collections::BTreeSet<&str> =
            self.calls_to_action.values().map(|cta| cta.url.as_str()).collect();
        let booking = self.booking_url.iter().map(String::as_str);
        let distinct = urls.iter().copied().chain(booking).collect::<std::collections::BTreeSet<_>>().len();
        if !self.analytics_outcome && !self.calls_to_action.is_empty() && distinct > 1 {
            notices.push(
                "candidacy: `cta` sends visitors to a different address for each outcome, so whatever runs on those \
                 pages (analytics, ads) learns the outcome, a health finding; set `analytics-outcome` to show you \
                 accept this"
                    .to_owned(),
            );
        }
        notices
    }

    /// The `tel:` link for the phone number: digits and a leading `+` only.
    pub fn tel_href(&self) -> Option<String> {
        let phone = self.phone.as_ref()?;
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        Some(format!("tel:{digits}"))
    }
}

/// `{"candidate": {"label": "Book your first session", "url": "https://…"}, …}`: every entry must be
/// usable, so a typo never sends a visitor to the wrong place.
fn calls_to_action(value: &str) -> Result<BTreeMap<Outcome, CallToAction>, String> {
    let example = r#"write {"candidate": {"label": "Book your first session", "url": "https://…"}}"#;
    let map: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(value).map_err(|e| format!("it is not a JSON object ({e}); {example}"))?;
    let mut calls = BTreeMap::new();
    for (key, entry) in map {
        let outcome = Outcome::ALL.into_iter().find(|o| o.as_str() == key).ok_or_else(|| {
            format!("`{}` is not an outcome (candidate, consult, postpone, not_candidate)", key.escape_debug())
        })?;
        let text = |field: &str| entry.get(field).and_then(serde_json::Value::as_str).map(str::trim);
        let label = match text("label") {
            Some(label) if !label.is_empty() && label.chars().count() <= 80 => label.to_owned(),
            _ => return Err(format!("`{key}` needs a `label` of 1 to 80 characters")),
        };
        let url = text("url").ok_or_else(|| format!("`{key}` needs a `url`"))?;
        values::web_url(url).map_err(|why| format!("`{key}`: {why}"))?;
        calls.insert(outcome, CallToAction { label, url: url.to_owned() });
    }
    Ok(calls)
}

/// Most hidden fields a lead carries, and their sizes: enough for campaign bookkeeping, not a
/// channel for anything else.
const MAX_HIDDEN_FIELDS: usize = 20;
const MAX_HIDDEN_NAME: usize = 40;
const MAX_HIDDEN_VALUE: usize = 200;

/// `{"campaign": "spring", "landing": "microneedling-a"}`: names a letter then letters, digits,
/// `_` or `-`; values strings. All or nothing, like `cta`.
fn hidden_fields(value: &str) -> Result<BTreeMap<String, String>, String> {
    let example = r#"write a JSON object of texts, like {"campaign": "spring"}"#;
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(value).map_err(|e| format!("it is not a JSON object ({e}); {example}"))?;
    if map.len() > MAX_HIDDEN_FIELDS {
        return Err(format!("it has {} fields; at most {MAX_HIDDEN_FIELDS} are carried", map.len()));
    }
    let mut fields = BTreeMap::new();
    for (name, entry) in map {
        let name_ok = name.chars().count() <= MAX_HIDDEN_NAME
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !name_ok {
            return Err(format!(
                "`{}` is not a field name: a letter, then letters, digits, `_` or `-`, at most {MAX_HIDDEN_NAME}",
                name.escape_debug()
            ));
        }
        match entry {
            serde_json::Value::String(text) if text.chars().count() <= MAX_HIDDEN_VALUE => {
                fields.insert(name, text);
            }
            serde_json::Value::String(_) => {
                return Err(format!("`{name}` is longer than {MAX_HIDDEN_VALUE} characters"));
            }
            _ => return Err(format!("`{name}` is not a text; {example}")),
        }
    }
    Ok(fields)
}

impl Config {
    /// Adds `json`, an object of answers by question id, to the prefill (over the attribute's):
    /// the answers a visitor gave on the loader's first screen before the widget was ready.
    pub fn add_prefill(&mut self, json: &str) -> Result<(), String> {
        let answers = prefill_object(json)?;
        self.prefill.get_or_insert_with(Default::default).extend(answers);
        Ok(())
    }
}

fn prefill_object(value: &str) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    match serde_json::from_str(value) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(r#"write a JSON object of answers by question id, like {"concerns": ["acne_scars"]}"#.to_owned()),
        Err(e) => Err(format!("it is not valid JSON ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_from_the_first_screen_join_the_prefill() {
        let (mut with_attribute, _) = config(&[("prefill", r#"{"concerns": ["acne_scars"], "age": 40}"#)]);
        with_attribute.add_prefill(r#"{"concerns": ["stretch_marks", "fine_lines"]}"#).unwrap();
        let prefill = with_attribute.prefill.unwrap();
        assert_eq!(prefill["concerns"], serde_json::json!(["stretch_marks", "fine_lines"]));
        assert_eq!(prefill["age"], serde_json::json!(40));
        let (mut without, _) = config(&[]);
        assert!(without.add_prefill("[1]").is_err());
        assert_eq!(without.prefill, None);
    }

    fn config(pairs: &[(&str, &str)]) -> (Config, Vec<ConfigWarning>) {
        Config::from_attributes(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn reads_every_attribute() {
        let (config, warnings) = config(&[
            ("clinic-name", "Glow Clinic"),
            ("booking-url", "https://clinic.example/book"),
            ("phone", "+1 555 0100"),
            ("protocol", "protocols/peel.json"),
            ("start", "first-question"),
            ("locale", "es-MX"),
            ("primary", "#7a1f5c"),
            ("accent", "rgb(200 120 0)"),
            ("radius", "4px"),
            ("prefill", r#"{"concerns": ["acne_scars"]}"#),
            ("share-answers", ""),
            ("analytics", "true"),
            ("lead-endpoint", "/api/lead"),
            ("cta", r#"{"consult": {"label": "Book a free consultation", "url": "https://clinic.example/free"}}"#),
            ("cta-attribution", ""),
            ("analytics-outcome", ""),
            ("test-mode", ""),
            ("forget-on-complete", ""),
            ("hidden-fields", r#"{"campaign": "spring", "landing-page": "microneedling_a"}"#),
        ]);
        assert_eq!(warnings, []);
        assert_eq!(config.hidden_fields["campaign"], "spring");
        assert_eq!(config.hidden_fields["landing-page"], "microneedling_a");
        let consult = &config.calls_to_action[&Outcome::Consult];
        assert_eq!(
            (consult.label.as_str(), consult.url.as_str()),
            ("Book a free consultation", "https://clinic.example/free")
        );
        assert!(config.cta_attribution && config.analytics_outcome && config.test_mode && config.forget_on_complete);
        assert_eq!(config.clinic_name.as_deref(), Some("Glow Clinic"));
        assert_eq!(config.booking_url.as_deref(), Some("https://clinic.example/book"));
        assert_eq!(config.tel_href().as_deref(), Some("tel:+15550100"));
        assert_eq!(config.protocol_url.as_deref(), Some("protocols/peel.json"));
        assert_eq!(config.start, StartAt::FirstQuestion);
        assert_eq!(config.locale.as_deref(), Some("es-MX"));
        let theme: Vec<_> = config.theme.custom_properties().collect();
        assert_eq!(
            theme,
            [
                ("--candidacy-primary", "#7a1f5c"),
                ("--candidacy-accent", "rgb(200 120 0)"),
                ("--candidacy-radius", "4px")
            ]
        );
        assert_eq!(config.prefill.unwrap()["concerns"], serde_json::json!(["acne_scars"]));
        assert!(config.share_answers && config.analytics);
        assert_eq!(config.lead_endpoint.as_deref(), Some("/api/lead"));
    }

    #[test]
    fn hostile_values_are_dropped_with_a_warning_naming_the_attribute() {
        let (config, warnings) = config(&[
            ("booking-url", "javascript:alert(1)"),
            ("phone", "<img src=x onerror=alert(1)>"),
            ("protocol", "data:application/json,{}"),
            ("start", "middle"),
            ("locale", "<script>"),
            ("primary", "red; background: url(//evil.example)"),
            ("radius", "999px"),
            ("prefill", "[1, 2]"),
            ("share-answers", "yes please"),
            ("lead-endpoint", "javascript:alert(1)"),
            ("cta", r#"{"candidate": {"label": "Book", "url": "javascript:alert(1)"}}"#),
        ]);
        assert_eq!(config, Config::default());
        let named: Vec<&str> = warnings.iter().map(|w| w.attribute).collect();
        assert_eq!(
            named,
            [
                "booking-url",
                "phone",
                "protocol",
                "start",
                "locale",
                "primary",
                "radius",
                "prefill",
                "lead-endpoint",
                "cta",
                "share-answers"
            ]
        );
        assert!(warnings[0].to_string().contains("only `https:` and `http:` URLs"), "{}", warnings[0]);
    }

    #[test]
    fn hidden_fields_are_texts_under_plain_names_or_none_at_all() {
        let too_many: serde_json::Map<String, serde_json::Value> =
            (0..=MAX_HIDDEN_FIELDS).map(|i| (format!("f{i}"), serde_json::json!("x"))).collect();
        let too_many = serde_json::Value::Object(too_many).to_string();
        let long = format!(r#"{{"note": "{}"}}"#, "x".repeat(MAX_HIDDEN_VALUE + 1));
        for bad in [r#"{"campaign": 3}"#, r#"{"1st": "a"}"#, r#"{"a b": "c"}"#, r#"["spring"]"#, &too_many, &long] {
            let (config, warnings) = config(&[("hidden-fields", bad)]);
            assert!(config.hidden_fields.is_empty(), "{bad}");
            assert_eq!(warnings.iter().map(|w| w.attribute).collect::<Vec<_>>(), ["hidden-fields"], "{bad}");
        }
    }

    #[test]
    fn broken_prefill_json_names_the_problem() {
        let (config, warnings) = config(&[("prefill", "{concerns: acne}")]);
        assert_eq!(config.prefill, None);
        assert!(warnings[0].to_string().starts_with("candidacy: ignoring attribute `prefill`: it is not valid JSON"));
    }

    #[test]
    fn an_empty_or_huge_value_is_ignored() {
        let huge = "x".repeat(MAX_LEN + 1);
        let (config, warnings) = config(&[("clinic-name", "  "), ("booking-url", &format!("https://{huge}"))]);
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 2);
    }
}
