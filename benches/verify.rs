//! The verifier's speed: `cargo bench --bench verify`.
//!
//! Verifies the default protocol and generated protocols side by side in one run and prints paths,
//! states, the median time and paths per second. Not part of the test suite's pass/fail.

use std::time::{Duration, Instant};

use candidacy::protocol::{generate, load, ValidProtocol};
use candidacy::verify::verify;

fn main() {
    let generated = |n_yes_no, n_options| {
        let protocol = generate::benchmark(n_yes_no, n_options);
        (
            format!("generated: {n_yes_no} yes/no + {n_options}-option multiple choice"),
            serde_json::to_string(&protocol).expect("serializes"),
        )
    };
    let cases = [
        ("default: microneedling.json".to_owned(), candidacy::DEFAULT_PROTOCOL.to_owned()),
        generated(40, 10),
        generated(60, 12),
    ];
    println!("| protocol | paths | states | median time | time ÷ default's | paths/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut default_time = None;
    for (name, text) in cases {
        let protocol: ValidProtocol = load(&name, &text).unwrap_or_else(|e| panic!("{e}")).protocol;
        let (report, median) = measure(&protocol);
        let rate = report.paths as f64 / median.as_secs_f64();
        let ratio = median.as_secs_f64() / default_time.get_or_insert(median).as_secs_f64();
        println!(
            "| {name} | {:.3e} | {} | {:.3} ms | {ratio:.1}× | {rate:.3e} |",
            report.paths as f64,
            report.states,
            median.as_secs_f64() * 1000.0
        );
        assert!(report.holds(), "{name}: the benchmark protocols are safe by construction");
    }
}

/// Runs `verify` at least 11 times and for at least a second; returns the last report and the median.
fn measure(protocol: &ValidProtocol) -> (candidacy::verify::Report, Duration) {
    let mut times = Vec::new();
    let started = Instant::now();
    let mut report = None;
    while times.len() < 11 || started.elapsed() < Duration::from_secs(1) {
        let run = Instant::now();
        report = Some(verify(protocol).expect("explorable"));
        times.push(run.elapsed());
    }
    times.sort();
    (report.expect("ran at least once"), times[times.len() / 2])
}
