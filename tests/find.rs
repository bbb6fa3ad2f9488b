//! Finding things from the command line, run as a user would: `brief search`, `brief list
//! --term` and `brief digest` on a scratch library, with scratch `HOME` and `XDG_*`
//! directories so that no file of the machine's own is read or written.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A scratch library of three briefings (and its directory, removed when dropped).
struct Scratch {
    dir: tempfile::TempDir,
}

const SYRIA: &str = r#"[briefing]
title = "Syria joins the coalition"
date = 2025-11-10
tags = ["syria", "diplomacy"]

[keywords]
people = ["Ahmed al-Sharaa"]
places = ["Syria", "Damascus"]

[[sections]]
body = """
Ahmed al-Sharaa met the president at the White House.
"""

[[sections]]
heading = "Sanctions"
body = """
A six-month suspension of sanctions on Syria.

- Damascus welcomed it.
"""

[[takeaways]]
text = "Syria is the coalition's 90th member."
section = "sanctions"

[[takeaways]]
text = "Sanctions are suspended for *six* months."
section = "sanctions"
"#;

const TRADE: &str = r#"[briefing]
title = "Trade talks resume"
date = 2025-11-07
tags = ["trade"]

[keywords]
organizations = ["WTO"]

[[sections]]
body = """
The WTO said talks on sanctions and tariffs would resume in Damascus.
"""

[[takeaways]]
text = "Talks resume; tariffs [may] fall."
"#;

const UNDATED: &str = r#"[briefing]
title = "Notes without a date"

[[sections]]
body = "The white dog at the house: sanctions again."

[[takeaways]]
text = "Undated takeaway."
"#;

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("scratch library");
        for (name, text) in [
            ("syria.toml", SYRIA),
            ("trade.toml", TRADE),
            ("notes.toml", UNDATED),
        ] {
            std::fs::write(dir.path().join(name), text).expect("write briefing");
        }
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs brief in the library's directory (so paths print as `./NAME`).
    fn brief(&self, args: &[&str]) -> Output {
        brief_in(self.path(), args)
    }

    /// Runs `brief digest` on the library as of 2025-11-12.
    fn digest(&self, args: &[&str]) -> Output {
        let args: Vec<&str> = ["digest"]
            .iter()
            .chain(args)
            .chain(&["."])
            .copied()
            .collect();
        brief_with(self.path(), &args, &[("BRIEF_TODAY", "2025-11-12")])
    }
}

fn brief_in(dir: &Path, args: &[&str]) -> Output {
    brief_with(dir, args, &[])
}

fn brief_with(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().expect("scratch home");
    let child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("BRIEF_THEME")
        .env_remove("BRIEF_TODAY")
        .envs(vars.iter().copied())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    wait(child)
}

/// Waits for brief, killing it after 30 s (a hang guard, not a timing).
fn wait(mut child: std::process::Child) -> Output {
    let start = std::time::Instant::now();
    while child.try_wait().expect("poll brief").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.wait_with_output().expect("brief's output")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn search_prints_ranked_lines_like_grep() {
    let lib = Scratch::new();
    let out = lib.brief(&["search", "sanctions", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "./syria.toml:16: Syria joins the coalition › Sanctions: Sanctions\n\
         ./syria.toml:28: Syria joins the coalition › Takeaway 2: Sanctions are suspended for *six* months.\n\
         ./syria.toml:18: Syria joins the coalition › Sanctions: A six-month suspension of sanctions on Syria.\n\
         ./trade.toml:11: Trade talks resume › Introduction: The WTO said talks on sanctions and tariffs would resume in Damascus.\n\
         ./notes.toml:5: Notes without a date › Introduction: The white dog at the house: sanctions again.\n"
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn search_exits_1_when_nothing_matches_and_2_without_words() {
    let lib = Scratch::new();
    let none = lib.brief(&["search", "nowhere", "."]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(text(&none.stdout), "");
    for blank in ["", "  ", "\"\""] {
        let out = lib.brief(&["search", blank, "."]);
        assert_eq!(out.status.code(), Some(2), "{blank:?}");
    }
    let usage = lib.brief(&["search"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn search_words_must_all_be_in_a_briefing_and_phrases_stay_together() {
    let lib = Scratch::new();
    let both = text(&lib.brief(&["search", "damascus TARIFFS", "."]).stdout);
    assert_eq!(
        both,
        "./trade.toml:15: Trade talks resume › Takeaway 1: Talks resume; tariffs [may] fall.\n\
         ./trade.toml:11: Trade talks resume › Introduction: The WTO said talks on sanctions and tariffs would resume in Damascus.\n"
    );
    let phrase = lib.brief(&["search", "\"white house\"", "."]);
    assert_eq!(
        text(&phrase.stdout),
        "./syria.toml:12: Syria joins the coalition › Introduction: Ahmed al-Sharaa met the president at the White House.\n"
    );
    let words = text(&lib.brief(&["search", "white house", "."]).stdout);
    assert_eq!(words.lines().count(), 2, "{words}");
}

#[test]
fn search_limit_keeps_the_best_and_says_so() {
    let lib = Scratch::new();
    let out = lib.brief(&["search", "sanctions", "--limit", "1", "."]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert_eq!(
        text(&out.stderr),
        "brief search: the best 1 of 5 shown (--limit 0 shows every one)\n"
    );
}

#[test]
fn search_json_is_one_document() {
    let lib = Scratch::new();
    let out = lib.brief(&["search", "\"six-month\" syria", "--json", "."]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["terms"], serde_json::json!(["six-month", "syria"]));
    assert_eq!(doc["briefings"], 1);
    let first = &doc["results"][0];
    assert_eq!(first["path"], "./syria.toml");
    assert_eq!(first["place"], serde_json::json!({"kind": "title"}));
    assert_eq!(first["section"], serde_json::Value::Null);
    assert_eq!(first["marks"], serde_json::json!([[0, 5]]));
    let body = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["place"]["kind"] == "body")
        .expect("a body hit");
    assert_eq!(body["line"], 18);
    assert_eq!(
        body["place"],
        serde_json::json!({"kind": "body", "section": 1, "block": 0, "item": 0})
    );
    assert_eq!(body["section"]["id"], "sanctions");
    assert_eq!(body["marks"], serde_json::json!([[2, 11], [39, 44]]));
    let none = lib.brief(&["search", "nowhere", "--json", "."]);
    assert_eq!(none.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&none.stdout).expect("JSON");
    assert_eq!(doc["results"], serde_json::json!([]));
}

#[test]
fn hostile_text_never_reaches_stdout_raw() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.toml"),
        "[briefing]\ntitle = \"Evil \\u001b[31mred\\u001b]0;pwned\\u0007 \\u202etxt\"\n[[sections]]\nheading = \"H\\u009b2J\"\nbody = \"evil \\u001b[2J body\\r\\nmore evil\"\n",
    )
    .unwrap();
    for args in [
        &["search", "evil", "."][..],
        &["search", "evil", "--json", "."],
        &["search", "\u{1b}[2J", "."],
    ] {
        let out = brief_in(dir.path(), args);
        let stdout = text(&out.stdout);
        assert!(
            !stdout.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r']),
            "{args:?}: {stdout:?}"
        );
    }
    let out = brief_in(dir.path(), &["search", "evil", "."]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn search_reports_files_that_fail_to_load() {
    let lib = Scratch::new();
    std::fs::write(lib.path().join("broken.toml"), "[briefing\n").unwrap();
    let out = lib.brief(&["search", "sanctions", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout).lines().count(), 5);
    assert!(text(&out.stderr).contains("broken.toml:1:1: error"));
}

#[test]
fn list_term_lists_the_briefings_that_mention_a_name() {
    let lib = Scratch::new();
    let out = lib.brief(&["list", "--term", "DAMASCUS", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "2025-11-10        Syria joins the coalition  (./syria.toml)\n\
         2025-11-07        Trade talks resume  (./trade.toml)\n"
    );
    // Whole words only, as the reader highlights them.
    let part = lib.brief(&["list", "--term", "damasc", "."]);
    assert_eq!(part.status.code(), Some(1));
    assert_eq!(text(&part.stdout), "");
    let json = lib.brief(&["list", "--term", "ahmed AL-SHARAA", "--json", "."]);
    assert_eq!(json.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["briefings"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["briefings"][0]["path"], "./syria.toml");
}

#[test]
fn digest_text_groups_takeaways_by_day_newest_first() {
    let lib = Scratch::new();
    let out = lib.digest(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "2025-11-10\n\
         \x20 Syria joins the coalition  (./syria.toml)\n\
         \x20   1. Syria is the coalition's 90th member.  → Sanctions\n\
         \x20   2. Sanctions are suspended for *six* months.  → Sanctions\n\
         \n\
         2025-11-07\n\
         \x20 Trade talks resume  (./trade.toml)\n\
         \x20   1. Talks resume; tariffs [may] fall.\n"
    );
}

#[test]
fn digest_ranges_and_tags() {
    let lib = Scratch::new();
    let days = |args: &[&str]| -> Vec<String> {
        text(&lib.digest(args).stdout)
            .lines()
            .filter(|l| l.starts_with("20"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(days(&["--since", "3d"]), ["2025-11-10"]);
    assert_eq!(days(&["--since", "1w"]), ["2025-11-10", "2025-11-07"]);
    assert_eq!(
        days(&["--from", "2025-11-07", "--to", "2025-11-09"]),
        ["2025-11-07"]
    );
    assert_eq!(days(&["--to", "2025-11-08"]), ["2025-11-07"]);
    assert_eq!(days(&["--since", "1w", "--tag", "TRADE"]), ["2025-11-07"]);
    // Nothing in range: nothing printed, status 1, as grep.
    let none = lib.digest(&["--since", "today"]);
    assert_eq!(
        (none.status.code(), text(&none.stdout)),
        (Some(1), String::new())
    );
    for bad in [
        &["--since", "7m"][..],
        &["--from", "2025-11-31"],
        &["--from", "2025-11-10", "--to", "2025-11-01"],
        &["--since", "7d", "--from", "2025-11-01"],
    ] {
        assert_eq!(lib.digest(bad).status.code(), Some(2), "{bad:?}");
    }
    let bad_today = brief_with(lib.path(), &["digest", "."], &[("BRIEF_TODAY", "tomorrow")]);
    assert_eq!(bad_today.status.code(), Some(2));
}

#[test]
fn digest_markdown_escapes_content() {
    let lib = Scratch::new();
    let out = lib.digest(&["--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "# Digest from 2025-11-06 to 2025-11-12\n\
         \n\
         ## 2025-11-10\n\
         \n\
         ### Syria joins the coalition\n\
         \n\
         - Syria is the coalition's 90th member. (→ *Sanctions*)\n\
         - Sanctions are suspended for \\*six\\* months. (→ *Sanctions*)\n\
         \n\
         ## 2025-11-07\n\
         \n\
         ### Trade talks resume\n\
         \n\
         - Talks resume; tariffs \\[may\\] fall.\n"
    );
}

#[test]
fn digest_json_is_one_document() {
    let lib = Scratch::new();
    let out = lib.digest(&["--format", "json", "--from", "2025-11-10"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["schema"], 1);
    assert_eq!(
        (&doc["from"], &doc["to"]),
        (&"2025-11-10".into(), &"2025-11-12".into())
    );
    let day = &doc["days"][0];
    assert_eq!(day["date"], "2025-11-10");
    let b = &day["briefings"][0];
    assert_eq!(b["path"], "./syria.toml");
    assert_eq!(
        b["takeaways"][0]["text"],
        "Syria is the coalition's 90th member."
    );
    assert_eq!(
        b["takeaways"][0]["section"],
        serde_json::json!({"index": 1, "id": "sanctions", "heading": "Sanctions"})
    );
    let open = lib.digest(&["--format", "json", "--to", "2025-11-30"]);
    let doc: serde_json::Value = serde_json::from_slice(&open.stdout).expect("JSON");
    assert_eq!(doc["from"], serde_json::Value::Null);
    assert_eq!(doc["days"].as_array().map(Vec::len), Some(2));
}

#[test]
fn an_empty_digest_says_so_and_an_empty_term_is_a_usage_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = brief_with(
        root,
        &["digest", "content"],
        &[("BRIEF_TODAY", "2030-01-01")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() || !text(&out.stdout).contains("Historic"));
    assert!(
        text(&out.stderr).contains("no dated briefing from 2029-12-26 to 2030-01-01"),
        "{}",
        text(&out.stderr)
    );
    let out = brief_in(root, &["list", "--term", " ", "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--term needs a name"));
}
