//! The clinic's configuration of one widget, read from attributes (`data-*` on the demo page's
//! mount element). Pure: the widget passes a lookup; every invalid value is dropped with a warning
//! that names the attribute, and the default is used.

/// Where the quiz opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartAt {
    #[default]
    Welcome,
    FirstQuestion,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub clinic_name: Option<String>,
    /// An `https:` or `http:` URL.
    pub booking_url: Option<String>,
    /// As the clinic writes it, for display.
    pub phone: Option<String>,
    /// The protocol JSON to fetch; the built-in default protocol when `None`.
    pub protocol_url: Option<String>,
    pub start: StartAt,
}

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
    /// Reads the configuration; `attribute` returns an attribute's value by name (without `data-`).
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
        let booking_url = read("booking-url", &web_url);
        let phone = read("phone", &phone_number);
        let protocol_url = read("protocol", &relative_or_web_url);
        let start = match read("start", &|v| match v {
            "welcome" | "first-question" => Ok(()),
            _ => Err(format!("`{}` is not `welcome` or `first-question`", v.escape_debug())),
        }) {
            Some(v) if v == "first-question" => StartAt::FirstQuestion,
            _ => StartAt::Welcome,
        };
        (Config { clinic_name, booking_url, phone, protocol_url, start }, warnings)
    }

    /// The `tel:` link for the phone number: digits and a leading `+` only.
    pub fn tel_href(&self) -> Option<String> {
        let phone = self.phone.as_ref()?;
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        Some(format!("tel:{digits}"))
    }
}

fn web_url(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !value.chars().any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if scheme_ok && clean && value.len() > "https://".len() {
        Ok(())
    } else {
        Err("only `https:` and `http:` URLs are accepted".to_owned())
    }
}

fn relative_or_web_url(value: &str) -> Result<(), String> {
    let has_scheme = value.split(['/', '?', '#']).next().is_some_and(|first| first.contains(':'));
    if has_scheme {
        return web_url(value);
    }
    if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("a relative URL cannot hold spaces or control characters".to_owned());
    }
    Ok(())
}

fn phone_number(value: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if value.chars().all(allowed) && (3..=20).contains(&digits) {
        Ok(())
    } else {
        Err("a phone number holds 3 to 20 digits and only `+ - ( ) .` and spaces".to_owned())
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
        ]);
        assert_eq!(warnings, []);
        assert_eq!(config.clinic_name.as_deref(), Some("Glow Clinic"));
        assert_eq!(config.booking_url.as_deref(), Some("https://clinic.example/book"));
        assert_eq!(config.tel_href().as_deref(), Some("tel:+15550100"));
        assert_eq!(config.protocol_url.as_deref(), Some("protocols/peel.json"));
        assert_eq!(config.start, StartAt::FirstQuestion);
    }

    #[test]
    fn hostile_values_are_dropped_with_a_warning_naming_the_attribute() {
        let (config, warnings) = config(&[
            ("booking-url", "javascript:alert(1)"),
            ("phone", "<img src=x onerror=alert(1)>"),
            ("protocol", "data:application/json,{}"),
            ("start", "middle"),
        ]);
        assert_eq!(config, Config::default());
        let named: Vec<&str> = warnings.iter().map(|w| w.attribute).collect();
        assert_eq!(named, ["booking-url", "phone", "protocol", "start"]);
        assert!(warnings[0].to_string().contains("only `https:` and `http:` URLs"), "{}", warnings[0]);
    }

    #[test]
    fn an_empty_or_huge_value_is_ignored() {
        let huge = "x".repeat(MAX_LEN + 1);
        let (config, warnings) = config(&[("clinic-name", "  "), ("booking-url", &format!("https://{huge}"))]);
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 2);
    }
}
