//! Every English text a visitor reads in the shipped protocols (`static/protocols/*.json`) reads
//! at about grade 8 or below, by the Flesch–Kincaid grade level.
//!
//! The rule, per text (a text is what one field shows, as the protocol loads it: periods such as
//! `{sun_recovery}` already in words):
//!
//! - a rule's `reason`, `come_back`, `instead` and `red_flag` (every "I'm not sure" reason
//!   included): grade 8.0 or below. These are what a visitor is told about themselves, often
//!   worried, so they are held to the lower bound;
//! - every other text (treatment texts, disclaimer, outcome headlines and bodies, preparation,
//!   aftercare, question prompts, help, errors, yes/no labels, option labels and hints, plan labels,
//!   glossary explanations): grade 9.0 or below;
//! - a text of fewer than 8 words is exempt: the formula means little on a label like "Yes, in the
//!   last 2 weeks". Glossary terms and units are single words and are not read.
//!
//! The grade is `0.39 × words per sentence + 11.8 × syllables per word − 15.59`, over the whole
//! text. The counting is ours and small, so that the test needs no dictionary and no crate:
//!
//! - a sentence ends at `.`, `!` or `?` followed by a space or the end of the text (so "1.5" is one
//!   word); a text with none is one sentence. Colons and semicolons do not end a sentence;
//! - words are split at spaces, en and em dashes and slashes; a hyphenated word is one word whose
//!   syllables are its parts' (`medium-depth`: 3 + 1); a token with no letter or digit is not a word;
//! - syllables (`syllables`): the groups of vowels (`a e i o u`, and `y` after the first letter),
//!   after dropping a silent final `e` (but not `-le` after a consonant: "ta-ble"), a silent `-es`
//!   (not after `s x z c g ch sh`: "pla-ces") and a silent `-ed` (not after `t d`: "star-ted"); plus
//!   one for each vowel pair that is usually two syllables (`ia` but not in `-cia -tia -sia`, `io`
//!   but not in `-tion -sion -cious -gion`, `iu`, and `ua`/`uo` not after `q` or `g`: "ra-di-a-tion",
//!   "u-su-al", but "cli-ni-cian"); at least
//!   one. Words of 3 letters or fewer are one syllable. An acronym in capitals ("SPF", "PRP") is a
//!   syllable per letter; a number is one word of two syllables (most numbers read as "twenty",
//!   "seven", "forty-five").
//!
//! It undercounts a few words ("isotretinoin" gets 5 of its 6 syllables) and that is accepted: the
//! grades are comparable between texts and protocols, which is what the test is for.
//!
//! On failure each protocol's test names every text over its limit, worst first, by JSON pointer
//! with its grade and words; `cargo test --test readability -- --nocapture` also prints each
//! protocol's five hardest texts when they all pass.

mod common;

use candidacy::protocol::{self, Protocol};

/// The limit for what a rule tells the visitor about themselves.
const RULE_TEXT_LIMIT: f64 = 8.0;
/// The limit for every other text.
const OTHER_TEXT_LIMIT: f64 = 9.0;
/// Texts of fewer words than this are exempt.
const MIN_WORDS: usize = 8;

// ---------------------------------------------------------------------------------------------
// The shipped protocols

#[test]
fn microneedling_reads_at_grade_8_or_below() {
    assert_readable("microneedling.json");
}

#[test]
fn chemical_peel_reads_at_grade_8_or_below() {
    assert_readable("chemical-peel.json");
}

#[test]
fn resurfacing_reads_at_grade_8_or_below() {
    assert_readable("resurfacing.json");
}

#[test]
fn every_shipped_protocol_is_read_by_this_test() {
    assert_eq!(common::shipped_protocols(), PROTOCOLS, "a protocol was added or renamed: give it a test above");
}

const PROTOCOLS: [&str; 3] = ["chemical-peel.json", "microneedling.json", "resurfacing.json"];

// ---------------------------------------------------------------------------------------------
// The counting itself

#[test]
fn syllables_match_the_dictionary_for_common_words() {
    let words = [
        ("a", 1),
        ("the", 1),
        ("skin", 1),
        ("time", 1),
        ("care", 1),
        ("sure", 1),
        ("types", 1),
        ("used", 1),
        ("you're", 1),
        ("don't", 1),
        ("table", 2),
        ("places", 2),
        ("changes", 2),
        ("started", 2),
        ("peeling", 2),
        ("sunburn", 2),
        ("yellow", 2),
        ("needling", 2),
        ("clinic", 2),
        ("pregnant", 2),
        ("usual", 3),
        ("period", 3),
        ("medium", 3),
        ("clinician", 3),
        ("condition", 3),
        ("radiation", 4),
        ("infection", 3),
        ("treatment", 2),
        ("microneedling", 4),
        ("consultation", 4),
    ];
    let wrong: Vec<String> = (words.iter())
        .filter(|(word, expected)| syllables(word) != *expected)
        .map(|(word, expected)| format!("{word}: {} (dictionary {expected})", syllables(word)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(word_syllables("medium-depth"), 4);
    assert_eq!(word_syllables("SPF"), 3);
    assert_eq!(word_syllables("45"), 2);
}

#[test]
fn the_grade_of_known_texts() {
    // Short words in short sentences read at an early grade; long words in a long sentence don't.
    let easy = grade("The cat sat on the mat. The dog ran to the park.");
    assert!(easy < 1.0, "{easy}");
    let hard = grade(
        "You weren't sure whether you've had surgery, an ablative laser, a deep peel or filler in the area in the \
         last 3 months, so a clinician will ask you about it in person.",
    );
    assert!(hard > 10.0, "{hard}");
    let plain = grade("You weren't sure about this. A clinician will ask you about it in person.");
    assert!(plain < 5.0, "{plain}");
    // "1.5 hours" does not end a sentence.
    assert_eq!(counts("It takes about 1.5 hours in all.").sentences, 1);
    assert_eq!(counts("Wait. Then come back! Why? Because.").sentences, 4);
    assert_eq!(counts("45–60 minutes, medium-depth: once").words, 5);
}

// ---------------------------------------------------------------------------------------------
// The check

/// One visitor-facing English text: where it is, how strict its limit is, and what it says.
struct Scored {
    pointer: String,
    text: String,
    words: usize,
    grade: f64,
    limit: f64,
}

fn assert_readable(file: &str) {
    let path = format!("{}/static/protocols/{file}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let loaded = protocol::load(file, &source).unwrap_or_else(|error| panic!("{file} does not load: {error}"));

    let mut scored: Vec<Scored> = english_texts(&loaded.protocol.protocol)
        .into_iter()
        .map(|(pointer, text)| {
            let limit = if is_rule_text(&pointer) { RULE_TEXT_LIMIT } else { OTHER_TEXT_LIMIT };
            let Counts { words, .. } = counts(&text);
            Scored { grade: grade(&text), words, limit, pointer, text }
        })
        .filter(|scored| scored.words >= MIN_WORDS)
        .collect();
    assert!(scored.len() > 100, "{file}: only {} texts read; is the walk missing some?", scored.len());
    scored.sort_by(|a, b| b.grade.total_cmp(&a.grade));

    let line = |s: &Scored| format!("  {:>5.1} (limit {:.0}) {}: {:?}", s.grade, s.limit, s.pointer, s.text);
    let over: Vec<String> = scored.iter().filter(|s| s.grade > s.limit).map(line).collect();
    let worst_rule = scored.iter().find(|s| is_rule_text(&s.pointer)).map_or(0.0, |s| s.grade);
    println!(
        "{file}: {} texts of {MIN_WORDS}+ words; hardest {:.1}, hardest rule text {worst_rule:.1}; the five hardest:",
        scored.len(),
        scored[0].grade,
    );
    scored.iter().take(5).for_each(|s| println!("{}", line(s)));
    assert!(
        over.is_empty(),
        "{file}: {} English texts read above their grade limit (rule texts {RULE_TEXT_LIMIT}, others \
         {OTHER_TEXT_LIMIT}), hardest first:\n{}",
        over.len(),
        over.join("\n")
    );
}

/// A rule's reason, come-back time, alternative or red flag.
fn is_rule_text(pointer: &str) -> bool {
    pointer.starts_with("/rules/")
}

/// Every English text a visitor reads, by JSON pointer (`protocol::all_texts`), but for glossary
/// terms and units, single words.
fn english_texts(protocol: &Protocol) -> Vec<(String, String)> {
    let texts = protocol::all_texts(protocol).into_iter().filter(|(pointer, _)| {
        let single_word =
            pointer.ends_with("/unit") || (pointer.starts_with("/glossary/") && pointer.ends_with("/term"));
        !single_word
    });
    // Name the rule in the pointer, so that a failure reads without the file open.
    texts
        .map(|(pointer, text)| {
            let named = match pointer.strip_prefix("/rules/") {
                Some(rest) => {
                    let index: usize = rest.split('/').next().unwrap().parse().unwrap();
                    format!("{pointer} ({})", protocol.rules[index].id)
                }
                None => pointer,
            };
            (named, text.get("en").to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Flesch–Kincaid

struct Counts {
    sentences: usize,
    words: usize,
    syllables: usize,
}

/// The Flesch–Kincaid grade level of `text`.
fn grade(text: &str) -> f64 {
    let Counts { sentences, words, syllables } = counts(text);
    if words == 0 {
        return 0.0;
    }
    let (sentences, words, syllables) = (sentences as f64, words as f64, syllables as f64);
    0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
}

fn counts(text: &str) -> Counts {
    let chars: Vec<char> = text.chars().collect();
    let ends = (0..chars.len())
        .filter(|&i| matches!(chars[i], '.' | '!' | '?'))
        .filter(|&i| chars.get(i + 1).is_none_or(|next| next.is_whitespace() || matches!(next, '"' | '”' | '»' | ')')))
        .count();
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '/'))
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .collect();
    Counts {
        sentences: ends.max(1),
        words: tokens.len(),
        syllables: tokens.iter().map(|token| word_syllables(token)).sum(),
    }
}

/// The syllables of one word as written: a hyphenated word's parts added up, an acronym a
/// syllable per letter, a number two.
fn word_syllables(token: &str) -> usize {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    if token.contains('-') {
        return token.split('-').filter(|part| !part.is_empty()).map(word_syllables).sum::<usize>().max(1);
    }
    let letters: Vec<char> = token.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.is_empty() {
        return if token.chars().any(|c| c.is_ascii_digit()) { 2 } else { 1 };
    }
    if letters.len() >= 2 && letters.iter().all(char::is_ascii_uppercase) {
        return letters.len();
    }
    syllables(&letters.iter().collect::<String>())
}

/// The syllables of a word of letters, by the rules in this file's header.
fn syllables(word: &str) -> usize {
    let word: String = word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    if word.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut w = word.as_str();
    let before = |w: &str, suffix: usize| w.as_bytes()[w.len() - suffix - 1];
    let silent_es =
        w.ends_with("es") && !["ses", "xes", "zes", "ces", "ges", "ches", "shes"].iter().any(|s| w.ends_with(s));
    let silent_ed = w.ends_with("ed") && !matches!(before(w, 2), b't' | b'd');
    // A final `-le` after a consonant is a syllable of its own ("ta-ble").
    let syllabic_le = w.ends_with("le") && !is_vowel(before(w, 2));
    if silent_es || silent_ed {
        w = &w[..w.len() - 2];
    } else if w.ends_with('e') && !syllabic_le && !w.ends_with("ee") {
        w = &w[..w.len() - 1];
    }
    let bytes = w.as_bytes();
    let mut groups = 0;
    let mut in_group = false;
    for (i, &c) in bytes.iter().enumerate() {
        let vowel = is_vowel(c) && !(c == b'y' && i == 0);
        if vowel && !in_group {
            groups += 1;
        }
        in_group = vowel;
    }
    // Vowel pairs that are usually two syllables.
    let mut splits = 0;
    for i in 1..bytes.len() {
        let pair = (bytes[i - 1], bytes[i]);
        let tail = &w[i - 1..];
        let after_q_or_g = i >= 2 && matches!(bytes[i - 2], b'q' | b'g');
        splits += match pair {
            (b'i', b'a') if !(i >= 2 && matches!(bytes[i - 2], b'c' | b't' | b's')) => 1,
            (b'i', b'u') => 1,
            (b'i', b'o') if !(tail.starts_with("ion") || tail.starts_with("ious")) => 1,
            (b'i', b'o') if i >= 2 && !matches!(bytes[i - 2], b't' | b's' | b'c' | b'g' | b'x') => 1,
            (b'u', b'a') | (b'u', b'o') if !after_q_or_g => 1,
            _ => 0,
        };
    }
    (groups + splits).max(1)
}
