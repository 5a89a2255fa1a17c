//! The `candidacy` command: parse, run, print, exit. Native only; the wasm32 build is the widget.
#![cfg(not(target_arch = "wasm32"))]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = candidacy::cli::Args::parse();
    let mut stdout = std::io::stdout().lock();
    match candidacy::cli::run(args, &mut stdout) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(candidacy::cli::EXIT_USAGE)
        }
    }
}
