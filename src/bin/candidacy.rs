//! The `candidacy` command: parse, run, print, exit. Native only; the wasm32 build is the widget.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    let args = candidacy::cli::Args::parse();
    let mut stdout = std::io::stdout().lock();
    match candidacy::cli::run(args, &mut stdout) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::from(candidacy::cli::EXIT_USAGE)
        }
    }
}

/// Tests for wasm32 build every binary; there is no command line in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
