//! Searching the open article: matches found, stepped through, shown and cleared.

use super::layout::fold_query;
use super::panes::Pane;
use super::{App, Mode};

impl App {
    pub(super) fn submit_search(&mut self) {
        self.view.mode = Mode::Reading;
        let query = self.view.search_input.trim().to_owned();
        if query.is_empty() {
            self.clear_search();
            return;
        }
        let Some(briefing) = self.briefing() else {
            return;
        };
        self.hits = self.layout.search(briefing, &fold_query(&query));
        self.view.search = Some(query.clone());
        self.view.search_current = None;
        if self.hits.is_empty() {
            self.view.message = Some(format!(
                "no match for “{}”",
                crate::text::truncate(&query, 40)
            ));
            return;
        }
        // The first match at or below the top of the screen.
        let top = self.view.scroll;
        let first = self
            .hits
            .iter()
            .position(|(u, r)| self.layout.row_of(*u, r.start) >= top);
        self.show_match(first.unwrap_or(0));
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let count = self.hits.len();
        if count == 0 {
            self.view.message = Some(match &self.view.search {
                Some(_) => "no matches".into(),
                None => "no search: press / to search".into(),
            });
            return;
        }
        let next = match (self.view.search_current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        let wrapped = self
            .view
            .search_current
            .is_some_and(|i| (forward && next <= i) || (!forward && next >= i));
        self.show_match(next);
        if wrapped {
            self.view.message = Some(
                if forward {
                    "search wrapped to the top"
                } else {
                    "search wrapped to the bottom"
                }
                .into(),
            );
        }
    }

    pub(super) fn show_match(&mut self, index: usize) {
        let Some((unit, range)) = self.hits.get(index).cloned() else {
            return;
        };
        self.view.search_current = Some(index);
        let row = self.layout.row_of(unit, range.start);
        let height = self.article_height();
        if row < self.view.scroll || row >= self.view.scroll + height {
            // Put the match a third of the way down, with context above it.
            self.scroll_to(row.saturating_sub(height / 3));
        }
        self.view.focus = Pane::Article;
    }

    pub(super) fn clear_search(&mut self) {
        self.view.search = None;
        self.view.search_current = None;
        self.hits.clear();
        self.view.marked_section = None;
    }
}
