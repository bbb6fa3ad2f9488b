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
            lines.push((format!("{}. {}", i + 1, t.text), Role::Text));
        }
    }
    let sections = crate::text::count(b.sections.len(), "section", "sections");
    lines.push((String::new(), Role::Text));
    lines.push((format!("{sections} · Enter opens it"), Role::Dim));
    let mut y = text.y;
    for (line, role) in lines {
        let rows = if line.is_empty() {
            std::iter::once(0..0).collect()
        } else {
            crate::text::wrap(&line, usize::from(text.width))
        };
        for range in rows {
            if y >= text.bottom() {
                return;
            }
            let shown = line.get(range).unwrap_or_default();
            buf.set_stringn(
                text.x,
                y,
                shown,
                usize::from(text.width),
                app.theme.style(role),
            );
            y += 1;
        }
    }
}
