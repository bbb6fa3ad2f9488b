//! Cells printed again around clusters whose width terminals dispute, and around wide
//! glyphs a new cell half-covers.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use unicode_width::UnicodeWidthStr;

use super::Pen;

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
pub(super) struct Disputed {
    /// `(row, first column)`, at most one entry per row, in the order rows were first seen.
    pub(super) rows: Vec<(u16, u16)>,
}

impl Disputed {
    /// Notes the change of cell `(x, y)` of `before` to `cell`: disputed if the new cell or any
    /// cell it now covers held a cluster of disputed width, or if the new cell is one.
    pub(super) fn check(&mut self, before: &Buffer, x: u16, y: u16, cell: &Cell) {
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
    pub(super) fn rewrite(&self, next: &Buffer, changed: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
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
pub(super) struct Orphans {
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
    pub(super) fn check(&mut self, before: &Buffer, x: u16, y: u16, cell: &Cell) {
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
    pub(super) fn rewrite(&self, next: &Buffer, mut changed: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
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
pub(super) fn uncertain_width(symbol: &str) -> bool {
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
pub(super) fn blank_run(next: &Buffer, changed: &[(u16, u16)]) -> u16 {
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
pub(super) fn cell_width(cell: &Cell) -> usize {
    if let CellDiffOption::ForcedWidth(w) = cell.diff_option {
        return usize::from(w.get());
    }
    let symbol = cell.symbol();
    if symbol.len() == 1 { 1 } else { symbol.width() }
}
