//! The watchlist beyond highlighting: how often each of the reader's terms appears in the
//! open briefing's article (whole words, as highlighted: title, summary, headings and body;
//! the places `W` goes through, so the takeaways are not counted),
//! shown in the sidebar instead of the takeaways (`w`), and a jump to the next place the
//! selected term appears (`W`, or Enter in the sidebar), through the article's search.

use super::{App, Mode};
use crate::content::Briefing;
use crate::text::highlight::Highlighter;

/// Each watchlist term (as the reader wrote it, without repeats) with its count in the article
/// of `briefing` (its takeaways left out: the article's search, which `W` steps with, does not
/// read them).
pub fn counts(briefing: &Briefing, watchlist: &[String]) -> Vec<(String, usize)> {
    let matcher = Highlighter::with_watchlist(&crate::content::Keywords::default(), watchlist);
    let mut terms: Vec<(String, usize)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for term in watchlist {
        let folded = crate::text::fold::fold(term);
        if !folded.is_empty() && !seen.contains(&folded) {
            seen.push(folded);
            terms.push((term.clone(), 0));
        }
    }
    let mut count = |text: &str| {
        for (pattern, _) in matcher.find_terms(text) {
            if let Some((_, n)) = terms.get_mut(pattern) {
                *n += 1;
            }
        }
    };
    count(&briefing.title);
    if let Some(summary) = &briefing.summary {
        count(summary);
    }
    for section in &briefing.sections {
        if let Some(heading) = section.heading() {
            count(heading);
        }
        for (_, _, text) in section.texts() {
            count(text);
        }
    }
    terms
}

impl App {
    /// The watchlist's terms with their counts in the open briefing.
    pub fn watch_counts(&self) -> &[(String, usize)] {
        &self.watch_counts
    }

    /// Counts the watchlist's terms in the open briefing (on opening it).
    pub(super) fn count_watched(&mut self) {
        self.watch_counts = self
            .briefing()
            .map(|b| counts(b, &self.watchlist))
            .unwrap_or_default();
        let last = self.watch_counts.len().saturating_sub(1);
        self.view.watch_selected = self.view.watch_selected.min(last);
    }

    /// The sidebar shows the watchlist's counts instead of the takeaways, or back.
    pub(super) fn toggle_watchlist(&mut self) {
        if self.watchlist.is_empty() {
            self.view.message = Some(
                "no watchlist: add terms with --watch, watchlist.toml or [watchlist] in the config"
                    .into(),
            );
            return;
        }
        self.view.watch = !self.view.watch;
        if self.view.watch && !self.view.show_takeaways {
            self.toggle_takeaways();
        }
    }

    /// Moves the watchlist's selection by `delta`.
    pub(super) fn move_watched(&mut self, delta: isize) {
        let last = self.watch_counts.len().saturating_sub(1);
        self.view.watch_selected = self
            .view
            .watch_selected
            .saturating_add_signed(delta)
            .min(last);
    }

    /// Goes to the next place the selected watchlist term appears, through the article's
    /// search (which `n` and `N` then step through).
    pub(super) fn next_watched(&mut self) {
        let Some((term, count)) = self.watch_counts.get(self.view.watch_selected).cloned() else {
            self.toggle_watchlist();
            return;
        };
        if count == 0 {
            self.view.message = Some(format!("“{term}” is not in this briefing"));
            return;
        }
        if self.view.search.query() == Some(term.as_str()) {
            self.step_match(true);
        } else {
            self.view.search.prompt();
            self.view.search.type_text(&term);
            self.submit_search();
        }
        self.view.mode = Mode::Reading;
    }
}
