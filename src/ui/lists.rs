//! The briefings list and the outline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{MatchMarks, draw_text, fill, pane_block};
use crate::app::panes::Pane;
use crate::app::{App, ListCursor, Mark, Sort};
use crate::content::CompactString;
use crate::settings::theme::Role;

/// The tag before the title of a briefing converted from Markdown at load.
const IMPORTED_TAG: &str = "md ";
const IMPORTED_TAG_WIDTH: u16 = 3;

/// The briefings list: per row the open briefing's `▸`, the read mark (`•` unread, `Δ`
/// changed since read), the date in one column, the title, and the tags where there is room.
/// The title says how many are shown, the filter and the order.
// Over 40 lines as one function: one row's columns laid out left to right, each taking what
// the one before left.
pub(super) fn briefings(app: &App, area: Rect, buf: &mut Buffer) {
    let rows = app.rows();
    let inner = pane_block(app, Pane::Briefings, &list_title(app), area, buf);
    let cursor = app.view.briefings;
    let width = usize::from(inner.width);
    // One date column for every row in view, as wide as the widest day in view, so titles
    // start in one column whether or not a row has a date; it takes at most half the row.
    let date_width = visible(cursor, rows.len(), inner)
        .filter_map(|(_, row)| app.library.briefings.get(*rows.get(row)?))
        .map(|b| crate::text::width(b.list_date()))
        .max()
        .unwrap_or(0);
    // Where dates would leave titles too little room (the narrow list beside the article),
    // the list shows titles alone: the article's header has the date.
    let date_width = if width.saturating_sub(3 + date_width) < MIN_TITLE {
        0
    } else {
        date_width
    };
    for (line, row) in visible(cursor, rows.len(), inner) {
        let Some(&index) = rows.get(row) else {
            continue;
        };
        let Some(b) = app.library.briefings.get(index) else {
            continue;
        };
        let y = inner.y + line;
        let open = if index == app.current() { "▸" } else { " " };
        let (mut x, _) = buf.set_stringn(inner.x, y, open, width, app.theme.style(Role::Marker));
        let mark = app.mark(index);
        let mark_style = app.theme.style(if mark == Mark::Read {
            Role::Dim
        } else {
            Role::Marker
        });
        (x, _) = buf.set_stringn(x, y, mark.sign(), 1, mark_style);
        x = x.saturating_add(1);
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
        let tags = tag_line(&b.tags);
        let title_width = crate::text::width(&b.title);
        // Tags only where the whole title fits with a gap before them.
        let show_tags = !tags.is_empty() && title_width + 2 + crate::text::width(&tags) <= room;
        let title = crate::text::truncate(&b.title, room);
        let style = app.theme.style(if mark == Mark::Unread {
            Role::Heading
        } else {
            Role::Text
        });
        let (end, _) = buf.set_stringn(x, y, title, room, style);
        if show_tags {
            let tags_x = inner
                .right()
                .saturating_sub(u16::try_from(crate::text::width(&tags)).unwrap_or(0));
            let left = usize::from(inner.right().saturating_sub(tags_x));
            buf.set_stringn(
                tags_x.max(end + 2),
                y,
                &tags,
                left,
                app.theme.style(Role::Meta),
            );
        }
        if let Some(style) = select_style(app, Pane::Briefings, cursor.selected == row) {
            fill(buf, Rect::new(inner.x, y, inner.width, 1), style);
        }
    }
    if rows.is_empty() && !app.library.briefings.is_empty() {
        let message = "No briefing matches the filter. Esc shows every one.";
        super::draw_message(buf, inner, message, app.theme.style(Role::Dim));
    }
}

/// Fewest cells a title keeps beside the date column; below it the dates are left out.
const MIN_TITLE: usize = 16;

/// The list's title: `Briefings (N)`, or `Briefings 12/200 · #syria 7d` with a filter, and
/// the order when it is not by date.
fn list_title(app: &App) -> String {
    let total = app.library.briefings.len();
    let mut title = if app.view.filter.is_empty() {
        format!("Briefings ({total})")
    } else {
        format!(
            "Briefings {}/{total} · {}",
            app.rows().len(),
            app.view.filter.text
        )
    };
    if app.view.sort != Sort::Date {
        title.push_str(" · ");
        title.push_str(app.view.sort.name());
    }
    title
}

/// Tags as a row shows them: `#a #b`.
fn tag_line(tags: &[CompactString]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
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
        // Changed since the reader last read it (a column only when something changed).
        let changed = app.changed_sections();
        let x = if changed.is_empty() {
            x
        } else {
            let sign = if changed.contains(&index) {
                "Δ "
            } else {
                "  "
            };
            buf.set_stringn(x, y, sign, 2, app.theme.style(Role::Marker))
                .0
        };
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
