//! `candidacy diff OLD NEW`: what changes for which visitors between two versions of a protocol.
//! Exit 0 when only wording changed, 1 when the logic changed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Result};
use serde_json::json;

use super::{load_or_report, thousands, words, EXIT_PROBLEMS};
use crate::answers::Value;
use crate::answers_json::AnswerValueJson;
use crate::diff::{diff, ChangedClass, Changes, Diff, PlanShown, Structure};
use crate::protocol::{QuestionIdx, ValidProtocol};

pub fn run(old_path: &Path, new_path: &Path, as_json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    if old_path.as_os_str() == "-" && new_path.as_os_str() == "-" {
        bail!("only one of the two protocols can come from standard input");
    }
    let Some((old_name, old)) = load_or_report(old_path, out)? else {
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    };
    let Some((new_name, new)) = load_or_report(new_path, out)? else {
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    };
    if old.treatments.is_empty() && new.treatments.is_empty() {
        return diff_one((&old_name, &old), (&new_name, &new), as_json, out);
    }
    if as_json {
        bail!("--json compares protocols of one treatment; without it, a chooser is compared treatment by treatment");
    }
    // A chooser's treatments are the protocols that decide for visitors: compare them pairwise.
    let mut code = ExitCode::SUCCESS;
    let ids = |p: &ValidProtocol| p.treatments.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    let (old_ids, new_ids) = (ids(&old), ids(&new));
    for id in old_ids.iter().filter(|id| !new_ids.contains(id)) {
        writeln!(out, "treatment `{id}` removed: its visitors are no longer told about it")?;
        code = ExitCode::from(EXIT_PROBLEMS);
    }
    for id in new_ids.iter().filter(|id| !old_ids.contains(id)) {
        writeln!(out, "treatment `{id}` added")?;
        code = ExitCode::from(EXIT_PROBLEMS);
    }
    for (old_choice, new_choice) in
        old.treatments.iter().filter_map(|o| Some((o, new.treatments.iter().find(|n| n.id == o.id)?)))
    {
        let old_shown = format!("{old_name}, treatment `{}`", old_choice.id);
        let new_shown = format!("{new_name}, treatment `{}`", new_choice.id);
        let one = diff_one((&old_shown, &old_choice.protocol), (&new_shown, &new_choice.protocol), false, out)?;
        if one != ExitCode::SUCCESS {
            code = one;
        }
    }
    Ok(code)
}

/// Compares two protocols of one treatment; `(name, protocol)` each.
fn diff_one(
    (old_name, old): (&str, &ValidProtocol),
    (new_name, new): (&str, &ValidProtocol),
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let started = Instant::now();
    let result = diff(old, new);
    let elapsed = started.elapsed();
    let (structure, found) = match result {
        Ok(found) => (found.structure.clone(), Ok(found)),
        Err(error) => (crate::diff::structure(old, new), Err(error)),
    };
    // Paths that cannot be compared mean the answers themselves changed: logic changed.
    let logic_changed = found.as_ref().map_or(true, |d| d.logic_changed);
    if as_json {
        let identity = |p: &ValidProtocol| json!({"id": p.protocol.id, "version": p.protocol.version, "fingerprint": p.fingerprint});
        let mut report = json!({
            "old": identity(old),
            "new": identity(new),
            "logic_changed": logic_changed,
            "structure": structure,
        });
        match &found {
            Ok(found) => {
                report["paths"] = found.paths.to_string().into();
                report["changed_paths"] = found.changed_paths().to_string().into();
                report["classes"] = found.classes.iter().map(|c| class_json(old, new, c)).collect();
            }
            Err(error) => report["error"] = error.to_string().into(),
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        let identity = |name: &str, p: &ValidProtocol| {
            format!("{name} (`{}` v{}, fingerprint {})", p.protocol.id, p.protocol.version, p.fingerprint)
        };
        writeln!(out, "diff: {}\n   -> {}", identity(old_name, old), identity(new_name, new))?;
        let verdict = if logic_changed { "changed" } else { "unchanged (wording only)" };
        writeln!(out, "logic: {verdict}")?;
        describe_structure(&structure, out)?;
        match &found {
            Ok(found) => describe_classes(old, new, found, elapsed.as_secs_f64() * 1000.0, out)?,
            Err(error) => writeln!(out, "cannot compare the paths: {error}")?,
        }
    }
    Ok(if logic_changed { ExitCode::from(EXIT_PROBLEMS) } else { ExitCode::SUCCESS })
}

fn describe_structure(structure: &Structure, out: &mut dyn Write) -> Result<()> {
    let kinds = [
        ("questions", &structure.questions),
        ("rules", &structure.rules),
        ("plan parts", &structure.plans),
        ("parameters", &structure.parameters),
    ];
    for (kind, changes) in kinds {
        describe_changes(kind, changes, out)?;
    }
    Ok(())
}

fn describe_changes(kind: &str, changes: &Changes, out: &mut dyn Write) -> Result<()> {
    let ids = |ids: &[String]| ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    if !changes.added.is_empty() {
        writeln!(out, "  {kind} added: {}", ids(&changes.added))?;
    }
    if !changes.removed.is_empty() {
        writeln!(out, "  {kind} removed: {}", ids(&changes.removed))?;
    }
    for changed in &changes.changed {
        writeln!(out, "  {kind} changed: `{}` ({})", changed.id, changed.what.join("; "))?;
    }
    Ok(())
}

fn describe_classes(
    old: &ValidProtocol,
    new: &ValidProtocol,
    found: &Diff,
    milliseconds: f64,
    out: &mut dyn Write,
) -> Result<()> {
    let changed = found.changed_paths();
    let share = if found.paths == 0 { 0.0 } else { changed as f64 / found.paths as f64 * 100.0 };
    writeln!(
        out,
        "visitors whose outcome, reasons or plan change: {} of {} paths ({share:.2}%), in {} class{} \
         (explored as {} states in {milliseconds:.3} ms)",
        thousands(changed),
        thousands(found.paths),
        found.classes.len(),
        if found.classes.len() == 1 { "" } else { "es" },
        thousands(found.states as u128),
    )?;
    for (i, class) in found.classes.iter().enumerate() {
        writeln!(out, "  {}. {}, on {} paths", i + 1, headline(class), thousands(class.paths))?;
        writeln!(out, "     e.g. {}", visitors_like(old, new, class))?;
        let outcome = |o: crate::protocol::Outcome| format!("-> outcome `{}`", o.as_str());
        writeln!(out, "       old: {} {}", words::path(old, &class.example.old), outcome(class.old_outcome))?;
        writeln!(out, "       new: {} {}", compared_path(old, new, class), outcome(class.new_outcome))?;
    }
    Ok(())
}

/// The new example path against the old one: "the same answers", with what one side alone asks.
fn compared_path(old: &ValidProtocol, new: &ValidProtocol, class: &ChangedClass) -> String {
    let steps = |protocol: &ValidProtocol, path: &[(QuestionIdx, Value)]| -> Vec<String> {
        path.iter()
            .map(|&(q, v)| format!("{}={}", protocol.questions()[q].id, protocol.value_to_string(q, v)))
            .collect()
    };
    let (before, after) = (steps(old, &class.example.old), steps(new, &class.example.new));
    let plus: Vec<&String> = after.iter().filter(|s| !before.contains(s)).collect();
    let minus: Vec<&String> = before.iter().filter(|s| !after.contains(s)).collect();
    let list = |items: &[&String]| items.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    let mut words = "the same answers".to_owned();
    if !plus.is_empty() {
        words.push_str(&format!(", and also {}", list(&plus)));
    }
    if !minus.is_empty() {
        words.push_str(&format!(", without {}", list(&minus)));
    }
    words
}

/// "consult → postpone (rule `blood_thinners` changed)".
fn headline(class: &ChangedClass) -> String {
    let mut why: Vec<String> = Vec::new();
    let rules = |ids: &[String]| ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    let rule_word = |ids: &[String]| if ids.len() == 1 { "rule" } else { "rules" };
    if !class.changed.is_empty() {
        why.push(format!("{} {} changed", rule_word(&class.changed), rules(&class.changed)));
    }
    if !class.gained.is_empty() {
        why.push(format!("now fires: {} {}", rule_word(&class.gained), rules(&class.gained)));
    }
    if !class.lost.is_empty() {
        why.push(format!("no longer fires: {} {}", rule_word(&class.lost), rules(&class.lost)));
    }
    if let Some((before, after)) = &class.plan {
        why.push(format!("plan {} → {}", plan_words(before), plan_words(after)));
    }
    let outcomes = format!("{} → {}", class.old_outcome.as_str(), class.new_outcome.as_str());
    if why.is_empty() {
        outcomes
    } else {
        format!("{outcomes} ({})", why.join("; "))
    }
}

fn plan_words(plan: &Option<PlanShown>) -> String {
    match plan {
        Some(plan) => format!(
            "{}–{} sessions every {}–{} weeks",
            plan.sessions.min, plan.sessions.max, plan.interval_weeks.min, plan.interval_weeks.max
        ),
        None => "none".to_owned(),
    }
}

/// The example's screening findings and unsure answers, in words: "visitors with
/// blood_thinners=yes and no other finding".
fn visitors_like(old: &ValidProtocol, new: &ValidProtocol, class: &ChangedClass) -> String {
    let mut findings: Vec<String> = Vec::new();
    for (protocol, path) in [(old, &class.example.old), (new, &class.example.new)] {
        for &(q, value) in path.iter() {
            if protocol.model.questions[q].is_finding(value) {
                let words = format!("{}={}", protocol.questions()[q].id, protocol.value_to_string(q, value));
                if !findings.contains(&words) {
                    findings.push(words);
                }
            }
        }
    }
    match findings.as_slice() {
        [] => "visitors with no screening finding".to_owned(),
        [one] => format!("visitors with {one} and no other finding"),
        many => format!("visitors with {} and no other finding", many.join(", ")),
    }
}

fn class_json(old: &ValidProtocol, new: &ValidProtocol, class: &ChangedClass) -> serde_json::Value {
    let answers = |protocol: &ValidProtocol, path: &[(QuestionIdx, Value)]| -> serde_json::Value {
        let map: serde_json::Map<String, serde_json::Value> =
            (path.iter()).map(|&(q, v)| (protocol.questions()[q].id.clone(), protocol.value_to_json(q, v))).collect();
        map.into()
    };
    let mut json = json!({
        "old_outcome": class.old_outcome,
        "new_outcome": class.new_outcome,
        "rules_changed": class.changed,
        "rules_gained": class.gained,
        "rules_lost": class.lost,
        "paths": class.paths.to_string(),
        "in_words": format!("{}: {}", visitors_like(old, new, class), headline(class)),
        "example": {"old_answers": answers(old, &class.example.old), "new_answers": answers(new, &class.example.new)},
    });
    if let Some((before, after)) = &class.plan {
        json["plan"] = json!({"old": before, "new": after});
    }
    json
}
