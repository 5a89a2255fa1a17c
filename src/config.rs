//! The clinic's configuration of one widget, read from the `<candidacy-quiz>` element's
//! attributes (or, in iframe mode, the frame's query parameters, which use the same names). Pure:
//! the widget passes a lookup; every invalid value is dropped with a warning that names the
//! attribute, and the default is used.

pub(crate) mod values;

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
}

/// Every attribute the widget reads, in the README's order.
pub const ATTRIBUTES: [&str; 13] = [
    "protocol",
    "booking-url",
    "phone",
    "clinic-name",
    "locale",
    "primary",
    "accent",
    "radius",
    "start",
    "prefill",
    "share-answers",
    "analytics",
    "lead-endpoint",
];

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
const MAX_LEN: usize = 2048;

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
        let lead_endpoint = read("lead-endpoint", &values::relative_or_web_url);
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
        };
        (config, warnings)
    }

    /// The `tel:` link for the phone number: digits and a leading `+` only.
    pub fn tel_href(&self) -> Option<String> {
        let phone = self.phone.as_ref()?;
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        Some(format!("tel:{digits}"))
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
        ]);
        assert_eq!(warnings, []);
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
                "share-answers"
            ]
        );
        assert!(warnings[0].to_string().contains("only `https:` and `http:` URLs"), "{}", warnings[0]);
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
