//! What changed in the protocol as written: questions, rules, plan parts and parameters added,
//! removed or changed in their logic. Wording (every visitor-facing text, citations, the version)
//! is not logic.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::protocol::{all_texts, Parameter, RuleIdx, ValidProtocol};

/// The protocol's logic as JSON: the file without its texts, citations, glossary and version, and
/// without `informational`, which only silences a warning.
pub(super) fn logic_json(protocol: &ValidProtocol) -> serde_json::Value {
    let doc = &protocol.protocol;
    let mut json = serde_json::to_value(doc).expect("a protocol serializes");
    for (pointer, _) in all_texts(doc) {
        if let Some(text) = json.pointer_mut(&pointer) {
            *text = serde_json::Value::Null;
        }
    }
    // An optional text added or removed is wording too.
    prune_nulls(&mut json);
    let object = json.as_object_mut().expect("a protocol is an object");
    for wording in ["$schema", "id", "version", "locales", "sources", "glossary"] {
        object.remove(wording);
    }
    for list in ["rules", "plans"] {
        for item in object.get_mut(list).and_then(|l| l.as_array_mut()).into_iter().flatten() {
            item.as_object_mut().map(|o| o.remove("source"));
        }
    }
    for question in object.get_mut("questions").and_then(|l| l.as_array_mut()).into_iter().flatten() {
        question.as_object_mut().map(|q| q.remove("informational"));
    }
    for parameter in object.get_mut("parameters").and_then(|p| p.as_object_mut()).into_iter().flatten() {
        let parameter = parameter.1.as_object_mut().expect("a parameter is an object");
        parameter.remove("description");
        parameter.remove("source");
    }
    json
}

/// Ids added, removed and changed, in each protocol's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Changed>,
}

/// An id whose logic changed, with what changed, in words ("effect consult → postpone").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub id: String,
    pub what: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What changed, kind by kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Structure {
    pub questions: Changes,
    pub rules: Changes,
    pub plans: Changes,
    pub parameters: Changes,
}

pub(super) fn structure(old: &ValidProtocol, new: &ValidProtocol) -> Structure {
    let (old_logic, new_logic) = (logic_json(old), logic_json(new));
    let by_id = |logic: &serde_json::Value, list: &str| -> Vec<(String, serde_json::Value)> {
        let items = logic[list].as_array().cloned().unwrap_or_default();
        items.into_iter().map(|item| (item["id"].as_str().unwrap_or_default().to_owned(), item)).collect()
    };
    let compare = |list: &str, describe: &dyn Fn(&str, &serde_json::Value, &serde_json::Value) -> Vec<String>| {
        let (old_items, new_items) = (by_id(&old_logic, list), by_id(&new_logic, list));
        let mut changes = Changes::default();
        for (id, old_item) in &old_items {
            match new_items.iter().find(|(other, _)| other == id) {
                None => changes.removed.push(id.clone()),
                Some((_, new_item)) if new_item != old_item => {
                    changes.changed.push(Changed { id: id.clone(), what: describe(id, old_item, new_item) })
                }
                Some(_) => {}
            }
        }
        changes.added = (new_items.iter())
            .filter(|(id, _)| !old_items.iter().any(|(other, _)| other == id))
            .map(|(id, _)| id.clone())
            .collect();
        changes
    };
    let fields = |_: &str, a: &serde_json::Value, b: &serde_json::Value| changed_fields(a, b);
    let mut rules = compare("rules", &|id, a, b| {
        let mut what = changed_fields(a, b);
        if a["effect"] != b["effect"] {
            what.retain(|field| field != "effect");
            what.insert(
                0,
                format!("effect {} → {}", a["effect"].as_str().unwrap_or(""), b["effect"].as_str().unwrap_or("")),
            );
        }
        what.extend(period_changes(old, new, id));
        what
    });
    // A rule whose own logic is the same can still change meaning through a period it cites.
    for rule in &new.protocol.rules {
        let periods = period_changes(old, new, &rule.id);
        let known = rules.changed.iter().any(|changed| changed.id == rule.id) || rules.added.contains(&rule.id);
        if !periods.is_empty() && !known {
            rules.changed.push(Changed { id: rule.id.clone(), what: periods });
        }
    }
    let old_parameters = &old.protocol.parameters;
    let new_parameters = &new.protocol.parameters;
    let mut parameters = Changes::default();
    for (id, parameter) in old_parameters {
        match new_parameters.get(id) {
            None => parameters.removed.push(id.clone()),
            Some(other) if period(other) != period(parameter) => parameters.changed.push(Changed {
                id: id.clone(),
                what: vec![format!("{} → {}", parameter.in_words(), other.in_words())],
            }),
            Some(_) => {}
        }
    }
    parameters.added = new_parameters.keys().filter(|id| !old_parameters.contains_key(*id)).cloned().collect();
    Structure { questions: compare("questions", &fields), rules, plans: compare("plans", &fields), parameters }
}

/// The top-level fields that differ, by name.
fn changed_fields(a: &serde_json::Value, b: &serde_json::Value) -> Vec<String> {
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_object().into_iter().flatten().map(|(k, _)| k.clone()).collect()
    };
    let all: BTreeSet<String> = keys(a).union(&keys(b)).cloned().collect();
    let renamed = |key: &str| match key {
        "when" => "condition".to_owned(),
        "ends_quiz" => "ends the quiz".to_owned(),
        other => other.replace('_', " "),
    };
    all.into_iter().filter(|key| a.get(key) != b.get(key)).map(|key| renamed(&key)).collect()
}

fn period(parameter: &Parameter) -> (u32, crate::protocol::PeriodUnit) {
    (parameter.value, parameter.unit)
}

/// "period `x` 6 months → 9 months" for each period the rule `id` cites (in its texts or its
/// questions' texts) that differs between the protocols.
pub(super) fn period_changes(old: &ValidProtocol, new: &ValidProtocol, id: &str) -> Vec<String> {
    let (Some(old_rule), Some(new_rule)) = (old.rule_idx(id), new.rule_idx(id)) else { return Vec::new() };
    let cited: BTreeSet<String> = periods_of(old, old_rule).union(&periods_of(new, new_rule)).cloned().collect();
    let words = |p: &ValidProtocol, name: &str| p.protocol.parameters.get(name).map(Parameter::in_words);
    cited
        .into_iter()
        .filter_map(|name| {
            let (before, after) = (words(old, &name), words(new, &name));
            (before != after).then(|| {
                let show = |w: Option<String>| w.unwrap_or_else(|| "none".to_owned());
                format!("period `{name}` {} → {}", show(before), show(after))
            })
        })
        .collect()
}

/// The parameters a rule cites in its texts or in the texts of the questions its condition tests.
pub(super) fn periods_of(protocol: &ValidProtocol, rule: RuleIdx) -> BTreeSet<String> {
    let mut places = vec![format!("/rules/{rule}/")];
    protocol.model.rules[rule].when.for_each_test(&mut |q, _| places.push(format!("/questions/{q}/")));
    (protocol.model.parameter_uses.iter())
        .filter(|(_, pointers)| pointers.iter().any(|p| places.iter().any(|place| p.starts_with(place.as_str()))))
        .map(|(name, _)| name.clone())
        .collect()
}

fn prune_nulls(json: &mut serde_json::Value) {
    match json {
        serde_json::Value::Object(map) => {
            map.retain(|_, value| !value.is_null());
            map.values_mut().for_each(prune_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(prune_nulls),
        _ => {}
    }
}
