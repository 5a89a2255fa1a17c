//! Parameters in texts: `{id}` stands for a period in words ("6 months"), `{id.value}` for its
//! number alone (for translations, which write their own unit). Validation finds every
//! placeholder and names the text of an unknown one; loading then substitutes them, so that the
//! engine, the report and the widget all read finished texts.
//!
//! Braces that do not enclose an id (`{ }`, `{Note}`) are left as they are.

use std::collections::BTreeMap;

use super::diagnostic::{Diagnostic, Kind};
use super::suggest::did_you_mean;
use super::texts::all_texts;
use super::{Parameter, Protocol};
use candidacy_core::protocol::for_each_text_mut;
pub use candidacy_core::protocol::placeholder::{placeholders, Placeholder};

/// `text`, written in `locale`, with every placeholder of a known parameter replaced.
pub fn substitute(text: &str, locale: &str, parameters: &BTreeMap<String, Parameter>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for placeholder in placeholders(text) {
        let Some(parameter) = parameters.get(placeholder.name) else { continue };
        out.push_str(&text[copied..placeholder.range.start]);
        match placeholder.value_only {
            true => out.push_str(&parameter.value.to_string()),
            false => out.push_str(&parameter.in_words_for(locale)),
        }
        copied = placeholder.range.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The pointers of the texts that cite each parameter, by parameter id (every parameter listed).
pub fn uses(protocol: &Protocol) -> BTreeMap<&str, Vec<String>> {
    let mut uses: BTreeMap<&str, Vec<String>> =
        protocol.parameters.keys().map(|id| (id.as_str(), Vec::new())).collect();
    for (pointer, text) in all_texts(protocol) {
        for string in text.0.values() {
            for placeholder in placeholders(string) {
                if let Some(places) = uses.get_mut(placeholder.name) {
                    if !places.contains(&pointer) {
                        places.push(pointer.clone());
                    }
                }
            }
        }
    }
    uses
}

/// Errors for unknown parameters in texts and empty periods; a warning for each parameter no
/// text cites.
pub(super) fn check(protocol: &Protocol) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let known: Vec<&str> = protocol.parameters.keys().map(String::as_str).collect();
    for (pointer, text) in all_texts(protocol) {
        for string in text.0.values() {
            for placeholder in placeholders(string) {
                if !protocol.parameters.contains_key(placeholder.name) {
                    let help = did_you_mean(placeholder.name, &known)
                        .unwrap_or_else(|| format!("declare `{}` in `parameters`", placeholder.name));
                    diagnostics.push(
                        Diagnostic::new(
                            Kind::UnknownParameter,
                            pointer.clone(),
                            format!("unknown parameter `{{{}}}`", placeholder.name),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
    for (id, parameter) in &protocol.parameters {
        if parameter.value == 0 {
            diagnostics.push(Diagnostic::new(
                Kind::InvalidPeriod,
                format!("/parameters/{id}/value"),
                "a period must be at least 1",
            ));
        }
    }
    for (id, places) in uses(protocol) {
        if places.is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    Kind::UnusedParameter,
                    format!("/parameters/{id}"),
                    format!("parameter `{id}` is not cited by any text"),
                )
                .with_help(format!("write `{{{id}}}` where the period is mentioned, or remove it")),
            );
        }
    }
    diagnostics
}

/// The protocol with every placeholder substituted in every text.
pub(super) fn substitute_all(mut protocol: Protocol) -> Protocol {
    if protocol.parameters.is_empty() {
        return protocol;
    }
    let parameters = protocol.parameters.clone();
    for_each_text_mut(&mut protocol, &mut |text| {
        for (locale, string) in text.0.iter_mut() {
            if string.contains('{') {
                *string = substitute(string, locale, &parameters);
            }
        }
    });
    protocol
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::PeriodUnit;

    #[test]
    fn every_text_is_substituted_that_validation_reads() {
        // The chooser has texts of its own per treatment.
        let chooser = include_str!("../../../../static/protocols/resurfacing.json");
        for file in [crate::DEFAULT_PROTOCOL, chooser] {
            every_text_of_is_substituted(file);
        }
    }

    fn every_text_of_is_substituted(file: &str) {
        let mut protocol = crate::protocol::load("test", file).unwrap().protocol.protocol;
        let listed = all_texts(&protocol).len();
        let mut visited = 0;
        for_each_text_mut(&mut protocol, &mut |text| {
            visited += 1;
            text.0.values_mut().for_each(|s| s.push_str(" {washout}"));
            text.0.insert("es".to_owned(), "espera {washout}".to_owned());
        });
        assert_eq!(visited, listed, "for_each_text_mut and all_texts list the same texts");
        let parameter =
            Parameter { value: 6, unit: PeriodUnit::Months, description: String::new(), source: Vec::new() };
        protocol.parameters = BTreeMap::from([("washout".to_owned(), parameter)]);
        let substituted = substitute_all(protocol);
        for (pointer, text) in all_texts(&substituted) {
            assert!(text.get("en").ends_with(" 6 months"), "{pointer}: {}", text.get("en"));
            assert_eq!(text.get("es"), "espera 6 meses", "{pointer}: each locale in its own words");
        }
    }

    #[test]
    fn placeholders_are_ids_in_braces() {
        let names: Vec<(&str, bool)> =
            placeholders("{a_1} {b.value} { c } {D} {e.x} {f").into_iter().map(|p| (p.name, p.value_only)).collect();
        assert_eq!(names, [("a_1", false), ("b", true)]);
    }

    #[test]
    fn substitution_writes_the_period_in_words_or_its_number() {
        let parameter = |value, unit| Parameter { value, unit, description: String::new(), source: Vec::new() };
        let parameters = BTreeMap::from([
            ("washout".to_owned(), parameter(6, PeriodUnit::Months)),
            ("scar".to_owned(), parameter(1, PeriodUnit::Years)),
        ]);
        assert_eq!(
            substitute("wait {washout} ({washout.value}); {scar} old; {unknown} {x", "en", &parameters),
            "wait 6 months (6); 1 year old; {unknown} {x"
        );
        assert_eq!(substitute("espera {washout}; {scar}", "es-MX", &parameters), "espera 6 meses; 1 año");
    }
}
