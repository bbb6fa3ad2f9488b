//! A list of short strings kept end to end in one allocation: a briefing's keywords, which
//! a library holds by the hundred thousand (see docs/performance.md, "The targets for
//! finding things at scale").

use std::fmt;

/// Strings in order, stored as one string and where each ends. Immutable once built; build
/// one with [`FromIterator`] (`["Damascus", "Aleppo"].into_iter().collect()`).
///
/// Ten thousand briefings of 34 keywords each held them as `Vec<String>` in about 19 MB (a
/// 24-byte `String` and an allocation of at least 32 bytes per term, for 9 bytes of text on
/// average); end to end they take the text plus 4 bytes a term.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Terms {
    /// Every term, one after another.
    text: Box<str>,
    /// The byte offset in `text` where each term ends, in order.
    ends: Box<[u32]>,
}

impl Terms {
    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Term `index`, or `None` past the end.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = index
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .map_or(0, |&e| e as usize);
        self.text.get(start..end)
    }

    /// The terms in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// Whether `term` is one of them, exactly.
    pub fn contains(&self, term: &str) -> bool {
        self.iter().any(|t| t == term)
    }
}

/// Terms `range` of a [`Terms`], in order: a borrowed run of them (one keyword category's).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TermList<'a> {
    terms: &'a Terms,
    start: usize,
    end: usize,
}

impl<'a> TermList<'a> {
    /// Terms `range` of `terms` (clamped to them).
    pub fn new(terms: &'a Terms, range: std::ops::Range<usize>) -> Self {
        let end = range.end.min(terms.len());
        Self {
            terms,
            start: range.start.min(end),
            end,
        }
    }

    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Term `index` of the run, or `None` past its end.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        (index < self.len())
            .then(|| self.terms.get(self.start + index))
            .flatten()
    }

    /// The terms in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'a str> + DoubleEndedIterator + 'a {
        let terms = self.terms;
        (self.start..self.end).map(move |i| terms.get(i).unwrap_or_default())
    }
}

impl fmt::Debug for TermList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Terms {
    /// Collects the terms. Terms past 4 GiB of text in all are left out (no briefing gets
    /// near: files are capped far below that).
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut text = String::new();
        let mut ends = Vec::new();
        for term in iter {
            let term = term.as_ref();
            let Ok(end) = u32::try_from(text.len() + term.len()) else {
                break;
            };
            text.push_str(term);
            ends.push(end);
        }
        Self {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }
}

impl<'a> IntoIterator for &'a Terms {
    type Item = &'a str;
    type IntoIter = Box<dyn Iterator<Item = &'a str> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for Terms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_come_back_in_order_empty_ones_included() {
        let terms: Terms = ["Damascus", "", "東京", "a"].into_iter().collect();
        assert_eq!(terms.len(), 4);
        assert_eq!(
            terms.iter().collect::<Vec<_>>(),
            ["Damascus", "", "東京", "a"]
        );
        assert_eq!(terms.get(2), Some("東京"));
        assert_eq!(terms.get(4), None);
        assert!(terms.contains("a") && !terms.contains("Dam"));
        assert_eq!(format!("{terms:?}"), r#"["Damascus", "", "東京", "a"]"#);
        assert_eq!(terms.iter().next_back(), Some("a"));
    }

    #[test]
    fn a_run_of_terms_is_clamped_to_them() {
        let terms: Terms = ["a", "b", "c", "d"].into_iter().collect();
        let run = TermList::new(&terms, 1..3);
        assert_eq!(
            (run.len(), run.get(0), run.get(1), run.get(2)),
            (2, Some("b"), Some("c"), None)
        );
        assert_eq!(run.iter().collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(format!("{run:?}"), r#"["b", "c"]"#);
        let past = TermList::new(&terms, 3..9);
        assert_eq!(past.iter().collect::<Vec<_>>(), ["d"]);
        assert!(TermList::new(&terms, 7..9).is_empty());
    }

    #[test]
    fn no_terms() {
        let terms: Terms = std::iter::empty::<&str>().collect();
        assert!(terms.is_empty());
        assert_eq!(terms.iter().count(), 0);
        assert_eq!(terms, Terms::default());
    }
}
