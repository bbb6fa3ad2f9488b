//! A ratatui backend that writes as few bytes as it can. It keeps a model of what the terminal
//! shows, so that it can pick the shortest cursor move (or reprint a few unchanged cells instead
//! of moving), send each style change as one SGR sequence relative to the current one, skip
//! cursor-visibility changes that change nothing, write nothing at all for a frame without
//! changes, and — when told that a band of rows moved (see [`WireBackend::hint_scroll`]) —
//! scroll that band with the terminal's own scrolling region (DECSTBM with SU/SD) and draw only
//! what the scroll did not bring. Every frame is encoded both ways and the shorter one is sent,
//! so the plain diff is the fallback whenever scrolling does not pay. tests/backend.rs replays the
//! bytes through a terminal emulator and compares with ratatui's buffer cell for cell.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};

mod blank;
mod encode;
mod options;
mod repair;
mod shift;

use blank::blank_diff;
use encode::Encoder;
pub use encode::sgr;
pub use options::{MARGINS_QUERY, RESTORE_MODES, WireOptions, margins_by_name, margins_supported};
use repair::{Disputed, Orphans, blank_run, cell_width, uncertain_width};
use shift::shifted;

/// A band of rows that moved: rows `top..bottom` now show what was `delta` rows further down
/// (`delta > 0`, the text scrolled up) or up (`delta < 0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollHint {
    /// First row of the band.
    pub top: u16,
    /// One past the last row of the band.
    pub bottom: u16,
    /// How far the content moved, in rows; positive when it moved up.
    pub delta: i32,
    /// The columns that moved, `left..right`, when only part of each row did (a pane beside
    /// others); `None` for whole rows.
    pub columns: Option<(u16, u16)>,
}

/// The SGR state of the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const RESET: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }

    /// True when a blank drawn (or erased, or scrolled in) with this pen looks the same as one
    /// drawn with `other`: the same background, and neither shows an attribute on a blank
    /// (reverse, underline, strike-through). The foreground, bold, dim and italic only change
    /// glyphs, so switching them just to draw spaces is bytes for nothing.
    fn blank_like(self, other: Self) -> bool {
        const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED
            .union(Modifier::UNDERLINED)
            .union(Modifier::CROSSED_OUT);
        self.bg == other.bg
            && !self.modifier.intersects(SHOWS_ON_BLANK)
            && !other.modifier.intersects(SHOWS_ON_BLANK)
    }
}

/// What the encoder knows about the terminal between writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    /// Where the cursor is, if known (unknown after printing into the last column).
    cursor: Option<Position>,
    /// The current SGR state, if known.
    pen: Option<Pen>,
}

/// Turns autowrap off (DECAWM), sent before the first frame: a cluster that a terminal draws
/// wider than the model near the right edge must not wrap onto the next row.
const SESSION_MODES: &[u8] = b"\x1b[?7l";

/// The backend: a writer plus a model of the screen.
#[derive(Debug)]
pub struct WireBackend<W: Write> {
    out: W,
    /// The model of the screen; empty (no cells) while `blank` holds.
    screen: Buffer,
    /// The screen is blank over this area and its model is not made yet: the first frame is
    /// written without one, and the model made after it is out (see
    /// [`WireBackend::present`]).
    blank: Option<Rect>,
    state: State,
    cursor_visible: Option<bool>,
    hint: Option<ScrollHint>,
    options: WireOptions,
    fixed_size: Option<Size>,
    /// Whether [`SESSION_MODES`] went out since the last [`WireBackend::invalidate`].
    modes_sent: bool,
    /// Where the hidden cursor rests after each frame (see [`WireBackend::park_cursor`]).
    park: Option<Position>,
}

impl<W: Write> WireBackend<W> {
    /// A backend for the local terminal (its size is asked of the tty).
    pub fn new(out: W, options: WireOptions) -> Self {
        let size = crossterm::terminal::size().unwrap_or((80, 24));
        let mut backend = Self::sized(out, Size::new(size.0, size.1), options);
        backend.fixed_size = None;
        backend
    }

    /// A backend of a fixed size (tests, benchmarks, remote sessions).
    pub fn sized(out: W, size: Size, options: WireOptions) -> Self {
        Self {
            out,
            screen: Buffer::default(),
            blank: Some(Rect::new(0, 0, size.width, size.height)),
            state: State {
                cursor: None,
                pen: None,
            },
            cursor_visible: None,
            hint: None,
            options,
            fixed_size: Some(size),
            modes_sent: false,
            park: None,
        }
    }

    /// Where the hidden cursor rests once a frame is written: the reader's focused item, so
    /// that screen magnifiers, which follow the cursor, show it. A move is written only when
    /// the cursor is elsewhere (after a frame that printed something); `None` leaves it
    /// where the frame ended. A visible cursor is placed by ratatui instead.
    pub fn park_cursor(&mut self, at: Option<Position>) {
        self.park = at;
    }

    /// Changes the size reported by a fixed-size backend.
    pub fn set_size(&mut self, size: Size) {
        self.fixed_size = Some(size);
    }

    /// The writer.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The writer, mutably (tests clear a `Vec<u8>` between frames).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Says that in the next frame rows `top..bottom` show the previous content moved by
    /// `delta`. Only a hint: the next draw scrolls the terminal if that is shorter, and is
    /// correct either way.
    pub fn hint_scroll(&mut self, hint: ScrollHint) {
        self.hint = Some(hint);
    }

    /// Turns left/right margins on or off for later scrolls (after the terminal answered a
    /// DECRQM `?69` query, see [`MARGINS_QUERY`] and [`margins_supported`]).
    pub fn set_margins(&mut self, on: bool) {
        self.options.margins = on;
    }

    /// The options in use.
    pub fn options(&self) -> WireOptions {
        self.options
    }

    /// Writes `next` as the new screen: the cells that differ from the model of the screen
    /// (found with ratatui's diff, as [`ratatui::Terminal`] finds them between its two
    /// buffers), then the cursor, shown at `cursor` or hidden (and parked), then flushes. The
    /// model stands for the terminal's previous buffer, so a session keeps two screens of
    /// cells rather than three (576 KB less at 200×60, docs/performance.md).
    ///
    /// The first frame on the blank screen a backend starts with goes out before the model is
    /// made: diffed from blank without a blank buffer, when ratatui left it plainly drawn (see
    /// [`blank_diff`]) and no scroll is hinted, and the model is then a copy of it. The bytes
    /// are the same.
    ///
    /// # Errors
    /// A write error; the model is then wrong until [`WireBackend::invalidate`] and a full
    /// frame.
    pub fn present(&mut self, next: &Buffer, cursor: Option<Position>) -> io::Result<()> {
        let first = self
            .blank
            .filter(|area| *area == next.area && self.hint.is_none())
            .and_then(|_| blank_diff(next));
        if let Some(updates) = &first {
            self.write_on_blank(next, updates)?;
        } else {
            self.make_screen();
            if self.screen.area != next.area {
                self.screen.resize(next.area);
            }
            let updates = self.screen.diff(next);
            self.draw(updates.into_iter())?;
        }
        match cursor {
            None => self.hide_cursor()?,
            Some(at) => {
                self.show_cursor()?;
                self.set_cursor_position(at)?;
            }
        }
        Backend::flush(self)?;
        if first.is_some() {
            // Once the frame is out: the blank screen with the frame's cells is the frame.
            self.blank = None;
            self.screen = next.clone();
        }
        Ok(())
    }

    /// The first frame on a blank screen, `updates` its cells that are not blank (see
    /// [`blank_diff`]): written as [`Backend::draw`] writes them, without a model of the
    /// screen. Making the model (576 KB of cells at 200×60, a page fault every 85 cells)
    /// would otherwise come before the first frame (docs/performance.md).
    fn write_on_blank(&mut self, next: &Buffer, updates: &[(u16, u16)]) -> io::Result<()> {
        // A blank screen has no wide cell to orphan or dispute.
        if updates.is_empty() {
            return Ok(());
        }
        let nothing = Buffer::default();
        let mut disputed = Disputed::default();
        for &(x, y) in updates {
            if let Some(cell) = next.cell((x, y)) {
                disputed.check(&nothing, x, y, cell);
            }
        }
        let changed = disputed.rewrite(next, updates.to_vec());
        let encoded = self.encode(next, &changed, None);
        self.write_frame(&encoded)
    }

    /// Makes the model of a blank screen, if it is not made yet.
    fn make_screen(&mut self) {
        if let Some(area) = self.blank.take() {
            self.screen = Buffer::empty(area);
        }
    }

    /// The area of the model (made or not).
    fn area(&self) -> Rect {
        self.blank.unwrap_or(self.screen.area)
    }

    /// Puts `cell` at `(x, y)` in the model, blanking the columns a wide cell covers.
    fn model_cell(&mut self, x: u16, y: u16, cell: &Cell) {
        if let Some(slot) = self.screen.cell_mut((x, y)) {
            *slot = cell.clone();
            // The columns a wide cell covers are blank in ratatui's buffer, and ratatui does
            // not send them: blank them here too, or a scroll or a rewritten row would later
            // print what they held before.
            let width = u16::try_from(cell_width(cell)).unwrap_or(1);
            for cx in x.saturating_add(1)..x.saturating_add(width) {
                if let Some(covered) = self.screen.cell_mut((cx, y)) {
                    covered.reset();
                }
            }
        }
    }

    /// Writes an encoded frame, the session's modes first if they are not sent yet.
    fn write_frame(&mut self, encoded: &Encoder) -> io::Result<()> {
        if !self.modes_sent {
            self.out.write_all(SESSION_MODES)?;
            self.modes_sent = true;
        }
        self.out.write_all(&encoded.out)?;
        self.state = encoded.state;
        Ok(())
    }

    /// Forgets what the terminal shows (cells, cursor, pen, cursor visibility), after
    /// something else wrote to it or a write failed half-way. Follow it with a full clear and
    /// a full frame (`Terminal::resize` or `Terminal::clear`, then `draw`; or `clear_region`
    /// and [`WireBackend::present`]).
    pub fn invalidate(&mut self) {
        self.screen.reset();
        self.hint = None;
        self.state = State {
            cursor: None,
            pen: None,
        };
        self.cursor_visible = None;
        self.modes_sent = false;
    }

    /// The bytes for the frame `screen` (the model, once it holds the frame), given the cells
    /// that changed: the plain diff, or a scroll and the diff after it when that is shorter.
    fn encode(
        &self,
        screen: &Buffer,
        changed: &[(u16, u16)],
        scroll: Option<(ScrollHint, Buffer)>,
    ) -> Encoder {
        let mut scrolled = None;
        if let Some((hint, shifted)) = scroll {
            let mut encoder = Encoder::new(self.state, self.options);
            encoder.scroll(hint);
            // ratatui's own diff, from what the terminal shows after the scroll.
            let mut disputed = Disputed::default();
            let mut orphans = Orphans::default();
            let after: Vec<(u16, u16)> = shifted
                .diff_iter(screen)
                .map(|(x, y, cell)| {
                    disputed.check(&shifted, x, y, cell);
                    orphans.check(&shifted, x, y, cell);
                    (x, y)
                })
                .collect();
            let after = orphans.rewrite(screen, after);
            let after = disputed.rewrite(screen, after);
            encoder.cells(screen, &after);
            // The plain diff prints at least one byte per changed cell: no need to encode it
            // when the scroll is already that short.
            if encoder.out.len() <= changed.len() {
                return encoder;
            }
            scrolled = Some(encoder);
        }
        let mut plain = Encoder::new(self.state, self.options);
        plain.cells(screen, changed);
        match scrolled {
            Some(scrolled) if scrolled.out.len() < plain.out.len() => scrolled,
            _ => plain,
        }
    }
}

impl<W: Write> Backend for WireBackend<W> {
    type Error = io::Error;

    // Over 40 lines as one function: the backend's draw, the one entry point ratatui calls:
    // collects changes, repairs them and picks the shorter encoding.
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.make_screen();
        let margins = self.options.margins;
        let hint = self
            .hint
            .take()
            .filter(|_| self.options.scroll_regions)
            .map(|h| match h.columns {
                // Whole rows when the columns are the screen's, or without margins.
                Some((0, right)) if right >= self.screen.area.width => {
                    ScrollHint { columns: None, ..h }
                }
                Some(_) if !margins => ScrollHint { columns: None, ..h },
                _ => h,
            });
        // The screen as it would be after the hinted scroll, before this frame's cells land.
        let scroll = hint.and_then(|h| shifted(&self.screen, h).map(|s| (h, s)));
        let mut changed = Vec::new();
        let mut disputed = Disputed::default();
        let mut orphans = Orphans::default();
        for (x, y, cell) in content {
            if !self.screen.area.contains(Position { x, y }) {
                let area = self.screen.area.union(Rect::new(x, y, 1, 1));
                self.screen
                    .resize(Rect::new(0, 0, area.right(), area.bottom()));
            }
            // Both look at the row as it was: cells arrive in row order, so no cell of row `y`
            // has been replaced yet when its first change arrives.
            disputed.check(&self.screen, x, y, cell);
            orphans.check(&self.screen, x, y, cell);
            if self.screen.area.contains(Position { x, y }) {
                self.model_cell(x, y, cell);
                changed.push((x, y));
            }
        }
        if changed.is_empty() {
            // Nothing changed: whatever the hint said, the screen is already right.
            return Ok(());
        }
        let changed = orphans.rewrite(&self.screen, changed);
        let changed = disputed.rewrite(&self.screen, changed);
        let scroll = scroll.filter(|(_, s)| s.area == self.screen.area);
        let encoded = self.encode(&self.screen, &changed, scroll);
        self.write_frame(&encoded)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.write_all(b"\x1b[?25l")?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.write_all(b"\x1b[?25h")?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        match self.state.cursor {
            Some(p) => Ok(p),
            // Never asked of the terminal: the answer would arrive as input, which the
            // reader's own input loop reads.
            None => Ok(Position::ORIGIN),
        }
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.state.cursor != Some(p) {
            write!(self.out, "\x1b[{};{}H", p.y + 1, p.x + 1)?;
            self.state.cursor = Some(p);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if matches!(clear_type, ClearType::All) && self.options.margins {
            // A full repaint starts from full-screen margins, whatever a cut write left.
            self.out.write_all(b"\x1b[?69l")?;
        }
        // Erased cells take the current background: erase with the default one.
        if !self.state.pen.is_some_and(|p| p.blank_like(Pen::RESET)) {
            self.out.write_all(b"\x1b[0m")?;
            self.state.pen = Some(Pen::RESET);
        }
        let size = self.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        self.make_screen();
        if self.screen.area != area {
            self.screen.resize(area);
        }
        let cursor = self.state.cursor.unwrap_or(Position::ORIGIN);
        let width = usize::from(area.width);
        let at = usize::from(cursor.y) * width + usize::from(cursor.x);
        let row = usize::from(cursor.y) * width;
        let (range, code) = match clear_type {
            ClearType::All => (0..area.area() as usize, "2J"),
            ClearType::AfterCursor => (at..area.area() as usize, "J"),
            ClearType::BeforeCursor => (0..at + 1, "1J"),
            ClearType::CurrentLine => (row..row + width, "2K"),
            ClearType::UntilNewLine => (at..row + width, "K"),
        };
        write!(self.out, "\x1b[{code}")?;
        for cell in self.screen.content.get_mut(range).unwrap_or_default() {
            cell.reset();
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed_size {
            Some(size) => Ok(size),
            None => crossterm::terminal::size().map(|(w, h)| Size::new(w, h)),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.size()?;
        Ok(WindowSize {
            columns_rows,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(at) = self.park
            && self.cursor_visible == Some(false)
            && self.area().contains(at)
        {
            self.set_cursor_position(at)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests;
