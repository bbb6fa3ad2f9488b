//! The entity index's panel: each keyword or watchlist term, its category, and how many
//! briefings mention it, most mentioned first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::fill;
use super::finder::{Heading, frame};
use crate::app::App;
use crate::settings::theme::Role;

/// Draws the entity index over `body`.
pub(super) fn render(app: &App, body: Rect, buf: &mut Buffer) {
    let view = app.entity_view();
    let title = match view.shown() {
        Some(shown) => format!(" Entities · {} of {} ", shown.count(), view.total()),
        None => " Entities · reading the library… ".to_owned(),
    };
    let heading = Heading {
        title: &title,
        prompt: "› ",
        query: view.query(),
    };
    let Some(list) = frame(app, body, &heading, buf) else {
        return;
    };
    let Some(shown) = view.shown() else {
        return;
    };
    let height = usize::from(list.height);
    let offset = view.selected().saturating_sub(height.saturating_sub(1));
    let width = usize::from(list.width.saturating_sub(2));
    for (line, (at, entity)) in shown.enumerate().skip(offset).take(height).enumerate() {
        let y = list.y + u16::try_from(line).unwrap_or(0);
        let count = crate::text::count(entity.mentions.len(), "briefing", "briefings");
        let right = format!("{}  {count}", entity.category);
        let room = width.saturating_sub(crate::text::width(&right) + 2);
        let role = if entity.mentions.is_empty() {
            Role::Dim
        } else {
            Role::Text
        };
        buf.set_stringn(
            list.x + 1,
            y,
            crate::text::truncate(&entity.name, room),
            room,
            app.theme.style(role),
        );
        let x = list
            .right()
            .saturating_sub(u16::try_from(crate::text::width(&right) + 1).unwrap_or(0));
        buf.set_stringn(x, y, &right, width, app.theme.style(Role::Meta));
        if at == view.selected() {
            fill(
                buf,
                Rect::new(list.x, y, list.width, 1),
                app.theme.style(Role::Selection),
            );
        }
    }
}
