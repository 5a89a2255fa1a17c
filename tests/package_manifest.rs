//! The npm package's Custom Elements Manifest and types describe the element the code defines:
//! every attribute of the element's table (`config::element::TABLE`: those the widget reads,
//! `config::ATTRIBUTES`, and those only the loader reads), each property with the type its kind
//! gives, every method of the loader, and every event. A new attribute cannot ship undocumented.
//! (The loader's own `PROPERTIES` is generated from the same table: `tests/loader_generated.rs`.)

use std::collections::BTreeSet;

use candidacy::config::element::{Kind, LOADER_ATTRIBUTES, TABLE};
use candidacy::config::ATTRIBUTES;
use serde_json::Value;

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

#[test]
fn the_manifest_lists_every_attribute_the_widget_and_the_loader_read() {
    let expected: BTreeSet<String> = TABLE.iter().map(|attribute| attribute.name.to_owned()).collect();
    let readers: BTreeSet<String> = ATTRIBUTES.iter().chain(&LOADER_ATTRIBUTES).map(|a| a.to_string()).collect();
    assert_eq!(readers, expected, "the widget's and the loader's attributes are the table's");
    assert_eq!(names(&element()["attributes"]), expected, "custom-elements.json `attributes`");
    for attribute in element()["attributes"].as_array().unwrap() {
        let name = attribute["name"].as_str().unwrap();
        let property = TABLE.iter().find(|a| a.name == name).unwrap().property;
        assert_eq!(attribute["fieldName"], property, "custom-elements.json: `{name}`'s property");
    }
    let types = read("packaging/npm/candidacy.d.ts");
    for attribute in &TABLE {
        let name = attribute.name;
        assert!(types.contains(&format!("\"{name}\"")), "candidacy.d.ts does not name `{name}`");
        let getter = format!("  get {}(): ", attribute.property);
        assert!(types.contains(&getter), "candidacy.d.ts does not declare `{}`", attribute.property);
    }
}

#[test]
fn the_manifest_lists_the_loaders_properties_methods_and_the_events() {
    let loader = read("static/candidacy.js");
    let members = element()["members"].as_array().unwrap().clone();
    let of_kind = |kind: &str| -> BTreeSet<String> {
        members.iter().filter(|m| m["kind"] == kind).map(|m| m["name"].as_str().unwrap().to_owned()).collect()
    };
    let mut fields: BTreeSet<String> = TABLE.iter().map(|attribute| attribute.property.to_owned()).collect();
    assert!(fields.contains("hiddenFields"), "{fields:?}");
    fields.insert("version".to_owned());
    assert_eq!(of_kind("field"), fields);
    for attribute in &TABLE {
        let field = members.iter().find(|m| m["kind"] == "field" && m["name"] == attribute.property).unwrap();
        let what = format!("custom-elements.json: the field `{}`", attribute.property);
        assert_eq!(
            (&field["attribute"], &field["reflects"]),
            (&Value::from(attribute.name), &Value::Bool(true)),
            "{what}"
        );
        let written = field["type"]["text"].as_str().unwrap();
        let choices: Vec<String> = attribute.choices.iter().map(|choice| format!("\"{choice}\"")).collect();
        match attribute.kind {
            Kind::Switch => assert_eq!((written, &field["default"]), ("boolean", &Value::from("false")), "{what}"),
            Kind::Number => assert_eq!(written, "number | null", "{what}"),
            Kind::String if choices.is_empty() => assert_eq!(written, "string | null", "{what}"),
            Kind::String => assert_eq!(written, format!("{} | null", choices.join(" | ")), "{what}"),
            Kind::Object => {
                assert!(written.ends_with(" | null") && !written.starts_with("string"), "{what}: {written}")
            }
        }
    }
    assert_eq!(of_kind("method"), ["close", "open", "restart", "toggle"].map(String::from).into());
    for method in of_kind("method") {
        assert!(loader.contains(&format!("\n  {method}() {{")), "the loader defines {method}()");
    }
    let events = names(&element()["events"]);
    for event in ["ready", "start", "step", "complete", "action", "close", "fallback", "lead-sent"] {
        assert!(events.contains(&format!("candidacy:{event}")), "the manifest lists candidacy:{event}");
    }
}
