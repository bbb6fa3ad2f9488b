//! Tests of [`super`].

use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn the_keys_file_listing_every_action_loads_unchanged() {
    let text = Keymap::default().to_keys_file();
    let mut keymap = Keymap::default();
    keymap
        .patch("keys.toml", &text)
        .expect("the listing is a valid keys file");
    assert_eq!(keymap, Keymap::default());
    let mut empty = Keymap::default();
    for (_, bound) in &mut empty.bindings {
        bound.clear();
    }
    empty
        .patch("keys.toml", &text)
        .expect("valid over any keymap");
    assert_eq!(empty, Keymap::default(), "every binding is in the file");
}

#[test]
fn defaults_are_conflict_free_and_complete() {
    let keymap = Keymap::default();
    assert_eq!(keymap.conflicts(), vec![]);
    for (action, _, doc) in Action::ALL {
        assert!(
            !keymap.keys(*action).is_empty(),
            "{action:?} has no default key"
        );
        assert!(!doc.is_empty());
    }
    for (_, keys) in DEFAULTS {
        for k in *keys {
            assert!(Key::parse(k).is_some(), "default key {k} does not parse");
        }
    }
}

#[test]
fn keys_parse_and_display_round_trip() {
    for text in [
        "j",
        "G",
        "ctrl-d",
        "shift-tab",
        "pagedown",
        "space",
        "f5",
        "?",
        "alt-x",
        "-",
        "esc",
    ] {
        let key = Key::parse(text).unwrap();
        assert_eq!(key.to_string(), text);
        assert_eq!(Key::parse(&key.to_string()), Some(key));
    }
    assert_eq!(Key::parse("Ctrl-D"), Key::parse("ctrl-d"));
    assert_eq!(Key::parse("shift-g"), Key::parse("G"));
    assert_eq!(Key::parse("nope"), None);
}

#[test]
fn terminal_events_match_bindings() {
    let keymap = Keymap::default();
    let ev = |code, modifiers| Key::from_event(KeyEvent::new(code, modifiers));
    assert_eq!(
        keymap.action(ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
        Some(Action::Bottom)
    );
    assert_eq!(
        keymap.action(ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        keymap.action(ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        keymap.action(ev(KeyCode::Tab, KeyModifiers::SHIFT)),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        keymap.action(ev(KeyCode::Char('3'), KeyModifiers::NONE)),
        Some(Action::Takeaway(3))
    );
}

#[test]
fn user_keys_replace_and_steal() {
    let mut keymap = Keymap::default();
    keymap
        .patch(
            "k.toml",
            "[keys]\nscroll_down = [\"ctrl-n\", \"k\"]\nquit = [\"ctrl-q\"]\n",
        )
        .unwrap();
    let key = |t| Key::parse(t).unwrap();
    assert_eq!(keymap.action(key("k")), Some(Action::ScrollDown));
    assert_eq!(keymap.action(key("j")), None);
    assert_eq!(keymap.keys(Action::ScrollUp), &[key("up")]);
    assert_eq!(keymap.action(key("q")), None);
    assert_eq!(keymap.action(key("ctrl-q")), Some(Action::Quit));
    assert!(keymap.conflicts().is_empty());
}

#[test]
fn a_keys_file_cannot_take_away_every_quit_key() {
    let mut keymap = Keymap::default();
    let err = keymap.patch("k.toml", "[keys]\nquit = []\n").unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "k.toml:2:8: error: `quit` would have no key left: keep at least one, e.g. quit = [\"q\"]"
    );
    let err = keymap
        .patch("k.toml", "[keys]\nquit = [\"x\"]\nskim = [\"x\"]\n")
        .unwrap_err();
    assert!(err[0].to_string().contains("bound to both"), "{err:?}");
    let err = keymap
        .patch("k.toml", "[keys]\nhelp = [\"q\", \"ctrl-c\"]\n")
        .unwrap_err();
    assert!(
        err[0]
            .to_string()
            .starts_with("k.toml:1:1: error: `quit` would have no key left")
    );
    assert_eq!(keymap, Keymap::default(), "a refused file changes nothing");
}

#[test]
fn bad_keys_files_name_every_problem() {
    let errs = crate::content::diagnostic::rendered(&Keymap::default()
        .patch("k.toml", "[keys]\nscrol_down = [\"j\"]\nquit = [\"hyper-q\", 3]\nhelp = [\"x\"]\nskim = [\"x\"]\n")
        .unwrap_err());
    assert_eq!(
        errs,
        vec![
            "k.toml:2:1: error: unknown action `scrol_down` (see `brief --list-actions`)",
            "k.toml:3:9: error: unknown key `hyper-q`: write keys like j, G, ctrl-d, shift-tab, pagedown, f5",
            "k.toml:3:20: error: a key must be a string, found an integer",
            "k.toml:5:9: error: key `x` is bound to both `help` and `skim`",
        ]
    );
}
