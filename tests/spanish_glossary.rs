//! The Spanish texts of every shipped protocol (`static/protocols/*.json`) name the same thing the
//! same way: one glossary, English term → the one Spanish rendering, and the variants never to use.
//!
//! Two checks, per text that has both English and Spanish (glossary terms and explanations
//! included):
//!
//! - where the English mentions a term (a whole word or phrase, any case, with a plural `s` or
//!   `es`, as `protocol::glossary::mentions` reads it), the Spanish uses its rendering (one of the
//!   listed forms: the noun and its plural, or the noun and the verb phrase where Spanish needs
//!   both, like "la lactancia" and "dando el pecho");
//! - no Spanish text uses a forbidden variant (a regional synonym, a spelling we do not use, or
//!   the formal "usted": the visitor is "tú").
//!
//! On failure each protocol's test lists every offending text by JSON pointer with what it should
//! say, so that the protocol's owner can fix them all at once.

mod common;

use candidacy::protocol::glossary::mentions;
use candidacy::protocol::{self, Protocol, Text};

/// One entry: the English words that call for it, the Spanish forms of its one rendering, and
/// the Spanish variants that must not appear.
struct Term {
    english: &'static [&'static str],
    spanish: &'static [&'static str],
    forbidden: &'static [&'static str],
}

/// The glossary. A term with no English words only forbids (e.g. "usted").
const GLOSSARY: &[Term] = &[
    // Fitzpatrick skin types: "fototipo" (the hint "Skin type IV" is "Fototipo IV").
    Term {
        english: &["skin type", "Fitzpatrick skin type"],
        spanish: &["fototipo"],
        forbidden: &["tipo cutáneo", "fototipo cutáneo", "foto-tipo"],
    },
    Term { english: &["Fitzpatrick"], spanish: &["Fitzpatrick"], forbidden: &[] },
    Term { english: &["isotretinoin"], spanish: &["isotretinoína"], forbidden: &["isotretinoina", "isotretinoin"] },
    // Isotretinoin's brands: English names Accutane and Roaccutane; Spanish readers know Roche's
    // Roaccutan (Accutane may stay beside it).
    Term {
        english: &["Accutane", "Roaccutane"],
        spanish: &["Roaccutan"],
        forbidden: &["Roaccutane", "Roacutan", "Roacután", "Roaccután"],
    },
    Term { english: &["laser"], spanish: &["láser"], forbidden: &["laser", "lásers"] },
    Term { english: &["ablative"], spanish: &["ablativo", "ablativa"], forbidden: &[] },
    Term {
        english: &["microneedling"],
        spanish: &["microneedling"],
        forbidden: &["micro-needling", "micropunción", "dermapunción", "punción con microagujas"],
    },
    Term {
        english: &["chemical peel"],
        spanish: &["peeling químico", "peelings químicos"],
        forbidden: &[
            "exfoliación química",
            "exfoliaciones químicas",
            "peel químico",
            "peeling quimico",
            "peelings quimicos",
        ],
    },
    Term {
        english: &["cold sore"],
        spanish: &["herpes labial"],
        forbidden: &["calentura", "calenturas", "pupa", "pupas", "fuego labial", "boquera", "herpes bucal"],
    },
    Term { english: &["herpes simplex"], spanish: &["herpes simple"], forbidden: &[] },
    Term { english: &["botulinum toxin"], spanish: &["toxina botulínica"], forbidden: &[] },
    Term { english: &["Botox"], spanish: &["Botox"], forbidden: &["Bótox"] },
    Term {
        english: &["sunscreen"],
        spanish: &["protector solar", "protectores solares"],
        forbidden: &["crema solar", "bloqueador solar", "filtro solar", "fotoprotector", "pantalla solar"],
    },
    Term { english: &["clinician"], spanish: &["profesional"], forbidden: &[] },
    Term { english: &["dermatologist"], spanish: &["dermatólogo", "dermatóloga"], forbidden: &[] },
    Term { english: &["skin cancer"], spanish: &["cáncer de piel"], forbidden: &["cáncer cutáneo"] },
    Term { english: &["keloid"], spanish: &["queloide"], forbidden: &[] },
    Term { english: &["eczema"], spanish: &["eccema"], forbidden: &["eczema"] },
    Term { english: &["rosacea"], spanish: &["rosácea"], forbidden: &["rosacea"] },
    Term { english: &["psoriasis"], spanish: &["psoriasis"], forbidden: &[] },
    Term { english: &["melasma"], spanish: &["melasma"], forbidden: &["cloasma"] },
    Term { english: &["hyperpigmentation"], spanish: &["hiperpigmentación"], forbidden: &[] },
    Term { english: &["stretch mark"], spanish: &["estrías"], forbidden: &[] },
    Term { english: &["retinoid"], spanish: &["retinoide"], forbidden: &[] },
    Term {
        english: &["numbing cream"],
        spanish: &["crema anestésica", "cremas anestésicas"],
        forbidden: &["crema adormecedora", "crema anestesiante"],
    },
    Term { english: &["pregnant", "pregnancy"], spanish: &["embarazada", "embarazo"], forbidden: &["encinta"] },
    // The noun ("during pregnancy and breastfeeding": "la lactancia") and the plain verb phrase
    // ("are you breastfeeding?": "¿estás dando el pecho?").
    Term {
        english: &["breastfeeding"],
        spanish: &["lactancia", "dando el pecho"],
        forbidden: &["período de lactancia", "periodo de lactancia", "amamantando"],
    },
    // The visitor is "tú".
    Term { english: &[], spanish: &[], forbidden: &["usted", "ustedes"] },
];

// ---------------------------------------------------------------------------------------------
// The shipped protocols

#[test]
fn microneedling_uses_the_spanish_glossary() {
    assert_spanish_follows_the_glossary("microneedling.json");
}

#[test]
fn chemical_peel_uses_the_spanish_glossary() {
    assert_spanish_follows_the_glossary("chemical-peel.json");
}

#[test]
fn resurfacing_uses_the_spanish_glossary() {
    assert_spanish_follows_the_glossary("resurfacing.json");
}

#[test]
fn every_shipped_protocol_is_read_by_this_test() {
    let expected = ["chemical-peel.json", "microneedling.json", "resurfacing.json"];
    assert_eq!(common::shipped_protocols(), expected, "give it a test above");
}

#[test]
fn no_rendering_is_also_forbidden() {
    for term in GLOSSARY {
        for rendering in term.spanish {
            for variant in term.forbidden {
                assert!(!mentions(rendering, variant), "`{rendering}` contains the forbidden `{variant}`");
            }
        }
        assert!(term.english.is_empty() || !term.spanish.is_empty(), "{:?} has no rendering", term.english);
    }
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let text = |en: &str, es: &str| Text([("en".to_owned(), en.to_owned()), ("es".to_owned(), es.to_owned())].into());
    let problems = |en: &str, es: &str| problems_in("/t", &text(en, es));

    assert!(problems("Do you get cold sores?", "¿Te sale herpes labial?").is_empty());
    assert_eq!(problems("Do you get cold sores?", "¿Te sale una calentura?").len(), 2, "missing and forbidden");
    assert_eq!(problems("A chemical peel", "Una exfoliación química").len(), 2);
    assert!(problems("Lasers and peels", "Los láseres y los peelings").is_empty(), "plural láseres");
    assert_eq!(problems("Ask the clinic", "Pregunte usted en la clínica").len(), 1);
    assert_eq!(problems("sold as Accutane or Roaccutane", "se vende como Roaccutane").len(), 2);
    assert!(problems("sold as Accutane or Roaccutane", "se vende como Roaccutan o Accutane").is_empty());
}

// ---------------------------------------------------------------------------------------------
// The check

fn assert_spanish_follows_the_glossary(file: &str) {
    let path = format!("{}/static/protocols/{file}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let loaded = protocol::load(file, &source).unwrap_or_else(|error| panic!("{file} does not load: {error}"));
    let protocol = &loaded.protocol.protocol;
    assert!(protocol.locales.iter().any(|l| l == "es"), "{file} is not in Spanish");

    let texts = texts(protocol);
    assert!(texts.len() > 200, "{file}: only {} texts read", texts.len());
    let problems: Vec<String> = texts.iter().flat_map(|(pointer, text)| problems_in(pointer, text)).collect();
    assert!(
        problems.is_empty(),
        "{file}: {} Spanish texts stray from the glossary in tests/spanish_glossary.rs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// What is wrong with one text's Spanish, one line each.
fn problems_in(pointer: &str, text: &Text) -> Vec<String> {
    if !text.has("es") {
        return Vec::new();
    }
    let (en, es) = (text.get("en"), text.get("es"));
    let mut problems = Vec::new();
    for term in GLOSSARY {
        if let Some(word) = term.english.iter().find(|word| mentions(en, word)) {
            if !term.spanish.iter().any(|form| mentions(es, form)) {
                problems.push(format!(
                    "  {pointer}: the English says “{word}”, so the Spanish says “{}”: {es:?}",
                    term.spanish.join("” or “")
                ));
            }
        }
        for variant in term.forbidden.iter().filter(|variant| mentions(es, variant)) {
            let instead =
                if term.spanish.is_empty() { "“tú”".to_owned() } else { format!("“{}”", term.spanish[0]) };
            problems.push(format!("  {pointer}: “{variant}” is not ours, write {instead}: {es:?}"));
        }
    }
    problems
}

/// Every visitor-facing text, by JSON pointer (`protocol::all_texts`), a question's or rule's
/// pointer naming its id, so that a failure reads without the file open.
fn texts(protocol: &Protocol) -> Vec<(String, &Text)> {
    let named = |pointer: String| {
        let mut segments = pointer.splitn(4, '/').skip(1);
        let (kind, index) =
            (segments.next().unwrap_or_default(), segments.next().and_then(|i| i.parse::<usize>().ok()));
        let id = match (kind, index) {
            ("questions", Some(i)) => &protocol.questions[i].id,
            ("rules", Some(i)) => &protocol.rules[i].id,
            _ => return pointer,
        };
        let prefix = format!("/{kind}/{}", index.unwrap());
        pointer.replacen(&prefix, &format!("{prefix} ({id})"), 1)
    };
    protocol::all_texts(protocol).into_iter().map(|(pointer, text)| (named(pointer), text)).collect()
}
