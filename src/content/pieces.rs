//! A long briefing parsed in pieces. The TOML parser holds a token for every key, value and
//! line break of the text it reads while it reads it (24 bytes each, reserved for the worst
//! case: about 8.8 MB for a 1.2 MB file), so a long file parsed at once needed several times
//! its size for a moment. Cut at its table headers as for its opening ([`super::opening`]),
//! the file is read as its `[[sections]]` left out of the opening, a piece of about 64 KB at
//! a time, and then the opening's text with those sections after its own, every check
//! applying (docs/performance.md, "The 1.2 MB briefing's memory").
//!
//! The pieces give the briefing the whole file gives, or nothing, and the file is then parsed
//! at once: a file with any warning or error (so that its problems come out as one parse
//! finds them, in order), a section id used twice, a header inside a multi-line string (the
//! cut text then fails to parse, or a string in it runs across the lines left out), or a table
//! inside a section (`[sections.notes]`), which the cut cannot place. Tests compare the two on
//! many files.

use super::diagnostic::Gap;
use super::model::Briefing;
use super::opening::{OPENING_FROM, cut};
use super::parse::{Part, Rest, parse_as, sections};
use super::schema::Reader;

/// The briefing in `source`, read in pieces, or `None` when it is shorter than
/// [`OPENING_FROM`] or cannot be read so (see the module's documentation): parse it at once.
/// Never panics.
pub(super) fn parse(origin: &str, source: &str) -> Option<Briefing> {
    if source.len() < OPENING_FROM {
        return None;
    }
    let cut = cut(source)?;
    if cut.nested {
        return None;
    }
    let mut rest = Rest::default();
    for piece in &cut.pieces {
        let text = source.get(piece.range.clone())?;
        let gaps = vec![Gap {
            at: 0,
            lines: piece.lines_before,
        }];
        let mut reader = Reader::cut(origin, text, gaps);
        let document = reader.parse(text)?;
        let table = document.get_ref();
        let value = table.get("sections").filter(|_| table.len() == 1)?;
        let first = cut.kept + rest.sections.len();
        let read = sections(&mut reader, value, &mut rest.lines, first);
        if !reader.finish().is_empty() {
            return None;
        }
        rest.sections
            .extend(read.into_iter().map(|(section, _)| section));
    }
    let expected = cut.kept + rest.sections.len();
    let briefing = parse_as(origin, &cut.text, Part::Frame(cut.gaps, rest)).ok()?;
    let mut ids = std::collections::HashSet::new();
    let distinct = briefing.sections.iter().all(|s| ids.insert(s.id.as_str()));
    (briefing.warnings.is_empty() && distinct && briefing.sections.len() == expected)
        .then_some(briefing)
}

#[cfg(test)]
mod tests;
