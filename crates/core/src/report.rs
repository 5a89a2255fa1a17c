//! A [`Recommendation`] put into words in one locale: the JSON the CLI prints and the content
//! the widget renders. Pure data; no decisions are made here.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::{Fired, Plan, Recommendation, Walk};
use crate::protocol::{Effect, Outcome, ValidProtocol};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationReport {
    pub protocol: ProtocolRef,
    pub outcome: Outcome,
    /// The outcome in one sentence.
    pub headline: String,
    pub body: String,
    /// Every rule that fired other than notes: why the outcome is what it is.
    pub reasons: Vec<Reason>,
    /// Note rules that fired: information shown with any outcome.
    pub notes: Vec<Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanReport>,
    /// Shown with outcomes that can lead to treatment.
    pub preparation: Vec<String>,
    pub aftercare: Vec<String>,
    pub disclaimer: String,
    /// "Speak to a doctor or pharmacist if:" items of the rules that fired, urgency in the words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<String>,
    /// The rule that ended the quiz early, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_early_by: Option<String>,
    /// For a chooser: the treatment recommended (the best outcome, then the fewest concerns)...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentRef>,
    /// ...and how every treatment compares, in the protocol's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compared: Vec<TreatmentOutcome>,
    /// The glossary terms the result's own words use, explained: a result is read (and printed)
    /// on its own, and some terms appear nowhere in the questions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<TermExplained>,
}

/// A medical term and its plain explanation, in the report's locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermExplained {
    pub term: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatmentRef {
    pub id: String,
    pub name: String,
}

/// One treatment of a chooser, for the comparison: its outcome and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatmentOutcome {
    pub id: String,
    pub name: String,
    pub outcome: Outcome,
    pub headline: String,
    /// The reasons of the rules that fired other than notes.
    pub reasons: Vec<String>,
    /// What to ask about instead, from the rules that rule the treatment out.
    pub instead: Vec<String>,
    /// Whether this is a recommended treatment (its outcome is the best).
    pub recommended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProtocolRef {
    pub id: String,
    pub version: String,
    /// The protocol file's fingerprint: which signed-off logic and wording the visitor saw.
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub rule: String,
    pub effect: Effect,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub come_back: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// The answers that made the rule fire, by question id.
    pub answers: BTreeMap<String, crate::answers::AnswerJson>,
    /// The same answers in words, in asking order: the question and what the visitor answered.
    pub because: Vec<AnswerInWords>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerInWords {
    pub question: String,
    pub prompt: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReport {
    pub sessions_min: u32,
    pub sessions_max: u32,
    pub interval_weeks_min: u32,
    pub interval_weeks_max: u32,
    /// For `consult`: this is what a plan would usually look like, not a plan yet.
    pub usual_plan_only: bool,
    /// Every plan part that applies.
    pub parts: Vec<PlanPartReport>,
    /// The parts that set the number of sessions.
    pub set_by: Vec<String>,
    pub session: String,
    pub timeline: String,
    pub maintenance: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_ask_about: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanPartReport {
    pub id: String,
    pub label: String,
    pub sessions_min: u32,
    pub sessions_max: u32,
}

/// Puts a recommendation into words in `locale` (falling back to English). For a chooser, the
/// recommended treatment's words, with every treatment compared.
pub fn report(
    protocol: &ValidProtocol,
    walk: &Walk,
    recommendation: &Recommendation,
    locale: &str,
) -> RecommendationReport {
    let mut report = match recommendation.treatment.map(|t| &protocol.treatments[t]) {
        None => report_one(protocol, walk, recommendation, locale),
        Some(chosen) => report_chosen(protocol, chosen, walk, recommendation, locale),
    };
    let used = result_text(&report);
    report.glossary = crate::protocol::glossary::entries_in(&protocol.protocol.glossary, &used, locale)
        .into_iter()
        .map(|entry| TermExplained {
            term: entry.term.get(locale).to_owned(),
            explanation: entry.explanation.get(locale).to_owned(),
        })
        .collect();
    report
}

/// Every text the result screen shows of its own, joined: not the questions and answers it
/// quotes (their terms were explained on the question screens), nor the disclaimer.
fn result_text(report: &RecommendationReport) -> String {
    let mut texts: Vec<&str> = vec![&report.headline, &report.body];
    for reason in report.reasons.iter().chain(&report.notes) {
        texts.push(&reason.text);
        texts.extend(reason.come_back.iter().chain(&reason.instead).map(String::as_str));
    }
    if let Some(plan) = &report.plan {
        texts.extend(plan.parts.iter().map(|part| part.label.as_str()));
        texts.extend([&plan.session, &plan.timeline, &plan.maintenance].map(String::as_str));
        texts.extend(plan.also_ask_about.as_deref());
    }
    let lists = [&report.preparation, &report.aftercare, &report.red_flags];
    texts.extend(lists.into_iter().flatten().map(String::as_str));
    for treatment in &report.compared {
        texts.push(&treatment.headline);
        texts.extend(treatment.reasons.iter().chain(&treatment.instead).map(String::as_str));
    }
    texts.join("\n")
}

/// A chooser's report: the recommended treatment's words, with every treatment compared.
fn report_chosen(
    protocol: &ValidProtocol,
    chosen: &crate::protocol::TreatmentChoice,
    walk: &Walk,
    recommendation: &Recommendation,
    locale: &str,
) -> RecommendationReport {
    let name =
        |choice: &crate::protocol::TreatmentChoice| choice.protocol.protocol.treatment.name.get(locale).to_owned();
    let mut report = report_one(&chosen.protocol, walk, recommendation, locale);
    report.protocol.id.clone_from(&protocol.protocol.id);
    report.treatment = Some(TreatmentRef { id: chosen.id.clone(), name: name(chosen) });
    report.compared = (protocol.treatments.iter().zip(crate::engine::compare(protocol, walk)))
        .map(|(choice, compared)| {
            let texts = &choice.protocol.protocol;
            let rules: Vec<&crate::protocol::Rule> = (compared.fired.iter())
                .filter(|fired| fired.effect != Effect::Note)
                .map(|fired| &texts.rules[fired.rule])
                .collect();
            let reasons = rules.iter().map(|rule| rule.reason.get(locale).to_owned()).collect();
            let instead = rules.iter().filter_map(|rule| Some(rule.instead.as_ref()?.get(locale).to_owned())).collect();
            TreatmentOutcome {
                id: choice.id.clone(),
                name: name(choice),
                outcome: compared.outcome,
                headline: outcome_text(texts, compared.outcome).headline.get(locale).to_owned(),
                reasons,
                instead,
                recommended: compared.outcome == recommendation.outcome,
            }
        })
        .collect();
    report
}

fn outcome_text(doc: &crate::protocol::Protocol, outcome: Outcome) -> &crate::protocol::OutcomeText {
    match outcome {
        Outcome::Candidate => &doc.outcomes.candidate,
        Outcome::Consult => &doc.outcomes.consult,
        Outcome::Postpone => &doc.outcomes.postpone,
        Outcome::NotCandidate => &doc.outcomes.not_candidate,
    }
}

fn report_one(
    protocol: &ValidProtocol,
    walk: &Walk,
    recommendation: &Recommendation,
    locale: &str,
) -> RecommendationReport {
    let doc = &protocol.protocol;
    let outcome_text = outcome_text(doc, recommendation.outcome);
    let reason = |fired: &Fired| {
        let rule = &doc.rules[fired.rule];
        let answered: Vec<(usize, crate::answers::Value)> =
            fired.because.iter().filter_map(|&q| Some((q, walk.answers.get(q)?))).collect();
        let answers =
            answered.iter().map(|&(q, v)| (doc.questions[q].id.clone(), protocol.answer_json(q, v))).collect();
        let because = (answered.iter())
            .map(|&(q, v)| AnswerInWords {
                question: doc.questions[q].id.clone(),
                prompt: doc.questions[q].prompt.get(locale).to_owned(),
                answer: answer_text(protocol, q, v, locale),
            })
            .collect();
        Reason {
            rule: rule.id.clone(),
            effect: rule.effect,
            text: rule.reason.get(locale).to_owned(),
            come_back: rule.come_back.as_ref().map(|t| t.get(locale).to_owned()),
            instead: rule.instead.as_ref().map(|t| t.get(locale).to_owned()),
            answers,
            because,
        }
    };
    let (notes, reasons): (Vec<&Fired>, Vec<&Fired>) =
        recommendation.fired.iter().partition(|fired| fired.effect == Effect::Note);
    let can_lead_to_treatment = recommendation.outcome != Outcome::NotCandidate;
    let texts = |items: &[crate::protocol::Text]| -> Vec<String> {
        if can_lead_to_treatment {
            items.iter().map(|t| t.get(locale).to_owned()).collect()
        } else {
            Vec::new()
        }
    };
    RecommendationReport {
        protocol: ProtocolRef {
            id: doc.id.clone(),
            version: doc.version.clone(),
            fingerprint: protocol.fingerprint.clone(),
        },
        outcome: recommendation.outcome,
        headline: outcome_text.headline.get(locale).to_owned(),
        body: outcome_text.body.get(locale).to_owned(),
        reasons: reasons.into_iter().map(reason).collect(),
        notes: notes.into_iter().map(reason).collect(),
        plan: recommendation.plan.as_ref().map(|plan| plan_report(protocol, plan, recommendation.outcome, locale)),
        preparation: texts(&doc.preparation),
        aftercare: texts(&doc.aftercare),
        disclaimer: doc.disclaimer.get(locale).to_owned(),
        red_flags: (recommendation.fired.iter())
            .filter_map(|fired| Some(doc.rules[fired.rule].red_flag.as_ref()?.get(locale).to_owned()))
            .collect(),
        ended_early_by: recommendation.ended_by.map(|rule| doc.rules[rule].id.clone()),
        treatment: None,
        compared: Vec::new(),
        glossary: Vec::new(),
    }
}

fn plan_report(protocol: &ValidProtocol, plan: &Plan, outcome: Outcome, locale: &str) -> PlanReport {
    let doc = &protocol.protocol;
    let treatment = &doc.treatment;
    PlanReport {
        sessions_min: plan.sessions.min,
        sessions_max: plan.sessions.max,
        interval_weeks_min: plan.interval_weeks.min,
        interval_weeks_max: plan.interval_weeks.max,
        usual_plan_only: outcome != Outcome::Candidate,
        parts: (plan.parts.iter().map(|&p| &doc.plans[p]))
            .map(|part| PlanPartReport {
                id: part.id.clone(),
                label: part.label.get(locale).to_owned(),
                sessions_min: part.sessions.min,
                sessions_max: part.sessions.max,
            })
            .collect(),
        set_by: plan.set_by.iter().map(|&p| doc.plans[p].id.clone()).collect(),
        session: treatment.session.get(locale).to_owned(),
        timeline: treatment.timeline.get(locale).to_owned(),
        maintenance: treatment.maintenance.get(locale).to_owned(),
        also_ask_about: treatment.also_ask_about.as_ref().map(|t| t.get(locale).to_owned()),
    }
}

/// Every answer on the visitor's path in their words, in asking order: the check screen's rows and
/// the summary's.
pub fn answers_in_words(protocol: &ValidProtocol, walk: &Walk, locale: &str) -> Vec<AnswerInWords> {
    let questions = protocol.questions();
    (walk.asked.iter())
        .filter_map(|&q| {
            Some(AnswerInWords {
                question: questions[q].id.clone(),
                prompt: questions[q].prompt.get(locale).to_owned(),
                answer: answer_text(protocol, q, walk.answers.get(q)?, locale),
            })
        })
        .collect()
}

/// The result as plain text the visitor can paste into a note and bring to the consultation:
/// the outcome, why, the plan, every answer, and which screening logic gave it.
pub fn summary_text(protocol: &ValidProtocol, walk: &Walk, report: &RecommendationReport, locale: &str) -> String {
    use crate::messages::{fill, messages};
    let words = messages(locale);
    let name = protocol.protocol.treatment.name.get(locale);
    let mut lines = vec![fill(words.summary_title, &[("treatment", name)]), String::new()];
    lines.push(format!("{}: {}", words.summary_outcome, report.headline));
    lines.push(report.body.clone());
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            lines.push(String::new());
            lines.push(title.to_owned());
            lines.extend(items.into_iter().map(|item| format!("- {item}")));
        }
    };
    let reason_lines = |reason: &Reason| {
        let next = reason.come_back.iter().map(|t| format!("{}{t}", words.come_back));
        let instead = reason.instead.iter().map(|t| format!("{}{t}", words.instead));
        std::iter::once(reason.text.clone()).chain(next).chain(instead).collect::<Vec<_>>().join(" ")
    };
    let compared = report.compared.iter().map(|t| {
        let recommended = if t.recommended { format!(" ({})", words.recommended) } else { String::new() };
        format!("{}{recommended}: {}", t.name, t.headline)
    });
    section(words.compared_title, compared.collect());
    section(words.why, report.reasons.iter().map(reason_lines).collect());
    if let Some(plan) = &report.plan {
        let sessions = words.sessions(plan.sessions_min, plan.sessions_max);
        let weeks = words.weeks(plan.interval_weeks_min, plan.interval_weeks_max);
        let title = if plan.usual_plan_only { words.plan_usual } else { words.plan_yours };
        section(title, vec![fill(words.plan_summary, &[("sessions", &sessions), ("weeks", &weeks)])]);
    }
    section(words.red_flags, report.red_flags.clone());
    section(words.good_to_know, report.notes.iter().map(|note| note.text.clone()).collect());
    let answers = answers_in_words(protocol, walk, locale);
    section(words.summary_answers, answers.into_iter().map(|a| format!("{} {}", a.prompt, a.answer)).collect());
    lines.push(String::new());
    lines.push(format!("{}{}", words.not_a_diagnosis, report.disclaimer));
    let version = &report.protocol;
    let ids = [("id", version.id.as_str()), ("version", &version.version), ("fingerprint", &version.fingerprint)];
    lines.push(fill(words.logic_version, &ids));
    lines.join("\n") + "\n"
}

/// An answer in the visitor's words and language, for the check-your-answers screen: option
/// labels, "Yes", "No", "I'm not sure", or the number with its unit.
pub fn answer_text(protocol: &ValidProtocol, question: usize, value: crate::answers::Value, locale: &str) -> String {
    use crate::answers::{Value, YesNo};
    let doc = &protocol.questions()[question];
    let words = crate::messages::messages(locale);
    match value {
        Value::YesNo(YesNo::Yes) => words.yes.to_owned(),
        Value::YesNo(YesNo::No) => words.no.to_owned(),
        Value::YesNo(YesNo::Unsure) => words.unsure.to_owned(),
        Value::Option(option) => doc.options[option].label.get(locale).to_owned(),
        Value::Options(chosen) => {
            let labels: Vec<&str> = chosen.iter().map(|o| doc.options[o].label.get(locale)).collect();
            labels.join(", ")
        }
        Value::Number(n) => match &doc.unit {
            Some(unit) => format!("{} {}", crate::messages::number(locale, n), unit.get(locale)),
            None => crate::messages::number(locale, n),
        },
    }
}
