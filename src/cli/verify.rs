//! `candidacy verify FILE`: the exhaustive proof, its figures, and a counterexample path per
//! violated property.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::{load_or_report, thousands, words, EXIT_PROBLEMS};
use crate::answers::Answers;
use crate::answers::Value;
use crate::engine;
use crate::protocol::{Outcome, ValidProtocol};
use crate::verify::{verify, Counterexample, ExploreError, Failure, PathPair, Property, Report};

pub fn run(path: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    let Some((name, protocol)) = load_or_report(path, out)? else {
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    };
    if protocol.treatments.is_empty() {
        return verify_one(&protocol, &name, out);
    }
    // A chooser is safe when each of its treatments is: each is proved as the protocol it amounts to.
    let mut code = ExitCode::SUCCESS;
    for choice in &protocol.treatments {
        let shown = format!("{name}, treatment `{}`", choice.id);
        if verify_one(&choice.protocol, &shown, out)? != ExitCode::SUCCESS {
            code = ExitCode::from(EXIT_PROBLEMS);
        }
    }
    Ok(code)
}

fn verify_one(protocol: &ValidProtocol, name: &str, out: &mut dyn Write) -> Result<ExitCode> {
    let started = Instant::now();
    let report = match verify(protocol) {
        Ok(report) => report,
        Err(error) => {
            let message = match error {
                ExploreError::TooManyClasses(e) => {
                    format!("question #{} has {} option groups", e.question, e.groups)
                }
                ExploreError::TooManyStates { question, states } => {
                    format!("{states} states after question #{question}")
                }
            };
            writeln!(out, "cannot explore {name}: {message}")?;
            return Ok(ExitCode::from(EXIT_PROBLEMS));
        }
    };
    let elapsed = started.elapsed();
    render(protocol, name, &report, elapsed, out)?;
    Ok(if report.holds() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) })
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
    if !report.maskings.is_empty() {
        writeln!(out, "  warnings (an early end hides a stronger outcome; decide knowingly):")?;
    }
    for masking in &report.maskings {
        let rules = &doc.rules;
        let masked = &rules[masking.masked_rule];
        writeln!(
            out,
            "    masking: `{}` ends the quiz before `{}` ({}) is decided, on {} pair{} of paths, for example:",
            rules[masking.ending_rule].id,
            masked.id,
            masked.effect.as_str(),
            thousands(masking.paths),
            if masking.paths == 1 { "" } else { "s" }
        )?;
        side_by_side(protocol, &masking.example, true, "      ", out)?;
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
        Property::EveryRuleFires | Property::EveryQuestionAsked | Property::RiskierAnswerNeverWeaker => None,
    }
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
