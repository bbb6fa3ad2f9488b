//! Whole-screen snapshots of the reader at fixed sizes, and style checks that prove highlighting.

#[path = "support/harness.rs"]
mod harness;

use brief::theme::{Role, Theme};
use harness::Harness;
use ratatui::style::Modifier;

#[test]
fn opens_on_the_seed_briefing_at_80x24() {
    insta::assert_snapshot!(Harness::bundled().screen());
}

#[test]
fn wide_120x40_shows_every_pane() {
    insta::assert_snapshot!(Harness::bundled().size(120, 40).screen());
}

#[test]
fn very_wide_200x60_caps_the_text_width() {
    insta::assert_snapshot!(Harness::bundled().size(200, 60).screen());
}

#[test]
fn narrow_50x16_shows_one_pane() {
    let mut h = Harness::bundled().size(50, 16);
    insta::assert_snapshot!("narrow_article", h.screen());
    h.press("tab");
    insta::assert_snapshot!("narrow_after_tab", h.screen());
}

#[test]
fn too_small_says_so() {
    let h = Harness::bundled().size(20, 4);
    assert!(h.screen().contains("too small"), "{}", h.screen());
    // Nothing to draw into must not panic either.
    let _ = Harness::bundled().size(0, 0).screen();
    let _ = Harness::bundled().size(1, 1).screen();
}

#[test]
fn resizing_keeps_the_reading_position() {
    let mut h = Harness::bundled().size(120, 40);
    h.press("3");
    let before = h.screen();
    assert!(before.contains("Syria Launches Preemptive"), "{before}");
    let h = h.size(80, 24).size(50, 16).size(200, 60);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut h = Harness::bundled();
    h.press("?");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn skim_view_lists_takeaways_with_sections() {
    let mut h = Harness::bundled();
    h.press("T j");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn keywords_are_highlighted_with_their_category_style_and_a_modifier() {
    let h = Harness::bundled().size(120, 40);
    let buf = h.buffer();
    let theme = Theme::default();
    let screen = h.screen();
    // "Ahmed al-Sharaa" (people) on the article's lead paragraph.
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Syrian President Ahmed"))
        .unwrap();
    let col = line
        .chars()
        .take(
            line.find("Ahmed")
                .map(|b| line.get(..b).unwrap().chars().count())
                .unwrap(),
        )
        .count();
    let x = u16::try_from(col).unwrap();
    let y = u16::try_from(row).unwrap();
    let cell = &buf[(x, y)];
    let people = theme.keyword("people");
    assert_eq!(cell.fg, people.fg.unwrap());
    assert!(
        cell.modifier
            .intersects(Modifier::BOLD | Modifier::UNDERLINED)
    );
    // Plain text next to it is not highlighted.
    let before = &buf[(x - 2, y)];
    assert_eq!(before.fg, theme.style(Role::Text).fg.unwrap());
}

#[test]
fn style_snapshot_of_a_highlighted_fixture() {
    let mut h = Harness::from_toml(
        r#"
[briefing]
title = "Talks in Damascus"
[keywords]
people = ["al-Sharaa"]
places = ["Damascus"]
[[sections]]
heading = "Talks"
body = "Al-Sharaa met envoys in Damascus."
[[takeaways]]
text = "Damascus hosts talks."
section = "talks"
"#,
    )
    .size(60, 8);
    h.press("1");
    insta::assert_debug_snapshot!(h.buffer());
}

#[test]
fn outline_and_takeaways_highlight_keywords_too() {
    let h = Harness::bundled().size(120, 40);
    let buf = h.buffer();
    let theme = Theme::default();
    let screen = h.screen();
    let outline = h.app.panes().outline.unwrap();
    let sidebar = h.app.panes().takeaways.unwrap();
    let find = |needle: &str, within: ratatui::layout::Rect| {
        screen
            .lines()
            .enumerate()
            .skip(usize::from(within.y))
            .find_map(|(row, line)| {
                let chars: Vec<char> = line.chars().collect();
                let start = usize::from(within.x);
                let hay: String = chars
                    .get(start..start + usize::from(within.width))?
                    .iter()
                    .collect();
                let byte = hay.find(needle)?;
                let col = hay.get(..byte)?.chars().count() + start;
                Some((u16::try_from(col).unwrap(), u16::try_from(row).unwrap()))
            })
            .unwrap_or_else(|| unreachable!("{needle} not on screen:\n{screen}"))
    };
    let (x, y) = find("Syria Launches", outline);
    assert_eq!(
        buf[(x, y)].fg,
        theme.keyword("places").fg.unwrap(),
        "outline: Syria is a place"
    );
    let (x, y) = find("ISIL", sidebar);
    assert_eq!(
        buf[(x, y)].fg,
        theme.keyword("organizations").fg.unwrap(),
        "takeaways: ISIL"
    );
}

#[test]
fn the_readers_watchlist_is_highlighted_and_wins_over_the_briefings_category() {
    use brief::app::{App, Msg};
    let library =
        brief::content::load_paths(&["content".into()], brief::content::LoadOptions::default());
    let mut app = App::new(library, Theme::default(), brief::keymap::Keymap::default())
        .with_watchlist(vec!["Reuters".into(), "pockets".into()]);
    app.update(Msg::Resize(120, 40));
    let mut h = Harness { app };
    h.press("5");
    let screen = h.screen();
    let buf = h.buffer();
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("According to Reuters"))
        .unwrap();
    let byte = line.find("Reuters").unwrap();
    let x = line.get(..byte).unwrap().chars().count();
    let cell = &buf[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())];
    let watch = Theme::default().keyword("watchlist");
    assert_eq!(
        cell.fg,
        watch.fg.unwrap(),
        "Reuters is an organisation in the file, but the reader watches it"
    );
    assert!(cell.modifier.contains(Modifier::UNDERLINED));
}
