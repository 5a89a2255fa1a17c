//! Conditions and paths in words, for tables and counterexamples.

use crate::answers::Value;
use crate::protocol::condition::Condition;
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

/// A condition as a reviewer reads it: `blood_thinners is yes or blood_thinners is unsure`.
pub fn condition(protocol: &ValidProtocol, condition: &Condition) -> String {
    let is_multi = |id: &str| {
        protocol.question_idx(id).is_some_and(|q| protocol.questions()[q].kind == QuestionKind::MultipleChoice)
    };
    let join = |conds: &[Condition], word: &str| -> String {
        let parts: Vec<String> = conds
            .iter()
            .map(|c| match c {
                Condition::All(_) | Condition::Any(_) if conds.len() > 1 => {
                    format!("({})", self::condition(protocol, c))
                }
                _ => self::condition(protocol, c),
            })
            .collect();
        parts.join(word)
    };
    match condition {
        Condition::All(conds) => join(conds, " and "),
        Condition::Any(conds) => join(conds, " or "),
        Condition::Not(cond) => format!("not ({})", self::condition(protocol, cond)),
        Condition::Yes(q) => format!("{q} is yes"),
        Condition::No(q) => format!("{q} is no"),
        Condition::Unsure(q) => format!("{q} is unsure"),
        Condition::Chose(test) if is_multi(&test.question) => {
            format!("{} includes {}", test.question, test.option)
        }
        Condition::Chose(test) => format!("{} is {}", test.question, test.option),
        Condition::ChoseAny(test) if is_multi(&test.question) => {
            format!("{} includes any of {}", test.question, test.options.join(", "))
        }
        Condition::ChoseAny(test) => {
            format!("{} is one of {}", test.question, test.options.join(", "))
        }
        Condition::ChoseOnly(test) => {
            format!("{} is only {}", test.question, test.options.join(" or "))
        }
        Condition::Number(test) => match (test.at_least, test.below) {
            (Some(low), Some(high)) => format!("{low} ≤ {} < {high}", test.question),
            (Some(low), None) => format!("{} ≥ {low}", test.question),
            (None, Some(high)) => format!("{} < {high}", test.question),
            (None, None) => test.question.clone(),
        },
    }
}

/// A path as `concerns=[fine_lines] -> age=35 -> pregnant_or_breastfeeding=yes`.
pub fn path(protocol: &ValidProtocol, answers: &[(QuestionIdx, Value)]) -> String {
    let steps: Vec<String> = answers
        .iter()
        .map(|&(q, value)| format!("{}={}", protocol.questions()[q].id, protocol.value_to_string(q, value)))
        .collect();
    steps.join(" -> ")
}

/// Text pointers as their owners: `question `age``, `rule `scar_age``, or the pointer itself.
pub fn places(protocol: &ValidProtocol, pointers: &[String]) -> String {
    let doc = &protocol.protocol;
    let mut owners: Vec<String> = Vec::new();
    for pointer in pointers {
        let mut parts = pointer.trim_start_matches('/').split('/');
        let (kind, index) = (parts.next(), parts.next().and_then(|i| i.parse::<usize>().ok()));
        let owner = match (kind, index) {
            (Some("questions"), Some(i)) => format!("question `{}`", doc.questions[i].id),
            (Some("rules"), Some(i)) => format!("rule `{}`", doc.rules[i].id),
            (Some("plans"), Some(i)) => format!("plan `{}`", doc.plans[i].id),
            _ => format!("`{pointer}`"),
        };
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    owners.join(", ")
}
