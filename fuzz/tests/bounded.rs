//! The bounded run of every fuzz target, on stable: each target's body over its seeds, over the
//! inputs committed in `fuzz/regressions/<target>/`, and over a fixed number of pseudo-random
//! inputs and mutations of the seeds (a fixed random seed per target, so a failure replays).
//!
//! `scripts/test.sh` runs it with `cargo test --locked --manifest-path fuzz/Cargo.toml
//! --no-default-features`: no nightly, no libFuzzer. A failing input is printed and written to
//! `fuzz/artifacts/<target>/`, where `cargo +nightly fuzz run <target> <file>` replays it too.
//! `FUZZ_INPUTS=<n>` changes the number of generated inputs per target (2,000 by default).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use candidacy_fuzz::seeds::{repository, seeds, HOSTILE};
use candidacy_fuzz::{Body, TARGETS};

/// Generated inputs per target: a quarter random bytes, the rest mutated seeds.
const INPUTS: usize = 2_000;
/// Longest generated input: longer than any attribute limit, short enough to stay quick.
const MAX_INPUT: usize = 16 * 1024;

#[test]
fn check() {
    run("check");
}

#[test]
fn attributes() {
    run("attributes");
}

#[test]
fn restore() {
    run("restore");
}

#[test]
fn fhir_read() {
    run("fhir_read");
}

#[test]
fn embed_config() {
    run("embed_config");
}

#[test]
fn parent_message() {
    run("parent_message");
}

#[test]
fn compiled() {
    run("compiled");
}

#[test]
fn preview() {
    run("preview");
}

/// Every target has a test above, a `fuzz_targets/` file and a `[[bin]]`, and seeds.
#[test]
fn every_target_is_run_here_and_by_cargo_fuzz() {
    let this = include_str!("bounded.rs");
    let manifest = std::fs::read_to_string(repository().join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    for (name, _) in TARGETS {
        assert!(this.contains(&format!("fn {name}() {{\n    run(\"{name}\");")), "no test runs `{name}`");
        assert!(manifest.contains(&format!("name = \"{name}\"\npath = \"fuzz_targets/{name}.rs\"")), "{name}");
        let file = repository().join(format!("fuzz/fuzz_targets/{name}.rs"));
        let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(source.contains(&format!("candidacy_fuzz::{name}::{name}(data)")), "{}", file.display());
        let seeds = seeds(name);
        assert!(!seeds.is_empty(), "`{name}` has seeds");
        let mut names: Vec<&str> = seeds.iter().map(|(name, _)| name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), seeds.len(), "`{name}`: seed names are unique");
    }
}

/// A browser reads `\` as `/` in an http(s) URL: `/\evil.example/x` is another site, refused as
/// `//evil.example/x` is; found while writing the `attributes` target, fixed in values.rs.
#[test]
fn a_backslash_relative_url_is_refused_like_two_slashes() {
    for url in
        ["/\\evil.example/collect", "\\\\evil.example/collect", "\\/evil.example/collect", "//evil.example/collect"]
    {
        let (config, warnings) =
            candidacy::config::Config::from_attributes(|name| (name == "lead-endpoint").then(|| url.to_owned()));
        assert_eq!(config.lead_endpoint, None, "{url}");
        assert_eq!(warnings.len(), 1, "{url}");
    }
}

/// `parentOrigins` may be plain http only on this computer: the frame's events can carry answers.
#[test]
fn a_plain_http_parent_origin_is_refused_off_this_computer() {
    let file = r#"{"parentOrigins": ["http://clinic.example", "http://localhost:8080"]}"#;
    let config = candidacy::config::embed::parse_embed_config("", Some(file));
    assert_eq!(config.parent_origins, ["http://localhost:8080"]);
    assert!(config.problems.iter().any(|p| p.contains("http://clinic.example")), "{:?}", config.problems);
}

/// `http://evil.example\@127.0.0.1/x` is `evil.example` to a browser, not this computer.
#[test]
fn a_backslash_cannot_hide_a_plain_http_lead_endpoint() {
    let url = "http://evil.example\\@127.0.0.1/x";
    let (config, warnings) =
        candidacy::config::Config::from_attributes(|name| (name == "lead-endpoint").then(|| url.to_owned()));
    assert_eq!(config.lead_endpoint, None, "{warnings:?}");
    let file = format!(r#"{{"attributes": {{"lead-endpoint": {}}}}}"#, serde_json::to_string(url).unwrap());
    assert!(candidacy::config::embed::parse_embed_config("", Some(&file))
        .problems
        .iter()
        .any(|p| p.contains("lead-endpoint")));
}

fn run(target: &str) {
    let body: Body = TARGETS.iter().find(|(name, _)| *name == target).expect("a target").1;
    let started = std::time::Instant::now();
    let seeds = seeds(target);
    for (name, input) in &seeds {
        replay(target, body, &format!("seed {name}"), input);
    }
    let regressions = repository().join("fuzz/regressions").join(target);
    if let Ok(entries) = std::fs::read_dir(&regressions) {
        let mut files: Vec<PathBuf> = entries.map(|entry| entry.expect("a directory entry").path()).collect();
        files.sort();
        for file in files {
            let input = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            replay(target, body, &format!("regression {}", file.display()), &input);
        }
    }
    let inputs = std::env::var("FUZZ_INPUTS").map_or(INPUTS, |n| n.parse().expect("FUZZ_INPUTS is a number"));
    let mut random = Random::new(target);
    for i in 0..inputs {
        let input = if i % 4 == 0 { random.bytes() } else { random.mutated(&seeds) };
        replay(target, body, &format!("generated input {i}"), &input);
    }
    eprintln!("`{target}`: {} seeds and {inputs} generated inputs in {:.1?}", seeds.len(), started.elapsed());
}

/// Runs one input; on a panic, prints it, saves it as an artifact and fails.
fn replay(target: &str, body: Body, what: &str, input: &[u8]) {
    if catch_unwind(AssertUnwindSafe(|| body(input))).is_ok() {
        return;
    }
    let dir = repository().join("fuzz/artifacts").join(target);
    let file = dir.join(format!("bounded-{:016x}", fnv(input)));
    let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, input));
    let saved = saved.map_or_else(|e| format!("not saved: {e}"), |()| format!("saved as {}", file.display()));
    let shown: String = String::from_utf8_lossy(input).chars().take(2_000).collect();
    panic!("`{target}` failed on {what} ({saved}), which begins:\n{}", shown.escape_debug());
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// SplitMix64: small, fast and good enough to pick mutations, seeded from the target's name.
struct Random(u64);

impl Random {
    fn new(target: &str) -> Random {
        Random(fnv(target.as_bytes()))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Random bytes, half the time from the characters that JSON and the targets' formats use.
    fn bytes(&mut self) -> Vec<u8> {
        const ALPHABET: &[u8] = b"{}[]\":,=\0\\/.-_ 0123456789aeflnrstuxyz";
        let len = self.below(512);
        let structured = self.below(2) == 0;
        (0..len).map(|_| if structured { ALPHABET[self.below(ALPHABET.len())] } else { self.next() as u8 }).collect()
    }

    /// A seed changed in one to four places (one, half the time), by bytes or, keeping JSON valid,
    /// by whole strings and numbers.
    fn mutated(&mut self, seeds: &[(String, Vec<u8>)]) -> Vec<u8> {
        let mut input = seeds[self.below(seeds.len())].1.clone();
        let n = if self.below(2) == 0 { 1 } else { 2 + self.below(3) };
        for _ in 0..n {
            let at = self.below(input.len() + 1);
            match self.below(12) {
                0 if at < input.len() => input[at] ^= 1 << self.below(8),
                1 if at < input.len() => input[at] = self.next() as u8,
                2 => {
                    let bytes: Vec<u8> = (0..=self.below(8)).map(|_| self.next() as u8).collect();
                    input.splice(at..at, bytes);
                }
                3 => {
                    let end = (at + 1 + self.below(16)).min(input.len());
                    input.drain(at..end);
                }
                4 => {
                    let end = (at + 1 + self.below(64)).min(input.len());
                    let copy = input[at..end].to_vec();
                    input.splice(at..at, copy);
                }
                5 => {
                    let token = HOSTILE[self.below(HOSTILE.len())].as_bytes().to_vec();
                    input.splice(at..at, token);
                }
                6 | 7 => {
                    // A JSON string's text for a hostile one, or for a string of another seed.
                    let Some(inside) = self.pick(&strings(&input)) else { continue };
                    let text = if self.below(2) == 0 {
                        let token = serde_json::to_string(HOSTILE[self.below(HOSTILE.len())]).expect("a string");
                        token.as_bytes()[1..token.len() - 1].to_vec()
                    } else {
                        let other = &seeds[self.below(seeds.len())].1;
                        let Some(range) = self.pick(&strings(other)) else { continue };
                        other[range].to_vec()
                    };
                    input.splice(inside, text);
                }
                8 => {
                    // A JSON number for one at an edge.
                    const NUMBERS: [&str; 10] = [
                        "0",
                        "-1",
                        "1",
                        "255",
                        "4294967296",
                        "9223372036854775807",
                        "-9223372036854775808",
                        "0.5",
                        "1e308",
                        "-0",
                    ];
                    let Some(digits) = self.pick(&numbers(&input)) else { continue };
                    input.splice(digits, NUMBERS[self.below(NUMBERS.len())].bytes());
                }
                9 => {
                    let other = &seeds[self.below(seeds.len())].1;
                    let from = self.below(other.len() + 1);
                    input.truncate(at);
                    input.extend_from_slice(&other[from..]);
                }
                10 => input.truncate(at),
                _ => input.splice(at..at, [0]).for_each(drop),
            }
        }
        input.truncate(MAX_INPUT);
        input
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())].clone())
    }
}

/// The byte ranges of the texts of the JSON strings in `input` (between unescaped quotes).
fn strings(input: &[u8]) -> Vec<std::ops::Range<usize>> {
    let quotes: Vec<usize> =
        (0..input.len()).filter(|&i| input[i] == b'"' && (i == 0 || input[i - 1] != b'\\')).collect();
    quotes.chunks_exact(2).map(|pair| pair[0] + 1..pair[1]).collect()
}

/// The byte ranges of the runs of digits in `input`, with a leading `-`.
fn numbers(input: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < input.len() {
        if input[i].is_ascii_digit() {
            let start = if i > 0 && input[i - 1] == b'-' { i - 1 } else { i };
            let end = (i..input.len()).find(|&j| !input[j].is_ascii_digit()).unwrap_or(input.len());
            runs.push(start..end);
            i = end;
        } else {
            i += 1;
        }
    }
    runs
}
