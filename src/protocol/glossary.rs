//! Medical terms and their plain explanations: which glossary entries a text mentions (so the
//! widget explains each the first time), and which known terms a protocol leaves unexplained.

use super::diagnostic::Diagnostic;
use super::texts::all_texts;
use super::{GlossaryEntry, Protocol, Question};

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

/// Whether `text` mentions `term` as a whole word or phrase (any case; a plural `s` allowed).
/// A parameter's name in braces (`{retinoid_pause}`) is not a mention: it is replaced at load.
pub fn mentions(text: &str, term: &str) -> bool {
    let mut words = text.to_owned();
    for placeholder in super::parameters::placeholders(text).into_iter().rev() {
        words.replace_range(placeholder.range, " ");
    }
    let (text, term) = (words.to_lowercase(), term.trim().to_lowercase());
    if term.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find(&term) {
        let start = from + found;
        let end = start + term.len();
        let before_ok = !text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        let rest = &text[end..];
        let rest = rest.strip_prefix("es").or_else(|| rest.strip_prefix('s')).unwrap_or(rest);
        let after_ok = !rest.chars().next().is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            return true;
        }
        from = start + term.len().max(1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// The glossary entries `text` (written in `locale`) mentions, in glossary order.
pub fn entries_in<'p>(glossary: &'p [GlossaryEntry], text: &str, locale: &str) -> Vec<&'p GlossaryEntry> {
    glossary
        .iter()
        .filter(|entry| entry.term.locales().next().is_some() && mentions(text, entry.term.get(locale)))
        .collect()
}

/// Every text of a question (prompt, help, labels, hints), in `locale`, joined.
pub fn question_text(question: &Question, locale: &str) -> String {
    let mut parts: Vec<&str> = vec![question.prompt.get(locale)];
    let optional = [&question.help, &question.yes_label, &question.no_label];
    parts.extend(optional.into_iter().flatten().map(|t| t.get(locale)));
    for option in &question.options {
        parts.push(option.label.get(locale));
        parts.extend(option.hint.iter().map(|t| t.get(locale)));
    }
    parts.join("\n")
}

/// The glossary entries `text` mentions that none of `seen` (texts the visitor read before) did:
/// each term is explained the first time it appears.
pub fn first_mentions<'p>(
    glossary: &'p [GlossaryEntry],
    seen: &[String],
    text: &str,
    locale: &str,
) -> Vec<&'p GlossaryEntry> {
    let already = |entry: &GlossaryEntry| seen.iter().any(|earlier| mentions(earlier, entry.term.get(locale)));
    entries_in(glossary, text, locale).into_iter().filter(|entry| !already(entry)).collect()
}

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
                    Diagnostic::warning(
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
                Diagnostic::warning(pointer.clone(), format!("the medical term `{term}` has no plain explanation"))
                    .with_help(format!("add {{\"term\": \"{term}\", \"explanation\": \"...\"}} to `glossary`")),
            );
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_whole_words_and_plurals_only() {
        assert!(mentions("Do you get keloids or raised scars?", "keloid"));
        assert!(mentions("Rough patches (Actinic keratoses).", "actinic keratoses"));
        assert!(!mentions("a non-ablatively treated area", "ablative"));
        assert!(!mentions("collagenous", "collagen"));
        assert!(mentions("Eczema, psoriasis", "psoriasis"));
        assert!(!mentions("anything", ""));
        assert!(!mentions("stop for {retinoid_pause} before", "retinoid"), "a parameter's name is no mention");
    }
}
