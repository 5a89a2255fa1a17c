//! The crates are the architecture, and the build holds them to it: what each crate may depend on
//! is read from `cargo tree` (the widget for wasm32, as Trunk builds it), and no crate but the
//! widget tells targets apart.

use std::path::Path;
use std::process::Command;

/// The crates (normal dependencies, for `target`) that `package` pulls in, by name.
fn dependencies(package: &str, target: Option<&str>) -> Vec<String> {
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args(["tree", "--locked", "--offline", "-e", "normal", "--prefix", "none", "--format", "{p}", "-p", package]);
    if let Some(target) = target {
        cargo.args(["--target", target]);
    }
    let output = cargo.current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("cargo runs");
    assert!(output.status.success(), "cargo tree -p {package}: {}", String::from_utf8_lossy(&output.stderr));
    let mut names: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn assert_none_of(package: &str, target: Option<&str>, forbidden: &[&str]) {
    let found = dependencies(package, target);
    assert!(found.iter().any(|name| name == package), "{package} is listed in its own tree: {found:?}");
    let offending: Vec<&&str> = forbidden.iter().filter(|name| found.iter().any(|f| f == *name)).collect();
    assert!(offending.is_empty(), "{package} depends on {offending:?}; its tree: {found:?}");
}

const WEB: &[&str] = &["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"];
const AUTHORING: &[&str] = &["candidacy-authoring", "serde_path_to_error", "schemars", "clap", "httparse", "anyhow"];

#[test]
fn the_widget_never_depends_on_the_authoring_side() {
    assert_none_of("candidacy-widget", Some("wasm32-unknown-unknown"), AUTHORING);
    assert_none_of("candidacy-widget", None, AUTHORING);
}

#[test]
fn the_core_knows_no_json_no_web_and_no_other_crate_of_ours() {
    let forbidden: Vec<&str> = [WEB, AUTHORING, &["serde_json", "candidacy-embed", "candidacy-widget"]].concat();
    assert_none_of("candidacy-core", Some("wasm32-unknown-unknown"), &forbidden);
}

#[test]
fn the_page_side_knows_no_web_types_and_no_authoring() {
    let forbidden: Vec<&str> = [WEB, AUTHORING, &["candidacy-widget"]].concat();
    assert_none_of("candidacy-embed", Some("wasm32-unknown-unknown"), &forbidden);
}

#[test]
fn the_authoring_side_knows_no_web_types_and_no_widget() {
    let forbidden: Vec<&str> = [WEB, &["candidacy-widget", "clap"]].concat();
    assert_none_of("candidacy-authoring", None, &forbidden);
}

#[test]
fn the_cli_is_over_the_authoring_side_and_not_the_widget() {
    let found = dependencies("candidacy", None);
    assert!(found.iter().any(|name| name == "candidacy-authoring"), "{found:?}");
    assert_none_of("candidacy", None, &[WEB, &["candidacy-widget"]].concat());
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn only_the_widget_tells_targets_apart() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "crates/core", "crates/embed", "crates/authoring"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "the sources are found: {}", files.len());
    let needle = ["target", "_arch"].concat();
    let offending: Vec<String> = (files.iter())
        .filter(|file| std::fs::read_to_string(file).unwrap().contains(&needle))
        .map(|file| file.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(offending.is_empty(), "`{needle}` outside crates/widget: {offending:?}");
}
