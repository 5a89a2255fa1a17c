//! iframe mode's configuration. The frame's URL can be written by anyone (a link in an email, a
//! forum post), so it chooses presentation only; what routes data or changes the screening (the
//! protocol, the lead endpoint, the parent origins, calls to action, hidden fields...) comes from
//! `embed-config.json`, served by the clinic beside `embed.html`, or from the parent page through
//! `postMessage`, accepted only from an origin that file allows. Pure: `static/embed.js` passes
//! the texts and applies the result; every problem names its parameter or key.

use serde_json::{Map, Value};

use super::{Config, ATTRIBUTES};

/// What the frame's URL may set: how the quiz looks and opens, nothing it does with answers (the
/// attributes [`super::element::TABLE`] marks `presentation`).
pub const PRESENTATION: [&str; 8] = super::element::names(super::element::Select::Presentation);

/// The attributes `embed-config.json` and the parent may set: every attribute.
fn configurable(name: &str) -> bool {
    ATTRIBUTES.contains(&name) || PRESENTATION.contains(&name)
}

/// The frame's element, as `embed.js` builds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedConfig {
    /// `(attribute, value)` pairs for the element; switches have the value `""`.
    pub attributes: Vec<(String, String)>,
    /// Origins whose pages may configure the frame and hear its events.
    pub parent_origins: Vec<String>,
    /// Every parameter or key ignored, and why.
    pub problems: Vec<String>,
}

/// What a parent page may send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParentMessage {
    /// `{type: "candidacy:configure", attributes: {...}}`: attributes over the file's.
    Configure(Vec<(String, String)>),
}

/// The frame's element from its URL's query (`search`, with or without `?`) and the text of
/// `embed-config.json` (`None` when there is none): the file's attributes, then the URL's
/// presentation over them. Campaign parameters and `id` pass through for the widget to read.
pub fn parse_embed_config(search: &str, file: Option<&str>) -> EmbedConfig {
    let mut config = EmbedConfig::default();
    if let Some(text) = file {
        read_file(text, &mut config);
    }
    for (name, value) in query_pairs(search) {
        if PRESENTATION.contains(&name.as_str()) {
            set(&mut config.attributes, name, value);
        } else if configurable(&name) || name == "parent-origin" {
            config.problems.push(format!(
                "ignoring URL parameter `{name}`: in iframe mode it comes from embed-config.json beside embed.html, \
                 never from the frame's URL"
            ));
        }
    }
    config.problems.extend(invalid(&config.attributes));
    config
}

/// A message from the parent page, accepted only from `allowed` origins.
pub fn parse_parent_message(data_json: &str, origin: &str, allowed: &[String]) -> Result<ParentMessage, String> {
    if !allowed.iter().any(|allowed| allowed == origin) {
        return Err(format!(
            "ignoring a message from `{}`: embed-config.json's `parentOrigins` does not list it",
            origin.escape_debug()
        ));
    }
    let data: Value =
        serde_json::from_str(data_json).map_err(|e| format!("ignoring a message that is not JSON ({e})"))?;
    if data.get("type").and_then(Value::as_str) != Some("candidacy:configure") {
        return Err("ignoring a message whose `type` is not `candidacy:configure`".to_owned());
    }
    let Some(given) = data.get("attributes").and_then(Value::as_object) else {
        return Err("ignoring `candidacy:configure`: `attributes` is not an object".to_owned());
    };
    let mut problems = Vec::new();
    let attributes = read_attributes(given, "the parent's `attributes`", &mut problems);
    problems.extend(invalid(&attributes));
    match problems.as_slice() {
        [] => Ok(ParentMessage::Configure(attributes)),
        _ => Err(format!("ignoring `candidacy:configure`: {}", problems.join("; "))),
    }
}

fn read_file(text: &str, config: &mut EmbedConfig) {
    let root: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(root)) => root,
        Ok(_) => return config.problems.push("ignoring embed-config.json: it is not a JSON object".to_owned()),
        Err(e) => return config.problems.push(format!("ignoring embed-config.json: it is not valid JSON ({e})")),
    };
    for (key, value) in &root {
        match (key.as_str(), value) {
            ("attributes", Value::Object(given)) => {
                config.attributes = read_attributes(given, "embed-config.json", &mut config.problems);
            }
            ("parentOrigins", Value::Array(origins)) => {
                for origin in origins {
                    match origin.as_str().map(web_origin) {
                        Some(Ok(origin)) => config.parent_origins.push(origin),
                        Some(Err(why)) => config.problems.push(format!("embed-config.json `parentOrigins`: {why}")),
                        None => {
                            config.problems.push(format!("embed-config.json `parentOrigins`: `{origin}` is not a text"))
                        }
                    }
                }
            }
            ("attributes" | "parentOrigins", _) => config.problems.push(format!(
                "ignoring embed-config.json `{key}`: write {}",
                if key == "attributes" { "an object" } else { "a list of origins" }
            )),
            _ => config.problems.push(format!(
                "ignoring embed-config.json `{}`: not a key it knows (`attributes`, `parentOrigins`)",
                key.escape_debug()
            )),
        }
    }
}

/// Attributes from a JSON object: texts, `true`/`false` for switches, objects for `cta`, `prefill`
/// and `hidden-fields` (written as their JSON).
fn read_attributes(given: &Map<String, Value>, place: &str, problems: &mut Vec<String>) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    for (name, value) in given {
        if !configurable(name) {
            problems.push(format!("{place}: `{}` is not an attribute", name.escape_debug()));
            continue;
        }
        match value {
            Value::String(text) => set(&mut attributes, name.clone(), text.clone()),
            Value::Bool(true) => set(&mut attributes, name.clone(), String::new()),
            Value::Bool(false) | Value::Null => {}
            Value::Object(_) => set(&mut attributes, name.clone(), value.to_string()),
            _ => problems.push(format!("{place}: `{name}` is not a text, a switch or an object")),
        }
    }
    attributes
}

/// The problems the widget itself would report for `attributes` (it reports them again on mount).
fn invalid(attributes: &[(String, String)]) -> Vec<String> {
    let lookup = |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    Config::from_attributes(lookup).1.iter().map(ToString::to_string).collect()
}

fn set(attributes: &mut Vec<(String, String)>, name: String, value: String) {
    attributes.retain(|(n, _)| *n != name);
    attributes.push((name, value));
}

/// `https://clinic.example` or `http://localhost:8080`: a scheme, a host, maybe a port, no path.
/// Plain http only for a page on this computer: the frame's events can carry answers.
pub fn web_origin(value: &str) -> Result<String, String> {
    let refused = || format!("`{}` is not an origin like `https://clinic.example`", value.escape_debug());
    let (scheme, rest) = value.split_once("://").ok_or_else(refused)?;
    // `[::1]:8080`: an IPv6 host is bracketed, and only a colon after the bracket starts the port.
    let split_at = if rest.starts_with('[') { rest.find(']').map(|end| end + 1) } else { rest.find(':') };
    let (host, port) = match split_at.map(|at| rest.split_at(at)) {
        Some((host, "")) => (host, None),
        Some((host, port)) => (host, Some(port.strip_prefix(':').unwrap_or("x"))),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        && !host.starts_with(['.', '-', ':']);
    let port_ok = port.is_none_or(|port| (1..=5).contains(&port.len()) && port.chars().all(|c| c.is_ascii_digit()));
    if !matches!(scheme, "https" | "http") || !host_ok || !port_ok {
        return Err(refused());
    }
    let origin = format!("{scheme}://{}", rest.to_ascii_lowercase());
    if scheme == "http" && !super::values::is_loopback_http(&origin) {
        return Err(format!("`{}` is plain http: write its `https://` origin", value.escape_debug()));
    }
    Ok(origin)
}

/// `application/x-www-form-urlencoded` pairs; malformed escapes are kept as written.
fn query_pairs(search: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let text = text.replace('+', " ");
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
            match (bytes[i], hex(i + 1), hex(i + 2)) {
                (b'%', Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                }
                (byte, ..) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{
        "attributes": {"booking-url": "https://clinic.example/book", "phone": "+1 555 0100",
                       "lead-endpoint": "https://clinic.example/api/lead", "analytics": true,
                       "cta": {"consult": {"label": "Talk to us", "url": "https://clinic.example/talk"}}},
        "parentOrigins": ["https://clinic.example"]
    }"#;

    fn value<'a>(config: &'a EmbedConfig, name: &str) -> Option<&'a str> {
        config.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    #[test]
    fn the_url_chooses_presentation_and_the_file_everything_else() {
        let search = "?primary=%23333&locale=es&lead-endpoint=https%3A%2F%2Fevil.example%2Fx\
                      &protocol=https%3A%2F%2Fevil.example%2Fp.json&parent-origin=https%3A%2F%2Fevil.example&utm_source=mail";
        let config = parse_embed_config(search, Some(FILE));
        assert_eq!(value(&config, "primary"), Some("#333"));
        assert_eq!(value(&config, "locale"), Some("es"));
        assert_eq!(value(&config, "lead-endpoint"), Some("https://clinic.example/api/lead"));
        assert_eq!(value(&config, "protocol"), None);
        assert_eq!(value(&config, "analytics"), Some(""));
        assert!(value(&config, "cta").unwrap().contains("Talk to us"));
        assert_eq!(config.parent_origins, ["https://clinic.example"]);
        let named: Vec<_> = config.problems.iter().filter(|p| p.starts_with("ignoring URL parameter")).collect();
        assert_eq!(named.len(), 3, "{:?}", config.problems);
        for parameter in ["`lead-endpoint`", "`protocol`", "`parent-origin`"] {
            assert!(named.iter().any(|p| p.contains(parameter)), "{parameter}: {named:?}");
        }
    }

    #[test]
    fn a_broken_or_unknown_file_is_named_and_the_quiz_still_gets_its_presentation() {
        for (file, named) in [
            ("{ not json", "not valid JSON"),
            ("[1]", "not a JSON object"),
            (r#"{"attribute": {}}"#, "`attribute`"),
            (r#"{"attributes": {"colour": "red"}}"#, "`colour`"),
            (r#"{"parentOrigins": ["https://clinic.example/path"]}"#, "not an origin"),
            (r#"{"parentOrigins": ["http://clinic.example"]}"#, "plain http"),
            (r#"{"attributes": {"accent": "red}"}}"#, "`accent`"),
        ] {
            let config = parse_embed_config("radius=4px", Some(file));
            assert!(config.problems.iter().any(|p| p.contains(named)), "{file}: {:?}", config.problems);
            assert_eq!(value(&config, "radius"), Some("4px"), "{file}");
        }
    }

    #[test]
    fn origins() {
        for ok in [
            "https://clinic.example",
            "http://127.0.0.1:8080",
            "https://CLINIC.example:443",
            "http://[::1]:4173",
            "http://[::1]",
        ] {
            assert!(web_origin(ok).is_ok(), "{ok}");
        }
        for bad in [
            "clinic.example",
            "https://",
            "https://clinic.example/",
            "https://clinic.example/page",
            "javascript:alert(1)",
            "https://a.example:x",
            "https://user@a.example",
            "http://clinic.example",
        ] {
            assert!(web_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_an_allowed_origin_configures_the_frame() {
        let allowed = vec!["https://clinic.example".to_owned()];
        let message = r#"{"type": "candidacy:configure", "attributes": {"hidden-fields": {"campaign": "spring"}}}"#;
        let accepted = parse_parent_message(message, "https://clinic.example", &allowed);
        assert_eq!(
            accepted,
            Ok(ParentMessage::Configure(vec![("hidden-fields".to_owned(), r#"{"campaign":"spring"}"#.to_owned())]))
        );
        let refused = parse_parent_message(message, "https://evil.example", &allowed).unwrap_err();
        assert!(refused.contains("evil.example"), "{refused}");
        assert!(parse_parent_message(message, "https://clinic.example", &[]).is_err());
        let bad = r#"{"type": "candidacy:configure", "attributes": {"lead-endpoint": "javascript:alert(1)"}}"#;
        assert!(parse_parent_message(bad, "https://clinic.example", &allowed).unwrap_err().contains("lead-endpoint"));
    }
}
