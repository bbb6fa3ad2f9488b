//! Whole-screen snapshots of the reader at fixed sizes, and style checks that prove highlighting.
#![allow(clippy::string_slice)] // Tests slice lines at offsets found in the same line.

#[path = "support/harness.rs"]
mod harness;

use brief::settings::theme::{Role, Theme};
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
        brief::library::load_paths(&["content".into()], brief::library::LoadOptions::default());
    let mut app = App::new(
        library,
        Theme::default(),
        brief::settings::keymap::Keymap::default(),
    )
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

/// A library of briefings given as TOML texts.
fn library(texts: &[&str]) -> brief::library::Library {
    let mut library = brief::library::Library::default();
    for (n, text) in texts.iter().enumerate() {
        let origin = format!("fixture{n}.toml");
        library.push(brief::content::parse(&origin, text).map_err(|d| {
            brief::library::LoadFailure {
                origin: origin.clone(),
                diagnostics: d,
            }
        }));
    }
    library
}

#[test]
fn tab_stops_line_up_in_display_cells_inside_quotes_and_bullets() {
    let h = Harness::from_toml(
        "[briefing]\ntitle = \"Tables\"\n[[sections]]\nheading = \"Cities\"\nbody = \"\"\"\n> Oslo\t1\n> 東京\t2\n> Cafe\u{301}\t3\n> 🚀🚀🚀\t4\n\n- Oslo\t1\n- 東京\t2\n\nOslo\t1\n\"\"\"\n",
    );
    let screen = h.screen();
    let column = |needle: &str| {
        let line = screen.lines().find(|l| l.contains(needle)).unwrap();
        let digit = line.find(|c: char| c.is_ascii_digit()).unwrap();
        brief::text::width(&line[..digit])
    };
    let quote = column("Oslo");
    for needle in ["東京", "Cafe", "🚀"] {
        assert_eq!(column(needle), quote, "{needle}\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn briefing_list_dates_form_one_column() {
    let dated = "[briefing]\ntitle = \"Dated\"\ndate = 2025-11-10\n[[sections]]\nbody = \"x\"\n";
    let timed =
        "[briefing]\ntitle = \"Timed\"\ndate = 2025-11-09T09:30:00\n[[sections]]\nbody = \"x\"\n";
    let undated = "[briefing]\ntitle = \"Undated\"\n[[sections]]\nbody = \"x\"\n";
    // The library view: the list is wide enough for a date column beside the titles (the
    // narrow list beside the article shows titles alone).
    let mut h = Harness::with_library(library(&[dated, timed, undated])).size(120, 20);
    assert!(!h.screen().contains("2025-11-09 Timed"), "{}", h.screen());
    h.press("L");
    let screen = h.screen();
    let starts: Vec<usize> = ["Dated", "Timed", "Undated"]
        .iter()
        .map(|title| {
            let needle = format!(" {title} ");
            let line = screen.lines().find(|l| l.contains(&needle)).unwrap();
            line[..line.find(&needle).unwrap()].chars().count()
        })
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] == w[1]),
        "{starts:?}\n{screen}"
    );
    // The list shows the day alone, never a time cut short; the time is in the meta line.
    let row = screen.lines().find(|l| l.contains(" Timed ")).unwrap();
    assert!(row.contains("2025-11-09 Timed"), "{row}");
    assert!(!row.contains('…'), "{row}");
    insta::assert_snapshot!(screen);
}

#[test]
fn takeaway_text_keeps_a_cell_from_the_sidebar_border() {
    let h = Harness::bundled();
    let buf = h.buffer();
    let panes = h.app.panes();
    let side = panes.takeaways.unwrap();
    // The last cell inside the border is always blank on takeaway rows.
    let x = side.right() - 2;
    for y in side.y + 1..side.bottom() - 1 {
        assert_eq!(buf[(x, y)].symbol(), " ", "row {y}\n{}", h.screen());
    }
}

#[test]
fn hidden_panes_are_announced_wherever_panes_are_hidden() {
    for (width, hidden) in [
        (50, true),
        (80, true),
        (100, true),
        (119, true),
        (120, false),
    ] {
        let screen = Harness::bundled().size(width, 24).screen();
        let status = screen.lines().last().unwrap().to_owned();
        assert_eq!(status.contains("panes"), hidden, "{width}: {status}");
    }
}

/// A library where the only file failed to load, as `brief /nonexistent` gives.
fn failed_library() -> brief::library::Library {
    let mut library = brief::library::Library::default();
    library.push(Err(brief::library::LoadFailure {
        origin: "/nonexistent".into(),
        diagnostics: vec![brief::content::diagnostic::Diagnostic::file(
            "/nonexistent",
            "cannot read: No such file or directory (os error 2)",
        )],
    }));
    library
}

#[test]
fn messages_wrap_instead_of_being_cut() {
    for (width, height) in [(80, 24), (50, 16)] {
        let h = Harness::with_library(failed_library()).size(width, height);
        let screen = h.screen();
        // Wrapped whole, not cut with an ellipsis.
        assert!(
            screen.contains("Press !") && screen.contains("why.") && !screen.contains('…'),
            "{screen}"
        );
        insta::assert_snapshot!(format!("nothing_loaded_{width}x{height}"), screen);
    }
    let no_takeaways = "[briefing]\ntitle = \"Quiet\"\n[[sections]]\nbody = \"x\"\n";
    let h = Harness::from_toml(no_takeaways);
    let screen = h.screen();
    assert!(screen.contains("briefing."), "{screen}");
    insta::assert_snapshot!("no_takeaways_80x24", screen);
}

#[test]
fn overlays_wrap_and_scroll_with_a_position_in_the_border() {
    let mut h = Harness::bundled().size(50, 16);
    h.press("?");
    let screen = h.screen();
    // Descriptions wrap, never cut; a long list of keys may be cut, with an ellipsis.
    assert!(
        screen.lines().filter(|l| l.contains('│')).all(|l| !l
            .trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with('…')),
        "help lines wrap, never cut:\n{screen}"
    );
    assert!(screen.contains("↓"), "more below is shown:\n{screen}");
    insta::assert_snapshot!("help_50x16_top", screen);
    h.press("G");
    let screen = h.screen();
    assert!(screen.contains("↑") && !screen.contains("↓"), "{screen}");
    insta::assert_snapshot!("help_50x16_end", screen);
    let mut h = Harness::with_library(failed_library()).size(50, 16);
    h.press("!");
    insta::assert_snapshot!("diagnostics_50x16", h.screen());
}

#[test]
fn a_long_search_prompt_shows_that_its_start_is_hidden() {
    let mut h = Harness::bundled().size(50, 16);
    h.press("/").type_text(&"syria ".repeat(12));
    let status = h.screen().lines().last().unwrap().to_owned();
    assert!(status.starts_with('…'), "{status}");
}

#[test]
fn ordered_and_nested_lists_wrap_with_a_hanging_indent() {
    let body = "Steps:\n\n1. Ask the ministry for the full text of the agreement before anyone signs it\n2. Wait\n   - nested under two, long enough to wrap onto a second row here\n   - another\n10. Tenth\n\n- top\n  1. first nested\n";
    let toml = format!("[briefing]\ntitle = \"Lists\"\n[[sections]]\nbody = '''\n{body}'''\n");
    let h = Harness::from_toml(&toml).size(50, 24);
    let screen = h.screen();
    let line = |needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}\n{screen}"))
            .to_owned()
    };
    let column = |line: &str, needle: &str| line[..line.find(needle).unwrap()].chars().count();
    // Numbers right-aligned, text in one column, continuation rows under the text.
    let first = line(" 1. Ask");
    let tenth = line("10. Tenth");
    assert_eq!(column(&first, "Ask"), column(&tenth, "Tenth"), "{screen}");
    let wrapped = screen
        .lines()
        .skip_while(|l| !l.contains(" 1. Ask"))
        .nth(1)
        .unwrap()
        .to_owned();
    assert_eq!(
        column(
            &wrapped,
            wrapped.trim_start_matches(|c: char| !c.is_alphabetic())
        ),
        column(&first, "Ask"),
        "{screen}"
    );
    // A nested item sits under the text of the item above, with its own marker.
    let nested = line("◦ nested");
    assert_eq!(
        column(&nested, "◦"),
        column(&line("2. Wait"), "Wait"),
        "{screen}"
    );
    assert!(line("first nested").contains("1. first nested"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn zoom_shows_the_article_alone_without_a_border() {
    let mut h = Harness::bundled();
    h.press("z j");
    let screen = h.screen();
    // No pane borders anywhere: the text rows hold nothing but text.
    assert!(!screen.contains(['┃', '│', '┏', '┌']), "{screen}");
    insta::assert_snapshot!("zoom_80x24", screen);
    let mut h = Harness::bundled().size(200, 60);
    h.press("z");
    insta::assert_snapshot!("zoom_200x60", h.screen());
}
