//! The takeaways: which one is selected and the section behind it ([`Takeaways`], a
//! sub-state with private fields), jumping to one, the sidebar, the skim view.

use super::panes::Pane;
use super::{App, Mode, scroll};
use crate::settings::keymap::Action;

/// The takeaways' state: the selected takeaway, the section behind it (marked in the article
/// and the outline), the sidebar's scroll and the skim view's selection. Compared with the rest
/// of the view state to decide whether to draw; changed only by [`App::update`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Takeaways {
    selected: Option<usize>,
    marked: Option<usize>,
    scroll: usize,
    skim: usize,
}

impl Takeaways {
    /// The selected takeaway, if any.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The section marked in the article: the one behind the selected takeaway.
    pub fn marked_section(&self) -> Option<usize> {
        self.marked
    }

    /// The first sidebar row on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The selection in the skim view.
    pub fn skim(&self) -> usize {
        self.skim
    }

    /// Selects takeaway `index` and marks `section`, the one behind it.
    fn select(&mut self, index: usize, section: Option<usize>) {
        self.selected = Some(index);
        self.marked = section;
    }

    /// Moves the selection by `delta` among `count` takeaways (from before the first when
    /// none is selected), staying inside them.
    pub(super) fn step(&mut self, delta: isize, count: usize) {
        let Some(last) = count.checked_sub(1) else {
            return;
        };
        let current = self
            .selected
            .map_or(-1, |t| isize::try_from(t).unwrap_or(0));
        let next = current.saturating_add(delta).max(0);
        self.selected = Some(usize::try_from(next).unwrap_or(0).min(last));
    }

    /// Selects the first takeaway if none is (focusing the sidebar).
    pub(super) fn select_any(&mut self) {
        self.selected.get_or_insert(0);
    }

    /// Forgets everything (another briefing opened).
    pub(super) fn reset(&mut self) {
        *self = Self::default();
    }

    /// Forgets the mark (the search cleared).
    pub(super) fn unmark(&mut self) {
        self.marked = None;
    }

    /// Keeps every index inside a briefing that now has `takeaways` takeaways and `sections`
    /// sections (its text changed).
    pub(super) fn clamp(&mut self, takeaways: usize, sections: usize) {
        self.selected = self.selected.filter(|&t| t < takeaways);
        self.skim = self.skim.min(takeaways.saturating_sub(1));
        self.marked = self.marked.filter(|&s| s < sections);
    }

    /// Starts the skim view on the selected takeaway (the first if none is).
    pub(super) fn enter_skim(&mut self) {
        self.skim = self.selected.unwrap_or(0);
    }

    /// Moves the skim selection to `index`, inside `count` takeaways.
    pub(super) fn skim_to(&mut self, index: usize, count: usize) {
        self.skim = index.min(count.saturating_sub(1));
    }

    /// Scrolls the sidebar so that rows `start..end` show in `height` rows.
    pub(super) fn show_rows(&mut self, start: usize, end: usize, height: usize) {
        if start < self.scroll {
            self.scroll = start;
        } else if end > self.scroll + height {
            self.scroll = end.saturating_sub(height).min(start);
        }
    }

    /// Scrolls the sidebar by `delta` rows, at most to `max`.
    pub(super) fn scroll_by(&mut self, delta: isize, max: usize) {
        self.scroll = scroll::offset(self.scroll, delta, max);
    }

    /// Keeps the sidebar's scroll at most `max`.
    pub(super) fn clamp_scroll(&mut self, max: usize) {
        self.scroll = self.scroll.min(max);
    }
}

impl App {
    pub(super) fn apply_in_skim(&mut self, action: Action) {
        let count = self.briefing().map_or(0, |b| b.takeaways.len());
        let skim = self.view.takeaways.skim();
        let takeaways = &mut self.view.takeaways;
        match action {
            Action::ScrollDown => takeaways.skim_to(skim + 1, count),
            Action::ScrollUp => takeaways.skim_to(skim.saturating_sub(1), count),
            Action::Top => takeaways.skim_to(0, count),
            Action::Bottom => takeaways.skim_to(usize::MAX, count),
            Action::Open => {
                let index = skim;
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
        self.view.takeaways.select(index, section);
        self.reveal_takeaway();
        match section.and_then(|s| self.layout.section_row(s)) {
            Some(row) => self.scroll_to(row),
            None => self.view.message = Some("this takeaway names no section".into()),
        }
    }

    pub(super) fn reveal_takeaway(&mut self) {
        let Some(t) = self.view.takeaways.selected() else {
            return;
        };
        let height = self.pane_height(Pane::Takeaways);
        let start = self.sidebar.starts.get(t).copied().unwrap_or(0);
        let end = self
            .sidebar
            .starts
            .get(t + 1)
            .map_or(self.sidebar.rows.len(), |s| s.saturating_sub(1));
        self.view.takeaways.show_rows(start, end, height);
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
        assert_eq!(app.view.takeaways.skim(), 4);
        app.update(Msg::Action(Action::Close));
        app.open(1);
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("one"));
        assert_eq!(app.view.takeaways.skim(), 0);
        app.update(Msg::Action(Action::Skim));
        assert_eq!(app.view.mode, Mode::Skim);
        app.update(Msg::Action(Action::Bottom));
        assert_eq!(
            app.view.takeaways.skim(),
            0,
            "one takeaway: the last is the first"
        );
    }

    use super::Takeaways;

    #[test]
    fn stepping_starts_before_the_first_and_stays_inside() {
        let mut t = Takeaways::default();
        t.step(1, 3);
        assert_eq!(t.selected(), Some(0));
        t.step(10, 3);
        assert_eq!(t.selected(), Some(2));
        t.step(-10, 3);
        assert_eq!(t.selected(), Some(0));
        let mut none = Takeaways::default();
        none.step(1, 0);
        assert_eq!(none.selected(), None, "no takeaways: nothing to select");
        none.select_any();
        assert_eq!(none.selected(), Some(0));
    }

    #[test]
    fn a_changed_briefing_keeps_every_index_inside_it() {
        let mut t = Takeaways::default();
        t.select(4, Some(7));
        t.enter_skim();
        assert_eq!(t.skim(), 4);
        t.clamp(3, 5);
        assert_eq!(
            (t.selected(), t.marked_section(), t.skim()),
            (None, None, 2)
        );
        t.select(1, Some(2));
        t.clamp(3, 5);
        assert_eq!((t.selected(), t.marked_section()), (Some(1), Some(2)));
        t.unmark();
        assert_eq!(t.marked_section(), None);
        t.reset();
        assert_eq!(t, Takeaways::default());
    }

    #[test]
    fn the_sidebar_scrolls_just_enough_to_show_a_takeaway() {
        let mut t = Takeaways::default();
        t.show_rows(12, 15, 10);
        assert_eq!(t.scroll(), 5, "its last row at the bottom");
        t.show_rows(2, 4, 10);
        assert_eq!(t.scroll(), 2, "its first row at the top");
        t.show_rows(2, 30, 10);
        assert_eq!(
            t.scroll(),
            2,
            "taller than the pane: its start stays in view"
        );
        t.scroll_by(100, 7);
        assert_eq!(t.scroll(), 7);
        t.clamp_scroll(3);
        assert_eq!(t.scroll(), 3);
    }
}
