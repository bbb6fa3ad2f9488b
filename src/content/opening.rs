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

/// [`opening`] of the text `reader` holds, read a piece at a time and cut as it is read (see
/// [`cut_read`]): the same briefing, without the whole text in memory. The cut text (the
/// whole text but the sections left out) is parsed only if `accept` takes it: a file found
/// in a directory must declare itself a briefing. `Ok(None)` as for [`opening`], when the text
/// is not UTF-8, and when `accept` refuses it.
///
/// # Errors
/// A read error of `reader`.
pub fn opening_read(
    origin: &str,
    reader: &mut impl std::io::Read,
    accept: impl FnOnce(&str) -> bool,
) -> std::io::Result<Option<Briefing>> {
    let Some((cut, len)) = cut_read(reader, READ_CHUNK)? else {
        return Ok(None);
    };
    Ok((len >= OPENING_FROM && accept(&cut.text))
        .then(|| parse_as(origin, &cut.text, Part::Opening(cut.gaps)).ok())
        .flatten())
}

/// How much of a file [`opening_read`] reads at a time (in bytes).
const READ_CHUNK: usize = 64 * 1024;

/// A long file cut at its table headers: the text of its opening, and the `[[sections]]`
/// tables left out of it as pieces of the file.
#[derive(Debug, PartialEq, Eq)]
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
    let mut cutter = Cutter::default();
    cutter.feed(source, 0);
    cutter.finish(source.len())
}

/// [`cut`] of the text `reader` holds, read `chunk` bytes at a time (more for a longer line)
/// and cut as it is read, so that only the opening's text is kept: the first frame of a long
/// file need not wait for the whole file to be copied into memory (on the measured machine,
/// filling 1.2 MB of fresh memory costs about a millisecond of page faults). `Ok(None)` as
/// for [`cut`], and when the text is not UTF-8 (the whole file's read says why).
///
/// # Errors
/// A read error of `reader`.
pub(super) fn cut_read(
    reader: &mut impl std::io::Read,
    chunk: usize,
) -> std::io::Result<Option<(Cut, usize)>> {
    let chunk = chunk.max(1);
    let mut buf = vec![0u8; chunk];
    // `buf[..filled]` is read and not yet cut; it begins at `offset` in the text.
    let mut filled = 0;
    let mut offset = 0;
    let mut cutter = Cutter::default();
    loop {
        if filled == buf.len() {
            // A line longer than the buffer: room for more of it.
            buf.resize(buf.len() * 2, 0);
        }
        let n = match reader.read(buf.get_mut(filled..).unwrap_or_default()) {
            Ok(n) => n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        filled += n;
        let read = buf.get(..filled).unwrap_or_default();
        // Whole lines only, so that every header is seen whole; all of it at the end.
        let whole = if n == 0 {
            filled
        } else {
            match memchr::memrchr(b'\n', read) {
                Some(last) => last + 1,
                None => continue,
            }
        };
        let Ok(text) = std::str::from_utf8(read.get(..whole).unwrap_or_default()) else {
            return Ok(None);
        };
        cutter.feed(text, offset);
        offset += whole;
        if n == 0 {
            return Ok(cutter.finish(offset).map(|cut| (cut, offset)));
        }
        buf.copy_within(whole..filled, 0);
        filled -= whole;
    }
}

/// The state of a cut between the pieces of text it is fed, in order.
#[derive(Default)]
struct Cutter {
    out: Opening,
    lines: Lines,
    pieces: Vec<Piece>,
    sections: usize,
    kept: usize,
    nested: bool,
    /// Whether the text since `done` is left out.
    dropping: bool,
    /// The text up to here (an offset in the whole text) is in `out`, or left out.
    done: usize,
}

impl Cutter {
    /// Cuts `text`, which begins at `offset` in the whole text, at the start of a line, and
    /// ends at the end of a line (or of the whole text).
    fn feed(&mut self, text: &str, offset: usize) {
        let bytes = text.as_bytes();
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
            if (start > 0 && bytes.get(start - 1) != Some(&b'\n')) || offset + start < self.done {
                continue;
            }
            let end = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default())
                .map_or(bytes.len(), |n| at + n + 1);
            let Some(kind) = text.get(start..end).and_then(header) else {
                continue;
            };
            self.header(text, offset, start, kind);
        }
        // The rest of `text` goes the way of the run it is in.
        let rest = text
            .get(self.done.saturating_sub(offset)..)
            .unwrap_or_default();
        self.out.take(rest, self.dropping);
        self.lines.before(bytes, offset, offset + bytes.len());
        self.done = offset + bytes.len();
    }

    /// A header of `kind` at `start` in `text` (which begins at `offset`).
    fn header(&mut self, text: &str, offset: usize, start: usize, kind: Header) {
        let at = offset + start;
        let drop_next = match kind {
            Header::Sections => {
                self.sections += 1;
                self.sections > OPENING_SECTIONS && at >= OPENING_BYTES
            }
            Header::InSections => {
                self.nested = true;
                false
            }
            Header::Other => false,
        };
        self.kept += usize::from(kind == Header::Sections && !drop_next);
        if drop_next {
            // A piece starts where a run of left-out sections does, and at the first section
            // past `PIECE_BYTES` into the piece.
            let long = self
                .pieces
                .last()
                .is_some_and(|p| at - p.range.start >= PIECE_BYTES);
            if !self.dropping || long {
                if let Some(piece) = self.pieces.last_mut().filter(|_| self.dropping) {
                    piece.range.end = at;
                }
                let lines_before = self.lines.before(text.as_bytes(), offset, at);
                self.pieces.push(Piece {
                    range: at..at,
                    lines_before,
                });
            }
        } else if let Some(piece) = self.pieces.last_mut().filter(|_| self.dropping) {
            piece.range.end = at;
        }
        if drop_next != self.dropping {
            let run = text
                .get(self.done.saturating_sub(offset)..start)
                .unwrap_or_default();
            self.out.take(run, self.dropping);
            if self.dropping {
                self.out.close_gap();
            }
            self.done = at;
            self.dropping = drop_next;
        }
    }

    /// The cut of the whole text, `len` bytes long, once it has all been fed.
    fn finish(mut self, len: usize) -> Option<Cut> {
        if let Some(piece) = self.pieces.last_mut().filter(|_| self.dropping) {
            piece.range.end = len;
        }
        if self.dropping {
            self.out.close_gap();
        }
        (!self.pieces.is_empty()).then_some(Cut {
            text: self.out.text,
            gaps: self.out.gaps,
            kept: self.kept,
            pieces: self.pieces,
            nested: self.nested,
        })
    }
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
#[derive(Default)]
struct Opening {
    text: String,
    gaps: Vec<Gap>,
    /// Lines left out so far.
    left_out: usize,
}

impl Opening {
    /// Appends `text`, or when it is left out, counts its lines as missing from here on. Every
    /// `text` ends at the start of a line (a header's, or the next piece's), so lines stay whole.
    fn take(&mut self, text: &str, leave_out: bool) {
        if leave_out {
            self.left_out += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        } else {
            if self.text.capacity() == 0 {
                self.text.reserve(OPENING_BYTES * 4);
            }
            self.text.push_str(text);
        }
    }

    /// Notes that the lines left out so far are missing here, where a run left out ends.
    fn close_gap(&mut self) {
        self.gaps.push(Gap {
            at: self.text.len(),
            lines: self.left_out,
        });
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
    /// The newlines of the whole text before `at` (no fewer than at the last call), given the
    /// piece of it that holds what lies between the last call and `at`: `bytes`, which begins
    /// at `offset`.
    fn before(&mut self, bytes: &[u8], offset: usize, at: usize) -> usize {
        if at > self.to {
            let from = self.to.saturating_sub(offset);
            let to = at.saturating_sub(offset);
            self.lines +=
                memchr::memchr_iter(b'\n', bytes.get(from..to).unwrap_or_default()).count();
            self.to = at;
        }
        self.lines
    }
}

/// What a table header opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
