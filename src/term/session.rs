//! One reader's session, whatever carries its bytes: terminal input in, frames out. A
//! [`Session`] holds the reader's [`App`], the input decoder, the frame it draws into and
//! brief's [`WireBackend`] writing to any `W: Write`, at a size the driver gives it (never asked
//! of the process's own terminal). The backend's model of the screen is the previous frame:
//! two screens of cells where ratatui's `Terminal` over the backend would keep three. The
//! local terminal ([`crate::term::tty`]) is one driver: it owns raw mode, signals and the
//! tty-reading thread, and hands bytes and sizes to a `Session<Stdout>`.
//! Tests drive one over a `Vec<u8>` and replay the bytes through a terminal emulator; a remote
//! session can drive one over its channel.

use std::io::{self, Write};
use std::time::Instant;

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;

use crate::app::input::message_for;
use crossterm::event::Event;

use crate::app::{App, Mode, Msg};
use crate::settings::keymap::Action;
use crate::term::backend::{ScrollHint, WireBackend, WireOptions};
use crate::term::decode::{Decoded, Decoder};

/// What a batch of input asked of the driver, besides the state it changed.
// Independent requests that may all come in one batch, not one state: an enum would have to
// name their combinations.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Batch {
    /// The reader's keys changed what is drawn.
    pub dirty: bool,
    /// Loading progress changed what is drawn (drawn at a slower pace).
    pub loaded: bool,
    /// Everything is to be drawn again from a cleared screen (Ctrl-L, or the driver's own
    /// reasons: a resize, a resume, a failed write).
    pub repaint: bool,
    /// The reader asked to read the briefings again from their files.
    pub reload: bool,
    /// The reader asked to quit.
    pub quit: bool,
}

/// One reader, its decoder and its screen.
pub struct Session<'a, W: Write> {
    /// The reader's state.
    pub app: &'a mut App,
    backend: WireBackend<W>,
    /// The frame being drawn; the backend writes what changed from its model of the screen.
    frame: Buffer,
    decoder: Decoder,
    /// The size the driver last gave, in cells.
    size: Size,
    /// Whether the DECRQM question about left/right margins has been sent (once, after the
    /// first frame, so the first paint never waits for it).
    asked_margins: bool,
}

impl<'a, W: Write> Session<'a, W> {
    /// A session drawing `app` into `out` at `size` cells, encoded with `options`. Nothing is
    /// written until the first [`Session::draw`].
    pub fn new(app: &'a mut App, out: W, size: Size, options: WireOptions) -> Self {
        let backend = WireBackend::sized(out, size, options);
        let frame = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        // A long briefing's first frame does not wait for its whole layout: see
        // `Session::finish_layout`.
        app.defer_layouts(true);
        app.update(Msg::Resize(size.width, size.height));
        Self {
            app,
            backend,
            frame,
            decoder: Decoder::new(),
            size,
            asked_margins: false,
        }
    }

    /// Where the frames go (for bytes that are not frames: mouse modes, a query).
    pub fn writer_mut(&mut self) -> &mut W {
        self.backend.writer_mut()
    }

    /// When a lone ESC read so far becomes the Esc key, if one is waiting.
    pub fn deadline(&self) -> Option<Instant> {
        self.decoder.deadline()
    }

    /// Applies the events of `bytes` (read at `at`) to the app. `suspend` is called, at once
    /// and in the middle of the bytes if need be, for the `suspend` action: only the driver
    /// can stop the process.
    ///
    /// # Errors
    /// What `suspend` returns.
    pub fn feed(
        &mut self,
        bytes: &[u8],
        at: Instant,
        batch: &mut Batch,
        suspend: &mut dyn FnMut(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        for decoded in self.decoder.feed(bytes, at) {
            self.decoded(decoded, batch, suspend)?;
            if batch.quit {
                break;
            }
        }
        Ok(())
    }

    /// Applies what the decoder holds once its time is up (a lone ESC is the Esc key).
    ///
    /// # Errors
    /// What `suspend` returns (see [`Session::feed`]).
    pub fn expire(
        &mut self,
        now: Instant,
        batch: &mut Batch,
        suspend: &mut dyn FnMut(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        for decoded in self.decoder.timeout(now) {
            self.decoded(decoded, batch, suspend)?;
        }
        Ok(())
    }

    fn decoded(
        &mut self,
        decoded: Decoded,
        batch: &mut Batch,
        suspend: &mut dyn FnMut(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        let event = match decoded {
            Decoded::Event(event) => event,
            // The answer to the margins question: never a key. No answer keeps what the
            // terminal's name said.
            Decoded::ModeReport { mode, value } => {
                if mode == 69 {
                    let on = crate::term::backend::margins_supported(value);
                    self.backend.set_margins(on);
                }
                return Ok(());
            }
        };
        panic_if_asked(&event);
        match message_for(&event, self.app) {
            Some(Msg::Action(Action::Suspend)) => suspend(self)?,
            Some(Msg::Action(Action::Redraw)) => batch.repaint = true,
            Some(Msg::Action(Action::Reload)) => batch.reload = true,
            Some(msg) => batch.dirty |= self.app.update(msg),
            None => {}
        }
        batch.quit |= self.app.view.quit;
        Ok(())
    }

    /// Draws a frame over the backend's model of the screen, telling the backend that the
    /// article moved from `before` (so the terminal can scroll it). A frame that could not be
    /// written in full leaves that model wrong, so it is followed by a full repaint.
    ///
    /// # Errors
    /// A write error of the repaint that follows a failed frame.
    pub fn draw(&mut self, before: Option<ArticleSpot>) -> io::Result<()> {
        if let Some(hint) = before.and_then(|spot| spot.hint(ArticleSpot::of(self.app))) {
            self.backend.hint_scroll(hint);
        }
        match self.present() {
            Ok(()) => self.ask_margins(),
            Err(_) => self.repaint(),
        }
    }

    /// Draws the reader into a fresh frame and has the backend write what changed, with the
    /// cursor shown on the focused item when the reader asked for a visible cursor (otherwise
    /// the backend parks the hidden one there).
    fn present(&mut self) -> io::Result<()> {
        let app = &*self.app;
        self.backend.park_cursor(app.caret());
        self.frame.reset();
        app.render(self.frame.area, &mut self.frame);
        let cursor = app.caret().filter(|_| app.shows_cursor());
        self.backend.present(&self.frame, cursor)
    }

    /// Lays out the rest of a briefing whose first screens were drawn alone (see
    /// [`App::defer_layouts`]), and draws what that changed (usually nothing: the frame
    /// drawn from the first screens is the whole layout's). The loop calls it after each
    /// frame, before it waits for input.
    ///
    /// # Errors
    /// A write error of that frame.
    pub fn finish_layout(&mut self) -> io::Result<()> {
        if self.app.finish_layout() {
            self.draw(None)
        } else {
            Ok(())
        }
    }

    /// Asks the terminal, once and after a frame is on screen, whether it has left/right
    /// margins (DECRQM `?69`); the answer arrives as a [`Decoded::ModeReport`].
    fn ask_margins(&mut self) -> io::Result<()> {
        if std::mem::replace(&mut self.asked_margins, true)
            || !self.backend.options().scroll_regions
        {
            return Ok(());
        }
        let out = self.backend.writer_mut();
        out.write_all(crate::term::backend::MARGINS_QUERY.as_bytes())?;
        out.flush()
    }

    /// Clears the screen, forgets what the backend believed it showed and draws everything:
    /// for Ctrl-L, a resize, a resume and a failed write.
    ///
    /// # Errors
    /// A write error.
    pub fn repaint(&mut self) -> io::Result<()> {
        let Size { width, height } = self.size;
        self.app.update(Msg::Resize(width, height));
        self.backend.invalidate();
        self.backend.set_size(self.size);
        let area = Rect::new(0, 0, width, height);
        // As ratatui's `Terminal::resize` does: a narrower screen is cleared once more.
        if area.width < self.frame.area.width {
            self.backend.clear_region(ClearType::All)?;
        }
        self.frame.resize(area);
        self.backend.clear_region(ClearType::All)?;
        self.present()
    }

    /// The terminal is now `size` cells: everything is drawn again at that size.
    ///
    /// # Errors
    /// A write error.
    pub fn resize(&mut self, size: Size) -> io::Result<()> {
        self.size = size;
        self.repaint()
    }
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

/// Where the article's text rows are and how far it is scrolled. Compared across an update, it
/// tells the backend that the article rows moved, so the terminal can scroll them itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleSpot {
    /// The article's rectangle inside its border.
    rows: Option<ratatui::layout::Rect>,
    scroll: usize,
    /// Which layout of which briefing the rows show ([`App::opened`]).
    briefing: u64,
}

impl ArticleSpot {
    /// The article of `app` as it would be drawn now.
    pub fn of(app: &App) -> Self {
        let rows = app
            .panes()
            .inner(crate::app::panes::Pane::Article)
            .filter(|_| matches!(app.view.mode, Mode::Reading | Mode::Search));
        Self {
            rows,
            scroll: app.view.scroll,
            briefing: app.opened(),
        }
    }

    /// The scroll from `self` to `after`, if the same article sits on the same rows.
    pub fn hint(self, after: Self) -> Option<ScrollHint> {
        let inner = self.rows.filter(|_| self.rows == after.rows)?;
        let (top, bottom) = (inner.y, inner.bottom());
        if self.briefing != after.briefing || self.scroll == after.scroll {
            return None;
        }
        let delta = i64::try_from(after.scroll).ok()? - i64::try_from(self.scroll).ok()?;
        let delta = i32::try_from(delta).ok()?;
        (delta.unsigned_abs() < u32::from(bottom - top)).then_some(ScrollHint {
            top,
            bottom,
            delta,
            columns: Some((inner.x, inner.right())),
        })
    }
}
