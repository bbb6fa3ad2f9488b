//! A long briefing's opening: its header, keywords and takeaways with only its first sections,
//! read from the file's text without parsing the rest. A reader draws its first frame from the
//! opening while the whole file is parsed (docs/performance.md, "The 1.2 MB briefing's first
//! frame"); the whole briefing then takes its place.
//!
//! The file is cut at its table headers (`[[sections]]`, `[briefing]`, …: a line that is
//! nothing but a header and perhaps a comment), found line by line without reading the TOML:
//! the cut text is then parsed as a file of its own, with every check of [`super::parse`]. A
//! line inside a multi-line string that looks like a header can put a cut in the wrong place;
//! the cut text then fails to parse (a string left open), or a string in it runs across the
//! lines left out ([`cut_inside_a_value`]), and there is no opening. Sections left out are
//! not in the cut text, and the parse is told how many lines each gap held ([`Gap`]), so every
//! line number in the opening is the file's. (Empty lines in their place would be one TOML
//! token each: for a 1.2 MB file, 18,000 tokens, most of the parse.)

use super::diagnostic::Gap;
use super::model::Briefing;
use super::parse::{Part, parse_as};
use super::schema::{Table, Value};
use toml::de::DeValue;

/// Files shorter than this (in bytes) are parsed whole for their first frame: the opening would
/// save less than a millisecond.
pub const OPENING_FROM: usize = 256 * 1024;

/// An opening keeps at least this many sections…
const OPENING_SECTIONS: usize = 64;

/// …and every section that begins in the first this many bytes of the file.
const OPENING_BYTES: usize = 32 * 1024;

/// The opening of the briefing in `source` (see the module's documentation): `None` when the
/// file is shorter than [`OPENING_FROM`], when no section would be left out, or when the cut
/// text is not a briefing without errors. Its takeaways that point at a section left out point
/// at none. Never panics; the cost is one pass over the lines of `source` and a parse of the
/// cut text (about 100 KB).
pub fn opening(origin: &str, source: &str) -> Option<Briefing> {
    if source.len() < OPENING_FROM {
        return None;
    }
    let cut = cut(source)?;
    parse_as(origin, &cut.text, Part::Opening(cut.gaps)).ok()
}

/// A long file cut at its table headers: the text of its opening, and the `[[sections]]`
/// tables left out of it as pieces of the file.
#[derive(Debug)]
pub(super) struct Cut {
    /// `source` without the `[[sections]]` tables past the opening.
    pub text: String,
    /// Where `text` left lines out.
    pub gaps: Vec<Gap>,
    /// How many `[[sections]]` headers `text` keeps.
    pub kept: usize,
    /// The tables left out, in file order: runs of whole `[[sections]]` tables, each at least
    /// [`PIECE_BYTES`] long but the last of a run.
    pub pieces: Vec<Piece>,
    /// Whether a header names a table inside a section (`[sections.notes]`,
    /// `[[sections.links]]`): the text it opens belongs to the section above it, which the cut
    /// may have left out.
    pub nested: bool,
}

/// `[[sections]]` tables the cut left out, one after another in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    /// Byte range in the file: from the start of a header line to the start of the next kept
    /// header's line, or the end of the file.
    pub range: std::ops::Range<usize>,
    /// The lines of the file before `range` (its first line is this plus one).
    pub lines_before: usize,
}

/// Pieces of left-out sections are cut this long at least (in bytes): a parse of the whole
/// file in pieces ([`super::pieces`]) holds one piece's tokens at a time.
pub(super) const PIECE_BYTES: usize = 64 * 1024;

/// `source` cut at its table headers (see [`Cut`]), or `None` when no section is past the
/// opening. One pass over the `[` bytes of `source`, and one over its newlines.
pub(super) fn cut(source: &str) -> Option<Cut> {
    let bytes = source.as_bytes();
    let mut out = Opening {
        text: String::with_capacity(OPENING_BYTES * 4),
        gaps: Vec::new(),
        left_out: 0,
    };
    let mut lines = Lines::default();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut sections = 0usize;
    let mut kept = 0usize;
    let mut nested = false;
    let mut dropping = false;
    // `source` up to here is in `out`, or left out.
    let mut done = 0usize;
    // A header is a line whose first byte other than a space or a tab is `[`: the lines are
    // found from the brackets (rare in prose), not the brackets from the lines.
    for at in memchr::memchr_iter(b'[', bytes) {
        let indent = bytes.get(..at).map_or(0, |before| {
            before
                .iter()
                .rev()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count()
        });
        let start = at - indent;
        if (start > 0 && bytes.get(start - 1) != Some(&b'\n')) || start < done {
            continue;
        }
        let end = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default())
            .map_or(bytes.len(), |n| at + n + 1);
        let Some(kind) = source.get(start..end).and_then(header) else {
            continue;
        };
        let drop_next = match kind {
            Header::Sections => {
                sections += 1;
                sections > OPENING_SECTIONS && start >= OPENING_BYTES
            }
            Header::InSections => {
                nested = true;
                false
            }
            Header::Other => false,
        };
        kept += usize::from(kind == Header::Sections && !drop_next);
        if drop_next {
            // A piece starts where a run of left-out sections does, and at the first section
            // past `PIECE_BYTES` into the piece.
            let long = pieces
                .last()
                .is_some_and(|p| start - p.range.start >= PIECE_BYTES);
            if !dropping || long {
                if let Some(piece) = pieces.last_mut().filter(|_| dropping) {
                    piece.range.end = start;
                }
                pieces.push(Piece {
                    range: start..start,
                    lines_before: lines.before(bytes, start),
                });
            }
        } else if let Some(piece) = pieces.last_mut().filter(|_| dropping) {
            piece.range.end = start;
        }
        if drop_next != dropping {
            out.keep_or_leave_out(source.get(done..start).unwrap_or_default(), dropping);
            done = start;
            dropping = drop_next;
        }
    }
    if let Some(piece) = pieces.last_mut().filter(|_| dropping) {
        piece.range.end = source.len();
    }
    out.keep_or_leave_out(source.get(done..).unwrap_or_default(), dropping);
    (!pieces.is_empty()).then_some(Cut {
        text: out.text,
        gaps: out.gaps,
        kept,
        pieces,
        nested,
    })
}

/// Whether a value of `table` (at any depth) runs across one of `gaps`: the cut that left
/// those lines out went through a multi-line string, at a line inside it that looks like a
/// table header, and the text no longer says what the file says (it may still parse). Tables
/// and arrays run across gaps (the sections left out were theirs): the values in them are
/// checked. (An array cut the same way leaves no TOML behind: its elements need commas.)
/// O(values of `table`); `false` at once without gaps.
pub(super) fn cut_inside_a_value(table: &Table<'_>, gaps: &[Gap]) -> bool {
    !gaps.is_empty() && table.values().any(|value| value_across(value, gaps))
}

/// [`cut_inside_a_value`] for one value.
fn value_across(value: &Value<'_>, gaps: &[Gap]) -> bool {
    match value.get_ref() {
        DeValue::Table(table) => table.values().any(|v| value_across(v, gaps)),
        DeValue::Array(items) => items.iter().any(|item| value_across(item, gaps)),
        _ => {
            let span = value.span();
            gaps.iter()
                .any(|gap| span.start < gap.at && gap.at < span.end)
        }
    }
}

/// The cut text as it is built.
struct Opening {
    text: String,
    gaps: Vec<Gap>,
    /// Lines left out so far.
    left_out: usize,
}

impl Opening {
    /// Appends `text`, or when it is left out, notes that its lines are missing from here on.
    /// Every `text` ends at the start of a line (a header's), so lines stay whole.
    fn keep_or_leave_out(&mut self, text: &str, leave_out: bool) {
        if leave_out {
            self.left_out += memchr::memchr_iter(b'\n', text.as_bytes()).count();
            self.gaps.push(Gap {
                at: self.text.len(),
                lines: self.left_out,
            });
        } else {
            self.text.push_str(text);
        }
    }
}

/// Counts the lines of a text up to increasing offsets, each newline once.
#[derive(Default)]
struct Lines {
    /// Offset counted up to.
    to: usize,
    /// Newlines before `to`.
    lines: usize,
}

impl Lines {
    /// The newlines of `bytes` before `at` (no fewer than at the last call).
    fn before(&mut self, bytes: &[u8], at: usize) -> usize {
        if at > self.to {
            self.lines +=
                memchr::memchr_iter(b'\n', bytes.get(self.to..at).unwrap_or_default()).count();
            self.to = at;
        }
        self.lines
    }
}

/// What a table header opens.
#[derive(Debug, PartialEq, Eq)]
enum Header {
    /// `[[sections]]`: one more section.
    Sections,
    /// A table inside a section (`[sections.notes]`, `[[sections.links]]`).
    InSections,
    /// Any other table or array of tables.
    Other,
}

/// The header `line` is, if it is nothing but a table header (`[name]` or `[[name]]`, the name
/// bare or quoted keys joined by dots, spaces around them) and perhaps a comment.
fn header(line: &str) -> Option<Header> {
    let text = line.trim_start_matches([' ', '\t']);
    let (inner, rest) = if let Some(open) = text.strip_prefix("[[") {
        open.split_once("]]")?
    } else {
        text.strip_prefix('[')?.split_once(']')?
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let ends = rest.is_empty() || rest.starts_with(['#', '\n', '\r']);
    let name_like = !inner.trim().is_empty()
        && inner.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '\t' | '"' | '\'')
        });
    if !ends || !name_like {
        return None;
    }
    let name: String = inner
        .chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '"' | '\''))
        .collect();
    Some(if text.starts_with("[[") && name == "sections" {
        Header::Sections
    } else if name.starts_with("sections.") {
        Header::InSections
    } else {
        Header::Other
    })
}

#[cfg(test)]
pub(super) mod tests;
