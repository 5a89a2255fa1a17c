//! When a question is asked, in FHIR terms. The engine asks a question when its `ask_if` holds
//! and no earlier rule with `ends_quiz` fired; this module says the same as flat `enableWhen`
//! comparisons where they can say it exactly, and otherwise as an SDC `enableWhenExpression` in
//! FHIRPath, which always can.
//!
//! Only the operators `exists`, `=`, `<` and `>=` are written. R4 defines `!=` as "no answer
//! equals", which holds when a question has no answer, but form fillers disagree on that
//! (some read it as "some answer differs"), so a negation is spelt out instead: "not Yes" becomes
//! "no answer, or No, or I'm not sure". A negation that cannot be spelt out that way (no chosen
//! option among a set, in a multiple choice) falls back to the expression.

use super::resources::{Coding, EnableAnswer, EnableWhen};
use super::{option_coding, yes_no_coding};
use crate::answers::YesNo;
use crate::protocol::condition::{Cond, Test};
use crate::protocol::{NumberRange, OptionSet, QuestionIdx, QuestionKind, ValidProtocol};

/// When a question is asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Enablement {
    Always,
    /// Every (`any`: false) or one (`any`: true) of the comparisons holds.
    When {
        any: bool,
        conditions: Vec<EnableWhen>,
    },
    /// A FHIRPath expression over `%resource`, the response.
    Expression(String),
}

/// When `question` is asked: its `ask_if`, and no earlier ending rule fired.
pub fn enablement(protocol: &ValidProtocol, question: QuestionIdx) -> Enablement {
    let model = &protocol.model;
    let ask_if = model.questions[question].ask_if.iter().map(|cond| (cond, true));
    let ending_rules = model.rules.iter().filter(|rule| rule.ends_quiz && rule.decided_after < question);
    let conditions: Vec<(&Cond, bool)> = ask_if.chain(ending_rules.map(|rule| (&rule.when, false))).collect();

    let flat = Flattener { protocol };
    let flat = combine(false, conditions.iter().map(|&(cond, holds)| flat.cond(cond, holds)));
    match flat {
        Some(Flat::Const(true)) => Enablement::Always,
        Some(Flat::Junction { any, atoms }) => Enablement::When { any: any && atoms.len() > 1, conditions: atoms },
        Some(Flat::Const(false)) | None => {
            let part = |&(cond, holds): &(&Cond, bool)| {
                let written = expression(protocol, cond);
                if holds {
                    written
                } else {
                    negated(written)
                }
            };
            let parts: Vec<String> = conditions.iter().map(part).collect();
            Enablement::Expression(parts.join(" and "))
        }
    }
}

/// A condition as one flat list of comparisons, or a constant.
#[derive(Debug, Clone, PartialEq)]
enum Flat {
    Const(bool),
    /// Never empty; with one comparison, `any` does not matter.
    Junction {
        any: bool,
        atoms: Vec<EnableWhen>,
    },
}

fn junction(any: bool, atoms: Vec<EnableWhen>) -> Flat {
    if atoms.is_empty() {
        // An empty `any` is false and an empty `all` is true.
        Flat::Const(!any)
    } else {
        Flat::Junction { any, atoms }
    }
}

/// `any` (or `all`) of `parts` as one flat list; `None` when it needs nesting.
fn combine(any: bool, parts: impl IntoIterator<Item = Option<Flat>>) -> Option<Flat> {
    let mut junctions = Vec::new();
    let mut flat = true;
    for part in parts {
        match part {
            // `true` decides an `any`, `false` an `all`, even when other parts are not flat.
            Some(Flat::Const(value)) if value == any => return Some(Flat::Const(any)),
            Some(Flat::Const(_)) => {}
            Some(junction) => junctions.push(junction),
            None => flat = false,
        }
    }
    if !flat {
        return None;
    }
    if let [only] = junctions.as_slice() {
        return Some(only.clone());
    }
    let mut atoms = Vec::new();
    for part in junctions {
        match part {
            Flat::Junction { any: inner, atoms: more } if inner == any || more.len() == 1 => atoms.extend(more),
            _ => return None,
        }
    }
    Some(junction(any, atoms))
}

struct Flattener<'p> {
    protocol: &'p ValidProtocol,
}

impl Flattener<'_> {
    /// `cond` (or its negation, when `holds` is false) as flat comparisons, if it can be.
    fn cond(&self, cond: &Cond, holds: bool) -> Option<Flat> {
        match cond {
            Cond::Not(inner) => self.cond(inner, !holds),
            // By De Morgan, a negated `all` is an `any` of negations.
            Cond::All(conds) => combine(!holds, conds.iter().map(|c| self.cond(c, holds))),
            Cond::Any(conds) => combine(holds, conds.iter().map(|c| self.cond(c, holds))),
            Cond::Test(question, test) => self.test(*question, test, holds),
        }
    }

    fn test(&self, question: QuestionIdx, test: &Test, holds: bool) -> Option<Flat> {
        let model = &self.protocol.model.questions[question];
        let options = |pick: &dyn Fn(usize) -> bool| -> Vec<Coding> {
            (0..model.n_options).filter(|&o| pick(o)).map(|o| option_coding(self.protocol, question, o)).collect()
        };
        let covers_every_option = |set: &OptionSet| (0..model.n_options).all(|o| set.contains(o));
        // A single answer (yes/no, single choice) makes a test fail exactly when it is missing or
        // is one of the other answers, so a negation is spelt out as a list of answers.
        let flat = match (model.kind, test) {
            (_, Test::YesNo(expected)) => {
                let offered = [YesNo::Yes, YesNo::No, YesNo::Unsure].into_iter();
                let offered = offered.filter(|&answer| answer != YesNo::Unsure || model.unsure_allowed);
                let matching = offered.filter(|answer| (answer == expected) == holds).map(yes_no_coding).collect();
                self.one_of(question, matching, !holds)
            }
            (QuestionKind::SingleChoice, Test::ChoseAny(set) | Test::ChoseOnly(set)) => {
                self.one_of(question, options(&|o| set.contains(o) == holds), !holds)
            }
            // `=` holds when some answer equals: exactly "some chosen option is in the set".
            (QuestionKind::MultipleChoice, Test::ChoseAny(set)) if holds => {
                self.one_of(question, options(&|o| set.contains(o)), false)
            }
            (QuestionKind::MultipleChoice, Test::ChoseOnly(set)) if !holds => {
                self.one_of(question, options(&|o| !set.contains(o)), true)
            }
            // An answer chooses at least one option, so these only ask whether there is one.
            (QuestionKind::MultipleChoice, Test::ChoseAny(set)) if covers_every_option(set) => {
                self.one_of(question, Vec::new(), true)
            }
            (QuestionKind::MultipleChoice, Test::ChoseOnly(set)) if covers_every_option(set) => self.answered(question),
            (QuestionKind::MultipleChoice, _) => return None,
            (_, Test::Number(range)) => self.number(question, range, holds),
            // INVARIANT: validation only builds tests that match their question's kind.
            _ => return None,
        };
        Some(flat)
    }

    /// The answer is one of `codings`, or (with `or_missing`) there is none.
    fn one_of(&self, question: QuestionIdx, codings: Vec<Coding>, or_missing: bool) -> Flat {
        let link_id = self.link_id(question);
        let mut atoms = if or_missing { self.missing(question) } else { Vec::new() };
        atoms.extend(codings.into_iter().map(|coding| atom(&link_id, "=", EnableAnswer::Coding(coding))));
        junction(true, atoms)
    }

    fn number(&self, question: QuestionIdx, range: &NumberRange, holds: bool) -> Flat {
        let link_id = self.link_id(question);
        let bound = |operator, n: Option<i64>| n.map(|n| atom(&link_id, operator, EnableAnswer::Integer(n)));
        if holds {
            if range.at_least.is_none() && range.below.is_none() {
                return self.answered(question);
            }
            junction(false, [bound(">=", range.at_least), bound("<", range.below)].into_iter().flatten().collect())
        } else {
            let mut atoms = self.missing(question);
            atoms.extend([bound("<", range.at_least), bound(">=", range.below)].into_iter().flatten());
            junction(true, atoms)
        }
    }

    /// "There is no answer", as a list of at most one comparison: none when the question is
    /// answered in every completed response (asked on every path, and required).
    fn missing(&self, question: QuestionIdx) -> Vec<EnableWhen> {
        if self.always_asked(question) {
            return Vec::new();
        }
        vec![atom(&self.link_id(question), "exists", EnableAnswer::Boolean(false))]
    }

    fn answered(&self, question: QuestionIdx) -> Flat {
        if self.always_asked(question) {
            Flat::Const(true)
        } else {
            junction(false, vec![atom(&self.link_id(question), "exists", EnableAnswer::Boolean(true))])
        }
    }

    /// Whether every path asks `question`: it has no `ask_if` and no ending rule comes before it.
    fn always_asked(&self, question: QuestionIdx) -> bool {
        let model = &self.protocol.model;
        model.questions[question].ask_if.is_none()
            && !model.rules.iter().any(|rule| rule.ends_quiz && rule.decided_after < question)
    }

    fn link_id(&self, question: QuestionIdx) -> String {
        self.protocol.questions()[question].id.clone()
    }
}

fn atom(link_id: &str, operator: &'static str, answer: EnableAnswer) -> EnableWhen {
    EnableWhen { question: link_id.to_owned(), operator, answer }
}

/// `cond` in FHIRPath over the response `%resource`; a test on a question without an answer is
/// false, as in the engine.
fn expression(protocol: &ValidProtocol, cond: &Cond) -> String {
    let join = |conds: &[Cond], operator: &str| match conds {
        [only] => expression(protocol, only),
        _ => format!("({})", conds.iter().map(|c| expression(protocol, c)).collect::<Vec<_>>().join(operator)),
    };
    match cond {
        Cond::All(conds) => join(conds, " and "),
        Cond::Any(conds) => join(conds, " or "),
        Cond::Not(inner) => negated(expression(protocol, inner)),
        Cond::Test(question, test) => test_expression(protocol, *question, test),
    }
}

fn negated(expression: String) -> String {
    format!("({expression}).not()")
}

fn test_expression(protocol: &ValidProtocol, question: QuestionIdx, test: &Test) -> String {
    let id = &protocol.questions()[question].id;
    let answers = format!("%resource.repeat(item).where(linkId='{id}').answer.value");
    // Codes are unique within a question, so matching the code alone is exact.
    let codes_in = |set: &OptionSet| {
        let codes: Vec<String> = (0..protocol.model.questions[question].n_options)
            .filter(|&o| set.contains(o))
            .map(|o| format!("code='{}'", protocol.questions()[question].options[o].id))
            .collect();
        if codes.is_empty() {
            "false".to_owned()
        } else {
            codes.join(" or ")
        }
    };
    match test {
        Test::YesNo(answer) => {
            let code = yes_no_coding(*answer).code.unwrap_or_default();
            format!("{answers}.where(code='{code}').exists()")
        }
        Test::ChoseAny(set) => format!("{answers}.where({}).exists()", codes_in(set)),
        Test::ChoseOnly(set) => format!("({answers}.exists() and {answers}.all({}))", codes_in(set)),
        Test::Number(range) => {
            let bounds: Vec<String> =
                [range.at_least.map(|n| format!("$this >= {n}")), range.below.map(|n| format!("$this < {n}"))]
                    .into_iter()
                    .flatten()
                    .collect();
            if bounds.is_empty() {
                format!("{answers}.exists()")
            } else {
                format!("{answers}.where({}).exists()", bounds.join(" and "))
            }
        }
    }
}
