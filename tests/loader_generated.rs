//! The loader (`static/candidacy.js`) runs before the wasm, so it carries a few things the Rust
//! side knows: the element's attributes (`config::element::TABLE`), the fallback's words in every
//! language of the interface (`messages`), and the locale negotiation (`protocol::negotiate`).
//! None of them is copied by hand: the region between `// BEGIN GENERATED` and `// END GENERATED`
//! is rendered here, and a test fails when the file holds anything else (`UPDATE_EXPECT=1`
//! rewrites it, as expect-test does). Negotiation is code, not data: the loader's `negotiate` is
//! run with `node` over a table of cases and must choose what the widget's Rust one chooses.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use candidacy::config::element::{Kind, TABLE};
use candidacy::messages::{fill, messages, Messages, INTERFACE_LOCALES};
use candidacy::protocol::negotiate;
use serde_json::{json, Value};

const LOADER: &str = "static/candidacy.js";
const BEGIN: &str = "// BEGIN GENERATED";
const END: &str = "// END GENERATED";
const UPDATE: &str = "UPDATE_EXPECT=1 cargo test --test loader_generated";

/// The fallback's words: the loader's key, the message (its name, for the comment, and itself),
/// and the names its template fills (the loader calls `words.body(clinic)`, `words.call(phone)`).
type Word = (&'static str, &'static str, fn(&Messages) -> &'static str, &'static [&'static str]);
const WORDS: [Word; 5] = [
    ("heading", "fallback_heading", |m| m.fallback_heading, &[]),
    ("body", "fallback_body", |m| m.fallback_body, &["clinic"]),
    ("book", "book_consultation", |m| m.book_consultation, &[]),
    ("call", "call_us", |m| m.call_us, &["phone"]),
    ("clinic", "the_clinic", |m| m.the_clinic, &[]),
];

/// The loader's `negotiate`, as `protocol::negotiate` (crates/core/src/protocol/text.rs) decides:
/// ASCII letters compared without case (`eq_ignore_ascii_case`), requested locales trimmed of
/// Rust's white space (`str::trim`: JavaScript's `\s` but U+FEFF, and U+0085), a blank one skipped.
/// Written here, rendered into the loader and run against the Rust one by
/// `the_loaders_negotiate_chooses_what_the_widget_chooses`.
const NEGOTIATE: &str = r#"/// The locale of `available` the widget will show (crates/core/src/protocol/text.rs, negotiate):
/// the first of `requested` (the `locale` attribute, the closest `lang`, the browser's languages)
/// that `available` serves (`es-MX` by `es`), else English, else the first available. Compared as
/// Rust does: ASCII letters without case; white space as Rust's `trim` (no U+FEFF, but U+0085).
function negotiate(available, requested) {
  const lower = (text) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const trim = (text) => text.replace(/^(?:[^\S\ufeff]|\x85)+|(?:[^\S\ufeff]|\x85)+$/g, "");
  const find = (wanted) => available.find((locale) => lower(locale) === lower(wanted));
  for (const wanted of requested.map((r) => r && trim(r)).filter(Boolean)) {
    const found = find(wanted) ?? find(wanted.split("-")[0]);
    if (found) return found;
  }
  return find("en") ?? available[0] ?? "en";
}
"#;

/// The region as the Rust side renders it, markers included.
fn render() -> String {
    let mut js = String::new();
    let w = &mut js;
    writeln!(w, "{BEGIN} from the Rust side by tests/loader_generated.rs ({UPDATE} rewrites it); do not edit").unwrap();
    w.push_str(
        "\n/// The element's properties, each reflecting its attribute (crates/embed/src/config/element.rs,
/// the one table of them): a `string` (one of its choices when it has them, the first the
/// default), a `switch` (boolean attribute), a whole `number`, or an `object` written as JSON (rich
/// values without JSON in the page's code). It is also the list of attributes the element observes.
const PROPERTIES = {\n",
    );
    for attribute in &TABLE {
        let kind = match attribute.kind {
            Kind::String => "string",
            Kind::Switch => "switch",
            Kind::Number => "number",
            Kind::Object => "object",
        };
        assert_eq!(kind, attribute.kind.as_str());
        write!(w, "  {}: [{}, {}", attribute.property, string(attribute.name), string(kind)).unwrap();
        if !attribute.choices.is_empty() {
            let choices: Vec<String> = attribute.choices.iter().map(|choice| string(choice)).collect();
            write!(w, ", [{}]", choices.join(", ")).unwrap();
        }
        w.push_str("],\n");
    }
    w.push_str("};\n");

    let english = messages("en").entries();
    for (_, message, get, _) in WORDS {
        assert!(english.contains(&(message, get(messages("en")))), "WORDS names `{message}` for another message");
    }
    let keys: Vec<&str> = WORDS.iter().map(|(_, message, _, _)| *message).collect();
    w.push('\n');
    w.push_str(&comment(&format!(
        "The words of the contact details shown when the widget cannot load, in the widget's languages \
         (crates/core/src/messages/*.rs: {}); a template is a function of what it fills (`messages::fill`).",
        keys.join(", ")
    )));
    w.push_str("const FALLBACK_WORDS = {\n");
    for locale in INTERFACE_LOCALES {
        let words = messages(locale);
        assert_eq!(words.locale(), locale, "messages({locale}) is written in {locale}");
        writeln!(w, "  {}: {{", key(locale)).unwrap();
        for (name, _, get, arguments) in WORDS {
            let template = get(words);
            if arguments.is_empty() {
                writeln!(w, "    {name}: {},", string(template)).unwrap();
            } else {
                writeln!(w, "    {name}: ({}) => {},", arguments.join(", "), template_literal(template, arguments))
                    .unwrap();
            }
        }
        w.push_str("  },\n");
    }
    w.push_str("};\n\n");
    w.push_str(NEGOTIATE);
    writeln!(w, "{END}").unwrap();
    js
}

/// `text` as `///` lines of at most 100 characters.
fn comment(text: &str) -> String {
    let mut lines = vec![String::from("///")];
    for word in text.split_whitespace() {
        if lines.last().unwrap().len() + 1 + word.len() > 100 {
            lines.push(String::from("///"));
        }
        let line = lines.last_mut().unwrap();
        line.push(' ');
        line.push_str(word);
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// A JavaScript string literal: JSON's, with the line separators escaped too.
fn string(text: &str) -> String {
    serde_json::to_string(text).unwrap().replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// An object key: bare when it is a plain name (`en`), else quoted (`"pt-BR"`).
fn key(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        name.to_owned()
    } else {
        string(name)
    }
}

/// A template literal that fills `arguments` (each `{name}` of `template`) as `messages::fill`
/// does; everything else is text.
fn template_literal(template: &str, arguments: &[&str]) -> String {
    for argument in arguments {
        assert!(template.contains(&format!("{{{argument}}}")), "{template:?} does not fill `{{{argument}}}`");
    }
    let mut out = String::from("`");
    let mut rest = template;
    'text: while let Some(c) = rest.chars().next() {
        for argument in arguments {
            if let Some(after) = rest.strip_prefix(&format!("{{{argument}}}")) {
                write!(out, "${{{argument}}}").unwrap();
                rest = after;
                continue 'text;
            }
        }
        match c {
            '\\' | '`' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\u{2028}' | '\u{2029}' => write!(out, "\\u{:04x}", u32::from(c)).unwrap(),
            c if c.is_control() => write!(out, "\\u{{{:x}}}", u32::from(c)).unwrap(),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out.push('`');
    out
}

fn loader_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(LOADER)
}

/// Where the region is in `loader`: from its `BEGIN` line through its `END` line.
fn region_span(loader: &str) -> std::ops::Range<usize> {
    let missing = || {
        panic!(
            "{LOADER} has no `{BEGIN}` … `{END}` lines: put them back where PROPERTIES, FALLBACK_WORDS and negotiate \
             belong (before the element's class), then run `{UPDATE}`"
        )
    };
    let start = loader.find(&format!("\n{BEGIN}")).map(|at| at + 1).unwrap_or_else(missing);
    let end_line = start + loader[start..].find(&format!("\n{END}")).unwrap_or_else(missing) + 1;
    let end = loader[end_line..].find('\n').map_or(loader.len(), |at| end_line + at + 1);
    start..end
}

/// The first line where `actual` leaves `expected`, with a little of each around it.
fn first_difference(expected: &str, actual: &str, first_line: usize) -> String {
    let (expected, actual): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = expected.iter().zip(&actual).take_while(|(e, a)| e == a).count();
    let show = |lines: &[&str]| -> String {
        let from = at.saturating_sub(2);
        lines[from.min(lines.len())..(at + 3).min(lines.len())]
            .iter()
            .enumerate()
            .map(|(i, line)| format!("  {:>5} | {line}\n", first_line + from + i))
            .collect()
    };
    format!(
        "first difference at line {}:\nthe Rust side renders:\n{}{LOADER} holds:\n{}",
        first_line + at,
        show(&expected),
        show(&actual)
    )
}

#[test]
fn the_loaders_generated_region_is_what_the_rust_side_renders() {
    let path = loader_path();
    let loader = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let span = region_span(&loader);
    let rendered = render();
    if loader[span.clone()] != rendered {
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            let mut updated = loader.clone();
            updated.replace_range(span, &rendered);
            std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            eprintln!("updated the generated region of {LOADER}");
        } else {
            let first_line = loader[..span.start].lines().count() + 1;
            panic!(
                "{LOADER}'s generated region is not what the Rust side renders. Do not edit it by hand: change the \
                 Rust side (the attributes in crates/embed/src/config/element.rs, the words in \
                 crates/core/src/messages/*.rs, the rendering or the loader's negotiate in tests/loader_generated.rs), \
                 then run `{UPDATE}`.\n{}",
                first_difference(&rendered, &loader[span], first_line)
            );
        }
    }
    // Nothing generated is also written elsewhere in the loader by hand.
    let outside = format!("{}{}", &loader[..region_span(&loader).start], &loader[region_span(&loader).end..]);
    for definition in ["const PROPERTIES", "const FALLBACK_WORDS", "function negotiate"] {
        assert!(
            !outside.contains(definition),
            "{LOADER} defines `{definition}` outside its generated region: delete that copy, the generated one is the \
             loader's"
        );
    }
}

/// Evaluates the loader's generated region as it is in the file, then `driver`, with `node`; the
/// JSON the driver writes.
fn run_region(driver: &str) -> Value {
    let loader = std::fs::read_to_string(loader_path()).unwrap();
    let region = &loader[region_span(&loader)];
    let mut node = Command::new("node")
        .args(["--input-type=module", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("this test runs the loader's code with `node`, which is not on PATH ({e})"));
    node.stdin.take().unwrap().write_all(format!("{region}\n{driver}\n").as_bytes()).unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "node failed on the loader's region:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("node wrote no JSON ({e})"))
}

/// `(available, requested)`: `None` is a missing attribute (`getAttribute` gives `null`).
type Case = (&'static [&'static str], &'static [Option<&'static str>]);
const CASES: [Case; 30] = [
    // Exact, then without case.
    (&["en", "es"], &[Some("es")]),
    (&["en", "es"], &[Some("ES")]),
    (&["en", "es-MX"], &[Some("ES-mx")]),
    (&["fr", "EN"], &[Some("de")]),
    // The language alone serves a regional locale, not the other way round.
    (&["en", "es"], &[Some("es-MX")]),
    (&["en", "es"], &[Some("es-419"), Some("en-US")]),
    (&["en", "es-MX"], &[Some("es")]),
    (&["en-GB", "es"], &[Some("en-US")]),
    (&["he", "en"], &[Some("he-IL")]),
    (&["en", "es"], &[Some("es_MX")]),
    (&["en", "es"], &[Some("-es")]),
    (&["en", "es"], &[Some("e")]),
    // The first that is served wins.
    (&["en", "es"], &[Some("fr"), Some("de-DE"), Some("es-MX"), Some("en")]),
    (&["fr", "es"], &[Some("es"), Some("fr")]),
    // Missing, empty and blank entries are skipped; the rest is trimmed.
    (&["en", "es"], &[None, Some(""), Some("  "), Some(" es ")]),
    (&["en", "es"], &[None, None]),
    (&["en", "es"], &[Some("\tes\n")]),
    (&["en", "es"], &[Some("\u{3000}es\u{2028}")]),
    (&["en", "es"], &[Some("\u{85}es")]),
    (&["en", "es"], &[Some("\u{feff}es")]),
    // Case is ASCII's: the Kelvin sign is no `k`.
    (&["en", "k"], &[Some("\u{212a}")]),
    (&["en", "i"], &[Some("\u{130}")]),
    // No match: English, else the first available, else `en`.
    (&["en", "es"], &[Some("fr")]),
    (&["en", "es"], &[]),
    (&["es", "fr"], &[Some("de")]),
    (&["es", "fr"], &[]),
    (&[], &[Some("es")]),
    (&[], &[]),
    // The loader's own lists: FALLBACK_WORDS's languages, FIRST_SCREENS's.
    (&INTERFACE_LOCALES, &[None, Some("es-ES"), Some("en")]),
    (&INTERFACE_LOCALES, &[Some("pt-BR"), Some("fr")]),
];

/// `requested` for a message, non-ASCII characters by their code (`\u{212a}`, not a lookalike `K`).
fn shown(requested: &[Option<&str>]) -> String {
    let entries: Vec<String> = requested
        .iter()
        .map(|entry| match entry {
            None => "null".to_owned(),
            Some(text) => format!("\"{}\"", text.chars().map(|c| c.escape_default().to_string()).collect::<String>()),
        })
        .collect();
    format!("[{}]", entries.join(", "))
}

#[test]
fn the_loaders_negotiate_chooses_what_the_widget_chooses() {
    let cases: Vec<Value> = CASES.iter().map(|(available, requested)| json!([available, requested])).collect();
    let chosen = run_region(&format!(
        "const cases = {};\nprocess.stdout.write(JSON.stringify(cases.map(([available, requested]) => \
         negotiate(available, requested))));",
        Value::Array(cases)
    ));
    let mut disagreements = Vec::new();
    for ((available, requested), loader) in CASES.iter().zip(chosen.as_array().unwrap()) {
        let available: Vec<String> = available.iter().map(|locale| locale.to_string()).collect();
        let widget = negotiate(&available, requested.iter().flatten().copied());
        if loader.as_str() != Some(widget) {
            disagreements.push(format!(
                "  available {available:?}, requested {}: the widget shows {widget:?}, the loader {loader}",
                shown(requested)
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "the loader's negotiate disagrees with candidacy::protocol::negotiate (crates/core/src/protocol/text.rs), \
         which is what the widget shows: the loader's first screen or fallback would come in another language than \
         the quiz. Change the loader's side to agree (NEGOTIATE in tests/loader_generated.rs, then `{UPDATE}`); change \
         the Rust side only if the widget itself should choose differently, and then the loader's with it.\n{}",
        disagreements.join("\n")
    );
}

#[test]
fn the_loaders_fallback_words_are_the_widgets_filled_alike() {
    let values =
        ["Glow Clinic", "Clínica Sol & <b>Luz</b>", "${clinic} `x` \\ $& $1", "{phone} {clinic}", "+1 555 0100"];
    let mut calls = Vec::new();
    let mut expected = Vec::new();
    for locale in INTERFACE_LOCALES {
        for (name, _, get, arguments) in WORDS {
            let template = get(messages(locale));
            if arguments.is_empty() {
                calls.push(json!([locale, name, []]));
                expected.push(template.to_owned());
                continue;
            }
            for value in values {
                let given: Vec<(&str, &str)> = arguments.iter().map(|argument| (*argument, value)).collect();
                calls.push(json!([locale, name, vec![value; arguments.len()]]));
                expected.push(fill(template, &given));
            }
        }
    }
    let written = run_region(&format!(
        "const calls = {};\nprocess.stdout.write(JSON.stringify(calls.map(([locale, name, values]) => {{\n  const word = \
         FALLBACK_WORDS[locale][name];\n  return typeof word === \"function\" ? word(...values) : word;\n}})));",
        Value::Array(calls.clone())
    ));
    for ((call, expected), written) in calls.iter().zip(&expected).zip(written.as_array().unwrap()) {
        assert_eq!(
            written.as_str(),
            Some(expected.as_str()),
            "FALLBACK_WORDS {call}: the loader writes {written}, messages::fill {expected:?}: change the rendering in \
             tests/loader_generated.rs, then `{UPDATE}`"
        );
    }
}

#[test]
fn the_loader_is_a_module_node_can_parse() {
    let loader = std::fs::read(loader_path()).unwrap();
    let mut node = Command::new("node")
        .args(["--input-type=module", "--check"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("this test checks the loader with `node`, which is not on PATH ({e})"));
    node.stdin.take().unwrap().write_all(&loader).unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "{LOADER} does not parse:\n{}", String::from_utf8_lossy(&output.stderr));
}
