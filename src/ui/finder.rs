//! The fuzzy finder's panel: the query on its first row, then the briefings it matches, best
//! first, each with its date and tags, the selected one highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::fill;
use crate::app::App;
use crate::settings::theme::Role;

/// The keys a picker's bottom border names, as many as fit whole in `room` cells.
fn keys_that_fit(room: usize) -> &'static str {
    [
        " ↑↓ choose · enter opens · esc closes ",
        " enter opens · esc closes ",
        " esc closes ",
    ]
    .into_iter()
    .find(|keys| crate::text::width(keys) <= room)
    .unwrap_or_default()
}

/// What a picker's panel shows above its list: its title, and the prompt with the query typed.
pub(super) struct Heading<'a> {
    pub(super) title: &'a str,
    pub(super) prompt: &'a str,
    pub(super) query: &'a str,
}

/// Draws a picker's panel over `body` (the overlays' rectangle): its border and title, the
/// keys on its bottom border, the prompt and the query typed on its first row. Returns where
/// its list goes (below a blank row), if there is room for one.
pub(super) fn frame(
    app: &App,
    body: Rect,
    heading: &Heading<'_>,
    buf: &mut Buffer,
) -> Option<Rect> {
    let Heading {
        title,
        prompt,
        query,
    } = *heading;
    let area = crate::app::panes::overlay(body);
    ratatui::widgets::Clear.render(area, buf);
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(app.theme.border(true))
        .title(ratatui::text::Span::styled(
            crate::text::truncate(title, usize::from(area.width.saturating_sub(2))),
            app.theme.style(Role::PaneTitle),
        ))
        .title_bottom(ratatui::text::Span::styled(
            keys_that_fit(usize::from(area.width.saturating_sub(2))),
            app.theme.style(Role::Dim),
        ))
        .render(area, buf);
    let inner = crate::app::panes::inner(area);
    fill(buf, inner, app.theme.style(Role::Text));
    if inner.height == 0 {
        return None;
    }
    let width = usize::from(inner.width);
    let (x, _) = buf.set_stringn(
        inner.x,
        inner.y,
        prompt,
        width,
        app.theme.style(Role::Marker),
    );
    let room = usize::from(inner.right().saturating_sub(x));
    // The end of a long query: what is being typed stays in view.
    let fits = room.saturating_sub(1);
    let query = if crate::text::width(query) > fits {
        format!("…{}", super::status::tail(query, fits.saturating_sub(1)))
    } else {
        query.to_owned()
    };
    let (x, _) = buf.set_stringn(x, inner.y, query, room, app.theme.style(Role::Heading));
    if x < inner.right() {
        buf.set_stringn(x, inner.y, " ", 1, app.theme.style(Role::Selection));
    }
    let list = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    (list.height > 0).then_some(list)
}

/// Draws the finder over `body`.
pub(super) fn render(app: &App, body: Rect, buf: &mut Buffer) {
    let finder = app.finder();
    let title = format!(
        " Find a briefing · {} of {} ",
        finder.matched(),
        app.library.briefings.len()
    );
    let heading = Heading {
        title: &title,
        prompt: "› ",
        query: finder.query(),
    };
    let Some(list) = frame(app, body, &heading, buf) else {
        return;
    };
    let width = usize::from(list.width);
    let height = usize::from(list.height);
    if height == 0 {
        return;
    }
    let offset = finder.selected().saturating_sub(height - 1);
    for (line, &index) in finder
        .results()
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let Some(b) = app.library.briefings.get(index) else {
            continue;
        };
        let y = list.y + u16::try_from(line - offset).unwrap_or(0);
        let date = b.list_date();
        let date = if date.is_empty() { "          " } else { date };
        let (x, _) = buf.set_stringn(list.x + 1, y, date, 10, app.theme.style(Role::Dim));
        let x = x + 1;
        let room = usize::from(list.right().saturating_sub(x));
        let (end, _) = buf.set_stringn(
            x,
            y,
            crate::text::truncate(&b.title, room),
            room,
            app.theme.style(Role::Text),
        );
        let tags: Vec<String> = b.tags.iter().map(|t| format!("#{t}")).collect();
        let tags = tags.join(" ");
        let left = usize::from(list.right().saturating_sub(end + 2));
        if !tags.is_empty() && crate::text::width(&tags) <= left {
            buf.set_stringn(end + 2, y, &tags, left, app.theme.style(Role::Meta));
        }
        if line == finder.selected() {
            fill(
                buf,
                Rect::new(list.x, y, list.width, 1),
                app.theme.style(Role::Selection),
            );
        }
    }
    if finder.results().is_empty() {
        let message = "No briefing matches.";
        buf.set_stringn(
            list.x + 1,
            list.y,
            message,
            width,
            app.theme.style(Role::Dim),
        );
    }
}
