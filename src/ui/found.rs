//! The library search's panel: the query, then each passage found as two rows: its
//! briefing › section, and a one-line snippet with the matched words marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::fill;
use super::finder::{Heading, frame};
use crate::app::App;
use crate::content::Briefing;
use crate::library::find::{Hit, Place};
use crate::settings::theme::Role;

/// Rows one result takes.
const ROWS: u16 = 2;

/// Draws the library search over `body`.
// Over 40 lines as one function: the panel's title, then each result's two rows.
pub(super) fn render(app: &App, body: Rect, buf: &mut Buffer) {
    let search = app.library_search();
    let title = match search.results() {
        _ if search.input().trim().is_empty() => " Search every briefing ".to_owned(),
        Some(r) if !search.searching() => format!(
            " {} in {} ",
            crate::text::count(r.total, "passage", "passages"),
            crate::text::count(r.briefings, "briefing", "briefings")
        ),
        _ => " Searching… ".to_owned(),
    };
    let heading = Heading {
        title: &title,
        prompt: "search all: ",
        query: search.input(),
    };
    let Some(list) = frame(app, body, &heading, buf) else {
        return;
    };
    let Some(results) = search.results() else {
        if search.input().trim().is_empty() {
            let hint = "Words find briefings holding them all; \"a phrase\" matches as written.";
            super::draw_message(buf, list, hint, app.theme.style(Role::Dim));
        }
        return;
    };
    let per_screen = usize::from((list.height / ROWS).max(1));
    let offset = search.selected().saturating_sub(per_screen - 1);
    for (shown, (at, hit)) in results
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(per_screen)
        .enumerate()
    {
        let y = list.y + u16::try_from(shown).unwrap_or(0) * ROWS;
        let Some(b) = app.library.briefings.get(hit.briefing) else {
            continue;
        };
        let width = usize::from(list.width.saturating_sub(2));
        let place = format!("{} › {}", b.title, place_name(b, hit));
        let place = crate::text::truncate(&place, width);
        buf.set_stringn(list.x + 1, y, place, width, app.theme.style(Role::Meta));
        if y + 1 < list.bottom() {
            snippet(
                app,
                hit,
                Rect::new(list.x + 3, y + 1, list.width.saturating_sub(4), 1),
                buf,
            );
        }
        if at == search.selected() {
            let rows = Rect::new(list.x, y, list.width, ROWS.min(list.bottom() - y));
            fill(buf, rows, app.theme.style(Role::Selection));
        }
    }
    if results.hits.is_empty() && !search.searching() {
        let message = "Nothing matches: every word must be in one briefing.";
        super::draw_message(buf, list, message, app.theme.style(Role::Dim));
    }
}

/// Where in its briefing a result is, in words.
fn place_name(b: &Briefing, hit: &Hit) -> String {
    match hit.place {
        Place::Title => "title".into(),
        Place::Summary => "summary".into(),
        Place::Takeaway { takeaway } => format!("takeaway {}", takeaway + 1),
        Place::Heading { section } | Place::Body { section, .. } => b
            .sections
            .get(section)
            .map_or_else(String::new, |s| s.label().to_owned()),
    }
}

/// The snippet on one row, its matched words in the search-match style; cut with `…` where
/// the row is narrower than the snippet was made for (until the search runs again at the
/// new width).
fn snippet(app: &App, hit: &Hit, row: Rect, buf: &mut Buffer) {
    let text = &hit.snippet.text;
    let width = usize::from(row.width);
    let shown = crate::text::truncate(text, width);
    // What is left of the snippet's own text before the ellipsis, if it was cut.
    let kept = if shown.len() == text.len() {
        text.len()
    } else {
        shown.len().saturating_sub('…'.len_utf8())
    };
    buf.set_stringn(row.x, row.y, &shown, width, app.theme.style(Role::Text));
    for mark in &hit.snippet.marks {
        let end = mark.end.min(kept);
        let (Some(before), Some(matched)) = (text.get(..mark.start), text.get(mark.start..end))
        else {
            continue;
        };
        let x = crate::text::width(before);
        if x >= width || matched.is_empty() {
            continue;
        }
        let room = width - x;
        let x = row.x + u16::try_from(x).unwrap_or(u16::MAX);
        buf.set_stringn(x, row.y, matched, room, app.theme.style(Role::SearchMatch));
    }
}
