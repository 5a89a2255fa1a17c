//! The WordPress plugin (`packaging/wordpress/candidacy/`) is PHP, so it carries what the Rust
//! side knows as data it reads: the element's attributes (`config::element::TABLE`) and the
//! fallback's words (`includes/element.json`), the block's attributes (`blocks/quiz/block.json`),
//! and how the widget answers attribute values (`tests/wordpress/validation-cases.json`, which
//! `tests/wordpress/validation.php` runs the plugin's validator over, in scripts/test.sh). None is
//! copied by hand: each file is rendered here and a test fails when it holds anything else
//! (`UPDATE_EXPECT=1` rewrites them).

use std::path::PathBuf;

use candidacy::cli::snippet::{frame_title, FRAME_STYLE};
use candidacy::config::element::{Kind, Reader, TABLE};
use candidacy::config::{Config, MAX_LEN};
use candidacy::messages::{messages, INTERFACE_LOCALES};
use serde_json::{json, Map, Value};

const UPDATE: &str = "UPDATE_EXPECT=1 cargo test --test wordpress_generated";
const PLUGIN: &str = "packaging/wordpress/candidacy";

/// `mode` in the plugin: the loader's choices, and the plugin's own iframe embed.
const PLUGIN_MODES: [&str; 3] = ["inline", "popup", "iframe"];

fn element() -> Value {
    let attributes: Vec<Value> = TABLE
        .iter()
        .map(|attribute| {
            let choices: Vec<&str> =
                if attribute.name == "mode" { PLUGIN_MODES.to_vec() } else { attribute.choices.to_vec() };
            json!({
                "name": attribute.name,
                "property": attribute.property,
                "kind": attribute.kind.as_str(),
                "choices": choices,
                "reader": match attribute.reader { Reader::Widget => "widget", Reader::Loader => "loader" },
                "presentation": attribute.presentation,
            })
        })
        .collect();
    let mut words = Map::new();
    for locale in INTERFACE_LOCALES {
        let m = messages(locale);
        words.insert(
            locale.to_owned(),
            json!({
                "heading": m.fallback_heading,
                "body": m.fallback_body,
                "book": m.book_consultation,
                "call": m.call_us,
                "clinic": m.the_clinic,
                "frameTitle": frame_title(locale),
            }),
        );
    }
    json!({
        "generated": format!("from the Rust side by tests/wordpress_generated.rs ({UPDATE} rewrites it); do not edit"),
        "maxLength": MAX_LEN,
        "frameStyle": FRAME_STYLE,
        "attributes": attributes,
        "fallbackWords": words,
    })
}

fn block() -> Value {
    let mut attributes = Map::new();
    for attribute in &TABLE {
        let kind = match attribute.kind {
            Kind::String => "string",
            Kind::Switch => "boolean",
            Kind::Number => "number",
            Kind::Object => "object",
        };
        let mut entry = json!({ "type": kind });
        if attribute.name == "mode" {
            entry["enum"] = json!(PLUGIN_MODES);
        } else if !attribute.choices.is_empty() {
            entry["enum"] = json!(attribute.choices);
        }
        attributes.insert(attribute.property.to_owned(), entry);
    }
    json!({
        "$schema": "https://schemas.wp.org/trunk/block.json",
        "apiVersion": 2,
        "name": "candidacy/quiz",
        "title": "Treatment quiz",
        "category": "widgets",
        "icon": "clipboard",
        "description": "The clinic's treatment-candidacy quiz: visitors check whether a treatment suits them.",
        "keywords": ["candidacy", "quiz", "clinic", "treatment"],
        "textdomain": "candidacy",
        "attributes": attributes,
        "supports": { "html": false, "align": ["wide", "full"] },
        "editorScript": "candidacy-block-editor",
    })
}

/// Values each attribute the settings and the shortcode validate may be given: the plain ones,
/// the ones the widget refuses, and what trips a port (white space, quotes, controls, lengths).
fn samples(name: &str) -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        "   ",
        "\u{a0}x\u{3000}",
        "tab\there",
        "quote\"s",
        "it's",
        "bell\u{7}",
        "é",
        "a\u{a0}b",
        "\u{301}x",
        "soft\u{ad}hyphen",
    ]
    .map(String::from)
    .to_vec();
    values.push("x".repeat(MAX_LEN + 1));
    values.push("é".repeat(MAX_LEN));
    let specific: &[&str] = match name {
        "booking-url" => &[
            "https://clinic.example/book",
            "HTTP://clinic.example",
            "javascript:alert(1)",
            "clinic.example",
            "https://a b",
            "https://",
            "https://x<y",
            " https://clinic.example/ ",
        ],
        "phone" => &["+1 (555) 010-0100", "555", "12", "call us", "123456789012345678901", "555.0100"],
        "protocol" => &[
            "protocols/peel.protocol.bin",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "https://cdn.example/x.protocol.bin",
            "a b",
            "/p?x=1:2",
        ],
        "locale" => &["en", "es-MX", "zh-Hant-TW", "english", "en_US", "en-", "<b>", "e"],
        "primary" | "accent" => &[
            "#0d5c69",
            "rgb(13 92 105)",
            "red; background: url(x)",
            "red}",
            "teal",
            "hsl(190 78% 23%)",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ],
        "radius" => &[
            "0",
            "8px",
            "0.5em",
            "1rem",
            "48px",
            "49px",
            "4rem",
            "8",
            "-1px",
            "NaNpx",
            "calc(1px)",
            "8 px",
            "1e1px",
            ".5em",
            "3.px",
            "infpx",
        ],
        "start" => &["welcome", "first-question", "middle"],
        "lead-endpoint" => &[
            "https://clinic.example/lead",
            "/api/lead",
            "http://127.0.0.1:8080/lead",
            "http://localhost/x",
            "http://[::1]:4173/lead",
            "http://clinic.example/lead",
            "http://127.0.0.1.evil.example/",
            "http://localhost@evil.example/",
            "http://evil.example\\@127.0.0.1/x",
        ],
        "forget-after" => &["30", "0", "1", "1440", "1441", "thirty", "-5", "+5", " 30 ", "30.5", "99999999999"],
        _ => &["true", "false", "yes", "TRUE", " true "],
    };
    values.extend(specific.iter().map(|value| value.to_string()));
    values
}

/// What the widget says of `value` for `name`: its console warning, or `null` when it takes it.
fn validation_cases() -> Value {
    let mut cases = Vec::new();
    for attribute in TABLE.iter().filter(|a| a.reader == Reader::Widget && a.kind != Kind::Object) {
        for value in samples(attribute.name) {
            let (_, warnings) = Config::from_attributes(|asked| (asked == attribute.name).then(|| value.clone()));
            assert!(warnings.len() <= 1, "{} {value:?}: {warnings:?}", attribute.name);
            let warning = warnings.first().map(ToString::to_string);
            cases.push(json!({ "attribute": attribute.name, "value": value, "warning": warning }));
        }
    }
    json!({
        "generated": format!("from the Rust side by tests/wordpress_generated.rs ({UPDATE} rewrites it); do not edit"),
        "cases": cases,
    })
}

/// Compares `path` with `expected`, or rewrites it under `UPDATE_EXPECT=1`.
fn check_file(path: &str, expected: &Value) {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = format!("{}\n", serde_json::to_string_pretty(expected).unwrap());
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&full, &text).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(actual == text, "{path} is not what the Rust side renders: run `{UPDATE}`");
}

#[test]
fn the_plugins_element_table_and_fallback_words_come_from_the_rust_side() {
    check_file(&format!("{PLUGIN}/includes/element.json"), &element());
}

#[test]
fn the_blocks_attributes_are_the_elements_in_camel_case() {
    check_file(&format!("{PLUGIN}/blocks/quiz/block.json"), &block());
}

#[test]
fn the_validation_cases_are_what_the_widget_says() {
    let cases = validation_cases();
    let refused = cases["cases"].as_array().unwrap().iter().filter(|case| !case["warning"].is_null()).count();
    assert!(refused > 50, "too few refusals to hold the PHP port to the widget: {refused}");
    check_file("tests/wordpress/validation-cases.json", &cases);
}
