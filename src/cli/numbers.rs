//! Counts in the CLI's English output: the plural ending after a count, and digits grouped by
//! thousands. Both follow the Unicode CLDR's rules for English through ICU4X (`icu_plurals`,
//! `icu_decimal`), with the data compiled in; the words around them are the callers'.

use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The ending of an English noun after `n`: `""` for one (`1 error`), `"s"` otherwise
/// (`0 errors`, `2 errors`).
pub(super) fn plural(n: usize) -> &'static str {
    // INVARIANT: the compiled data has English, so making its rules cannot fail (the tests run it).
    let rules = PluralRules::try_new_cardinal(locale!("en").into()).expect("English plural rules are compiled in");
    match rules.category_for(n) {
        PluralCategory::One => "",
        _ => "s",
    }
}

/// `n` with its digits grouped by thousands, as English writes it: 59854438144000 ->
/// 59,854,438,144,000.
pub(super) fn thousands(n: u128) -> String {
    // INVARIANT: as in `plural`, English decimal symbols are compiled in.
    let formatter = DecimalFormatter::try_new(locale!("en").into(), Default::default())
        .expect("English decimal symbols are compiled in");
    formatter.format(&Decimal::from(n)).to_string()
}

#[cfg(test)]
mod tests {
    use super::{plural, thousands};

    #[test]
    fn only_one_is_singular() {
        assert_eq!(plural(0), "s");
        assert_eq!(plural(1), "");
        assert_eq!(plural(2), "s");
        assert_eq!(plural(1000), "s");
        assert_eq!(plural(usize::MAX), "s");
    }

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1), "1");
        assert_eq!(thousands(2), "2");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(59_854_438_144_000), "59,854,438,144,000");
        assert_eq!(thousands(u128::MAX), "340,282,366,920,938,463,463,374,607,431,768,211,455");
    }
}
