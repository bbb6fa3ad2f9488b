//! The status bar: where you are, how far you have read, what failed to load, and key hints
//! taken from the keymap (so remapped keys show as they are).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::fill;
use crate::app::App;
use crate::settings::keymap::Action;
use crate::settings::theme::Role;
use crate::text::width as cells;

// Over 40 lines as one function: the status bar's parts assembled left to right by priority and
// fitted to the width in one place.
pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let status = app.theme.style(Role::Status);
    fill(buf, area, status);
    let width = usize::from(area.width);
    if let Some(prompt) = app.prompt_line() {
        let room = width.saturating_sub(2);
        let shown = if crate::text::width(&prompt) > room {
            // The start scrolled out of view: an ellipsis says so.
            format!("…{}", tail(&prompt, room.saturating_sub(1)))
        } else {
            prompt
        };
        let (x, _) = buf.set_stringn(area.x, area.y, shown, width, status);
        buf.set_stringn(
            x,
            area.y,
            " ",
            1,
            app.theme
                .style(Role::StatusKey)
                .add_modifier(ratatui::style::Modifier::REVERSED),
        );
        return;
    }
    // The hints, then the help key alone, then the position alone: the most that leaves the
    // left part some room, so that a narrow terminal still has a status line.
    let percent = format!("{}%", app.percent_read());
    let help = format!("{percent}  {} help", app.keymap.hint(Action::Help));
    let right = [format!("{percent} {}", hints(app)), help, percent]
        .into_iter()
        .find(|r| cells(r) + 12 <= width)
        .unwrap_or_default();
    let right_width = cells(&right);
    let left_room = width.saturating_sub(right_width + 1);
    let left = left_text(app, left_room);
    let left_shown = crate::text::truncate(&left, left_room);
    let role = if app.view.message.is_some() {
        Role::StatusKey
    } else {
        Role::Status
    };
    buf.set_stringn(
        area.x,
        area.y,
        &left_shown,
        left_room,
        app.theme.style(role),
    );
    if right_width < width {
        let x = area
            .right()
            .saturating_sub(u16::try_from(right_width).unwrap_or(0));
        buf.set_stringn(
            x,
            area.y,
            &right,
            right_width,
            app.theme.style(Role::StatusKey),
        );
    }
}

fn left_text(app: &App, room: usize) -> String {
    if let Some(message) = &app.view.message {
        return format!(" {message}");
    }
    // Most specific first: what the reader just did, then where they are.
    let mut parts = Vec::new();
    if let Some(query) = app.view.search.query() {
        let n = app.hits().len();
        parts.push(match app.view.search.current() {
            Some(i) => format!(" /{query} {}/{n}", i + 1),
            None => format!(" /{query} {n}"),
        });
    }
    let failed = app.library.failures.len();
    if failed > 0 {
        let key = app.keymap.hint(Action::Diagnostics);
        parts.push(format!(" ⚠ {failed} failed ({key})"));
    }
    let warnings = app.briefing().map_or(0, |b| b.warnings.len());
    if warnings > 0 {
        let key = app.keymap.hint(Action::Diagnostics);
        let noun = if warnings == 1 { "warning" } else { "warnings" };
        parts.push(format!(" ⚠ {warnings} {noun} ({key})"));
    }
    if let Some(b) = app.briefing() {
        let used: usize = parts.iter().map(|p| cells(p) + 2).sum();
        parts.push(place(app, b, room.saturating_sub(used)));
    }
    parts.join(" ·")
}

/// " Title › Section", shortening the title first so the section stays readable.
fn place(app: &App, b: &crate::content::Briefing, room: usize) -> String {
    let Some(section) = app.current_section().and_then(|s| b.sections.get(s)) else {
        return format!(" {}", b.title);
    };
    let section = section.label();
    let full = cells(&b.title) + cells(section) + 4;
    if full <= room {
        return format!(" {} › {section}", b.title);
    }
    // Up to two thirds of the room for the section, the rest (at least a few cells) for the title.
    let section_room = cells(section).min(room * 2 / 3);
    let title_room = room.saturating_sub(section_room + 4).max(6);
    let title = crate::text::truncate(&b.title, title_room);
    let section = crate::text::truncate(section, room.saturating_sub(cells(&title) + 4));
    format!(" {title} › {section}")
}

/// "? help  q quit" from the keymap.
fn hints(app: &App) -> String {
    let help = app.keymap.hint(Action::Help);
    let quit = app.keymap.hint(Action::Quit);
    if app.view.zoom {
        let zoom = app.keymap.hint(Action::Zoom);
        return format!(" {zoom} unzoom  {help} help  {quit} quit ");
    }
    let panes = app.panes();
    if panes.briefings.is_none() || panes.outline.is_none() || panes.article.is_none() {
        // Some panes are not on screen: say how to reach them.
        let next = app.keymap.hint(Action::FocusNext);
        return format!(" {next} panes  {help} help  {quit} quit ");
    }
    format!(" {help} help  {quit} quit ")
}

/// The end of `text` that fits in `room` cells (the search prompt shows what was typed last).
pub(super) fn tail(text: &str, room: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (at, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true).rev() {
        used += crate::text::grapheme_width(g);
        if used > room {
            break;
        }
        start = at;
    }
    text.get(start..).unwrap_or_default()
}
