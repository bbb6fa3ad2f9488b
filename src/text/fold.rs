//! Case folding that remembers where every folded byte came from, so a match found in folded
//! text maps back to whole characters of the original, even when lower-casing changes lengths
//! (`İ` → `i̇`, `ẞ` → `ß`): no range ever lands inside a character.

/// Lower-cased text with a map back to the original.
#[derive(Debug, Default)]
pub struct Folded {
    /// The lower-cased text.
    pub text: String,
    /// For each byte of `text`: the byte offset of the original character it came from.
    origin: Vec<u32>,
    /// For each byte of `text`: true when it starts the expansion of an original character.
    boundary: Vec<bool>,
    /// Length of the original text.
    original_len: usize,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Self {
        if original.is_ascii() {
            // One byte per character, lower-casing never changes a length.
            let end = u32::try_from(original.len()).unwrap_or(u32::MAX);
            return Self {
                text: original.to_ascii_lowercase(),
                origin: (0..end).collect(),
                boundary: vec![true; original.len()],
                original_len: original.len(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut boundary = Vec::with_capacity(original.len());
        for (at, ch) in original.char_indices() {
            if ch.is_ascii() {
                text.push(ch.to_ascii_lowercase());
                origin.push(u32::try_from(at).unwrap_or(u32::MAX));
                boundary.push(true);
                continue;
            }
            let before = text.len();
            text.extend(ch.to_lowercase());
            let added = text.len() - before;
            origin.extend(std::iter::repeat_n(
                u32::try_from(at).unwrap_or(u32::MAX),
                added,
            ));
            boundary.push(true);
            boundary.extend(std::iter::repeat_n(false, added.saturating_sub(1)));
        }
        Self {
            text,
            origin,
            boundary,
            original_len: original.len(),
        }
    }

    /// Maps a folded byte range to the original, or `None` when either end falls inside the
    /// expansion of one original character.
    pub fn original_range(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let at_boundary = |i: usize| i == self.text.len() || self.boundary.get(i) == Some(&true);
        if start >= end || !at_boundary(start) || !at_boundary(end) {
            return None;
        }
        let map = |i: usize| {
            if i == self.text.len() {
                Some(self.original_len)
            } else {
                self.origin.get(i).map(|&o| o as usize)
            }
        };
        Some(map(start)?..map(end)?)
    }
}

/// Folds a search term or keyword the same way as the text it is matched against.
pub fn fold(term: &str) -> String {
    term.chars().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_maps_one_to_one() {
        let f = Folded::new("Syria");
        assert_eq!(f.text, "syria");
        assert_eq!(f.original_range(0, 5), Some(0..5));
    }

    #[test]
    fn length_changing_lowercase_maps_to_whole_characters() {
        // İ (2 bytes) lowercases to i + combining dot (3 bytes).
        let f = Folded::new("İstanbul");
        assert_eq!(f.text, "i\u{307}stanbul");
        assert_eq!(f.original_range(0, f.text.len()), Some(0.."İstanbul".len()));
        // A match of just the "i" would split İ: refused.
        assert_eq!(f.original_range(0, 1), None);
        let s = "STRAẞE";
        let f = Folded::new(s);
        assert_eq!(f.original_range(0, f.text.len()), Some(0..s.len()));
    }
}
