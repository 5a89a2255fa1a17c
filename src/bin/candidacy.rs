//! The `candidacy` command: parse, run, print, exit.

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
