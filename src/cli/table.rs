//! `candidacy table FILE`: the decision table a clinic's medical director reviews and signs.

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
    match format {
        TableFormat::Markdown => markdown(&protocol, out)?,
        TableFormat::Csv => csv(&protocol, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn markdown(protocol: &ValidProtocol, out: &mut dyn Write) -> Result<()> {
    let doc = &protocol.protocol;
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    writeln!(out, "# Decision table: {} (`{}` v{})\n", cell(doc.treatment.name.get("en")), doc.id, doc.version)?;
    writeln!(out, "Outcomes, strongest first: not_candidate > postpone > consult > candidate. Notes are shown with any outcome.\n")?;

    writeln!(out, "## Questions\n")?;
    writeln!(out, "| # | id | question | answers | asked if | screening |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for (i, question) in doc.questions.iter().enumerate() {
        let asked_if = question.ask_if.as_ref().map_or("always".to_owned(), |c| words::condition(protocol, c));
        let screening =
            if question.screening { format!("yes: findings {}", findings(question)) } else { "no".to_owned() };
        writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            i + 1,
            question.id,
            cell(question.prompt.get("en")),
            cell(&answers(question)),
            cell(&asked_if),
            cell(&screening)
        )?;
    }

    writeln!(out, "\n## Rules\n")?;
    writeln!(out, "| # | rule | when | effect | visitor is told | sources |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for (i, rule) in doc.rules.iter().enumerate() {
        let mut effect = rule.effect.as_str().to_owned();
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
        let when = words::condition(protocol, &rule.when);
        writeln!(
            out,
            "| {} | `{}` | {} | {effect} | {} | {} |",
            i + 1,
            rule.id,
            cell(&when),
            cell(&told),
            rule.source.join(", ")
        )?;
    }

    writeln!(out, "\n## Treatment plans\n")?;
    writeln!(out, "Several parts combine: the largest minimum and the largest maximum of sessions and interval.\n")?;
    writeln!(out, "| plan part | when | sessions | interval (weeks) | sources |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for part in &doc.plans {
        let when = words::condition(protocol, &part.when);
        writeln!(
            out,
            "| `{}` {} | {} | {}–{} | {}–{} | {} |",
            part.id,
            cell(part.label.get("en")),
            cell(&when),
            part.sessions.min,
            part.sessions.max,
            part.interval_weeks.min,
            part.interval_weeks.max,
            part.source.join(", ")
        )?;
    }

    if !doc.sources.is_empty() {
        writeln!(out, "\n## Sources\n")?;
        for (id, citation) in &doc.sources {
            writeln!(out, "- `{id}`: {}", cell(citation))?;
        }
    }
    Ok(())
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
