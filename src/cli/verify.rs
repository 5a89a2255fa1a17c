//! `candidacy verify FILE`: the exhaustive proof, its figures, and a counterexample path per
//! violated property.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;

mod found;

use super::format::Format;
use super::{plural, read_input, thousands, words, ProfileArgs, EXIT_PROBLEMS, EXIT_USAGE};
use crate::answers::Answers;
use crate::answers::Value;
use crate::engine;
use crate::profile::{Profile, ProfileSet};
use crate::protocol::{Diagnostic, Diagnostics, Kind};
use crate::protocol::{Outcome, ValidProtocol};
use crate::verify::profile::{prove, ItemProperty, ProfileProof};
use crate::verify::{verify, Counterexample, ExploreError, Failure, HiddenByEnd, PathPair, Property, Report};
use found::Places;

pub fn run(path: &Path, args: &ProfileArgs, format: Format, out: &mut dyn Write) -> Result<ExitCode> {
    let (name, text) = read_input(path)?;
    super::format::run_with(format, "verify", out, |out, found| run_on(&name, &text, args, out, found))
}

/// [`run`] on a protocol already read, printing for people to `out` and gathering in `found`
/// the check's errors, or each failed property as a diagnostic at its place in the file.
pub(super) fn run_on(
    name: &str,
    text: &str,
    args: &ProfileArgs,
    out: &mut dyn Write,
    found: &mut Vec<Diagnostics>,
) -> Result<ExitCode> {
    let Some((profiles, checked)) = super::check::check_on(name, text, args, out, found)? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let code = super::check::exit_code(&checked);
    let Some(protocol) = checked.protocol else {
        write!(out, "{}", checked.diagnostics)?;
        found.push(checked.diagnostics.clone());
        let n = checked.diagnostics.errors().count();
        writeln!(out, "{name}: {n} error{}; `candidacy check` lists them with their places", plural(n))?;
        return Ok(code);
    };
    for warning in checked.diagnostics.warnings().filter(|w| w.kind == Kind::TreatmentWithoutProfileAccepted) {
        writeln!(out, "warning: {} ({})", warning.message, warning.help.as_deref().unwrap_or_default())?;
    }
    prove_checked(name, text, &protocol, &profiles, checked.diagnostics.items, out, found)
}

/// The proof of a protocol that passed `check` (`build` proves what it checked): its report for
/// people, and `warnings` then each failed property gathered in `found`.
pub(super) fn prove_checked(
    name: &str,
    text: &str,
    protocol: &ValidProtocol,
    profiles: &ProfileSet,
    warnings: Vec<Diagnostic>,
    out: &mut dyn Write,
    found: &mut Vec<Diagnostics>,
) -> Result<ExitCode> {
    let mut failed = Diagnostics { source_name: name.to_owned(), items: warnings };
    let code = if protocol.treatments.is_empty() {
        let places = Places { top: protocol, verified: protocol, treatment: None };
        verify_one(&places, name, profiles, out, &mut failed.items)?
    } else {
        // A chooser is safe when each of its treatments is: each is proved as the protocol it amounts to.
        let mut code = ExitCode::SUCCESS;
        for choice in &protocol.treatments {
            let shown = format!("{name}, treatment `{}`", choice.id);
            let places = Places { top: protocol, verified: &choice.protocol, treatment: Some(&choice.id) };
            if verify_one(&places, &shown, profiles, out, &mut failed.items)? != ExitCode::SUCCESS {
                code = ExitCode::from(EXIT_PROBLEMS);
            }
        }
        code
    };
    failed.items.iter_mut().for_each(|diagnostic| diagnostic.locate_in(text));
    found.push(failed);
    Ok(code)
}

fn verify_one(
    places: &Places,
    name: &str,
    profiles: &ProfileSet,
    out: &mut dyn Write,
    found: &mut Vec<Diagnostic>,
) -> Result<ExitCode> {
    let protocol = places.verified;
    let started = Instant::now();
    let profile = profiles.get(protocol.protocol.profile_id());
    let proven = verify(protocol).and_then(|report| {
        let proof = profile.map(|profile| prove(protocol, profile)).transpose()?;
        Ok((report, proof))
    });
    let (report, proof) = match proven {
        Ok(report) => report,
        Err(error) => {
            let message = match &error {
                ExploreError::TooManyClasses(e) => {
                    format!("question #{} has {} option groups", e.question, e.groups)
                }
                ExploreError::TooManyStates { question, states } => {
                    format!("{states} states after question #{question}")
                }
            };
            writeln!(out, "cannot explore {name}: {message}")?;
            found::cannot_explore(places, &error, format!("cannot explore {name}: {message}"), found);
            return Ok(ExitCode::from(EXIT_PROBLEMS));
        }
    };
    let elapsed = started.elapsed();
    render(protocol, name, &report, elapsed, out)?;
    found::failures(places, &report, found)?;
    if let (Some(profile), Some(proof)) = (profile, &proof) {
        render_profile(protocol, profile, proof, out)?;
        found::profile_failures(places, profile, proof, found);
    }
    let holds = report.holds() && proof.as_ref().is_none_or(ProfileProof::holds);
    Ok(if holds { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) })
}

/// Prints the profile proof: each item's two properties, and a path for each that fails.
fn render_profile(
    protocol: &ValidProtocol,
    profile: &Profile,
    proof: &ProfileProof,
    out: &mut dyn Write,
) -> Result<()> {
    let verdict = if proof.holds() { "verified" } else { "FAILED" };
    writeln!(
        out,
        "  screening profile `{}` v{} ({} items, {} states): {verdict}",
        proof.treatment,
        proof.version,
        proof.items,
        thousands(proof.states as u128)
    )?;
    for property in [ItemProperty::CandidateRuledOut, ItemProperty::AtLeastItsOutcome] {
        let failures: Vec<_> = proof.failures.iter().filter(|f| f.property == property).collect();
        let mark = if failures.is_empty() { "ok  " } else { "FAIL" };
        writeln!(out, "    {mark} {}", property.sentence())?;
        for failure in failures {
            let item = &profile.items[failure.item];
            writeln!(
                out,
                "         item `{}` ({}; at least {}), sources: {} (`candidacy profiles` cites them)",
                item.id,
                item.label,
                item.at_least.as_str(),
                item.source.join(", ")
            )?;
            let outcome = failure.example.outcome.map_or("no outcome", Outcome::as_str);
            writeln!(
                out,
                "         on {} path{}, for example:",
                thousands(failure.paths),
                if failure.paths == 1 { "" } else { "s" }
            )?;
            writeln!(out, "         path: {} -> outcome `{outcome}`", words::path(protocol, &failure.example.answers))?;
        }
    }
    Ok(())
}

/// Prints a report; `elapsed` is the time `verify` took.
pub fn render(
    protocol: &ValidProtocol,
    name: &str,
    report: &Report,
    elapsed: Duration,
    out: &mut dyn Write,
) -> Result<()> {
    let doc = &protocol.protocol;
    let verdict = if report.holds() { "verified" } else { "FAILED" };
    writeln!(out, "{verdict}: {name} (protocol `{}` v{})", doc.id, doc.version)?;
    writeln!(
        out,
        "  paths: {} (a number answer counts once per range the rules tell apart; explored as {} states, {} transitions)",
        thousands(report.paths),
        thousands(report.states as u128),
        thousands(report.transitions as u128)
    )?;
    writeln!(
        out,
        "  pairs of paths one screening answer apart (monotonicity): explored as {} states",
        thousands(report.pair_states as u128)
    )?;
    writeln!(out, "  outcomes:")?;
    for (outcome, &n) in Outcome::ALL.iter().zip(&report.outcomes) {
        let share = if report.paths == 0 { 0.0 } else { n as f64 / report.paths as f64 * 100.0 };
        writeln!(out, "    {:<14} {:>26}  {share:>6.2}%", outcome.as_str(), thousands(n))?;
    }
    writeln!(out, "  properties:")?;
    for result in &report.results {
        let mark = if result.holds() { "ok  " } else { "FAIL" };
        writeln!(out, "    {mark} {}", result.property.sentence())?;
        for failure in &result.failures {
            describe(protocol, result.property, failure, out)?;
        }
    }
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 { report.paths as f64 / seconds } else { f64::INFINITY };
    writeln!(out, "  time: {:.3} ms ({rate:.3e} paths/s)", seconds * 1000.0)?;
    Ok(())
}

fn describe(protocol: &ValidProtocol, property: Property, failure: &Failure, out: &mut dyn Write) -> Result<()> {
    match failure {
        Failure::Paths { paths, example } => {
            writeln!(
                out,
                "         on {} path{}, for example:",
                thousands(*paths),
                if *paths == 1 { "" } else { "s" }
            )?;
            let outcome = example.outcome.map_or("no outcome".to_owned(), |o| format!("outcome `{}`", o.as_str()));
            writeln!(out, "         path: {} -> {outcome}", words::path(protocol, &example.answers))?;
            if let Some(why) = why(protocol, property, example) {
                writeln!(out, "         {why}")?;
            }
        }
        Failure::Pairs { paths, example } => {
            writeln!(
                out,
                "         on {} pair{} of paths, for example:",
                thousands(*paths),
                if *paths == 1 { "" } else { "s" }
            )?;
            side_by_side(protocol, example, false, "         ", out)?;
        }
        Failure::Hidden(hidden) => hidden_by_end(protocol, hidden, out)?,
        Failure::RuleNeverFires(rule) => {
            writeln!(out, "         rule `{}` never fires", protocol.protocol.rules[*rule].id)?;
        }
        Failure::QuestionNeverAsked(question) => {
            writeln!(out, "         question `{}` is never asked", protocol.questions()[*question].id)?;
        }
    }
    Ok(())
}

/// What on the counterexample path breaks the property.
fn why(protocol: &ValidProtocol, property: Property, example: &Counterexample) -> Option<String> {
    let model = &protocol.model;
    let answers_where = |pick: &dyn Fn(usize, crate::answers::Value) -> bool| -> String {
        let picked: Vec<_> = example.answers.iter().copied().filter(|&(q, v)| pick(q, v)).collect();
        words::path(protocol, &picked).replace(" -> ", ", ")
    };
    match property {
        Property::FindingNeverCandidate => {
            Some(format!("findings: {}", answers_where(&|q, v| model.questions[q].is_finding(v))))
        }
        Property::UnsureNeverCandidate => Some(format!(
            "unsure answers: {}",
            answers_where(&|q, v| model.questions[q].screening && model.questions[q].is_unsure(v))
        )),
        Property::BlockingRuleNeverCandidate | Property::CandidateHasPlan => {
            let mut answers = Answers::new(model.questions.len());
            example.answers.iter().for_each(|&(q, v)| answers.set(q, Some(v)));
            let walk = engine::walk(protocol, &answers);
            let recommendation = engine::recommend(protocol, &walk);
            let rules: Vec<String> = recommendation
                .fired
                .iter()
                .map(|f| format!("{} ({})", protocol.protocol.rules[f.rule].id, f.effect.as_str()))
                .collect();
            Some(format!("rules that fire: {}", if rules.is_empty() { "none".to_owned() } else { rules.join(", ") }))
        }
        Property::EveryPathEnds => Some("the next question on this path has no possible answer".to_owned()),
        Property::EveryRuleFires
        | Property::EveryQuestionAsked
        | Property::RiskierAnswerNeverWeaker
        | Property::EarlyEndHidesNothing => None,
    }
}

/// An early end and the rule it hides: the path as walked and its continuation, in columns.
fn hidden_by_end(protocol: &ValidProtocol, hidden: &HiddenByEnd, out: &mut dyn Write) -> Result<()> {
    let rules = &protocol.protocol.rules;
    let (ending, masked) = (&rules[hidden.ending_rule], &rules[hidden.hidden_rule]);
    let flag = if masked.red_flag.is_some() { ", with a red flag" } else { "" };
    writeln!(
        out,
        "         `{}` ends the quiz before `{}` ({}{flag}) is decided, on {} pair{} (path, its continuation), for example:",
        ending.id,
        masked.id,
        masked.effect.as_str(),
        thousands(hidden.pairs),
        if hidden.pairs == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "         path: {} -> outcome `{}`",
        words::path(protocol, &hidden.example.given),
        hidden.example.given_outcome.as_str()
    )?;
    writeln!(
        out,
        "         continued: {} -> outcome `{}`",
        words::path(protocol, &hidden.example.raised),
        hidden.example.raised_outcome.as_str()
    )?;
    Ok(())
}

/// Two paths of a pair in columns: each question answered on either path, the raised one marked
/// with `*`, then both outcomes. With `only_differences`, rows where both agree are left out.
fn side_by_side(
    protocol: &ValidProtocol,
    pair: &PathPair,
    only_differences: bool,
    indent: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let question = &protocol.questions()[pair.question].id;
    let value = |path: &[(usize, Value)], q: usize| {
        path.iter().find(|(asked, _)| *asked == q).map_or("-".to_owned(), |&(_, v)| protocol.value_to_string(q, v))
    };
    writeln!(
        out,
        "{indent}raising `{question}` from {} to {} turns {} into {}",
        value(&pair.given, pair.question),
        value(&pair.raised, pair.question),
        pair.given_outcome.as_str(),
        pair.raised_outcome.as_str()
    )?;
    let mut questions: Vec<usize> = pair.given.iter().chain(&pair.raised).map(|(q, _)| *q).collect();
    questions.sort_unstable();
    questions.dedup();
    let rows: Vec<(String, String, String)> = questions
        .into_iter()
        .map(|q| {
            let mark = if q == pair.question { "* " } else { "  " };
            (format!("{mark}{}", protocol.questions()[q].id), value(&pair.given, q), value(&pair.raised, q))
        })
        .filter(|(_, given, raised)| !only_differences || given != raised)
        .chain([(
            "  outcome".to_owned(),
            pair.given_outcome.as_str().to_owned(),
            pair.raised_outcome.as_str().to_owned(),
        )])
        .collect();
    let width = |pick: fn(&(String, String, String)) -> usize| rows.iter().map(pick).max().unwrap_or(0);
    let (first, second) = (width(|r| r.0.len()).max(10), width(|r| r.1.len()).max(8));
    writeln!(out, "{indent}{:first$}  {:second$}  raised", "  question", "as given")?;
    for (name, given, raised) in &rows {
        writeln!(out, "{indent}{name:first$}  {given:second$}  {raised}")?;
    }
    Ok(())
}
