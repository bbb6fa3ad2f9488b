//! The plain-text commands, run as a user would run them.

use std::process::{Command, Stdio};

fn brief(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run brief")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn check_accepts_the_bundled_content() {
    let out = brief(&["check", "content"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "content/getting-started.toml: ok\n\
         content/syria-joins-anti-isil-coalition.toml: ok\n\
         ok: 2 briefing(s) valid\n"
    );
    let empty = tempfile::tempdir().unwrap();
    let out = brief(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "nothing to check is not a success"
    );
    assert_eq!(
        text(&out.stdout),
        "no briefings found (looked for *.toml files)\n"
    );
}

#[test]
fn check_reports_every_problem_and_still_counts_good_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("content/getting-started.toml", dir.path().join("good.toml")).unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[briefing]\ntitle = \"\"\ncolour = \"red\"\n[[sections]]\nheading = \"A\"\n[[takeaways]]\ntext = \"x\"\nsection = \"b\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.toml"), "[briefing\n").unwrap();
    let out = brief(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let d = dir.path().display();
    let expected = format!(
        "{d}/bad.toml:2:9: error: `title` must not be empty\n\
         {d}/bad.toml:3:1: warning: unknown key `colour` in [briefing], expected one of: title, dateline, date, source, authors, tags, summary\n\
         {d}/bad.toml:8:11: warning: takeaway points at section `b`, which does not exist (known ids: a); it is shown unlinked\n"
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert!(
        stdout.contains(&format!("{d}/broken.toml:1:10: error: invalid TOML: ")),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!(
            "{d}/good.toml: ok\n2 file(s) with 4 problem(s); 1 briefing(s) valid\n"
        )),
        "{stdout}"
    );
}

#[test]
fn show_prints_plain_wrapped_text() {
    let out = brief(&[
        "show",
        "content/syria-joins-anti-isil-coalition.toml",
        "--width",
        "60",
    ]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(
        "Historic Move: Syria Joins Global Coalition Against ISIL\nWashington, D.C. · 2025-11-10\n"
    ));
    assert!(
        stdout.lines().all(|l| brief::text::width(l) <= 60),
        "{stdout}"
    );
    assert!(stdout.contains("  • Iraq and Jordan welcomed Syria’s inclusion"));
    assert!(!stdout.contains('\x1b'));
    let takeaways = text(
        &brief(&[
            "show",
            "content/syria-joins-anti-isil-coalition.toml",
            "--takeaways",
        ])
        .stdout,
    );
    assert!(
        takeaways.starts_with(
            " 1. Syria joins US-led coalition against ISIL as its 90th member.\n    → Cooperation"
        ),
        "{takeaways}"
    );
}

#[test]
fn list_names_every_briefing() {
    let out = brief(&["list", "content"]);
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 2);
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .starts_with("2025-11-10        Historic Move")
    );
}

#[test]
fn a_closed_pipe_exits_quietly_with_status_zero() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "show",
            "content/syria-joins-anti-isil-coalition.toml",
            "--width",
            "20",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end at once, like `| head -0`.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn piped_reader_reports_failures_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("content/getting-started.toml", dir.path().join("good.toml")).unwrap();
    std::fs::write(dir.path().join("bad.toml"), "[briefing]\ntitle = 3\n").unwrap();
    let out = brief(&[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("Getting started with brief"));
    assert!(
        text(&out.stderr).contains("bad.toml:2:9: error: `title` must be a string"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn global_options_go_before_or_after_a_subcommand() {
    for args in [
        &["--theme", "light", "check", "content"][..],
        &["check", "--theme", "light", "content"][..],
        &["--max-file-size", "100000", "list", "content"][..],
    ] {
        let out = brief(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(
            !text(&out.stdout).starts_with("Historic Move"),
            "{args:?} ran the reader"
        );
    }
}

#[test]
fn piped_reader_prints_instead_of_taking_over_the_terminal() {
    let out = brief(&["content"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Historic Move"));
    assert!(
        !stdout.contains('\x1b'),
        "no escape sequences when stdout is not a terminal"
    );
}

#[test]
fn bad_theme_and_keys_are_errors_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("t.toml");
    std::fs::write(
        &theme,
        "name = \"t\"\n[styles]\nheading = { fg = \"chartreuse\" }\n",
    )
    .unwrap();
    let out = brief(&["--theme", theme.to_str().unwrap(), "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("t.toml:3:18: error: invalid colour `chartreuse`"),
        "{}",
        text(&out.stderr)
    );
    let out = brief(&["--theme", "solarized"]);
    assert!(text(&out.stderr).contains("no theme named `solarized`"));
    let keys = dir.path().join("k.toml");
    std::fs::write(&keys, "[keys]\nquit = [\"hyper-q\"]\n").unwrap();
    let out = brief(&["--keys", keys.to_str().unwrap(), "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("k.toml:2:9: error: unknown key `hyper-q`"));
}

#[test]
fn check_prints_warnings_and_fails_on_them_only_when_strict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.toml");
    std::fs::write(
        &file,
        "[briefing]\ntitle = \"T\"\ntags = \"x\"\n[[sections]]\nheading = \"Big News\"\n[[takeaways]]\ntext = \"t\"\nsection = \"Big News\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let expected = format!(
        "{path}:3:8: warning: `tags` must be an array, found a string\n\
         {path}:8:11: warning: takeaway points at section `Big News`, which does not exist (that is a heading: its id is `big-news`); it is shown unlinked\n\
         {path}: ok\n\
         ok: 1 briefing(s) valid (2 warning(s))\n"
    );
    let out = brief(&["check", path]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), expected);
    let out = brief(&["check", "--strict", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), expected);
    let out = brief(&["show", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("→ ? no section `Big News`"));
    assert!(text(&out.stderr).contains(":3:8: warning: `tags`"));
}
