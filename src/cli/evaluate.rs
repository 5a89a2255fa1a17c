//! `candidacy evaluate FILE --answers ANSWERS.json [--fhir]`: one visitor's recommendation as JSON,
//! or their answers and recommendation as a FHIR R4 `QuestionnaireResponse`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::{load_or_report, read_input, EXIT_PROBLEMS};
use crate::answers::Answers;
use crate::answers_json::AnswersJson;
use crate::engine::{self, Step};
use crate::protocol::condition::Known;
use crate::report::report;

pub fn run(path: &Path, answers_path: &Path, locale: &str, fhir: bool, out: &mut dyn Write) -> Result<ExitCode> {
    if path.as_os_str() == "-" && answers_path.as_os_str() == "-" {
        bail!("only one of the protocol and the answers can come from standard input");
    }
    let Some((_, protocol)) = load_or_report(path, out)? else {
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    };
    let (answers_name, answers_text) = read_input(answers_path)?;
    let json: serde_json::Value =
        serde_json::from_str(&answers_text).with_context(|| format!("`{answers_name}` is not valid JSON"))?;
    let answers = match Answers::from_json(&protocol, &json) {
        Ok(answers) => answers,
        Err(error) => {
            writeln!(out, "error: {answers_name}: {error}")?;
            return Ok(ExitCode::from(EXIT_PROBLEMS));
        }
    };
    let walk = engine::walk(&protocol, &answers);
    match engine::next_step(&protocol, &answers) {
        Step::Ask { question, .. } => {
            let known = |q: usize| match walk.answers.get(q) {
                Some(value) if q < question => Known::Value(value),
                _ if q < question => Known::Absent,
                _ => Known::Unknown,
            };
            let may_be_asked = |q: usize| {
                let ask_if = protocol.model.questions[q].ask_if.as_ref();
                q == question || ask_if.is_none_or(|cond| cond.eval_partial(&known) != Some(false))
            };
            let missing: Vec<String> = (question..protocol.questions().len())
                .filter(|&q| may_be_asked(q) && answers.get(q).is_none())
                .map(|q| format!("`{}`", protocol.questions()[q].id))
                .collect();
            writeln!(out, "error: {answers_name}: missing answers to {}", missing.join(", "))?;
            Ok(ExitCode::from(EXIT_PROBLEMS))
        }
        Step::Recommend(recommendation) => {
            for (question, _) in answers.answered().filter(|&(q, _)| walk.answers.get(q).is_none()) {
                eprintln!(
                    "note: the answer to `{}` is ignored: that question is not on this path",
                    protocol.questions()[question].id
                );
            }
            let json = if fhir {
                // The CLI stays reproducible: no `authored` time is made up.
                let response = crate::fhir::questionnaire_response(&protocol, &walk, &recommendation, locale, None);
                serde_json::to_string_pretty(&response)?
            } else {
                serde_json::to_string_pretty(&report(&protocol, &walk, &recommendation, locale))?
            };
            writeln!(out, "{json}")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
