//! Glossary checks: the known medical terms a protocol leaves unexplained, and translations that
//! drop a glossary term.

use super::diagnostic::{Diagnostic, Kind};
use super::glossary::mentions;
use super::texts::all_texts;
use super::Protocol;

/// Terms a layperson may not know; a protocol that uses one should explain it in its glossary.
pub const KNOWN_TERMS: &[&str] = &[
    "ablative",
    "actinic keratoses",
    "actinic keratosis",
    "anticoagulant",
    "autoimmune",
    "botulinum toxin",
    "chemotherapy",
    "collagen",
    "connective-tissue disease",
    "contact dermatitis",
    "dermal filler",
    "eczema",
    "fitzpatrick",
    "haemophilia",
    "hemophilia",
    "herpes simplex",
    "hyperpigmentation",
    "hypertrophic",
    "immunosuppressive",
    "isotretinoin",
    "keloid",
    "lidocaine",
    "lupus",
    "platelet",
    "psoriasis",
    "radiotherapy",
    "retinoid",
    "rosacea",
    "scleroderma",
    "von willebrand",
];

/// A warning for each text whose English mentions a glossary term while its translation does
/// not mention the translated term: visitors reading that language would miss the explanation.
pub fn untranslated_mentions(protocol: &Protocol) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let texts = all_texts(protocol);
    for locale in protocol.locales.iter().filter(|locale| *locale != "en") {
        for entry in protocol.glossary.iter().filter(|entry| entry.term.has(locale)) {
            let (english, translated) = (entry.term.get("en"), entry.term.get(locale));
            let missed = texts.iter().find(|(pointer, text)| {
                !pointer.starts_with("/glossary")
                    && text.has(locale)
                    && mentions(text.get("en"), english)
                    && !mentions(text.get(locale), translated)
            });
            if let Some((pointer, _)) = missed {
                warnings.push(
                    Diagnostic::new(
                        Kind::UntranslatedGlossaryTerm,
                        format!("{pointer}/{locale}"),
                        format!("the `{locale}` text does not use the glossary term `{translated}` (`{english}`)"),
                    )
                    .with_help(format!("write `{translated}` here, or change the glossary's `{locale}` term")),
                );
            }
        }
    }
    warnings
}

/// A warning for each known term the protocol uses without a glossary entry, at its first use.
pub fn unexplained_terms(protocol: &Protocol) -> Vec<Diagnostic> {
    let explained = |term: &str| protocol.glossary.iter().any(|entry| mentions(term, entry.term.get("en")));
    let mut warnings = Vec::new();
    let texts = all_texts(protocol);
    for term in KNOWN_TERMS.iter().filter(|term| !explained(term)) {
        let first_use =
            texts.iter().find(|(pointer, text)| !pointer.starts_with("/glossary") && mentions(text.get("en"), term));
        if let Some((pointer, _)) = first_use {
            warnings.push(
                Diagnostic::new(
                    Kind::UnexplainedTerm,
                    pointer.clone(),
                    format!("the medical term `{term}` has no plain explanation"),
                )
                .with_help(format!("add {{\"term\": \"{term}\", \"explanation\": \"...\"}} to `glossary`")),
            );
        }
    }
    warnings
}
