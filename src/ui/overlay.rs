//! Popups drawn over the panes (help, diagnostics) and the too-small notice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::panes::overlay;
use crate::app::{App, LineKind};
use crate::settings::keymap::Action;
use crate::settings::theme::Role;

pub(super) fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    // The size first: it is what the reader needs when there is room for little else.
    let mut text = format!("{}×{}: terminal too small", area.width, area.height);
    if crate::text::width(&text) > usize::from(area.width) {
        text = format!("{}×{}: too small", area.width, area.height);
    }
    let shown = crate::text::truncate(&text, usize::from(area.width));
    let y = area.y + area.height / 2;
    if area.height > 0 {
        buf.set_stringn(
            area.x,
            y,
            shown,
            usize::from(area.width),
            app.theme.style(Role::Error),
        );
    }
}

/// Draws a bordered popup with `lines` from the overlay's scroll position. When the lines do not
/// all fit, the bottom border says which are shown and that more lie above or below.
fn popup(app: &App, body: Rect, title: &str, lines: &[(String, Role)], buf: &mut Buffer) {
    let area = overlay(body);
    let inner = crate::app::panes::inner(area);
    let height = usize::from(inner.height);
    let scroll = app.view.overlay_scroll;
    // The whole body is cleared: slivers of the panes beside the popup only look like noise.
    Clear.render(body, buf);
    let room = usize::from(area.width.saturating_sub(2));
    let title = crate::text::truncate(title, room);
    // The bottom border holds the keys and the position only where they fit whole: the
    // position first, then the keys; neither is ever cut.
    let position = position(scroll, height, lines.len());
    let position = if crate::text::width(&position) <= room {
        position
    } else {
        String::new()
    };
    let keys = footer(app);
    let keys = if crate::text::width(&keys) + crate::text::width(&position) < room {
        keys
    } else {
        String::new()
    };
    Block::bordered()
        .border_style(app.theme.border(true))
        .style(app.theme.style(Role::Overlay))
        .title(ratatui::text::Span::styled(
            title,
            app.theme.style(Role::PaneTitle),
        ))
        .title_bottom(ratatui::text::Span::styled(
            keys,
            app.theme.style(Role::Dim),
        ))
        .title_bottom(
            ratatui::text::Line::styled(position, app.theme.style(Role::PaneTitle)).right_aligned(),
        )
        .render(area, buf);
    let width = usize::from(inner.width.saturating_sub(2));
    for (line, (text, role)) in lines.iter().skip(scroll).take(height).enumerate() {
        let y = inner.y + u16::try_from(line).unwrap_or(u16::MAX);
        let shown = crate::text::truncate(text, width);
        buf.set_stringn(inner.x + 1, y, shown, width, app.theme.style(*role));
    }
}

/// ` 1–12/40 ↓ ` when only some of `total` lines show from `scroll` in `height` rows (arrows
/// for the directions with more to read); empty when everything shows.
fn position(scroll: usize, height: usize, total: usize) -> String {
    if total <= height || height == 0 {
        return String::new();
    }
    let first = scroll.min(total - 1) + 1;
    let last = (scroll + height).min(total);
    let up = if first > 1 { "↑" } else { "" };
    let down = if last < total { "↓" } else { "" };
    format!(" {first}–{last}/{total} {up}{down} ")
}

/// "esc closes · j/k scroll", from the keymap.
fn footer(app: &App) -> String {
    let k = &app.keymap;
    format!(
        " {} closes · {}/{} scroll ",
        k.hint(Action::Close),
        k.hint(Action::ScrollDown),
        k.hint(Action::ScrollUp)
    )
}

pub(super) fn help(app: &App, body: Rect, buf: &mut Buffer) {
    popup(app, body, " Keys ", &lines(app), buf);
}

pub(super) fn digest(app: &App, body: Rect, buf: &mut Buffer) {
    popup(app, body, " Digest: the last seven days ", &lines(app), buf);
}

pub(super) fn diagnostics(app: &App, body: Rect, buf: &mut Buffer) {
    let failed = app.library.failures.len();
    let warned = app
        .library
        .briefings
        .iter()
        .filter(|b| !b.warnings.is_empty())
        .count();
    let title = if warned == 0 {
        format!(" Files that failed to load ({failed}) ")
    } else {
        format!(" Problems: {failed} failed, {warned} with warnings ")
    };
    popup(app, body, &title, &lines(app), buf);
}

fn lines(app: &App) -> Vec<(String, Role)> {
    app.overlay_lines()
        .into_iter()
        .map(|(text, kind)| {
            let role = match kind {
                LineKind::Header => Role::Error,
                LineKind::Text => Role::Text,
                LineKind::Dim => Role::Dim,
            };
            (text, role)
        })
        .collect()
}
