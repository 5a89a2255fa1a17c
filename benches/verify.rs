//! The verifier's and the diff's speed: `cargo bench --bench verify`.
//!
//! Times, side by side in one run, on the default protocol and generated ones: the diagram alone
//! (`explore`), the full proof (`verify`, monotonicity included), the screening-profile proof
//! where the protocol has a profile, and `diff` against a copy with
//! one rule changed. Prints paths, states, the median time and its ratio to the default
//! protocol's diagram. Not part of the test suite's pass/fail.

use std::time::{Duration, Instant};

use candidacy::diff::diff;
use candidacy::profile::ProfileSet;
use candidacy::protocol::{generate, load, ValidProtocol};
use candidacy::verify::profile::prove;
use candidacy::verify::{explore, verify};

fn main() {
    let generated = |n_yes_no, n_options| {
        let protocol = generate::benchmark(n_yes_no, n_options);
        (
            format!("generated: {n_yes_no} yes/no + {n_options}-option multiple choice"),
            serde_json::to_value(&protocol).expect("serializes"),
        )
    };
    let default: serde_json::Value = serde_json::from_str(candidacy::DEFAULT_PROTOCOL).expect("the default parses");
    let cases = [("default: microneedling.json".to_owned(), default), generated(40, 10), generated(60, 12)];

    println!("| protocol | what | paths | states | median time | time ÷ default's diagram |");
    println!("|---|---|---:|---:|---:|---:|");
    let profiles = ProfileSet::builtin();
    let mut unit = None;
    let mut row = |name: &str, what: &str, paths: u128, states: usize, median: Duration| {
        let ratio = median.as_secs_f64() / unit.get_or_insert(median).as_secs_f64();
        println!(
            "| {name} | {what} | {:.3e} | {states} | {:.3} ms | {ratio:.1}× |",
            paths as f64,
            median.as_secs_f64() * 1000.0
        );
    };
    for (name, json) in cases {
        let protocol = load_json(&name, &json);
        let (graph, median) = measure(|| explore(&protocol).expect("explorable"));
        let paths = graph.ends().iter().map(|n| n.paths).sum();
        row(&name, "diagram (`explore`)", paths, graph.n_states(), median);

        let (report, median) = measure(|| verify(&protocol).expect("explorable"));
        assert!(report.holds(), "{name}: the benchmark protocols are safe by construction");
        row(
            &name,
            "`verify` (all properties, monotonicity included)",
            report.paths,
            report.states + report.pair_states,
            median,
        );

        if let Some(profile) = profiles.get(protocol.protocol.profile_id()) {
            let (proof, median) = measure(|| prove(&protocol, profile).expect("explorable"));
            assert!(proof.holds(), "{name}: the default protocol passes its profile");
            row(&name, "profile proof (every item ruled out, least outcomes)", proof.paths, proof.states, median);
        }

        let changed = load_json(&name, &with_one_rule_changed(&json));
        let (found, median) = measure(|| diff(&protocol, &changed).expect("comparable"));
        assert!(!found.classes.is_empty(), "{name}: the changed rule changes some visitors");
        row(&name, "`diff` against a copy with one rule changed", found.paths, found.states, median);
    }
}

/// The protocol with its first consult rule turned into a postpone rule.
fn with_one_rule_changed(json: &serde_json::Value) -> serde_json::Value {
    let mut changed = json.clone();
    let rules = changed["rules"].as_array_mut().expect("rules");
    let rule = rules.iter_mut().find(|rule| rule["effect"] == "consult").expect("a consult rule");
    rule["effect"] = "postpone".into();
    rule["come_back"] = "later".into();
    changed
}

fn load_json(name: &str, json: &serde_json::Value) -> ValidProtocol {
    load(name, &json.to_string()).unwrap_or_else(|e| panic!("{e}")).protocol
}

/// Runs `work` at least 11 times and for at least a second; returns the last result and the median.
fn measure<T>(mut work: impl FnMut() -> T) -> (T, Duration) {
    let mut times = Vec::new();
    let started = Instant::now();
    let mut last = None;
    while times.len() < 11 || started.elapsed() < Duration::from_secs(1) {
        let run = Instant::now();
        last = Some(work());
        times.push(run.elapsed());
    }
    times.sort();
    (last.expect("ran at least once"), times[times.len() / 2])
}
