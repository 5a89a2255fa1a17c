//! Target `attributes`: the `<candidacy-quiz>` element's attributes (in iframe mode, the frame's
//! query parameters, which use the same names) through `Config::from_attributes`.
//!
//! The input is records separated by NUL bytes, each `name=value`. A name that is not an attribute
//! picks one by its bytes, and a record without `=` picks one by its first byte, so that any bytes
//! set some attributes; a later record for an attribute replaces an earlier one, as on an element.
//!
//! Properties:
//! - only the documented attributes are read, and reading twice gives the same result;
//! - every warning names an attribute that was given, once, with a message;
//! - each given attribute is either taken as written (trimmed) or refused with a warning that
//!   leaves its default, never half taken; an attribute not given keeps its default;
//! - a value longer than 2,048 characters is never taken;
//! - an accepted URL (`booking-url`, `lead-endpoint`, `protocol`, each `cta` url) has no control
//!   character or whitespace, and no scheme but `https:` or `http:` (so never `javascript:` or
//!   `data:`); `booking-url` and `cta` urls are absolute; a plain `http:` `lead-endpoint` names
//!   this computer (`127.0.0.1`, `localhost`, `[::1]`) as a browser reads its host;
//! - accepted theme values hold none of `;`, `{`, `}`, `<`, `>`, quotes or `\`;
//! - accepted hidden fields obey the documented limits: at most 20, names a letter then letters,
//!   digits, `_` or `-` (at most 40), values at most 200 characters;
//! - `forget-after` is a number of minutes from 1 to 1440, 30 unless given;
//! - the `tel:` link of an accepted phone number holds only digits and `+`;
//! - round trip: the accepted configuration written back as attributes reads back the same,
//!   without a warning.

use std::cell::RefCell;
use std::collections::BTreeMap;

use candidacy::config::{Config, ConfigWarning, ForgetAfter, StartAt, ATTRIBUTES};

/// The longest value taken, as `src/config.rs` and the README say.
pub const MAX_LEN: usize = 2048;
const MAX_HIDDEN_FIELDS: usize = 20;
const MAX_HIDDEN_NAME: usize = 40;
const MAX_HIDDEN_VALUE: usize = 200;

pub fn attributes(data: &[u8]) {
    let given = decode(data);
    let asked = RefCell::new(Vec::new());
    let (config, warnings) = Config::from_attributes(|name| {
        asked.borrow_mut().push(name.to_owned());
        given.get(name).cloned()
    });
    for name in asked.borrow().iter() {
        assert!(ATTRIBUTES.contains(&name.as_str()), "reads only documented attributes, not `{name}`");
    }
    let again = Config::from_attributes(|name| given.get(name).cloned());
    assert_eq!(again, (config.clone(), warnings.clone()), "reading twice gives the same result");

    for warning in &warnings {
        assert!(given.contains_key(warning.attribute), "a warning names an attribute that was given: {warning}");
        assert!(!warning.message.trim().is_empty(), "a warning says why: {warning:?}");
        assert!(warning.to_string().contains(&format!("`{}`", warning.attribute)), "{warning}");
        let n = warnings.iter().filter(|w| w.attribute == warning.attribute).count();
        assert_eq!(n, 1, "one warning per attribute: {warnings:?}");
    }
    for attribute in ATTRIBUTES {
        taken_or_refused(&config, &warnings, attribute, given.get(attribute).map(|value| value.trim()));
    }

    accepted_values_are_safe(&config);
    round_trip(&config);
}

/// The properties of the values a configuration holds, however it was read (attributes here,
/// `embed-config.json` or a parent's message in the `embed_config` and `parent_message` targets).
pub fn accepted_values_are_safe(config: &Config) {
    for (attribute, url) in [("booking-url", &config.booking_url), ("lead-endpoint", &config.lead_endpoint)]
        .into_iter()
        .chain([("protocol", &config.protocol_url)])
    {
        if let Some(url) = url {
            safe_url(attribute, url, attribute != "booking-url");
        }
    }
    if let Some(url) = &config.lead_endpoint {
        if scheme(url).as_deref() == Some("http") {
            let host = host(url);
            let loopback = is_loopback(host.as_deref());
            assert!(loopback, "`lead-endpoint`: plain http to {host:?}, not this computer: {url:?}");
        }
    }
    for call in config.calls_to_action.values() {
        safe_url("cta", &call.url, false);
        assert!(!call.label.trim().is_empty() && call.label.chars().count() <= 80, "{call:?}");
    }
    for (_, value) in config.theme.custom_properties() {
        let breaks_out = |c: char| ";{}<>\"'\\".contains(c) || c.is_control();
        assert!(!value.contains(breaks_out), "a theme value stays inside its declaration: {value:?}");
    }
    assert!(config.hidden_fields.len() <= MAX_HIDDEN_FIELDS, "{:?}", config.hidden_fields);
    for (name, value) in &config.hidden_fields {
        let letter_first = name.starts_with(|c: char| c.is_ascii_alphabetic());
        let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        assert!(letter_first && plain && name.len() <= MAX_HIDDEN_NAME, "hidden field name {name:?}");
        assert!(value.chars().count() <= MAX_HIDDEN_VALUE, "hidden field `{name}`: {value:?}");
    }
    if let Some(href) = config.tel_href() {
        let number = href.strip_prefix("tel:").expect("a tel: link");
        assert!(number.chars().all(|c| c.is_ascii_digit() || c == '+'), "{href:?}");
    }
}

/// `127.0.0.1`, `localhost` or `[::1]`: this computer.
pub fn is_loopback(host: Option<&str>) -> bool {
    matches!(host, Some("127.0.0.1" | "localhost" | "[::1]"))
}

/// The attributes the input sets, by name (see the module's documentation).
pub fn decode(data: &[u8]) -> BTreeMap<&'static str, String> {
    let mut given = BTreeMap::new();
    for record in data.split(|&b| b == 0).filter(|record| !record.is_empty()) {
        let (attribute, value) = match record.iter().position(|&b| b == b'=') {
            Some(eq) => {
                let name = &record[..eq];
                let by_bytes = || ATTRIBUTES[name.iter().map(|&b| usize::from(b)).sum::<usize>() % ATTRIBUTES.len()];
                let attribute = ATTRIBUTES.into_iter().find(|a| a.as_bytes() == name).unwrap_or_else(by_bytes);
                (attribute, &record[eq + 1..])
            }
            None => (ATTRIBUTES[usize::from(record[0]) % ATTRIBUTES.len()], &record[1..]),
        };
        given.insert(attribute, String::from_utf8_lossy(value).into_owned());
    }
    given
}

/// The input that sets these attributes: the inverse of [`decode`].
pub fn encode(given: &BTreeMap<&str, String>) -> Vec<u8> {
    let records: Vec<String> = given.iter().map(|(name, value)| format!("{name}={value}")).collect();
    records.join("\0").into_bytes()
}

/// What the configuration holds for one attribute.
#[derive(Debug, PartialEq)]
enum Held<'a> {
    /// Kept as written (trimmed).
    Text(Option<&'a str>),
    Switch(bool),
    Start(StartAt),
    /// Parsed from JSON: how many entries (`None`: no prefill).
    Entries(Option<usize>),
    Minutes(u32),
}

fn held<'a>(config: &'a Config, attribute: &str) -> Held<'a> {
    match attribute {
        "protocol" => Held::Text(config.protocol_url.as_deref()),
        "booking-url" => Held::Text(config.booking_url.as_deref()),
        "phone" => Held::Text(config.phone.as_deref()),
        "clinic-name" => Held::Text(config.clinic_name.as_deref()),
        "locale" => Held::Text(config.locale.as_deref()),
        "primary" => Held::Text(config.theme.primary.as_deref()),
        "accent" => Held::Text(config.theme.accent.as_deref()),
        "radius" => Held::Text(config.theme.radius.as_deref()),
        "lead-endpoint" => Held::Text(config.lead_endpoint.as_deref()),
        "start" => Held::Start(config.start),
        "prefill" => Held::Entries(config.prefill.as_ref().map(serde_json::Map::len)),
        "cta" => Held::Entries(Some(config.calls_to_action.len())),
        "hidden-fields" => Held::Entries(Some(config.hidden_fields.len())),
        "share-answers" => Held::Switch(config.share_answers),
        "analytics" => Held::Switch(config.analytics),
        "cta-attribution" => Held::Switch(config.cta_attribution),
        "analytics-outcome" => Held::Switch(config.analytics_outcome),
        "test-mode" => Held::Switch(config.test_mode),
        "forget-on-complete" => Held::Switch(config.forget_on_complete),
        "forget-after" => Held::Minutes(config.forget_after.0),
        other => panic!("a new attribute `{other}`: teach the `attributes` fuzz target what it holds"),
    }
}

/// One attribute is taken as written, or refused with a warning and left at its default.
fn taken_or_refused(config: &Config, warnings: &[ConfigWarning], attribute: &str, value: Option<&str>) {
    let held = held(config, attribute);
    let default = Config::default();
    let warned = warnings.iter().any(|w| w.attribute == attribute);
    let Some(value) = value.filter(|_| !warned) else {
        assert_eq!(held, self::held(&default, attribute), "`{attribute}` not given or refused: its default");
        return;
    };
    assert!(value.chars().count() <= MAX_LEN, "`{attribute}`: a value over {MAX_LEN} characters was taken");
    let entries =
        |value: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(value).map(|m| m.len());
    match held {
        Held::Text(text) => assert_eq!(text, Some(value), "`{attribute}` is taken as written"),
        Held::Switch(on) => {
            assert!(["", "true", "false"].contains(&value), "`{attribute}`: {value:?} is not a switch");
            assert_eq!(on, value != "false", "`{attribute}`: {value:?}");
        }
        Held::Start(start) => {
            let expected = match value {
                "welcome" => StartAt::Welcome,
                "first-question" => StartAt::FirstQuestion,
                other => panic!("`start`: {other:?} taken"),
            };
            assert_eq!(start, expected);
        }
        Held::Entries(n) => assert_eq!(n.map(Ok), Some(entries(value).map_err(|_| ())), "`{attribute}`: {value:?}"),
        Held::Minutes(minutes) => {
            assert!((1..=1440).contains(&minutes), "`{attribute}`: {minutes} minutes");
            assert_eq!(value.parse(), Ok(minutes), "`{attribute}`: {value:?}");
        }
    }
}

/// An accepted URL can only lead to a web page or the page's own site.
fn safe_url(attribute: &str, url: &str, relative_allowed: bool) {
    assert!(!url.contains(|c: char| c.is_control() || c.is_whitespace()), "`{attribute}`: {url:?}");
    assert!(url.chars().count() <= MAX_LEN, "`{attribute}`: {} characters", url.chars().count());
    match scheme(url) {
        Some(scheme) => {
            assert!(scheme == "https" || scheme == "http", "`{attribute}`: scheme `{scheme}` in {url:?}");
            assert!(!url.contains(['"', '<', '>']), "`{attribute}`: {url:?}");
        }
        None => {
            assert!(relative_allowed, "`{attribute}` must be absolute: {url:?}");
            assert!(!url.starts_with("//"), "`{attribute}`: a relative URL stays on the page's site: {url:?}");
            // A browser reads `\` as `/` in an http(s) URL: `/\evil.example/x` is another site too.
            let lead: String = url.chars().take(2).collect();
            assert!(
                !lead.chars().all(|c| c == '/' || c == '\\') || lead.len() < 2,
                "`{attribute}` leaves the site: {url:?}"
            );
        }
    }
    let lower = url.to_ascii_lowercase();
    assert!(!lower.starts_with("javascript:") && !lower.starts_with("data:"), "`{attribute}`: {url:?}");
}

/// The URL's scheme as a browser reads it (`[A-Za-z][A-Za-z0-9+.-]*:`), lowercase.
pub fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (first_ok && rest_ok).then(|| scheme.to_ascii_lowercase())
}

/// The host of an `http(s)://` URL as a browser reads it: the authority ends at `/`, `\\`, `?` or
/// `#`, the host follows the last `@` in it, and the port is not part of it. Lowercase.
pub fn host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match host_and_port.strip_prefix('[') {
        Some(v6) => format!("[{}]", v6.split(']').next().unwrap_or_default()),
        None => host_and_port.split(':').next().unwrap_or_default().to_owned(),
    };
    Some(host.to_ascii_lowercase())
}

/// The configuration written back as attributes reads back the same, without a warning.
fn round_trip(config: &Config) {
    let mut given: BTreeMap<&str, String> = BTreeMap::new();
    let texts = [
        ("protocol", &config.protocol_url),
        ("booking-url", &config.booking_url),
        ("phone", &config.phone),
        ("clinic-name", &config.clinic_name),
        ("locale", &config.locale),
        ("primary", &config.theme.primary),
        ("accent", &config.theme.accent),
        ("radius", &config.theme.radius),
        ("lead-endpoint", &config.lead_endpoint),
    ];
    for (name, text) in texts {
        given.extend(text.clone().map(|text| (name, text)));
    }
    if config.forget_after != ForgetAfter::default() {
        given.insert("forget-after", config.forget_after.0.to_string());
    }
    if config.start == StartAt::FirstQuestion {
        given.insert("start", "first-question".to_owned());
    }
    if let Some(prefill) = &config.prefill {
        let json = serde_json::Value::Object(prefill.clone()).to_string();
        // Numbers may be written longer than they were given (`1e9` as `1000000000.0`).
        if json.chars().count() > MAX_LEN {
            return;
        }
        given.insert("prefill", json);
    }
    if !config.calls_to_action.is_empty() {
        let calls: serde_json::Map<String, serde_json::Value> = (config.calls_to_action.iter())
            .map(|(outcome, call)| {
                (outcome.as_str().to_owned(), serde_json::json!({"label": call.label, "url": call.url}))
            })
            .collect();
        given.insert("cta", serde_json::Value::Object(calls).to_string());
    }
    if !config.hidden_fields.is_empty() {
        given.insert("hidden-fields", serde_json::to_string(&config.hidden_fields).expect("texts serialize"));
    }
    let switches = [
        ("share-answers", config.share_answers),
        ("analytics", config.analytics),
        ("cta-attribution", config.cta_attribution),
        ("analytics-outcome", config.analytics_outcome),
        ("test-mode", config.test_mode),
        ("forget-on-complete", config.forget_on_complete),
    ];
    given.extend(switches.into_iter().filter(|(_, on)| *on).map(|(name, _)| (name, String::new())));

    let (again, warnings) = Config::from_attributes(|name| given.get(name).cloned());
    assert_eq!(warnings, [], "the accepted configuration reads back without a warning: {given:?}");
    let same_prefill = match (&config.prefill, &again.prefill) {
        (Some(a), Some(b)) => same_json(&serde_json::Value::Object(a.clone()), &serde_json::Value::Object(b.clone())),
        (a, b) => a == b,
    };
    assert!(same_prefill, "prefill round trip: {:?} then {:?}", config.prefill, again.prefill);
    assert_eq!(Config { prefill: None, ..again }, Config { prefill: None, ..config.clone() }, "round trip");
}

/// Equal JSON, floating-point numbers within a rounding error (serde_json parses floats to within
/// an ulp or so unless its `float_roundtrip` feature is on).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::{Array, Number, Object};
    match (a, b) {
        (Number(x), Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
        }
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Object(x), Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, vx), (ky, vy))| kx == ky && same_json(vx, vy))
        }
        _ => a == b,
    }
}
