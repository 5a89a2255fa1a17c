//! The "did you mean" help of an unknown id, name or source: the closest known one, if it is close
//! enough to be a typo. `strsim` measures the distance; which names are known, and whether to
//! offer the help at all, is the caller's.

/// `did you mean `x`?` for the known name closest to `unknown`, when at most
/// `max(2, characters / 4)` edits away; ties go to the name that sorts first.
///
/// An edit inserts, deletes or replaces one character, or swaps two adjacent ones (`strsim`'s
/// optimal string alignment distance): `bleding` and `bledeing` are both one edit from `bleeding`.
/// Its memory grows with the known name only, so a huge unknown id costs time, not memory.
pub(crate) fn did_you_mean(unknown: &str, known: &[&str]) -> Option<String> {
    let (distance, best) = known.iter().map(|name| (strsim::osa_distance(unknown, name), *name)).min()?;
    let close_enough = distance <= 2.max(unknown.chars().count() / 4);
    close_enough.then(|| format!("did you mean `{best}`?"))
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    const QUESTIONS: &[&str] = &["bleeding_disorder", "blood_thinners", "pregnancy", "age"];

    #[test]
    fn a_typo_gets_the_closest_name() {
        assert_eq!(did_you_mean("bleding_disorder", QUESTIONS).as_deref(), Some("did you mean `bleeding_disorder`?"));
        assert_eq!(did_you_mean("pregnacy", QUESTIONS).as_deref(), Some("did you mean `pregnancy`?"));
        // Short names still allow two edits.
        assert_eq!(did_you_mean("ag", QUESTIONS).as_deref(), Some("did you mean `age`?"));
    }

    #[test]
    fn a_transposition_is_one_edit() {
        assert_eq!(did_you_mean("bleeding_disroder", QUESTIONS).as_deref(), Some("did you mean `bleeding_disorder`?"));
        assert_eq!(did_you_mean("bloodt_hinners", QUESTIONS).as_deref(), Some("did you mean `blood_thinners`?"));
        // Two swaps in four characters: two edits, where Levenshtein counts three and offers nothing.
        assert_eq!(strsim::levenshtein("baed", "abde"), 3);
        assert_eq!(did_you_mean("baed", &["abde"]).as_deref(), Some("did you mean `abde`?"));
    }

    #[test]
    fn nothing_close_gets_no_help() {
        assert_eq!(did_you_mean("skin_type", QUESTIONS), None);
        assert_eq!(did_you_mean("", QUESTIONS), None);
        assert_eq!(did_you_mean(&"x".repeat(10_000), QUESTIONS), None);
    }

    #[test]
    fn no_known_names_gets_no_help() {
        assert_eq!(did_you_mean("age", &[]), None);
    }

    #[test]
    fn ties_go_to_the_name_that_sorts_first() {
        assert_eq!(did_you_mean("cat", &["cut", "bat", "cot"]).as_deref(), Some("did you mean `bat`?"));
    }

    #[test]
    fn distances_count_characters_not_bytes() {
        assert_eq!(did_you_mean("éé", &["xx", "ée"]).as_deref(), Some("did you mean `ée`?"));
        assert_eq!(did_you_mean("ñandú", &["nandu"]).as_deref(), Some("did you mean `nandu`?"));
    }
}
