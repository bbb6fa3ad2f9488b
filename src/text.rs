//! Pure text measurement and wrapping, in terminal cells. [`grapheme_width`] is the one width
//! function of the program: it mirrors how ratatui's buffer advances (control-bearing and
//! zero-width graphemes take no cell), so wrapping, scrolling, highlighting and the cells that
//! get drawn always agree, for CJK, emoji sequences and combining marks alike.

pub mod fold;
pub mod highlight;
pub mod terms;

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The grapheme clusters of `text` with their byte offsets, as
/// `text.grapheme_indices(true)` gives them, but without running the segmenter over plain
/// ASCII: two ASCII characters in a row (other than CR LF) are always two clusters.
pub fn clusters(text: &str) -> Clusters<'_> {
    Clusters { text, at: 0 }
}

/// Iterator returned by [`clusters`].
#[derive(Debug, Clone)]
pub struct Clusters<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let at = self.at;
        let bytes = self.text.as_bytes();
        let first = *bytes.get(at)?;
        let alone =
            first.is_ascii() && first != b'\r' && bytes.get(at + 1).is_none_or(u8::is_ascii);
        let cluster = if alone {
            self.text.get(at..=at)
        } else {
            self.text
                .get(at..)
                .and_then(|rest| rest.graphemes(true).next())
        }?;
        self.at += cluster.len();
        Some((at, cluster))
    }
}

/// Cells one grapheme cluster occupies when drawn into a ratatui buffer.
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        0
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// Cells a string occupies when drawn.
pub fn width(text: &str) -> usize {
    clusters(text).map(|(_, g)| grapheme_width(g)).sum()
}

/// The longest prefix of `text` that fits in `cells`, as a byte length (never splits a cluster).
pub fn fit(text: &str, cells: usize) -> usize {
    let mut used = 0;
    for (at, g) in clusters(text) {
        let w = grapheme_width(g);
        if used + w > cells {
            return at;
        }
        used += w;
    }
    text.len()
}

/// `text` cut to `cells` columns, with `…` when something was cut.
pub fn truncate(text: &str, cells: usize) -> String {
    if width(text) <= cells {
        return text.to_owned();
    }
    if cells == 0 {
        return String::new();
    }
    let keep = fit(text, cells - 1);
    let mut out = text.get(..keep).unwrap_or_default().to_owned();
    out.push('…');
    out
}

/// A run of graphemes that wraps as a unit.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    width: usize,
    space: bool,
}

/// Splits text into words, spaces and single wide graphemes (CJK text may break between any two
/// ideographs, so each wide cluster is a token of its own).
fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut joinable = false;
    for (start, g) in clusters(text) {
        let width = grapheme_width(g);
        let space = g.chars().all(char::is_whitespace);
        let wide = width > 1;
        if let Some(last) = out.last_mut()
            && joinable
            && !wide
            && last.space == space
        {
            last.end = start + g.len();
            last.width += width;
            continue;
        }
        out.push(Token {
            start,
            end: start + g.len(),
            width,
            space,
        });
        joinable = !wide;
    }
    out
}

/// Wraps `text` to rows of at most `width` cells (a single wide grapheme may exceed a width of
/// 1). Rows are byte ranges into `text`, without the spaces at the break. Always at least one row.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row: Option<Range<usize>> = None;
    let mut used = 0;
    let mut pending_space = 0;
    for token in tokens(text) {
        if token.space {
            if row.is_some() {
                pending_space += token.width;
            } else if token.start == 0 && token.width < width {
                // Indentation at the very start is kept (quoted examples); spaces at a break
                // are not.
                row = Some(0..token.end);
                used = token.width;
            }
            continue;
        }
        match &mut row {
            Some(current) if used + pending_space + token.width <= width => {
                current.end = token.end;
                used += pending_space + token.width;
            }
            _ => {
                rows.extend(row.take());
                let (done, rest, rest_width) = split_long(text, token, width);
                rows.extend(done);
                row = Some(rest);
                used = rest_width;
            }
        }
        pending_space = 0;
    }
    rows.extend(row);
    if rows.is_empty() {
        rows.push(0..0);
    }
    rows
}

/// Breaks a token wider than `width` into full rows plus a remainder (the whole token, when it
/// fits).
fn split_long(text: &str, token: Token, width: usize) -> (Vec<Range<usize>>, Range<usize>, usize) {
    if token.width <= width {
        return (Vec::new(), token.start..token.end, token.width);
    }
    let mut done = Vec::new();
    let mut start = token.start;
    let mut used = 0;
    let word = text.get(token.start..token.end).unwrap_or_default();
    for (offset, g) in clusters(word) {
        let at = token.start + offset;
        let w = grapheme_width(g);
        if used + w > width && used > 0 {
            done.push(start..at);
            start = at;
            used = 0;
        }
        used += w;
    }
    (done, start..token.end, used)
}

/// `1 briefing`, `2 briefings`: a count with the right form of its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
#[allow(clippy::string_slice)] // Tests slice at offsets the code under test returned.
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_wrap_greedily() {
        assert_eq!(
            rows("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(rows("a  b", 10), vec!["a  b"]);
        assert_eq!(rows("", 5), vec![""]);
    }

    #[test]
    fn leading_indentation_is_kept_but_not_at_breaks() {
        assert_eq!(rows("    return 1", 20), vec!["    return 1"]);
        assert_eq!(rows("  ab cd", 5), vec!["  ab", "cd"]);
        assert_eq!(rows("      ", 4), vec![""]);
    }

    #[test]
    fn clusters_match_the_segmenter() {
        let pieces = [
            "a",
            " ",
            "e\u{301}",
            "\r\n",
            "\r",
            "’",
            "日",
            "👩\u{200d}💻",
            "🇫🇷",
            "\u{600}1",
            "x",
            "\u{308}",
            "ab",
            "\u{1100}\u{1161}",
            "\n",
            "\t",
            "é",
        ];
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..10 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let pick = usize::try_from(seed >> 33).unwrap_or(0) % pieces.len();
                text.push_str(pieces[pick]);
            }
            let fast: Vec<(usize, &str)> = clusters(&text).collect();
            let slow: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn long_words_break_at_graphemes() {
        assert_eq!(rows("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
    }

    #[test]
    fn cjk_breaks_between_ideographs() {
        assert_eq!(
            rows("日本語の説明文とemoji 🚀 mixed", 7),
            vec!["日本語", "の説明", "文と", "emoji", "🚀", "mixed"]
        );
        for row in rows("日本語の説明文とemoji 🚀 mixed", 7) {
            assert!(width(row) <= 7);
        }
    }

    #[test]
    fn emoji_sequences_are_one_cluster() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(width(family), 2);
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(rows(&format!("{family}{family}"), 2), vec![family, family]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("\u{301}x"), 1);
        assert_eq!(
            rows("e\u{301}e\u{301}e\u{301}", 2),
            vec!["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn width_one_never_loops() {
        assert_eq!(rows("日本", 1), vec!["日", "本"]);
        assert_eq!(rows("ab", 0), vec!["a", "b"]);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("short", 8), "short");
    }
}
