//! The briefings list and the outline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{MatchMarks, draw_text, fill, pane_block};
use crate::app::panes::Pane;
use crate::app::{App, ListCursor};
use crate::settings::theme::Role;

/// The tag before the title of a briefing converted from Markdown at load.
const IMPORTED_TAG: &str = "md ";
const IMPORTED_TAG_WIDTH: u16 = 3;

pub(super) fn briefings(app: &App, area: Rect, buf: &mut Buffer) {
    let count = app.library.briefings.len();
    let title = format!("Briefings ({count})");
    let inner = pane_block(app, Pane::Briefings, &title, area, buf);
    let cursor = app.view.briefings;
    let width = usize::from(inner.width);
    // One date column for every row in view, as wide as the widest day in view, so titles
    // start in one column whether or not a row has a date; it takes at most half the row.
    let date_width = visible(cursor, count, inner)
        .filter_map(|(_, index)| app.library.briefings.get(index))
        .map(|b| crate::text::width(b.list_date()))
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(1) / 2);
    for (line, index) in visible(cursor, count, inner) {
        let Some(b) = app.library.briefings.get(index) else {
            continue;
        };
        let y = inner.y + line;
        let row = Rect::new(inner.x, y, inner.width, 1);
        let selected = select_style(app, Pane::Briefings, cursor.selected == index);
        let mark = if index == app.current() { "▸" } else { " " };
        let (mut x, _) = buf.set_stringn(inner.x, y, mark, width, app.theme.style(Role::Marker));
        if date_width > 0 {
            let date = crate::text::truncate(b.list_date(), date_width);
            buf.set_stringn(x, y, &date, date_width, app.theme.style(Role::Dim));
            x = x.saturating_add(u16::try_from(date_width + 1).unwrap_or(u16::MAX));
        }
        // A briefing read from a `*.md` article carries a small dim tag.
        if b.imported.is_some() && inner.right().saturating_sub(x) > IMPORTED_TAG_WIDTH + 4 {
            buf.set_stringn(x, y, IMPORTED_TAG, 3, app.theme.style(Role::Dim));
            x = x.saturating_add(IMPORTED_TAG_WIDTH);
        }
        let room = usize::from(inner.right().saturating_sub(x));
        let title = crate::text::truncate(&b.title, room);
        buf.set_stringn(x, y, title, room, app.theme.style(Role::Text));
        if let Some(style) = selected {
            fill(buf, row, style);
        }
    }
}

pub(super) fn outline(app: &App, area: Rect, buf: &mut Buffer) {
    let inner = pane_block(app, Pane::Outline, "Outline", area, buf);
    let Some(briefing) = app.briefing() else {
        return;
    };
    let cursor = app.view.outline;
    let current = app.current_section();
    for (line, index) in visible(cursor, briefing.sections.len(), inner) {
        let Some(section) = briefing.sections.get(index) else {
            continue;
        };
        let y = inner.y + line;
        let mark = if current == Some(index) { "›" } else { " " };
        let marked = app.view.takeaways.marked_section() == Some(index);
        let (x, _) = buf.set_stringn(inner.x, y, mark, 1, app.theme.style(Role::Marker));
        let label = section.label();
        let room = usize::from(inner.right().saturating_sub(x));
        let shown = crate::text::truncate(label, room);
        // Highlights of the whole label; the painter clips those past the cut.
        let highlights = app.outline_highlights(index);
        let base = app.theme.style(if marked {
            Role::HeadingMarked
        } else {
            Role::Text
        });
        draw_text(
            buf,
            (x, y),
            room,
            &shown,
            (app, base, highlights, MatchMarks { ranges: &[] }),
        );
        if let Some(style) = select_style(app, Pane::Outline, cursor.selected == index) {
            fill(buf, Rect::new(inner.x, y, inner.width, 1), style);
        }
    }
}

/// `(row on screen, item index)` for the items in view.
fn visible(cursor: ListCursor, count: usize, inner: Rect) -> impl Iterator<Item = (u16, usize)> {
    (cursor.offset..count)
        .take(usize::from(inner.height))
        .enumerate()
        .map(|(line, index)| (u16::try_from(line).unwrap_or(u16::MAX), index))
}

fn select_style(app: &App, pane: Pane, selected: bool) -> Option<ratatui::style::Style> {
    if !selected {
        return None;
    }
    let focused = app.view.focus == pane;
    Some(app.theme.style(if focused {
        Role::Selection
    } else {
        Role::SelectionInactive
    }))
}
