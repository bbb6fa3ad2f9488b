//! Promise 6: any size, any keys. Random briefings (random text with controls, bidi, wide and
//! combining characters) are drawn at random sizes from 0×0 to 300×100, through random resize
//! sequences and long random message sequences: no panic, no cell written outside the frame,
//! and the state stays in range after every step. Case counts are bounded for CI
//! (`PROPTEST_CASES`, default 64).

use std::fmt::Write as _;

use brief::app::panes::{Pane, Panes};
use brief::app::{App, Mode, Msg};
use brief::content::parse;
use brief::library::Library;
use brief::settings::keymap::{Action, Keymap};
use brief::settings::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;

use crate::support::{toml_str, writes_outside};

/// The default theme, parsed once.
fn theme() -> Theme {
    static THEME: std::sync::OnceLock<Theme> = std::sync::OnceLock::new();
    THEME.get_or_init(Theme::default).clone()
}

pub fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Characters that stress the reader, mixed with plain words.
pub fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => Just(' '),
        1 => Just('\n'),
        1 => prop::sample::select(vec![
            '\t', '\r', '\0', '\u{1b}', '\u{7}', '\u{7f}', '\u{85}', '\u{9b}', '\u{9d}', '\u{202e}',
            '\u{2066}', '\u{200b}', '\u{200d}', '\u{fe0f}', '\u{301}', '\u{feff}', '日', '本', '👨',
            '👩', 'İ', 'ẞ', 'ß', 'ﬁ', 'ل', 'ا', '﷽', '-', '>', '*', '[', ']', '"', '\\', '…',
        ]),
        1 => any::<char>(),
    ]
}

pub fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..max).prop_map(|c| c.into_iter().collect())
}

#[derive(Debug, Clone)]
struct RandomBriefing {
    title: String,
    summary: Option<String>,
    sections: Vec<(Option<String>, String)>,
    takeaways: Vec<(String, Option<usize>)>,
    terms: Vec<String>,
}

fn briefing() -> impl Strategy<Value = RandomBriefing> {
    (
        text(30),
        prop::option::of(text(80)),
        prop::collection::vec((prop::option::of(text(30)), text(400)), 1..6),
        prop::collection::vec((text(120), prop::option::of(0usize..6)), 0..10),
        prop::collection::vec(text(8), 0..5),
    )
        .prop_map(
            |(title, summary, sections, takeaways, terms)| RandomBriefing {
                title,
                summary,
                sections,
                takeaways,
                terms,
            },
        )
}

impl RandomBriefing {
    /// As a file. Fixed prefixes keep required fields non-empty, so most cases load.
    fn toml(&self) -> String {
        let mut out = format!(
            "[briefing]\ntitle = {}\n",
            toml_str(&format!("T{}", self.title))
        );
        if let Some(summary) = &self.summary {
            let _ = writeln!(out, "summary = {}", toml_str(summary));
        }
        let terms: Vec<String> = self.terms.iter().map(|t| toml_str(t)).collect();
        let _ = write!(out, "[keywords]\nrandom = [\"x\", {}]\n", terms.join(", "));
        for (i, (heading, body)) in self.sections.iter().enumerate() {
            let _ = write!(
                out,
                "[[sections]]\nid = \"s{i}\"\nbody = {}\n",
                toml_str(body)
            );
            if let Some(heading) = heading.as_ref().filter(|_| i > 0) {
                let _ = writeln!(out, "heading = {}", toml_str(&format!("H{heading}")));
            } else if i > 0 {
                out.push_str("heading = \"H\"\n");
            }
        }
        let count = self.sections.len();
        for (text, section) in &self.takeaways {
            let _ = write!(
                out,
                "[[takeaways]]\ntext = {}\n",
                toml_str(&format!("K{text}"))
            );
            if let Some(s) = section {
                let _ = writeln!(out, "section = \"s{}\"", s % count);
            }
        }
        out
    }
}

fn library(briefings: &[RandomBriefing]) -> Library {
    let mut library = Library::default();
    for (i, b) in briefings.iter().enumerate() {
        let origin = format!("random-{i}.toml");
        let result = parse(&origin, &b.toml());
        if let Err(diagnostics) = &result {
            assert!(
                diagnostics.iter().all(|d| d.position.is_some()),
                "{diagnostics:?}"
            );
        }
        library.push(result.map_err(|diagnostics| brief::library::LoadFailure {
            origin,
            diagnostics,
        }));
    }
    library
}

#[track_caller]
fn assert_invariants(app: &App) {
    let v = &app.view;
    let count = app.library.briefings.len();
    assert!(
        count == 0 || app.current() < count,
        "current {} of {count}",
        app.current()
    );
    let rows = app.rows().len();
    assert!(rows <= count, "{rows} rows of {count} briefings");
    assert!(app.rows().iter().all(|&i| i < count));
    assert!(
        v.briefings.selected < rows.max(1),
        "briefing cursor {:?} of {rows} rows",
        v.briefings
    );
    assert!(
        v.finder.selected() < v.finder.results().len().max(1)
            && v.finder.results().iter().all(|&i| i < count)
    );
    if let Some(b) = app.briefing() {
        assert!(
            v.outline.selected < b.sections.len(),
            "outline {:?} of {}",
            v.outline,
            b.sections.len()
        );
        assert!(
            v.takeaways.selected().is_none_or(|t| t < b.takeaways.len()),
            "takeaway {:?} of {}",
            v.takeaways.selected(),
            b.takeaways.len()
        );
        assert!(
            v.takeaways.skim() < b.takeaways.len().max(1),
            "skim {} of {}",
            v.takeaways.skim(),
            b.takeaways.len()
        );
        assert!(
            v.takeaways
                .marked_section()
                .is_none_or(|s| s < b.sections.len())
        );
    }
    let article = Panes::new(app.area, Pane::Article, v.show_takeaways)
        .inner_height(Pane::Article)
        .max(1);
    let max_scroll = app.layout().row_count().saturating_sub(article);
    assert!(v.scroll <= max_scroll, "scroll {} > {max_scroll}", v.scroll);
    assert!(v.search.current().is_none_or(|i| i < app.hits().len()));
    if matches!(v.mode, Mode::Help | Mode::Diagnostics) {
        assert!(
            v.overlay_scroll <= app.overlay_len(),
            "overlay {} of {}",
            v.overlay_scroll,
            app.overlay_len()
        );
    }
    let rows = app.layout().row_count();
    assert!(app.layout().section_rows().all(|r| r < rows.max(1)));
    // Drawing finds every row on screen laid out in full.
    if app.briefing().is_some() {
        let missing =
            (v.scroll..(v.scroll + article).min(rows)).find(|&r| app.layout().row(r).is_none());
        assert_eq!(missing, None, "a row on screen not laid out, of {rows}");
    }
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (0u16..=300, 0u16..=100),
        1 => (0u16..=30, 0u16..=8),
        1 => (20u16..=130, 4u16..=30),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(Action::ALL.iter().map(|(a, _, _)| *a).collect::<Vec<_>>())
}

fn message() -> impl Strategy<Value = Msg> {
    prop_oneof![
        8 => action().prop_map(Msg::Action),
        1 => size().prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => nasty_char().prop_map(Msg::SearchInput),
        1 => Just(Msg::SearchBackspace),
        1 => Just(Msg::SearchSubmit),
        1 => (-12isize..12).prop_map(Msg::PromptMove),
        1 => (0u16..310, 0u16..110).prop_map(|(x, y)| Msg::Click(x, y)),
        1 => (0u16..310, 0u16..110, any::<bool>()).prop_map(|(x, y, d)| Msg::Wheel(x, y, d)),
    ]
}

/// Raw terminal events, so the input translation is exercised too.
fn event() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        6 => any::<char>().prop_map(KeyCode::Char),
        1 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
            KeyCode::Up, KeyCode::Down, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End,
        ]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
    ]);
    prop_oneof![
        8 => (code, modifiers).prop_map(|(c, m)| Event::Key(KeyEvent::new(c, m))),
        1 => size().prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

/// Draws at the app's size inside a larger buffer; nothing may land outside.
#[track_caller]
fn assert_draws_inside(app: &App) {
    let (w, h) = (app.area.width, app.area.height);
    let outside = writes_outside(app, w, h);
    assert!(
        outside.is_empty(),
        "wrote outside {w}x{h} at {:?}",
        &outside[..outside.len().min(5)]
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_briefings_at_random_sizes(b in briefing(), sizes in prop::collection::vec(size(), 1..5)) {
        let mut app = App::new(library(&[b]), theme(), Keymap::default());
        for (w, h) in sizes {
            app.update(Msg::Resize(w, h));
            assert_invariants(&app);
            assert_draws_inside(&app);
        }
    }

    #[test]
    fn long_random_message_sequences(
        briefings in prop::collection::vec(briefing(), 0..3),
        start in size(),
        messages in prop::collection::vec(message(), 1..150),
    ) {
        let mut app = App::new(library(&briefings), theme(), Keymap::default());
        app.update(Msg::Resize(start.0, start.1));
        for (i, msg) in messages.into_iter().enumerate() {
            app.update(msg);
            assert_invariants(&app);
            if i % 50 == 0 {
                assert_draws_inside(&app);
            }
        }
        assert_draws_inside(&app);
    }

    #[test]
    fn long_briefings_keep_the_screen_laid_out(
        mut b in briefing(),
        more in prop::collection::vec((prop::option::of(text(30)), text(400)), 30..120),
        start in size(),
        messages in prop::collection::vec(message(), 1..60),
    ) {
        b.sections.extend(more);
        let mut app = App::new(library(&[b]), theme(), Keymap::default());
        app.defer_layouts(start.0 % 2 == 0);
        app.update(Msg::Resize(start.0, start.1));
        for msg in messages {
            app.update(msg);
            assert_invariants(&app);
        }
        app.finish_layout();
        assert_invariants(&app);
        assert_draws_inside(&app);
    }

    #[test]
    fn long_random_key_sequences(
        b in briefing(),
        start in size(),
        events in prop::collection::vec(event(), 1..100),
    ) {
        let mut app = App::new(library(&[b]), theme(), Keymap::default());
        app.update(Msg::Resize(start.0, start.1));
        for (i, event) in events.iter().enumerate() {
            if let Some(msg) = brief::app::input::message_for(event, &app) {
                app.update(msg);
            }
            // Quitting is just another state here; keep going to cover more.
            app.view.quit = false;
            assert_invariants(&app);
            if i % 50 == 0 {
                assert_draws_inside(&app);
            }
        }
        assert_draws_inside(&app);
    }
}
