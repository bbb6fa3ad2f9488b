//! The takeaways: the numbered sidebar and the full-screen skim view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::{MatchMarks, draw_message, draw_text, fill, pane_block};
use crate::app::App;
use crate::app::layout::{NUMBER_WIDTH, RIGHT_MARGIN, TakeawayRows};
use crate::app::panes::Pane;
use crate::settings::theme::Role;
use crate::text::highlight::clip;

pub(super) fn sidebar(app: &App, area: Rect, buf: &mut Buffer) {
    if app.view.watch {
        watchlist(app, area, buf);
        return;
    }
    let count = app.briefing().map_or(0, |b| b.takeaways.len());
    let inner = pane_block(
        app,
        Pane::Takeaways,
        &format!("Takeaways ({count})"),
        area,
        buf,
    );
    let focused = app.view.focus == Pane::Takeaways;
    let view = RowsView {
        layout: app.sidebar(),
        scroll: app.view.takeaways.scroll(),
        selected: app.view.takeaways.selected(),
        focused,
    };
    rows(app, &view, inner, buf);
    if count == 0 {
        let room = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        };
        draw_message(
            buf,
            room,
            "No takeaways in this briefing.",
            app.theme.style(Role::Dim),
        );
    }
}

/// The watchlist's terms in the sidebar, each with its count in the open briefing (terms
/// that appear first, then the rest), the selected one highlighted.
fn watchlist(app: &App, area: Rect, buf: &mut Buffer) {
    let counts = app.watch_counts();
    let found = counts.iter().filter(|(_, n)| *n > 0).count();
    let title = format!("Watchlist {found}/{}", counts.len());
    let inner = pane_block(app, Pane::Takeaways, &title, area, buf);
    let focused = app.view.focus == Pane::Takeaways;
    let height = usize::from(inner.height);
    let offset = app
        .view
        .watch_selected
        .saturating_sub(height.saturating_sub(1));
    for (line, (i, (term, count))) in counts
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let y = inner.y + u16::try_from(line).unwrap_or(0);
        let number = count.to_string();
        let room = usize::from(inner.width).saturating_sub(number.len() + 3);
        let role = if *count > 0 { Role::Text } else { Role::Dim };
        buf.set_stringn(
            inner.x + 1,
            y,
            crate::text::truncate(term, room),
            room,
            app.theme.style(role),
        );
        let x = inner
            .right()
            .saturating_sub(u16::try_from(number.len() + 1).unwrap_or(0));
        buf.set_stringn(
            x,
            y,
            &number,
            number.len(),
            app.theme.style(Role::TakeawayNumber),
        );
        if i == app.view.watch_selected {
            let role = if focused {
                Role::Selection
            } else {
                Role::SelectionInactive
            };
            super::fill(
                buf,
                Rect::new(inner.x, y, inner.width, 1),
                app.theme.style(role),
            );
        }
    }
    let hint = if focused {
        "Enter: the next place it appears"
    } else {
        "W: the selected term's next place"
    };
    if usize::from(inner.height) > counts.len() + 1 {
        let y = inner.bottom() - 1;
        buf.set_stringn(
            inner.x + 1,
            y,
            hint,
            usize::from(inner.width.saturating_sub(2)),
            app.theme.style(Role::Dim),
        );
    }
}

/// Which wrapped takeaways to draw and which one is selected.
struct RowsView<'a> {
    layout: &'a TakeawayRows,
    scroll: usize,
    selected: Option<usize>,
    focused: bool,
}

/// Draws wrapped takeaways from row `scroll`, with the selected one marked.
// Over 40 lines as one function: one pass laying out every takeaway with its wrapped lines and
// section label.
fn rows(app: &App, view: &RowsView<'_>, inner: Rect, buf: &mut Buffer) {
    let &RowsView {
        layout,
        scroll,
        selected,
        focused,
    } = view;
    let Some(briefing) = app.briefing() else {
        return;
    };
    let text_width = usize::from(inner.width).saturating_sub(NUMBER_WIDTH + RIGHT_MARGIN);
    for (line, (index, range)) in layout
        .rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let Some(range) = range else { continue };
        let y = inner.y + u16::try_from(line).unwrap_or(u16::MAX);
        let Some(takeaway) = briefing.takeaways.get(*index) else {
            continue;
        };
        let is_selected = selected == Some(*index);
        if layout.starts.get(*index) == Some(&(scroll + line)) {
            // An unlinked takeaway (its `section` names nothing) is numbered `3?` instead of
            // `3.`: it has no section to jump to, and the `!` list says why.
            let mark = if takeaway.unresolved.is_some() {
                '?'
            } else {
                '.'
            };
            let number = format!("{:>2}{mark} ", index + 1);
            let role = if is_selected && focused {
                Role::Selection
            } else {
                Role::TakeawayNumber
            };
            buf.set_stringn(inner.x, y, number, NUMBER_WIDTH, app.theme.style(role));
        }
        let Some(slice) = takeaway.text.get(range.clone()) else {
            continue;
        };
        let highlights = clip(&layout.highlights[*index], range);
        let x = inner.x + u16::try_from(NUMBER_WIDTH).unwrap_or(0);
        let base = app.theme.style(Role::Text);
        draw_text(
            buf,
            (x, y),
            text_width,
            slice,
            (app, base, &highlights, MatchMarks { ranges: &[] }),
        );
        if is_selected && !focused {
            fill(
                buf,
                Rect::new(x, y, inner.width.saturating_sub(4), 1),
                app.theme.style(Role::SelectionInactive),
            );
        }
    }
}

// Over 40 lines as one function: draws the skim overlay top to bottom; each step uses the rows and
// style the previous one set.
pub(super) fn skim(app: &App, body: Rect, buf: &mut Buffer) {
    // The skim view replaces the panes entirely: nothing of them shows around it.
    let area = body;
    Clear.render(area, buf);
    let title = app
        .briefing()
        .map_or(String::new(), |b| format!(" Key takeaways · {} ", b.title));
    let title = crate::text::truncate(&title, usize::from(area.width.saturating_sub(2)));
    let block = Block::bordered()
        .border_style(app.theme.border(true))
        .style(app.theme.style(Role::Overlay))
        .title(ratatui::text::Span::styled(
            title,
            app.theme.style(Role::PaneTitle),
        ));
    block.render(area, buf);
    let inner = Rect::new(
        area.x + 2,
        area.y + 1,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let layout = app.skim_rows();
    let selected = app.view.takeaways.skim();
    // Keep the selected takeaway (and the line after it naming its section) in view.
    let start = layout.starts.get(selected).copied().unwrap_or(0);
    let end = layout
        .starts
        .get(selected + 1)
        .copied()
        .unwrap_or(layout.rows.len());
    let height = usize::from(inner.height);
    let scroll = if end > height {
        (end - height).min(start)
    } else {
        0
    };
    rows(
        app,
        &RowsView {
            layout,
            scroll,
            selected: Some(selected),
            focused: true,
        },
        inner,
        buf,
    );
    if let Some(briefing) = app.briefing() {
        for (t, takeaway) in briefing.takeaways.iter().enumerate() {
            let label = match (&takeaway.unresolved, takeaway.section) {
                (Some(id), _) => format!("→ ? no section `{id}`"),
                (None, Some(s)) => match briefing.sections.get(s) {
                    Some(section) => format!("→ {}", section.label()),
                    None => continue,
                },
                (None, None) => continue,
            };
            // The blank row after each takeaway names its section.
            let Some(row) = layout.after(t) else {
                continue;
            };
            if row < scroll || row >= scroll + height {
                continue;
            }
            let y = inner.y + u16::try_from(row - scroll).unwrap_or(u16::MAX);
            let text = label;
            let x = inner.x + u16::try_from(NUMBER_WIDTH).unwrap_or(0);
            let room = usize::from(inner.width).saturating_sub(NUMBER_WIDTH);
            buf.set_stringn(
                x,
                y,
                crate::text::truncate(&text, room),
                room,
                app.theme.style(Role::Dim),
            );
        }
    }
}
