//! Search across the library (`S`): a query typed in a panel, its results (briefing ›
//! section › snippet, ranked by [`crate::library::find`]) updated as it is typed, and Enter
//! opening the briefing at the match with the article's search set to find the rest.
//!
//! The state stays free of threads: each change of the query is a new *generation* the
//! driver takes ([`App::take_library_search`]), searches on a worker of its own (cancelling
//! the one before) and answers with [`super::Msg::Found`]; answers for an older generation
//! are dropped. So keys are never kept waiting for a search.

use std::sync::Arc;

use super::{App, Mode};
use crate::library::find::{Hit, Place, Query, Results};

/// Longest query kept, in characters.
const MAX_QUERY: usize = 256;

/// Work the reader asks its driver to do off its thread (see [`App::take_work`]): the answer
/// is a message for [`App::update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// A search across the library; answered with [`super::Msg::Found`].
    Search(SearchRequest),
    /// The entity index of the library; answered with [`super::Msg::Entities`].
    Entities {
        /// Which opening of the index it is for.
        generation: u64,
        /// The reader's watchlist terms, indexed too.
        watchlist: Vec<String>,
    },
}

impl Work {
    /// Does the work over `library`: the message that answers it, or `None` when it was
    /// cancelled (`cancelled` set) before it finished.
    pub fn run(
        self,
        library: &crate::library::Library,
        cancelled: &std::sync::atomic::AtomicBool,
    ) -> Option<super::Msg> {
        match self {
            Self::Search(request) => {
                let results = request.run(library, cancelled)?;
                Some(super::Msg::Found(request.generation, Arc::new(results)))
            }
            Self::Entities {
                generation,
                watchlist,
            } => {
                let index = crate::library::entities::entities(library, &watchlist);
                Some(super::Msg::Entities(
                    generation,
                    super::entity_view::Index::new(index),
                ))
            }
        }
    }
}

/// A search across the library for the driver to run (see [`App::take_work`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Which change of the query it is for: the answer carries it back.
    pub generation: u64,
    /// The query, as typed (see [`Query::parse`]).
    pub query: String,
    /// How wide the panel shows snippets, in cells.
    pub snippet_width: usize,
}

impl SearchRequest {
    /// Runs the search over `library`, given up (`None`) once `cancelled` is set.
    pub fn run(
        &self,
        library: &crate::library::Library,
        cancelled: &std::sync::atomic::AtomicBool,
    ) -> Option<Results> {
        let options = crate::library::find::Options {
            snippet_width: self.snippet_width,
            ..crate::library::find::Options::default()
        };
        crate::library::find::search_until(library, &Query::parse(&self.query), options, cancelled)
    }
}

/// The library search: what was typed, the results for it, the selected result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibrarySearch {
    input: String,
    /// Bumped at every change of `input`.
    generation: u64,
    /// The generation the driver was last asked to search.
    asked: u64,
    /// The results, and the generation they are for.
    results: Option<(u64, Arc<Results>)>,
    selected: usize,
}

impl LibrarySearch {
    /// What was typed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The results for what was typed, once the search finished (the last ones shown until
    /// then).
    pub fn results(&self) -> Option<&Results> {
        self.results.as_ref().map(|(_, r)| r.as_ref())
    }

    /// Whether a search for what is typed now is still running.
    pub fn searching(&self) -> bool {
        !self.input.trim().is_empty()
            && self
                .results
                .as_ref()
                .is_none_or(|(g, _)| *g != self.generation)
    }

    /// The selected result, as an index into the results' hits.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// A new generation to search: the query changed, or the panel's width did (snippets
    /// are made for a width).
    pub(super) fn changed(&mut self) {
        self.generation += 1;
    }
}

impl App {
    /// The library search (shown while [`Mode::LibrarySearch`] is on; kept, with its
    /// selection, for reopening).
    pub fn library_search(&self) -> &LibrarySearch {
        &self.view.library_search
    }

    /// For the driver: the work to do off the reader's thread now (a search across the
    /// library once per change of its query, the entity index once per opening), if any.
    pub fn take_work(&mut self) -> Option<Work> {
        if let Some(work) = self.take_entities_work() {
            return Some(work);
        }
        self.take_library_search().map(Work::Search)
    }

    /// The search to run now, once per change of the query (`None` when nothing new is
    /// asked). Its answer is [`super::Msg::Found`] with the same generation.
    fn take_library_search(&mut self) -> Option<SearchRequest> {
        let panel = crate::app::panes::inner(crate::app::panes::overlay(self.panes().body));
        let search = &mut self.view.library_search;
        if self.view.mode != Mode::LibrarySearch || search.asked == search.generation {
            return None;
        }
        search.asked = search.generation;
        Some(SearchRequest {
            generation: search.generation,
            query: search.input.clone(),
            snippet_width: usize::from(panel.width.saturating_sub(4)).max(20),
        })
    }

    /// Opens the library search where it was left (its query, results and selection).
    pub(super) fn open_library_search(&mut self) {
        self.view.mode = Mode::LibrarySearch;
        let search = &mut self.view.library_search;
        // Results of another library are stale: search again.
        if search.results.is_some() && !search.input.trim().is_empty() {
            let library = &self.library;
            let stale = search.results.as_ref().is_some_and(|(_, r)| {
                r.hits.iter().any(|h| {
                    library
                        .briefings
                        .get(h.briefing)
                        .is_none_or(|b| b.key != h.key)
                })
            });
            if stale {
                search.changed();
            }
        }
    }

    /// A search finished: kept if it is for the query typed now.
    pub(super) fn found(&mut self, generation: u64, results: Arc<Results>) {
        let search = &mut self.view.library_search;
        if generation == search.generation {
            search.results = Some((generation, results));
            search.selected = 0;
        }
    }

    pub(super) fn library_search_text(&mut self, text: &str) {
        let search = &mut self.view.library_search;
        super::push_chars(&mut search.input, text, MAX_QUERY);
        search.changed();
    }

    pub(super) fn library_search_backspace(&mut self, count: usize) {
        super::pop_chars(&mut self.view.library_search.input, count);
        self.view.library_search.changed();
    }

    pub(super) fn library_search_move(&mut self, delta: isize) {
        let search = &mut self.view.library_search;
        let last = search
            .results()
            .map_or(0, |r| r.hits.len().saturating_sub(1));
        search.selected = search.selected.saturating_add_signed(delta).min(last);
    }

    /// Enter: opens the selected result's briefing at its section, with the article's
    /// search set to the query's first term, on the match nearest the result.
    pub(super) fn library_search_open(&mut self) {
        let search = &self.view.library_search;
        let Some(hit) = search
            .results()
            .and_then(|r| r.hits.get(search.selected))
            .cloned()
        else {
            return;
        };
        self.view.mode = Mode::Reading;
        let Some(index) = self.library.briefings.iter().position(|b| b.key == hit.key) else {
            self.view.message = Some("that briefing is no longer in the library".into());
            return;
        };
        self.open_chosen(index);
        if self.view.library {
            self.toggle_library();
        }
        self.view.focus = super::panes::Pane::Article;
        self.go_to_hit(&hit);
    }

    /// Puts the reader on `hit` in the open briefing. A takeaway is selected and its section
    /// shown, as its number key does; a passage of the article is found by the article's
    /// search for the word that matched there (so `n` and `N` go on through the briefing);
    /// the title and summary are at the top.
    fn go_to_hit(&mut self, hit: &Hit) {
        let section_row =
            |app: &Self, section: usize| app.layout().section_row(section).unwrap_or(0);
        let row = match hit.place {
            Place::Takeaway { takeaway } => {
                self.jump_to_takeaway(takeaway);
                return;
            }
            Place::Title | Place::Summary => 0,
            Place::Heading { section } | Place::Body { section, .. } => section_row(self, section),
        };
        self.scroll_to(row);
        let matched = self
            .briefing()
            .and_then(|b| hit.place.text(b))
            .zip(hit.matches.first())
            .and_then(|(text, range)| text.get(range.clone()))
            .map(str::to_owned);
        if let Some(word) = matched {
            self.view.search.prompt();
            self.view.search.type_text(&word);
            // The first match at or below the top of the screen: the result's.
            self.submit_search();
        }
    }
}
