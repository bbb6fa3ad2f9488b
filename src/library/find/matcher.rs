//! Which terms of a query a text contains, fast: ASCII terms in one Aho–Corasick pass over the
//! text as it is (ASCII case-insensitive), other terms over a lower-cased copy made only for
//! texts that are not ASCII. Nothing folded is kept between texts, so a search costs no memory
//! in proportion to the library.
//!
//! Why this matches exactly what [`crate::text::highlight::find_all`] finds: lower-casing
//! leaves ASCII letters ASCII and every other character non-ASCII, except the Kelvin sign
//! (`K` → `k`) and `İ` (→ `i` and a combining dot, where a match ending after the `i` is
//! refused anyway). A text with a Kelvin sign is matched by folding it, as other terms are.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::query::Query;
use crate::text::highlight::find_all;

/// The Kelvin sign, the one non-ASCII character that lower-cases to an ASCII letter.
const KELVIN: char = '\u{212A}';

/// A query made ready to test texts.
#[derive(Debug)]
pub struct Matcher {
    /// ASCII terms, case-insensitive; pattern `p` is term `ascii_terms[p]`.
    ascii: Option<AhoCorasick>,
    ascii_terms: Vec<usize>,
    /// Whether an ASCII term has a `k` (texts with a Kelvin sign are then folded).
    kelvin: bool,
    /// Every term, folded, by index.
    terms: Vec<String>,
    /// Indices of the terms that are not ASCII.
    unicode: Vec<usize>,
}

impl Matcher {
    /// Prepares `query`'s terms.
    pub fn new(query: &Query) -> Self {
        let terms = query.terms().to_vec();
        let (ascii_terms, unicode): (Vec<usize>, Vec<usize>) =
            (0..terms.len()).partition(|&i| terms.get(i).is_some_and(|t| t.is_ascii()));
        let patterns: Vec<&str> = ascii_terms
            .iter()
            .filter_map(|&i| terms.get(i).map(String::as_str))
            .collect();
        let ascii = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        let kelvin = patterns.iter().any(|p| p.contains('k'));
        Self {
            ascii,
            ascii_terms,
            kelvin,
            terms,
            unicode,
        }
    }

    /// A mask with a bit set for every term (bit `i` for term `i`).
    pub fn all(&self) -> u64 {
        match self.terms.len() {
            0 => 0,
            n if n >= 64 => u64::MAX,
            n => (1u64 << n) - 1,
        }
    }

    /// Which terms occur in `text` (bit `i` for term `i`). `scratch` is reused between calls
    /// for the lower-cased copy of non-ASCII texts.
    pub fn mask(&self, text: &str, scratch: &mut String) -> u64 {
        let mut found = 0u64;
        let fold_all = self.kelvin && !text.is_ascii() && text.contains(KELVIN);
        if let Some(ascii) = &self.ascii
            && !fold_all
        {
            let mut wanted = 0u64;
            for &i in &self.ascii_terms {
                wanted |= bit(i);
            }
            for m in ascii.find_overlapping_iter(text) {
                if let Some(&term) = self.ascii_terms.get(m.pattern().as_usize()) {
                    found |= bit(term);
                }
                if found == wanted {
                    break;
                }
            }
        }
        let unicode: &[usize] = if fold_all {
            &(0..self.terms.len()).collect::<Vec<_>>()
        } else {
            &self.unicode
        };
        if unicode.is_empty() || (text.is_ascii() && !fold_all) {
            return found;
        }
        lower(text, scratch);
        for &i in unicode {
            let Some(term) = self.terms.get(i) else {
                continue;
            };
            // The copy says whether the term may be there; `find_all` says whether it is, on
            // whole characters.
            if scratch.contains(term.as_str()) && !find_all(text, term).is_empty() {
                found |= bit(i);
            }
        }
        found
    }

    /// Every match of every term in `text`, in order, as byte ranges on whole grapheme
    /// clusters; overlapping matches (of different terms) merged, adjacent ones kept apart.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut all: Vec<Range<usize>> = self
            .terms
            .iter()
            .flat_map(|term| find_all(text, term))
            .collect();
        all.sort_by_key(|r| (r.start, r.end));
        let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for range in all {
            match out.last_mut() {
                Some(last) if last.end > range.start => last.end = last.end.max(range.end),
                _ => out.push(range),
            }
        }
        out
    }
}

fn bit(term: usize) -> u64 {
    u32::try_from(term)
        .ok()
        .and_then(|t| 1u64.checked_shl(t))
        .unwrap_or(0)
}

/// `text` lower-cased into `out` as [`crate::text::fold::fold`] does, ASCII runs copied whole.
fn lower(text: &str, out: &mut String) {
    out.clear();
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        let (run, tail) = rest.split_at(ascii);
        let start = out.len();
        out.push_str(run);
        if let Some(pushed) = out.get_mut(start..) {
            pushed.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        if let Some(ch) = chars.next() {
            out.extend(ch.to_lowercase());
        }
        rest = chars.as_str();
    }
}
