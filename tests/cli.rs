//! The plain-text commands, run as a user would run them: the real binary, with scratch
//! `HOME` and `XDG_*` directories so that no file of the machine's own is read or written.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs brief in `dir` with `input` on standard input (empty if `None`).
fn brief_at(dir: &Path, args: &[&str], input: Option<&[u8]>) -> std::process::Output {
    let home = tempfile::tempdir().expect("scratch home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    let mut stdin = child.stdin.take().expect("stdin");
    // A command that does not read its input may exit first: a closed pipe is fine here.
    let _ = stdin.write_all(input.unwrap_or_default());
    drop(stdin);
    child.wait_with_output().expect("wait for brief")
}

fn brief(args: &[&str]) -> std::process::Output {
    brief_at(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

const GOOD: &str = "[briefing]\ntitle = \"Good\"\n[[sections]]\nbody = \"Fine.\"\n";

#[test]
fn check_accepts_the_bundled_content() {
    let out = brief(&["check", "content"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "content/getting-started.toml: ok\n\
         content/syria-joins-anti-isil-coalition.toml: ok\n\
         ok: 2 briefings valid\n"
    );
    assert_eq!(text(&out.stderr), "");
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
    // Problems go to standard error, as from every command; the verdicts to standard output.
    let stderr = text(&out.stderr);
    let d = dir.path().display();
    let expected = format!(
        "{d}/bad.toml:2:9: error: `title` must not be empty\n\
         {d}/bad.toml:3:1: warning: unknown key `colour` in [briefing], expected one of: id, title, dateline, date, source, authors, tags, summary\n\
         {d}/bad.toml:8:11: warning: takeaway points at section `b`, which does not exist (known ids: a); it is shown unlinked\n"
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{d}/broken.toml:1:1: error: invalid TOML: this table header is not closed with `]`"
        )),
        "{stderr}"
    );
    assert_eq!(
        text(&out.stdout),
        format!("{d}/good.toml: ok\n2 files with 4 problems; 1 briefing valid\n")
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
fn options_go_anywhere_in_their_own_command() {
    for args in [
        &["check", "--max-file-size", "100000", "content"][..],
        &["list", "content", "--max-file-size", "100000"][..],
        &["show", "--theme", "light", "content/getting-started.toml"][..],
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
    let warnings = format!(
        "{path}:3:8: warning: `tags` must be an array, found a string\n\
         {path}:8:11: warning: takeaway points at section `Big News`, which does not exist (that is a heading: its id is `big-news`); it is shown unlinked\n"
    );
    let expected = format!("{path}: ok\nok: 1 briefing valid (2 warnings)\n");
    let out = brief(&["check", path]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(text(&out.stderr), warnings);
    let out = brief(&["check", "--strict", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(text(&out.stderr), warnings);
    let out = brief(&["show", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("→ ? no section `Big News`"));
    assert!(text(&out.stderr).contains(":3:8: warning: `tags`"));
}

#[test]
fn options_a_command_does_not_use_are_refused() {
    for args in [
        &["show", "content/getting-started.toml", "--keys", "k.toml"][..],
        &["list", "--theme", "light", "content"],
        &["list", "--watch", "Iran", "content"],
        &["check", "--watchlist", "w.toml", "content"],
        &["--theme", "light", "check", "content"],
        &["--max-file-size", "100", "list", "content"],
    ] {
        let out = brief(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} was accepted");
        assert!(text(&out.stdout).is_empty(), "{args:?}");
        assert!(text(&out.stderr).contains("error:"), "{args:?}");
    }
    // An option a command takes is checked, even where it does not change the output.
    let out = brief(&["show", "--theme", "nosuch", "content/getting-started.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no theme named `nosuch`"));
}

#[test]
fn the_default_set_is_announced() {
    let own = tempfile::tempdir().unwrap();
    std::fs::write(own.path().join("mine.toml"), GOOD).unwrap();
    for (command, doing) in [("check", "checking"), ("list", "listing")] {
        let out = brief_at(own.path(), &[command], None);
        assert_eq!(
            text(&out.stderr),
            format!(
                "brief: no path given and no library configured: {doing} the briefings built into brief (there is no ./content here)\n"
            ),
            "{command}"
        );
        assert!(out.status.success(), "{command}");
        let out = brief(&[command]);
        assert_eq!(
            text(&out.stderr),
            format!("brief: no path given and no library configured: {doing} ./content\n")
        );
    }
    // Named paths are not announced.
    assert_eq!(
        text(&brief_at(own.path(), &["check", "."], None).stderr),
        ""
    );
}

/// Every command that loads briefings, for a path: the reader (piped), `list`, `check`, `show`.
fn every_command(path: &str) -> [Vec<&str>; 4] {
    [
        vec![path],
        vec!["list", path],
        vec!["check", path],
        vec!["show", path],
    ]
}

#[test]
fn every_command_reports_every_load_failure_on_stderr_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(d.join("wide.toml"), utf16).unwrap();
    std::fs::write(d.join("bad.toml"), "[briefing]\ntitle = 3\n").unwrap();
    for (path, message) in [
        (
            "nosuchdir",
            "nosuchdir: error: cannot open: no such file or directory",
        ),
        (
            "wide.toml",
            "wide.toml: error: file is UTF-16LE (little-endian), not UTF-8",
        ),
        ("bad.toml", "bad.toml:2:9: error: `title` must be a string"),
        (
            "built-in:nope",
            "no briefing built into brief is named `nope`",
        ),
    ] {
        for args in every_command(path) {
            let out = brief_at(d, &args, None);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(
                text(&out.stderr).contains(message),
                "{args:?}: {}",
                text(&out.stderr)
            );
        }
    }
    // An empty directory is the same "no briefings found" everywhere (show names one file,
    // and says a directory is not one).
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    for args in &every_command(".")[..3] {
        let out = brief_at(empty.path(), args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            "brief: no briefings found (a directory search takes *.toml files with a [briefing] table and *.md articles)\n",
            "{args:?}"
        );
    }
}

#[test]
fn files_in_other_unicode_encodings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let units = || GOOD.encode_utf16();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "le-bom.toml",
            [0xFF, 0xFE]
                .into_iter()
                .chain(units().flat_map(u16::to_le_bytes))
                .collect(),
            "UTF-16LE",
        ),
        (
            "be-bom.toml",
            [0xFE, 0xFF]
                .into_iter()
                .chain(units().flat_map(u16::to_be_bytes))
                .collect(),
            "UTF-16BE",
        ),
        (
            "le.toml",
            units().flat_map(u16::to_le_bytes).collect(),
            "UTF-16LE",
        ),
        (
            "be.toml",
            units().flat_map(u16::to_be_bytes).collect(),
            "UTF-16BE",
        ),
        (
            "utf32.toml",
            [0xFF, 0xFE, 0, 0]
                .into_iter()
                .chain(GOOD.chars().flat_map(|c| u32::from(c).to_le_bytes()))
                .collect(),
            "UTF-32LE",
        ),
    ];
    for (name, bytes, encoding) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = brief_at(dir.path(), &["check", name], None);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            text(&out.stderr),
            format!(
                "{name}: error: file is {encoding} ({}-endian), not UTF-8: convert it (e.g. iconv -f {encoding} -t UTF-8)\n",
                if encoding.ends_with("LE") {
                    "little"
                } else {
                    "big"
                }
            ),
        );
    }
    // Found by a directory search too: whether such a file is a briefing cannot be told, so it
    // is reported rather than skipped.
    let out = brief_at(dir.path(), &["check", "."], None);
    assert_eq!(
        text(&out.stderr).lines().count(),
        cases.len(),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_directory_search_takes_only_files_that_declare_themselves_briefings() {
    // This repository holds Cargo.toml, clippy.toml, rustfmt.toml and themes: none is a
    // briefing, and none is reported.
    // (Its Markdown documents are articles, read as docs/import.md says; --quiet leaves out
    // what their import guessed.)
    let out = brief(&["check", "--quiet", "."]);
    assert_eq!(text(&out.stderr), "", "{}", text(&out.stdout));
    assert!(out.status.success());
    let listed = text(&brief(&["list", "."]).stdout);
    let toml: Vec<&str> = listed.lines().filter(|l| l.ends_with(".toml)")).collect();
    assert_eq!(toml.len(), 2, "{listed}");
    assert!(!listed.contains("README.md"), "{listed}");
    let out = brief(&["list", "themes", "content"]);
    assert_eq!(text(&out.stdout).lines().count(), 2);
    assert!(out.status.success());
    // Every way of declaring the table counts; a file named explicitly is always checked.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.toml"), "# notes\nformat = 1\n\n[ briefing ]  # the header\ntitle = \"A\"\n[[sections]]\nbody = \"x\"\n").unwrap();
    std::fs::write(
        d.join("b.toml"),
        "briefing.title = \"B\"\n[[sections]]\nbody = \"x\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("c.toml"),
        "briefing = { title = \"C\" }\n[[sections]]\nbody = \"x\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("d.toml"),
        "[[sections]]\nbody = \"x\"\n[briefing]\ntitle = 7\n",
    )
    .unwrap();
    std::fs::write(d.join("theme.toml"), "name = \"t\"\n[styles]\ntext = {}\n").unwrap();
    std::fs::write(
        d.join("notes.toml"),
        "[sections]\nbriefing = \"not at the top level\"\n",
    )
    .unwrap();
    let out = brief_at(d, &["check", "."], None);
    assert_eq!(
        text(&out.stdout),
        "./a.toml: ok\n./b.toml: ok\n./c.toml: ok\n1 file with 1 problem; 3 briefings valid\n"
    );
    assert_eq!(
        text(&out.stderr),
        "./d.toml:4:9: error: `title` must be a string, found an integer\n"
    );
    let out = brief_at(d, &["check", "theme.toml"], None);
    assert_eq!(out.status.code(), Some(1), "a named file is checked");
    assert!(
        text(&out.stderr).starts_with("theme.toml:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn list_actions_prints_a_keys_file_that_keys_accepts_unchanged() {
    let out = brief(&["--list-actions"]);
    assert!(out.status.success());
    let listing = text(&out.stdout);
    assert!(listing.starts_with("# brief keys file"), "{listing}");
    assert!(listing.contains("\n# Quit\nquit = ["), "{listing}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keys.toml"), &listing).unwrap();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let out = brief_at(
        dir.path(),
        &["--keys", "keys.toml", content.to_str().unwrap()],
        None,
    );
    assert_eq!(text(&out.stderr), "");
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("Historic Move"));
}

#[test]
fn a_name_brief_prints_is_a_name_brief_accepts() {
    let nowhere = tempfile::tempdir().unwrap();
    let listed = text(&brief_at(nowhere.path(), &["list"], None).stdout);
    let names: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.rsplit_once('(')?.1.strip_suffix(')'))
        .collect();
    assert_eq!(names.len(), 2, "{listed}");
    for name in names {
        assert!(name.starts_with("built-in:"), "{name}");
        for args in [
            vec!["show", name],
            vec![name],
            vec!["check", name],
            vec!["list", name],
        ] {
            let out = brief_at(nowhere.path(), &args, None);
            assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
            assert_eq!(text(&out.stderr), "", "{args:?}");
        }
    }
    let shown = text(&brief_at(nowhere.path(), &["show", "built-in:getting-started"], None).stdout);
    assert!(shown.starts_with("Getting started with brief"), "{shown}");
    // The same goes for the names of files: what `list` prints, `show` opens.
    let out = brief(&["list", "./content"]);
    for line in text(&out.stdout).lines() {
        let file = line.rsplit_once('(').unwrap().1.strip_suffix(')').unwrap();
        assert!(brief(&["show", file]).status.success(), "{file}");
    }
}

#[test]
fn a_dash_is_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let input =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/getting-started.toml"))
            .unwrap();
    let out = brief_at(dir.path(), &["show", "-"], Some(&input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Getting started with brief\n"));
    let out = brief_at(dir.path(), &["check", "-"], Some(&input));
    assert_eq!(text(&out.stdout), "<stdin>: ok\nok: 1 briefing valid\n");
    let out = brief_at(dir.path(), &["-"], Some(&input));
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("Getting started with brief\n"));
    let out = brief_at(dir.path(), &["list", "-", "-"], Some(&input));
    assert_eq!(
        text(&out.stdout).lines().count(),
        1,
        "standard input is one briefing"
    );
    // Problems in standard input are located like a file's.
    let out = brief_at(
        dir.path(),
        &["check", "-"],
        Some(b"[briefing]\ntitle = 3\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("<stdin>:2:9: error: `title` must be a string"),
        "{}",
        text(&out.stderr)
    );
    let out = brief_at(dir.path(), &["show", "-"], Some(&[0xFF, 0xFE, b'[', 0]));
    assert!(
        text(&out.stderr).contains("<stdin>: error: file is UTF-16LE"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn one_file_named_several_ways_is_one_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("content")).unwrap();
    std::fs::write(d.join("content/good.toml"), GOOD).unwrap();
    std::os::unix::fs::symlink("good.toml", d.join("content/alias.toml")).unwrap();
    std::os::unix::fs::symlink("content", d.join("link")).unwrap();
    for args in [
        &["list", "content/good.toml", "./content/good.toml"][..],
        &["list", "content", "./content", "content/"],
        &["list", "content", "link", "link/good.toml"],
        &["list", "content/alias.toml", "content/good.toml"],
    ] {
        let out = brief_at(d, args, None);
        assert_eq!(
            text(&out.stdout).lines().count(),
            1,
            "{args:?}: {}",
            text(&out.stdout)
        );
        assert!(out.status.success(), "{args:?}");
    }
    let out = brief_at(d, &["check", "content", "./content"], None);
    assert_eq!(
        text(&out.stdout).lines().last(),
        Some("ok: 1 briefing valid")
    );
}

#[test]
fn show_prints_tags_and_one_blank_line_between_blocks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.toml"),
        "[briefing]\ntitle = \"T\"\ntags = [\"energy\", \"eu\"]\n\
         [[sections]]\nbody = \"Lead.\"\n\
         [[sections]]\nheading = \"Empty\"\nbody = \"\"\n\
         [[sections]]\nheading = \"Next\"\nbody = \"Text.\"\n",
    )
    .unwrap();
    let out = brief_at(dir.path(), &["show", "t.toml"], None);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "T\n#energy #eu\n\nLead.\n\nEmpty\n─────\n\nNext\n────\n\nText.\n"
    );
}

/// A minimal briefing with `title`, a `date` line (or none) and one section of `body`.
fn briefing_text(extra: &str, title: &str, body: &str) -> String {
    format!(
        "[briefing]\n{extra}title = \"{title}\"\ndate = 2025-11-10\n[[sections]]\nbody = \"{body}\"\n"
    )
}

#[test]
fn different_briefings_with_one_id_are_both_valid_with_a_warning_naming_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let put = |name: &str, extra: &str, title: &str, text: &str| {
        std::fs::write(
            dir.path().join(format!("{name}.toml")),
            briefing_text(extra, title, text),
        )
        .unwrap();
    };
    let check = |strict: bool| {
        let mut args = vec!["check", dir.path().to_str().unwrap()];
        if strict {
            args.push("--strict");
        }
        brief(&args)
    };
    // A copy of a briefing is the same briefing: no warning.
    put("a", "", "Talks: day one", "A.");
    put("c", "", "Talks: day one", "A.");
    assert_eq!(check(true).status.code(), Some(0));
    // The same derived id (case and punctuation do not count) for a different text.
    put("b", "", "talks day one", "B.");
    let out = check(false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).ends_with("ok: 3 briefings valid (4 warnings)\n"),
        "{}",
        text(&out.stdout)
    );
    let stderr = text(&out.stderr);
    let id = "talks-day-one-2025-11-10";
    for (file, other) in [("a", "b"), ("b", "a"), ("c", "b"), ("b", "c")] {
        let line = format!(
            "{d}/{file}.toml:2:9: warning: briefing id `{id}` is also the id of {d}/{other}.toml, a different briefing"
        );
        assert!(stderr.contains(&line), "{line}\n{stderr}");
    }
    assert_eq!(check(true).status.code(), Some(1));
    // An `id` tells them apart.
    put("b", "id = \"talks-b\"\n", "talks day one", "B.");
    let out = check(true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_malformed_id_is_a_warning_and_the_derived_id_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    for bad in ["\"two words\"", "\"\"", "7", "\"caf\u{e9}\""] {
        std::fs::write(&path, briefing_text(&format!("id = {bad}\n"), "T", "x")).unwrap();
        let out = brief(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{bad}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!("{}:2:6: warning: `id` ", path.display())),
            "{bad}: {stderr}"
        );
    }
}

#[test]
fn the_config_directory_follows_xdg_and_ignores_a_relative_or_empty_variable() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let broken = "[keys]\nquit = 3\n";
    for dir in [
        home.path().join(".config/brief"),
        work.path().join("rel/brief"),
    ] {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("keys.toml"), broken).unwrap();
    }
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/getting-started.toml");
    let run = |xdg: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.arg(&seed)
            .current_dir(work.path())
            .env("HOME", home.path())
            .env_remove("XDG_CONFIG_HOME")
            .env("XDG_STATE_HOME", home.path().join("state"))
            .stdin(Stdio::null());
        if let Some(xdg) = xdg {
            cmd.env("XDG_CONFIG_HOME", xdg);
        }
        let out = cmd.output().expect("run brief");
        (out.status.code(), text(&out.stderr))
    };
    // Unset, empty or relative: `~/.config/brief/keys.toml` is the keys file read.
    let expected = format!("{}/.config/brief/keys.toml:2:", home.path().display());
    for xdg in [None, Some(""), Some("rel")] {
        let (code, stderr) = run(xdg);
        assert_eq!(code, Some(2), "{xdg:?}: {stderr}");
        assert!(stderr.starts_with(&expected), "{xdg:?}: {stderr}");
    }
    // An absolute directory without a keys file: defaults, and the briefing is printed.
    let (code, stderr) = run(Some(work.path().join("none").to_str().unwrap()));
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn list_json_is_one_document_with_every_briefing() {
    let out = brief(&["list", "--json", "content"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["schema"], 1);
    let briefings = doc["briefings"].as_array().expect("briefings");
    assert_eq!(briefings.len(), 2);
    let seed = &briefings[0];
    assert_eq!(
        seed["title"],
        "Historic Move: Syria Joins Global Coalition Against ISIL"
    );
    assert_eq!(seed["date"], "2025-11-10");
    assert_eq!(seed["dateline"], "Washington, D.C.");
    assert_eq!(seed["path"], "content/syria-joins-anti-isil-coalition.toml");
    assert_eq!(seed["sections"], 8);
    assert_eq!(seed["takeaways"], 5);
    assert_eq!(seed["tags"][0], "syria");
    assert!(
        seed["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("historic-move"))
    );
    assert!(briefings[1]["date"].is_null() || briefings[1]["date"].is_string());
}

#[test]
fn check_json_names_every_problem_with_its_place_and_nothing_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.toml"), GOOD).expect("write");
    std::fs::write(
        dir.path().join("warned.toml"),
        format!("{GOOD}[[takeaways]]\ntext = \"t\"\nsection = \"nowhere\"\n"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("bad.toml"),
        "[briefing]\ntitle = \"unclosed\n",
    )
    .expect("write");
    let out = brief_at(dir.path(), &["check", "--format", "json", "."], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "", "every problem is in the document");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["ok"], false);
    assert_eq!(
        (doc["valid"].clone(), doc["failed"].clone()),
        (2.into(), 1.into())
    );
    let files = doc["files"].as_array().expect("files");
    let paths: Vec<&str> = files.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["./bad.toml", "./good.toml", "./warned.toml"]);
    let bad = &files[0];
    assert_eq!(bad["valid"], false);
    assert_eq!(bad["problems"][0]["severity"], "error");
    assert_eq!(bad["problems"][0]["line"], 2);
    assert!(bad["problems"][0]["column"].is_u64());
    let warned = &files[2];
    assert_eq!(warned["valid"], true);
    assert_eq!(warned["problems"][0]["severity"], "warning");
    // Valid files only: ok, and --strict fails on the warning.
    std::fs::remove_file(dir.path().join("bad.toml")).expect("remove");
    let out = brief_at(dir.path(), &["check", "--format", "json", "."], None);
    assert!(out.status.success());
    let strict = brief_at(
        dir.path(),
        &["check", "--format", "json", "--strict", "."],
        None,
    );
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn check_quiet_prints_only_the_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.toml"), GOOD).expect("write");
    let out = brief_at(dir.path(), &["check", "--quiet", "."], None);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), "");
    std::fs::write(dir.path().join("bad.toml"), "[briefing\n").expect("write");
    let out = brief_at(dir.path(), &["check", "--quiet", "."], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).starts_with("./bad.toml:1:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn completions_for_every_shell_know_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = brief(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        for word in [
            "check",
            "show",
            "list",
            "completions",
            "no-watch",
            "max-file-size",
        ] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    // The bash script is valid bash.
    let out = brief(&["completions", "bash"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("brief.bash");
    std::fs::write(&file, &out.stdout).expect("write");
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .expect("bash");
    assert!(syntax.success());
    assert!(!brief(&["completions", "tcsh"]).status.success());
}

#[test]
fn the_man_page_is_roff_naming_every_command_and_option() {
    let out = brief(&["man"]);
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.contains(".TH brief 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    for word in ["check", "completions", "\\-\\-no\\-watch", "\\-\\-theme"] {
        assert!(page.contains(word), "no {word}");
    }
}
