//! Key-driven flows: keys go through the real keymap and input mapping into `App::update`.

#[path = "support/harness.rs"]
mod harness;

use brief::app::Mode;
use brief::app::panes::Pane;
use harness::Harness;

#[test]
fn takeaway_two_selects_it_and_shows_its_section() {
    let mut h = Harness::bundled();
    h.press("2");
    let b = h.app.briefing().unwrap();
    assert_eq!(h.app.view.takeaways.selected(), Some(1));
    let section = b.takeaways[1].section.unwrap();
    assert_eq!(h.app.view.takeaways.marked_section(), Some(section));
    assert_eq!(h.app.current_section(), Some(section));
    let screen = h.screen();
    let heading = b.sections[section].heading().unwrap();
    let first_words: String = heading.split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&first_words), "{screen}");
    assert!(
        screen.contains('▌'),
        "the supporting section is marked:\n{screen}"
    );
}

#[test]
fn every_takeaway_key_jumps_to_its_section() {
    let mut h = Harness::bundled();
    let takeaways = h.app.briefing().unwrap().takeaways.clone();
    for (i, t) in takeaways.iter().enumerate() {
        h.press(&(i + 1).to_string());
        assert_eq!(h.app.current_section(), t.section, "takeaway {}", i + 1);
    }
    h.press("9");
    assert!(
        h.app
            .view
            .message
            .as_deref()
            .unwrap()
            .contains("no takeaway 9")
    );
}

#[test]
fn scrolling_clamps_at_both_ends() {
    let mut h = Harness::bundled();
    h.press("k g");
    assert_eq!(h.app.view.scroll, 0);
    assert_eq!(h.app.percent_read(), 0, "the top of an article is 0 %");
    h.press("j j j");
    let early = h.app.percent_read();
    assert!(early > 0 && early < 50, "{early}");
    assert_eq!(h.app.view.scroll, 3);
    h.press("ctrl-d");
    // The article shows 21 rows at 80×24 (status bar and borders take three).
    assert_eq!(h.app.view.scroll, 3 + 21 / 2);
    h.press("G");
    let bottom = h.app.view.scroll;
    h.press("j space pagedown");
    assert_eq!(h.app.view.scroll, bottom);
    assert_eq!(h.app.percent_read(), 100);
    h.press("k");
    assert!(h.app.percent_read() < 100);
    h.press("ctrl-u pageup g");
    assert_eq!(h.app.view.scroll, 0);
    assert_eq!(h.app.percent_read(), 0);
}

#[test]
fn sections_step_forward_and_back() {
    let mut h = Harness::bundled();
    let starts: Vec<usize> = h.app.layout().section_rows().collect();
    // From the title, the first step reaches the lead section.
    h.press("]");
    assert_eq!(h.app.view.scroll, starts[0]);
    h.press("] ]");
    assert_eq!(h.app.view.scroll, starts[2]);
    h.press("[");
    assert_eq!(h.app.view.scroll, starts[1]);
    h.press("[ [ [");
    assert_eq!(h.app.view.scroll, 0);
}

#[test]
fn outline_enter_jumps_to_the_section() {
    let mut h = Harness::bundled().size(120, 40);
    h.press("shift-tab");
    assert_eq!(h.app.view.focus, Pane::Outline);
    h.press("j j j enter");
    assert_eq!(h.app.view.focus, Pane::Article);
    assert_eq!(h.app.current_section(), Some(3));
}

#[test]
fn briefings_list_opens_another_briefing() {
    let mut h = Harness::bundled().size(120, 40);
    assert!(h.app.briefing().unwrap().title.starts_with("Historic Move"));
    h.press("tab tab j enter");
    assert_eq!(
        h.app.briefing().unwrap().title,
        "Getting started with brief"
    );
    assert_eq!(h.app.view.scroll, 0);
    // The article, the outline and the sidebar all show the new briefing.
    let screen = h.screen();
    assert!(screen.contains("Your terminal"), "{screen}");
    assert!(screen.contains("Moving around"), "{screen}");
    assert!(!screen.contains("Cooperation Agreement"), "{screen}");
    assert!(!screen.contains("90th member"), "{screen}");
}

#[test]
fn sidebar_toggles_and_focus_skips_it_when_hidden() {
    let mut h = Harness::bundled();
    assert!(h.screen().contains("Takeaways (5)"));
    h.press("t");
    assert!(!h.screen().contains("Takeaways (5)"));
    h.press("t");
    assert!(h.screen().contains("Takeaways (5)"));
}

#[test]
fn search_finds_highlights_and_cycles() {
    let mut h = Harness::bundled();
    h.press("/");
    assert_eq!(h.app.view.mode, Mode::Search);
    h.type_text("assassinate");
    h.press("enter");
    assert_eq!(h.app.view.mode, Mode::Reading);
    assert_eq!(h.app.hits().len(), 1);
    assert!(h.screen().contains("assassinate"));
    assert!(h.screen().contains("/assassinate 1/1"));
    h.press("n");
    assert!(h.app.view.message.as_deref().unwrap().contains("wrapped"));
    h.press("esc");
    assert!(h.app.hits().is_empty());
    h.press("/");
    h.type_text("no such words");
    h.press("enter");
    assert!(
        h.app
            .view
            .message
            .as_deref()
            .unwrap()
            .starts_with("no match")
    );
}

#[test]
fn overlays_open_and_close() {
    let mut h = Harness::bundled();
    for (key, mode) in [
        ("?", Mode::Help),
        ("T", Mode::Skim),
        ("!", Mode::Diagnostics),
    ] {
        h.press(key);
        assert_eq!(h.app.view.mode, mode);
        h.press("esc");
        assert_eq!(h.app.view.mode, Mode::Reading);
    }
    h.press("q");
    assert!(h.app.view.quit);
}

#[test]
fn skim_enter_jumps_to_the_chosen_takeaway() {
    let mut h = Harness::bundled();
    h.press("T j j j enter");
    assert_eq!(h.app.view.mode, Mode::Reading);
    assert_eq!(h.app.view.takeaways.selected(), Some(3));
}

#[test]
fn unmapped_keys_do_not_redraw() {
    let mut h = Harness::bundled();
    let changed = h.event(&crossterm::event::Event::Key(
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::F(12),
            crossterm::event::KeyModifiers::NONE,
        ),
    ));
    assert!(!changed);
    h.press("g");
    let changed = h.app.update(brief::app::Msg::Action(
        brief::settings::keymap::Action::Top,
    ));
    assert!(!changed, "already at the top: nothing to draw");
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut h = Harness::bundled().size(120, 40);
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    h.event(&mouse(MouseEventKind::ScrollDown, 60, 10));
    assert_eq!(h.app.view.scroll, 3);
    // The outline starts below the briefings list; click its fourth entry.
    let outline = h.app.panes().outline.unwrap();
    h.event(&mouse(
        MouseEventKind::Down(MouseButton::Left),
        outline.x + 3,
        outline.y + 4,
    ));
    assert_eq!(h.app.current_section(), Some(3));
    h.press("m");
    assert!(!h.app.view.mouse);
    assert!(!h.event(&mouse(MouseEventKind::ScrollDown, 60, 10)));
}

#[test]
fn broken_file_is_listed_and_the_good_one_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("content/getting-started.toml", dir.path().join("good.toml")).unwrap();
    std::fs::write(dir.path().join("bad.toml"), "[briefing]\ntitle = 3\n").unwrap();
    let library = brief::library::load_paths(
        &[dir.path().to_path_buf()],
        brief::library::LoadOptions::default(),
    );
    let mut h = Harness::with_library(library);
    assert_eq!(h.app.library.briefings.len(), 1);
    assert!(h.screen().contains("1 failed"));
    h.press("!");
    let screen = h.screen();
    assert!(
        screen.contains("bad.toml")
            && screen.contains("  2:9: error: `title` must be a string, found"),
        "{screen}"
    );
    let failure = &h.app.library.failures[0];
    assert!(failure.diagnostics.iter().any(|d| {
        d.to_string()
            .ends_with("bad.toml:2:9: error: `title` must be a string, found an integer")
    }));
}

#[test]
fn a_takeaway_jump_brings_the_article_into_view_on_narrow_layouts() {
    let mut h = Harness::bundled();
    h.press("shift-tab shift-tab");
    assert_eq!(h.app.view.focus, Pane::Briefings);
    assert!(
        h.app.panes().article.is_none(),
        "at 80 columns the list replaces the article"
    );
    h.press("2");
    assert_eq!(h.app.view.focus, Pane::Article);
    assert!(h.screen().contains("White House Visit"));
}

#[test]
fn focus_skips_a_hidden_sidebar() {
    let mut h = Harness::bundled().size(160, 40);
    h.press("t tab");
    assert_eq!(
        h.app.view.focus,
        Pane::Briefings,
        "article → (hidden takeaways) → briefings"
    );
}

#[test]
fn reading_positions_survive_a_restart_and_a_new_width() {
    let mut h = Harness::bundled().size(120, 40);
    h.press("4");
    let section = h.app.current_section();
    let saved = h.app.positions().clone();
    // A new session at another width, with the saved positions.
    let library =
        brief::library::load_paths(&["content".into()], brief::library::LoadOptions::default());
    let app = brief::app::App::new(
        library,
        brief::settings::theme::Theme::default(),
        brief::settings::keymap::Keymap::default(),
    )
    .with_positions(saved);
    let mut h = Harness { app }.size(80, 24);
    assert_eq!(h.app.current_section(), section);
    // Switching briefings remembers where each was left.
    h.press("shift-tab shift-tab j enter");
    assert_eq!(h.app.view.scroll, 0);
    h.press("G shift-tab shift-tab k enter");
    assert_eq!(h.app.current_section(), section);
}

#[test]
fn a_reading_position_follows_the_briefing_to_a_new_file_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("first.toml");
    std::fs::copy("content/syria-joins-anti-isil-coalition.toml", &first).expect("copy");
    let open = |path: &std::path::Path| {
        let library = brief::library::load_paths(
            &[path.to_path_buf()],
            brief::library::LoadOptions::default(),
        );
        brief::app::App::new(
            library,
            brief::settings::theme::Theme::default(),
            brief::settings::keymap::Keymap::default(),
        )
    };
    let mut h = Harness { app: open(&first) }.size(100, 30);
    h.press("3");
    let section = h.app.current_section();
    assert!(section.is_some_and(|s| s > 0));
    let saved = h.app.positions().clone();
    // Renamed, and reached through another directory name: the same briefing.
    let moved = dir.path().join("sub").join("renamed.toml");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::rename(&first, &moved).expect("rename");
    let through = dir
        .path()
        .join("sub")
        .join("..")
        .join("sub")
        .join("renamed.toml");
    let h = Harness {
        app: open(&through).with_positions(saved.clone()),
    }
    .size(100, 30);
    assert_eq!(h.app.current_section(), section);
    // A different briefing in the old file's place starts at the top.
    std::fs::copy("content/getting-started.toml", &first).expect("copy");
    let h = Harness {
        app: open(&first).with_positions(saved),
    }
    .size(100, 30);
    assert_eq!(h.app.view.scroll, 0);
}

fn many_sections(sections: usize, takeaways: usize) -> String {
    use std::fmt::Write as _;
    let mut toml = String::from("[briefing]\ntitle = \"Long\"\n");
    for i in 1..=sections {
        let _ = write!(
            toml,
            "[[sections]]\nid = \"s{i}\"\nheading = \"Section number {i}\"\nbody = \"Text {i}.\"\n"
        );
    }
    for i in 1..=takeaways {
        let _ = write!(
            toml,
            "[[takeaways]]\ntext = \"Takeaway {i}\"\nsection = \"s{i}\"\n"
        );
    }
    toml
}

#[test]
fn resizing_keeps_lists_and_overlays_in_range() {
    let mut h = Harness::bundled().size(50, 16);
    h.press("? G");
    assert!(h.app.view.overlay_scroll > 0);
    let mut h = h.size(120, 40);
    let max = h.app.overlay_len().saturating_sub(h.app.overlay_height());
    assert!(
        h.app.view.overlay_scroll <= max,
        "no blank overlay after growing"
    );
    h.press("esc");

    let mut h = Harness::from_toml(&many_sections(30, 15)).size(120, 40);
    h.press("shift-tab G");
    assert_eq!(h.app.view.outline.selected, 29);
    let h = h.size(120, 22);
    let cursor = h.app.view.outline;
    let height = h.app.panes().inner_height(Pane::Outline);
    assert!(
        cursor.selected >= cursor.offset && cursor.selected < cursor.offset + height,
        "{cursor:?} height {height}"
    );
}

#[test]
fn page_keys_in_a_list_move_by_that_lists_height() {
    let mut h = Harness::from_toml(&many_sections(30, 0)).size(120, 40);
    h.press("shift-tab");
    assert_eq!(h.app.view.focus, Pane::Outline);
    let height = h.app.panes().inner_height(Pane::Outline);
    h.press("pagedown");
    assert_eq!(h.app.view.outline.selected, height - 2);
}

#[test]
fn next_section_at_the_end_says_so() {
    let mut h = Harness::bundled();
    h.press("G ]");
    assert!(
        h.app
            .view
            .message
            .as_deref()
            .unwrap_or_default()
            .starts_with("end of the briefing")
    );
}

#[test]
fn skim_view_names_the_section_of_the_last_takeaway() {
    let mut h = Harness::from_toml(&many_sections(30, 15)).size(80, 24);
    h.press("T G");
    assert!(h.screen().contains("→ Section number 15"), "{}", h.screen());
}

#[test]
fn a_long_search_prompt_shows_what_was_typed_last() {
    let mut h = Harness::bundled().size(30, 10);
    h.press("/");
    h.type_text("a very long query that cannot fit 東京end");
    let status = h.screen().lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("fit 東京end"), "{status}");
    assert!(!status.contains("a very"), "{status}");
}

#[test]
fn zoom_shows_the_article_alone_at_any_width_and_says_how_to_leave() {
    let mut h = Harness::bundled().size(200, 60);
    assert!(h.screen().contains("Takeaways") && h.screen().contains("Outline"));
    h.press("z");
    let screen = h.screen();
    assert!(h.app.view.zoom);
    assert!(
        !screen.contains("Takeaways") && !screen.contains("Outline"),
        "{screen}"
    );
    assert!(screen.contains("z unzoom"), "{screen}");
    let panes = h.app.panes();
    assert_eq!(panes.article.map(|r| r.width), Some(200));
    // Focus stays on the article; Tab has nothing else to focus.
    h.press("tab");
    assert_eq!(h.app.view.focus, Pane::Article);
    h.press("j z");
    assert!(!h.app.view.zoom);
    assert!(h.screen().contains("Outline"));
}

#[test]
fn a_briefing_with_warnings_opens_and_lists_them_under_bang() {
    let mut h = Harness::from_toml(
        "[briefing]\ntitle = \"Warned\"\nmood = \"odd\"\n[[sections]]\nheading = \"Big News\"\nbody = \"Text.\"\n[[takeaways]]\ntext = \"Linked by heading\"\nsection = \"Big News\"\n",
    )
    .size(120, 30);
    let screen = h.screen();
    assert!(screen.contains("Text."), "{screen}");
    assert!(screen.contains("⚠ 2 warnings (!)"), "{screen}");
    assert!(screen.contains(" 1? Linked by heading"), "{screen}");
    h.press("!");
    let screen = h.screen();
    assert!(screen.contains("with warnings"), "{screen}");
    assert!(
        screen.contains("3:1: warning: unknown key `mood`"),
        "{screen}"
    );
    assert!(
        screen.contains("9:11: warning: takeaway points at section `Big News`"),
        "{screen}"
    );
}

mod reload {
    use super::Harness;
    use brief::app::{App, Msg};
    use brief::library::{self, LoadOptions};

    const TEXT: &str = "[briefing]\ntitle = \"Alpha\"\ndate = 2025-01-02\n\n[[sections]]\nid = \"one\"\nheading = \"One\"\nbody = '''\nFirst paragraph of one.\n\nSecond paragraph of one.\n'''\n\n[[sections]]\nid = \"two\"\nheading = \"Two\"\nbody = '''\nThe paragraph the reader is on.\n\nAnother paragraph after it.\n\nMore text.\n\nMore text.\n\nMore text.\n\nMore text.\n\nMore text.\n\nMore text.\n\nMore text.\n\nMore text.\n'''\n";

    fn library(dir: &std::path::Path) -> library::Library {
        library::load_paths(&[dir.to_path_buf()], LoadOptions::default())
    }

    /// Everything under `dir` read again, as `r` does.
    fn reload(dir: &std::path::Path) -> library::Reload {
        library::Reload {
            fresh: library(dir),
            scope: None,
            by_hand: true,
        }
    }

    /// `files` read again, as a change seen on disk does.
    fn changed(files: &[&std::path::Path]) -> library::Reload {
        let paths: Vec<std::path::PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
        let mut fresh = library::Library::default();
        fresh.extend(
            paths
                .iter()
                .filter(|p| p.exists())
                .map(|p| library::load_file(p, LoadOptions::default())),
        );
        library::Reload {
            fresh,
            scope: Some(paths.iter().map(|p| library::display_path(p)).collect()),
            by_hand: false,
        }
    }

    fn open(dir: &std::path::Path) -> Harness {
        let app = App::new(
            library(dir),
            brief::settings::theme::Theme::default(),
            brief::settings::keymap::Keymap::default(),
        );
        Harness { app }.size(60, 12)
    }

    /// A directory holding `alpha.toml` (`TEXT`), and a reader open on it at 60×12.
    fn alpha() -> (tempfile::TempDir, std::path::PathBuf, Harness) {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("alpha.toml");
        std::fs::write(&file, TEXT).expect("write");
        let h = open(dir.path());
        (dir, file, h)
    }

    /// Writes `beta.toml`, an older briefing than `TEXT`'s, into `dir`; returns its path.
    fn beta(dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("beta.toml");
        let text = TEXT
            .replace("Alpha", "Beta")
            .replace("2025-01-02", "2020-01-01");
        std::fs::write(&path, text).expect("write");
        path
    }

    /// The text of the row at the top of the article.
    fn top(h: &Harness) -> String {
        let b = h.app.briefing().expect("open");
        let (unit, offset) = h.app.layout().anchor_at(b, h.app.view.scroll).expect("row");
        h.app
            .layout()
            .text(b, unit)
            .get(offset..)
            .unwrap_or_default()
            .to_owned()
    }

    #[test]
    fn a_reload_keeps_the_reader_on_the_same_text_whatever_changed_above_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("alpha.toml");
        std::fs::write(&file, TEXT).expect("write");
        std::fs::write(dir.path().join("other.toml"), TEXT.replace("Alpha", "Beta"))
            .expect("write");
        let mut h = open(dir.path());
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        for _ in 0..40 {
            if top(&h) == "The paragraph the reader is on." {
                break;
            }
            h.press("j");
        }
        assert_eq!(top(&h), "The paragraph the reader is on.");
        // Paragraphs inserted above it, a new file, one removed.
        let edited = TEXT.replace(
            "First paragraph of one.",
            "A new opening.\n\nFirst paragraph of one, edited.\n\nOne more.",
        );
        std::fs::write(&file, edited).expect("write");
        std::fs::write(dir.path().join("new.toml"), TEXT.replace("Alpha", "Gamma")).expect("write");
        std::fs::remove_file(dir.path().join("other.toml")).expect("remove");
        assert!(h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            reload(dir.path())
        ))));
        assert_eq!(top(&h), "The paragraph the reader is on.");
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        let titles: Vec<&str> = h
            .app
            .library
            .briefings
            .iter()
            .map(|b| b.title.as_str())
            .collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(
            titles.contains(&"Gamma") && !titles.contains(&"Beta"),
            "{titles:?}"
        );
        let message = h.app.view.message.clone().unwrap_or_default();
        assert_eq!(message, "reloaded: 1 briefing changed, 1 new, 1 removed");
    }

    #[test]
    fn a_reload_starts_search_numbers_over_in_the_new_text() {
        let (dir, file, mut h) = alpha();
        h.press("/").type_text("text").press("enter n n");
        assert!(h.app.view.search.current().is_some());
        // Fewer matches now.
        std::fs::write(&file, TEXT.replace("More text.", "More.")).expect("write");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            reload(dir.path()),
        )));
        assert_eq!(h.app.view.search.current(), None);
        assert!(
            h.app.view.search.query().is_some(),
            "the search itself stays"
        );
        let _ = h.screen();
    }

    #[test]
    fn a_broken_save_keeps_the_last_good_version_until_it_is_fixed() {
        let (dir, file, mut h) = alpha();
        h.press("j j j");
        let place = top(&h);
        // A save cut half-way: not valid TOML.
        std::fs::write(&file, &TEXT.as_bytes()[..TEXT.len() / 2]).expect("write");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            reload(dir.path()),
        )));
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        assert_eq!(top(&h), place);
        assert_eq!(h.app.library.failures.len(), 1);
        let message = h.app.view.message.clone().unwrap_or_default();
        assert!(
            message.contains("no longer loads") && message.contains("last good version"),
            "{message}"
        );
        // Fixed: the new text, no failure.
        std::fs::write(
            &file,
            TEXT.replace("Second paragraph", "Second, fixed, paragraph"),
        )
        .expect("write");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            reload(dir.path()),
        )));
        assert!(h.app.library.failures.is_empty());
        assert!(h.screen().contains("fixed"), "{}", h.screen());
    }

    #[test]
    fn the_open_briefing_stays_when_its_file_is_removed_until_another_is_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("alpha.toml"), TEXT).expect("write");
        std::fs::write(
            dir.path().join("beta.toml"),
            TEXT.replace("Alpha", "Beta")
                .replace("2025-01-02", "2024-01-01"),
        )
        .expect("write");
        let mut h = open(dir.path());
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        std::fs::remove_file(dir.path().join("alpha.toml")).expect("remove");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            reload(dir.path()),
        )));
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        let message = h.app.view.message.clone().unwrap_or_default();
        assert!(message.contains("was removed"), "{message}");
        assert_eq!(h.app.library.briefings.len(), 2);
        // Opening the other one lets it go.
        let beta = h
            .app
            .library
            .briefings
            .iter()
            .position(|b| b.title == "Beta")
            .expect("beta");
        h.app.open(beta);
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Beta"));
        assert_eq!(h.app.library.briefings.len(), 1);
    }

    #[test]
    fn a_change_to_another_file_leaves_the_open_briefing_as_it_was() {
        let (dir, _file, mut h) = alpha();
        let other = beta(dir.path());
        h.press("/").type_text("text").press("enter n");
        let found = h.app.view.search.current();
        assert!(found.is_some());
        let scroll = h.app.view.scroll;
        assert!(h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            changed(&[&other])
        ))));
        assert_eq!(h.app.library.briefings.len(), 2);
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        assert_eq!(
            h.app.view.search.current(),
            found,
            "the search is where it was"
        );
        assert_eq!(h.app.view.scroll, scroll);
        assert_eq!(h.app.view.message.as_deref(), Some("reloaded: 1 new"));
        // Saved again unchanged (or touched): nothing to say, nothing to draw.
        std::fs::write(&other, std::fs::read(&other).expect("read")).expect("write");
        assert!(!h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            changed(&[&other])
        ))));
        // By hand, the reader is told even that.
        assert!(h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            reload(dir.path())
        ))));
        assert_eq!(
            h.app.view.message.as_deref(),
            Some("reloaded: nothing changed")
        );
    }

    #[test]
    fn a_briefing_removed_and_written_again_is_no_longer_kept_as_gone() {
        let (dir, file, mut h) = alpha();
        let other = beta(dir.path());
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            changed(&[&other]),
        )));
        std::fs::remove_file(&file).expect("remove");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            changed(&[&file]),
        )));
        let message = h.app.view.message.clone().unwrap_or_default();
        assert!(message.contains("was removed"), "{message}");
        // Another file's change keeps it as it is: still open, still gone.
        std::fs::write(&other, TEXT.replace("Alpha", "Beta, again")).expect("write");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            changed(&[&other]),
        )));
        assert_eq!(h.app.briefing().map(|b| b.title.as_str()), Some("Alpha"));
        // Written again: it is a briefing on disk like any other, and stays when left.
        std::fs::write(&file, TEXT.replace("More text.", "More text, restored.")).expect("write");
        h.app.update(Msg::Snapshot(library::Snapshot::after_reload(
            &h.app.library,
            changed(&[&file]),
        )));
        // The new text is the one laid out.
        h.press("G");
        assert!(
            h.screen().contains("More text, restored."),
            "{}",
            h.screen()
        );
        let beta = h
            .app
            .library
            .briefings
            .iter()
            .position(|b| b.title.starts_with("Beta"))
            .expect("beta");
        h.app.open(beta);
        assert_eq!(h.app.library.briefings.len(), 2, "alpha is back for good");
    }
}

#[test]
fn the_config_files_reader_settings_shape_the_first_screen() {
    use brief::settings::file::Preferences;
    let article = |h: &Harness| h.app.panes().article_text().unwrap().width;
    let h = Harness::bundled().size(200, 60);
    assert_eq!(article(&h), 100, "the default cap");
    assert!(h.app.panes().takeaways.is_some());
    let mut h = Harness::bundled()
        .with(|app| {
            app.with_preferences(Preferences {
                takeaways: false,
                zoom: false,
                mouse: false,
                show_cursor: false,
                text_width: 60,
            })
        })
        .size(200, 60);
    assert_eq!(article(&h), 60);
    assert!(
        h.app.panes().takeaways.is_none(),
        "the sidebar starts hidden"
    );
    assert!(!h.app.view.mouse);
    // `t` still brings the sidebar, and the narrower text stays.
    h.press("t");
    assert!(h.app.panes().takeaways.is_some());
    assert_eq!(article(&h), 60);
    // Zoomed at start: the article alone; the text never narrower than 20 columns.
    let h = Harness::bundled()
        .with(|app| {
            app.with_preferences(Preferences {
                zoom: true,
                text_width: 10,
                ..Preferences::default()
            })
        })
        .size(200, 60);
    assert!(h.app.panes().briefings.is_none() && h.app.panes().borderless);
    assert_eq!(article(&h), 20);
}

#[test]
fn the_article_search_stays_with_its_briefing_and_counts_adjacent_matches_apart() {
    let mut h = Harness::bundled();
    h.press("/");
    h.type_text("ISIL");
    h.press("enter n n");
    let first = h.app.briefing().unwrap().key.clone();
    let (count, current) = (h.app.hits().len(), h.app.view.search.current());
    assert!(count > 3 && current == Some(2), "{count} {current:?}");
    // Another briefing has its own (none); coming back finds the search where it was.
    h.app.open(1);
    assert_eq!(h.app.view.search.query(), None);
    h.app.open(0);
    assert_eq!(h.app.briefing().unwrap().key, first);
    assert_eq!(h.app.view.search.query(), Some("ISIL"));
    assert_eq!(h.app.hits().len(), count);
    assert_eq!(h.app.view.search.current(), Some(2));
    h.press("n");
    assert_eq!(h.app.view.search.current(), Some(3), "n goes on from there");
    // Cleared, it stays cleared.
    h.press("esc");
    h.app.open(1);
    h.app.open(0);
    assert_eq!(h.app.view.search.query(), None);

    let mut h = Harness::from_toml(
        "[briefing]\ntitle = \"T\"\n[[sections]]\nbody = \"aaaa and AAA, aa.\"\n",
    );
    h.press("/");
    h.type_text("aa");
    h.press("enter");
    assert_eq!(h.app.hits().len(), 4, "aaaa holds two, AAA one, aa one");
}

/// A long briefing whose layout may be deferred, at `width`×`height`.
fn deferred(sections: usize, width: u16, height: u16) -> Harness {
    deferred_with(sections, width, height, |app| app)
}

/// [`deferred`], the app changed by `change` before its first size is known.
fn deferred_with(
    sections: usize,
    width: u16,
    height: u16,
    change: impl FnOnce(brief::app::App) -> brief::app::App,
) -> Harness {
    let mut library = brief::library::Library::default();
    let briefing = brief::content::parse("long.toml", &many_sections(sections, 3));
    library.push(briefing.map_err(|d| brief::library::LoadFailure {
        origin: "long.toml".into(),
        diagnostics: d,
    }));
    let mut app = change(brief::app::App::new(
        library,
        brief::settings::theme::Theme::default(),
        brief::settings::keymap::Keymap::default(),
    ));
    app.defer_layouts(true);
    Harness { app }.size(width, height)
}

#[test]
fn a_long_briefing_is_drawn_from_its_first_screens_and_the_frame_is_the_whole_layouts() {
    for (width, height) in [(80, 24), (50, 16), (200, 60)] {
        let mut h = deferred(600, width, height);
        assert!(
            !h.app.layout().is_complete(),
            "only the first screens at {width}×{height}"
        );
        let first = h.buffer();
        assert!(h.app.finish_layout(), "the rest was left");
        assert!(h.app.layout().is_complete());
        assert!(!h.app.finish_layout(), "nothing is left twice");
        assert_eq!(first, h.buffer(), "the same frame at {width}×{height}");
        // The whole article is there: the end is where it is without deferring.
        let mut whole = Harness::from_toml(&many_sections(600, 3)).size(width, height);
        h.press("G");
        whole.press("G");
        assert!(h.app.view.scroll > 1000);
        assert_eq!(h.app.view.scroll, whole.app.view.scroll);
        assert_eq!(h.buffer(), whole.buffer());
    }
}

#[test]
fn keys_see_the_whole_article_before_the_rest_is_laid_out_by_the_loop() {
    let mut h = deferred(600, 80, 24);
    assert!(!h.app.layout().is_complete());
    h.press("G");
    assert!(h.app.layout().is_complete());
    let mut whole = Harness::from_toml(&many_sections(600, 3)).size(80, 24);
    whole.press("G");
    assert_eq!(h.app.view.scroll, whole.app.view.scroll, "the very end");
    let mut h = deferred(600, 80, 24);
    h.press("3");
    assert_eq!(h.app.current_section(), Some(2), "a takeaway's section");
    // Searching finds matches anywhere in the article.
    let search = |h: &mut Harness| {
        h.press("/");
        h.type_text("Text 598.");
        h.press("enter");
    };
    let mut h = deferred(600, 80, 24);
    search(&mut h);
    let mut whole = Harness::from_toml(&many_sections(600, 3)).size(80, 24);
    search(&mut whole);
    assert!(h.app.view.scroll > 1000);
    assert_eq!(h.buffer(), whole.buffer());
}

#[test]
fn a_reading_place_deep_in_a_deferred_briefing_is_restored() {
    let mut h = Harness::from_toml(&many_sections(600, 3)).size(80, 24);
    h.press("G k k");
    let section = h.app.current_section();
    assert!(section.is_some_and(|s| s > 590));
    let saved = h.app.positions().clone();
    let again = deferred_with(600, 80, 24, |app| app.with_positions(saved));
    assert_eq!(again.app.current_section(), section);
    assert!(
        again.app.layout().is_complete(),
        "the place needed the whole layout"
    );
}

/// A short briefing, newest, and an older long one (600 sections, a takeaway on section
/// 451 that says "Zanzibar"), with layouts deferred or not, at 80×24.
fn two_briefings(defer: bool) -> Harness {
    let short =
        "[briefing]\ntitle = \"Short\"\ndate = 2025-12-01\n[[sections]]\nbody = \"Hello.\"\n";
    let long = format!(
        "{}[[takeaways]]\ntext = \"Zanzibar alert\"\nsection = \"s451\"\n",
        many_sections(600, 0)
    );
    let mut library = brief::library::Library::default();
    for (name, text) in [("short.toml", short), ("long.toml", long.as_str())] {
        library.push(
            brief::content::parse(name, text).map_err(|d| brief::library::LoadFailure {
                origin: name.into(),
                diagnostics: d,
            }),
        );
    }
    let mut app = brief::app::App::new(
        library,
        brief::settings::theme::Theme::default(),
        brief::settings::keymap::Keymap::default(),
    );
    app.defer_layouts(defer);
    Harness { app }.size(80, 24)
}

#[test]
fn a_search_result_deep_in_a_briefing_not_yet_laid_out_is_shown_where_it_is() {
    for (query, section) in [("\"Text 500.\"", 499), ("Zanzibar", 450)] {
        let [deferred, whole] = [true, false].map(|defer| {
            let mut h = two_briefings(defer);
            h.press("S");
            h.type_text(query);
            h.press("enter");
            h
        });
        assert_eq!(deferred.app.current_section(), Some(section), "{query}");
        assert!(deferred.app.view.scroll > 1000, "{query}");
        assert_eq!(deferred.app.view.scroll, whole.app.view.scroll, "{query}");
        assert_eq!(deferred.message(), whole.message(), "{query}");
        assert_eq!(deferred.buffer(), whole.buffer(), "{query}");
    }
}

#[test]
fn a_link_to_a_section_of_a_briefing_not_yet_laid_out_shows_that_section() {
    let mut h = two_briefings(true);
    let id = h.app.library.briefings[1].id.as_str().to_owned();
    h.app.open_link(&id, Some("s500")).expect("the link");
    assert_eq!(h.app.current_section(), Some(499));
}

/// A briefing of `n` sections, section `i` headed `Part i` with one paragraph naming
/// `marker i` and a list.
fn long_toml(n: usize) -> String {
    use std::fmt::Write as _;
    let mut src = String::from("[briefing]\ntitle = \"Long\"\n[keywords]\nplaces = [\"Syria\"]\n");
    for i in 0..n {
        let _ = write!(
            src,
            "[[sections]]\nheading = \"Part {i}\"\nbody = \"\"\"\nSyria and marker {i}, a \
             paragraph long enough to wrap at eighty columns, so each section takes rows.\n\n\
             - one\n- two\n\"\"\"\n"
        );
    }
    src
}

#[test]
fn a_long_briefing_reads_the_same_at_its_end_as_at_its_top() {
    let mut h = Harness::from_toml(&long_toml(2000));
    assert!(h.screen().contains("Part 0"));
    h.press("G");
    let screen = h.screen();
    assert!(screen.contains("marker 1999"), "{screen}");
    assert!(
        h.buffer()
            .content()
            .iter()
            .any(|c| c.symbol() == "S" && c.fg != ratatui::style::Color::Reset),
        "keywords are highlighted at the end too"
    );
    // Paging back up through the whole article shows text on every page.
    let rows = h.app.layout().row_count();
    for page in 0..rows {
        if h.app.view.scroll == 0 {
            break;
        }
        h.press("pageup");
        let screen = h.screen();
        assert!(screen.contains("marker "), "page {page} up: {screen}");
    }
    assert_eq!(h.app.view.scroll, 0);
    // A search from the top reaches a match at the far end and steps back round to it.
    h.press("/").type_text("marker 1998,").press("enter");
    assert!(h.screen().contains("marker 1998"), "{}", h.screen());
    h.press("g n");
    assert!(h.screen().contains("marker 1998"), "{}", h.screen());
    // `]` from the last section's heading says there is no further section.
    h.press("G ]");
    assert!(
        h.message().contains("end of the briefing"),
        "{}",
        h.message()
    );
    assert!(h.screen().contains("marker 1999"), "{}", h.screen());
}

#[test]
fn a_link_into_a_long_briefing_shows_its_section() {
    let mut h = Harness::from_toml(&long_toml(2000));
    let id = h.app.briefing().expect("open").id.to_string();
    let section = h.app.briefing().expect("open").sections[1500]
        .id
        .to_string();
    h.app.open_link(&id, Some(&section)).expect("a link");
    let screen = h.screen();
    assert!(screen.contains("Part 1500"), "{screen}");
    assert!(screen.contains("marker 1500"), "{screen}");
}
