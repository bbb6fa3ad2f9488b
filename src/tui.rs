//! The local terminal: raw mode and the alternate screen, the event loop, and restoring the
//! terminal on every way out (quit, error, panic, SIGTERM/SIGINT/SIGHUP/SIGQUIT, a vanished
//! tty). The only module that reads terminal events or writes to the terminal.
//!
//! The loop blocks on one channel fed by an input thread and a signal thread: nothing runs on a
//! timer, queued events are applied together, and a frame is drawn only when the state changed.

use std::io::{self, Stdout, Write};
use std::sync::mpsc;
use std::thread;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::style::{Attribute, SetAttribute};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Mode, Msg};
use crate::backend::{ScrollHint, WireBackend, WireOptions};
use crate::input::message_for;

/// What reaches the loop.
enum Input {
    Event(Event),
    /// A termination signal.
    Signal,
    /// Reading the terminal failed: it is gone.
    Gone,
}

/// Runs the reader until the user quits; the terminal is restored whatever happens. The app is
/// left as the reader left it (its reading positions are saved by the caller).
pub fn run(app: &mut App) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signal_tx.send(Input::Signal);
        }
    });
    install_panic_hook();
    // brief honours NO_COLOR itself (it selects the mono theme). crossterm would also strip
    // colours, but by writing a bare `ESC[m`, which resets bold and underline too and so erases
    // the modifiers mono relies on.
    crossterm::style::force_color_output(true);
    let mut terminal = enter(app.view.mouse)?;
    let result = event_loop(app, &mut terminal, &rx, tx);
    restore();
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<WireBackend<Stdout>>,
    rx: &mpsc::Receiver<Input>,
    tx: mpsc::Sender<Input>,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(ev) => Input::Event(ev),
                Err(_) => Input::Gone,
            };
            let gone = matches!(input, Input::Gone);
            if tx.send(input).is_err() || gone {
                break;
            }
        }
    });
    let mut mouse = app.view.mouse;
    while let Ok(first) = rx.recv() {
        let mut dirty = false;
        let spot = ArticleSpot::of(app);
        // Apply everything already queued before drawing once.
        for input in std::iter::once(first).chain(rx.try_iter()) {
            match input {
                Input::Event(ev) => {
                    panic_if_asked(&ev);
                    if let Some(msg) = message_for(&ev, app) {
                        dirty |= app.update(msg);
                    }
                }
                Input::Signal | Input::Gone => return Ok(()),
            }
            if app.view.quit {
                return Ok(());
            }
        }
        if app.view.mouse != mouse {
            mouse = app.view.mouse;
            set_mouse(terminal.backend_mut().writer_mut(), mouse)?;
        }
        if dirty {
            if let Some(hint) = spot.hint(ArticleSpot::of(app)) {
                terminal.backend_mut().hint_scroll(hint);
            }
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        }
    }
    Ok(())
}

fn enter(mouse: bool) -> io::Result<Terminal<WireBackend<Stdout>>> {
    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, cursor::Hide)?;
    set_mouse(&mut stdout, mouse)?;
    Terminal::new(WireBackend::new(stdout, WireOptions::from_env()))
}

fn set_mouse(out: &mut impl Write, on: bool) -> io::Result<()> {
    if on {
        execute!(out, EnableMouseCapture)
    } else {
        execute!(out, DisableMouseCapture)
    }
}

/// Puts the terminal back as it was. Safe to call more than once; errors are ignored because
/// the terminal may already be gone.
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        SetAttribute(Attribute::Reset),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// For tests of terminal recovery (tests/hostile/terminal.rs): in debug builds only, with
/// `BRIEF_TEST_PANIC=1`, the first key press panics. Release builds never read the variable.
fn panic_if_asked(event: &Event) {
    if cfg!(debug_assertions)
        && matches!(event, Event::Key(_))
        && std::env::var_os("BRIEF_TEST_PANIC").is_some_and(|v| v == "1")
    {
        #[allow(clippy::panic)]
        {
            panic!("BRIEF_TEST_PANIC=1: panicking on purpose to test terminal recovery");
        }
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Where the article's text rows are and how far it is scrolled. Compared across an update, it
/// tells the backend that the article rows moved, so the terminal can scroll them itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleSpot {
    rows: Option<(u16, u16)>,
    scroll: usize,
    briefing: usize,
}

impl ArticleSpot {
    /// The article of `app` as it would be drawn now.
    pub fn of(app: &App) -> Self {
        let rows = app
            .panes()
            .article
            .filter(|_| matches!(app.view.mode, Mode::Reading | Mode::Search))
            .map(crate::panes::inner)
            .map(|r| (r.y, r.bottom()));
        Self {
            rows,
            scroll: app.view.scroll,
            briefing: app.current,
        }
    }

    /// The scroll from `self` to `after`, if the same article sits on the same rows.
    pub fn hint(self, after: Self) -> Option<ScrollHint> {
        let (top, bottom) = self.rows.filter(|_| self.rows == after.rows)?;
        if self.briefing != after.briefing || self.scroll == after.scroll {
            return None;
        }
        let delta = i64::try_from(after.scroll).ok()? - i64::try_from(self.scroll).ok()?;
        let delta = i32::try_from(delta).ok()?;
        (delta.unsigned_abs() < u32::from(bottom - top)).then_some(ScrollHint {
            top,
            bottom,
            delta,
        })
    }
}
