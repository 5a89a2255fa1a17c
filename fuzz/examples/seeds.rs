//! Writes every target's seeds (`candidacy_fuzz::seeds`) to `<dir>/<target>/<name>`, the corpus
//! directories `cargo fuzz run` reads; `fuzz/seed.sh` runs it with `fuzz/corpus`. Files already
//! there (inputs a run found) are kept.

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args_os().nth(1).unwrap_or_else(|| "fuzz/corpus".into()));
    for (target, _) in candidacy_fuzz::TARGETS {
        let corpus = dir.join(target);
        std::fs::create_dir_all(&corpus)?;
        let seeds = candidacy_fuzz::seeds::seeds(target);
        for (name, input) in &seeds {
            std::fs::write(corpus.join(name), input)?;
        }
        println!("{}: {} seeds", corpus.display(), seeds.len());
    }
    Ok(())
}
