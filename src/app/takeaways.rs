//! The takeaways: jumping to one and the section behind it, the sidebar, the skim view.

use super::panes::Pane;
use super::{App, Mode};
use crate::settings::keymap::Action;

impl App {
    pub(super) fn apply_in_skim(&mut self, action: Action) {
        let count = self.briefing().map_or(0, |b| b.takeaways.len());
        let last = count.saturating_sub(1);
        match action {
            Action::ScrollDown => self.view.skim = (self.view.skim + 1).min(last),
            Action::ScrollUp => self.view.skim = self.view.skim.saturating_sub(1),
            Action::Top => self.view.skim = 0,
            Action::Bottom => self.view.skim = last,
            Action::Open => {
                let index = self.view.skim;
                self.view.mode = Mode::Reading;
                self.jump_to_takeaway(index);
            }
            Action::Takeaway(n) => {
                self.view.mode = Mode::Reading;
                self.jump_to_takeaway(usize::from(n).saturating_sub(1));
            }
            Action::Close | Action::Quit | Action::Skim => self.view.mode = Mode::Reading,
            _ => {}
        }
    }

    /// Selects takeaway `index`, marks its section and scrolls the article there.
    pub fn jump_to_takeaway(&mut self, index: usize) {
        let Some(briefing) = self.briefing() else {
            return;
        };
        let Some(takeaway) = briefing.takeaways.get(index) else {
            let count = briefing.takeaways.len();
            self.view.message = Some(format!(
                "no takeaway {} (this briefing has {count})",
                index + 1
            ));
            return;
        };
        let section = takeaway.section;
        self.view.takeaway = Some(index);
        self.view.marked_section = section;
        self.reveal_takeaway();
        match section.and_then(|s| self.layout.section_rows.get(s).copied()) {
            Some(row) => self.scroll_to(row),
            None => self.view.message = Some("this takeaway names no section".into()),
        }
    }

    pub(super) fn reveal_takeaway(&mut self) {
        let Some(t) = self.view.takeaway else { return };
        let height = self.pane_height(Pane::Takeaways);
        let start = self.sidebar.starts.get(t).copied().unwrap_or(0);
        let end = self
            .sidebar
            .starts
            .get(t + 1)
            .map_or(self.sidebar.rows.len(), |s| s.saturating_sub(1));
        if start < self.view.takeaway_scroll {
            self.view.takeaway_scroll = start;
        } else if end > self.view.takeaway_scroll + height {
            self.view.takeaway_scroll = end.saturating_sub(height).min(start);
        }
    }

    pub(super) fn toggle_takeaways(&mut self) {
        self.view.show_takeaways = !self.view.show_takeaways;
        if !self.view.show_takeaways && self.view.focus == Pane::Takeaways {
            self.view.focus = Pane::Article;
        }
        self.relayout();
        self.view.scroll = self.view.scroll.min(self.max_scroll());
    }
}
