//! The library view's preview of the selected briefing: title, dateline and date, tags, the
//! summary and the key takeaways, wrapped to the pane; what is read stays in the list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::pane_block;
use crate::app::App;
use crate::settings::theme::Role;

/// Draws the preview of the briefing selected in the list into `area`.
pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let inner = pane_block(app, crate::app::panes::Pane::Article, "Preview", area, buf);
    let Some(b) = app
        .row_briefing(app.view.briefings.selected)
        .and_then(|i| app.library.briefings.get(i))
    else {
        return;
    };
    let text = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let mut lines: Vec<(String, Role)> = vec![(b.title.clone(), Role::Title)];
    lines.extend(b.meta_line().map(|m| (m, Role::Meta)));
    if !b.tags.is_empty() {
        let tags: Vec<String> = b.tags.iter().map(|t| format!("#{t}")).collect();
        lines.push((tags.join(" "), Role::Meta));
    }
    if let Some(summary) = &b.summary {
        lines.push((String::new(), Role::Text));
        lines.push((summary.clone(), Role::Text));
    }
    if !b.takeaways.is_empty() {
        lines.push((String::new(), Role::Text));
        lines.push(("Key takeaways".into(), Role::Heading));
        for (i, t) in b.takeaways.iter().enumerate() {
            lines.push((format!("{}. {}", i + 1, t.text), Role::TakeawayNumber));
        }
    }
    let sections = crate::text::count(b.sections.len(), "section", "sections");
    lines.push((String::new(), Role::Text));
    lines.push((format!("{sections} · Enter opens it"), Role::Dim));
    let mut y = text.y;
    for (line, role) in lines {
        for (x, shown) in rows(&line, role, text) {
            if y >= text.bottom() {
                return;
            }
            let room = usize::from(text.right().saturating_sub(x));
            let style = app.theme.style(if role == Role::TakeawayNumber {
                Role::Text
            } else {
                role
            });
            buf.set_stringn(x, y, shown, room, style);
            y += 1;
        }
    }
}

/// `line` wrapped to `text`'s width: each row's column and text. A numbered takeaway
/// (`role` [`Role::TakeawayNumber`]) wraps under its text, after its number.
fn rows(line: &str, role: Role, text: Rect) -> Vec<(u16, &str)> {
    if line.is_empty() {
        return vec![(text.x, "")];
    }
    let width = usize::from(text.width);
    let hang = if role == Role::TakeawayNumber {
        line.split_once(". ").map_or(0, |(n, _)| n.len() + 2)
    } else {
        0
    };
    let Some(first) = crate::text::wrap(line, width).into_iter().next() else {
        return Vec::new();
    };
    let head = line.get(first.clone()).unwrap_or_default();
    let rest = line.get(first.end..).unwrap_or_default().trim_start();
    if hang == 0 || rest.is_empty() {
        return crate::text::wrap(line, width)
            .into_iter()
            .map(|r| (text.x, line.get(r).unwrap_or_default()))
            .collect();
    }
    let indent = text.x + u16::try_from(hang).unwrap_or(0);
    std::iter::once((text.x, head))
        .chain(
            crate::text::wrap(rest, width.saturating_sub(hang))
                .into_iter()
                .map(|r| (indent, rest.get(r).unwrap_or_default())),
        )
        .collect()
}
