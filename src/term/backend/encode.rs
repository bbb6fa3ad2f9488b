//! Encoding a frame: cursor moves, erases, SGR changes and hinted scrolls, each the
//! shortest the model of the screen allows.

use std::fmt::Write as _;
use std::io::Write;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

use super::{Pen, ScrollHint, State, WireOptions, blank_run, cell_width, uncertain_width};

/// Builds the bytes for one frame from a known state.
pub(super) struct Encoder {
    pub(super) out: Vec<u8>,
    pub(super) state: State,
    max_reprint: u16,
    /// Scratch space for [`Encoder::sgr`]: the full form and the relative one.
    full: String,
    relative: String,
}

impl Encoder {
    pub(super) fn new(state: State, options: WireOptions) -> Self {
        Self {
            out: Vec::with_capacity(1024),
            state,
            max_reprint: options.max_reprint,
            full: String::with_capacity(48),
            relative: String::with_capacity(48),
        }
    }

    pub(super) fn push(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// DECSTBM (and DECSLRM inside DECLRMM for `columns`), SU or SD, and back to full-screen
    /// margins with the mode off. The cursor ends at home.
    pub(super) fn scroll(&mut self, hint: ScrollHint) {
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
    pub(super) fn cells(&mut self, next: &Buffer, changed: &[(u16, u16)]) {
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
    pub(super) fn erase(&mut self, next: &Buffer, (x, y): (u16, u16), run: u16) -> bool {
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
    pub(super) fn cell(&mut self, next: &Buffer, x: u16, y: u16) {
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
    // Over 40 lines as one function: compares every way of moving the cursor and takes the
    // shortest.
    pub(super) fn move_to(&mut self, next: &Buffer, to: Position) {
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
    pub(super) fn reprint_len(&self, next: &Buffer, at: Position, end: u16) -> Option<usize> {
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

    /// One SGR sequence taking the terminal from the current pen to `pen`: the full form
    /// (`0;` and every attribute) or the change from the current pen, whichever is shorter.
    /// Built in two scratch strings kept by the encoder: a frame may change the pen hundreds
    /// of times.
    pub(super) fn sgr(&mut self, pen: Pen) {
        let full = &mut self.full;
        full.clear();
        full.push('0');
        for code in modifier_codes(pen.modifier) {
            let _ = write!(full, ";{code}");
        }
        if pen.fg != Color::Reset {
            full.push(';');
            push_color(full, pen.fg, false);
        }
        if pen.bg != Color::Reset {
            full.push(';');
            push_color(full, pen.bg, true);
        }
        let mut best = full.as_str();
        let relative = &mut self.relative;
        relative.clear();
        if let Some(old) = self.state.pen {
            // Relative change: possible when no attribute has to be switched off.
            if old.modifier.difference(pen.modifier).is_empty() {
                for code in modifier_codes(pen.modifier - old.modifier) {
                    let _ = write!(relative, "{code};");
                }
                if pen.fg != old.fg {
                    push_color(relative, pen.fg, false);
                    relative.push(';');
                }
                if pen.bg != old.bg {
                    push_color(relative, pen.bg, true);
                    relative.push(';');
                }
                // Every parameter ends with `;`: not the last.
                relative.pop();
                if relative.len() < best.len() {
                    best = relative.as_str();
                }
            }
        }
        self.out.extend_from_slice(b"\x1b[");
        if best != "0" {
            self.out.extend_from_slice(best.as_bytes());
        }
        self.out.push(b'm');
        self.state.pen = Some(pen);
    }
}

/// A cursor movement.
#[derive(Debug, Clone, Copy)]
pub(super) enum Move {
    Cup,
    Cha,
    Forward(u16),
    Back(u16),
    Return,
    NextLine,
    /// Print the unchanged cells from this column on.
    Reprint(u16),
}

pub(super) fn digits(n: u16) -> usize {
    match n {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

pub(super) fn modifier_codes(modifier: Modifier) -> impl Iterator<Item = u8> {
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
pub(super) fn color_code(color: Color, background: bool) -> String {
    let mut code = String::new();
    push_color(&mut code, color, background);
    code
}

/// Appends [`color_code`] to `out`.
pub(super) fn push_color(out: &mut String, color: Color, background: bool) {
    let base: u8 = if background { 40 } else { 30 };
    let bright: u8 = if background { 100 } else { 90 };
    let extended: u8 = if background { 48 } else { 38 };
    let _ = match color {
        Color::Reset => write!(out, "{}", base + 9),
        Color::Black => write!(out, "{base}"),
        Color::Red => write!(out, "{}", base + 1),
        Color::Green => write!(out, "{}", base + 2),
        Color::Yellow => write!(out, "{}", base + 3),
        Color::Blue => write!(out, "{}", base + 4),
        Color::Magenta => write!(out, "{}", base + 5),
        Color::Cyan => write!(out, "{}", base + 6),
        Color::Gray => write!(out, "{}", base + 7),
        Color::DarkGray => write!(out, "{bright}"),
        Color::LightRed => write!(out, "{}", bright + 1),
        Color::LightGreen => write!(out, "{}", bright + 2),
        Color::LightYellow => write!(out, "{}", bright + 3),
        Color::LightBlue => write!(out, "{}", bright + 4),
        Color::LightMagenta => write!(out, "{}", bright + 5),
        Color::LightCyan => write!(out, "{}", bright + 6),
        Color::White => write!(out, "{}", bright + 7),
        Color::Indexed(i) => write!(out, "{extended};5;{i}"),
        Color::Rgb(r, g, b) => write!(out, "{extended};2;{r};{g};{b}"),
    };
}
