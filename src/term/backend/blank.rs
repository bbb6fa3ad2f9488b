//! The first frame on a blank screen, diffed without a blank buffer to diff against.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};

use super::repair::cell_width;

/// The cells of `next` that differ from a blank buffer, as ratatui's diff
/// ([`Buffer::diff`]) from [`Buffer::empty`] finds them: every cell that is not
/// [`Cell::EMPTY`], but for the columns a wide cell covers. `None` unless `next` is drawn
/// plainly — no cell skipped, forced to a width or always updated ([`CellDiffOption`]), and
/// every column a wide cell covers blank, as ratatui leaves it — so that the model of the
/// screen after this frame is `next` itself. O(cells).
pub(super) fn blank_diff(next: &Buffer) -> Option<Vec<(u16, u16)>> {
    let cells = &next.content;
    let mut updates = Vec::new();
    let mut i = 0;
    while let Some(cell) = cells.get(i) {
        #[allow(deprecated)]
        if cell.diff_option != CellDiffOption::None || cell.skip {
            return None;
        }
        // ratatui skips the columns it counts as covered; the model blanks the ones it does.
        let covers = usize::from(cell.cell_width()).max(cell_width(cell)).max(1);
        if *cell != Cell::EMPTY {
            updates.push(next.pos_of(i));
        }
        let covered = cells.get(i + 1..(i + covers).min(cells.len()))?;
        if covered.iter().any(|c| *c != Cell::EMPTY) {
            return None;
        }
        i += covers;
    }
    Some(updates)
}
