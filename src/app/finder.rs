//! The fuzzy finder (Ctrl-P): jump to any briefing by typing part of its title, tags or
//! dateline, ranked as editors rank files (the `nucleo-matcher` crate, the matcher of the
//! Helix editor: word starts and consecutive letters score higher, smart case, Unicode
//! normalised). An empty query lists the briefings as the list orders them.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::{App, Mode};
use crate::content::Briefing;

/// Most results kept for one query: more than a screen holds, few enough to rank at once.
pub const MAX_RESULTS: usize = 200;

/// Longest query kept, in characters.
const MAX_QUERY: usize = 256;

/// The finder's state: the query, its ranked results and the selected one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    query: String,
    /// Indices into `library.briefings`, best first.
    results: Vec<usize>,
    /// How many briefings matched (the results are the first [`MAX_RESULTS`]).
    matched: usize,
    selected: usize,
}

impl Finder {
    /// What was typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The results, best first: indices into `library.briefings`.
    pub fn results(&self) -> &[usize] {
        &self.results
    }

    /// How many briefings match, shown or not.
    pub fn matched(&self) -> usize {
        self.matched
    }

    /// The selected result's position in [`Finder::results`].
    pub fn selected(&self) -> usize {
        self.selected
    }
}

/// The text a briefing is found by, in the finder and by the list filter's words: its title,
/// its tags as `#tag`, its dateline and source.
pub fn haystack(briefing: &Briefing) -> String {
    let mut text = briefing.title.clone();
    for tag in &briefing.tags {
        text.push_str(" #");
        text.push_str(tag);
    }
    for part in [briefing.dateline.as_deref(), briefing.source.as_deref()]
        .into_iter()
        .flatten()
    {
        text.push_str(" · ");
        text.push_str(part);
    }
    text
}

/// What the finder matches against, prepared once per library snapshot while it is open:
/// each briefing's [`haystack`] in the matcher's own form, and the briefings the last query
/// matched (a longer query only narrows them, so it scores those alone).
#[derive(Debug, Default)]
pub struct Haystacks {
    /// The library these are for (its address: a new snapshot is another).
    library: usize,
    items: Vec<Utf32String>,
    /// The last query, and every briefing it matched, in list order.
    last: Option<(String, Vec<usize>)>,
}

impl Haystacks {
    /// Ready for `briefings` (prepared again for another snapshot).
    fn prepare(&mut self, library: &std::sync::Arc<crate::library::Library>) {
        let address = std::sync::Arc::as_ptr(library) as usize;
        if self.library == address && self.items.len() == library.briefings.len() {
            return;
        }
        self.library = address;
        self.items = library
            .briefings
            .iter()
            .map(|b| Utf32String::from(haystack(b)))
            .collect();
        self.last = None;
    }
}

/// Ranks every briefing of `haystacks` against `query`: the best [`MAX_RESULTS`], ties kept
/// in library order (newest first); and how many matched.
fn rank(haystacks: &mut Haystacks, query: &str) -> (Vec<usize>, usize) {
    let all = haystacks.items.len();
    if query.trim().is_empty() {
        haystacks.last = None;
        return ((0..all.min(MAX_RESULTS)).collect(), all);
    }
    // Typing on: only what the shorter query matched can match.
    let candidates: Vec<usize> = match &haystacks.last {
        Some((before, matched))
            if query.starts_with(before.as_str()) && !before.trim().is_empty() =>
        {
            matched.clone()
        }
        _ => (0..all).collect(),
    };
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut nucleo = Matcher::new(Config::DEFAULT);
    let mut scored: Vec<(u32, usize)> = candidates
        .into_iter()
        .filter_map(|index| {
            let item = haystacks.items.get(index)?;
            Some((pattern.score(item.slice(..), &mut nucleo)?, index))
        })
        .collect();
    let matched = scored.len();
    haystacks.last = Some((query.to_owned(), scored.iter().map(|&(_, i)| i).collect()));
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    (
        scored
            .into_iter()
            .take(MAX_RESULTS)
            .map(|(_, i)| i)
            .collect(),
        matched,
    )
}

impl App {
    /// The finder, while it is open.
    pub fn finder(&self) -> &Finder {
        &self.view.finder
    }

    /// Opens the finder with an empty query.
    pub(super) fn open_finder(&mut self) {
        self.haystacks = Haystacks::default();
        self.view.finder = Finder::default();
        self.view.mode = Mode::Find;
        self.find_again();
    }

    /// Text typed into the finder.
    pub(super) fn finder_text(&mut self, text: &str) {
        super::push_chars(&mut self.view.finder.query, text, MAX_QUERY);
        self.find_again();
    }

    /// Backspace in the finder.
    pub(super) fn finder_backspace(&mut self, count: usize) {
        super::pop_chars(&mut self.view.finder.query, count);
        self.find_again();
    }

    /// Moves the finder's selection by `delta`, within the results.
    pub(super) fn finder_move(&mut self, delta: isize) {
        let last = self.view.finder.results.len().saturating_sub(1);
        let finder = &mut self.view.finder;
        finder.selected = finder.selected.saturating_add_signed(delta).min(last);
    }

    /// Enter: opens the selected result and closes the finder.
    pub(super) fn finder_open(&mut self) {
        let chosen = self
            .view
            .finder
            .results
            .get(self.view.finder.selected)
            .copied();
        self.view.mode = Mode::Reading;
        if let Some(index) = chosen {
            self.open_chosen(index);
            if self.view.library {
                self.toggle_library();
            }
            self.view.focus = super::panes::Pane::Article;
        }
    }

    fn find_again(&mut self) {
        // Every briefing, whatever the list's filter, newest first.
        self.haystacks.prepare(&self.library);
        let (results, matched) = rank(&mut self.haystacks, &self.view.finder.query);
        let finder = &mut self.view.finder;
        finder.results = results;
        finder.matched = matched;
        finder.selected = 0;
    }
}
