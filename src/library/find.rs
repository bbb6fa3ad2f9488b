//! Finding text across the library: a [`Query`] of words and phrases, every passage that
//! matches it in the briefings that contain all of its terms, ranked, each with a one-line
//! [`Snippet`] and the line of the file it is on. Pure functions over a [`Library`] snapshot,
//! for `brief search` and the reader alike; nothing is kept between searches (see
//! docs/search.md for the rules and docs/performance.md for the cost).

mod matcher;
mod passage;
mod query;
mod snippet;

pub use passage::{Place, for_each as for_each_passage};
pub use query::{MAX_TERMS, Query};
pub use snippet::{ELLIPSIS, Snippet};

use std::collections::BinaryHeap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use matcher::Matcher;

use super::Library;
use crate::content::{Briefing, BriefingId};

/// How many briefings a search looks at between two looks at its cancel flag.
const CANCEL_EVERY: usize = 32;

/// Below this many briefings a search runs on the calling thread alone.
const PARALLEL_FROM: usize = 512;

/// Most threads a search uses (the machine's parallelism if lower).
const MAX_THREADS: usize = 4;

/// What a search returns at most, and how wide its snippets are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Most hits returned (the best ranked); [`Results::total`] counts them all.
    pub limit: usize,
    /// Widest snippet, in terminal cells (ellipses included; at least 3).
    pub snippet_width: usize,
}

impl Default for Options {
    /// 200 hits, snippets of 80 cells.
    fn default() -> Self {
        Self {
            limit: 200,
            snippet_width: 80,
        }
    }
}

/// One matching passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the searched library's `briefings` (valid for that snapshot only).
    pub briefing: usize,
    /// The briefing's [`Briefing::key`], to find it again in a later snapshot.
    pub key: String,
    /// The briefing's identity.
    pub id: BriefingId,
    /// Where the passage is.
    pub place: Place,
    /// The section to open at (see [`Place::section`]); `None` for the top.
    pub section: Option<usize>,
    /// Byte ranges of the matches in the passage's whole text ([`Place::text`]), in order:
    /// the first is where to put the reader.
    pub matches: Vec<Range<usize>>,
    /// The passage cut to one line around its first match.
    pub snippet: Snippet,
    /// The 1-based line of the file the passage starts on; 0 when unknown.
    pub line: usize,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The best [`Options::limit`] hits, best first: title, then takeaway and heading, then
    /// summary, then body passages; then passages with more of the terms; then newer
    /// briefings (the library's order); then reading order.
    pub hits: Vec<Hit>,
    /// Every matching passage, counted whatever the limit.
    pub total: usize,
    /// Briefings with at least one hit.
    pub briefings: usize,
}

/// Searches `library` for `query` (see [`Query::parse`]): every passage with at least one of
/// its terms, in briefings that contain all of them. An empty query finds nothing. Runs on
/// up to [`MAX_THREADS`] threads for a large library; never panics.
pub fn search(library: &Library, query: &Query, options: Options) -> Results {
    let never = AtomicBool::new(false);
    search_until(library, query, options, &never).unwrap_or_default()
}

/// [`search`], given up as soon as `cancelled` is set (looked at every 32 briefings on each
/// thread): `None` then. For a reader that starts a new search at each keystroke on a worker
/// thread and drops the one before.
pub fn search_until(
    library: &Library,
    query: &Query,
    options: Options,
    cancelled: &AtomicBool,
) -> Option<Results> {
    if query.is_empty() {
        return Some(Results::default());
    }
    let matcher = Matcher::new(query);
    let briefings = &library.briefings;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_THREADS);
    let found = if briefings.len() < PARALLEL_FROM || threads == 1 {
        scan(briefings, 0, &matcher, options.limit, cancelled)?
    } else {
        let chunk = briefings.len().div_ceil(threads);
        let parts: Vec<Option<Found>> = std::thread::scope(|scope| {
            let handles: Vec<_> = briefings
                .chunks(chunk)
                .enumerate()
                .map(|(i, part)| {
                    let matcher = &matcher;
                    scope.spawn(move || scan(part, i * chunk, matcher, options.limit, cancelled))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        let mut all = Found::default();
        for part in parts {
            all.merge(part?, options.limit);
        }
        all
    };
    Some(found.into_results(library, &matcher, options))
}

/// A matching passage before its snippet is made, ordered by rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    /// Tier of the place, terms missing from the passage, briefing index, reading order.
    rank: (u8, u8, usize, u32),
    place: Place,
}

/// The best candidates so far (a max-heap: the worst kept is on top) and the counts.
#[derive(Debug, Default)]
struct Found {
    best: BinaryHeap<Candidate>,
    total: usize,
    briefings: usize,
}

impl Found {
    fn offer(&mut self, candidate: Candidate, limit: usize) {
        self.total += 1;
        if self.best.len() < limit {
            self.best.push(candidate);
        } else if self.best.peek().is_some_and(|worst| candidate < *worst) {
            self.best.pop();
            self.best.push(candidate);
        }
    }

    fn merge(&mut self, other: Self, limit: usize) {
        let total = self.total + other.total;
        for candidate in other.best {
            self.offer(candidate, limit);
        }
        self.total = total;
        self.briefings += other.briefings;
    }

    /// The kept candidates, best first, made into hits.
    fn into_results(self, library: &Library, matcher: &Matcher, options: Options) -> Results {
        let hits = self
            .best
            .into_sorted_vec()
            .into_iter()
            .filter_map(|c| {
                let index = c.rank.2;
                let b = library.briefings.get(index)?;
                hit(b, index, c.place, matcher, options.snippet_width)
            })
            .collect();
        Results {
            hits,
            total: self.total,
            briefings: self.briefings,
        }
    }
}

/// Looks through `briefings` (the library's, from index `offset` on).
fn scan(
    briefings: &[std::sync::Arc<Briefing>],
    offset: usize,
    matcher: &Matcher,
    limit: usize,
    cancelled: &AtomicBool,
) -> Option<Found> {
    let all = matcher.all();
    let mut found = Found::default();
    let mut scratch = String::new();
    let mut passages: Vec<(Place, u64, u32)> = Vec::new();
    for (i, b) in briefings.iter().enumerate() {
        if i % CANCEL_EVERY == 0 && cancelled.load(Ordering::Relaxed) {
            return None;
        }
        passages.clear();
        let mut seen = 0u64;
        let mut order = 0u32;
        passage::for_each(b, |place, text| {
            let mask = matcher.mask(text, &mut scratch);
            if mask != 0 {
                seen |= mask;
                passages.push((place, mask, order));
            }
            order = order.saturating_add(1);
        });
        if seen != all {
            continue;
        }
        found.briefings += 1;
        for &(place, mask, order) in &passages {
            let missing = u8::try_from((all & !mask).count_ones()).unwrap_or(u8::MAX);
            let rank = (place.tier(), missing, offset + i, order);
            found.offer(Candidate { rank, place }, limit);
        }
    }
    Some(found)
}

/// The hit for one passage of briefing `b` (at `index`).
fn hit(b: &Briefing, index: usize, place: Place, terms: &Matcher, width: usize) -> Option<Hit> {
    let text = place.text(b)?;
    let matches = terms.ranges(text);
    Some(Hit {
        briefing: index,
        key: b.key.clone(),
        id: b.id.clone(),
        place,
        section: place.section(b),
        snippet: snippet::snippet(text, &matches, width),
        matches,
        line: place.line(b),
    })
}

#[cfg(test)]
mod tests;
