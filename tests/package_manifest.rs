//! The npm package's Custom Elements Manifest and types describe the element the code defines:
//! every attribute the widget reads (`config::ATTRIBUTES`) and the loader reads, every property
//! and method of the loader, and every event. A new attribute cannot ship undocumented.

use std::collections::BTreeSet;

use candidacy::config::ATTRIBUTES;
use serde_json::Value;

/// Attributes only the loader reads (how it presents the widget, not what the widget does).
const LOADER_ATTRIBUTES: [&str; 3] = ["mode", "launcher-text", "loading"];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn element() -> Value {
    let manifest: Value = serde_json::from_str(&read("packaging/npm/custom-elements.json")).unwrap();
    manifest["modules"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|module| module["declarations"].as_array().unwrap())
        .find(|declaration| declaration["tagName"] == "candidacy-quiz")
        .expect("the manifest declares <candidacy-quiz>")
        .clone()
}

fn names(list: &Value) -> BTreeSet<String> {
    list.as_array().unwrap().iter().map(|item| item["name"].as_str().unwrap().to_owned()).collect()
}

/// The loader's PROPERTIES table, `  bookingUrl: ["booking-url", "string"],`: (property, attribute).
fn loader_properties(loader: &str) -> Vec<(String, String)> {
    let table = &loader[loader.find("const PROPERTIES = {").expect("the loader's PROPERTIES")..];
    let table = &table[..table.find("};").unwrap()];
    table
        .lines()
        .filter_map(|line| line.trim().split_once(": [\""))
        .map(|(property, rest)| (property.to_owned(), rest.split('"').next().unwrap().to_owned()))
        .collect()
}

#[test]
fn the_manifest_lists_every_attribute_the_widget_and_the_loader_read() {
    let expected: BTreeSet<String> = ATTRIBUTES.iter().chain(&LOADER_ATTRIBUTES).map(|a| a.to_string()).collect();
    assert_eq!(names(&element()["attributes"]), expected);
    let loader = read("static/candidacy.js");
    let in_loader: BTreeSet<String> = loader_properties(&loader).into_iter().map(|(_, attribute)| attribute).collect();
    assert_eq!(in_loader, expected, "static/candidacy.js PROPERTIES (the element observes exactly these)");
    let types = read("packaging/npm/candidacy.d.ts");
    for attribute in &expected {
        assert!(types.contains(&format!("\"{attribute}\"")), "candidacy.d.ts does not name `{attribute}`");
    }
}

#[test]
fn the_manifest_lists_the_loaders_properties_methods_and_the_events() {
    let loader = read("static/candidacy.js");
    let properties: BTreeSet<String> = loader_properties(&loader).into_iter().map(|(property, _)| property).collect();
    assert!(properties.contains("hiddenFields"), "{properties:?}");
    let members = element()["members"].as_array().unwrap().clone();
    let of_kind = |kind: &str| -> BTreeSet<String> {
        members.iter().filter(|m| m["kind"] == kind).map(|m| m["name"].as_str().unwrap().to_owned()).collect()
    };
    let mut fields = properties.clone();
    fields.insert("version".to_owned());
    assert_eq!(of_kind("field"), fields);
    assert_eq!(of_kind("method"), ["close", "open", "restart", "toggle"].map(String::from).into());
    for method in of_kind("method") {
        assert!(loader.contains(&format!("\n  {method}() {{")), "the loader defines {method}()");
    }
    let events = names(&element()["events"]);
    for event in ["ready", "start", "step", "complete", "action", "close", "fallback", "lead-sent"] {
        assert!(events.contains(&format!("candidacy:{event}")), "the manifest lists candidacy:{event}");
    }
}
