//! Where the terminal's cursor goes: on the focused item, so that screen magnifiers (which
//! follow the cursor) show what the reader is on. The cursor stays hidden unless the config
//! file's `reader.cursor` shows it.

use ratatui::layout::Position;

use super::{App, Mode};
use crate::app::panes::{Pane, overlay};
use crate::app::scroll::ListCursor;

impl App {
    /// The screen cell of the focused item: the selected briefing or section, the top of the
    /// article's text, the selected takeaway (the first visible one when none is), the end of
    /// the search prompt, or the first line of an overlay. `None` when the terminal is too
    /// small to draw the panes.
    pub fn caret(&self) -> Option<Position> {
        let panes = self.panes();
        if panes.too_small {
            return None;
        }
        match self.view.mode {
            Mode::Search | Mode::Filter => {
                let typed = self.prompt_line().map_or(0, |p| crate::text::width(&p));
                let room = usize::from(panes.status.width.saturating_sub(2));
                let x = u16::try_from(typed.min(room)).unwrap_or(0);
                return Some(Position::new(panes.status.x + x, panes.status.y));
            }
            Mode::Find | Mode::LibrarySearch | Mode::Entities => {
                let area = crate::app::panes::inner(overlay(panes.body));
                let typed = match self.view.mode {
                    Mode::Find => crate::text::width(self.view.finder.query()) + 2,
                    Mode::Entities => crate::text::width(self.view.entities.query()) + 2,
                    _ => crate::text::width(self.view.library_search.input()) + 12,
                };
                let x = u16::try_from(typed)
                    .unwrap_or(0)
                    .min(area.width.saturating_sub(1));
                return Some(Position::new(area.x + x, area.y));
            }
            Mode::Help | Mode::Skim | Mode::Diagnostics | Mode::Digest => {
                let area = crate::app::panes::inner(overlay(panes.body));
                return Some(Position::new(area.x, area.y));
            }
            Mode::Reading => {}
        }
        let list = |pane: Pane, cursor: ListCursor| {
            let inner = panes.inner(pane)?;
            let line = cursor.selected.checked_sub(cursor.offset)?;
            let line = u16::try_from(line).ok().filter(|l| *l < inner.height)?;
            Some(Position::new(inner.x, inner.y + line))
        };
        match self.view.focus {
            Pane::Briefings => list(Pane::Briefings, self.view.briefings),
            Pane::Outline => list(Pane::Outline, self.view.outline),
            Pane::Article => {
                let text = panes.article_text()?;
                Some(Position::new(text.x, text.y))
            }
            Pane::Takeaways => {
                let inner = panes.inner(Pane::Takeaways)?;
                let takeaways = &self.view.takeaways;
                let start = takeaways
                    .selected()
                    .and_then(|i| self.sidebar().starts.get(i).copied())
                    .unwrap_or(takeaways.scroll());
                let line = start.saturating_sub(takeaways.scroll());
                let line = u16::try_from(line)
                    .unwrap_or(0)
                    .min(inner.height.saturating_sub(1));
                Some(Position::new(inner.x, inner.y + line))
            }
        }
    }
}
