//! Drawing: `impl Widget for &App` lays out the panes for the area it is given and draws each
//! from the state, read-only. Nothing here reads events, asks the terminal anything or writes
//! to stdout, so the same code draws to a local terminal, a remote session or a test buffer.

mod article;
mod entities;
pub(crate) mod finder;
mod found;
mod lists;
mod overlay;
mod preview;
mod status;
mod takeaways;

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::panes::Pane;
use crate::app::{App, Mode};
use crate::settings::theme::Role;
use crate::text::fit;
use crate::text::highlight::Highlight;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // The app's own geometry when drawn at its size (always, in the reader); another
        // area (a test drawing into a larger buffer) gets its own.
        let panes = if area == self.area {
            self.panes()
        } else {
            crate::app::panes::Geometry::new(self.shape(area)).panes(self.view.focus)
        };
        if panes.too_small {
            overlay::too_small(self, area, buf);
            return;
        }
        if let Some(rect) = panes.briefings {
            lists::briefings(self, rect, buf);
        }
        if let Some(rect) = panes.outline {
            lists::outline(self, rect, buf);
        }
        if let Some(rect) = panes.article {
            if self.view.library {
                preview::render(self, rect, buf);
            } else {
                article::render(self, &panes, rect, buf);
            }
        }
        if let Some(rect) = panes.takeaways {
            takeaways::sidebar(self, rect, buf);
        }
        status::render(self, panes.status, buf);
        match self.view.mode {
            Mode::Help => overlay::help(self, panes.body, buf),
            Mode::Diagnostics => overlay::diagnostics(self, panes.body, buf),
            Mode::Digest => overlay::digest(self, panes.body, buf),
            Mode::Skim => takeaways::skim(self, panes.body, buf),
            Mode::Find => finder::render(self, panes.body, buf),
            Mode::LibrarySearch => found::render(self, panes.body, buf),
            Mode::Entities => entities::render(self, panes.body, buf),
            Mode::Reading | Mode::Search | Mode::Filter => {}
        }
    }
}

/// Draws a message wrapped to `area` (never cut mid-word without a sign): rows that do not fit
/// in the height are dropped and the last row shown ends with `…`. Returns the rows used.
fn draw_message(buf: &mut Buffer, area: Rect, text: &str, style: Style) -> u16 {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    if width == 0 || height == 0 {
        return 0;
    }
    let rows = crate::text::wrap(text, width);
    let shown = rows.len().min(height);
    for (line, range) in rows.iter().take(shown).enumerate() {
        let y = area.y + u16::try_from(line).unwrap_or(u16::MAX);
        let piece = text.get(range.clone()).unwrap_or_default();
        let piece = if line + 1 == shown && shown < rows.len() {
            // Some rows did not fit: say so where the text stops.
            let rest = text.get(range.start..).unwrap_or_default();
            crate::text::truncate(rest, width)
        } else {
            crate::text::truncate(piece, width)
        };
        buf.set_stringn(area.x, y, piece, width, style);
    }
    u16::try_from(shown).unwrap_or(u16::MAX)
}

/// Draws a pane's border with its title; returns the area inside.
fn pane_block(app: &App, pane: Pane, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let focused = app.view.focus == pane && app.view.mode == Mode::Reading;
    let title = crate::text::truncate(title, usize::from(area.width.saturating_sub(4)));
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(app.theme.border(focused))
        .title(ratatui::text::Span::styled(
            format!(" {title} "),
            app.theme.style(Role::PaneTitle),
        ))
        .render(area, buf);
    crate::app::panes::inner(area)
}

/// Search matches to mark in a row of text: byte ranges with the style drawn over the keyword
/// highlights there. (Not an overlay: overlays are the help, diagnostics and skim panels.)
pub(crate) struct MatchMarks<'a> {
    ranges: &'a [(Range<usize>, Style)],
}

/// Draws `text` (already a single row) at `(x, y)` within `width` cells: `base` style, keyword
/// highlights patched on top (only their attributes where `base` has a background), then the
/// search matches. Returns the cells used.
// Over 40 lines as one function: one pass over a row's clusters applying highlight and search
// styles by byte range.
pub(crate) fn draw_text(
    buf: &mut Buffer,
    at: (u16, u16),
    width: usize,
    text: &str,
    paint: (&App, Style, &[Highlight], MatchMarks<'_>),
) -> usize {
    let (app, base, highlights, matches) = paint;
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for h in highlights {
        cuts.extend([h.range.start, h.range.end]);
    }
    for (range, _) in matches.ranges {
        cuts.extend([range.start, range.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let (mut x, y) = at;
    let mut used = 0;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        let mut style = base;
        if let Some(h) = highlights
            .iter()
            .find(|h| h.range.start <= start && end <= h.range.end)
        {
            let name = app.highlighter().category_name(h.category);
            let keyword = app.theme.keyword(name);
            // On a row with its own background (a marked heading, a selection) the keyword
            // keeps the row's colours, chosen to be readable together, and adds only its
            // attributes; elsewhere it brings its colour too.
            style = if base.bg.is_some_and(|bg| bg != ratatui::style::Color::Reset) {
                style.patch(Style {
                    fg: None,
                    bg: None,
                    ..keyword
                })
            } else {
                style.patch(keyword)
            };
        }
        for (range, extra) in matches.ranges {
            if range.start <= start && end <= range.end {
                style = style.patch(*extra);
            }
        }
        let room = width.saturating_sub(used);
        if room == 0 {
            break;
        }
        let piece = piece.get(..fit(piece, room)).unwrap_or_default();
        let (next_x, _) = buf.set_stringn(x, y, piece, room, style);
        used += usize::from(next_x.saturating_sub(x));
        x = next_x;
    }
    used
}

/// Fills a row of `width` cells with `style` (selection bars, status bar).
pub(crate) fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area.intersection(buf.area), style);
}
