//! The mouse: a click focuses a pane or picks an item, the wheel scrolls the pane under it.

use super::panes::Pane;
use super::{App, Mode};

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.view.mode != Mode::Reading {
            return;
        }
        let panes = self.panes();
        let Some(pane) = panes.at(column, row) else {
            return;
        };
        self.view.focus = pane;
        let Some(rect) = panes.get(pane) else { return };
        let line = usize::from(row.saturating_sub(rect.y + 1));
        if row <= rect.y || row >= rect.bottom().saturating_sub(1) {
            return;
        }
        match pane {
            Pane::Briefings => {
                let row = self.view.briefings.offset + line;
                if row < self.rows.len() {
                    self.view.briefings.selected = row;
                    self.open_selected();
                }
            }
            Pane::Outline => {
                let index = self.view.outline.offset + line;
                if index < self.briefing().map_or(0, |b| b.sections.len()) {
                    self.view.outline.selected = index;
                    self.open_selected();
                }
            }
            Pane::Takeaways => {
                if let Some(t) = self
                    .sidebar
                    .takeaway_at(self.view.takeaways.scroll() + line)
                {
                    self.jump_to_takeaway(t);
                }
            }
            Pane::Article => {}
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let delta = if down { 3 } else { -3 };
        match self.view.mode {
            Mode::Help | Mode::Diagnostics | Mode::Digest => return self.scroll_overlay(delta),
            Mode::Reading => {}
            _ => return,
        }
        let Some(pane) = self.panes().at(column, row) else {
            return;
        };
        let focus = self.view.focus;
        self.view.focus = pane;
        if pane == Pane::Takeaways {
            let height = self.panes().inner_height(Pane::Takeaways);
            let max = self.sidebar.rows.len().saturating_sub(height);
            self.view.takeaways.scroll_by(delta, max);
        } else {
            self.move_by(delta);
        }
        self.view.focus = focus;
    }
}
