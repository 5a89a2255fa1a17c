//! The widget's own words (buttons, headings, errors) in every language it speaks, and the
//! plural and number rules that go with them. The protocol's texts are the clinic's; these are
//! ours. Pure data: the widget, the report and the lead form read them through [`messages`].

mod en;
mod es;

/// The languages the widget's own interface is written in.
pub const INTERFACE_LOCALES: [&str; 2] = ["en", "es"];

macro_rules! catalog {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// One language's interface text. Templates name their arguments in braces, like
        /// `{clinic}`; [`fill`] puts them in.
        #[derive(Debug)]
        pub struct Messages {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl Messages {
            /// Every message by name, for the tests that compare languages.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

catalog! {
    /// The language's own name, for the language switcher: "English", "Español".
    language_name,
    /// The switcher's label.
    language,
    /// `{treatment}` is the treatment's name in lower case; `{Treatment}` as written.
    welcome_heading,
    welcome_lead,
    start,
    privacy_statement,
    /// Before and after the clinic's phone link.
    call_instead_before,
    call_instead_after,
    /// The clinic, when the page does not name it.
    the_clinic,
    loading,
    test_mode_badge,
    back,
    continue_button,
    there_is_a_problem,
    error_prefix,
    /// Announced with the error: `{message}`.
    problem_announcement,
    progress,
    glossary_title,
    yes,
    no,
    unsure,
    select_an_answer,
    select_at_least_one,
    enter_whole_number,
    check_heading,
    change,
    change_hidden,
    see_result,
    why,
    come_back,
    instead,
    you_answered,
    plan_usual,
    plan_yours,
    /// `{sessions}` and `{weeks}` are [`Messages::sessions`] and [`Messages::weeks`].
    plan_summary,
    session_one,
    session_other,
    session_range,
    week_one,
    week_other,
    week_range,
    set_by,
    session_heading,
    red_flags,
    good_to_know,
    how_to_prepare,
    aftercare,
    next_steps,
    call_us,
    print,
    compared_title,
    recommended,
    copy_summary,
    copied,
    copy_failed,
    download_answers,
    download_answers_hint,
    not_a_diagnosis,
    logic_version,
    change_answers,
    start_over,
    clear_answers,
    answers_cleared,
    book_consultation,
    book_to_talk,
    contact_label,
    questions_contact,
    book_online,
    fallback_heading,
    fallback_body,
    summary_title,
    summary_answers,
    summary_outcome,
    lead_heading,
    lead_intro,
    lead_sent,
    lead_sent_test,
    lead_not_sent,
    lead_not_sent_body,
    lead_or_call_before,
    lead_name,
    lead_contact_hint,
    lead_email,
    lead_phone,
    lead_consent,
    lead_send,
    lead_sending,
    lead_enter_name,
    lead_enter_contact,
    lead_email_format,
    lead_phone_format,
    lead_tick_consent,
    lead_unreachable,
    lead_server_error,
    lead_timeout,
}

/// The interface text for `locale` (`es-MX` is served by `es`); English for languages the
/// interface is not written in.
pub fn messages(locale: &str) -> &'static Messages {
    match language(locale).as_str() {
        "es" => &es::ES,
        _ => &en::EN,
    }
}

/// Whether the interface is written in `locale`'s language.
pub fn speaks(locale: &str) -> bool {
    INTERFACE_LOCALES.contains(&language(locale).as_str())
}

/// A language's name in itself, for the language switcher: "Español", "עברית".
pub fn language_name(locale: &str) -> String {
    if speaks(locale) {
        return messages(locale).language_name.to_owned();
    }
    let name = match language(locale).as_str() {
        "ar" => "العربية",
        "he" => "עברית",
        "fa" => "فارسی",
        "ur" => "اردو",
        "fr" => "Français",
        "de" => "Deutsch",
        "it" => "Italiano",
        "pt" => "Português",
        "zh" => "中文",
        _ => return locale.to_owned(),
    };
    name.to_owned()
}

fn language(locale: &str) -> String {
    locale.split(['-', '_']).next().unwrap_or(locale).to_ascii_lowercase()
}

/// `template` with each `{name}` replaced by its value; unknown names are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The CLDR plural categories English and Spanish use for whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

/// The plural category of the whole number `n` in `locale`.
pub fn plural(locale: &str, n: i64) -> Plural {
    match language(locale).as_str() {
        // French, Portuguese (Brazil) and others count 0 as singular too.
        "fr" | "pt" => match n {
            0 | 1 => Plural::One,
            _ => Plural::Other,
        },
        _ => match n {
            1 => Plural::One,
            _ => Plural::Other,
        },
    }
}

/// A whole number as written in `locale`: `12,500` in English, `12.500` in Spanish (which
/// groups only from five digits: `1500`), like `Intl.NumberFormat`.
pub fn number(locale: &str, n: i64) -> String {
    let (separator, min_digits) = match language(locale).as_str() {
        "es" => ('.', 5),
        _ => (',', 4),
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && digits.len() >= min_digits && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

impl Messages {
    /// `{n}` in `template` is the number as written in this language.
    fn counted(&self, one: &'static str, other: &'static str, range: &'static str, min: u32, max: u32) -> String {
        let locale = self.locale();
        let written = |n: u32| number(locale, i64::from(n));
        if min != max {
            return fill(range, &[("min", &written(min)), ("max", &written(max))]);
        }
        let template = match plural(locale, i64::from(min)) {
            Plural::One => one,
            Plural::Other => other,
        };
        fill(template, &[("n", &written(min))])
    }

    /// "4 sessions", "1 session", "3 to 4 sessions".
    pub fn sessions(&self, min: u32, max: u32) -> String {
        self.counted(self.session_one, self.session_other, self.session_range, min, max)
    }

    /// "4 to 6 weeks", "1 week".
    pub fn weeks(&self, min: u32, max: u32) -> String {
        self.counted(self.week_one, self.week_other, self.week_range, min, max)
    }

    /// The locale these messages are written in.
    pub fn locale(&self) -> &'static str {
        if std::ptr::eq(self, &es::ES) {
            "es"
        } else {
            "en"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(template: &str) -> Vec<String> {
        let names: Vec<&str> =
            template.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect();
        // `{Treatment}` and `{treatment}` are one argument, written two ways.
        let mut names: Vec<String> = names.iter().map(|name| name.to_lowercase()).collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_language_fills_the_same_arguments() {
        for locale in INTERFACE_LOCALES {
            for ((name, english), (_, translated)) in en::EN.entries().into_iter().zip(messages(locale).entries()) {
                assert!(!translated.trim().is_empty(), "{locale}: `{name}` is empty");
                assert_eq!(arguments(english), arguments(translated), "{locale}: `{name}` fills other arguments");
            }
        }
    }

    #[test]
    fn spanish_is_not_english() {
        let same: Vec<&str> = (en::EN.entries().into_iter().zip(es::ES.entries()))
            .filter(|((_, english), (_, spanish))| english == spanish)
            .map(|((name, _), _)| name)
            .collect();
        // Words that are the same in both languages.
        assert_eq!(same, ["call_instead_after", "error_prefix", "no"]);
    }

    #[test]
    fn a_regional_or_unknown_locale_falls_back_to_its_language_then_english() {
        assert_eq!(messages("es-MX").start, es::ES.start);
        assert_eq!(messages("ES").start, es::ES.start);
        assert_eq!(messages("fr").start, en::EN.start);
        assert!(speaks("es-419") && speaks("en-GB") && !speaks("he"));
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(messages("en").sessions(1, 1), "1 session");
        assert_eq!(messages("en").sessions(4, 4), "4 sessions");
        assert_eq!(messages("en").sessions(3, 4), "3 to 4 sessions");
        assert_eq!(messages("es").sessions(1, 1), "1 sesión");
        assert_eq!(messages("es").sessions(0, 0), "0 sesiones");
        assert_eq!(messages("es").weeks(4, 6), "4 a 6 semanas");
        assert_eq!(messages("es").weeks(1, 1), "1 semana");
        assert_eq!(plural("fr", 0), Plural::One);
    }

    #[test]
    fn numbers_are_grouped_like_intl_number_format() {
        assert_eq!(number("en", 1500), "1,500");
        assert_eq!(number("en", -1234567), "-1,234,567");
        assert_eq!(number("en", 999), "999");
        assert_eq!(number("es", 1500), "1500");
        assert_eq!(number("es", 12500), "12.500");
        assert_eq!(number("es", 1234567), "1.234.567");
    }

    #[test]
    fn fill_puts_in_named_arguments_only() {
        assert_eq!(fill("Call {clinic} on {phone}", &[("clinic", "Glow")]), "Call Glow on {phone}");
    }
}
