//! Promise 2: strings from the wild. Every entry of the Big List of Naughty Strings (the
//! `naughty-strings` crate, MIT) in every field: it loads or fails with positioned messages,
//! renders at several sizes without panic, no control character reaches the terminal, and
//! nothing is drawn outside the area the reader was given.

use brief::content::parse;
use brief::settings::keymap::Keymap;
use brief::settings::theme::{self, Theme};
use naughty_strings::BLNS;

use crate::support::{
    Field, app, assert_clean_terminal_bytes, briefing_toml, library_of, press, render_frames,
    theme_toml, toml_str, writes_outside,
};

#[track_caller]
fn assert_clear(entry: &str, what: &str, diagnostics: &[brief::content::diagnostic::Diagnostic]) {
    assert!(
        !diagnostics.is_empty(),
        "{what} {entry:?}: failed without a reason"
    );
    for d in diagnostics
        .iter()
        .take(brief::content::schema::MAX_PROBLEMS)
    {
        let text = d.to_string();
        assert!(
            d.position.is_some(),
            "{what} {entry:?}: unpositioned {text}"
        );
        assert!(
            brief::content::sanitize::is_clean(&text),
            "{what} {entry:?}: {text:?}"
        );
    }
}

#[test]
fn every_naughty_string_in_every_field() {
    assert!(BLNS.len() > 500);
    let mut rendered = 0;
    let theme = Theme::default();
    let keymap = Keymap::default();
    for (n, entry) in BLNS.iter().enumerate() {
        let mut accepted = Vec::new();
        for field in Field::ALL {
            match parse("naughty.toml", &briefing_toml(entry, &[field])) {
                Ok(b) => {
                    assert!(
                        b.sections
                            .iter()
                            .all(|s| brief::content::sanitize::is_clean(&s.id))
                    );
                    accepted.push(field);
                }
                Err(d) => assert_clear(entry, &format!("{field:?}"), &d),
            }
        }
        if let Err(d) = theme::parse("theme.toml", &theme_toml(entry), Some(&Theme::default())) {
            assert_clear(entry, "theme", &d);
        }
        if let Err(d) = Keymap::default().patch(
            "keys.toml",
            &format!("[keys]\nquit = [{}]\n", toml_str(entry)),
        ) {
            assert_clear(entry, "keys", &d);
        }
        // Every field that takes the string at once, rendered. Sizes rotate so the run stays
        // short while every size sees a third of the list.
        let source = briefing_toml(entry, &accepted);
        let Ok(_) = parse("naughty.toml", &source) else {
            continue;
        };
        let mut app = app(library_of(&source), theme.clone(), keymap.clone());
        let (width, height) = [(120, 40), (61, 17), (24, 6)][n % 3];
        press(&mut app, ["", "1", "T", "/", "?"][n % 5]);
        let bytes = render_frames(&mut app, width, height, 1);
        assert_clean_terminal_bytes(&bytes, &format!("{entry:?} at {width}x{height}"));
        let outside = writes_outside(&app, width, height);
        assert!(
            outside.is_empty(),
            "{entry:?} at {width}x{height}: wrote outside at {outside:?}"
        );
        rendered += 1;
    }
    assert!(rendered > 450, "only {rendered} entries rendered");
}

#[test]
fn naughty_search_queries() {
    // What a reader types is not trusted to be tame either (a paste can carry anything).
    let (theme, keymap) = (Theme::default(), Keymap::default());
    let source = briefing_toml("İstanbul STRAẞE ﷽ 👨\u{200d}👩\u{200d}👧 Ω≈ç√", &Field::ALL);
    for (n, entry) in BLNS.iter().enumerate().step_by(3) {
        let mut app = app(library_of(&source), theme.clone(), keymap.clone());
        press(&mut app, "/");
        press(&mut app, entry);
        let typed = app.view.search.input();
        assert!(
            brief::content::sanitize::is_clean(typed),
            "search prompt holds {typed:?}"
        );
        press(&mut app, "\n");
        let (width, height) = [(100, 30), (40, 10)][n % 2];
        let bytes = render_frames(&mut app, width, height, 1);
        assert_clean_terminal_bytes(&bytes, &format!("search {entry:?}"));
    }
}
