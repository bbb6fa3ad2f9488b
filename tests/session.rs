//! The session loop without a pseudo-terminal: keys go in as bytes, frames come out into a
//! `Vec<u8>` and are replayed through vt100, as a remote client would see them.

use std::time::Instant;

use brief::app::App;
use brief::content;
use brief::library::{self, LoadOptions};
use brief::settings::keymap::Keymap;
use brief::term::backend::WireOptions;
use brief::term::session::{Batch, Session};
use ratatui::layout::Size;

fn app() -> App {
    let library = library::load_paths(&["content".into()], LoadOptions::default());
    let theme =
        brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE).expect("theme");
    App::new(library, theme, Keymap::default())
}

/// The screen `bytes` leave on a `cols`×`rows` terminal.
fn screen(parser: &mut vt100::Parser, bytes: &[u8]) -> String {
    parser.process(bytes);
    parser.screen().contents()
}

/// A session over `app` at `width`×`height`, writing into memory.
fn session(app: &mut App, width: u16, height: u16) -> Session<'_, Vec<u8>> {
    Session::new(
        app,
        Vec::new(),
        Size::new(width, height),
        WireOptions::default(),
    )
}

/// Feeds `keys` and draws the result; returns the batch and the bytes written.
fn press(session: &mut Session<'_, Vec<u8>>, keys: &[u8]) -> (Batch, Vec<u8>) {
    let mut batch = Batch::default();
    session
        .feed(keys, Instant::now(), &mut batch, &mut |_| {
            Err(std::io::Error::other("nothing here suspends"))
        })
        .expect("feed");
    if batch.repaint {
        session.repaint().expect("repaint");
    } else if batch.dirty {
        session.draw(None).expect("draw");
    }
    (batch, std::mem::take(session.writer_mut()))
}

#[test]
fn keys_in_frames_out_replayed_through_an_emulator() {
    let mut app = app();
    let mut session = session(&mut app, 80, 24);
    let mut vt = vt100::Parser::new(24, 80, 0);
    session.draw(None).expect("first frame");
    let first = std::mem::take(session.writer_mut());
    assert!(screen(&mut vt, &first).contains("Historic Move"));
    // After the first frame, and only then, the margins question.
    assert!(first.ends_with(brief::term::backend::MARGINS_QUERY.as_bytes()));
    let (batch, bytes) = press(&mut session, b"5");
    assert!(batch.dirty && !batch.quit);
    assert!(screen(&mut vt, &bytes).contains("Foiled Assassination Plots Against"));
    // The terminal's answer about margins is no key: nothing changes, nothing is drawn.
    let (batch, bytes) = press(&mut session, b"\x1b[?69;1$y");
    assert_eq!(batch, Batch::default());
    assert!(bytes.is_empty());
    // The same session at another size: the same place on screen.
    session.resize(Size::new(100, 30)).expect("resize");
    let mut vt = vt100::Parser::new(30, 100, 0);
    let bytes = std::mem::take(session.writer_mut());
    assert!(screen(&mut vt, &bytes).contains("Foiled Assassination Plots Against"));
    // Ctrl-L asks for a repaint from a cleared screen; `q` to quit.
    let (batch, bytes) = press(&mut session, b"\x0c");
    assert!(batch.repaint);
    assert!(screen(&mut vt, &bytes).contains("Foiled Assassination Plots Against"));
    let (batch, _) = press(&mut session, b"q");
    assert!(batch.quit);
}

#[test]
fn a_step_writes_only_what_changed() {
    let mut app = app();
    let mut session = session(&mut app, 120, 40);
    session.draw(None).expect("first frame");
    let first = std::mem::take(session.writer_mut()).len();
    let (_, nothing) = press(&mut session, b"");
    assert!(nothing.is_empty());
    let spot = brief::term::session::ArticleSpot::of(session.app);
    let mut batch = Batch::default();
    session
        .feed(b"j", Instant::now(), &mut batch, &mut |_| Ok(()))
        .expect("feed");
    session.draw(Some(spot)).expect("draw");
    let step = std::mem::take(session.writer_mut());
    // A scroll, not a new screen.
    assert!(step.windows(3).any(|w| w == b"\x1b[r"), "{step:?}");
    assert!(step.len() * 3 < first, "{} of {first}", step.len());
}

#[test]
fn readers_share_one_library_and_a_load_copies_only_for_its_reader() {
    let library = std::sync::Arc::new(library::load_paths(
        &["content".into()],
        LoadOptions::default(),
    ));
    let theme =
        brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE).expect("theme");
    let mut apps: Vec<App> = (0..10)
        .map(|_| {
            App::new(
                std::sync::Arc::clone(&library),
                theme.clone(),
                Keymap::default(),
            )
        })
        .collect();
    assert_eq!(std::sync::Arc::strong_count(&library), 11);
    for app in &mut apps {
        assert!(std::sync::Arc::ptr_eq(&app.library, &library));
        let mut session = Session::new(app, Vec::new(), Size::new(80, 24), WireOptions::default());
        session.draw(None).expect("frame");
        assert!(!session.writer_mut().is_empty());
    }
    // A new snapshot (a batch loaded) reaches every reader: they all hold the one new
    // snapshot, which shares with the old one every briefing it kept.
    let text = "[briefing]\ntitle = \"Extra\"\n[[sections]]\nbody = \"x\"\n";
    let extra = content::parse("extra.toml", text).map_err(|diagnostics| library::LoadFailure {
        origin: "extra.toml".into(),
        diagnostics,
    });
    let snapshot = library::Snapshot::after_batch(&library, vec![extra]);
    for app in &mut apps {
        app.update(brief::app::Msg::Snapshot(snapshot.clone()));
    }
    let next = &snapshot.library;
    assert!(
        apps.iter()
            .all(|a| std::sync::Arc::ptr_eq(&a.library, next))
    );
    assert_eq!(next.briefings.len(), library.briefings.len() + 1);
    assert_eq!(
        std::sync::Arc::strong_count(&library),
        1,
        "the old snapshot is held by this test alone"
    );
    let shared = next
        .briefings
        .iter()
        .filter(|b| {
            library
                .briefings
                .iter()
                .any(|o| std::sync::Arc::ptr_eq(o, b))
        })
        .count();
    assert_eq!(shared, library.briefings.len(), "no briefing was copied");
}

#[test]
fn the_cursor_rests_on_the_focused_item_hidden_unless_asked_for() {
    let mut app = app();
    let mut session = session(&mut app, 120, 30);
    let mut vt = vt100::Parser::new(30, 120, 0);
    session.draw(None).expect("first frame");
    vt.process(&std::mem::take(session.writer_mut()));
    let article = session.app.panes().article_text().expect("article");
    assert_eq!(vt.screen().cursor_position(), (article.y, article.x));
    assert!(vt.screen().hide_cursor());
    // The takeaways, then the briefings list: its selected row; moving the selection moves
    // the cursor.
    let (_, bytes) = press(&mut session, b"\t");
    vt.process(&bytes);
    let side = session
        .app
        .panes()
        .inner(brief::app::panes::Pane::Takeaways)
        .expect("side");
    assert_eq!(vt.screen().cursor_position(), (side.y, side.x));
    let (_, bytes) = press(&mut session, b"\t");
    vt.process(&bytes);
    let list = session
        .app
        .panes()
        .inner(brief::app::panes::Pane::Briefings)
        .expect("list");
    assert_eq!(vt.screen().cursor_position(), (list.y, list.x));
    let (_, bytes) = press(&mut session, b"j");
    vt.process(&bytes);
    assert_eq!(vt.screen().cursor_position(), (list.y + 1, list.x));
    // The search prompt: after what was typed.
    let (_, bytes) = press(&mut session, b"/war");
    vt.process(&bytes);
    assert_eq!(vt.screen().cursor_position(), (29, 4));
    assert!(vt.screen().hide_cursor());
    // Asked for, the cursor is shown where it rests.
    let mut app = app_with(brief::settings::file::Preferences {
        show_cursor: true,
        ..brief::settings::file::Preferences::default()
    });
    let mut session = session_over(&mut app);
    let mut vt = vt100::Parser::new(30, 120, 0);
    session.draw(None).expect("first frame");
    vt.process(&std::mem::take(session.writer_mut()));
    assert!(!vt.screen().hide_cursor());
    assert_eq!(vt.screen().cursor_position(), (article.y, article.x));
}

fn app_with(preferences: brief::settings::file::Preferences) -> App {
    app().with_preferences(preferences)
}

fn session_over(app: &mut App) -> Session<'_, Vec<u8>> {
    session(app, 120, 30)
}
