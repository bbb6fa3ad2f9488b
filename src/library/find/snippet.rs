//! One line of a passage around its first match, for a result list: bounded in cells and in
//! bytes, cut on grapheme clusters, with `…` where text was left out and the matches' byte
//! ranges inside it for highlighting.

use std::ops::Range;

use serde::Serialize;

use crate::text::{clusters, grapheme_width};

/// A cluster longer than this many bytes (a base with a pile of combining marks) is shown by
/// its first character only, so that a snippet's size stays bounded.
const MAX_CLUSTER_BYTES: usize = 32;

/// The ellipsis written where text was cut (one cell).
pub const ELLIPSIS: &str = "…";

/// A passage cut to one line around its first match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// One line: no control characters, at most the asked width in cells (ellipses included),
    /// at most a few bytes per cell.
    pub text: String,
    /// Byte ranges of the matches inside `text`, in order, not overlapping, on character
    /// boundaries (a match cut by the window is marked as far as it shows).
    pub marks: Vec<Range<usize>>,
}

/// One cluster of the window: where it was, where it went.
struct Piece {
    from: Range<usize>,
    to: Range<usize>,
}

/// The snippet of `text` for `matches` (sorted byte ranges on clusters; the first is centred)
/// at most `width` cells wide (at least 3).
pub fn snippet(text: &str, matches: &[Range<usize>], width: usize) -> Snippet {
    let width = width.max(3);
    let first = matches.first().cloned().unwrap_or(0..0);
    // Only the neighbourhood of the match is measured: a long paragraph costs no more than a
    // short one. Four bytes a cell covers the widest text either side.
    let reach = width.saturating_mul(4);
    let from = text.floor_char_boundary(first.start.saturating_sub(reach));
    let to = text.ceil_char_boundary(first.end.saturating_add(reach).min(text.len()));
    let mut cells = Vec::new();
    let mut used = 0;
    for (at, cluster) in clusters(text.get(from..to).unwrap_or_default()) {
        let w = grapheme_width(cluster);
        cells.push((from + at..from + at + cluster.len(), used, w));
        used += w;
    }
    let total = used;
    let (cut_left, cut_right) = (from > 0, to < text.len());
    let cell_of = |byte: usize| {
        cells
            .iter()
            .find(|(r, ..)| r.end > byte)
            .map_or(total, |&(_, c, _)| c)
    };
    let (mut a, mut b) = (0, total);
    if cut_left || cut_right || total > width {
        let inner = width - 2;
        let (ms, me) = (
            cell_of(first.start),
            cell_of(first.end.saturating_sub(1)) + 1,
        );
        a = usize::midpoint(ms, me).saturating_sub(inner / 2).min(ms);
        if a + inner > total {
            a = total.saturating_sub(inner).min(ms);
        }
        b = (a + inner).min(total);
    }
    let left = a > 0 || cut_left;
    let right = b < total || cut_right;
    let mut kept: Vec<&(Range<usize>, usize, usize)> = cells
        .iter()
        .filter(|(_, c, w)| *c >= a && c + w <= b)
        .collect();
    let blank = |r: &Range<usize>| text.get(r.clone()).is_some_and(|s| s.trim().is_empty());
    while left && kept.first().is_some_and(|(r, ..)| blank(r)) {
        kept.remove(0);
    }
    while right && kept.last().is_some_and(|(r, ..)| blank(r)) {
        kept.pop();
    }
    assemble(text, &kept, (left, right), matches)
}

/// The snippet's text from the kept clusters, with ellipses, and the matches mapped into it.
fn assemble(
    text: &str,
    kept: &[&(Range<usize>, usize, usize)],
    (left, right): (bool, bool),
    matches: &[Range<usize>],
) -> Snippet {
    let mut out = String::new();
    if left {
        out.push_str(ELLIPSIS);
    }
    let mut pieces = Vec::with_capacity(kept.len());
    for (range, ..) in kept {
        let cluster = text.get(range.clone()).unwrap_or_default();
        let start = out.len();
        if cluster.contains(char::is_control) {
            out.push(' ');
        } else if cluster.len() > MAX_CLUSTER_BYTES {
            out.extend(cluster.chars().next());
        } else {
            out.push_str(cluster);
        }
        pieces.push(Piece {
            from: range.clone(),
            to: start..out.len(),
        });
    }
    if right {
        out.push_str(ELLIPSIS);
    }
    let marks = matches
        .iter()
        .filter_map(|m| {
            let start = pieces.iter().find(|p| p.from.end > m.start)?;
            let end = pieces.iter().rev().find(|p| p.from.start < m.end)?;
            (start.to.start < end.to.end && start.from.start < m.end)
                .then_some(start.to.start..end.to.end)
        })
        .collect();
    Snippet { text: out, marks }
}
