//! Finding keyword and search matches: case-insensitive, on whole words, longest match first.
//! Matches are byte ranges into the original text, always on character boundaries.

use std::ops::Range;

use aho_corasick::AhoCorasick;

use super::fold::{Folded, fold};
pub use super::terms::{TermList, Terms};

/// Highlight terms by category, in file order: each category's name and then its terms, end
/// to end in one [`Terms`] (ten allocations a briefing as a list of categories, each with a
/// name and a list of terms; two now, and 3 MB less for ten thousand briefings:
/// docs/performance.md). Build one with [`Keywords::new`]; read it with
/// [`Keywords::categories`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Each category's name, then its terms.
    all: Terms,
    /// For each category, where its name is in `all` (its terms follow, up to the next).
    names: Box<[u32]>,
}

/// A category's name or one of its terms, on the way into [`Keywords::all`].
enum Entry<N, T> {
    Name(N),
    Term(T),
}

impl<N: AsRef<str>, T: AsRef<str>> AsRef<str> for Entry<N, T> {
    fn as_ref(&self) -> &str {
        match self {
            Self::Name(name) => name.as_ref(),
            Self::Term(term) => term.as_ref(),
        }
    }
}

/// A named group of terms, styled alike: one of [`Keywords::categories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category<'a> {
    /// The category name (`people`, `places`, …); themes style it by this name.
    pub name: &'a str,
    /// The terms, as written.
    pub terms: TermList<'a>,
}

impl Keywords {
    /// Keywords of `categories` (a name and its terms each), in order, empty ones included.
    /// Past 4 GiB of names and terms in all, the rest is left out (no file gets near).
    pub fn new<N, T>(categories: impl IntoIterator<Item = (N, T)>) -> Self
    where
        N: AsRef<str>,
        T: IntoIterator,
        T::Item: AsRef<str>,
    {
        // Names and terms go straight into one `Terms`, each name's place noted on the way.
        let emitted = std::cell::Cell::new(0usize);
        let mut names = Vec::new();
        let all: Terms = categories
            .into_iter()
            .map_while(|(name, terms)| {
                names.push(u32::try_from(emitted.get()).ok()?);
                let terms = terms.into_iter().map(Entry::Term);
                Some(std::iter::once(Entry::Name(name)).chain(terms))
            })
            .flatten()
            .inspect(|_| emitted.set(emitted.get() + 1))
            .collect();
        // Names whose place is past what `Terms` kept (4 GiB of text) are left out.
        names.retain(|&at| (at as usize) < all.len());
        Self {
            all,
            names: names.into_boxed_slice(),
        }
    }

    /// How many categories there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Category `index`, or `None` past the last.
    pub fn get(&self, index: usize) -> Option<Category<'_>> {
        let at = *self.names.get(index)? as usize;
        let end = self
            .names
            .get(index + 1)
            .map_or(self.all.len(), |&next| next as usize);
        Some(Category {
            name: self.all.get(at)?,
            terms: TermList::new(&self.all, at + 1..end),
        })
    }

    /// The categories in order.
    pub fn categories(&self) -> impl Iterator<Item = Category<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// The category of the reader's own terms.
pub const WATCHLIST: &str = "watchlist";

/// A highlighted range and the keyword category it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Index of the category in [`Highlighter::category_name`].
    pub category: u16,
}

/// The highlights that fall inside `window`, cut to it and shifted to start at its beginning
/// (for drawing one wrapped row of a longer text).
pub fn clip(highlights: &[Highlight], window: &Range<usize>) -> Vec<Highlight> {
    highlights
        .iter()
        .filter(|h| h.range.start < window.end && h.range.end > window.start)
        .map(|h| Highlight {
            range: h.range.start.max(window.start) - window.start
                ..h.range.end.min(window.end) - window.start,
            category: h.category,
        })
        .collect()
}

/// Finds the keyword terms of one briefing (and the reader's watchlist) in any text.
#[derive(Debug, Default)]
pub struct Highlighter {
    automaton: Option<AhoCorasick>,
    /// Category names, indexed by [`Highlight::category`].
    names: Vec<String>,
    /// Per pattern: category, and whether the term starts / ends with a word character.
    patterns: Vec<(u16, bool, bool)>,
    /// Per pattern: the term, folded.
    terms: Vec<String>,
}

impl Highlighter {
    /// Builds the matcher for `keywords`; a term listed twice keeps its first category.
    pub fn new(keywords: &Keywords) -> Self {
        Self::with_watchlist(keywords, &[])
    }

    /// Builds the matcher for the reader's `watchlist` (category `watchlist`, which wins over
    /// the briefing's own categories for a term in both) and the briefing's `keywords`.
    pub fn with_watchlist(keywords: &Keywords, watchlist: &[String]) -> Self {
        let watch = Keywords::new([(WATCHLIST, watchlist)]);
        let categories: Vec<Category<'_>> = watch
            .categories()
            .filter(|c| !c.terms.is_empty())
            .chain(keywords.categories())
            .collect();
        let names = categories.iter().map(|c| c.name.to_owned()).collect();
        let mut folded_terms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (index, category) in categories.iter().enumerate() {
            let category_index = u16::try_from(index).unwrap_or(u16::MAX);
            for term in category.terms.iter() {
                let folded = fold(term);
                if folded.is_empty() || folded_terms.contains(&folded) {
                    continue;
                }
                let first = folded.chars().next().is_some_and(is_word_char);
                let last = folded.chars().next_back().is_some_and(is_word_char);
                patterns.push((category_index, first, last));
                folded_terms.push(folded);
            }
        }
        let automaton = if folded_terms.is_empty() {
            None
        } else {
            AhoCorasick::new(&folded_terms).ok()
        };
        Self {
            automaton,
            names,
            patterns,
            terms: folded_terms,
        }
    }

    /// The name of a category (themes style keywords by it).
    pub fn category_name(&self, category: u16) -> &str {
        self.names
            .get(usize::from(category))
            .map_or("", String::as_str)
    }

    /// Every keyword in `text`: whole words only, leftmost-longest, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Highlight> {
        let mut candidates: Vec<Highlight> = self
            .find_terms(text)
            .into_iter()
            .filter_map(|(pattern, range)| {
                let &(category, ..) = self.patterns.get(pattern)?;
                Some(Highlight { range, category })
            })
            .collect();
        leftmost_longest(&mut candidates);
        candidates
    }

    /// Every whole-word occurrence of each term in `text`, as `(term, byte range)` with the
    /// term's index in [`Highlighter::terms`], each term on its own: a longer term does not
    /// hide a shorter one inside it, as [`Highlighter::find`]'s do (for counting mentions).
    pub fn find_terms(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = Folded::new(text);
        let clusters = std::cell::OnceCell::new();
        automaton
            .find_overlapping_iter(&folded.text)
            .filter_map(|m| {
                let pattern = m.pattern().as_usize();
                let &(_, first, last) = self.patterns.get(pattern)?;
                let range = folded.original_range(m.start(), m.end())?;
                let whole = (!first || !word_before(text, range.start))
                    && (!last || !word_after(text, range.end));
                // A term that ends inside a cluster ("e" in "e\u{301}") is not a whole word,
                // and drawing half a cluster would tear it apart on screen.
                let clusters = clusters.get_or_init(|| Clusters::new(text));
                let on_clusters =
                    clusters.is_boundary(range.start) && clusters.is_boundary(range.end);
                (whole && on_clusters).then_some((pattern, range))
            })
            .collect()
    }

    /// The terms matched, folded, in the order [`Highlighter::find_terms`] numbers them
    /// (duplicates and empty terms left out).
    pub fn terms(&self) -> &[String] {
        &self.terms
    }
}

/// Keeps the leftmost, then longest, of overlapping candidates.
fn leftmost_longest(candidates: &mut Vec<Highlight>) {
    candidates.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut end = 0;
    candidates.retain(|h| {
        let keep = h.range.start >= end;
        if keep {
            end = h.range.end;
        }
        keep
    });
}

/// Every occurrence of `query` in `text`, case-insensitive, not overlapping (any position, not
/// only whole words: a reader searching "coalit" expects to find "coalition"). Adjacent
/// occurrences are separate matches (`aa` in `aaaa` is two); only occurrences that share a
/// grapheme cluster once widened to whole clusters are one.
pub fn find_all(text: &str, folded_query: &str) -> Vec<Range<usize>> {
    if folded_query.is_empty() {
        return Vec::new();
    }
    let folded = Folded::new(text);
    let clusters = Clusters::new(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(found) = folded
        .text
        .get(from..)
        .and_then(|rest| rest.find(folded_query))
    {
        let start = from + found;
        let end = start + folded_query.len();
        if let Some(range) = folded.original_range(start, end) {
            // A match inside a cluster (an emoji of a ZWJ family, a base without its accent)
            // covers the whole cluster, so it is drawn and counted whole.
            let range = clusters.widen(range);
            match out.last_mut() {
                // Overlapping only when both lie in one cluster: touching is not overlapping.
                Some(last) if last.end > range.start => last.end = last.end.max(range.end),
                _ => out.push(range),
            }
            from = end;
        } else {
            // Inside an expanded character: step past this character and keep looking.
            from = start
                + folded
                    .text
                    .get(start..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
        }
    }
    out
}

/// Where the grapheme clusters of a text start (and its end), for snapping ranges to them.
struct Clusters(Vec<usize>);

impl Clusters {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = crate::text::clusters(text).map(|(i, _)| i).collect();
        starts.push(text.len());
        Self(starts)
    }

    fn is_boundary(&self, at: usize) -> bool {
        self.0.binary_search(&at).is_ok()
    }

    /// `range` widened to whole clusters.
    fn widen(&self, range: Range<usize>) -> Range<usize> {
        let before = self.0.partition_point(|&b| b <= range.start);
        let start = before
            .checked_sub(1)
            .and_then(|i| self.0.get(i))
            .copied()
            .unwrap_or(0);
        let after = self.0.partition_point(|&b| b < range.end);
        let end = self.0.get(after).copied().unwrap_or(range.end);
        start..end
    }
}

/// A character that can continue a word, for the whole-word rule. Scripts written without
/// spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) have no such boundaries
/// to check: there a term matches wherever it occurs.
fn is_word_char(ch: char) -> bool {
    (ch.is_alphanumeric() || ch == '_') && !is_unspaced_script(ch)
}

fn is_unspaced_script(ch: char) -> bool {
    matches!(u32::from(ch),
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // halfwidth Katakana
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

fn word_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(is_word_char)
}

fn word_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(is_word_char)
}

#[cfg(test)]
#[allow(clippy::string_slice)] // Tests slice at offsets the code under test returned.
mod tests {
    use super::*;

    fn keywords(list: &[(&str, &[&str])]) -> Keywords {
        Keywords::new(list.iter().map(|(name, terms)| (name, terms.iter())))
    }

    #[test]
    fn keywords_keep_each_category_and_its_terms_in_order() {
        let k = keywords(&[
            ("people", &["Ahmed al-Sharaa", "Trump"]),
            ("empty", &[]),
            ("places", &["Damascus"]),
        ]);
        let read: Vec<(&str, Vec<&str>)> = k
            .categories()
            .map(|c| (c.name, c.terms.iter().collect()))
            .collect();
        assert_eq!(
            read,
            [
                ("people", vec!["Ahmed al-Sharaa", "Trump"]),
                ("empty", vec![]),
                ("places", vec!["Damascus"]),
            ]
        );
        assert_eq!((k.len(), k.get(1).map(|c| c.terms.len())), (3, Some(0)));
        assert!(k.get(3).is_none());
        assert!(Keywords::default().is_empty());
        assert_eq!(Keywords::default().categories().count(), 0);
        // A term that looks like a name is still a term of its category.
        let k = keywords(&[("a", &["b"]), ("b", &["a"])]);
        assert_eq!(
            k.get(1).map(|c| (c.name, c.terms.get(0))),
            Some(("b", Some("a")))
        );
    }

    fn found(h: &Highlighter, text: &str) -> Vec<(String, u16)> {
        h.find(text)
            .into_iter()
            .map(|x| (text[x.range].to_owned(), x.category))
            .collect()
    }

    #[test]
    fn terms_in_unspaced_scripts_match_inside_running_text() {
        let h = Highlighter::new(&keywords(&[("places", &["東京", "Tokyo"])]));
        assert_eq!(
            found(&h, "東京は日本の首都です。東京タワーとTokyo駅"),
            vec![("東京".into(), 0), ("東京".into(), 0), ("Tokyo".into(), 0)]
        );
        // Spaced scripts keep the whole-word rule, Hangul included.
        let h = Highlighter::new(&keywords(&[("x", &["서울", "Syria"])]));
        assert!(found(&h, "서울시 Syrian").is_empty());
    }

    #[test]
    fn whole_words_case_insensitive() {
        let h = Highlighter::new(&keywords(&[("places", &["Syria"])]));
        assert_eq!(
            found(&h, "SYRIA, Syrian, syria’s"),
            vec![("SYRIA".into(), 0), ("syria".into(), 0)]
        );
    }

    #[test]
    fn longest_match_wins() {
        let h = Highlighter::new(&keywords(&[
            ("people", &["al-Sharaa", "Ahmed al-Sharaa"]),
            ("places", &["White House", "White"]),
        ]));
        assert_eq!(
            found(&h, "Ahmed al-Sharaa at the White House"),
            vec![("Ahmed al-Sharaa".into(), 0), ("White House".into(), 1)]
        );
    }

    #[test]
    fn each_term_is_found_on_its_own_for_counting() {
        let h = Highlighter::new(&keywords(&[("people", &["al-Sharaa", "Ahmed al-Sharaa"])]));
        let text = "Ahmed al-Sharaa; AL-SHARAA";
        let mut terms: Vec<(&str, &str)> = h
            .find_terms(text)
            .into_iter()
            .map(|(t, r)| (h.terms()[t].as_str(), &text[r]))
            .collect();
        terms.sort_unstable();
        assert_eq!(
            terms,
            [
                ("ahmed al-sharaa", "Ahmed al-Sharaa"),
                ("al-sharaa", "AL-SHARAA"),
                ("al-sharaa", "al-Sharaa")
            ]
        );
    }

    #[test]
    fn a_longer_term_that_fails_the_boundary_leaves_the_shorter() {
        let h = Highlighter::new(&keywords(&[("x", &["US", "US-Syria"])]));
        assert_eq!(found(&h, "US-Syrian ties"), vec![("US".into(), 0)]);
    }

    #[test]
    fn case_changing_text_never_slices_badly() {
        let h = Highlighter::new(&keywords(&[("places", &["İstanbul", "straße"])]));
        assert_eq!(
            found(&h, "İSTANBUL and STRAẞE"),
            vec![("İSTANBUL".into(), 0), ("STRAẞE".into(), 0)]
        );
        let h = Highlighter::new(&keywords(&[("x", &["i"])]));
        assert!(found(&h, "İ").is_empty());
    }

    #[test]
    fn search_finds_substrings() {
        let text = "Coalition and coalitions";
        let hits: Vec<&str> = find_all(text, &fold("COALITION"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(hits, vec!["Coalition", "coalition"]);
        assert!(find_all("İ", "i").is_empty());
    }

    #[test]
    fn adjacent_matches_are_separate() {
        assert_eq!(find_all("aaaa", "aa"), vec![0..2, 2..4]);
        assert_eq!(find_all("aaaaa", "aa"), vec![0..2, 2..4]);
        assert_eq!(find_all("ÉtÉt", &fold("ét")), vec![0..3, 3..6]);
        // Two matches inside one cluster (a base and its accents) are drawn as that cluster.
        assert_eq!(find_all("a\u{301}\u{301}", "\u{301}"), vec![0..5]);
    }
}
