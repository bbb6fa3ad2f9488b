//! Searching the open article: the prompt's text, the query run, its matches and which one
//! is current ([`Search`], a sub-state with private fields), and how the reader is moved to a
//! match.

use std::ops::Range;

use super::layout::{ArticleLayout, fold_query};
use super::panes::Pane;
use super::{App, Mode};
use crate::content::Briefing;

/// A match: the wrapped text it is in (an index into the layout's texts) and its byte range
/// in that text.
pub type Hit = (usize, Range<usize>);

/// The search in the open article. Compared with the rest of the view state to decide whether
/// to draw; changed only by [`App::update`], through the methods below.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// Text typed at the prompt.
    input: String,
    /// The query run, if any (trimmed, never empty).
    query: Option<String>,
    /// Index of the current match in `hits`.
    current: Option<usize>,
    /// Every match of `query` in the open article, in reading order.
    hits: Vec<Hit>,
}

impl Search {
    /// Text typed at the prompt.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The query run, if any.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// Index of the current match, once one was shown.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Every match, in reading order.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Starts a new prompt.
    pub(super) fn prompt(&mut self) {
        self.input.clear();
    }

    /// Adds typed or pasted text to the prompt.
    pub(super) fn type_text(&mut self, text: &str) {
        self.input.push_str(text);
    }

    /// Deletes the prompt's last character.
    pub(super) fn backspace(&mut self, count: usize) {
        super::pop_chars(&mut self.input, count);
    }

    /// Runs the prompt's text over `layout` of `briefing`; false when it is blank (and the
    /// search is then cleared).
    pub(super) fn run(&mut self, layout: &ArticleLayout, briefing: &Briefing) -> bool {
        let query = self.input.trim().to_owned();
        if query.is_empty() {
            self.clear();
            return false;
        }
        self.hits = layout.search(briefing, &fold_query(&query));
        self.query = Some(query);
        self.current = None;
        true
    }

    /// Finds the query again in a new layout (the same text at another width); the current
    /// match stays (the same matches, in the same order).
    pub(super) fn find_again(&mut self, layout: &ArticleLayout, briefing: &Briefing) {
        if let Some(query) = &self.query {
            self.hits = layout.search(briefing, &fold_query(query));
        }
    }

    /// The text changed: matches are found again and numbering starts over.
    pub(super) fn restart(&mut self, layout: &ArticleLayout, briefing: &Briefing) {
        self.find_again(layout, briefing);
        self.current = None;
    }

    /// The next or previous match (the first when none is current), and whether that wrapped
    /// round an end; `None` when there is none.
    pub(super) fn step(&self, forward: bool) -> Option<(usize, bool)> {
        let count = self.hits.len();
        if count == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        let wrapped = self
            .current
            .is_some_and(|i| (forward && next <= i) || (!forward && next >= i));
        Some((next, wrapped))
    }

    /// Makes match `index` the current one; returns it, or `None` if there is no such match.
    pub(super) fn select(&mut self, index: usize) -> Option<Hit> {
        let hit = self.hits.get(index).cloned()?;
        self.current = Some(index);
        Some(hit)
    }

    /// The query and the current match, to be kept while another briefing is open.
    pub(super) fn saved(&self) -> Option<(String, Option<usize>)> {
        self.query.clone().map(|q| (q, self.current))
    }

    /// Runs a kept query again over `layout` of `briefing`, with the match that was current
    /// (if it is still there).
    pub(super) fn restore(
        &mut self,
        (query, current): (String, Option<usize>),
        layout: &ArticleLayout,
        briefing: &Briefing,
    ) {
        self.input.clone_from(&query);
        if self.run(layout, briefing) {
            self.current = current.filter(|&i| i < self.hits.len());
        }
    }

    /// Forgets the query and its matches (the prompt's text stays).
    pub(super) fn clear(&mut self) {
        self.query = None;
        self.current = None;
        self.hits.clear();
    }
}

impl App {
    pub(super) fn submit_search(&mut self) {
        self.view.mode = Mode::Reading;
        let Some(briefing) = self.library.briefings.get(self.open.at) else {
            return;
        };
        if !self.view.search.run(&self.layout, briefing) {
            self.clear_search();
            return;
        }
        if self.view.search.hits().is_empty() {
            let query = self.view.search.query().unwrap_or_default();
            self.view.message = Some(format!(
                "no match for “{}”",
                crate::text::truncate(query, 40)
            ));
            return;
        }
        // The first match at or below the top of the screen.
        let top = self.view.scroll;
        // Hits are in document order: their rows never decrease.
        let hits = self.view.search.hits();
        let first = hits.partition_point(|(u, r)| self.text_row(*u, r.start) < top);
        self.show_match(if first < hits.len() { first } else { 0 });
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let Some((next, wrapped)) = self.view.search.step(forward) else {
            self.view.message = Some(match self.view.search.query() {
                Some(_) => "no matches".into(),
                None => "no search: press / to search".into(),
            });
            return;
        };
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
        let Some((unit, range)) = self.view.search.select(index) else {
            return;
        };
        let row = self.text_row(unit, range.start);
        let height = self.article_height();
        if row < self.view.scroll || row >= self.view.scroll + height {
            // Put the match a third of the way down, with context above it.
            self.scroll_to(row.saturating_sub(height / 3));
        }
        self.view.focus = Pane::Article;
    }

    pub(super) fn clear_search(&mut self) {
        self.view.search.clear();
        self.view.takeaways.unmark();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_hits(n: usize) -> Search {
        Search {
            input: "x".into(),
            query: Some("x".into()),
            current: None,
            hits: (0..n).map(|i| (i, 0..1)).collect(),
        }
    }

    #[test]
    fn stepping_starts_at_the_first_match_and_wraps_both_ways() {
        let mut s = with_hits(3);
        assert_eq!(s.step(true), Some((0, false)));
        assert_eq!(s.step(false), Some((0, false)));
        s.select(2);
        assert_eq!(
            s.step(true),
            Some((0, true)),
            "past the last: wrapped to the top"
        );
        s.select(0);
        assert_eq!(
            s.step(false),
            Some((2, true)),
            "before the first: to the bottom"
        );
        assert_eq!(s.step(true), Some((1, false)));
        assert_eq!(with_hits(0).step(true), None);
        // One match: every step wraps onto itself.
        let mut one = with_hits(1);
        one.select(0);
        assert_eq!(one.step(true), Some((0, true)));
    }

    #[test]
    fn selecting_a_match_that_is_not_there_changes_nothing() {
        let mut s = with_hits(2);
        assert_eq!(s.select(5), None);
        assert_eq!(s.current(), None);
        assert_eq!(s.select(1), Some((1, 0..1)));
        assert_eq!(s.current(), Some(1));
    }

    #[test]
    fn the_prompt_and_the_query_are_kept_apart() {
        let mut s = Search::default();
        s.type_text("ab");
        s.backspace(1);
        s.type_text("c");
        assert_eq!(s.input(), "ac");
        assert_eq!(s.query(), None);
        let mut s = with_hits(2);
        s.select(1);
        s.clear();
        assert_eq!((s.query(), s.current(), s.hits().len()), (None, None, 0));
        assert_eq!(s.input(), "x", "the prompt's text stays for the next /");
        s.prompt();
        assert_eq!(s.input(), "");
    }
}
