//! A small model of a terminal screen for tests/backend.rs, covering what brief's backend sends:
//! cursor moves, SGR, EL/ECH/ED, DECSTBM, left/right margins (DECLRMM `?69` with DECSLRM), SU/SD
//! and autowrap (DECAWM). Clusters whose width terminals disagree on can be drawn `skew` cells
//! wider or narrower than unicode-width says, as tmux and other terminals do, which no emulator
//! crate can be told to do; vt100 (used for the exact replay) has no left/right margins either.
//!
//! Glyph rules follow xterm: printing over any column of a wide glyph erases the whole glyph; a
//! glyph that does not fit before the right edge wraps first when autowrap is on and is clipped
//! when it is off; erasing and scrolling fill with the current background.

#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The SGR state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

const RESET: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// One cell: a glyph's first column (`width` ≥ 1), a column a glyph covers (`width == 0`), or a
/// blank (`" "`, width 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub text: String,
    pub width: u16,
    pub pen: Pen,
}

impl Slot {
    fn blank(bg: Color) -> Self {
        Self {
            text: " ".into(),
            width: 1,
            pen: Pen { bg, ..RESET },
        }
    }

    fn is_blank(&self) -> bool {
        self.text == " "
    }
}

/// Clusters terminals disagree on: several code points (flags, skin tones, ZWJ sequences, VS16
/// emoji, keycaps, combining sequences) or one emoji.
pub fn disputed(symbol: &str) -> bool {
    symbol.chars().count() > 1
        || (symbol.width() == 2
            && symbol
                .chars()
                .any(|c| ('\u{1F000}'..='\u{1FAFF}').contains(&c)))
}

/// The screen.
pub struct Model {
    pub cols: u16,
    pub rows: u16,
    grid: Vec<Slot>,
    x: u16,
    y: u16,
    pending_wrap: bool,
    pen: Pen,
    /// Scrolling region rows, `top..bottom`.
    top: u16,
    bottom: u16,
    /// Left/right margins, columns `left..=right` (only with `lrmm`).
    left: u16,
    right: u16,
    lrmm: bool,
    autowrap: bool,
    /// Cells added to the width of a disputed cluster (negative: narrower), at least 1 wide.
    skew: i16,
    cluster: String,
    parser: Option<vte::Parser>,
    /// Sequences the model does not know (a test fails on any).
    pub unknown: Vec<String>,
    /// How many times the region scrolled with left/right margins set inside the screen.
    pub margin_scrolls: usize,
}

impl Model {
    pub fn new(cols: u16, rows: u16, skew: i16) -> Self {
        Self {
            cols,
            rows,
            grid: vec![Slot::blank(Color::Reset); usize::from(cols) * usize::from(rows)],
            x: 0,
            y: 0,
            pending_wrap: false,
            pen: RESET,
            top: 0,
            bottom: rows,
            left: 0,
            right: cols - 1,
            lrmm: false,
            autowrap: true,
            skew,
            cluster: String::new(),
            parser: Some(vte::Parser::new()),
            unknown: Vec::new(),
            margin_scrolls: 0,
        }
    }

    /// Whether left/right margin mode is on.
    pub fn margins_enabled(&self) -> bool {
        self.lrmm
    }

    /// Whether autowrap is on.
    pub fn autowrap(&self) -> bool {
        self.autowrap
    }

    pub fn process(&mut self, bytes: &[u8]) {
        let mut parser = self.parser.take().unwrap_or_default();
        parser.advance(self, bytes);
        self.parser = Some(parser);
        self.flush();
    }

    pub fn slot(&self, x: u16, y: u16) -> &Slot {
        &self.grid[self.index(x, y)]
    }

    fn index(&self, x: u16, y: u16) -> usize {
        usize::from(y) * usize::from(self.cols) + usize::from(x)
    }

    /// The row as text (a glyph once, blanks as spaces), for messages.
    pub fn row_text(&self, y: u16) -> String {
        (0..self.cols)
            .map(|x| self.slot(x, y).text.clone())
            .collect()
    }

    fn width_of(&self, cluster: &str) -> u16 {
        let base = i16::try_from(cluster.width()).unwrap_or(2);
        let width = if disputed(cluster) {
            (base + self.skew).max(1)
        } else {
            base
        };
        u16::try_from(width).unwrap_or(1)
    }

    /// Blanks the whole glyph that covers column `x` of row `y`.
    fn clear_glyph(&mut self, x: u16, y: u16) {
        let mut head = x;
        while head > 0 && self.slot(head, y).width == 0 {
            head -= 1;
        }
        let width = self.slot(head, y).width.max(1);
        let bg = self.slot(head, y).pen.bg;
        for cx in head..(head + width).min(self.cols) {
            let i = self.index(cx, y);
            self.grid[i] = Slot::blank(bg);
        }
        // Columns after the glyph that still claim to belong to it.
        let mut cx = head + width;
        while cx < self.cols && self.slot(cx, y).width == 0 {
            let i = self.index(cx, y);
            self.grid[i] = Slot::blank(bg);
            cx += 1;
        }
    }

    fn edge(&self) -> u16 {
        if self.lrmm && self.x <= self.right {
            self.right + 1
        } else {
            self.cols
        }
    }

    fn line_start(&self) -> u16 {
        if self.lrmm && self.x >= self.left {
            self.left
        } else {
            0
        }
    }

    fn place(&mut self, text: &str) {
        let mut width = self.width_of(text);
        if width == 0 {
            return;
        }
        if self.pending_wrap && self.autowrap {
            self.x = self.line_start();
            self.line_feed();
        }
        self.pending_wrap = false;
        let edge = self.edge();
        if self.x + width > edge {
            if self.autowrap && width <= edge - self.line_start() {
                self.x = self.line_start();
                self.line_feed();
            } else {
                width = edge - self.x;
            }
        }
        let (x, y) = (self.x, self.y);
        for cx in x..x + width {
            self.clear_glyph(cx, y);
        }
        let i = self.index(x, y);
        self.grid[i] = Slot {
            text: text.into(),
            width,
            pen: self.pen,
        };
        for cx in x + 1..x + width {
            let i = self.index(cx, y);
            self.grid[i] = Slot {
                text: String::new(),
                width: 0,
                pen: self.pen,
            };
        }
        self.x = x + width;
        if self.x >= edge {
            self.x = edge - 1;
            self.pending_wrap = true;
        }
    }

    fn flush(&mut self) {
        if !self.cluster.is_empty() {
            let text = std::mem::take(&mut self.cluster);
            self.place(&text);
        }
    }

    fn line_feed(&mut self) {
        if self.y + 1 == self.bottom {
            self.scroll(1);
        } else if self.y + 1 < self.rows {
            self.y += 1;
        }
    }

    fn columns(&self) -> (u16, u16) {
        if self.lrmm {
            (self.left, self.right)
        } else {
            (0, self.cols - 1)
        }
    }

    /// Scrolls the region up (`n > 0`) or down.
    fn scroll(&mut self, n: i32) {
        let (left, right) = self.columns();
        if self.lrmm && (left > 0 || right + 1 < self.cols) {
            self.margin_scrolls += 1;
        }
        let (top, bottom) = (i32::from(self.top), i32::from(self.bottom));
        let rows: Vec<i32> = if n > 0 {
            (top..bottom).collect()
        } else {
            (top..bottom).rev().collect()
        };
        for y in rows {
            let from = y + n;
            for x in left..=right {
                let slot = if (top..bottom).contains(&from) {
                    self.slot(x, u16::try_from(from).unwrap_or(0)).clone()
                } else {
                    Slot::blank(self.pen.bg)
                };
                let i = self.index(x, u16::try_from(y).unwrap_or(0));
                self.grid[i] = slot;
            }
        }
    }

    fn erase(&mut self, y: u16, from: u16, to: u16) {
        for x in from..to.min(self.cols) {
            self.clear_glyph(x, y);
            let i = self.index(x, y);
            self.grid[i] = Slot::blank(self.pen.bg);
        }
    }

    fn sgr(&mut self, params: &[u16]) {
        let mut it = params.iter().copied().peekable();
        if params.is_empty() {
            self.pen = RESET;
        }
        while let Some(p) = it.next() {
            let modifier = [
                Modifier::BOLD,
                Modifier::DIM,
                Modifier::ITALIC,
                Modifier::UNDERLINED,
                Modifier::SLOW_BLINK,
                Modifier::RAPID_BLINK,
                Modifier::REVERSED,
                Modifier::HIDDEN,
                Modifier::CROSSED_OUT,
            ];
            let named = [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
            ];
            let bright = [
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ];
            let extended = |it: &mut std::iter::Peekable<
                std::iter::Copied<std::slice::Iter<u16>>,
            >| match it.next() {
                Some(5) => Color::Indexed(u8::try_from(it.next().unwrap_or(0)).unwrap_or(0)),
                Some(2) => {
                    let mut c = || u8::try_from(it.next().unwrap_or(0)).unwrap_or(0);
                    Color::Rgb(c(), c(), c())
                }
                _ => Color::Reset,
            };
            match p {
                0 => self.pen = RESET,
                1..=9 => self.pen.modifier |= modifier[usize::from(p - 1)],
                30..=37 => self.pen.fg = named[usize::from(p - 30)],
                38 => self.pen.fg = extended(&mut it),
                39 => self.pen.fg = Color::Reset,
                40..=47 => self.pen.bg = named[usize::from(p - 40)],
                48 => self.pen.bg = extended(&mut it),
                49 => self.pen.bg = Color::Reset,
                90..=97 => self.pen.fg = bright[usize::from(p - 90)],
                100..=107 => self.pen.bg = bright[usize::from(p - 100)],
                other => self.unknown.push(format!("SGR {other}")),
            }
        }
    }

    /// Compares the screen with `expected`. Cells of clusters of disputed width may show the
    /// cluster or blanks (a terminal that disagrees cannot show both the cluster and its
    /// neighbours); every other cell must be exactly the buffer's, and the text after a
    /// disputed cluster must sit where the buffer has it.
    pub fn check(&self, expected: &Buffer) -> Result<(), String> {
        for y in 0..expected.area.height.min(self.rows) {
            let mut x = 0;
            while x < expected.area.width.min(self.cols) {
                let want = &expected[(x, y)];
                let symbol = want.symbol();
                let width = u16::try_from(symbol.width().max(1)).unwrap_or(1);
                let fail = |what: &str| {
                    Err(format!(
                        "{what} at ({x}, {y}): want {symbol:?}\n  model: {:?}\n  want:  {:?}",
                        self.row_text(y),
                        (0..expected.area.width)
                            .map(|cx| expected[(cx, y)].symbol())
                            .collect::<String>()
                    ))
                };
                let got = self.slot(x, y);
                if disputed(symbol) {
                    for cx in x..(x + width).min(self.cols) {
                        let slot = self.slot(cx, y);
                        let ours = (cx == x && slot.text == symbol)
                            || (cx > x && slot.width == 0 && self.slot(x, y).text == symbol);
                        if !slot.is_blank() && !ours {
                            return fail("disputed cluster's cells");
                        }
                    }
                } else if symbol == " " {
                    if !got.is_blank() {
                        return fail("blank");
                    }
                    let shown = |p: &Pen| {
                        if p.modifier.contains(Modifier::REVERSED) {
                            p.fg
                        } else {
                            p.bg
                        }
                    };
                    let want_pen = Pen {
                        fg: want.fg,
                        bg: want.bg,
                        modifier: want.modifier,
                    };
                    if shown(&got.pen) != shown(&want_pen) {
                        return fail("blank's colour");
                    }
                } else {
                    if got.text != symbol || got.width != width {
                        return fail("symbol");
                    }
                    for cx in x + 1..(x + width).min(self.cols) {
                        if self.slot(cx, y).width != 0 {
                            return fail("wide glyph's second column");
                        }
                    }
                    let want_pen = Pen {
                        fg: want.fg,
                        bg: want.bg,
                        modifier: want.modifier,
                    };
                    if got.pen != want_pen {
                        return fail(&format!("style {:?} vs {want_pen:?}", got.pen));
                    }
                }
                x += width;
            }
        }
        Ok(())
    }
}

impl vte::Perform for Model {
    fn print(&mut self, c: char) {
        let mut joined = self.cluster.clone();
        joined.push(c);
        if !self.cluster.is_empty() && joined.graphemes(true).count() == 1 {
            self.cluster = joined;
            return;
        }
        self.flush();
        self.cluster.push(c);
    }

    fn execute(&mut self, byte: u8) {
        self.flush();
        match byte {
            b'\r' => {
                self.x = self.line_start();
                self.pending_wrap = false;
            }
            b'\n' => {
                self.line_feed();
                self.pending_wrap = false;
            }
            0x08 => {
                self.x = self.x.saturating_sub(1);
                self.pending_wrap = false;
            }
            other => self.unknown.push(format!("C0 {other:#x}")),
        }
    }

    fn csi_dispatch(
        &mut self,
        params: &vte::Params,
        intermediates: &[u8],
        _ignore: bool,
        action: char,
    ) {
        self.flush();
        let list: Vec<u16> = params.iter().map(|p| p[0]).collect();
        let arg = |i: usize, default: u16| match list.get(i) {
            Some(0) | None => default,
            Some(&v) => v,
        };
        let private = intermediates.first() == Some(&b'?');
        if private {
            for &mode in &list {
                let on = action == 'h';
                match (mode, action) {
                    (7, 'h' | 'l') => self.autowrap = on,
                    (69, 'h' | 'l') => {
                        self.lrmm = on;
                        self.left = 0;
                        self.right = self.cols - 1;
                    }
                    // Cursor visibility, screens, mouse and paste modes: nothing on the grid.
                    (25 | 47 | 1047 | 1049 | 1000 | 1002 | 1003 | 1006 | 1015 | 2004, _) => {}
                    _ => self.unknown.push(format!("CSI ? {mode} {action}")),
                }
            }
            return;
        }
        if !intermediates.is_empty() {
            self.unknown
                .push(format!("CSI {list:?} {intermediates:?} {action}"));
            return;
        }
        let clamp_x = |v: u16, cols: u16| v.min(cols - 1);
        match action {
            'H' | 'f' => {
                self.y = (arg(0, 1) - 1).min(self.rows - 1);
                self.x = clamp_x(arg(1, 1) - 1, self.cols);
            }
            'G' => self.x = clamp_x(arg(0, 1) - 1, self.cols),
            'C' => self.x = clamp_x(self.x + arg(0, 1), self.cols),
            'D' => self.x = self.x.saturating_sub(arg(0, 1)),
            'A' => self.y = self.y.saturating_sub(arg(0, 1)),
            'B' => self.y = (self.y + arg(0, 1)).min(self.rows - 1),
            'K' => {
                let y = self.y;
                match list.first().copied().unwrap_or(0) {
                    0 => self.erase(y, self.x, self.cols),
                    1 => self.erase(y, 0, self.x + 1),
                    _ => self.erase(y, 0, self.cols),
                }
            }
            'X' => {
                let (x, y) = (self.x, self.y);
                self.erase(y, x, x + arg(0, 1));
            }
            'J' => {
                let (x, y) = (self.x, self.y);
                let (from, to) = match list.first().copied().unwrap_or(0) {
                    0 => (
                        usize::from(y) * usize::from(self.cols) + usize::from(x),
                        self.grid.len(),
                    ),
                    1 => (
                        0,
                        usize::from(y) * usize::from(self.cols) + usize::from(x) + 1,
                    ),
                    _ => (0, self.grid.len()),
                };
                for i in from..to {
                    let cols = usize::from(self.cols);
                    let (cx, cy) = (i % cols, i / cols);
                    let (cx, cy) = (
                        u16::try_from(cx).unwrap_or(0),
                        u16::try_from(cy).unwrap_or(0),
                    );
                    self.erase(cy, cx, cx + 1);
                }
            }
            'm' => self.sgr(&list),
            'r' => {
                self.top = arg(0, 1) - 1;
                self.bottom = arg(1, self.rows).min(self.rows);
                self.x = 0;
                self.y = 0;
            }
            's' if self.lrmm => {
                self.left = arg(0, 1) - 1;
                self.right = (arg(1, self.cols) - 1).min(self.cols - 1);
                self.x = 0;
                self.y = 0;
            }
            'S' => self.scroll(i32::from(arg(0, 1))),
            'T' => self.scroll(-i32::from(arg(0, 1))),
            other => self.unknown.push(format!("CSI {list:?} {other}")),
        }
        self.pending_wrap = false;
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _ignore: bool, byte: u8) {
        self.flush();
        self.unknown
            .push(format!("ESC {intermediates:?} {}", char::from(byte)));
    }
}
