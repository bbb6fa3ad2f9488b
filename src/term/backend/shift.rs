//! A screen with a band of rows (or of rows within columns) moved, as a hinted scroll leaves
//! it: what the encoder diffs the next frame against.

use ratatui::buffer::{Buffer, Cell};

use super::ScrollHint;

/// `screen` with rows `top..bottom` moved by `delta`, the rows moved in left blank; `None` if
/// the hint does not fit the screen or moves nothing.
// Over 40 lines as one function: one band of rows moved cell by cell, with the edges that stay.
pub(super) fn shifted(screen: &Buffer, hint: ScrollHint) -> Option<Buffer> {
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
pub(super) fn shifted_columns(
    screen: &Buffer,
    hint: ScrollHint,
    left: u16,
    right: u16,
) -> Option<Buffer> {
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
