//! `candidacy snippet [--base URL] [--iframe | --embed-config] ATTRIBUTE[=VALUE]...`: the embed code
//! a clinic pastes into its page, for the release the build writes to `dist/candidacy/VERSION/`
//! (this command's own version). Two lines: the loader (with `--iframe`, the frame's parent script)
//! pinned by its Subresource Integrity hash, then the element (the iframe) with the clinic's
//! attributes. An iframe's URL carries presentation only; `--embed-config` prints the
//! `embed-config.json` that carries the rest, served beside `embed.html`
//! (`crates/embed/src/config/embed.rs`).
//!
//! The widget's attributes are checked by the widget's own [`Config::from_attributes`], so what the
//! browser would drop with a console warning is refused here, before it reaches a clinic's page;
//! the loader's few attributes (their choices from the element's table, `config::element`, which
//! the loader's `PROPERTIES` is generated from), its `id` and the frame's `parent-origin`
//! (`static/embed.js`) are checked here. Building the release is left to the build
//! (`scripts/demo.sh`, `trunk build --release`); this command only reads its script to hash it.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use base64::Engine as _;
use sha2::{Digest, Sha384};

use super::{html_escape as escape, EXIT_PROBLEMS, EXIT_USAGE};
use crate::config::element::{attribute_named, Kind, Reader, LOADER_ATTRIBUTES};
use crate::config::embed::{parse_embed_config, web_origin, PRESENTATION};
use crate::config::{values, Config, ATTRIBUTES};
use crate::messages::{fill, messages};

/// The release folder is named after the version that built it, which is this command's.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The element's own HTML attribute, which the loader reads too: saved progress is kept under it.
const ID: &str = "id";
/// The iframe page's own attribute: the origin the widget's events are relayed to.
const PARENT_ORIGIN: &str = "parent-origin";
/// Longest accepted value, as the widget's (`crates/embed/src/config.rs`).
const MAX_LEN: usize = 2048;
/// `display:block`: an inline iframe sits flush left in WordPress block themes. The height is the
/// loader's reserved one, until the parent script sizes the frame to its content.
pub const FRAME_STYLE: &str = "display:block;width:100%;border:0;min-height:36em";

/// What the command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The loader and `<candidacy-quiz>`.
    Element,
    /// The parent script and the iframe, whose URL carries presentation only.
    Iframe,
    /// `embed-config.json` for iframe mode: every attribute, and the parent origins.
    EmbedConfig,
}

/// An attribute as the snippet prints it: its value trimmed (as the widget reads it), `None` for a
/// switch turned on (written alone).
struct Attribute {
    name: String,
    value: Option<String>,
}

pub fn run(base: &str, dist: &Path, form: Form, arguments: &[String], out: &mut dyn Write) -> Result<ExitCode> {
    let mut problems = Vec::new();
    let base = release_base(base).map_err(|problem| problems.push(problem)).ok();
    let checked = check_attributes(arguments, form).map_err(|found| problems.extend(found)).ok();
    let (Some(base), Some((attributes, config))) = (base, checked) else {
        for problem in problems {
            eprintln!("candidacy snippet: {problem}");
        }
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    if form == Form::EmbedConfig {
        return embed_config(&attributes, out);
    }
    let iframe = form == Form::Iframe;

    let script = if iframe { "candidacy-frame.js" } else { "candidacy.js" };
    let path = dist.join("candidacy").join(VERSION).join(script);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "candidacy snippet: no release at `{}`: build it first (`scripts/demo.sh`, or `trunk build --release`), or give the build's directory with `--dist DIR`",
                path.display()
            );
            return Ok(ExitCode::from(EXIT_PROBLEMS));
        }
        Err(error) => return Err(error).with_context(|| format!("cannot read `{}`", path.display())),
    };
    let integrity = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes)));

    if !iframe && config.booking_url.is_none() && config.phone.is_none() {
        eprintln!(
            "candidacy snippet: warning: the snippet has no phone or booking-url: visitors whose browser cannot run the widget see no way to reach the clinic"
        );
    }
    writeln!(
        out,
        r#"<script type="module" src="{}" integrity="{integrity}" crossorigin="anonymous"></script>"#,
        escape(&format!("{base}/{script}"))
    )?;
    let locale = config.locale.as_deref().unwrap_or("en");
    if iframe {
        let query: Vec<String> = attributes
            .iter()
            .map(|a| format!("{}={}", form_encode(&a.name), form_encode(a.value.as_deref().unwrap_or_default())))
            .collect();
        let src = if query.is_empty() {
            format!("{base}/embed.html")
        } else {
            format!("{base}/embed.html?{}", query.join("&"))
        };
        writeln!(
            out,
            r#"<iframe data-candidacy-frame src="{}" title="{}" style="{FRAME_STYLE}" loading="lazy"></iframe>"#,
            escape(&src),
            escape(frame_title(locale))
        )?;
    } else {
        let attributes: String = attributes
            .iter()
            .map(|a| match &a.value {
                Some(value) => format!(r#" {}="{}""#, a.name, escape(value)),
                None => format!(" {}", a.name),
            })
            .collect();
        writeln!(out, "<candidacy-quiz{attributes}><p>{}</p></candidacy-quiz>", fallback(&config, locale))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--base` without its trailing `/`, or why it cannot be where a page loads the release from.
fn release_base(base: &str) -> Result<String, String> {
    let is_path = base.starts_with('/') && !base.starts_with("//");
    let is_url = values::web_url(base).is_ok();
    let clean = !base.chars().any(|c| c.is_control() || c.is_whitespace() || "\"'<>?#".contains(c));
    if (is_path || is_url) && clean {
        Ok(base.trim_end_matches('/').to_owned())
    } else {
        Err(format!(
            "invalid `--base` `{}`: write where the release folder is served, as an `https://…` or `http://…` URL or a path from `/` (no query or fragment)",
            base.escape_debug()
        ))
    }
}

/// The attributes in the order given, each known and valid, with the widget's reading of them; or
/// every problem found.
fn check_attributes(arguments: &[String], form: Form) -> Result<(Vec<Attribute>, Config), Vec<String>> {
    let known: Vec<&str> = match form {
        Form::Element => ATTRIBUTES.into_iter().chain(LOADER_ATTRIBUTES).chain([ID]).collect(),
        // Anyone can write a frame's URL: it carries presentation only (`config::embed`).
        Form::Iframe => PRESENTATION.into_iter().chain([ID]).collect(),
        Form::EmbedConfig => ATTRIBUTES.into_iter().chain(PRESENTATION).chain([PARENT_ORIGIN]).collect(),
    };
    let mut problems = Vec::new();
    let mut given: Vec<(&str, &str)> = Vec::new();
    let mut seen = BTreeSet::new();
    for argument in arguments {
        let (name, value) = argument.split_once('=').unwrap_or((argument, ""));
        let configurable = ATTRIBUTES.contains(&name) || name == PARENT_ORIGIN;
        if !known.contains(&name) {
            let help = match form {
                Form::Iframe if configurable => " (a frame's URL carries presentation only: it goes in \
                                                  embed-config.json beside embed.html, which `--embed-config` prints)"
                    .to_owned(),
                Form::Element if name == PARENT_ORIGIN => " (it is for iframe mode: `--embed-config`)".to_owned(),
                _ => format!(" (known: {})", known.join(", ")),
            };
            problems.push(format!("unknown attribute `{}`{help}", name.escape_debug()));
        } else if !seen.insert(name) && name != PARENT_ORIGIN {
            problems.push(format!("attribute `{name}` is given twice"));
        } else {
            given.push((name, value.trim()));
        }
    }
    let value_of = |name: &str| given.iter().find(|(given_name, _)| *given_name == name).map(|(_, value)| *value);

    let (config, warnings) = Config::from_attributes(|name| value_of(name).map(str::to_owned));
    problems.extend(
        warnings.iter().map(|warning| format!("invalid attribute `{}`: {}", warning.attribute, warning.message)),
    );
    for &(name, value) in &given {
        let checked = match (name, attribute_named(name)) {
            (ID, _) => element_id(value),
            (PARENT_ORIGIN, _) => web_origin(value).map(drop),
            // The widget's are checked above, by the widget.
            (_, Some(loader)) if loader.reader == Reader::Loader => match loader.choices {
                [] => text(value),
                choices => choice(value, choices),
            },
            _ => Ok(()),
        };
        if let Err(message) = checked {
            problems.push(format!("invalid attribute `{name}`: {message}"));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let attributes = given
        .into_iter()
        .filter_map(|(name, value)| {
            let value = match (is_switch(name), value) {
                (true, "" | "true") => None,
                // Off is the widget's default: nothing to write.
                (true, _) => return None,
                (false, _) => Some(value.to_owned()),
            };
            Some(Attribute { name: name.to_owned(), value })
        })
        .collect();
    Ok((attributes, config))
}

/// `embed-config.json`: the attributes (objects as JSON, switches as `true`) and the parent origins,
/// checked by the frame's own parser before it is printed.
fn embed_config(attributes: &[Attribute], out: &mut dyn Write) -> Result<ExitCode> {
    let mut file = serde_json::json!({ "attributes": {}, "parentOrigins": [] });
    for attribute in attributes {
        let value = match &attribute.value {
            None => serde_json::Value::Bool(true),
            Some(value) if attribute.name == PARENT_ORIGIN => {
                file["parentOrigins"].as_array_mut().expect("a list").push(value.clone().into());
                continue;
            }
            Some(value) => match serde_json::from_str(value) {
                Ok(object @ serde_json::Value::Object(_)) => object,
                _ => serde_json::Value::String(value.clone()),
            },
        };
        file["attributes"][&attribute.name] = value;
    }
    let text = serde_json::to_string_pretty(&file)?;
    let problems = parse_embed_config("", Some(&text)).problems;
    if !problems.is_empty() {
        problems.iter().for_each(|problem| eprintln!("candidacy snippet: {problem}"));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// Whether `name` is a switch: one written alone to turn it on.
fn is_switch(name: &str) -> bool {
    attribute_named(name).is_some_and(|attribute| attribute.kind == Kind::Switch)
}

/// One of the loader's fixed choices; its message is the loader's console warning's.
fn choice(value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let allowed: Vec<String> = allowed.iter().map(|choice| format!("`{choice}`")).collect();
    Err(format!("`{}` is not {}", value.escape_debug(), allowed.join(" or ")))
}

fn text(value: &str) -> Result<(), String> {
    if value.is_empty() {
        Err("it is empty".to_owned())
    } else if value.chars().count() > MAX_LEN {
        Err(format!("it is longer than {MAX_LEN} characters"))
    } else {
        Ok(())
    }
}

/// An element id: saved progress is kept under it, and HTML allows no spaces in it.
fn element_id(value: &str) -> Result<(), String> {
    text(value)?;
    if value.chars().any(char::is_whitespace) {
        return Err(format!("`{}` holds a space; an id is one word", value.escape_debug()));
    }
    Ok(())
}

/// What the browser shows inside the element when the loader itself cannot run (then there is
/// no shadow root): the clinic's contact details, in the widget's words for `locale` (English
/// for a language the widget does not speak), like the widget's own fallback screen.
fn fallback(config: &Config, locale: &str) -> String {
    let words = messages(locale);
    let clinic = config.clinic_name.as_deref().unwrap_or(words.the_clinic);
    let mut links = Vec::new();
    if let Some(url) = &config.booking_url {
        links.push(format!(r#"<a href="{}">{}</a>"#, escape(url), escape(words.book_consultation)));
    }
    if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
        links.push(format!(r#"<a href="{}">{}</a>"#, escape(&href), escape(&fill(words.call_us, &[("phone", phone)]))));
    }
    let body = escape(&fill(words.fallback_body, &[("clinic", clinic)]));
    if links.is_empty() {
        body
    } else {
        format!("{body} {}", links.join(" · "))
    }
}

/// The iframe's accessible name. The messages have none for it, so it is kept here.
pub fn frame_title(locale: &str) -> &'static str {
    match messages(locale).locale() {
        "es" => "Cuestionario de tratamiento",
        _ => "Treatment check",
    }
}

/// `application/x-www-form-urlencoded`, as `URLSearchParams` writes it (and `embed.js` reads it).
fn form_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => encoded.push(char::from(byte)),
            b' ' => encoded.push('+'),
            byte => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_is_url_search_params() {
        assert_eq!(form_encode("+1 555 0100"), "%2B1+555+0100");
        assert_eq!(form_encode("https://clinic.example/book?a=1&b"), "https%3A%2F%2Fclinic.example%2Fbook%3Fa%3D1%26b");
        assert_eq!(form_encode("Clínica *-._~"), "Cl%C3%ADnica+*-._%7E");
    }

    #[test]
    fn switches_are_the_element_tables() {
        assert!(is_switch("test-mode") && is_switch("share-answers"));
        assert!(!is_switch("phone") && !is_switch("mode") && !is_switch("colour"));
    }
}
