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

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::app::{App, Mode, Msg};
    use crate::content;
    use crate::library::Library;
    use crate::settings::keymap::{Action, Keymap};

    fn briefing(title: &str, date: &str, takeaways: usize) -> content::Briefing {
        let mut text = format!(
            "[briefing]\ntitle = \"{title}\"\ndate = {date}\n[[sections]]\nid = \"s\"\nbody = \"text\"\n"
        );
        for i in 0..takeaways {
            let _ = writeln!(text, "[[takeaways]]\ntext = \"point {i}\"\nsection = \"s\"");
        }
        let mut b = content::parse(title, &text).expect("parses");
        b.key = title.to_owned();
        b
    }

    #[test]
    fn the_skim_selection_starts_over_in_another_briefing() {
        let mut library = Library::default();
        library.extend([
            Ok(briefing("many", "2025-01-02", 5)),
            Ok(briefing("one", "2025-01-01", 1)),
        ]);
        let mut app = App::new(
            library,
            crate::settings::theme::Theme::default(),
            Keymap::default(),
        );
        app.update(Msg::Resize(120, 40));
        app.update(Msg::Action(Action::Skim));
        app.update(Msg::Action(Action::Bottom));
        assert_eq!(app.view.skim, 4);
        app.update(Msg::Action(Action::Close));
        app.open(1);
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("one"));
        assert_eq!(app.view.skim, 0);
        app.update(Msg::Action(Action::Skim));
        assert_eq!(app.view.mode, Mode::Skim);
        app.update(Msg::Action(Action::Bottom));
        assert_eq!(app.view.skim, 0, "one takeaway: the last is the first");
    }
}
