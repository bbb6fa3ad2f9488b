//! A ratatui backend that writes as few bytes as it can. It keeps a model of what the terminal
//! shows, so that it can pick the shortest cursor move (or reprint a few unchanged cells instead
//! of moving), send each style change as one SGR sequence relative to the current one, skip
//! cursor-visibility changes that change nothing, write nothing at all for a frame without
//! changes, and — when told that a band of rows moved (see [`WireBackend::hint_scroll`]) —
//! scroll that band with the terminal's own scrolling region (DECSTBM with SU/SD) and draw only
//! what the scroll did not bring. Every frame is encoded both ways and the shorter one is sent,
//! so the plain diff is the fallback whenever scrolling does not pay. tests/backend.rs replays the
//! bytes through a terminal emulator and compares with ratatui's buffer cell for cell.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

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

/// How frames are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireOptions {
    /// Use DECSTBM + SU/SD for hinted scrolls (when shorter).
    pub scroll_regions: bool,
    /// Also confine a hinted scroll to its columns with left/right margins (DECLRMM `?69` and
    /// DECSLRM), for terminals known to have them; margins are set only for the scroll and
    /// reset in the same write.
    pub margins: bool,
    /// Reprint up to this many unchanged cells instead of moving the cursor over them.
    pub max_reprint: u16,
}

impl Default for WireOptions {
    fn default() -> Self {
        Self {
            scroll_regions: true,
            margins: false,
            max_reprint: 8,
        }
    }
}

impl WireOptions {
    /// Options for the local terminal, as [`crate::term::capabilities::Capabilities`] decides them
    /// (`BRIEF_SCROLL_REGIONS=0` turns scrolling regions off; so does a `dumb` terminal).
    pub fn from_env() -> Self {
        crate::term::capabilities::Capabilities::local().wire
    }
}

/// Whether a terminal is known by name to have left/right margins (`DECLRMM`): foot, `WezTerm`,
/// kitty and mlterm say who they are in `TERM`; xterm itself sets `XTERM_VERSION`, which a
/// terminal multiplexer started inside it inherits, so the `TERM` must also be xterm's. Other
/// terminals that answer to `xterm-256color` (VTE, Konsole, Windows Terminal, Alacritty) have
/// no margins and are left out; a DECRQM answer can still turn margins on later.
pub fn margins_by_name(term: &str, xterm_version: bool) -> bool {
    matches!(
        term,
        "foot" | "foot-extra" | "wezterm" | "xterm-kitty" | "mlterm" | "mlterm-256color"
    ) || (xterm_version && term.starts_with("xterm"))
}

/// Turns autowrap off (DECAWM), sent before the first frame: a cluster that a terminal draws
/// wider than the model near the right edge must not wrap onto the next row.
const SESSION_MODES: &[u8] = b"\x1b[?7l";

/// What undoes the modes the backend sets, for whoever restores the terminal on the way out
/// and before a full repaint: left/right margins off (they are only ever on inside one write,
/// but a write can be cut short), autowrap back on.
pub const RESTORE_MODES: &str = "\x1b[?69l\x1b[?7h";

/// DECRQM for left/right margin mode: a terminal that knows the mode answers
/// `CSI ? 69 ; Ps $ y` (see [`margins_supported`]); one that does not ignores it or answers
/// `Ps = 0`. Sent after the first frame, so the first paint never waits for it.
pub const MARGINS_QUERY: &str = "\x1b[?69$p";

/// Whether a DECRPM answer `value` for mode 69 means the margins can be used: 1 (set) and 2
/// (reset) say the mode is there; 0 (unknown), 3 and 4 (permanently set or reset) do not.
pub fn margins_supported(value: u8) -> bool {
    matches!(value, 1 | 2)
}

/// The backend: a writer plus a model of the screen.
#[derive(Debug)]
pub struct WireBackend<W: Write> {
    out: W,
    screen: Buffer,
    state: State,
    cursor_visible: Option<bool>,
    hint: Option<ScrollHint>,
    options: WireOptions,
    fixed_size: Option<Size>,
    /// Whether [`SESSION_MODES`] went out since the last [`WireBackend::invalidate`].
    modes_sent: bool,
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
            screen: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            state: State {
                cursor: None,
                pen: None,
            },
            cursor_visible: None,
            hint: None,
            options,
            fixed_size: Some(size),
            modes_sent: false,
        }
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

    /// Forgets what the terminal shows (cells, cursor, pen, cursor visibility), after
    /// something else wrote to it or a write failed half-way. Follow it with a full clear and
    /// a full frame (`Terminal::resize` or `Terminal::clear`, then `draw`).
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

    /// The bytes for the frame now in `self.screen`, given the cells that changed: the plain
    /// diff, or a scroll and the diff after it when that is shorter.
    fn encode(&self, changed: &[(u16, u16)], scroll: Option<(ScrollHint, Buffer)>) -> Encoder {
        let mut scrolled = None;
        if let Some((hint, shifted)) = scroll {
            let mut encoder = Encoder::new(self.state, self.options);
            encoder.scroll(hint);
            // ratatui's own diff, from what the terminal shows after the scroll.
            let mut disputed = Disputed::default();
            let mut orphans = Orphans::default();
            let after: Vec<(u16, u16)> = shifted
                .diff_iter(&self.screen)
                .map(|(x, y, cell)| {
                    disputed.check(&shifted, x, y, cell);
                    orphans.check(&shifted, x, y, cell);
                    (x, y)
                })
                .collect();
            let after = orphans.rewrite(&self.screen, after);
            let after = disputed.rewrite(&self.screen, after);
            encoder.cells(&self.screen, &after);
            // The plain diff prints at least one byte per changed cell: no need to encode it
            // when the scroll is already that short.
            if encoder.out.len() <= changed.len() {
                return encoder;
            }
            scrolled = Some(encoder);
        }
        let mut plain = Encoder::new(self.state, self.options);
        plain.cells(&self.screen, changed);
        match scrolled {
            Some(scrolled) if scrolled.out.len() < plain.out.len() => scrolled,
            _ => plain,
        }
    }
}

/// `screen` with rows `top..bottom` moved by `delta`, the rows moved in left blank; `None` if
/// the hint does not fit the screen or moves nothing.
fn shifted(screen: &Buffer, hint: ScrollHint) -> Option<Buffer> {
    let ScrollHint {
        top,
        bottom,
        delta,
        columns,
    } = hint;
    if let Some((left, right)) = columns {
        return shifted_columns(screen, hint, left, right);
    }
    let width = usize::from(screen.area.width);
    let (top, bottom) = (usize::from(top), usize::from(bottom));
    let moved = usize::try_from(delta.unsigned_abs()).ok()?;
    if delta == 0
        || top >= bottom
        || bottom > usize::from(screen.area.height)
        || moved >= bottom - top
    {
        return None;
    }
    let band = top * width..bottom * width;
    // Rows holding clusters of disputed width move safely: every row on the terminal matches
    // the model outside such clusters (see `Disputed`), and a scroll moves whole rows.
    let mut out = screen.clone();
    let (kept, blank) = if delta > 0 {
        out.content[band.clone()].rotate_left(moved * width);
        (
            band.start..band.end - moved * width,
            band.end - moved * width..band.end,
        )
    } else {
        out.content[band.clone()].rotate_right(moved * width);
        (
            band.start + moved * width..band.end,
            band.start..band.start + moved * width,
        )
    };
    let _ = kept;
    for cell in &mut out.content[blank] {
        cell.reset();
    }
    Some(out)
}

/// `screen` with columns `left..right` of rows `top..bottom` moved by `delta`, the rest as it
/// was; `None` if the hint does not fit the screen or moves nothing.
fn shifted_columns(screen: &Buffer, hint: ScrollHint, left: u16, right: u16) -> Option<Buffer> {
    let ScrollHint {
        top, bottom, delta, ..
    } = hint;
    let moved = u16::try_from(delta.unsigned_abs()).ok()?;
    if delta == 0
        || top >= bottom
        || bottom > screen.area.height
        || moved >= bottom - top
        || left >= right
        || right > screen.area.width
    {
        return None;
    }
    let mut out = screen.clone();
    for y in top..bottom {
        let from = if delta > 0 {
            y.checked_add(moved).filter(|f| *f < bottom)
        } else {
            y.checked_sub(moved).filter(|f| *f >= top)
        };
        for x in left..right {
            let cell = match from {
                Some(from) => screen.cell((x, from)).cloned().unwrap_or_default(),
                None => Cell::default(),
            };
            if let Some(slot) = out.cell_mut((x, y)) {
                *slot = cell;
            }
        }
    }
    Some(out)
}

/// Rows where a cluster of disputed width (see [`uncertain_width`]) is drawn or overwritten in
/// a frame, each with the first such column.
///
/// A terminal may draw such a cluster narrower than the model (leaving the cells the model
/// thinks it covers untouched) or wider (spilling over the cells after it, or past the right
/// edge). So the cluster's own cells are erased before it is printed, and every cell after it
/// on the row is printed again, each run starting from an explicit cursor position: whatever
/// width the terminal chose, the row then shows the model everywhere except in the cluster's
/// own cells, which show the cluster or blanks. tests/backend.rs checks this against a screen
/// model that draws these clusters one cell narrower and one cell wider.
#[derive(Debug, Default)]
struct Disputed {
    /// `(row, first column)`, at most one entry per row, in the order rows were first seen.
    rows: Vec<(u16, u16)>,
}

impl Disputed {
    /// Notes the change of cell `(x, y)` of `before` to `cell`: disputed if the new cell or any
    /// cell it now covers held a cluster of disputed width, or if the new cell is one.
    fn check(&mut self, before: &Buffer, x: u16, y: u16, cell: &Cell) {
        let covers = u16::try_from(cell_width(cell).max(1)).unwrap_or(u16::MAX);
        let disputed = uncertain_width(cell.symbol())
            || (x..x.saturating_add(covers)).any(|cx| {
                before
                    .cell((cx, y))
                    .is_some_and(|c| uncertain_width(c.symbol()))
            });
        if !disputed {
            return;
        }
        match self.rows.iter_mut().find(|(row, _)| *row == y) {
            Some((_, first)) => *first = (*first).min(x),
            None => self.rows.push((y, x)),
        }
    }

    /// `changed` (in row order) with every visible cell of `next` from the first disputed
    /// column to the end of its row added, and the columns a wide cell covers left out there.
    fn rewrite(&self, next: &Buffer, changed: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
        if self.rows.is_empty() {
            return changed;
        }
        let from = |y: u16| self.rows.iter().find(|(row, _)| *row == y).map(|&(_, x)| x);
        let mut out = Vec::with_capacity(changed.len());
        let mut done: Option<u16> = None;
        for (x, y) in changed {
            let Some(first) = from(y) else {
                out.push((x, y));
                continue;
            };
            if x < first {
                out.push((x, y));
            } else if done != Some(y) {
                done = Some(y);
                // Walk from the row's start, so that columns under a wide cell are known.
                let mut covered_to = 0u16;
                for cx in 0..next.area.width {
                    let Some(cell) = next.cell((cx, y)) else {
                        break;
                    };
                    if cx < covered_to {
                        continue;
                    }
                    let width = u16::try_from(cell_width(cell).max(1)).unwrap_or(1);
                    covered_to = cx.saturating_add(width);
                    if cx >= first {
                        out.push((cx, y));
                    }
                }
            }
        }
        out
    }
}

/// Cells a frame leaves as they were but the terminal blanks: the columns of a wide glyph on
/// screen that lie outside the new cells printed over part of it.
///
/// Printing over any column of a wide glyph erases the whole glyph (xterm, VTE, kitty, tmux), and
/// the columns left over are blanks in colours each terminal picks (the old glyph's background in
/// xterm). ratatui's diff sends them again only when a narrow cell replaces a wide one with a
/// coloured background; a wide cell printed one column off an old one (`本` at columns 2–3 over `本`
/// at 3–4, column 4 unchanged) leaves column 4 wrong. So every such column is printed again.
#[derive(Debug, Default)]
struct Orphans {
    /// The row whose glyphs `spans` describes.
    row: Option<u16>,
    /// The wide glyphs of `row` before the frame, `(first column, end column)`.
    spans: Vec<(u16, u16)>,
    /// Columns to print again, `(x, y)`, in the order found.
    cells: Vec<(u16, u16)>,
}

impl Orphans {
    /// Notes the change of cell `(x, y)` of `before` to `cell`. `before` must still hold row
    /// `y` as it was before the frame (cells arrive in row order).
    fn check(&mut self, before: &Buffer, x: u16, y: u16, cell: &Cell) {
        if self.row != Some(y) {
            self.row = Some(y);
            self.spans.clear();
            let mut cx = 0u16;
            while let Some(old) = before.cell((cx, y)) {
                let width = u16::try_from(cell_width(old).max(1)).unwrap_or(1);
                let end = cx.saturating_add(width);
                if width > 1 {
                    self.spans.push((cx, end));
                }
                cx = end;
            }
        }
        let end = x.saturating_add(u16::try_from(cell_width(cell).max(1)).unwrap_or(1));
        for &(first, last) in &self.spans {
            if first < end && last > x {
                self.cells
                    .extend((first..x).chain(end..last).map(|cx| (cx, y)));
            }
        }
    }

    /// `changed` (in row order) with the columns noted, each as the visible cell of `next`
    /// that covers it, in row order without repeats.
    fn rewrite(&self, next: &Buffer, mut changed: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
        if self.cells.is_empty() {
            return changed;
        }
        for &(x, y) in &self.cells {
            // The visible cell covering column x: walk from the row's start.
            let mut cx = 0u16;
            while let Some(cell) = next.cell((cx, y)) {
                let end = cx.saturating_add(u16::try_from(cell_width(cell).max(1)).unwrap_or(1));
                if end > x {
                    changed.push((cx, y));
                    break;
                }
                cx = end;
            }
        }
        changed.sort_unstable_by_key(|&(x, y)| (y, x));
        changed.dedup();
        changed
    }
}

/// True for a cluster whose width terminals are known to disagree on: several code points
/// (emoji ZWJ sequences, variation selectors, flags, skin tones, combining marks), or a single
/// wide character outside the East Asian blocks every terminal draws two cells wide.
fn uncertain_width(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(first), None) = (chars.next(), chars.next()) else {
        return symbol.len() > 1;
    };
    if first.is_ascii() {
        return false;
    }
    let wide = UnicodeWidthStr::width(symbol) > 1;
    let east_asian = matches!(u32::from(first),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    wide && !east_asian
}

/// How many of `changed` (from its first) are blank cells side by side on one row, with the
/// same style and nothing an erase would lose (underline, reverse, a forced width).
fn blank_run(next: &Buffer, changed: &[(u16, u16)]) -> u16 {
    let Some(&(x0, y0)) = changed.first() else {
        return 0;
    };
    let Some(first) = next.cell((x0, y0)) else {
        return 0;
    };
    let erasable = first.symbol() == " "
        && first.diff_option == CellDiffOption::None
        && first.modifier.is_empty();
    if !erasable {
        return 0;
    }
    let mut run = 0u16;
    for &(x, y) in changed {
        let same = y == y0
            && x == x0 + run
            && next
                .cell((x, y))
                .is_some_and(|c| c.symbol() == " " && Pen::of(c).blank_like(Pen::of(first)));
        if !same {
            break;
        }
        run += 1;
    }
    run
}

/// Columns a cell takes, with a fast path for ASCII.
fn cell_width(cell: &Cell) -> usize {
    if let CellDiffOption::ForcedWidth(w) = cell.diff_option {
        return usize::from(w.get());
    }
    let symbol = cell.symbol();
    if symbol.len() == 1 { 1 } else { symbol.width() }
}

/// Builds the bytes for one frame from a known state.
struct Encoder {
    out: Vec<u8>,
    state: State,
    max_reprint: u16,
}

impl Encoder {
    fn new(state: State, options: WireOptions) -> Self {
        Self {
            out: Vec::with_capacity(1024),
            state,
            max_reprint: options.max_reprint,
        }
    }

    fn push(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// DECSTBM (and DECSLRM inside DECLRMM for `columns`), SU or SD, and back to full-screen
    /// margins with the mode off. The cursor ends at home.
    fn scroll(&mut self, hint: ScrollHint) {
        // New rows are filled with the current background: make it the default one.
        if !self.state.pen.is_some_and(|p| p.blank_like(Pen::RESET)) {
            self.push("\x1b[0m");
            self.state.pen = Some(Pen::RESET);
        }
        let count = hint.delta.unsigned_abs();
        let op = if hint.delta > 0 { 'S' } else { 'T' };
        let count = if count == 1 {
            String::new()
        } else {
            count.to_string()
        };
        let text = match hint.columns {
            Some((left, right)) => format!(
                "\x1b[?69h\x1b[{};{}r\x1b[{};{}s\x1b[{count}{op}\x1b[s\x1b[?69l\x1b[r",
                hint.top + 1,
                hint.bottom,
                left + 1,
                right
            ),
            None => format!(
                "\x1b[{};{}r\x1b[{count}{op}\x1b[r",
                hint.top + 1,
                hint.bottom
            ),
        };
        self.push(&text);
        // Terminals home the cursor here, but not all emulators agree: move before printing.
        self.state.cursor = None;
    }

    /// Draws the cells of `next` at `changed` (in row order), erasing runs of blanks instead
    /// of printing them where that is shorter.
    fn cells(&mut self, next: &Buffer, changed: &[(u16, u16)]) {
        let mut i = 0;
        while let Some(&(x, y)) = changed.get(i) {
            let run = blank_run(next, &changed[i..]);
            if run >= 2 && self.erase(next, (x, y), run) {
                i += usize::from(run);
            } else {
                self.cell(next, x, y);
                i += 1;
            }
        }
    }

    /// Erases `run` blank cells from `(x, y)` with EL (to the end of the row) or ECH, when
    /// that is shorter than printing them and moving on. Returns whether it did.
    fn erase(&mut self, next: &Buffer, (x, y): (u16, u16), run: u16) -> bool {
        let to_end = x + run == next.area.width;
        // ECH leaves the cursor in place: the next cell needs a move (about four bytes).
        let cost = if to_end { 3 } else { 3 + digits(run) + 4 };
        if usize::from(run) <= cost {
            return false;
        }
        let Some(cell) = next.cell((x, y)) else {
            return false;
        };
        let target = Position { x, y };
        if self.state.cursor != Some(target) {
            self.move_to(next, target);
        }
        let pen = Pen::of(cell);
        if !self.state.pen.is_some_and(|p| p.blank_like(pen)) {
            self.sgr(pen);
        }
        let _ = if to_end {
            write!(self.out, "\x1b[K")
        } else {
            write!(self.out, "\x1b[{run}X")
        };
        self.state.cursor = Some(target);
        true
    }

    /// Draws cell `(x, y)` of `next`.
    fn cell(&mut self, next: &Buffer, x: u16, y: u16) {
        let Some(cell) = next.cell((x, y)) else {
            return;
        };
        let target = Position { x, y };
        if self.state.cursor != Some(target) {
            self.move_to(next, target);
        }
        let pen = Pen::of(cell);
        let blank = cell.symbol() == " " && self.state.pen.is_some_and(|p| p.blank_like(pen));
        if !blank && self.state.pen != Some(pen) {
            self.sgr(pen);
        }
        let disputed = uncertain_width(cell.symbol());
        let width = match cell.diff_option {
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => cell_width(cell),
            _ => 0,
        };
        if disputed && width > 1 {
            // A terminal that draws it narrower leaves the columns it covers as they were.
            let _ = write!(self.out, "\x1b[{width}X");
        }
        self.push(cell.symbol());
        if disputed {
            // Where the cursor went depends on the width the terminal chose.
            self.state.cursor = None;
            return;
        }
        self.state.cursor = match width {
            // After the last column the cursor waits to wrap: better not to guess.
            1 if x + 1 < next.area.width => Some(Position { x: x + 1, y }),
            _ => None,
        };
    }

    /// The shortest way to put the cursor at `to`.
    fn move_to(&mut self, next: &Buffer, to: Position) {
        let (col, row) = (to.x + 1, to.y + 1);
        let cup = 3 + digits(row) + if to.x == 0 { 0 } else { 1 + digits(col) };
        let mut best = (cup, Move::Cup);
        if let Some(at) = self.state.cursor {
            let mut consider = |len: usize, how: Move| {
                if len < best.0 {
                    best = (len, how);
                }
            };
            if at.y == to.y && to.x > at.x {
                let n = to.x - at.x;
                consider(3 + digits(col), Move::Cha);
                consider(if n == 1 { 3 } else { 3 + digits(n) }, Move::Forward(n));
                if n <= self.max_reprint
                    && let Some(len) = self.reprint_len(next, at, to.x)
                {
                    consider(len.saturating_sub(1), Move::Reprint(at.x));
                }
            } else if at.y == to.y && to.x == 0 {
                consider(1, Move::Return);
            } else if at.y == to.y {
                let n = at.x - to.x;
                consider(3 + digits(col), Move::Cha);
                consider(if n == 1 { 3 } else { 3 + digits(n) }, Move::Back(n));
            } else if to.x == 0 && to.y == at.y + 1 {
                consider(2, Move::NextLine);
            }
        }
        let out = &mut self.out;
        let _ = match best.1 {
            Move::Cup if to.x == 0 => write!(out, "\x1b[{row}H"),
            Move::Cup => write!(out, "\x1b[{row};{col}H"),
            Move::Cha => write!(out, "\x1b[{col}G"),
            Move::Forward(1) => write!(out, "\x1b[C"),
            Move::Forward(n) => write!(out, "\x1b[{n}C"),
            Move::Back(1) => write!(out, "\x1b[D"),
            Move::Back(n) => write!(out, "\x1b[{n}D"),
            Move::Return => write!(out, "\r"),
            Move::NextLine => write!(out, "\r\n"),
            Move::Reprint(from) => {
                for x in from..to.x {
                    if let Some(cell) = next.cell((x, to.y)) {
                        out.extend_from_slice(cell.symbol().as_bytes());
                    }
                }
                Ok(())
            }
        };
        self.state.cursor = Some(to);
    }

    /// Bytes needed to print the cells from `at` up to column `end` as they already are, if
    /// they can be printed with the current pen and advance one column each.
    fn reprint_len(&self, next: &Buffer, at: Position, end: u16) -> Option<usize> {
        let mut len = 0;
        for x in at.x..end {
            let cell = next.cell((x, at.y))?;
            let plain = cell.diff_option == CellDiffOption::None
                && cell_width(cell) == 1
                && !uncertain_width(cell.symbol());
            let pen = Pen::of(cell);
            let same = Some(pen) == self.state.pen
                || (cell.symbol() == " " && self.state.pen.is_some_and(|p| p.blank_like(pen)));
            if !plain || !same {
                return None;
            }
            len += cell.symbol().len();
        }
        Some(len)
    }

    /// One SGR sequence taking the terminal from the current pen to `pen`.
    fn sgr(&mut self, pen: Pen) {
        let mut full = String::from("0");
        for code in modifier_codes(pen.modifier) {
            let _ = write!(full, ";{code}");
        }
        if pen.fg != Color::Reset {
            let _ = write!(full, ";{}", color_code(pen.fg, false));
        }
        if pen.bg != Color::Reset {
            let _ = write!(full, ";{}", color_code(pen.bg, true));
        }
        let mut best = full;
        if let Some(old) = self.state.pen {
            // Relative change: possible when no attribute has to be switched off.
            if old.modifier.difference(pen.modifier).is_empty() {
                let mut parts: Vec<String> = modifier_codes(pen.modifier - old.modifier)
                    .map(|c| c.to_string())
                    .collect();
                if pen.fg != old.fg {
                    parts.push(color_code(pen.fg, false));
                }
                if pen.bg != old.bg {
                    parts.push(color_code(pen.bg, true));
                }
                let relative = parts.join(";");
                if relative.len() < best.len() {
                    best = relative;
                }
            }
        }
        let best = if best == "0" { String::new() } else { best };
        self.push(&format!("\x1b[{best}m"));
        self.state.pen = Some(pen);
    }
}

/// A cursor movement.
#[derive(Debug, Clone, Copy)]
enum Move {
    Cup,
    Cha,
    Forward(u16),
    Back(u16),
    Return,
    NextLine,
    /// Print the unchanged cells from this column on.
    Reprint(u16),
}

fn digits(n: u16) -> usize {
    match n {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

fn modifier_codes(modifier: Modifier) -> impl Iterator<Item = u8> {
    [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ]
    .into_iter()
    .filter(move |(m, _)| modifier.contains(*m))
    .map(|(_, code)| code)
}

/// One SGR sequence setting `style` from a reset terminal (`ESC[0;1;38;5;81m`), or an empty
/// string for the default style; for coloured text written outside a frame (`brief show`).
pub fn sgr(style: ratatui::style::Style) -> String {
    let modifier = style.add_modifier - style.sub_modifier;
    let mut codes: Vec<String> = modifier_codes(modifier).map(|c| c.to_string()).collect();
    codes.extend(
        style
            .fg
            .filter(|c| *c != Color::Reset)
            .map(|c| color_code(c, false)),
    );
    codes.extend(
        style
            .bg
            .filter(|c| *c != Color::Reset)
            .map(|c| color_code(c, true)),
    );
    if codes.is_empty() {
        String::new()
    } else {
        format!("\x1b[0;{}m", codes.join(";"))
    }
}

/// The SGR parameters for a colour, in the shortest form terminals agree on.
fn color_code(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    let extended = if background { 48 } else { 38 };
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => bright.to_string(),
        Color::LightRed => (bright + 1).to_string(),
        Color::LightGreen => (bright + 2).to_string(),
        Color::LightYellow => (bright + 3).to_string(),
        Color::LightBlue => (bright + 4).to_string(),
        Color::LightMagenta => (bright + 5).to_string(),
        Color::LightCyan => (bright + 6).to_string(),
        Color::White => (bright + 7).to_string(),
        Color::Indexed(i) => format!("{extended};5;{i}"),
        Color::Rgb(r, g, b) => format!("{extended};2;{r};{g};{b}"),
    }
}

impl<W: Write> Backend for WireBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
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
            if let Some(slot) = self.screen.cell_mut((x, y)) {
                *slot = cell.clone();
                changed.push((x, y));
                // The columns a wide cell covers are blank in ratatui's buffer, and ratatui
                // does not send them: blank them here too, or a scroll or a rewritten row
                // would later print what they held before.
                let width = u16::try_from(cell_width(cell)).unwrap_or(1);
                for cx in x.saturating_add(1)..x.saturating_add(width) {
                    if let Some(covered) = self.screen.cell_mut((cx, y)) {
                        covered.reset();
                    }
                }
            }
        }
        if changed.is_empty() {
            // Nothing changed: whatever the hint said, the screen is already right.
            return Ok(());
        }
        let changed = orphans.rewrite(&self.screen, changed);
        let changed = disputed.rewrite(&self.screen, changed);
        let scroll = scroll.filter(|(_, s)| s.area == self.screen.area);
        let encoded = self.encode(&changed, scroll);
        if !self.modes_sent {
            self.out.write_all(SESSION_MODES)?;
            self.modes_sent = true;
        }
        self.out.write_all(&encoded.out)?;
        self.state = encoded.state;
        Ok(())
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
        self.out.flush()
    }
}

#[cfg(test)]
mod tests;
