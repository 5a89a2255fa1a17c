//! Every visitor-facing text of a protocol, by JSON pointer: what validation, parameters, the
//! glossary and the translation summary all read, so none of them can miss a text.

use super::{OutcomeTexts, Protocol, Text, Treatment};

/// The declared locales `text` lacks (English is an error of its own, not a missing translation).
pub(super) fn missing_locales<'p>(protocol: &'p Protocol, text: &Text) -> impl Iterator<Item = &'p str> + use<'p> {
    let missing: Vec<&str> =
        protocol.locales.iter().filter(|locale| *locale != "en" && !text.has(locale)).map(String::as_str).collect();
    missing.into_iter()
}

/// For each declared locale but English, the pointers of the texts that lack it, and how many
/// texts there are: what `candidacy check` sums up per language.
pub fn missing_texts(protocol: &Protocol) -> (Vec<(String, Vec<String>)>, usize) {
    let texts = all_texts(protocol);
    let mut by_locale: Vec<(String, Vec<String>)> =
        protocol.locales.iter().filter(|l| *l != "en").map(|l| (l.clone(), Vec::new())).collect();
    for (pointer, text) in &texts {
        for locale in missing_locales(protocol, text) {
            if let Some((_, pointers)) = by_locale.iter_mut().find(|(l, _)| l == locale) {
                pointers.push(pointer.clone());
            }
        }
    }
    (by_locale, texts.len())
}

/// Every visitor-facing text of a protocol, with its JSON pointer.
fn treatment_texts<'p>(texts: &mut Vec<(String, &'p Text)>, at: &str, treatment: &'p Treatment) {
    texts.extend([
        (format!("{at}/treatment/name"), &treatment.name),
        (format!("{at}/treatment/session"), &treatment.session),
        (format!("{at}/treatment/timeline"), &treatment.timeline),
        (format!("{at}/treatment/maintenance"), &treatment.maintenance),
    ]);
    texts.extend(treatment.also_ask_about.iter().map(|t| (format!("{at}/treatment/also_ask_about"), t)));
}

fn outcome_texts<'p>(texts: &mut Vec<(String, &'p Text)>, at: &str, outcomes: &'p OutcomeTexts) {
    for (name, outcome) in [
        ("candidate", &outcomes.candidate),
        ("postpone", &outcomes.postpone),
        ("consult", &outcomes.consult),
        ("not_candidate", &outcomes.not_candidate),
    ] {
        texts.push((format!("{at}/outcomes/{name}/headline"), &outcome.headline));
        texts.push((format!("{at}/outcomes/{name}/body"), &outcome.body));
    }
}

/// Every visitor-facing text of `protocol`, by JSON pointer, in file order: what validation, the
/// glossary and parameters read, and what the readability and Spanish glossary tests hold to account.
pub fn all_texts(protocol: &Protocol) -> Vec<(String, &Text)> {
    let mut texts: Vec<(String, &Text)> = Vec::new();
    treatment_texts(&mut texts, "", &protocol.treatment);
    texts.push(("/disclaimer".into(), &protocol.disclaimer));
    outcome_texts(&mut texts, "", &protocol.outcomes);
    texts.extend(protocol.preparation.iter().enumerate().map(|(i, t)| (format!("/preparation/{i}"), t)));
    texts.extend(protocol.aftercare.iter().enumerate().map(|(i, t)| (format!("/aftercare/{i}"), t)));
    for (i, option) in protocol.treatments.iter().enumerate() {
        let at = format!("/treatments/{i}");
        treatment_texts(&mut texts, &at, &option.treatment);
        if let Some(outcomes) = &option.outcomes {
            outcome_texts(&mut texts, &at, outcomes);
        }
        texts.extend(option.preparation.iter().enumerate().map(|(j, t)| (format!("{at}/preparation/{j}"), t)));
        texts.extend(option.aftercare.iter().enumerate().map(|(j, t)| (format!("{at}/aftercare/{j}"), t)));
    }
    for (i, question) in protocol.questions.iter().enumerate() {
        let at = format!("/questions/{i}");
        texts.push((format!("{at}/prompt"), &question.prompt));
        let optional = [
            ("help", &question.help),
            ("error", &question.error),
            ("yes_label", &question.yes_label),
            ("no_label", &question.no_label),
            ("unit", &question.unit),
        ];
        texts.extend(optional.into_iter().filter_map(|(field, t)| Some((format!("{at}/{field}"), t.as_ref()?))));
        for (o, option) in question.options.iter().enumerate() {
            texts.push((format!("{at}/options/{o}/label"), &option.label));
            texts.extend(option.hint.iter().map(|t| (format!("{at}/options/{o}/hint"), t)));
        }
    }
    for (i, rule) in protocol.rules.iter().enumerate() {
        texts.push((format!("/rules/{i}/reason"), &rule.reason));
        texts.extend(rule.come_back.iter().map(|t| (format!("/rules/{i}/come_back"), t)));
        texts.extend(rule.instead.iter().map(|t| (format!("/rules/{i}/instead"), t)));
        texts.extend(rule.red_flag.iter().map(|t| (format!("/rules/{i}/red_flag"), t)));
    }
    texts.extend(protocol.plans.iter().enumerate().map(|(i, plan)| (format!("/plans/{i}/label"), &plan.label)));
    for (i, entry) in protocol.glossary.iter().enumerate() {
        texts.push((format!("/glossary/{i}/term"), &entry.term));
        texts.push((format!("/glossary/{i}/explanation"), &entry.explanation));
    }
    texts
}
