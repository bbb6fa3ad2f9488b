//! `brief import`'s promises about files and exit statuses, and `brief new`.

use std::path::Path;

use super::{brief_at, fixture, text};

fn seed() -> String {
    fixture("seed.txt")
}

const SEED_FILE: &str = "historic-move-syria-joins-global-coalition-against-isil.toml";

#[test]
fn never_overwrites_without_force_and_replaces_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = brief_at(dir.path(), &["import", &seed()], None);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let target = dir.path().join(SEED_FILE);
    std::fs::write(&target, "mine").unwrap();
    let again = brief_at(dir.path(), &["import", &seed()], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("exists; use --force to replace it"));
    assert!(
        !text(&again.stderr).contains("note:"),
        "the guesses are said with what was made, not before a refusal"
    );
    assert!(
        text(&first.stderr).contains("note:"),
        "{}",
        text(&first.stderr)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    let forced = brief_at(dir.path(), &["import", "--force", &seed()], None);
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("format = 1")
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [SEED_FILE], "no temporary file is left behind");
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_at(dir.path(), &["import", "--dry-run", &seed()], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("format = 1\n\n[briefing]\n"));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!(
        "would write {}",
        dir.path().join(SEED_FILE).display()
    )));
    assert!(
        stderr.contains(":4:26: note: date 2025-11-10 taken from \"Monday, November 10, 2025\"")
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn one_output_file_and_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let markdown = b"# From a pipe\n\nSome text.\n\n## Part\n\nMore.\n";
    let out = brief_at(
        dir.path(),
        &["import", "-", "-o", "piped.toml"],
        Some(markdown),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("from <stdin>"));
    let check = brief_at(dir.path(), &["check", "piped.toml"], None);
    assert_eq!(check.status.code(), Some(0));
    let printed = brief_at(
        dir.path(),
        &["import", "-", "-o", "-", "--no-keywords"],
        Some(markdown),
    );
    assert!(text(&printed.stdout).contains("title = \"From a pipe\""));
    let two = brief_at(
        dir.path(),
        &["import", &seed(), &seed(), "-o", "x.toml"],
        None,
    );
    assert_eq!(
        two.status.code(),
        Some(2),
        "-o with two inputs is a usage error"
    );
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn a_failed_input_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.md"), b"# Title\n\0\x01\x02").unwrap();
    let out = brief_at(
        dir.path(),
        &[
            "import",
            "binary.md",
            "missing.md",
            &seed(),
            "--out",
            "made",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("binary.md:2:1: error: input holds a NUL byte"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.md: error: cannot open"),
        "{stderr}"
    );
    assert!(dir.path().join("made").join(SEED_FILE).exists());
}

#[test]
fn inputs_over_100_mb_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    // Sparse: no 100 MB is written or read.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100_000_001)
        .unwrap();
    let out = brief_at(dir.path(), &["import", "big.md"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("big.md: error: input is larger than 100 MB"));
    let piped = brief_at(dir.path(), &["import", "-"], Some(&vec![b'a'; 100_000_001]));
    assert_eq!(piped.status.code(), Some(1));
    assert!(text(&piped.stderr).contains("<stdin>: error: input is larger than 100 MB"));
}

#[test]
fn names_come_from_titles_and_stay_inside_out() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = b"# ../../escape/passwd\n\nText.\n";
    let out = brief_at(dir.path(), &["import", "-", "--out", "in"], Some(hostile));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.path().join("in/escape-passwd.toml").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn new_writes_a_template_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_at(
        dir.path(),
        &["new", "Weekly notes", "-o", "notes.toml"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let check = brief_at(dir.path(), &["check", "--strict", "notes.toml"], None);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let again = brief_at(dir.path(), &["new", "-o", "notes.toml"], None);
    assert_eq!(again.status.code(), Some(1), "no overwrite without --force");
    let printed = brief_at(Path::new("."), &["new"], None);
    let piped = brief_at(
        dir.path(),
        &["check", "--strict", "-"],
        Some(&printed.stdout),
    );
    assert_eq!(piped.status.code(), Some(0), "{}", text(&piped.stderr));
    let template = text(&printed.stdout);
    for kind in [
        "\n- a bullet item",
        "\n1. the first step",
        "\n  - a detail",
        "\n> A quote",
        "[keywords]",
        "section = \"details\"",
    ] {
        assert!(template.contains(kind), "{kind}");
    }
}

#[test]
fn the_template_is_dated_today_as_the_digest_counts_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["new", "Dated"])
        .env("BRIEF_TODAY", "2030-02-03")
        .env("HOME", "/nonexistent")
        .output()
        .expect("run brief");
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("date = 2030-02-03"),
        "{}",
        text(&out.stdout)
    );
}
