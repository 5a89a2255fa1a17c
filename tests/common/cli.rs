//! The `candidacy` binary run as a clinic would, for the CLI's integration tests.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

/// What a run of the binary gave.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_code(&self, code: i32) {
        assert_eq!(self.code, code, "exit code\n{self}");
    }

    /// Each of `lines` is a whole line of standard output.
    pub fn assert_stdout_has(&self, lines: &[impl AsRef<str>]) {
        for line in lines {
            let line = line.as_ref();
            assert!(self.stdout.lines().any(|l| l == line), "no line `{line}`\n{self}");
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|error| panic!("not JSON ({error})\n{self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "$ candidacy {}\n(exit {})\n--- stdout ---\n{}--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

pub fn candidacy(args: &[&str]) -> Run {
    run_binary(args, None)
}

pub fn candidacy_with_stdin(args: &[&str], stdin: &str) -> Run {
    run_binary(args, Some(stdin))
}

fn run_binary(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_candidacy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the candidacy binary starts");
    if let Some(text) = stdin {
        // The binary may stop reading early (e.g. a usage error), so a broken pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    let output = child.wait_with_output().expect("the candidacy binary runs");
    Run {
        args: args.iter().map(|&arg| arg.to_owned()).collect(),
        code: output.status.code().expect("the binary exits with a code"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A fresh directory under the system's temp dir, named with the process id; removed on drop.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("candidacy-cli-{}-{unique}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temp dir is created");
        TempDir { path }
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let file = self.path.join(name);
        std::fs::write(&file, text).expect("the temp file is written");
        file
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
