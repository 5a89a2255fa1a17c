//! `candidacy table FILE`: the decision sheet a clinic's medical director reviews and signs.
//!
//! The sheet is built once ([`Sheet`]) and rendered as Markdown, as a print-ready HTML page
//! (`table/html.rs`), or as CSV rows for spreadsheets.

mod html;

use crate::profile::ProfileSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{load_or_report, words, TableFormat, EXIT_PROBLEMS};
use crate::protocol::{Question, QuestionKind, ValidProtocol};

pub fn run(path: &Path, format: TableFormat, out: &mut dyn Write) -> Result<ExitCode> {
    let Some((_, protocol)) = load_or_report(path, out)? else {
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    };
    let profiles = ProfileSet::builtin();
    match format {
        TableFormat::Markdown => write!(out, "{}", markdown(&sheet(&protocol, &profiles)))?,
        TableFormat::Html => write!(out, "{}", html::page(&sheet(&protocol, &profiles)))?,
        TableFormat::Csv => csv(&protocol, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The decision sheet, before it is rendered. Cells are plain text in which ids are `quoted`
/// in backticks; renderers escape everything else.
struct Sheet {
    title: String,
    /// Which logic this is: id, version, fingerprint.
    identity: Vec<(&'static str, String)>,
    intro: String,
    sections: Vec<Section>,
    /// The sentence above the sign-off fields.
    sign_off: String,
}

struct Section {
    heading: String,
    note: Option<String>,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// The fields a reviewer fills in by hand.
const SIGN_OFF_FIELDS: [&str; 4] = ["Reviewed by", "Role", "Date", "Signature"];

fn sheet(protocol: &ValidProtocol, profiles: &ProfileSet) -> Sheet {
    let doc = &protocol.protocol;
    let mut sections = Vec::new();

    if !doc.parameters.is_empty() {
        let uses = &protocol.model.parameter_uses;
        let parameters = doc.parameters.iter().map(|(id, parameter)| {
            vec![
                format!("`{id}`"),
                parameter.in_words(),
                parameter.description.clone(),
                words::places(protocol, &uses[id]),
                parameter.source.join(", "),
            ]
        });
        sections.push(Section {
            heading: "Parameters".into(),
            note: Some("Periods the texts cite; the visitor reads them in the questions and reasons below.".into()),
            header: vec!["parameter", "period", "what it is", "cited in", "sources"],
            rows: parameters.collect(),
        });
    }

    if !doc.treatments.is_empty() {
        let treatments = doc
            .treatments
            .iter()
            .map(|option| vec![format!("`{}`", option.id), option.treatment.name.get("en").to_owned()]);
        sections.push(Section {
            heading: "Treatments".into(),
            note: Some("A chooser: each visitor is recommended the treatment(s) with the best outcome. A rule, plan part or screening question applies to every treatment unless it names some.".into()),
            header: vec!["treatment", "name"],
            rows: treatments.collect(),
        });
    }

    let questions = doc.questions.iter().enumerate().map(|(i, question)| {
        let asked_if = question.ask_if.as_ref().map_or("always".to_owned(), |c| words::condition(protocol, c));
        let screening = match question.screening {
            true => format!("yes{}: findings {}", scope(&question.screens_for), findings(question)),
            false => "no".to_owned(),
        };
        vec![
            (i + 1).to_string(),
            format!("`{}`", question.id),
            question.prompt.get("en").to_owned(),
            answers(question),
            asked_if,
            screening,
        ]
    });
    sections.push(Section {
        heading: "Questions".into(),
        note: None,
        header: vec!["#", "id", "question", "answers", "asked if", "screening"],
        rows: questions.collect(),
    });

    let rules = doc.rules.iter().enumerate().map(|(i, rule)| {
        let mut effect = rule.effect.as_str().to_owned() + &scope(&rule.treatments);
        if rule.ends_quiz {
            effect.push_str(", ends the quiz");
        }
        let mut told = rule.reason.get("en").to_owned();
        if let Some(come_back) = &rule.come_back {
            told.push_str(&format!(" Come back: {}", come_back.get("en")));
        }
        if let Some(instead) = &rule.instead {
            told.push_str(&format!(" Instead: {}", instead.get("en")));
        }
        vec![
            (i + 1).to_string(),
            format!("`{}`", rule.id),
            words::condition(protocol, &rule.when),
            effect,
            told,
            rule.source.join(", "),
        ]
    });
    sections.push(Section {
        heading: "Rules".into(),
        note: None,
        header: vec!["#", "rule", "when", "effect", "visitor is told", "sources"],
        rows: rules.collect(),
    });

    let plans = doc.plans.iter().map(|part| {
        vec![
            format!("`{}` {}{}", part.id, part.label.get("en"), scope(&part.treatments)),
            words::condition(protocol, &part.when),
            format!("{}–{}", part.sessions.min, part.sessions.max),
            format!("{}–{}", part.interval_weeks.min, part.interval_weeks.max),
            part.source.join(", "),
        ]
    });
    sections.push(Section {
        heading: "Treatment plans".into(),
        note: Some(
            "Several parts combine: the largest minimum and the largest maximum of sessions and interval.".into(),
        ),
        header: vec!["plan part", "when", "sessions", "interval (weeks)", "sources"],
        rows: plans.collect(),
    });

    if !doc.sources.is_empty() {
        sections.push(Section {
            heading: "Sources".into(),
            note: None,
            header: vec!["source", "citation"],
            rows: doc.sources.iter().map(|(id, citation)| vec![format!("`{id}`"), citation.clone()]).collect(),
        });
    }

    let mut held_to = Vec::new();
    for (_, treatment) in crate::profile::coverage::treatments(protocol) {
        let Some(profile) = profiles.get(treatment.protocol.profile_id()) else { continue };
        held_to.push(format!("`{}` v{}", profile.treatment, profile.version));
        let screens = crate::profile::screened_items(&treatment.protocol);
        let rows = profile.items.iter().map(|item| {
            let mut asked_by: Vec<String> = (screens.iter())
                .filter(|screen| screen.item == item.id)
                .map(|screen| format!("`{}`", treatment.protocol.questions[screen.question].id))
                .collect();
            asked_by.dedup();
            vec![
                format!("`{}`", item.id),
                item.label.clone(),
                item.at_least.as_str().to_owned(),
                asked_by.join(", "),
                profile.citations(item),
            ]
        });
        sections.push(Section {
            heading: format!("Screening profile: {} (`{}` v{})", profile.name, profile.treatment, profile.version),
            note: Some(
                "What the treatment's labeling or guidance requires a self-screen to ask. `candidacy verify` proves, \
                 on every path, that a candidate was asked each item and ruled it out, and that an answer ruling it \
                 in gets at least its outcome."
                    .into(),
            ),
            header: vec!["item", "what is asked", "at least", "screened by", "sources"],
            rows: rows.collect(),
        });
    }
    let profiles_line = match held_to.is_empty() {
        true => String::new(),
        false => format!(
            ", held to the screening profile{} {}",
            if held_to.len() == 1 { "" } else { "s" },
            held_to.join(", ")
        ),
    };

    Sheet {
        title: format!("Decision table: {} (`{}` v{})", doc.treatment.name.get("en"), doc.id, doc.version),
        identity: vec![
            ("Protocol", format!("`{}`", doc.id)),
            ("Version", doc.version.clone()),
            ("Fingerprint", format!("`{}`", protocol.fingerprint)),
        ],
        intro: "Outcomes, strongest first: not_candidate > postpone > consult > candidate. \
                Notes are shown with any outcome."
            .into(),
        sections,
        sign_off: format!(
            "I have reviewed the screening logic of `{}` v{} with fingerprint `{}`{profiles_line}, as set out above.",
            doc.id, doc.version, protocol.fingerprint
        ),
    }
}

/// " for `laser`, `peel`" when a chooser's rule, plan part or question names its treatments.
fn scope(treatments: &[String]) -> String {
    match treatments {
        [] => String::new(),
        named => format!(" for {}", named.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")),
    }
}

fn markdown(sheet: &Sheet) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("# {}\n\n", cell(&sheet.title));
    for (label, value) in &sheet.identity {
        out.push_str(&format!("- {label}: {}\n", cell(value)));
    }
    out.push_str(&format!("\n{}\n", cell(&sheet.intro)));
    for section in &sheet.sections {
        out.push_str(&format!("\n## {}\n\n", section.heading));
        if let Some(note) = &section.note {
            out.push_str(&format!("{}\n\n", cell(note)));
        }
        out.push_str(&format!("| {} |\n", section.header.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(section.header.len())));
        for row in &section.rows {
            let cells: Vec<String> = row.iter().map(|text| cell(text)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out.push_str(&format!("\n## Sign-off\n\n{}\n\n| | |\n|---|---|\n", cell(&sheet.sign_off)));
    for field in SIGN_OFF_FIELDS {
        out.push_str(&format!("| {field} | |\n"));
    }
    out
}

fn csv(protocol: &ValidProtocol, out: &mut dyn Write) -> Result<()> {
    let doc = &protocol.protocol;
    let field = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    writeln!(out, "kind,id,when,effect,ends_quiz,reason,come_back,instead,sessions,interval_weeks,sources")?;
    for rule in &doc.rules {
        let row = [
            "rule".to_owned(),
            rule.id.clone(),
            field(&words::condition(protocol, &rule.when)),
            rule.effect.as_str().to_owned(),
            rule.ends_quiz.to_string(),
            field(rule.reason.get("en")),
            field(rule.come_back.as_ref().map_or("", |t| t.get("en"))),
            field(rule.instead.as_ref().map_or("", |t| t.get("en"))),
            String::new(),
            String::new(),
            field(&rule.source.join(" ")),
        ];
        writeln!(out, "{}", row.join(","))?;
    }
    for part in &doc.plans {
        let row = [
            "plan".to_owned(),
            part.id.clone(),
            field(&words::condition(protocol, &part.when)),
            String::new(),
            String::new(),
            field(part.label.get("en")),
            String::new(),
            String::new(),
            format!("{}-{}", part.sessions.min, part.sessions.max),
            format!("{}-{}", part.interval_weeks.min, part.interval_weeks.max),
            field(&part.source.join(" ")),
        ];
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

fn answers(question: &Question) -> String {
    match question.kind {
        QuestionKind::YesNo if question.unsure => "yes / no / unsure".to_owned(),
        QuestionKind::YesNo => "yes / no".to_owned(),
        QuestionKind::Number => format!("{}–{}", question.min.unwrap_or_default(), question.max.unwrap_or_default()),
        QuestionKind::SingleChoice => {
            question.options.iter().map(|o| format!("`{}`", o.id)).collect::<Vec<_>>().join(" / ")
        }
        QuestionKind::MultipleChoice => {
            let ids: Vec<String> = question.options.iter().map(|o| format!("`{}`", o.id)).collect();
            format!("one or more of {}", ids.join(", "))
        }
    }
}

fn findings(question: &Question) -> String {
    match question.kind {
        QuestionKind::YesNo if question.unsure => "yes, unsure".to_owned(),
        QuestionKind::YesNo => "yes".to_owned(),
        QuestionKind::Number => match question.safe_range {
            Some(safe) => match (safe.at_least, safe.below) {
                (Some(low), Some(high)) => format!("outside {low} to {}", high - 1),
                (Some(low), None) => format!("under {low}"),
                (None, Some(high)) => format!("{high} or more"),
                (None, None) => "none".to_owned(),
            },
            None => "none".to_owned(),
        },
        _ => {
            let ids: Vec<String> =
                question.options.iter().filter(|o| o.finding || o.unsure).map(|o| format!("`{}`", o.id)).collect();
            ids.join(", ")
        }
    }
}
