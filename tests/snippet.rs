//! `candidacy snippet` end to end: the binary run against a fake release (a temp `dist/` holding
//! `candidacy/VERSION/candidacy.js` and `candidacy-frame.js` of known bytes), with its exit codes
//! and what it prints; and the README's snippets, which must be what the command prints.

mod common;

use std::path::PathBuf;

use base64::Engine as _;
use common::cli::{candidacy, Run};
use sha2::{Digest, Sha384};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const LOADER: &[u8] = b"// a stand-in for the release loader\n";
const FRAME_SCRIPT: &[u8] = b"// a stand-in for the iframe mode's parent script\n";

/// Exit codes of the binary.
const OK: i32 = 0;
const PROBLEMS: i32 = 1;
const USAGE: i32 = 2;

const CLINIC: [&str; 3] = ["booking-url=https://clinic.example/book", "phone=+1 555 0100", "clinic-name=Glow Clinic"];

#[test]
fn prints_the_loader_with_its_integrity_and_the_element_with_the_clinics_contact_details() {
    let dist = FakeDist::new("inline");

    let run = dist.snippet(&["--base", "https://cdn.clinic.example/candidacy/0.1.0/"], &CLINIC);

    run.assert_code(OK);
    let expected = [
        format!(
            r#"<script type="module" src="https://cdn.clinic.example/candidacy/0.1.0/candidacy.js" integrity="{}" crossorigin="anonymous"></script>"#,
            integrity(LOADER)
        ),
        concat!(
            r#"<candidacy-quiz booking-url="https://clinic.example/book" phone="+1 555 0100" clinic-name="Glow Clinic">"#,
            r#"<p>You can still ask Glow Clinic whether the treatment suits you. "#,
            r#"<a href="https://clinic.example/book">Book a consultation</a> · <a href="tel:+15550100">Call us: +1 555 0100</a></p>"#,
            r#"</candidacy-quiz>"#
        )
        .to_owned(),
    ];
    assert_eq!(run.stdout, format!("{}\n{}\n", expected[0], expected[1]), "{run}");
    assert_eq!(run.stderr, "", "{run}");
}

#[test]
fn the_release_is_under_the_versioned_path_by_default() {
    let dist = FakeDist::new("default-base");

    let run = dist.snippet(&[], &CLINIC);

    run.assert_code(OK);
    assert!(
        run.stdout.starts_with(&format!(r#"<script type="module" src="/candidacy/{VERSION}/candidacy.js" "#)),
        "{run}"
    );
}

#[test]
fn iframe_mode_prints_the_frame_script_and_a_block_iframe_with_its_presentation_in_the_query() {
    let dist = FakeDist::new("iframe");
    let attributes = ["primary=#5a2d82", "locale=es", "mode=popup"];

    let run = dist.snippet(&["--iframe", "--base", "https://cdn.clinic.example/candidacy"], &attributes);

    run.assert_code(OK);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            r#"<script type="module" src="https://cdn.clinic.example/candidacy/candidacy-frame.js" integrity="{}" crossorigin="anonymous"></script>"#,
            integrity(FRAME_SCRIPT)
        ),
        "{run}"
    );
    assert_ne!(integrity(FRAME_SCRIPT), integrity(LOADER));
    let query = "primary=%235a2d82&amp;locale=es&amp;mode=popup";
    assert_eq!(
        lines[1],
        format!(
            r#"<iframe data-candidacy-frame src="https://cdn.clinic.example/candidacy/embed.html?{query}" title="Cuestionario de tratamiento" style="display:block;width:100%;border:0;min-height:36em" loading="lazy"></iframe>"#
        ),
        "{run}"
    );
    assert_eq!(lines.len(), 2, "{run}");
}

#[test]
fn what_routes_data_is_refused_in_a_frames_url_and_printed_as_its_embed_config() {
    let dist = FakeDist::new("embed-config");

    let refused = dist.snippet(&["--iframe"], &[&CLINIC[..], &["lead-endpoint=https://clinic.example/lead"]].concat());
    refused.assert_code(USAGE);
    for name in ["`booking-url`", "`phone`", "`clinic-name`", "`lead-endpoint`"] {
        assert!(refused.stderr.contains(name) && refused.stderr.contains("--embed-config"), "{name}: {refused}");
    }

    let printed = dist.snippet(
        &["--embed-config"],
        &[
            &CLINIC[..],
            &[
                "analytics",
                r#"hidden-fields={"campaign": "spring"}"#,
                "parent-origin=https://clinic.example",
                "parent-origin=https://www.clinic.example",
            ],
        ]
        .concat(),
    );
    printed.assert_code(OK);
    let file: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(
        file,
        serde_json::json!({
            "attributes": {
                "booking-url": "https://clinic.example/book", "phone": "+1 555 0100", "clinic-name": "Glow Clinic",
                "analytics": true, "hidden-fields": {"campaign": "spring"}
            },
            "parentOrigins": ["https://clinic.example", "https://www.clinic.example"]
        })
    );
    let config = candidacy::config::embed::parse_embed_config("", Some(&printed.stdout));
    assert_eq!(config.problems, Vec::<String>::new());

    let invalid = dist.snippet(&["--embed-config"], &["lead-endpoint=http://clinic.example/lead"]);
    invalid.assert_code(USAGE);
    assert!(invalid.stderr.contains("`lead-endpoint`"), "{invalid}");
}

#[test]
fn an_invalid_attribute_is_refused_with_the_widgets_reason() {
    let dist = FakeDist::new("invalid");

    let run = dist.snippet(&[], &[&CLINIC[..], &["radius=99px"]].concat());

    run.assert_code(USAGE);
    assert!(run.stderr.contains("`radius`") && run.stderr.contains("`99px`"), "{run}");
    assert_eq!(run.stdout, "", "{run}");
}

#[test]
fn every_invalid_attribute_is_named_at_once() {
    let dist = FakeDist::new("invalid-several");

    let run = dist.snippet(&[], &["booking-url=javascript:alert(1)", "test-mode=yes", "mode=modal", "phone"]);

    run.assert_code(USAGE);
    for name in ["`booking-url`", "`test-mode`", "`mode`", "`phone`"] {
        assert!(run.stderr.contains(name), "{name}: {run}");
    }
}

#[test]
fn an_unknown_attribute_is_refused_and_named() {
    let dist = FakeDist::new("unknown");

    let run = dist.snippet(&[], &[&CLINIC[..], &["colour=teal"]].concat());

    run.assert_code(USAGE);
    assert!(run.stderr.contains("`colour`"), "{run}");
    // The frame's own attribute is unknown to an element.
    let run = dist.snippet(&[], &["parent-origin=https://clinic.example"]);
    run.assert_code(USAGE);
    assert!(run.stderr.contains("`parent-origin`") && run.stderr.contains("--embed-config"), "{run}");
}

#[test]
fn a_repeated_attribute_is_refused() {
    let dist = FakeDist::new("repeated");

    let run = dist.snippet(&[], &[&CLINIC[..], &["phone=+1 555 0199"]].concat());

    run.assert_code(USAGE);
    assert!(run.stderr.contains("`phone`"), "{run}");
}

#[test]
fn a_missing_release_is_a_problem_naming_its_path() {
    let dist = FakeDist::new("missing");
    std::fs::remove_dir_all(dist.path.join("candidacy")).unwrap();

    let run = dist.snippet(&[], &CLINIC);

    run.assert_code(PROBLEMS);
    let loader = dist.path.join("candidacy").join(VERSION).join("candidacy.js");
    assert!(run.stderr.contains(&loader.display().to_string()), "{run}");
    assert_eq!(run.stdout, "", "{run}");
}

#[test]
fn a_hostile_clinic_name_is_escaped_in_the_attribute_and_the_fallback() {
    let dist = FakeDist::new("hostile");

    let run = dist.snippet(&[], &["clinic-name=\"><script>alert(1)</script>", "phone=+1 555 0100"]);

    run.assert_code(OK);
    let escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    assert!(run.stdout.contains(&format!(r#" clinic-name="{escaped}""#)), "{run}");
    assert!(run.stdout.contains(&format!("<p>You can still ask {escaped} whether")), "{run}");
    assert!(!run.stdout.contains("<script>"), "{run}");

    let run = dist.snippet(&["--iframe"], &["launcher-text=\"><script>alert(1)</script>", "locale=es"]);
    run.assert_code(OK);
    assert!(run.stdout.contains("launcher-text=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;locale=es"), "{run}");

    let run = dist.snippet(&["--embed-config"], &["clinic-name=\"><script>alert(1)</script>"]);
    run.assert_code(OK);
    let file: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(file["attributes"]["clinic-name"], "\"><script>alert(1)</script>", "JSON keeps the text as text");
}

#[test]
fn the_fallback_speaks_the_locale_when_the_widget_does() {
    let dist = FakeDist::new("spanish");

    let run = dist.snippet(&[], &[&CLINIC[..], &["locale=es-MX"]].concat());

    run.assert_code(OK);
    let words = candidacy::messages::messages("es");
    assert!(
        run.stdout.contains(&candidacy::messages::fill(words.fallback_body, &[("clinic", "Glow Clinic")])),
        "{run}"
    );
    assert!(run.stdout.contains(&format!(">{}</a>", words.book_consultation)), "{run}");
    assert!(run
        .stdout
        .contains(&format!(">{}</a>", candidacy::messages::fill(words.call_us, &[("phone", "+1 555 0100")]))));

    // A language the widget does not speak: English.
    let run = dist.snippet(&[], &["locale=fr", "phone=+1 555 0100"]);
    run.assert_code(OK);
    assert!(run.stdout.contains("<p>You can still ask the clinic whether the treatment suits you."), "{run}");
}

#[test]
fn a_switch_is_written_alone_and_an_off_switch_not_at_all() {
    let dist = FakeDist::new("switch");

    let run = dist.snippet(&[], &["test-mode", "phone=+1 555 0100", "analytics=true", "share-answers=false"]);

    run.assert_code(OK);
    assert!(run.stdout.contains(r#"<candidacy-quiz test-mode phone="+1 555 0100" analytics><p>"#), "{run}");
}

#[test]
fn the_loaders_attributes_are_checked_too() {
    let dist = FakeDist::new("loader");

    let run = dist.snippet(
        &[],
        &[&CLINIC[..], &["mode=popup", "loading=lazy", "launcher-text=Am I a candidate?", "id=peel"]].concat(),
    );
    run.assert_code(OK);
    assert!(
        run.stdout.contains(r#" mode="popup" loading="lazy" launcher-text="Am I a candidate?" id="peel"><p>"#),
        "{run}"
    );

    for bad in ["loading=later", "launcher-text=", "id=two words"] {
        let run = dist.snippet(&[], &[&CLINIC[..], &[bad]].concat());
        run.assert_code(USAGE);
        let name = bad.split('=').next().unwrap();
        assert!(run.stderr.contains(&format!("`{name}`")), "{bad}: {run}");
    }
    let run = dist.snippet(&["--embed-config"], &["parent-origin=https://clinic.example/page"]);
    run.assert_code(USAGE);
    assert!(run.stderr.contains("`parent-origin`"), "{run}");
}

#[test]
fn without_phone_or_booking_url_it_warns_but_prints_the_snippet() {
    let dist = FakeDist::new("no-contact");

    let run = dist.snippet(&[], &["clinic-name=Glow Clinic"]);

    run.assert_code(OK);
    assert!(run.stderr.contains("phone") && run.stderr.contains("booking-url"), "{run}");
    assert_eq!(run.stdout.lines().count(), 2, "{run}");
}

#[test]
fn base_must_be_a_web_url_or_a_path() {
    let dist = FakeDist::new("base");

    for bad in
        ["javascript:alert(1)", "cdn.clinic.example/candidacy", "//cdn.clinic.example/candidacy", "/candidacy?v=1"]
    {
        let run = dist.snippet(&["--base", bad], &CLINIC);
        run.assert_code(USAGE);
        assert!(run.stderr.contains("--base"), "{bad}: {run}");
        assert_eq!(run.stdout, "", "{bad}: {run}");
    }
    let run = dist.snippet(&["--base", "/"], &CLINIC);
    run.assert_code(OK);
    assert!(run.stdout.starts_with(r#"<script type="module" src="/candidacy.js" "#), "{run}");
}

#[test]
fn help_names_the_flags() {
    let run = candidacy(&["snippet", "--help"]);

    run.assert_code(OK);
    for text in ["Usage: candidacy snippet", "--base <URL>", "--dist <DIST>", "--iframe", "[ATTRIBUTE[=VALUE]]..."] {
        assert!(run.stdout.contains(text), "{text}: {run}");
    }
    assert!(candidacy(&["--help"]).stdout.contains("  snippet "));
}

/// The README's snippets are this command's output: each `<!-- generated by: candidacy snippet
/// ARGS -->` is run (against a fake release) and compared with the fenced block after it.
#[test]
fn the_readme_snippets_are_what_the_command_prints() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let dist = FakeDist::new("readme");
    let marker = "<!-- generated by: candidacy snippet ";
    let mut n_snippets = 0;
    for (start, _) in readme.match_indices(marker) {
        let rest = &readme[start + marker.len()..];
        let (args, rest) = rest.split_once(" -->\n").expect("the marker ends with ` -->` on its line");
        let block = rest
            .strip_prefix("```html\n")
            .or_else(|| rest.strip_prefix("```json\n"))
            .expect("a ```html (or, for --embed-config, ```json) block follows the marker");
        let (block, _) = block.split_once("```\n").expect("the block is closed");

        let args = shell_words(args);
        let run = dist.snippet(&args.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
        run.assert_code(OK);
        // The integrity values differ between the README's (a real build's) and the fake release's,
        // and between builds: they are compared in shape only.
        for value in block.match_indices("sha384-").map(|(at, _)| integrity_at(&block[at..])) {
            let digest = &value["sha384-".len()..];
            assert!(
                digest.len() == 64
                    && base64::engine::general_purpose::STANDARD.decode(digest).is_ok_and(|d| d.len() == 48),
                "not a SHA-384 integrity value in the README: `{value}`"
            );
        }
        assert_eq!(
            without_integrity(block),
            without_integrity(&run.stdout),
            "README block after `{marker}{}`",
            args.join(" ")
        );
        n_snippets += 1;
    }
    assert!(n_snippets >= 2, "the README shows the inline and the iframe snippet, each under a `{marker}… -->` marker");
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// `sha384-` and the base64 that follows, at the start of `text`.
fn integrity_at(text: &str) -> &str {
    let digest = text["sha384-".len()..].find(|c: char| !(c.is_ascii_alphanumeric() || "+/=".contains(c)));
    &text[..digest.map_or(text.len(), |end| "sha384-".len() + end)]
}

fn without_integrity(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("sha384-") {
        out.push_str(&rest[..at]);
        out.push_str("sha384-INTEGRITY");
        rest = &rest[at + integrity_at(&rest[at..]).len()..];
    }
    out.push_str(rest);
    out
}

/// The words of a shell command line: split at spaces, except inside quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '\'' => word.get_or_insert_default().extend(chars.by_ref().take_while(|&c| c != '\'')),
            '"' => {
                let word = word.get_or_insert_default();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_default().extend(chars.next()),
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn shell_words_follow_the_quotes() {
    assert_eq!(shell_words(r#"a "b c" d='e f' g\ h "i\"j""#), ["a", "b c", "d=e f", "g h", "i\"j"]);
}

fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// A build's output with only the release's two scripts, under a fresh temp directory.
struct FakeDist {
    path: PathBuf,
}

impl FakeDist {
    fn new(name: &str) -> FakeDist {
        let path = std::env::temp_dir().join(format!("candidacy-snippet-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        let release = path.join("candidacy").join(VERSION);
        std::fs::create_dir_all(&release).expect("the temp dir is created");
        std::fs::write(release.join("candidacy.js"), LOADER).unwrap();
        std::fs::write(release.join("candidacy-frame.js"), FRAME_SCRIPT).unwrap();
        FakeDist { path }
    }

    /// `candidacy snippet --dist <this> FLAGS... ATTRIBUTES...`.
    fn snippet(&self, flags: &[&str], attributes: &[&str]) -> Run {
        let dist = self.path.to_str().unwrap();
        candidacy(&[&["snippet", "--dist", dist], flags, attributes].concat())
    }
}

impl Drop for FakeDist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
