//! Moving through the open briefing and the lists: scrolling, paging, sections, focus, and
//! keeping every cursor inside what it points into.

use super::panes::Pane;
use super::{App, Mode, scroll};

impl App {
    /// Rows the article shows at once.
    pub(super) fn article_height(&self) -> usize {
        let panes = self.panes_with(Pane::Article);
        panes.inner_height(Pane::Article).max(1)
    }

    /// A page (`div` 1) or half page (`div` 2) of the focused pane, as a signed step.
    pub(super) fn page(&self, div: usize) -> isize {
        let height = match self.view.mode {
            Mode::Help | Mode::Diagnostics | Mode::Digest => self.overlay_height(),
            _ => self.pane_height(self.view.focus),
        };
        let step = if div == 1 {
            height.saturating_sub(2)
        } else {
            height / div
        };
        isize::try_from(step.max(1)).unwrap_or(1)
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        match self.view.focus {
            Pane::Article => self.scroll_article(delta),
            Pane::Briefings => {
                let count = self.rows.len();
                let height = self.pane_height(Pane::Briefings);
                self.view.briefings.move_by(delta, count, height);
            }
            Pane::Outline => {
                let count = self.briefing().map_or(0, |b| b.sections.len());
                let height = self.pane_height(Pane::Outline);
                self.view.outline.move_by(delta, count, height);
            }
            Pane::Takeaways if self.view.watch => self.move_watched(delta),
            Pane::Takeaways => {
                let count = self.briefing().map_or(0, |b| b.takeaways.len());
                self.view.takeaways.step(delta, count);
                self.reveal_takeaway();
            }
        }
    }

    pub(super) fn max_scroll(&self) -> usize {
        self.layout
            .row_count()
            .saturating_sub(self.article_height())
    }

    pub(super) fn scroll_article(&mut self, delta: isize) {
        self.view.scroll = scroll::offset(self.view.scroll, delta, self.max_scroll());
        self.sync_outline();
    }

    /// Moves the article to `row` (navigation: sections, takeaways, search). Where the layout
    /// shows one pane at a time and it is not the article, the article comes into view.
    pub(super) fn scroll_to(&mut self, row: usize) {
        self.view.scroll = row.min(self.max_scroll());
        self.sync_outline();
        if self.panes().article.is_none() {
            self.view.focus = Pane::Article;
        }
    }

    /// The section at the top of the article.
    pub fn current_section(&self) -> Option<usize> {
        self.layout.section_at(self.view.scroll)
    }

    /// How far the article is scrolled, 0–100: 0 at the top, 100 at the end (and whenever the
    /// whole article fits), in proportion in between, like a pager's position.
    pub fn percent_read(&self) -> usize {
        let max = self.max_scroll();
        if max == 0 {
            return 100;
        }
        self.view.scroll.min(max) * 100 / max
    }

    /// Rows of content a pane shows when it is on screen (it may be hidden right now).
    pub(super) fn pane_height(&self, pane: Pane) -> usize {
        // The list is where it is drawn (the main pane in the library view); the others keep
        // to where they are when shown.
        let panes = if pane == Pane::Briefings {
            self.geometry.panes(pane)
        } else {
            self.panes_with(pane)
        };
        panes.inner_height(pane).max(1)
    }

    pub(super) fn sync_outline(&mut self) {
        if let Some(section) = self.current_section() {
            let count = self.briefing().map_or(0, |b| b.sections.len());
            let height = self.pane_height(Pane::Outline);
            self.view.outline.select(section, count, height);
        }
    }

    /// After a resize: every list, sidebar and overlay scrolled so its selection is in view and
    /// no more than needed is blank.
    pub(super) fn clamp_views(&mut self) {
        let count = self.rows.len();
        let selected = self.view.briefings.selected;
        let height = self.pane_height(Pane::Briefings);
        self.view.briefings.select(selected, count, height);
        let sections = self.briefing().map_or(0, |b| b.sections.len());
        let selected = self.view.outline.selected;
        let height = self.pane_height(Pane::Outline);
        self.view.outline.select(selected, sections, height);
        let height = self.pane_height(Pane::Takeaways);
        let max = self.sidebar.rows.len().saturating_sub(height);
        self.view.takeaways.clamp_scroll(max);
        self.reveal_takeaway();
        let max = self.overlay_len().saturating_sub(self.overlay_height());
        self.view.overlay_scroll = self.view.overlay_scroll.min(max);
    }

    pub(super) fn step_section(&mut self, forward: bool) {
        let scroll = self.view.scroll;
        let target = if forward {
            self.layout.section_rows().find(|&s| s > scroll)
        } else {
            self.layout.section_rows().rev().find(|&s| s < scroll)
        };
        match target {
            Some(row) => self.scroll_to(row),
            None if !forward => self.scroll_to(0),
            None => {}
        }
        if forward && self.view.scroll == scroll {
            // Either no section follows, or the rest already fits on this screen.
            self.view.message = Some("end of the briefing: no further section to jump to".into());
        }
    }

    pub(super) fn cycle_focus(&mut self, step: usize) {
        let order = Pane::ORDER;
        let at = order
            .iter()
            .position(|p| *p == self.view.focus)
            .unwrap_or(0);
        let mut next = order[(at + step) % order.len()];
        // A hidden or empty sidebar is skipped rather than focused invisibly.
        let no_takeaways = self.briefing().is_none_or(|b| b.takeaways.is_empty());
        if next == Pane::Takeaways && (no_takeaways || !self.view.show_takeaways) {
            next = order[(at + 2 * step) % order.len()];
        }
        self.view.focus = next;
        if next == Pane::Takeaways {
            self.view.takeaways.select_any();
        }
    }
}
