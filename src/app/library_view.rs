//! The briefings list as the reader sees it: sorted (by date, title or last read), filtered
//! (by tag, date range, read state or words), and each row marked unread, read or changed
//! since read. The rows are a view over the library's briefings (indices into
//! `library.briefings`), recomputed when the library, the reader's read state, the sort or
//! the filter changes; the list's cursor points into the rows.

mod filter;

use std::collections::HashMap;

pub use filter::Filter;

use super::App;
use crate::content::Briefing;
use crate::store::positions::{Positions, ReadState};

/// How the briefings list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first, undated last (the library's own order).
    #[default]
    Date,
    /// By title, case-insensitively, then newest first.
    Title,
    /// The most recently read first, then the never-read ones newest first.
    LastRead,
}

impl Sort {
    /// The next order in the cycle the sort key steps through.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Date => Self::Title,
            Self::Title => Self::LastRead,
            Self::LastRead => Self::Date,
        }
    }

    /// How the order is named in the list's title.
    pub fn name(self) -> &'static str {
        match self {
            Self::Date => "by date",
            Self::Title => "by title",
            Self::LastRead => "by last read",
        }
    }
}

/// A briefing's read state, as its row shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Never read.
    Unread,
    /// Read, and no section changed since.
    Read,
    /// Read, and some section changed (or was added) since.
    Changed,
}

impl Mark {
    /// The one-cell sign a row shows: `•` unread, `Δ` changed since read, a blank read.
    pub fn sign(self) -> &'static str {
        match self {
            Self::Unread => "•",
            Self::Read => " ",
            Self::Changed => "Δ",
        }
    }
}

/// What was read, by briefing id: when, as a sequence number (higher is more recent), and what
/// the reading saw. Built from the store's positions, and kept in step with this session's
/// visits one at a time.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    by_id: HashMap<String, (u64, Option<ReadState>)>,
    /// The sequence number of the next reading recorded.
    next: u64,
}

impl Reading {
    /// The index of `positions` (most recent first).
    pub fn new(positions: &Positions) -> Self {
        let entries = positions.entries();
        let mut by_id = HashMap::with_capacity(entries.len());
        for (rank, p) in entries.iter().enumerate() {
            if !p.id.is_empty() {
                let order = u64::try_from(entries.len() - rank).unwrap_or(0);
                by_id.entry(p.id.clone()).or_insert((order, p.read.clone()));
            }
        }
        let next = u64::try_from(entries.len()).unwrap_or(0) + 1;
        Self { by_id, next }
    }

    /// Records a reading of briefing `id`, the most recent now.
    pub fn record(&mut self, id: &str, read: Option<ReadState>) {
        self.by_id.insert(id.to_owned(), (self.next, read));
        self.next += 1;
    }

    /// The read state of `briefing` (a briefing known only from before ids counts as unread).
    pub fn mark(&self, briefing: &Briefing) -> Mark {
        match self.by_id.get(briefing.id.as_str()) {
            None => Mark::Unread,
            Some((_, Some(read))) if !read.sections.is_empty() && read.any_changed(briefing) => {
                Mark::Changed
            }
            Some(_) => Mark::Read,
        }
    }

    /// The sections of `briefing` changed or added since it was read; empty when it was never
    /// read (nothing to compare with) or nothing changed.
    pub fn changed_sections(&self, briefing: &Briefing) -> Vec<usize> {
        match self.by_id.get(briefing.id.as_str()) {
            Some((_, Some(read))) if !read.sections.is_empty() => read.changed(briefing),
            _ => Vec::new(),
        }
    }

    /// When `briefing` was last read, as a sequence number (higher is more recent); `None`
    /// when never.
    fn order(&self, briefing: &Briefing) -> Option<u64> {
        self.by_id
            .get(briefing.id.as_str())
            .map(|(order, _)| *order)
    }
}

/// The rows of the list for `briefings`: those `filter` keeps, in `sort` order.
pub fn rows(
    briefings: &[std::sync::Arc<Briefing>],
    reading: &Reading,
    sort: Sort,
    filter: &Filter,
) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..briefings.len())
        .filter(|&i| {
            briefings
                .get(i)
                .is_some_and(|b| filter.keeps(b, || reading.mark(b)))
        })
        .collect();
    match sort {
        // The library is kept newest first already.
        Sort::Date => {}
        Sort::Title => {
            let keys: HashMap<usize, String> = rows
                .iter()
                .filter_map(|&i| Some((i, crate::text::fold::fold(&briefings.get(i)?.title))))
                .collect();
            rows.sort_by(|a, b| keys.get(a).cmp(&keys.get(b)).then(a.cmp(b)));
        }
        Sort::LastRead => rows.sort_by_key(|&i| {
            let order = briefings.get(i).and_then(|b| reading.order(b));
            (std::cmp::Reverse(order), i)
        }),
    }
    rows
}

impl App {
    /// The rows of the briefings list: indices into `library.briefings`, in the order shown.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The briefing shown on list row `row`.
    pub fn row_briefing(&self, row: usize) -> Option<usize> {
        self.rows.get(row).copied()
    }

    /// The list row showing briefing `index`, if the filter keeps it.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        self.rows.iter().position(|&i| i == index)
    }

    /// The read state of briefing `index`; the open briefing is read as soon as the reader
    /// reads in it (it is recorded so when they leave it).
    pub fn mark(&self, index: usize) -> Mark {
        if index == self.current() && self.viewed {
            return Mark::Read;
        }
        self.library
            .briefings
            .get(index)
            .map_or(Mark::Read, |b| self.reading.mark(b))
    }

    /// The sections of the open briefing changed since it was last read.
    pub fn changed_sections(&self) -> &[usize] {
        &self.changed
    }

    /// Recomputes the rows (after the library, the read state, the sort or the filter
    /// changed), keeping the selection on the same briefing where it is still shown.
    pub(super) fn refresh_rows(&mut self) {
        self.refresh_rows_selecting(self.row_briefing(self.view.briefings.selected));
    }

    /// Recomputes the rows, selecting the row of briefing `selected` (an index into the
    /// library as it is now), else the open briefing's, else the first.
    pub(super) fn refresh_rows_selecting(&mut self, selected: Option<usize>) {
        self.rows = rows(
            &self.library.briefings,
            &self.reading,
            self.view.sort,
            &self.view.filter,
        );
        if let Some(name) = self.view.filter.mention() {
            // Mentions are indices into one snapshot of the library: the name and the snapshot
            // must both be the ones they were found for.
            let folded = (
                crate::text::fold::fold(name),
                std::sync::Arc::as_ptr(&self.library) as usize,
            );
            let known = self.mentions.as_ref().is_some_and(|(n, _)| *n == folded);
            // Finding the mentions reads the whole library: done once the name is entered
            // (or chosen in the entity index), never at each key while it is typed.
            if !known && self.view.mode != super::Mode::Filter {
                let found = crate::library::entities::mentions(&self.library, name);
                let briefings = found.into_iter().map(|m| m.briefing).collect();
                self.mentions = Some((folded.clone(), briefings));
            }
            if let Some((_, briefings)) = self.mentions.as_ref().filter(|(n, _)| *n == folded) {
                let mut keep = vec![false; self.library.briefings.len()];
                for &i in briefings {
                    if let Some(slot) = keep.get_mut(i) {
                        *slot = true;
                    }
                }
                self.rows.retain(|&i| keep.get(i).copied().unwrap_or(false));
            }
        }
        let count = self.rows.len();
        let height = self.pane_height(super::panes::Pane::Briefings);
        let row = selected
            .and_then(|i| self.row_of(i))
            .or_else(|| self.row_of(self.current()))
            .unwrap_or(0);
        self.view.briefings.select(row, count, height);
    }

    /// The store's positions arrived: the read state is read from them whole.
    pub(super) fn refresh_reading(&mut self) {
        self.reading = Reading::new(&self.positions);
        self.find_changed();
        self.refresh_rows();
    }

    /// The open briefing's sections changed since it was last read, as the outline marks them
    /// (kept while it stays open, though leaving it records it as read).
    pub(super) fn find_changed(&mut self) {
        self.changed_cursor = None;
        self.changed = self
            .briefing()
            .map(|b| self.reading.changed_sections(b))
            .unwrap_or_default();
    }
}

/// Longest filter kept, in characters.
const MAX_FILTER: usize = 256;

impl App {
    /// The status line's prompt while one is open: `/query` for the search, `filter: …`.
    pub fn prompt_line(&self) -> Option<String> {
        match self.view.mode {
            super::Mode::Search => Some(format!("/{}", self.view.search.input())),
            super::Mode::Filter => Some(format!("filter: {}", self.view.filter_input)),
            _ => None,
        }
    }

    /// Text typed (or pasted) into the prompt that is open.
    pub(super) fn prompt_text(&mut self, text: &str) {
        match self.view.mode {
            super::Mode::Search => self.view.search.type_text(text),
            super::Mode::Filter => {
                super::push_chars(&mut self.view.filter_input, text, MAX_FILTER);
                self.apply_filter();
            }
            super::Mode::Find => self.finder_text(text),
            super::Mode::LibrarySearch => self.library_search_text(text),
            super::Mode::Entities => self.entities_text(text),
            _ => {}
        }
    }

    /// Backspace in the prompt that is open.
    pub(super) fn prompt_backspace(&mut self) {
        self.prompt_erase(super::Erase::Char);
    }

    /// Erases the last character, the last word (Ctrl-W) or everything (Ctrl-U) of the prompt
    /// that is open, and runs what depends on it once.
    pub(super) fn prompt_erase(&mut self, erase: super::Erase) {
        let input = match self.view.mode {
            super::Mode::Search => self.view.search.input(),
            super::Mode::Filter => &self.view.filter_input,
            super::Mode::Find => self.view.finder.query(),
            super::Mode::LibrarySearch => self.view.library_search.input(),
            super::Mode::Entities => self.view.entities.query(),
            _ => return,
        };
        let count = erase.count(input);
        match self.view.mode {
            super::Mode::Search => self.view.search.backspace(count),
            super::Mode::Filter => {
                super::pop_chars(&mut self.view.filter_input, count);
                self.apply_filter();
            }
            super::Mode::Find => self.finder_backspace(count),
            super::Mode::LibrarySearch => self.library_search_backspace(count),
            super::Mode::Entities => self.entities_backspace(count),
            _ => {}
        }
    }

    /// Enter in the prompt that is open.
    pub(super) fn prompt_submit(&mut self) {
        match self.view.mode {
            super::Mode::Search => self.submit_search(),
            super::Mode::Find => self.finder_open(),
            super::Mode::LibrarySearch => self.library_search_open(),
            super::Mode::Entities => self.entities_open(),
            super::Mode::Filter => {
                self.view.mode = super::Mode::Reading;
                self.apply_filter();
                if let Some(problem) = self.view.filter.problems.first() {
                    self.view.message = Some(problem.clone());
                } else if !self.view.filter.is_empty() {
                    let shown = crate::text::count(self.rows.len(), "briefing", "briefings");
                    self.view.message = Some(format!("{shown} shown; Esc shows every one"));
                }
                if self.view.filter.is_empty() || !self.rows.is_empty() {
                    self.focus_list();
                }
            }
            _ => {}
        }
    }

    /// The filter as typed so far, applied to the list at once.
    pub(super) fn apply_filter(&mut self) {
        self.view.filter = Filter::parse(&self.view.filter_input, self.today);
        self.refresh_rows();
    }

    /// Esc: clears the search, else the filter, else leaves the library view.
    pub(super) fn close(&mut self) {
        if self.view.search.query().is_some() {
            self.clear_search();
        } else if !self.view.filter.is_empty() {
            self.view.filter = Filter::default();
            self.view.filter_input.clear();
            self.mentions = None;
            self.refresh_rows();
            self.view.message = Some("every briefing shown".into());
        } else if self.view.library {
            self.toggle_library();
        } else {
            self.clear_search();
        }
    }

    /// The briefings list as the main pane (with a preview of the selected briefing), or back
    /// to the article.
    pub(super) fn toggle_library(&mut self) {
        self.view.library = !self.view.library;
        if self.view.library {
            self.view.zoom = false;
            self.view.focus = super::panes::Pane::Briefings;
        } else if self.view.focus == super::panes::Pane::Briefings {
            self.view.focus = super::panes::Pane::Article;
        }
        self.relayout();
        self.clamp_views();
    }

    /// Focus on the briefings list, where it is shown at all.
    fn focus_list(&mut self) {
        if !self.view.zoom {
            self.view.focus = super::panes::Pane::Briefings;
        }
    }

    /// Scrolls to the next section of the open briefing changed since it was last read,
    /// after the one at the top (round to the first).
    pub(super) fn next_changed(&mut self) {
        if self.changed.is_empty() {
            self.view.message = Some(if self.reading.by_id.is_empty() {
                "nothing read yet: no section to compare".into()
            } else {
                "no section changed since you last read this briefing".into()
            });
            return;
        }
        // After the one `c` went to last, else after the section at the top once the reader
        // has scrolled (a short article never scrolls: the outline shows where `c` went).
        let after = self
            .changed_cursor
            .or_else(|| self.current_section().filter(|_| self.view.scroll > 0));
        let first = self.changed.first().copied();
        let next = match after {
            Some(after) => self.changed.iter().copied().find(|&s| s > after).or(first),
            None => first,
        };
        let Some(next) = next else { return };
        self.changed_cursor = Some(next);
        if let Some(row) = self.layout.section_row(next) {
            self.scroll_to(row);
        }
        let count = self.briefing().map_or(0, |b| b.sections.len());
        let height = self.pane_height(super::panes::Pane::Outline);
        self.view.outline.select(next, count, height);
        self.view.focus = super::panes::Pane::Article;
    }
}

#[cfg(test)]
mod tests;
