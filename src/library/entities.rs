//! The entity index: every keyword of the library's briefings (people, places,
//! organisations…) and every watchlist term, with the briefings whose text mentions it,
//! matched as the reader highlights them (whole words, case-insensitive; see
//! [`crate::text::highlight::Highlighter`]). Pure functions over a [`Library`] snapshot.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use super::Library;
use super::find::for_each_passage;
use crate::content::{Briefing, Keywords};
use crate::text::fold::fold;
use crate::text::highlight::{Highlighter, WATCHLIST};

/// One keyword or watchlist term and where it is mentioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The term as first written (the watchlist's spelling first, then the newest
    /// briefing's).
    pub name: String,
    /// Its category: `watchlist` for the reader's terms, else the first briefing's
    /// (`people`, `places`, `organizations`…).
    pub category: String,
    /// The briefings whose text mentions it, newest first (the library's order).
    pub mentions: Vec<Mention>,
}

impl Entity {
    /// Mentions in all briefings.
    pub fn count(&self) -> usize {
        self.mentions.iter().map(|m| m.count).sum()
    }
}

/// A briefing that mentions a term, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into the library's `briefings` (valid for that snapshot only).
    pub briefing: usize,
    /// The briefing's [`Briefing::key`].
    pub key: String,
    /// Whole-word occurrences in its title, summary, sections and takeaways (at least 1).
    pub count: usize,
}

/// Every keyword of every briefing and every `watchlist` term (each once, however spelt or
/// cased), sorted by name case-insensitively, with the briefings that mention it. A term is
/// looked for in every briefing, not only those that list it; each on its own (a briefing
/// naming "Ahmed al-Sharaa" mentions "al-Sharaa" too). A term no briefing mentions is kept,
/// with no mentions. Reads the whole library's text once.
pub fn entities(library: &Library, watchlist: &[String]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut add = |term: &str, category: &str| {
        let folded = fold(term);
        if folded.is_empty() || seen.contains_key(&folded) {
            return;
        }
        seen.insert(folded, entities.len());
        entities.push(Entity {
            name: term.to_owned(),
            category: category.to_owned(),
            mentions: Vec::new(),
        });
    };
    for term in watchlist {
        add(term, WATCHLIST);
    }
    for b in &library.briefings {
        for c in b.keywords.categories() {
            for term in c.terms.iter() {
                add(term, c.name);
            }
        }
    }
    let terms: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
    for (entity, mentions) in entities.iter_mut().zip(mentions_of(library, &terms)) {
        entity.mentions = mentions;
    }
    entities.sort_by_cached_key(|e| (fold(&e.name), e.name.clone()));
    entities
}

/// The briefings whose text mentions `term` (a whole word or words, case-insensitive),
/// newest first: what `brief list --term` prints.
pub fn mentions(library: &Library, term: &str) -> Vec<Mention> {
    mentions_of(library, &[term.to_owned()])
        .pop()
        .unwrap_or_default()
}

/// For each of `terms` (distinct when folded), its mentions.
fn mentions_of(library: &Library, terms: &[String]) -> Vec<Vec<Mention>> {
    let keywords = Keywords::new([("", terms)]);
    let highlighter = Highlighter::new(&keywords);
    // The highlighter numbers the distinct, non-empty folded terms: map them back to `terms`.
    let by_fold: HashMap<String, usize> = terms
        .iter()
        .enumerate()
        .rev()
        .map(|(i, t)| (fold(t), i))
        .collect();
    let owner: Vec<usize> = highlighter
        .terms()
        .iter()
        .map(|folded| by_fold.get(folded).copied().unwrap_or(usize::MAX))
        .collect();
    let filter = Prefilter::new(highlighter.terms());
    let mut out = vec![Vec::new(); terms.len()];
    let mut counts = vec![0usize; terms.len()];
    for (i, b) in library.briefings.iter().enumerate() {
        counts.fill(0);
        count_in(b, &highlighter, &filter, &owner, &mut counts);
        for (term, &count) in counts.iter().enumerate() {
            if count > 0
                && let Some(list) = out.get_mut(term)
            {
                list.push(Mention {
                    briefing: i,
                    key: b.key.clone(),
                    count,
                });
            }
        }
    }
    out
}

/// Adds the mentions of each term in briefing `b` to `counts` (by `owner` of each pattern).
fn count_in(
    b: &Briefing,
    highlighter: &Highlighter,
    filter: &Prefilter,
    owner: &[usize],
    counts: &mut [usize],
) {
    for_each_passage(b, |_, text| {
        if !filter.may_match(text) {
            return;
        }
        let mut last_end: HashMap<usize, usize> = HashMap::new();
        let mut found = highlighter.find_terms(text);
        found.sort_by_key(|(p, r)| (*p, r.start));
        for (pattern, range) in found {
            // One term's overlapping occurrences ("aa" in "aaa") count once.
            if last_end.get(&pattern).is_some_and(|&end| range.start < end) {
                continue;
            }
            last_end.insert(pattern, range.end);
            if let Some(c) = owner.get(pattern).and_then(|&t| counts.get_mut(t)) {
                *c += 1;
            }
        }
    });
}

/// A quick look at a text's bytes before folding it: when every term is ASCII, a text
/// without any of them (ASCII case-insensitive) and without a Kelvin sign (which folds to
/// `k`) cannot mention one.
struct Prefilter(Option<AhoCorasick>);

impl Prefilter {
    fn new(terms: &[String]) -> Self {
        let ascii = !terms.is_empty() && terms.iter().all(|t| t.is_ascii());
        Self(
            ascii
                .then(|| {
                    AhoCorasickBuilder::new()
                        .ascii_case_insensitive(true)
                        .build(terms)
                        .ok()
                })
                .flatten(),
        )
    }

    fn may_match(&self, text: &str) -> bool {
        self.0
            .as_ref()
            .is_none_or(|ac| ac.is_match(text) || text.contains('\u{212A}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "[briefing]\ntitle = \"Syria and Iraq\"\ndate = 2025-01-02\n[keywords]\nplaces = [\"Syria\", \"Iraq\"]\npeople = [\"Ahmed al-Sharaa\", \"al-Sharaa\"]\n[[sections]]\nbody = \"Ahmed al-Sharaa met AL-SHARAA's aides in SYRIA. Syrian food.\"\n";
    const B: &str = "[briefing]\ntitle = \"Older\"\ndate = 2024-01-01\n[keywords]\nplaces = [\"syria\", \"Jordan\"]\n[[sections]]\nbody = \"Syria, again.\"\n[[takeaways]]\ntext = \"Syria matters.\"\n";

    fn summary(e: &Entity) -> (String, String, Vec<(String, usize)>) {
        (
            e.name.clone(),
            e.category.clone(),
            e.mentions
                .iter()
                .map(|m| (m.key.clone(), m.count))
                .collect(),
        )
    }

    #[test]
    fn every_keyword_and_watchlist_term_with_its_briefings_newest_first() {
        let lib = crate::library::of_toml(&[B, A]);
        let found: Vec<_> = entities(&lib, &["sanctions".into(), "IRAQ".into()])
            .iter()
            .map(summary)
            .collect();
        let s = |x: &str| x.to_owned();
        assert_eq!(
            found,
            [
                (s("Ahmed al-Sharaa"), s("people"), vec![(s("b1.toml"), 1)]),
                (s("al-Sharaa"), s("people"), vec![(s("b1.toml"), 2)]),
                (s("IRAQ"), s("watchlist"), vec![(s("b1.toml"), 1)]),
                (s("Jordan"), s("places"), vec![]),
                (s("sanctions"), s("watchlist"), vec![]),
                (
                    s("Syria"),
                    s("places"),
                    vec![(s("b1.toml"), 2), (s("b0.toml"), 2)]
                ),
            ]
        );
    }

    #[test]
    fn mentions_are_whole_words_case_insensitive() {
        let lib = crate::library::of_toml(&[A, B]);
        let keys = |term: &str| -> Vec<(String, usize)> {
            mentions(&lib, term)
                .into_iter()
                .map(|m| (m.key, m.count))
                .collect()
        };
        assert_eq!(keys("SYRIA").len(), 2);
        assert!(keys("syr").is_empty());
        assert_eq!(keys("syrian"), [("b0.toml".to_owned(), 1)]);
        assert!(keys("").is_empty());
        assert!(keys("   ").is_empty());
        assert_eq!(keys("syria matters"), [("b1.toml".to_owned(), 1)]);
    }
}
