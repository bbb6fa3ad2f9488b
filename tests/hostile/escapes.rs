//! Promise 1: no escape injection. Hostile text in every field of a briefing, a theme and a
//! keys file is drawn through the real crossterm backend and the bytes are parsed with a
//! terminal parser: only the renderer's own sequences may appear. The plain-text commands and
//! every error message are held to the same standard (they may write nothing but text and LF).

use std::fs;
use std::path::Path;
use std::process::Command;

use brief::app::Mode;
use brief::settings::keymap::Keymap;
use brief::settings::theme::{self, Theme};

use crate::support::{
    Field, NASTY, add_failure, app, assert_clean_terminal_bytes, briefing_toml, library_of, press,
    render_bytes, render_wire, session_bytes_problems, terminal_bytes_problems, theme_toml,
    toml_str, writes_outside,
};

const SIZES: &[(u16, u16)] = &[
    (140, 45),
    (100, 30),
    (80, 24),
    (50, 16),
    (30, 8),
    (24, 6),
    (12, 3),
    (1, 1),
];

fn nasty_keymap() -> Keymap {
    let mut keymap = Keymap::default();
    let keys = format!(
        "[keys]\nskim = [\"T\", {}]\nhelp = [\"?\", {}]\n",
        toml_str("\u{1b}"),
        toml_str("\u{9b}")
    );
    keymap
        .patch("keys.toml", &keys)
        .expect("single hostile characters are valid keys");
    keymap
}

fn nasty_theme() -> Theme {
    theme::parse("theme.toml", &theme_toml(NASTY), Some(&Theme::default())).expect("theme loads")
}

fn nasty_app() -> brief::app::App {
    let mut library = library_of(&briefing_toml(NASTY, &Field::ALL));
    let bad_key = format!(
        "{} = 1\n[briefing]\ntitle = {}\n",
        toml_str(NASTY),
        toml_str(NASTY)
    );
    add_failure(&mut library, &format!("content/{NASTY}.toml"), &bad_key);
    app(library, nasty_theme(), nasty_keymap())
}

/// The checker itself must catch each kind of injection, or every test below proves nothing.
#[test]
fn checker_rejects_each_kind_of_sequence() {
    let bad: &[&[u8]] = &[
        b"\x1b]0;title\x07",
        b"\x1b]52;c;aGk=\x1b\\",
        b"\x1b]8;;http://x/\x1b\\link",
        b"\x1bP+q544e\x1b\\",
        b"\x1b_apc\x1b\\",
        b"\x1b^pm\x1b\\",
        b"\x1bXsos\x1b\\",
        b"\x1bc",
        b"\x1b7",
        b"\x1b[6n",
        b"\x1b[2;3r",
        b"bell\x07",
        b"nul\x00",
        b"cr\r",
        b"tab\t",
        b"del\x7f",
        "c1\u{9b}31m".as_bytes(),
        "nel\u{85}".as_bytes(),
        b"raw\x9b31m",
        "bidi\u{202e}".as_bytes(),
        "iso\u{2066}".as_bytes(),
    ];
    for bytes in bad {
        assert!(
            !terminal_bytes_problems(bytes).is_empty(),
            "not caught: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    let fine = b"\x1b[1;1H\x1b[38;5;196mtext\x1b[0m\x1b[?25l\xe2\x90\x9b\n";
    assert_eq!(terminal_bytes_problems(fine), Vec::<String>::new());
}

/// Sanity for the fixtures: the hostile text really is in every field.
#[test]
fn hostile_fixture_loads_with_every_field_sanitised() {
    let app = nasty_app();
    let b = app.briefing().unwrap();
    let all = [
        b.title.clone(),
        b.dateline.as_deref().unwrap().to_owned(),
        b.source.clone().unwrap(),
        b.authors[0].clone(),
        b.tags[0].to_string(),
        b.summary.clone().unwrap(),
        b.keywords.get(0).unwrap().name.to_owned(),
        b.keywords.get(0).unwrap().terms.get(0).unwrap().to_owned(),
        b.sections[0].id.to_string(),
        b.sections[0].heading().unwrap().to_owned(),
        b.takeaways[0].text.to_string(),
    ];
    for field in &all {
        assert!(brief::content::sanitize::is_clean(field), "{field:?}");
        assert!(
            field.contains('\u{241b}'),
            "the escape stays visible as ␛: {field:?}"
        );
    }
    assert!(app.library.failures[0].origin.contains('\u{241b}'));
}

#[test]
fn every_field_every_overlay_every_size_writes_only_renderer_sequences() {
    // Reading, each overlay, a search over hostile text, a takeaway jump (marks a section).
    let scenarios: &[(&str, Option<Mode>)] = &[
        ("", Some(Mode::Reading)),
        ("?", Some(Mode::Help)),
        ("T", Some(Mode::Skim)),
        ("!", Some(Mode::Diagnostics)),
        ("/red\n", Some(Mode::Reading)),
        ("/pwned", Some(Mode::Search)),
        ("1", Some(Mode::Reading)),
        ("\t\t\tj\n", None),
        ("m9", Some(Mode::Reading)),
    ];
    for &(keys, mode) in scenarios {
        for &(width, height) in SIZES {
            let mut app = nasty_app();
            app.update(brief::app::Msg::Resize(width, height));
            press(&mut app, keys);
            if let Some(mode) = mode {
                assert_eq!(app.view.mode, mode, "keys {keys:?}");
            }
            let bytes = render_bytes(&mut app, width, height);
            assert_clean_terminal_bytes(&bytes, &format!("keys {keys:?} at {width}x{height}"));
            assert_eq!(
                writes_outside(&app, width, height),
                vec![],
                "keys {keys:?} at {width}x{height}"
            );
        }
    }
}

#[test]
fn the_readers_own_backend_writes_only_drawing_sequences() {
    for keys in ["", "?", "T", "!", "/pwned\n", "1"] {
        for &(width, height) in SIZES {
            let mut app = nasty_app();
            app.update(brief::app::Msg::Resize(width, height));
            press(&mut app, keys);
            let bytes = render_wire(&mut app, width, height, 4);
            let problems = session_bytes_problems(&bytes);
            assert!(
                problems.is_empty(),
                "keys {keys:?} at {width}x{height}: {problems:?}"
            );
        }
    }
}

#[test]
fn hostile_text_is_shown_not_dropped() {
    // ratatui silently drops control characters; brief shows them as visible stand-ins so a
    // reader can see that a file is hostile. Check it on screen.
    let mut app = nasty_app();
    let bytes = render_bytes(&mut app, 140, 45);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains('\u{241b}'), "no ␛ on screen");
    assert!(
        text.contains("]0;pwned title"),
        "the payload is visible text"
    );
}

#[test]
fn each_field_alone_loads_and_renders_clean() {
    for field in Field::ALL {
        let source = briefing_toml(NASTY, &[field]);
        let mut app = app(library_of(&source), Theme::default(), Keymap::default());
        for &(width, height) in &[(120, 40), (60, 20)] {
            let bytes = render_bytes(&mut app, width, height);
            assert_clean_terminal_bytes(&bytes, &format!("{field:?} at {width}x{height}"));
        }
    }
}

// ---- the binary: show, list, check, pager mode and error messages ----

fn brief(args: &[&str], dir: &Path) -> (Vec<u8>, Vec<u8>, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("run brief");
    (out.stdout, out.stderr, out.status.code())
}

#[track_caller]
fn assert_clean_output(args: &[&str], dir: &Path) -> (String, String) {
    let (stdout, stderr, code) = brief(args, dir);
    assert_clean_terminal_bytes(&stdout, &format!("stdout of {args:?}"));
    assert_clean_terminal_bytes(&stderr, &format!("stderr of {args:?}"));
    assert!(
        !stdout.contains(&0x1b) && !stderr.contains(&0x1b),
        "{args:?}: plain output has no ESC at all"
    );
    assert!(code.is_some(), "{args:?} died from a signal");
    (
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

/// A hostile file name (names may hold any byte but NUL and '/', up to 255 bytes).
const NAME: &str = "A\u{1b}]0;pwned\u{7}\u{1b}[31m\u{9b}2J\u{202e}\u{85}\tname\r";

/// A content directory whose files and file names are hostile, good and bad.
fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir(&content).unwrap();
    // An escape in a file name is printed by list and check.
    let name = NAME;
    fs::write(
        content.join(format!("{name}.toml")),
        briefing_toml(NASTY, &Field::ALL),
    )
    .unwrap();
    // Unknown keys quoted back, values of the wrong type, a bad takeaway reference.
    let bad = format!(
        "{k} = 1\n[briefing]\ntitle = {v}\n{k} = 2\n[[sections]]\nid = {v}\nheading = {v}\nbody = 3\n[[takeaways]]\ntext = {v}\nsection = {w}\n",
        k = toml_str(NASTY),
        v = toml_str(NASTY),
        w = toml_str(&format!("{NASTY}x")),
    );
    fs::write(content.join(format!("bad-{name}.toml")), bad).unwrap();
    // Raw control bytes in the TOML source: a syntax error whose message could quote the line.
    let mut raw = b"[briefing]\ntitle = \"x\x1b]0;pwned\x07\x1b[2J\"\n".to_vec();
    raw.extend_from_slice("[[sections]]\nbody = \"\u{9b}31m\x1b]52;c;aGk=\x07\"\n".as_bytes());
    fs::write(content.join("raw-controls.toml"), raw).unwrap();
    fs::write(
        content.join(format!("{name}-syntax.toml")),
        format!("[briefing\n{NASTY}"),
    )
    .unwrap();
    // Invalid UTF-8 right after a hostile prefix.
    let mut bytes = b"[briefing]\ntitle = \"\x1b]0;t\x07".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x9b]);
    fs::write(content.join("not-utf8.toml"), bytes).unwrap();
    fs::write(dir.path().join("theme.toml"), theme_toml(NASTY)).unwrap();
    fs::write(
        dir.path().join("bad-theme.toml"),
        format!(
            "name = {v}\n[styles]\n{v} = {{ fg = {v} }}\nheading = {{ fg = {v} }}\n",
            v = toml_str(NASTY)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("bad-keys.toml"),
        format!(
            "[keys]\n{v} = [\"j\"]\nquit = [{v}, 7]\n",
            v = toml_str(NASTY)
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("keys.toml"),
        format!("[keys]\nskim = [\"T\", {}]\n", toml_str("\u{1b}")),
    )
    .unwrap();
    dir
}

#[test]
fn plain_commands_and_error_messages_write_only_text() {
    let dir = hostile_dir();
    let root = dir.path();
    let good = root.join("content").join(format!("{NAME}.toml"));
    let good = good.to_str().unwrap();
    let (shown, _) = assert_clean_output(&["show", good], root);
    assert!(
        shown.contains('\u{241b}'),
        "show prints the escape as ␛:\n{shown}"
    );
    assert_clean_output(&["show", "--width", "20", good], root);
    assert_clean_output(&["show", "--takeaways", good], root);
    let (listed, _) = assert_clean_output(&["list", "content"], root);
    assert!(listed.contains("2025-11-10"), "{listed}");
    let (_, checked) = assert_clean_output(&["check", "content"], root);
    assert!(
        checked.contains("invalid TOML") && checked.contains("not valid UTF-8"),
        "{checked}"
    );
    for bad in ["content/raw-controls.toml", "content/not-utf8.toml"] {
        assert_clean_output(&["show", bad], root);
    }
    // Pager mode (stdout is not a terminal) with a hostile theme and keys file that load.
    assert_clean_output(
        &["--theme", "theme.toml", "--keys", "keys.toml", "content"],
        root,
    );
    // Broken theme and keys files, and a hostile theme name: errors quote the names safely.
    let (_, err) = assert_clean_output(&["--theme", "bad-theme.toml", "content"], root);
    assert!(err.contains("bad-theme.toml:"), "{err}");
    let (_, err) = assert_clean_output(&["--keys", "bad-keys.toml", "content"], root);
    assert!(err.contains("bad-keys.toml:2:1:"), "{err}");
    assert_clean_output(
        &["--theme", NASTY.replace('\0', "").as_str(), "content"],
        root,
    );
    assert_clean_output(&["show", &format!("content/{NAME}-missing.toml")], root);
}

/// `show` on a terminal colours its text: every byte is still text or an SGR sequence, with
/// hostile content, a hostile theme and a hostile watchlist term.
#[test]
fn show_on_a_terminal_writes_only_colours() {
    let library = library_of(&briefing_toml(NASTY, &Field::ALL));
    let briefing = &library.briefings[0];
    let watch = vec![brief::content::sanitize::line(NASTY), "text".to_owned()];
    let highlighter =
        brief::text::highlight::Highlighter::with_watchlist(&briefing.keywords, &watch);
    for theme in [
        nasty_theme(),
        Theme::default(),
        theme::built_in("mono").expect("mono"),
    ] {
        for width in [20, 60, 200] {
            let mut out = Vec::new();
            let paint = brief::cli::Paint {
                theme: &theme,
                highlighter: &highlighter,
            };
            brief::cli::show(&mut out, briefing, width, false, Some(paint)).expect("show");
            assert_clean_terminal_bytes(&out, &format!("show at {width} with {}", theme.name));
            assert!(
                out.windows(2).any(|w| w == b"\x1b["),
                "{}: colours are written",
                theme.name
            );
        }
    }
}
