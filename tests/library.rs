//! The library view, key by key: read marks, sort, filter, the list as the main pane with a
//! preview, changed sections, and the fuzzy finder, with snapshots at 80×24, 50×16 and 200×60.

#[path = "support/harness.rs"]
mod harness;

use brief::app::panes::Pane;
use brief::app::{Mark, Mode, Sort};
use brief::content;
use brief::library::Library;
use brief::store::positions::{Position, Positions, ReadState};
use harness::Harness;

/// A briefing with a title, a date, tags and two sections (`a`, and `b` headed "Second").
fn briefing(title: &str, date: &str, tags: &[&str]) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        "[briefing]\ntitle = \"{title}\"\ndate = {date}\ntags = [{}]\n\n[[sections]]\nid = \"a\"\nbody = \"First text about {title}.\"\n\n[[sections]]\nid = \"b\"\nheading = \"Second\"\nbody = \"More.\"\n",
        tags.join(", ")
    )
}

fn library() -> Library {
    let mut library = Library::default();
    for (i, (title, date, tags)) in [
        (
            "Ports reopen after the storm",
            "2025-11-12",
            &["weather", "shipping"][..],
        ),
        ("Budget passes the council", "2025-11-11", &["city"]),
        ("Chip earnings lift markets", "2025-11-03", &["markets"]),
        ("Archive: an old summit", "2024-01-05", &["summit"]),
    ]
    .into_iter()
    .enumerate()
    {
        let origin = format!("b{i}.toml");
        library.push(
            content::parse(&origin, &briefing(title, date, tags)).map_err(|d| {
                brief::library::LoadFailure {
                    origin,
                    diagnostics: d,
                }
            }),
        );
    }
    library
}

/// 2025-11-12, the newest briefing's day.
const TODAY: i64 = 20_404;

fn harness() -> Harness {
    Harness::with_library(library()).with(|app| app.with_today(TODAY))
}

fn titles(h: &Harness) -> Vec<String> {
    h.app
        .rows()
        .iter()
        .map(|&i| h.app.library.briefings[i].title.clone())
        .collect()
}

#[test]
fn the_days_since_the_epoch_are_right() {
    assert_eq!(content::days_from_civil(2025, 11, 12), TODAY);
}

#[test]
fn unread_briefings_are_marked_until_read_and_a_changed_one_says_so() {
    let mut h = harness().size(120, 30);
    assert!((0..4).all(|i| h.app.mark(i) == Mark::Unread));
    let screen = h.screen();
    assert!(screen.contains("• Ports reopen"), "{screen}");
    // Reading one (a key in it) and leaving it marks it read.
    h.press("j shift-tab shift-tab j enter");
    assert_eq!(h.app.mark(0), Mark::Read);
    // One read before its second section changed: Δ in the list and in its outline.
    let b = h.app.library.briefings[2].clone();
    let mut positions = Positions::default();
    positions.set(Position {
        id: b.id.to_string(),
        origin: String::new(),
        title: String::new(),
        at: None,
        unit: None,
        offset: None,
        read: Some(ReadState {
            at_end: true,
            sections: vec![("a".into(), b.sections[0].hash), ("b".into(), 7)],
        }),
    });
    let mut h = harness()
        .with(|app| app.with_positions(positions))
        .size(120, 30);
    assert_eq!(h.app.mark(2), Mark::Changed);
    h.app.open(2);
    assert_eq!(h.app.changed_sections(), &[1]);
    let screen = h.screen();
    assert!(
        screen.contains("Δ Second"),
        "the outline marks it:\n{screen}"
    );
    h.press("c");
    assert_eq!(h.app.view.outline.selected, 1, "c goes to it");
    h.app.open(0);
    h.press("c");
    assert!(h.message().contains("no section changed"));
}

#[test]
fn sort_cycles_date_title_last_read_and_says_so() {
    let mut h = harness();
    assert_eq!(h.app.view.sort, Sort::Date);
    h.press("s");
    assert_eq!(h.app.view.sort, Sort::Title);
    assert_eq!(
        titles(&h),
        [
            "Archive: an old summit",
            "Budget passes the council",
            "Chip earnings lift markets",
            "Ports reopen after the storm"
        ]
    );
    assert!(h.screen().contains("by title"));
    // Read the chip story, then sort by last read: it comes first.
    h.app.open(2);
    h.press("j");
    h.app.open(1);
    h.press("s");
    assert_eq!(h.app.view.sort, Sort::LastRead);
    assert_eq!(titles(&h)[0], "Chip earnings lift markets");
    h.press("s");
    assert_eq!(h.app.view.sort, Sort::Date);
}

#[test]
fn a_filter_narrows_the_list_as_it_is_typed_and_esc_clears_it() {
    let mut h = harness();
    h.press("f");
    assert_eq!(h.app.view.mode, Mode::Filter);
    h.type_text("#city");
    assert_eq!(
        titles(&h),
        ["Budget passes the council"],
        "applied as typed"
    );
    h.press("enter");
    assert_eq!(h.app.view.mode, Mode::Reading);
    assert_eq!(h.app.view.focus, Pane::Briefings);
    let screen = h.screen();
    assert!(screen.contains("Briefings 1/4 · #city"), "{screen}");
    h.press("esc");
    assert_eq!(titles(&h).len(), 4);
    // Esc while a filter is typed puts back the one before: none, then `#city`.
    h.press("f");
    h.type_text("summit");
    assert_eq!(titles(&h).len(), 1, "applied as typed");
    h.press("esc");
    assert_eq!(titles(&h).len(), 4, "no filter before it");
    h.press("f");
    h.type_text("#city");
    h.press("enter");
    h.press("f");
    h.type_text(" unread summit");
    h.press("esc");
    assert_eq!(titles(&h), ["Budget passes the council"], "#city again");
    h.press("esc");
    assert_eq!(titles(&h).len(), 4);
    // Date ranges count from the reader's today.
    for (filter, expected) in [
        ("today", 1),
        ("7d", 2),
        ("since 2025-11-01", 3),
        ("until 2025-01-01", 1),
        ("summit", 1),
        ("unread", 4),
    ] {
        h.press("f");
        h.type_text(filter);
        h.press("enter");
        assert_eq!(titles(&h).len(), expected, "{filter}");
        h.press("esc");
    }
    // Nothing kept: the list says why, and a bad date is said.
    h.press("f");
    h.type_text("#nothing");
    h.press("enter");
    assert!(h.screen().contains("No briefing matches the filter"));
    h.press("esc f");
    h.type_text("since 11/01");
    h.press("enter");
    assert!(h.message().contains("is not a date"));
}

#[test]
fn the_list_as_the_main_pane_previews_the_selection_and_enter_opens_it() {
    let mut h = harness().size(120, 30);
    h.press("L");
    assert!(h.app.view.library);
    assert_eq!(h.app.view.focus, Pane::Briefings);
    h.press("j");
    let screen = h.screen();
    assert!(screen.contains("Preview"), "{screen}");
    assert!(
        screen.contains("#city"),
        "the preview shows the selection's tags:\n{screen}"
    );
    h.press("enter");
    assert!(!h.app.view.library);
    assert_eq!(h.app.current(), 1);
    assert_eq!(h.app.view.focus, Pane::Article);
    // Esc leaves it too.
    h.press("L esc");
    assert!(!h.app.view.library);
}

#[test]
fn the_finder_ranks_by_fuzzy_match_and_opens_the_choice() {
    let mut h = harness().size(100, 30);
    h.press("ctrl-p");
    assert_eq!(h.app.view.mode, Mode::Find);
    assert_eq!(h.app.finder().results().len(), 4, "empty: every briefing");
    h.type_text("chp erng");
    let first = h.app.finder().results()[0];
    assert_eq!(
        h.app.library.briefings[first].title,
        "Chip earnings lift markets"
    );
    h.type_text("zzzz");
    assert!(h.app.finder().results().is_empty());
    assert!(h.screen().contains("No briefing matches."));
    for _ in 0..4 {
        h.press("backspace");
    }
    // Tags and the selection's movement.
    for _ in 0..8 {
        h.press("backspace");
    }
    h.type_text("#summit");
    assert_eq!(h.app.finder().matched(), 1);
    h.press("backspace backspace backspace backspace backspace backspace backspace");
    h.press("down down up down");
    assert_eq!(h.app.finder().selected(), 2);
    let chosen = h.app.finder().results()[2];
    h.press("enter");
    assert_eq!(h.app.view.mode, Mode::Reading);
    assert_eq!(h.app.current(), chosen);
    h.press("ctrl-p esc");
    assert_eq!(h.app.view.mode, Mode::Reading);
}

#[test]
fn snapshots_of_the_library_view_at_three_sizes() {
    for (w, ht) in [(80, 24), (50, 16), (200, 60)] {
        let mut h = harness().size(w, ht);
        h.press("L");
        insta::assert_snapshot!(format!("library_{w}x{ht}"), h.screen());
        h.press("f");
        h.type_text("7d");
        h.press("enter");
        insta::assert_snapshot!(format!("library_filtered_{w}x{ht}"), h.screen());
        h.press("esc esc ctrl-p");
        h.type_text("storm");
        insta::assert_snapshot!(format!("finder_{w}x{ht}"), h.screen());
    }
}

#[test]
fn search_across_the_library_ranks_opens_at_the_match_and_reopens_where_it_was() {
    let mut h = harness().size(100, 30);
    h.press("S");
    assert_eq!(h.app.view.mode, Mode::LibrarySearch);
    assert!(h.screen().contains("Search every briefing"));
    h.type_text("text");
    let results = h.app.library_search().results().unwrap().clone();
    assert_eq!(results.briefings, 4, "every briefing has \"First text\"");
    h.type_text(" storm");
    let results = h.app.library_search().results().unwrap().clone();
    assert_eq!(results.briefings, 1, "both words in one briefing");
    // The title hit ranks above the body's.
    assert_eq!(results.hits[0].place, brief::library::find::Place::Title);
    let screen = h.screen();
    assert!(
        screen.contains("Ports reopen after the storm › title"),
        "{screen}"
    );
    assert!(screen.contains("passages in 1 briefing"), "{screen}");
    // The body hit: Enter opens the briefing there, with the article's search on it.
    h.press("down enter");
    assert_eq!(h.app.view.mode, Mode::Reading);
    assert_eq!(
        h.app.library.briefings[h.app.current()].title,
        "Ports reopen after the storm"
    );
    assert_eq!(h.app.view.search.query(), Some("text"));
    assert!(h.app.view.search.current().is_some());
    h.press("n");
    // S again: the same query, results and selection.
    h.press("S");
    assert_eq!(h.app.library_search().input(), "text storm");
    assert_eq!(h.app.library_search().selected(), 1);
    h.press("esc");
    // A phrase matches as written; nothing found says so.
    h.press("S");
    for _ in 0.."text storm".len() {
        h.press("backspace");
    }
    h.type_text("\"storm text\"");
    assert_eq!(h.app.library_search().results().unwrap().total, 0);
    assert!(h.screen().contains("Nothing matches"));
}

#[test]
fn snapshots_of_the_library_search() {
    for (w, ht) in [(80, 24), (50, 16), (200, 60)] {
        let mut h = harness().size(w, ht);
        h.press("S");
        h.type_text("text");
        insta::assert_snapshot!(format!("search_{w}x{ht}"), h.screen());
    }
}

#[test]
fn the_watchlist_counts_its_terms_in_the_open_briefing_and_jumps_to_them() {
    let mut h = Harness::bundled()
        .with(|app| app.with_watchlist(vec!["Damascus".into(), "trump".into(), "Nowhere".into()]))
        .size(120, 40);
    let counts = h.app.watch_counts().to_vec();
    assert_eq!(counts[0].0, "Damascus");
    assert!(counts[0].1 >= 3, "{counts:?}");
    assert!(counts[1].1 >= 2, "whole words, any case: {counts:?}");
    assert_eq!(counts[2], ("Nowhere".to_owned(), 0));
    h.press("w");
    let screen = h.screen();
    assert!(screen.contains("Watchlist 2/3"), "{screen}");
    assert!(screen.contains(&format!("Damascus{}", " ")), "{screen}");
    // W: the next place the selected term appears, through the article's search.
    h.press("W");
    assert_eq!(h.app.view.search.query(), Some("Damascus"));
    let first = h.app.view.search.current();
    h.press("W");
    assert_ne!(h.app.view.search.current(), first, "again: the next one");
    // In the sidebar: j selects the next term, Enter jumps to it.
    h.press("tab");
    assert_eq!(h.app.view.focus, Pane::Takeaways);
    h.press("j enter");
    assert_eq!(h.app.view.search.query(), Some("trump"));
    assert_eq!(
        h.app.hits().len(),
        counts[1].1,
        "the count is what W steps through"
    );
    h.press("tab j enter");
    assert!(h.message().contains("not in this briefing"));
    // Back to the takeaways.
    h.press("w");
    assert!(h.screen().contains("Takeaways (5)"));
    // Without a watchlist, w says how to make one.
    let mut h = harness();
    h.press("w");
    assert!(h.message().contains("no watchlist"));
}

#[test]
fn the_digest_shows_the_last_seven_days_takeaways_by_day() {
    let takeaway = |title: &str, date: &str| {
        format!(
            "{}\n[[takeaways]]\ntext = \"What {title} means.\"\nsection = \"b\"\n",
            briefing(title, date, &[])
        )
    };
    let mut library = Library::default();
    for (i, (title, date)) in [
        ("Ports reopen", "2025-11-12"),
        ("Budget passes", "2025-11-10"),
        ("Old news", "2025-10-01"),
    ]
    .into_iter()
    .enumerate()
    {
        let origin = format!("d{i}.toml");
        library.push(
            content::parse(&origin, &takeaway(title, date)).map_err(|d| {
                brief::library::LoadFailure {
                    origin,
                    diagnostics: d,
                }
            }),
        );
    }
    let mut h = Harness::with_library(library)
        .with(|app| app.with_today(TODAY))
        .size(80, 24);
    h.press("D");
    assert_eq!(h.app.view.mode, Mode::Digest);
    let screen = h.screen();
    for expected in [
        "Digest",
        "2025-11-12",
        "Ports reopen",
        "1. What Ports reopen means.",
        "→ Second",
        "2025-11-10",
    ] {
        assert!(screen.contains(expected), "{expected}:\n{screen}");
    }
    assert!(
        !screen.contains("Old news"),
        "outside the seven days:\n{screen}"
    );
    insta::assert_snapshot!("digest_80x24", screen);
    h.press("esc");
    assert_eq!(h.app.view.mode, Mode::Reading);
}

/// The names the entity index shows, in order.
fn entity_names(h: &Harness) -> Vec<String> {
    let shown = h.app.entity_view().shown().expect("the index is built");
    shown.map(|e| e.name.clone()).collect()
}

#[test]
fn the_entity_index_lists_every_term_and_filters_the_list_to_its_mentions() {
    let mut h = Harness::bundled()
        .with(|app| app.with_watchlist(vec!["Reuters".into()]))
        .size(120, 40);
    h.press("E");
    assert_eq!(h.app.view.mode, Mode::Entities);
    let names = entity_names(&h);
    assert!(names.iter().any(|n| n == "Damascus"), "{names:?}");
    assert!(
        names.iter().any(|n| n == "Reuters"),
        "the watchlist too: {names:?}"
    );
    let screen = h.screen();
    assert!(screen.contains("Entities ·"), "{screen}");
    h.type_text("damas");
    let shown = entity_names(&h);
    assert_eq!(shown, ["Damascus"]);
    h.press("enter");
    assert_eq!(h.app.view.mode, Mode::Reading);
    assert!(h.app.view.library, "the list, as the main pane");
    assert_eq!(h.app.view.filter.text, "@Damascus");
    let titles: Vec<&str> = h
        .app
        .rows()
        .iter()
        .map(|&i| h.app.library.briefings[i].title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Historic Move: Syria Joins Global Coalition Against ISIL"]
    );
    assert!(h.screen().contains("Briefings 1/2 · @Damascus"));
    h.press("esc");
    assert_eq!(h.app.rows().len(), 2);
    // Typed by hand, a mention filter works too.
    h.press("f");
    h.type_text("@Donald Trump");
    h.press("enter");
    assert_eq!(h.app.rows().len(), 1);
}

#[test]
fn browsing_the_list_does_not_mark_the_open_briefing_read_but_choosing_one_does() {
    let mut h = harness().size(120, 30);
    // The newest is open on its own; moving in the list, sorting and filtering is not reading
    // it.
    h.press("L j j s s s f");
    h.type_text("#city");
    h.press("enter esc");
    // Nor is asking for a next match when there is no search.
    h.press("n N");
    // Choosing another from the list leaves the first unread.
    h.press("j enter");
    let chosen = h.app.current();
    assert_ne!(chosen, 0);
    assert_eq!(h.app.mark(0), Mark::Unread, "passed by, not read");
    // The chosen one counts as read once left, even without a key in it.
    h.press("ctrl-p");
    h.type_text("archive");
    h.press("enter");
    assert_eq!(h.app.mark(chosen), Mark::Read);
    // Reading in the article (a key there) counts too, at once in the list.
    h.press("j");
    let read = h.app.current();
    assert_eq!(h.app.mark(read), Mark::Read);
    h.app.open(0);
    assert_eq!(h.app.mark(read), Mark::Read);
}

#[test]
fn a_search_result_in_a_takeaway_selects_it_and_one_in_the_text_finds_the_word_that_matched() {
    let mut h = Harness::bundled().size(120, 40);
    h.press("S");
    h.type_text("90th");
    let hits = h.app.library_search().results().unwrap().hits.clone();
    let at = hits
        .iter()
        .position(|hit| matches!(hit.place, brief::library::find::Place::Takeaway { .. }))
        .expect("a takeaway says 90th");
    let brief::library::find::Place::Takeaway { takeaway } = hits[at].place else {
        unreachable!()
    };
    for _ in 0..at {
        h.press("down");
    }
    h.press("enter");
    assert_eq!(h.app.view.takeaways.selected(), Some(takeaway));
    // A word typed in part: the article's search is for what matched, from the passage on.
    h.press("S");
    for _ in 0..4 {
        h.press("backspace");
    }
    h.type_text("landm");
    h.press("enter");
    assert_eq!(h.app.view.search.query(), Some("landm"));
    assert!(h.app.view.search.current().is_some(), "{}", h.message());
}

#[test]
fn search_snippets_are_made_again_for_a_new_width_and_long_queries_show_their_end() {
    use crossterm::event::Event;
    let mut h = Harness::bundled().size(120, 30);
    h.press("S");
    h.type_text("deal");
    let widest = |h: &Harness| {
        h.app
            .library_search()
            .results()
            .unwrap()
            .hits
            .iter()
            .map(|hit| brief::text::width(&hit.snippet.text))
            .max()
            .unwrap_or(0)
    };
    assert!(widest(&h) > 60, "{}", widest(&h));
    h.event(&Event::Resize(70, 24));
    let panel = brief::app::panes::inner(brief::app::panes::overlay(h.app.panes().body));
    assert!(
        widest(&h) <= usize::from(panel.width - 4),
        "{} > {}",
        widest(&h),
        panel.width - 4
    );
    // A query longer than the panel: its end is shown, after an ellipsis.
    h.type_text(&" syria".repeat(20));
    let screen = h.screen();
    let query_row = screen.lines().find(|l| l.contains("search all: ")).unwrap();
    assert!(query_row.contains("search all: …"), "{query_row}");
    assert!(query_row.contains("syria"), "{query_row}");
}

#[test]
fn prompts_erase_a_word_with_ctrl_w_and_everything_with_ctrl_u() {
    let mut h = harness();
    h.press("f");
    h.type_text("#city  budget ");
    h.press("ctrl-w");
    assert_eq!(h.app.view.filter_input, "#city  ");
    h.press("ctrl-w");
    assert_eq!(h.app.view.filter_input, "");
    h.type_text("#city budget");
    h.press("ctrl-u");
    assert_eq!(h.app.view.filter_input, "");
    assert_eq!(h.app.rows().len(), 4, "the filter follows at once");
    h.press("esc ctrl-p");
    h.type_text("chip earn");
    h.press("ctrl-w");
    assert_eq!(h.app.finder().query(), "chip ");
    h.press("esc /");
    h.type_text("storm");
    h.press("ctrl-u");
    assert_eq!(h.app.view.search.input(), "");
}

/// A briefing long enough to have an opening (see `content::opening`): 1,000 sections of about
/// 400 bytes, its keywords after them and its takeaways last, on the first and the last
/// section.
fn long_briefing() -> String {
    use std::fmt::Write as _;
    let mut toml =
        String::from("[briefing]\ntitle = \"Long\"\ndateline = \"Here\"\ndate = 2025-11-10\n\n");
    for i in 1..=1000 {
        let _ = write!(
            toml,
            "[[sections]]\nid = \"s{i}\"\nheading = \"Part {i}\"\nbody = \"\"\"\n{}\n\"\"\"\n\n",
            format!("Words of section {i} about Damascus. ").repeat(10)
        );
    }
    toml.push_str("[keywords]\nplaces = [\"Damascus\"]\n\n");
    toml.push_str("[[takeaways]]\ntext = \"The first\"\nsection = \"s1\"\n\n");
    toml.push_str("[[takeaways]]\ntext = \"The last\"\nsection = \"s1000\"\n");
    toml
}

/// A reader waiting for a background load at `width`×`height`, layouts deferred as in the
/// terminal, `change` applied before its first size.
fn waiting(
    width: u16,
    height: u16,
    change: impl FnOnce(brief::app::App) -> brief::app::App,
) -> Harness {
    let mut app = change(brief::app::App::new(
        Library::default(),
        brief::settings::theme::Theme::default(),
        brief::settings::keymap::Keymap::default(),
    ));
    app.defer_layouts(true);
    Harness { app }.size(width, height)
}

/// The load's batch that brings `result`.
fn batch(result: Result<content::Briefing, brief::library::LoadFailure>) -> brief::app::Msg {
    brief::app::Msg::Snapshot(brief::library::Snapshot::after_batch(
        &Library::default(),
        vec![result],
    ))
}

fn whole_and_opening() -> (content::Briefing, std::sync::Arc<content::Briefing>) {
    let text = long_briefing();
    let whole = content::parse("long.toml", &text).expect("whole");
    let opening = content::opening("long.toml", &text).expect("opening");
    assert!(opening.sections.len() < whole.sections.len());
    (whole, std::sync::Arc::new(opening))
}

#[test]
fn an_opening_is_drawn_as_the_whole_briefing_would_be_and_gives_way_to_it() {
    let (whole, opening) = whole_and_opening();
    for (width, height) in [(80, 24), (50, 16), (200, 60)] {
        let mut plain = waiting(width, height, |app| app);
        plain.app.update(batch(Ok(whole.clone())));
        let mut h = waiting(width, height, |app| app);
        assert!(
            h.app.update(brief::app::Msg::Opening(opening.clone())),
            "shown at {width}×{height}"
        );
        assert_eq!(
            h.buffer(),
            plain.buffer(),
            "the first frame at {width}×{height}"
        );
        h.app.update(batch(Ok(whole.clone())));
        assert_eq!(h.app.briefing(), Some(&whole), "the whole briefing now");
        assert_eq!(h.buffer(), plain.buffer());
        // All of it is there: its end and the takeaway on its last section.
        for keys in ["G", "g 2"] {
            h.press(keys);
            plain.press(keys);
            assert_eq!(h.buffer(), plain.buffer(), "{keys} at {width}×{height}");
        }
        assert_eq!(h.app.current_section(), plain.app.current_section());
        assert!(h.app.current_section() > Some(990));
    }
}

#[test]
fn a_place_reached_in_the_opening_is_kept_when_the_whole_briefing_comes() {
    let (whole, opening) = whole_and_opening();
    let mut h = waiting(80, 24, |app| app);
    assert!(h.app.update(brief::app::Msg::Opening(opening)));
    for _ in 0..40 {
        h.press("j");
    }
    let (section, scroll) = (h.app.current_section(), h.app.view.scroll);
    assert!(section.is_some_and(|s| s >= 3), "{section:?}");
    // Nothing read in the opening is saved: its sections are not the briefing's.
    h.app.positions();
    assert!(h.app.take_visits().is_empty());
    h.app.update(batch(Ok(whole)));
    assert_eq!(
        (h.app.current_section(), h.app.view.scroll),
        (section, scroll)
    );
    h.app.positions();
    assert_eq!(
        h.app.take_visits().len(),
        1,
        "the whole briefing's place is saved"
    );
}

#[test]
fn an_opening_whose_whole_file_fails_goes_and_the_failure_shows() {
    let (_, opening) = whole_and_opening();
    let failure = brief::library::LoadFailure {
        origin: "long.toml".into(),
        diagnostics: vec![content::diagnostic::Diagnostic::file("long.toml", "broken")],
    };
    let mut plain = waiting(80, 24, |app| app);
    plain.app.update(batch(Err(failure.clone())));
    let mut h = waiting(80, 24, |app| app);
    assert!(h.app.update(brief::app::Msg::Opening(opening)));
    h.app.update(batch(Err(failure)));
    assert!(h.app.library.briefings.is_empty() && h.app.briefing().is_none());
    assert_eq!(h.app.library.failures.len(), 1);
    assert_eq!(h.buffer(), plain.buffer());
}

#[test]
fn an_opening_is_not_shown_when_its_first_frame_would_not_be_the_whole_briefings() {
    let (whole, opening) = whole_and_opening();
    let shown = |mut h: Harness| h.app.update(brief::app::Msg::Opening(opening.clone()));
    // A place in it is stored: it may be past the opening.
    let mut read = waiting(80, 24, |app| app);
    read.app.update(batch(Ok(whole.clone())));
    read.press("G");
    let positions = read.app.positions().clone();
    assert!(!shown(waiting(80, 24, |app| app.with_positions(positions))));
    // The outline is taller than the opening has sections.
    assert!(!shown(waiting(200, 80, |app| app)));
    // Something is already loaded.
    let mut loaded = waiting(80, 24, |app| app);
    loaded.app.update(batch(
        content::parse("short.toml", &briefing("Short", "2025-11-11", &[])).map_err(|d| {
            brief::library::LoadFailure {
                origin: "short.toml".into(),
                diagnostics: d,
            }
        }),
    ));
    assert!(!shown(loaded));
    // Without deferred layouts there is nothing to gain.
    let mut plain = Harness {
        app: brief::app::App::new(
            Library::default(),
            brief::settings::theme::Theme::default(),
            brief::settings::keymap::Keymap::default(),
        ),
    }
    .size(80, 24);
    assert!(!plain.app.update(brief::app::Msg::Opening(opening.clone())));
    assert!(plain.app.library.briefings.is_empty());
    // And it is shown otherwise.
    assert!(shown(waiting(80, 24, |app| app)));
}
