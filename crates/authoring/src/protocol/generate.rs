//! Generated protocols for benchmarks and tests: many questions, realistic rule shapes.

use std::collections::BTreeMap;

use super::condition::{ChoiceTest, ChoicesTest, Condition};
use super::{
    Choice, Effect, OutcomeText, OutcomeTexts, PlanPart, Protocol, Question, QuestionKind, Rule, Span, Text, Treatment,
    FORMAT_VERSION,
};

/// A protocol with one multiple choice of `n_options` concerns, then `n_yes_no` screening yes/no
/// questions (with "I'm not sure").
///
/// Every fifth yes/no question is asked only for one concern; each yes/no question has a rule for
/// yes (cycling consult, postpone, not_candidate) and a consult rule for unsure; every seventh adds
/// a note tied to a question ten places later, which keeps answers alive across layers as real
/// protocols do. Each concern has a plan part.
pub fn benchmark(n_yes_no: usize, n_options: usize) -> Protocol {
    let text = |s: String| Text::en(s);
    let concern = |o: usize| format!("c{o}");
    let q = |k: usize| format!("q{k}");
    let mut questions = vec![Question {
        options: (0..n_options)
            .map(|o| Choice {
                id: concern(o),
                label: text(format!("Concern {o}")),
                hint: None,
                finding: false,
                unsure: false,
                risk: None,
                screens: Vec::new(),
            })
            .collect(),
        ..question("concerns", QuestionKind::MultipleChoice, "Which concerns?")
    }];
    let mut rules = Vec::new();
    for k in 1..=n_yes_no {
        let mut question = question(&q(k), QuestionKind::YesNo, &format!("Question {k}?"));
        question.screening = true;
        question.unsure = true;
        if k % 5 == 0 && n_options > 0 {
            question.ask_if =
                Some(Condition::Chose(ChoiceTest { question: "concerns".into(), option: concern(k % n_options) }));
        }
        questions.push(question);
        let effect = [Effect::Consult, Effect::Postpone, Effect::NotCandidate][k % 3];
        rules.push(rule(&q(k), Condition::Yes(q(k)), effect));
        rules.push(rule(&format!("unsure_{}", q(k)), Condition::Unsure(q(k)), Effect::Consult));
        if k % 7 == 0 && k + 10 <= n_yes_no {
            let both = Condition::All(vec![Condition::No(q(k)), Condition::No(q(k + 10))]);
            rules.push(rule(&format!("note_{k}"), both, Effect::Note));
        }
    }
    if n_options > 1 {
        let only_last = ChoicesTest { question: "concerns".into(), options: vec![concern(n_options - 1)] };
        rules.push(rule("only_last_concern", Condition::ChoseOnly(only_last), Effect::Consult));
    }
    let plans = (0..n_options)
        .map(|o| PlanPart {
            id: format!("plan_{o}"),
            when: Condition::Chose(ChoiceTest { question: "concerns".into(), option: concern(o) }),
            label: text(format!("Concern {o}")),
            sessions: Span { min: 3 + (o as u32 % 3), max: 4 + (o as u32 % 3) },
            interval_weeks: Span { min: 4, max: 6 },
            source: vec!["generated".into()],
            treatments: Vec::new(),
        })
        .collect();
    let outcome = |s: &str| OutcomeText { headline: text(s.into()), body: text(s.into()) };
    Protocol {
        schema: None,
        format: FORMAT_VERSION,
        id: format!("benchmark_{n_yes_no}x{n_options}"),
        version: "1".into(),
        locales: vec!["en".into()],
        treatment: Treatment {
            name: text("Benchmark".into()),
            session: text("A session.".into()),
            timeline: text("A timeline.".into()),
            maintenance: text("Maintenance.".into()),
            also_ask_about: None,
        },
        disclaimer: text("Not medical advice.".into()),
        outcomes: OutcomeTexts {
            candidate: outcome("Candidate."),
            postpone: outcome("Postpone."),
            consult: outcome("Consult."),
            not_candidate: outcome("Not a candidate."),
        },
        preparation: Vec::new(),
        aftercare: Vec::new(),
        questions,
        rules,
        plans,
        sources: BTreeMap::from([("generated".to_owned(), "Generated for benchmarks.".to_owned())]),
        parameters: BTreeMap::new(),
        glossary: Vec::new(),
        treatments: Vec::new(),
        profile: None,
    }
}

fn question(id: &str, kind: QuestionKind, prompt: &str) -> Question {
    Question {
        id: id.to_owned(),
        kind,
        prompt: Text::en(prompt),
        help: None,
        error: None,
        ask_if: None,
        screening: false,
        options: Vec::new(),
        unsure: false,
        yes_label: None,
        no_label: None,
        min: None,
        max: None,
        unit: None,
        safe_range: None,
        informational: false,
        screens_for: Vec::new(),
        screens: Vec::new(),
    }
}

fn rule(id: &str, when: Condition, effect: Effect) -> Rule {
    Rule {
        id: id.to_owned(),
        when,
        effect,
        reason: Text::en(format!("Rule {id}.")),
        come_back: (effect == Effect::Postpone).then(|| Text::en("Later.")),
        instead: None,
        red_flag: None,
        ends_quiz: false,
        source: vec!["generated".into()],
        treatments: Vec::new(),
    }
}
