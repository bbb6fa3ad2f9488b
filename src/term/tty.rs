//! The local terminal: raw mode and the alternate screen, the event loop, and restoring the
//! terminal on every way out (quit, error, panic, SIGTERM/SIGINT/SIGHUP/SIGQUIT, a vanished
//! tty) and before a stop (Ctrl-Z, SIGTSTP). The only module that reads the terminal or writes
//! to it.
//!
//! The loop blocks on one channel fed by a tty-reading thread, a signal thread, the store's
//! thread and the library's service (loads, changes on disk, reloads): queued input is
//! decoded and applied together, and a frame is drawn only when the state changed. Nothing runs
//! on a timer, except that while a background load runs its progress is drawn at most every
//! [`PROGRESS_INTERVAL`](crate::term::pacing::PROGRESS_INTERVAL) (a key is always drawn at once), and a lone ESC waits
//! [`ESC_TIMEOUT`](crate::term::decode::ESC_TIMEOUT) for the rest of a sequence. Ctrl-L, a
//! resize, a resume and a failed write all take one path: clear, forget the backend's model,
//! draw all.

use std::io::{self, Read, Stdout};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::terminal;
use ratatui::layout::Size;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::app::{App, Msg};
use crate::library::{FirstFrame, Loader, Published, Service};
use crate::term::backend::WireOptions;
use crate::term::pacing::Pacing;
use crate::term::searcher::Searcher;
use crate::term::session::{self, ArticleSpot, Session};

pub(crate) mod modes;
pub use modes::restore;
use modes::{install_panic_hook, set_mouse, setup};

/// How long the exit waits for the last reading positions to be written (a store held by
/// another process for longer loses them, with a message).
pub const SAVE_WAIT: Duration = Duration::from_secs(2);

/// Where the reader's state lives: the store, and the `positions.toml` of earlier versions to
/// import into it once.
#[derive(Debug, Clone)]
pub struct StatePaths {
    /// The store (`$XDG_STATE_HOME/brief/state.db`).
    pub store: PathBuf,
    /// The old positions file, if there may be one.
    pub legacy: Option<PathBuf>,
}

/// What reaches the loop.
enum Input {
    /// Bytes read from the terminal, and when they were read.
    Bytes(Vec<u8>, Instant),
    /// Progress of a background load.
    Load(Msg),
    /// The opening of a long first briefing, and what to drop once its frame is out.
    Opening(Arc<crate::content::Briefing>, FirstFrame),
    /// A search across the library finished (drawn at once, as a key's answer is).
    Found(Msg),
    /// A termination signal, by number.
    Terminate(i32),
    /// SIGTSTP: stop, as Ctrl-Z does.
    Stop,
    /// SIGCONT: running again after a stop.
    Continue,
    /// SIGWINCH: the window changed size.
    Resize,
    /// Reading the terminal failed: it is gone.
    Gone,
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The reader asked to quit (or its terminal went away).
    Quit,
    /// A termination signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT), by number: the process should
    /// exit with status 128 + the number, as shells expect.
    Signal(i32),
}

impl Exit {
    /// The process exit status for this ending: 0, or 128 + the signal's number.
    pub fn status(self) -> u8 {
        match self {
            Self::Quit => 0,
            Self::Signal(n) => u8::try_from(128 + n).unwrap_or(1),
        }
    }
}

/// Runs the reader until the user quits; the terminal is restored whatever happens. The app is
/// left as the reader left it; no state is read or saved.
pub fn run(app: &mut App) -> io::Result<Exit> {
    run_loading(app, Background::start(None, None)).map(|(exit, _)| exit)
}

/// The reader's work off its thread that needs no terminal: reading the briefings of a
/// [`Loader`] and opening the state store. Started as early as the driver can, so that the
/// first briefing is read and the store opened while the reader gets ready (its theme, its
/// keys); their news waits in the loop's channel until [`run_loading`] reads it.
pub struct Background {
    tx: mpsc::Sender<Input>,
    rx: mpsc::Receiver<Input>,
    store: Option<crate::store::Service>,
    library: Option<Service>,
    today: Option<fn() -> i64>,
}

impl Background {
    /// Starts reading the briefings of `loader` (the first frame does not wait for them beyond
    /// [`FIRST_PAINT_WAIT`](crate::term::pacing::FIRST_PAINT_WAIT); they appear as they are
    /// read) and opening the store at `state` (a position is saved when the reader leaves a
    /// briefing and at exit, waiting at most [`SAVE_WAIT`]), each on threads of its own.
    pub fn start(loader: Option<Loader>, state: Option<StatePaths>) -> Self {
        let (tx, rx) = mpsc::channel();
        // The store first: a long briefing's opening waits for its answer, and on two cores
        // a thread started later gets its turn later. Started after the library, its answer
        // was the last thing that first frame waited for (docs/performance.md).
        let store = state.map(|state| {
            let tx = tx.clone();
            crate::store::Service::start(state.store, state.legacy, move |positions, notices| {
                let _ = tx.send(Input::Load(Msg::Stored(positions, notices)));
            })
        });
        // What `r` reads again: the same paths, when they are all on disk.
        let library = loader.map(|loader| spawn_library(loader, tx.clone()));
        Self {
            tx,
            rx,
            store,
            library,
            today: None,
        }
    }

    /// Has the reader work out the date with `today` (days since 1970-01-01, as
    /// [`local_today`](crate::settings::clock::local_today)) once its first frame is written,
    /// or before the first key when that comes sooner, rather than before it draws: finding
    /// the local time zone reads the names of the zone database, about half a millisecond
    /// the first frame need not wait for. Until then the app's date is the one it was built
    /// with; only filters (`today`, `7d`) and the digest read it.
    #[must_use]
    pub fn dated(mut self, today: fn() -> i64) -> Self {
        self.today = Some(today);
        self
    }
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("store", &self.store.is_some())
            .field("library", &self.library.is_some())
            .finish_non_exhaustive()
    }
}

/// Like [`run`], with the briefings and the store of `background`. Returns how the reader
/// ended and what went wrong with the store, for standard error.
pub fn run_loading(app: &mut App, background: Background) -> io::Result<(Exit, Vec<String>)> {
    let Background {
        tx,
        rx,
        store,
        library,
        today,
    } = background;
    spawn_signals(tx.clone())?;
    install_panic_hook();
    // brief honours NO_COLOR itself (it selects the mono theme). crossterm would also strip
    // colours, but by writing a bare `ESC[m`, which resets bold and underline too and so erases
    // the modifiers mono relies on.
    crossterm::style::force_color_output(true);
    setup(app.view.mouse)?;
    let mouse = app.view.mouse;
    let session = Session::new(app, io::stdout(), tty_size(), WireOptions::from_env());
    let loading = library.is_some();
    let found = tx.clone();
    let searcher = Searcher::new(Arc::new(move |msg| found.send(Input::Found(msg)).is_ok()));
    spawn_reader(tx);
    let mut local = Local {
        mouse,
        session,
        stopped_self: false,
        opening: Opening {
            store_answered: store.is_none(),
            ..Opening::default()
        },
        store,
        library,
        searcher,
        today,
        first_keys: loading.then(|| Instant::now() + FIRST_KEYS_WAIT),
    };
    let result = local.run(&rx, loading);
    restore();
    let notices = local.save_last_visit();
    result.map(|exit| (exit, notices))
}

/// Whether `bytes` hold Ctrl-C or Ctrl-Z, which act at once even while other keys wait.
fn interrupts(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == 0x03 || b == 0x1a)
}

/// Turns the signals the reader answers into inputs, on a thread of their own.
fn spawn_signals(tx: mpsc::Sender<Input>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            let input = match signal {
                SIGTSTP => Input::Stop,
                SIGCONT => Input::Continue,
                SIGWINCH => Input::Resize,
                n => Input::Terminate(n),
            };
            if tx.send(input).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Starts the library's service (the background load, the watch, reloads), what it
/// publishes turned into inputs.
fn spawn_library(loader: Loader, tx: mpsc::Sender<Input>) -> Service {
    Service::start(loader, move |published| {
        let msg = match published {
            Published::Total(total) => Msg::Loading(total),
            Published::Opening(briefing, frame) => {
                return tx.send(Input::Opening(briefing, frame)).is_ok();
            }
            Published::Snapshot(snapshot) => Msg::Snapshot(snapshot),
            Published::Notice(line) => Msg::Notice(line),
        };
        tx.send(Input::Load(msg)).is_ok()
    })
}

/// The size of the process's terminal (80×24 if it cannot be told).
fn tty_size() -> Size {
    terminal::size().map_or(Size::new(80, 24), |(w, h)| Size::new(w, h))
}

/// Reads the terminal on a thread of its own: every read hands over all the bytes available,
/// stamped with when they arrived, so the loop decodes every complete event at once.
fn spawn_reader(tx: mpsc::Sender<Input>) {
    // The controlling terminal, so keys still come from it when stdin is not the terminal.
    let mut tty: Box<dyn Read + Send> = match std::fs::File::open("/dev/tty") {
        Ok(file) => Box::new(file),
        Err(_) => Box::new(io::stdin()),
    };
    thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let input = match tty.read(&mut buf) {
                Ok(0) => Input::Gone,
                Ok(n) => Input::Bytes(buf[..n].to_vec(), Instant::now()),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => Input::Gone,
            };
            let gone = matches!(input, Input::Gone);
            if tx.send(input).is_err() || gone {
                break;
            }
        }
    });
}

/// The local reader: the app, the terminal it draws on and what is known about that terminal.
struct Local<'a> {
    session: Session<'a, Stdout>,
    /// Whether mouse reporting is on.
    mouse: bool,
    /// The reader stopped itself: the SIGCONT that resumes it needs no second repaint.
    stopped_self: bool,
    /// A long first briefing's opening, held until the store has answered, and the keys held
    /// until the briefing they act on is here.
    opening: Opening,
    /// Where visits are saved, if anywhere.
    store: Option<crate::store::Service>,
    /// The library's service, when the briefings are on disk (`r` asks it to read them
    /// again); `None` for standard input and the built-in briefings.
    library: Option<Service>,
    /// Runs the reader's searches across the library.
    searcher: Searcher,
    /// How to work out the date, until it is worked out (see [`Background::dated`]).
    today: Option<fn() -> i64>,
    /// Until when keys wait for the first briefing (see [`FIRST_KEYS_WAIT`]); `None` once it
    /// came, or when nothing is loaded in the background.
    first_keys: Option<Instant>,
}

/// How long keys typed before the first briefing arrives wait for it, at most: a file read
/// slowly (a network disk) must not hold the quit key for long. Ctrl-C and Ctrl-Z never wait.
const FIRST_KEYS_WAIT: Duration = Duration::from_millis(500);

/// The opening of a long first briefing (see [`App::show_opening`]): shown only once the store
/// has said where the reader left it (a place past the opening is not in it), and drawn over at
/// once when the whole briefing comes.
#[derive(Debug, Default)]
struct Opening {
    /// The store has sent its positions, or there is no store.
    store_answered: bool,
    /// An opening that came before the store's answer.
    held: Option<(Arc<crate::content::Briefing>, FirstFrame)>,
    /// Dropped once the opening's frame is out (see [`FirstFrame`]).
    frame: Option<FirstFrame>,
    /// Keys that came while an opening was on screen, or before the first briefing arrived:
    /// they act on the whole briefing, once it is here (a takeaway's section or the end may be
    /// past the opening), rather than on an empty reader.
    keys: Vec<(Vec<u8>, Instant)>,
}

impl Opening {
    /// Shows `briefing` in `app` now, keeping `frame` until the frame is out if it is shown.
    fn show(&mut self, app: &mut App, briefing: Arc<crate::content::Briefing>, frame: FirstFrame) {
        self.frame = app.update(Msg::Opening(briefing)).then_some(frame);
    }
}

/// What one batch of inputs asks of the loop besides drawing.
#[derive(Debug, Default)]
struct Batch {
    /// What the session's inputs asked.
    session: session::Batch,
    exit: Option<Exit>,
}

impl Local<'_> {
    fn run(&mut self, rx: &mpsc::Receiver<Input>, loading: bool) -> io::Result<Exit> {
        let mut pacing = Pacing::new(loading);
        if !loading {
            self.session.draw(None)?;
            self.session.finish_layout()?;
            pacing.drawn = true;
        }
        let mut seen_total = false;
        // Until every sender is gone.
        while let Ok(first) = self.next_input(rx, &pacing) {
            let mut batch = Batch::default();
            if self.first_keys.is_some_and(|until| Instant::now() >= until) {
                self.first_keys = None;
                if !self.session.app.shows_opening() {
                    self.release_keys(&mut batch)?;
                }
            }
            let spot = ArticleSpot::of(self.session.app);
            let was_empty = self.session.app.library.briefings.is_empty();
            // A lone ESC whose time is up is the Esc key.
            let stopped = &mut self.stopped_self;
            self.session
                .expire(Instant::now(), &mut batch.session, &mut |s| {
                    suspend(s, stopped)
                })?;
            // Apply everything already queued before drawing once.
            for input in first.into_iter().chain(rx.try_iter()) {
                if let Input::Load(msg) = &input {
                    seen_total |= matches!(msg, Msg::Loading(_));
                }
                self.input(input, &mut batch)?;
                if batch.session.quit {
                    batch.exit = batch.exit.or(Some(Exit::Quit));
                }
                if let Some(exit) = batch.exit {
                    return Ok(exit);
                }
            }
            self.after_batch(&mut batch)?;
            let app = &*self.session.app;
            // The first briefing to arrive is shown at once, not at the next progress tick.
            batch.session.dirty |= was_empty && !app.library.briefings.is_empty();
            if pacing.loading && seen_total && app.loading().is_none() {
                pacing.loading = false;
                batch.session.loaded = true;
            }
            self.frame(batch.session, &mut pacing, spot)?;
            if pacing.drawn {
                self.work_out_date();
            }
            self.opening.frame = None;
            self.session.finish_layout()?;
        }
        Ok(Exit::Quit)
    }

    /// Waits for the next input, or until a frame or an expiring ESC is due (`Ok(None)`);
    /// an error when every sender is gone.
    fn next_input(
        &self,
        rx: &mpsc::Receiver<Input>,
        pacing: &Pacing,
    ) -> Result<Option<Input>, mpsc::RecvError> {
        let keys_due = self.first_keys.filter(|_| !self.opening.keys.is_empty());
        let deadline = [self.session.deadline(), keys_due]
            .into_iter()
            .flatten()
            .min();
        let wait = match (pacing.timeout(), deadline) {
            (Some(a), Some(due)) => Some(a.min(due.saturating_duration_since(Instant::now()))),
            (None, Some(due)) => Some(due.saturating_duration_since(Instant::now())),
            (wait, None) => wait,
        };
        match wait {
            None => rx.recv().map(Some),
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(input) => Ok(Some(input)),
                Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
                Err(mpsc::RecvTimeoutError::Disconnected) => Err(mpsc::RecvError),
            },
        }
    }

    /// What a batch of inputs asks besides drawing: a reload,
    /// saving the places of briefings the reader left (off this thread), the mouse mode.
    fn after_batch(&mut self, batch: &mut Batch) -> io::Result<()> {
        if batch.session.reload {
            batch.session.dirty |= self.reload();
        }
        for visit in self.session.app.take_visits() {
            if let Some(store) = &self.store {
                store.save(visit);
            }
        }
        if self.session.app.view.mouse != self.mouse {
            self.mouse = self.session.app.view.mouse;
            set_mouse(self.session.writer_mut(), self.mouse)?;
        }
        if let Some(request) = self.session.app.take_work() {
            let library = Arc::clone(&self.session.app.library);
            self.searcher.start(library, request);
        }
        Ok(())
    }

    /// Draws what the batch changed, when the pacing says so; a repaint (Ctrl-L, a resize, a
    /// resume) at the size the terminal has now.
    fn frame(
        &mut self,
        batch: session::Batch,
        pacing: &mut Pacing,
        spot: ArticleSpot,
    ) -> io::Result<()> {
        if batch.repaint {
            pacing.draw_now(true, batch.loaded);
            self.session.resize(tty_size())
        } else if pacing.draw_now(batch.dirty, batch.loaded) {
            self.session.draw(Some(spot))
        } else {
            Ok(())
        }
    }

    /// Whether keys read at `now` wait: for the whole briefing while its opening is on screen,
    /// or for the first briefing while none has come (at most [`FIRST_KEYS_WAIT`]).
    fn holds_keys(&self, now: Instant) -> bool {
        self.session.app.shows_opening()
            || (self.session.app.library.briefings.is_empty()
                && self.first_keys.is_some_and(|until| now < until))
    }

    /// Passes on the keys held (see [`Opening::keys`]), in the order they came, with the date
    /// worked out first (a filter typed meanwhile counts from it).
    fn release_keys(&mut self, batch: &mut Batch) -> io::Result<()> {
        if self.opening.keys.is_empty() {
            return Ok(());
        }
        self.work_out_date();
        for (bytes, at) in std::mem::take(&mut self.opening.keys) {
            let stopped = &mut self.stopped_self;
            self.session
                .feed(&bytes, at, &mut batch.session, &mut |s| suspend(s, stopped))?;
            if batch.session.quit {
                break;
            }
        }
        Ok(())
    }

    /// Gives the app the date, the first time only (see [`Background::dated`]).
    fn work_out_date(&mut self) {
        if let Some(today) = self.today.take() {
            self.session.app.update(Msg::Today(today()));
        }
    }

    fn input(&mut self, input: Input, batch: &mut Batch) -> io::Result<()> {
        match input {
            Input::Bytes(bytes, at) if self.holds_keys(at) && !interrupts(&bytes) => {
                self.opening.keys.push((bytes, at));
            }
            Input::Bytes(bytes, at) => {
                self.work_out_date();
                self.release_keys(batch)?;
                if batch.session.quit {
                    return Ok(());
                }
                let stopped = &mut self.stopped_self;
                self.session
                    .feed(&bytes, at, &mut batch.session, &mut |s| suspend(s, stopped))?;
            }
            Input::Opening(briefing, frame) if !self.opening.store_answered => {
                self.opening.held = Some((briefing, frame));
            }
            Input::Opening(briefing, frame) => {
                self.opening.show(self.session.app, briefing, frame);
            }
            Input::Load(msg) => self.load(msg, batch)?,
            Input::Found(msg) => batch.session.dirty |= self.session.app.update(msg),
            Input::Terminate(signal) => batch.exit = Some(Exit::Signal(signal)),
            Input::Gone => batch.exit = Some(Exit::Quit),
            Input::Stop => suspend(&mut self.session, &mut self.stopped_self)?,
            Input::Continue if std::mem::take(&mut self.stopped_self) => {}
            Input::Continue => {
                // Stopped by someone else: the terminal may have been changed meanwhile.
                let _ = terminal::disable_raw_mode();
                setup(self.session.app.view.mouse)?;
                batch.session.repaint = true;
            }
            // Drawn once, at the end of the batch, however many arrived.
            Input::Resize => batch.session.repaint = true,
        }
        Ok(())
    }
}

impl Local<'_> {
    /// Takes news of the load and the store, and what it means for an opening: held until
    /// the store has answered, drawn over at once by the whole briefing, and the keys held
    /// meanwhile passed on then.
    fn load(&mut self, msg: Msg, batch: &mut Batch) -> io::Result<()> {
        let stored = matches!(msg, Msg::Stored(..));
        let whole = matches!(msg, Msg::Snapshot(_));
        let was_opening = self.session.app.shows_opening();
        batch.session.loaded |= self.session.app.update(msg);
        if whole {
            self.opening.held = None;
            self.first_keys = None;
            // What replaces an opening is drawn at once, not at the next tick.
            batch.session.dirty |= was_opening;
            self.release_keys(batch)?;
        }
        if stored {
            self.opening.store_answered = true;
            if let Some((briefing, frame)) = self.opening.held.take() {
                self.opening.show(self.session.app, briefing, frame);
            }
        }
        Ok(())
    }

    /// Saves where the open briefing was left, the last visit, waiting at most [`SAVE_WAIT`];
    /// returns what went wrong with the store, for standard error.
    fn save_last_visit(&mut self) -> Vec<String> {
        let Some(store) = self.store.take() else {
            return Vec::new();
        };
        let app = &mut *self.session.app;
        app.positions();
        for visit in app.take_visits() {
            store.save(visit);
        }
        store.finish(SAVE_WAIT)
    }

    /// `r`: asks the library's service to read every file again (it says when it starts,
    /// and the result arrives as a snapshot). Returns whether the status line changed.
    fn reload(&mut self) -> bool {
        match &self.library {
            Some(service) => {
                service.reload();
                false
            }
            None => self.session.app.update(Msg::Notice(
                "nothing to reload: these briefings came from standard input or are built in"
                    .to_owned(),
            )),
        }
    }
}

/// Gives the terminal back as it was found and stops the process, as Ctrl-Z does in a shell;
/// when continued, takes the terminal again and repaints everything at its size then.
fn suspend(session: &mut Session<'_, Stdout>, stopped_self: &mut bool) -> io::Result<()> {
    restore();
    *stopped_self = true;
    // Stops every thread here until SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    setup(session.app.view.mouse)?;
    session.resize(tty_size())
}
