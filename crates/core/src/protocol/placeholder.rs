//! Parameter placeholders in texts: `{id}` and `{id.value}` (substituted by the authoring side
//! before a protocol is compiled; the glossary must not mistake one for a word).

/// One placeholder in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'t> {
    /// Where it sits in the text, braces included.
    pub range: std::ops::Range<usize>,
    /// The parameter id.
    pub name: &'t str,
    /// `{id.value}`: the number alone.
    pub value_only: bool,
}

/// Every placeholder in `text`, in order.
pub fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let inner_start = open + 1;
        let inner_len = text[inner_start..]
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'))
            .unwrap_or(text.len() - inner_start);
        let inner = &text[inner_start..inner_start + inner_len];
        let closes = text[inner_start + inner_len..].starts_with('}');
        let (name, value_only) = match inner.strip_suffix(".value") {
            Some(name) => (name, true),
            None => (inner, false),
        };
        let is_id = name.starts_with(|c: char| c.is_ascii_lowercase()) && !name.contains('.');
        if closes && is_id {
            found.push(Placeholder { range: open..inner_start + inner_len + 1, name, value_only });
        }
        from = inner_start;
    }
    found
}
