//! The article pane: title, meta, sections with headings, paragraphs, lists and quotes; the
//! section behind the selected takeaway carries a marker bar; search matches are highlighted.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{MatchMarks, draw_message, draw_text, pane_block};
use crate::app::App;
use crate::app::layout::{Row, RowKind};
use crate::app::panes::{GUTTER, Pane, Panes};
use crate::settings::theme::Role;
use crate::text::highlight::clip;

// Over 40 lines as one function: the article's rows drawn top to bottom in one pass over the
// visible rows.
pub(super) fn render(app: &App, panes: &Panes, area: Rect, buf: &mut Buffer) {
    let inner = if panes.borderless {
        area
    } else {
        pane_block(app, Pane::Article, "Article", area, buf)
    };
    let Some(briefing) = app.briefing() else {
        let text = if app.library.failures.is_empty() {
            "No briefings found.".to_owned()
        } else {
            format!(
                "No briefing loaded: {} failed. Press {} to see why.",
                crate::text::count(app.library.failures.len(), "file", "files"),
                app.keymap
                    .hint(crate::settings::keymap::Action::Diagnostics)
            )
        };
        let room = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        };
        draw_message(buf, room, &text, app.theme.style(Role::Error));
        return;
    };
    let text_area = panes.article_text().unwrap_or(inner);
    let doc = app.layout();
    let hits = app.hits();
    let marked_section = app.view.takeaways.marked_section();
    let rows = (0..usize::from(inner.height))
        .filter_map(|line| doc.row(app.view.scroll + line).map(|row| (line, row)));
    for (line, row) in rows {
        let y = inner.y + u16::try_from(line).unwrap_or(u16::MAX);
        let marked =
            marked_section.is_some_and(|s| doc.section_at(app.view.scroll + line) == Some(s));
        if marked && text_area.x >= inner.x + GUTTER {
            buf.set_stringn(
                text_area.x - GUTTER,
                y,
                "▌",
                1,
                app.theme.style(Role::Marker),
            );
        }
        if row.kind == RowKind::Blank {
            continue;
        }
        let text = doc.text(briefing, row.unit as usize);
        let Some(slice) = text.get(row.range()) else {
            continue;
        };
        let unit_prefix = doc.prefix(row.unit as usize);
        let (prefix, prefix_style, base) = decoration(app, row, unit_prefix, marked);
        let mut x = text_area.x;
        let mut width = usize::from(text_area.width);
        if !prefix.is_empty() {
            buf.set_stringn(x, y, &prefix, width, prefix_style);
            let used = crate::text::width(&prefix);
            x = x.saturating_add(u16::try_from(used).unwrap_or(0));
            width = width.saturating_sub(used);
        }
        let highlights = clip(doc.highlights(row.unit as usize), &row.range());
        let matches = matches_on(app, hits, row);
        draw_text(
            buf,
            (x, y),
            width,
            slice,
            (app, base, &highlights, MatchMarks { ranges: &matches }),
        );
    }
}

/// Prefix text, its style, and the base style of a row; `prefix` is the row's unit's own
/// prefix (a list item's marker).
fn decoration<'p>(
    app: &App,
    row: &Row,
    prefix: &'p str,
    marked: bool,
) -> (Cow<'p, str>, Style, Style) {
    let t = &app.theme;
    let text = t.style(Role::Text);
    match row.kind {
        RowKind::Title => ("".into(), text, t.style(Role::Title)),
        RowKind::Meta => ("".into(), text, t.style(Role::Meta)),
        RowKind::Summary => ("".into(), text, text.add_modifier(Modifier::ITALIC)),
        RowKind::Heading if marked => ("".into(), text, t.style(Role::HeadingMarked)),
        RowKind::Heading => ("".into(), text, t.style(Role::Heading)),
        RowKind::ItemFirst => (prefix.into(), t.style(Role::Bullet), text),
        RowKind::ItemRest => (" ".repeat(crate::text::width(prefix)).into(), text, text),
        RowKind::Quote => ("  │ ".into(), t.style(Role::Quote), t.style(Role::Quote)),
        RowKind::Paragraph | RowKind::Blank => ("".into(), text, text),
    }
}

/// Search matches on this row, relative to its slice, with their styles.
fn matches_on(
    app: &App,
    hits: &[(usize, std::ops::Range<usize>)],
    row: &Row,
) -> Vec<(std::ops::Range<usize>, Style)> {
    let unit = row.unit as usize;
    let range = row.range();
    let first = hits.partition_point(|(u, _)| *u < unit);
    hits.iter()
        .enumerate()
        .skip(first)
        .take_while(|(_, (u, _))| *u == unit)
        .filter(|(_, (_, r))| r.start < range.end && r.end > range.start)
        .map(|(i, (_, r))| {
            let role = if app.view.search.current() == Some(i) {
                Role::SearchCurrent
            } else {
                Role::SearchMatch
            };
            (
                r.start.max(range.start) - range.start..r.end.min(range.end) - range.start,
                app.theme.style(role),
            )
        })
        .collect()
}
