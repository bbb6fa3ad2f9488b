//! The local terminal: raw mode and the alternate screen, the event loop, and restoring the
//! terminal on every way out (quit, error, panic, SIGTERM/SIGINT/SIGHUP/SIGQUIT, a vanished
//! tty). The only module that reads terminal events or writes to the terminal.
//!
//! The loop blocks on one channel fed by an input thread and a signal thread (and, for a large
//! library, a loader thread): queued events are applied together, and a frame is drawn only when
//! the state changed. Nothing runs on a timer, except that while a background load runs its
//! progress is drawn at most every [`PROGRESS_INTERVAL`] (a key is always drawn at once).

use std::io::{self, Stdout, Write};
use std::path::PathBuf;
use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::style::{Attribute, SetAttribute};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Mode, Msg};
use crate::backend::{ScrollHint, WireBackend, WireOptions};
use crate::content::{self, LoadOptions};
use crate::input::message_for;

/// How long the first paint waits for a background load to finish (a small library is then
/// shown complete, a large one with its progress).
pub const FIRST_PAINT_WAIT: Duration = Duration::from_millis(30);

/// The shortest time between two frames drawn only to show loading progress.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(250);

/// Most results a loader sends at once.
const BATCH: usize = 512;

/// Longest a loader holds results before sending them.
const BATCH_TIME: Duration = Duration::from_millis(20);

/// Briefings to read while the reader is already on screen.
#[derive(Debug, Clone)]
pub struct Loader {
    /// Files and directories, as for [`content::load_paths`].
    pub paths: Vec<PathBuf>,
    /// How files are read.
    pub options: LoadOptions,
}

impl Loader {
    /// Discovers and reads the files on worker threads, sending each result to the loop.
    fn spawn(self, tx: mpsc::Sender<Input>) {
        thread::spawn(move || {
            // One file first, before walking a large tree: it is what the first frame waits for.
            let early =
                first_file(&self.paths).map(|path| content::Candidate { path, named: false });
            let mut skipped = 0;
            if let Some(file) = &early {
                match content::load_candidate(file, self.options) {
                    Some(first) => {
                        if tx.send(Input::Load(Msg::Loaded(vec![first]))).is_err() {
                            return;
                        }
                    }
                    None => skipped += 1,
                }
            }
            let (mut files, failures) = content::discover(&self.paths);
            files.retain(|f| early.as_ref().is_none_or(|e| !same_file(&e.path, &f.path)));
            let total = files.len() + failures.len() + usize::from(early.is_some());
            if tx.send(Input::Load(Msg::Loading(total))).is_err() {
                return;
            }
            let failures: Vec<_> = failures.into_iter().map(Err).collect();
            if !failures.is_empty() && tx.send(Input::Load(Msg::Loaded(failures))).is_err() {
                return;
            }
            // Results go to the loop in batches, so that it files them in one go.
            // The first result goes at once: it is what the first frame waits for.
            let start = Instant::now()
                .checked_sub(BATCH_TIME)
                .unwrap_or_else(Instant::now);
            let batch = Mutex::new((Vec::new(), start));
            let flush = |batch: &mut (Vec<_>, Instant)| {
                batch.1 = Instant::now();
                let results = std::mem::take(&mut batch.0);
                results.is_empty() || tx.send(Input::Load(Msg::Loaded(results))).is_ok()
            };
            let threads = thread::available_parallelism().map_or(1, std::num::NonZero::get);
            skipped += content::load_each(&files, self.options, threads, |result| {
                let Ok(mut batch) = batch.lock() else {
                    return false;
                };
                batch.0.push(result);
                if batch.0.len() >= BATCH || batch.1.elapsed() >= BATCH_TIME {
                    return flush(&mut batch);
                }
                true
            });
            if let Ok(mut batch) = batch.lock() {
                flush(&mut batch);
            }
            // Files that are not briefings were counted in the total: the load ends at what
            // was actually read.
            if skipped > 0 {
                let _ = tx.send(Input::Load(Msg::Loading(total - skipped)));
            }
        });
    }
}

/// The first `*.toml` file a walk of the first of `paths` (a directory) would find, by the same
/// rules as [`content::discover`] (sorted, hidden entries skipped), found without walking the
/// rest of the tree.
fn first_file(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut dir = paths.first()?.clone();
    for _ in 0..8 {
        if !std::fs::metadata(&dir).ok()?.is_dir() {
            return None;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .collect();
        entries.sort();
        let is_toml = |p: &PathBuf| p.extension().is_some_and(|e| e == "toml");
        let next = entries
            .into_iter()
            .find_map(|p| match std::fs::metadata(&p) {
                Ok(meta) if meta.is_dir() => Some((p, true)),
                Ok(_) if is_toml(&p) => Some((p, false)),
                _ => None,
            })?;
        match next {
            (sub, true) => dir = sub,
            (file, false) => return Some(file),
        }
    }
    None
}

/// Whether two paths name one file (`content/a.toml` and `./content/a.toml`); only paths
/// with the same file name are resolved.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    a == b
        || (a.file_name() == b.file_name()
            && std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok())
}

/// What reaches the loop.
enum Input {
    Event(Event),
    /// Progress of a background load.
    Load(Msg),
    /// A termination signal.
    Signal,
    /// Reading the terminal failed: it is gone.
    Gone,
}

/// Runs the reader until the user quits; the terminal is restored whatever happens. The app is
/// left as the reader left it (its reading positions are saved by the caller).
pub fn run(app: &mut App) -> io::Result<()> {
    run_loading(app, None)
}

/// Like [`run`], reading the briefings of `loader` in the background: the first frame does not
/// wait for them (beyond [`FIRST_PAINT_WAIT`]) and they appear as they are read.
pub fn run_loading(app: &mut App, loader: Option<Loader>) -> io::Result<()> {
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
    let loading = loader.is_some();
    if let Some(loader) = loader {
        loader.spawn(tx.clone());
    }
    let result = event_loop(app, &mut terminal, &rx, tx, loading);
    restore();
    result
}

/// When to draw: at once for keys, spaced out for loading progress.
struct Pacing {
    /// Still waiting for a background load to report its end.
    loading: bool,
    /// Whether a frame was drawn yet.
    drawn: bool,
    /// When the first frame is due at the latest.
    first_due: Instant,
    last_draw: Instant,
    /// A frame is owed for loading progress.
    owed: bool,
}

impl Pacing {
    fn new(loading: bool) -> Self {
        let now = Instant::now();
        Self {
            loading,
            drawn: false,
            first_due: now + FIRST_PAINT_WAIT,
            last_draw: now,
            owed: false,
        }
    }

    /// How long the loop may block before it has to draw, if it has to at all.
    fn timeout(&self) -> Option<Duration> {
        let now = Instant::now();
        if !self.drawn {
            Some(self.first_due.saturating_duration_since(now))
        } else if self.owed {
            Some((self.last_draw + PROGRESS_INTERVAL).saturating_duration_since(now))
        } else {
            None
        }
    }

    /// Whether to draw now, after keys (`input`) and loading progress (`load`) changed things.
    fn draw_now(&mut self, input: bool, load: bool) -> bool {
        let now = Instant::now();
        self.owed |= load;
        let draw = if self.drawn {
            input || (self.owed && (!self.loading || now >= self.last_draw + PROGRESS_INTERVAL))
        } else {
            input || !self.loading || now >= self.first_due
        };
        if draw {
            self.drawn = true;
            self.owed = false;
            self.last_draw = now;
        }
        draw
    }
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<WireBackend<Stdout>>,
    rx: &mpsc::Receiver<Input>,
    tx: mpsc::Sender<Input>,
    loading: bool,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let mut pacing = Pacing::new(loading);
    if !loading {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        pacing.drawn = true;
    }
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
    let mut seen_total = false;
    loop {
        let first = match pacing.timeout() {
            None => match rx.recv() {
                Ok(input) => Some(input),
                Err(_) => break,
            },
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(input) => Some(input),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
        };
        let (mut dirty, mut loaded) = (false, false);
        let spot = ArticleSpot::of(app);
        let was_empty = app.library.briefings.is_empty();
        // Apply everything already queued before drawing once.
        for input in first.into_iter().chain(rx.try_iter()) {
            match input {
                Input::Event(ev) => {
                    panic_if_asked(&ev);
                    if let Some(msg) = message_for(&ev, app) {
                        dirty |= app.update(msg);
                    }
                }
                Input::Load(msg) => {
                    seen_total |= matches!(msg, Msg::Loading(_));
                    loaded |= app.update(msg);
                }
                Input::Signal | Input::Gone => return Ok(()),
            }
            if app.view.quit {
                return Ok(());
            }
        }
        // The first briefing to arrive is shown at once, not at the next progress tick.
        dirty |= was_empty && !app.library.briefings.is_empty();
        if pacing.loading && seen_total && app.loading().is_none() {
            pacing.loading = false;
            loaded = true;
        }
        if app.view.mouse != mouse {
            mouse = app.view.mouse;
            set_mouse(terminal.backend_mut().writer_mut(), mouse)?;
        }
        if pacing.draw_now(dirty, loaded) {
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
