//! What a reader typed, as the terms to look for: words and quoted phrases, folded as the
//! in-article search folds them.

use crate::text::fold::fold;

/// Most terms a query keeps; later ones are left out (a mask of 64 bits says which terms a
/// passage has).
pub const MAX_TERMS: usize = 64;

/// A parsed search query: the terms a briefing must all contain, folded (lower-cased, Unicode
/// aware, see [`crate::text::fold`]). Built only by [`Query::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// Parses `input`: words separated by whitespace, and `"quoted phrases"` (a phrase's inner
    /// whitespace, however much, matches one space: passages are single lines with single
    /// spaces). A quote left open runs to the end of the input. Each term matches anywhere in
    /// a word (`coalit` finds `coalition`), case-insensitively; a term given twice counts
    /// once; at most [`MAX_TERMS`] are kept. Blank input, or only quotes, is the empty query,
    /// which finds nothing. Never fails.
    pub fn parse(input: &str) -> Self {
        let mut terms: Vec<String> = Vec::new();
        let mut add = |raw: &str| {
            let term = fold(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
            if !term.is_empty() && !terms.contains(&term) && terms.len() < MAX_TERMS {
                terms.push(term);
            }
        };
        for (i, part) in input.split('"').enumerate() {
            // Odd parts are inside quotes.
            if i % 2 == 1 {
                add(part);
            } else {
                part.split_whitespace().for_each(&mut add);
            }
        }
        Self { terms }
    }

    /// The folded terms, in the order typed: for the in-article search (n/N) after a result
    /// is opened.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// True for a query that finds nothing (blank input).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}
