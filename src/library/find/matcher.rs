//! Which terms of a query a text contains, fast, without folding the text: each term has its
//! own Aho–Corasick searcher over the text as it is, and only a text that may hold a term that
//! is not ASCII is lower-cased to make sure. Nothing folded is kept between texts, so a search
//! costs no memory in proportion to the library.
//!
//! - Each term is looked for by every spelling of a window of it: the spellings that
//!   lower-case to that run of the term's characters (`москва` from `Москва`, `МОСКВА` and so
//!   on), at most 64 of them, found at once by a packed SIMD search (Teddy, from
//!   aho-corasick). aho-corasick's own case-insensitive search scans for the patterns' first
//!   bytes, which is slow for a common first letter (`sanctions`: every `s`).
//! - For an ASCII term, each place a spelling is found is checked against the whole term in
//!   place. For any other term, a text that holds a spelling is lower-cased and searched for
//!   the term.
//!
//! Why this finds exactly what [`crate::text::highlight::find_all`] finds: lower-casing maps
//! every character to characters that are ASCII only when it is ASCII itself, except the
//! Kelvin sign (`K` → `k`) and `İ` (→ `i` and a combining dot), and every other character to
//! one character, except `İ`. So a folded match of an ASCII term is an ASCII case-insensitive
//! match in the text unless a Kelvin sign made one of its `k`s, and a folded match of any term
//! is a run of characters each lower-casing to the term's next character (one of the
//! spellings looked for) unless an `İ` made one of its `i`s. A text that holds the one
//! character a term has to fear is lower-cased and searched for that term. The unit tests
//! check these facts against every character, and property tests check the masks against
//! `find_all`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, Span};

use super::query::Query;
use crate::text::highlight::find_all;

/// The Kelvin sign, the one non-ASCII character that lower-cases to an ASCII letter alone.
const KELVIN: char = '\u{212A}';

/// Capital I with dot above, the one character that lower-cases to more than one (`i` and
/// U+0307).
const DOTTED_CAPITAL_I: char = '\u{130}';

/// Most spellings looked for per term that is not ASCII.
const MAX_SPELLINGS: usize = 64;

/// Every character above this one lower-cases to itself (checked by a unit test).
const LAST_CASED: u32 = 0x1_E943;

/// How a term is looked for in text as it is, before folding.
#[derive(Debug)]
enum Finder {
    /// An ASCII term, by every spelling of a window of it (a packed SIMD search); each match
    /// is checked against the whole term in place.
    Ascii {
        window: packed::Searcher,
        /// Where the window starts in the term, in bytes.
        offset: usize,
        term: Box<[u8]>,
    },
    /// An ASCII term where no packed search could be built (no SIMD): a match is a match.
    Exact(AhoCorasick),
    /// A term that is not ASCII: a match of one of the spellings of a window of the term says
    /// the text must be folded to know.
    Maybe(packed::Searcher),
    /// A term no text without a Kelvin sign or `İ` can hold (a character of it is no
    /// character's lower case).
    Never,
    /// No searcher could be built: the text is always folded.
    Fold,
}

/// How one term is looked for.
#[derive(Debug)]
struct Look {
    finder: Finder,
    /// A character that, in a text, means the finder cannot be trusted and the text must be
    /// folded: the Kelvin sign for an ASCII term with a `k`, `İ` for a term with `i` and
    /// U+0307 (what `İ` lower-cases to). A match of any other term never involves them (in
    /// folded text, a match that ends or starts inside the lower case of `İ` is refused).
    odd: Option<char>,
}

/// A query made ready to test texts.
#[derive(Debug)]
pub struct Matcher {
    /// Every term, folded, by index.
    terms: Vec<String>,
    /// How each term is looked for, by index.
    looks: Vec<Look>,
}

impl Matcher {
    /// Prepares `query`'s terms.
    pub fn new(query: &Query) -> Self {
        let terms = query.terms().to_vec();
        let looks = terms
            .iter()
            .map(|t| Look {
                finder: finder(t),
                odd: if t.is_ascii() {
                    t.contains('k').then_some(KELVIN)
                } else {
                    t.contains("i\u{307}").then_some(DOTTED_CAPITAL_I)
                },
            })
            .collect();
        Self { terms, looks }
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
    /// for the lower-cased copy of texts that need one.
    pub fn mask(&self, text: &str, scratch: &mut String) -> u64 {
        let mut ascii: Option<bool> = None;
        let mut is_ascii = || *ascii.get_or_insert_with(|| text.is_ascii());
        let mut folded = false;
        let mut found = 0u64;
        for (i, (term, look)) in self.terms.iter().zip(&self.looks).enumerate() {
            let odd = look.odd.is_some_and(|c| !is_ascii() && text.contains(c));
            let sure = match &look.finder {
                _ if odd => None,
                Finder::Ascii {
                    window,
                    offset,
                    term,
                } => Some(holds(text.as_bytes(), window, *offset, term)),
                Finder::Exact(searcher) => Some(searcher.is_match(text)),
                // A term that is not ASCII is never in ASCII text.
                Finder::Never | Finder::Maybe(_) if is_ascii() => Some(false),
                Finder::Never => Some(false),
                Finder::Maybe(searcher) => searcher.find(text).is_none().then_some(false),
                Finder::Fold => None,
            };
            let has = sure.unwrap_or_else(|| {
                if !folded {
                    lower(text, scratch);
                    folded = true;
                }
                // The copy says whether the term may be there; `find_all` says whether it
                // is, on whole characters.
                scratch.contains(term.as_str()) && !find_all(text, term).is_empty()
            });
            if has {
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

/// Whether `text` holds the ASCII `term`, ASCII case-insensitively: each match of `window`
/// (the spellings of the term's bytes from `offset` on) checked in place.
fn holds(text: &[u8], window: &packed::Searcher, offset: usize, term: &[u8]) -> bool {
    let mut from = 0;
    while from < text.len() {
        let Some(found) = window.find_in(text, Span::from(from..text.len())) else {
            return false;
        };
        let whole = found
            .start()
            .checked_sub(offset)
            .and_then(|start| text.get(start..start + term.len()));
        if whole.is_some_and(|w| w.eq_ignore_ascii_case(term)) {
            return true;
        }
        from = found.start() + 1;
    }
    false
}

/// How to look for the folded `term` (see [`Finder`]).
fn finder(term: &str) -> Finder {
    if term.is_ascii() {
        let chars: Vec<Vec<char>> = term.chars().map(ascii_spellings_of).collect();
        let window = widest_window(term, &chars).and_then(|window| {
            let searcher = packed_searcher(&spellings(chars.get(window.clone())?))?;
            Some(Finder::Ascii {
                window: searcher,
                offset: window.start,
                term: term.as_bytes().into(),
            })
        });
        return window.unwrap_or_else(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build([term])
                .map_or(Finder::Fold, Finder::Exact)
        });
    }
    let chars: Vec<Vec<char>> = term.chars().map(spellings_of).collect();
    if chars.iter().any(Vec::is_empty) {
        return Finder::Never;
    }
    widest_window(term, &chars)
        .and_then(|window| packed_searcher(&spellings(chars.get(window)?)))
        .map_or(Finder::Fold, Finder::Maybe)
}

/// A packed (SIMD) search for any of `patterns`, or `None` where the machine has none.
fn packed_searcher(patterns: &[String]) -> Option<packed::Searcher> {
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(patterns)
        .build()
}

/// The run of the term's characters (by index) that is longest in bytes among those with at
/// most [`MAX_SPELLINGS`] spellings; `None` for an empty term.
fn widest_window(term: &str, chars: &[Vec<char>]) -> Option<Range<usize>> {
    let bytes: Vec<usize> = term.chars().map(char::len_utf8).collect();
    let mut best: Option<(usize, Range<usize>)> = None;
    for start in 0..chars.len() {
        let mut count = 1usize;
        let mut len = 0usize;
        for end in start..chars.len() {
            count = count.saturating_mul(chars.get(end).map_or(1, Vec::len));
            if count > MAX_SPELLINGS {
                break;
            }
            len += bytes.get(end).copied().unwrap_or(0);
            if best.as_ref().is_none_or(|(l, _)| len > *l) {
                best = Some((len, start..end + 1));
            }
        }
    }
    best.map(|(_, window)| window)
}

/// Every string made of one character from each of `choices`, in order (at most
/// [`MAX_SPELLINGS`] when the caller chose the window so).
fn spellings(choices: &[Vec<char>]) -> Vec<String> {
    let mut out = vec![String::new()];
    for options in choices {
        out = out
            .iter()
            .flat_map(|prefix| {
                options.iter().map(move |&c| {
                    let mut s = prefix.clone();
                    s.push(c);
                    s
                })
            })
            .collect();
    }
    out
}

/// Every character whose lower case is `c` alone, `c` first when it is its own lower case.
/// Empty for a character that is no character's lower case (`A`, say, or U+0307 alone: it is
/// only ever part of the lower case of `İ`, which the caller treats apart).
fn spellings_of(c: char) -> Vec<char> {
    let mut out = Vec::with_capacity(3);
    if lower_is(c, c) {
        out.push(c);
    }
    if let Some(others) = upper_cases().get(&c) {
        out.extend(others.iter().copied());
    }
    out
}

/// The ASCII characters that match the ASCII `c` ASCII case-insensitively: both cases of a
/// letter, else `c`. (The Kelvin sign is left to the caller: see [`Look::odd`].)
fn ascii_spellings_of(c: char) -> Vec<char> {
    if c.is_ascii_alphabetic() {
        vec![c.to_ascii_lowercase(), c.to_ascii_uppercase()]
    } else {
        vec![c]
    }
}

/// Whether `c` lower-cases to `to` alone.
fn lower_is(c: char, to: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(to) && lower.next().is_none()
}

/// For each character that is the lower case (alone) of others, those others: `a` → `A`,
/// `k` → `K` and the Kelvin sign, `ß` → `ẞ`. Built once, from the standard library's tables.
fn upper_cases() -> &'static HashMap<char, Vec<char>> {
    static TABLE: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<char, Vec<char>> = HashMap::new();
        for c in (0..=LAST_CASED).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next())
                && l != c
            {
                table.entry(l).or_default().push(c);
            }
        }
        table
    })
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

#[cfg(test)]
mod tests;
