//! Medical terms and their plain explanations: which glossary entries a text mentions, so the
//! widget explains each the first time it is used.

use super::{GlossaryEntry, Question};

/// Whether `text` mentions `term` as a whole word or phrase (any case; a plural `s` allowed).
/// A parameter's name in braces (`{retinoid_pause}`) is not a mention: it is replaced at load.
pub fn mentions(text: &str, term: &str) -> bool {
    let mut words = text.to_owned();
    for placeholder in super::placeholder::placeholders(text).into_iter().rev() {
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
