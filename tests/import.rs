//! `brief import` and `brief new` run as a user would: the real binary, scratch `HOME` and
//! `XDG_*` directories, the fixtures in tests/import/ (written for these tests), and every
//! briefing made checked by `brief check`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "import/cli.rs"]
mod cli;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import");

/// Runs brief in `dir` with `input` on standard input.
fn brief_at(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Output {
    let home = tempfile::tempdir().expect("scratch home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    let mut stdin = child.stdin.take().expect("stdin");
    let _ = stdin.write_all(input.unwrap_or_default());
    drop(stdin);
    child.wait_with_output().expect("wait for brief")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Imports one fixture into a scratch directory, checks the result with `brief check`, and
/// returns the briefing as brief reads it.
fn imported(name: &str) -> brief::content::Briefing {
    let out = tempfile::tempdir().expect("scratch directory");
    let dir = out.path().to_str().expect("a UTF-8 path");
    let made = brief_at(out.path(), &["import", &fixture(name), "--out", dir], None);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let files: Vec<PathBuf> = std::fs::read_dir(out.path())
        .expect("the output directory")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = files[0].to_str().expect("a UTF-8 path");
    assert!(text(&made.stdout).starts_with(&format!("wrote {file}: ")));
    let checked = brief_at(out.path(), &["check", "--strict", file], None);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    assert_eq!(text(&checked.stderr), "");
    let toml = std::fs::read_to_string(file).expect("the briefing made");
    brief::content::parse(file, &toml).expect("a briefing")
}

fn headings(b: &brief::content::Briefing) -> Vec<String> {
    b.sections
        .iter()
        .map(|s| s.heading().unwrap_or("(lead)").to_owned())
        .collect()
}

fn takeaways(b: &brief::content::Briefing) -> Vec<(String, Option<String>)> {
    b.takeaways
        .iter()
        .map(|t| {
            (
                t.text.to_string(),
                t.section.map(|s| b.sections[s].id.to_string()),
            )
        })
        .collect()
}

#[test]
fn the_seed_text_imports_to_the_hand_made_sections() {
    let b = imported("seed.txt");
    let hand = std::fs::read_to_string("content/syria-joins-anti-isil-coalition.toml").unwrap();
    let hand = brief::content::parse("hand", &hand).unwrap();
    assert_eq!(headings(&b), headings(&hand));
    assert_eq!(b.takeaways.len(), 5);
    assert_eq!(b.dateline.as_deref(), Some("Washington, D.C."));
    assert_eq!(b.date_text(), "2025-11-10");
}

#[test]
fn yaml_front_matter_nested_and_ordered_lists_and_quotes() {
    use brief::content::{Block, Marker};
    let b = imported("front-matter-yaml.md");
    assert_eq!(b.title, "Harbour Bridge Reopens After Two-Year Repair");
    assert_eq!(b.date_text(), "2025-03-14");
    assert_eq!(b.dateline.as_deref(), Some("Sydney"));
    assert_eq!(b.authors, ["Jo Citizen"]);
    assert_eq!(b.tags, ["transport", "infrastructure"]);
    assert_eq!(
        headings(&b),
        ["(lead)", "What Was Repaired", "What Drivers Should Know"]
    );
    let Block::Paragraph(lead) = &b.sections[0].to_blocks()[0] else {
        panic!("a paragraph")
    };
    assert!(lead.contains("Friday morning, after a repair that ran six months"));
    assert!(lead.contains("council's statement (https://example.com/statement)"));
    assert!(lead.contains("run bridge --status for"));
    let Block::List(items) = &b.sections[1].to_blocks()[1] else {
        panic!("a list")
    };
    let depths: Vec<u8> = items.iter().map(|i| i.depth).collect();
    assert_eq!(
        depths,
        [0, 0, 1, 1, 1, 0],
        "the third level is shown at the second"
    );
    let Block::List(steps) = &b.sections[1].to_blocks()[3] else {
        panic!("a numbered list")
    };
    assert_eq!(steps[0].marker, Marker::Number(3));
    assert_eq!(steps[2].marker, Marker::Number(5));
    let Block::Quote(lines) = &b.sections[2].to_blocks()[0] else {
        panic!("a quote")
    };
    assert_eq!(
        lines,
        &[
            "Tolls stay at the old price until July.",
            "Night closures end this week.",
            "",
            "— Transport Minister Ana Reyes"
        ]
    );
    assert!(matches!(&b.sections[2].to_blocks()[2], Block::Paragraph(p) if p == "Cyclists"));
    assert_eq!(
        takeaways(&b)[1],
        (
            "Engineers replaced the deck panels and re-wrapped the main cables.".into(),
            Some("what-was-repaired".into())
        )
    );
}

#[test]
fn toml_front_matter_and_a_tldr_section() {
    let b = imported("front-matter-toml.md");
    assert_eq!(b.title, "Library Extends Weekend Hours");
    assert_eq!(b.source.as_deref(), Some("City Bulletin"));
    assert_eq!(b.dateline.as_deref(), Some("Riverside"));
    assert_eq!(headings(&b), ["(lead)", "Opening Times", "Staffing"]);
    assert_eq!(
        takeaways(&b),
        [
            (
                "Central library opens on Sundays from next month.".into(),
                Some("opening-times".into())
            ),
            (
                "Twelve part-time librarians will be hired.".into(),
                Some("staffing".into())
            ),
        ]
    );
}

#[test]
fn a_daily_digest_with_emoji_headings_a_tldr_line_and_numbered_takeaways() {
    let b = imported("daily-digest.md");
    assert_eq!(b.title, "📰 Daily Digest — November 12, 2025");
    assert_eq!(b.date_text(), "2025-11-12");
    assert_eq!(headings(&b), ["🌍 World", "💹 Markets", "🏛️ Local"]);
    assert!(
        b.summary
            .as_deref()
            .unwrap()
            .starts_with("Markets rose on chip earnings")
    );
    let links: Vec<Option<String>> = takeaways(&b).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        links,
        [
            Some("markets".into()),
            Some("world".into()),
            Some("local".into())
        ]
    );
}

#[test]
fn cjk_and_emoji_survive() {
    let b = imported("cjk-emoji.md");
    assert_eq!(b.title, "東京の朝 🌅 市場の動き");
    assert_eq!(b.dateline.as_deref(), Some("東京"));
    assert_eq!(b.date_text(), "2025-11-10");
    assert_eq!(headings(&b), ["(lead)", "為替 💴", "要点 ✨"]);
    assert_eq!(takeaways(&b).len(), 2);
}

#[test]
fn escapes_and_bidi_controls_are_cleaned_as_on_load() {
    let b = imported("hostile.md");
    assert_eq!(b.title, "Title with ␛[31mred␛[0m and reversed text");
    assert_eq!(headings(&b), ["(lead)", "Section isolated heading"]);
    assert_eq!(&*b.takeaways[0].text, "A takeaway with override.");
    let all = format!("{b:?}");
    assert!(!all.contains('\u{1b}') && !all.contains('\u{202e}') && !all.contains('\u{9b}'));
}

#[test]
fn saved_pages_lose_their_navigation_and_ads() {
    let b = imported("page-news.html");
    assert_eq!(b.title, "Rail Strike Ends After Pay Deal");
    assert_eq!(b.date_text(), "2025-06-03");
    assert_eq!(b.authors, ["Sam Writer"]);
    assert_eq!(
        headings(&b),
        [
            "(lead)",
            "What the deal gives drivers",
            "Passengers count the cost"
        ]
    );
    let all = format!("{:?}", b.sections);
    for junk in [
        "Subscribe",
        "mattresses",
        "Most read",
        "Comments",
        "rights reserved",
    ] {
        assert!(!all.contains(junk), "{junk} left in");
    }
    let b = imported("page-blog.html");
    assert_eq!(
        headings(&b),
        [
            "(lead)",
            "Balance greens and browns",
            "Keep it damp, not wet"
        ]
    );
    assert_eq!(b.takeaways.len(), 2);
    let all = format!("{:?}", b.sections);
    for junk in ["cookies", "Share on", "You may also like", "Powered by"] {
        assert!(!all.contains(junk), "{junk} left in");
    }
}

#[path = "support/harness.rs"]
mod harness;

#[test]
fn a_library_reads_markdown_articles_and_marks_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("daily-digest.md"), dir.path().join("digest.md")).unwrap();
    std::fs::copy(
        "content/getting-started.toml",
        dir.path().join("start.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("README.md"), "Notes without a heading.\n").unwrap();
    // Guesses are notes: printed by check, never failing it, even with --strict.
    let out = brief_at(dir.path(), &["check", "--strict", "."], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "./digest.md: ok (imported from Markdown)\n./start.toml: ok\nok: 2 briefings valid\n"
    );
    let stderr = text(&out.stderr);
    assert!(stderr.contains("./digest.md:3:1: note: the bold TL;DR line made the summary"));
    assert!(!stderr.contains("README"));
    let quiet = brief_at(dir.path(), &["check", "--quiet", "."], None);
    assert_eq!(text(&quiet.stderr), "", "--quiet prints problems only");
    let library = brief::library::load_paths(
        &[dir.path().to_path_buf()],
        brief::library::LoadOptions::default(),
    );
    // The library view, whose list has room for dates.
    let mut h = harness::Harness::with_library(library).size(140, 30);
    h.press("L");
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("2025-11-12 md 📰 Daily D")),
        "{screen}"
    );
    let row = screen
        .lines()
        .find(|l| l.contains("Getting start"))
        .unwrap();
    assert!(!row.contains(" md "), "{screen}");
}

#[test]
fn one_output_file_for_several_inputs_is_refused_with_imports_usage() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_at(
        dir.path(),
        &["import", "a.md", "b.md", "-o", "x.toml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("`-o FILE` takes one input"), "{stderr}");
    assert!(stderr.contains("Usage: brief import"), "{stderr}");
}

#[test]
fn front_matter_with_a_control_character_is_cleaned_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let article = "---\ntitle: \"Bad \u{1b}[31mtitle\"\ndate: 2025-11-12\n---\n# Heading\n\n## Part\n\nText.\n";
    let out = brief_at(
        dir.path(),
        &["import", "--dry-run", "--format", "markdown", "-"],
        Some(article.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let toml = text(&out.stdout);
    assert!(toml.contains("title = \"Bad ␛[31mtitle\""), "{toml}");
    assert!(toml.contains("date = 2025-11-12"), "{toml}");
    assert!(!toml.contains('\u{1b}'));
}
