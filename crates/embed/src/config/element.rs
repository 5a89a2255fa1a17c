//! The `<candidacy-quiz>` element's attributes, once: each with the property that reflects it, how
//! it is read, its choices, and who reads it. The widget's list ([`super::ATTRIBUTES`]), the
//! loader's own ([`LOADER_ATTRIBUTES`]), what an iframe's URL may set
//! ([`super::embed::PRESENTATION`]) and the loader's `PROPERTIES` table in
//! `static/candidacy.js` (generated, checked by `tests/loader_generated.rs`) all come from [`TABLE`].

/// How an attribute is read, and what its property takes and gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A text (one of [`Attribute::choices`] when it has them); the property is a string or `null`.
    String,
    /// On when the attribute is present (alone, or `true`); the property is a boolean.
    Switch,
    /// A whole number; the property is a number or `null`.
    Number,
    /// A JSON object; the property is a plain object, written back as JSON.
    Object,
}

impl Kind {
    /// The loader's name for it (`PROPERTIES` in `static/candidacy.js`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Switch => "switch",
            Kind::Number => "number",
            Kind::Object => "object",
        }
    }
}

/// Who reads an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The widget ([`super::Config::from_attributes`]): what the quiz does.
    Widget,
    /// The loader only (`static/candidacy.js`): how it presents the widget.
    Loader,
}

/// One attribute of `<candidacy-quiz>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute, in kebab-case.
    pub name: &'static str,
    /// The element's property that reflects it, in lowerCamelCase.
    pub property: &'static str,
    pub kind: Kind,
    /// The values a [`Kind::String`] may take, the first the default; empty when any text goes.
    pub choices: &'static [&'static str],
    pub reader: Reader,
    /// An iframe's URL may set it: it chooses presentation only (`super::embed`).
    pub presentation: bool,
}

const fn attribute(name: &'static str, property: &'static str, kind: Kind, reader: Reader) -> Attribute {
    Attribute { name, property, kind, choices: &[], reader, presentation: false }
}

const fn widget(name: &'static str, property: &'static str, kind: Kind) -> Attribute {
    attribute(name, property, kind, Reader::Widget)
}

const fn loader(name: &'static str, property: &'static str, kind: Kind) -> Attribute {
    attribute(name, property, kind, Reader::Loader)
}

impl Attribute {
    const fn with_choices(self, choices: &'static [&'static str]) -> Attribute {
        Attribute { choices, ..self }
    }

    const fn presentational(self) -> Attribute {
        Attribute { presentation: true, ..self }
    }
}

/// Every attribute of the element, in the README's order (the widget's, with the loader's after
/// `analytics-outcome`). `id`, the element's own HTML attribute, is not here: the loader reads it
/// (saved progress is kept under it) but it is no property of ours.
pub const TABLE: [Attribute; 23] = {
    use Kind::*;
    [
        widget("protocol", "protocol", String),
        widget("booking-url", "bookingUrl", String),
        widget("phone", "phone", String),
        widget("clinic-name", "clinicName", String),
        widget("locale", "locale", String).presentational(),
        widget("primary", "primary", String).presentational(),
        widget("accent", "accent", String).presentational(),
        widget("radius", "radius", String).presentational(),
        widget("start", "start", String).with_choices(&["welcome", "first-question"]).presentational(),
        widget("prefill", "prefill", Object),
        widget("share-answers", "shareAnswers", Switch),
        widget("analytics", "analytics", Switch),
        widget("lead-endpoint", "leadEndpoint", String),
        widget("cta", "cta", Object),
        widget("cta-attribution", "ctaAttribution", Switch),
        widget("analytics-outcome", "analyticsOutcome", Switch),
        loader("mode", "mode", String).with_choices(&["inline", "popup"]).presentational(),
        loader("launcher-text", "launcherText", String).presentational(),
        loader("loading", "loading", String).with_choices(&["eager", "lazy"]).presentational(),
        widget("test-mode", "testMode", Switch),
        widget("forget-on-complete", "forgetOnComplete", Switch),
        widget("hidden-fields", "hiddenFields", Object),
        widget("forget-after", "forgetAfter", Number),
    ]
};

/// Which attributes of [`TABLE`] a list holds.
#[derive(Clone, Copy)]
pub(super) enum Select {
    Widget,
    Loader,
    Presentation,
}

/// The names of the attributes `select` picks, in [`TABLE`]'s order; `N` must be their number (a
/// compile error otherwise).
pub(super) const fn names<const N: usize>(select: Select) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < TABLE.len() {
        let attribute = TABLE[i];
        let picked = match select {
            Select::Widget => matches!(attribute.reader, Reader::Widget),
            Select::Loader => matches!(attribute.reader, Reader::Loader),
            Select::Presentation => attribute.presentation,
        };
        if picked {
            assert!(n < N, "more attributes than the list's length");
            out[n] = attribute.name;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "fewer attributes than the list's length");
    out
}

/// Attributes only the loader reads (how it presents the widget, not what the widget does).
pub const LOADER_ATTRIBUTES: [&str; 3] = names(Select::Loader);

/// The attribute `name`, if the element has it.
pub fn attribute_named(name: &str) -> Option<&'static Attribute> {
    TABLE.iter().find(|attribute| attribute.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, ATTRIBUTES};

    fn warnings(name: &str, value: &str) -> usize {
        Config::from_attributes(|asked| (asked == name).then(|| value.to_owned())).1.len()
    }

    #[test]
    fn names_are_unique_and_properties_are_their_camel_case() {
        for (i, attribute) in TABLE.iter().enumerate() {
            assert!(TABLE[..i].iter().all(|other| other.name != attribute.name), "{} twice", attribute.name);
            let mut camel = String::new();
            for (j, word) in attribute.name.split('-').enumerate() {
                let mut letters = word.chars();
                if j > 0 {
                    camel.extend(letters.next().map(|c| c.to_ascii_uppercase()));
                }
                camel.extend(letters);
            }
            assert_eq!(attribute.property, camel, "{}", attribute.name);
            assert!(attribute.choices.is_empty() || attribute.kind == Kind::String, "{}", attribute.name);
        }
    }

    #[test]
    fn the_widget_reads_exactly_its_attributes_as_the_table_says() {
        let read = std::cell::RefCell::new(Vec::new());
        Config::from_attributes(|name| {
            read.borrow_mut().push(name.to_owned());
            None
        });
        let mut read = read.into_inner();
        read.sort();
        read.dedup();
        let mut widget: Vec<&str> = ATTRIBUTES.to_vec();
        widget.sort_unstable();
        assert_eq!(read, widget, "Config::from_attributes reads other attributes than the table's widget ones");

        for attribute in TABLE.iter().filter(|attribute| attribute.reader == Reader::Widget) {
            let name = attribute.name;
            match attribute.kind {
                Kind::Switch => {
                    assert_eq!((warnings(name, ""), warnings(name, "true")), (0, 0), "{name} is a switch");
                    assert_eq!(warnings(name, "sometimes"), 1, "{name} is a switch");
                }
                Kind::Number => assert_eq!((warnings(name, "30"), warnings(name, "thirty")), (0, 1), "{name}"),
                Kind::Object => assert_eq!((warnings(name, "{}"), warnings(name, "[]")), (0, 1), "{name}"),
                Kind::String => {
                    assert_eq!(warnings(name, ""), 1, "{name} is no switch: empty is refused");
                    for choice in attribute.choices {
                        assert_eq!(warnings(name, choice), 0, "{name} takes `{choice}`");
                    }
                    if !attribute.choices.is_empty() {
                        assert_eq!(warnings(name, "other"), 1, "{name} takes only {:?}", attribute.choices);
                    }
                }
            }
        }
    }

    #[test]
    fn the_lists_come_from_the_table() {
        let of = |reader| TABLE.iter().filter(move |a| a.reader == reader).map(|a| a.name);
        assert!(of(Reader::Widget).eq(ATTRIBUTES));
        assert!(of(Reader::Loader).eq(LOADER_ATTRIBUTES));
        assert_eq!(LOADER_ATTRIBUTES, ["mode", "launcher-text", "loading"]);
        assert_eq!(attribute_named("start").map(|a| a.choices), Some(&["welcome", "first-question"][..]));
        assert_eq!(attribute_named("id"), None);
    }
}
