//! Chooser protocols: several treatments screened with one set of questions. Each treatment is
//! seen through its *projection*: the same questions, the rules and plans that apply to it, its
//! own texts. A projection is an ordinary protocol, so the engine, the report and the verifier
//! handle each treatment exactly as they handle a single-treatment protocol.
//!
//! Rules that end the quiz apply to every treatment (validation insists), so every projection
//! asks the same questions on the same path as the chooser itself.

use super::{Protocol, Rule};

/// The single-treatment protocol that the chooser's treatment `index` amounts to.
pub fn project(chooser: &Protocol, index: usize) -> Protocol {
    let option = &chooser.treatments[index];
    let applies = |treatments: &[String]| treatments.is_empty() || treatments.contains(&option.id);
    let mut protocol = chooser.clone();
    protocol.id = format!("{}_{}", chooser.id, option.id);
    protocol.treatment = option.treatment.clone();
    protocol.treatments = Vec::new();
    protocol.profile = Some(option.profile.clone().unwrap_or_else(|| option.id.clone()));
    if let Some(outcomes) = &option.outcomes {
        protocol.outcomes = outcomes.clone();
    }
    if !option.preparation.is_empty() {
        protocol.preparation = option.preparation.clone();
    }
    if !option.aftercare.is_empty() {
        protocol.aftercare = option.aftercare.clone();
    }
    protocol.rules = (chooser.rules.iter())
        .filter(|rule| applies(&rule.treatments))
        .map(|rule| Rule { treatments: Vec::new(), ..rule.clone() })
        .collect();
    protocol.plans.retain(|plan| applies(&plan.treatments));
    protocol.plans.iter_mut().for_each(|plan| plan.treatments.clear());
    for question in &mut protocol.questions {
        question.screening &= applies(&question.screens_for);
        if !question.screening {
            question.screens.clear();
            question.options.iter_mut().for_each(|option| option.screens.clear());
        }
        question.screens_for.clear();
    }
    protocol
}
