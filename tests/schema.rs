//! The committed JSON Schema matches the Rust types. Regenerate with
//! `cargo run -- schema > static/protocol.schema.json`.

#[test]
fn committed_schema_is_up_to_date() {
    let committed = include_str!("../static/protocol.schema.json");
    let generated = candidacy::protocol::json_schema();
    assert!(
        committed == generated,
        "static/protocol.schema.json is out of date: run `cargo run -- schema > static/protocol.schema.json`"
    );
}

#[test]
fn schema_describes_every_top_level_field_of_the_default_protocol() {
    let schema: serde_json::Value = serde_json::from_str(&candidacy::protocol::json_schema()).unwrap();
    let protocol: serde_json::Value = serde_json::from_str(candidacy::DEFAULT_PROTOCOL).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    for field in protocol.as_object().unwrap().keys() {
        assert!(properties.contains_key(field), "schema lacks `{field}`");
    }
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    for field in ["format", "id", "version", "questions", "rules"] {
        assert!(required.contains(&field), "`{field}` should be required");
    }
}
