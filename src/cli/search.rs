//! `brief search`: the library's search results as lines (`path:line: title › section:
//! snippet`, as grep prints) or one JSON document (docs/json.md). Plain text only: every
//! string is the sanitised text brief shows, and a snippet is one line.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::json::SCHEMA_VERSION;
use crate::content::Briefing;
use crate::library::Library;
use crate::library::find::{Hit, Place, Query, Results};

/// What a result is labelled with after the title: the section's heading (or `Introduction`
/// for an untitled lead), `Summary`, `Takeaway N`; nothing for the title itself.
pub fn place_label(briefing: &Briefing, place: Place) -> Option<String> {
    match place {
        Place::Title => None,
        Place::Summary => Some("Summary".into()),
        Place::Takeaway { takeaway } => Some(format!("Takeaway {}", takeaway + 1)),
        Place::Heading { section } | Place::Body { section, .. } => {
            briefing.sections.get(section).map(|s| s.label().to_owned())
        }
    }
}

/// Prints one line per hit: `path:line: title › section: snippet` (`path:` alone when the
/// line is unknown; no `› section` for a title).
pub fn lines(out: &mut impl Write, library: &Library, results: &Results) -> io::Result<()> {
    for hit in &results.hits {
        let Some(b) = library.briefings.get(hit.briefing) else {
            continue;
        };
        write!(out, "{}:", b.origin)?;
        if hit.line > 0 {
            write!(out, "{}:", hit.line)?;
        }
        write!(out, " {}", b.title)?;
        if let Some(label) = place_label(b, hit.place) {
            write!(out, " › {label}")?;
        }
        writeln!(out, ": {}", hit.snippet.text)?;
    }
    Ok(())
}

/// `search --json`.
#[derive(Debug, Serialize)]
struct Document<'a> {
    schema: u32,
    terms: &'a [String],
    total: usize,
    briefings: usize,
    results: Vec<Result<'a>>,
}

/// One hit in `search --json`.
#[derive(Debug, Serialize)]
struct Result<'a> {
    path: &'a str,
    /// 1-based; absent when unknown.
    line: Option<usize>,
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    place: Place,
    /// What the text form shows after `›`.
    label: Option<String>,
    /// The section the reader opens at.
    section: Option<Section<'a>>,
    snippet: &'a str,
    /// Byte ranges `[start, end)` of the matches in `snippet`'s UTF-8.
    marks: Vec<[usize; 2]>,
}

#[derive(Debug, Serialize)]
struct Section<'a> {
    index: usize,
    id: &'a str,
    heading: Option<&'a str>,
}

/// Writes `results` as `search --json` does, followed by a newline.
pub fn json(
    out: &mut impl Write,
    library: &Library,
    query: &Query,
    results: &Results,
) -> io::Result<()> {
    let document = Document {
        schema: SCHEMA_VERSION,
        terms: query.terms(),
        total: results.total,
        briefings: results.briefings,
        results: results
            .hits
            .iter()
            .filter_map(|hit| result(library, hit))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}

fn result<'a>(library: &'a Library, hit: &'a Hit) -> Option<Result<'a>> {
    let b = library.briefings.get(hit.briefing)?;
    let section = hit.section.and_then(|index| {
        let s = b.sections.get(index)?;
        Some(Section {
            index,
            id: &s.id,
            heading: s.heading(),
        })
    });
    Some(Result {
        path: &b.origin,
        line: (hit.line > 0).then_some(hit.line),
        id: b.id.as_str(),
        title: &b.title,
        date: b.date.as_ref().map(|d| d.text.as_str()),
        place: hit.place,
        label: place_label(b, hit.place),
        section,
        snippet: &hit.snippet.text,
        marks: hit.snippet.marks.iter().map(|m| [m.start, m.end]).collect(),
    })
}
