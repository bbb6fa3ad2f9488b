//! `brief list --json` and `brief check --format json`: the library as JSON for scripts. The
//! schema is documented in docs/json.md; every string is the sanitised text brief shows.

use std::io::{self, Write};

use serde::Serialize;

use crate::content::CompactString;
use crate::content::diagnostic::{Diagnostic, Severity};
use crate::library::Library;

/// Version of the JSON documents' shape; raised when a field changes meaning or goes away
/// (new fields may appear without it).
pub const SCHEMA_VERSION: u32 = 1;

/// One briefing in `list --json`.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    id: &'a str,
    title: &'a str,
    /// As written in the file (`2025-11-10`, or with a time); absent when undated.
    date: Option<&'a str>,
    dateline: Option<&'a str>,
    source: Option<&'a str>,
    tags: Vec<&'a str>,
    /// The file as shown to the user (`built-in:NAME` for the bundled briefings).
    path: &'a str,
    sections: usize,
    takeaways: usize,
}

/// `list --json`: `{"schema": 1, "briefings": [...]}`, newest first.
#[derive(Debug, Serialize)]
struct List<'a> {
    schema: u32,
    briefings: Vec<Listed<'a>>,
}

/// One problem, located where possible.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    path: &'a str,
    /// 1-based; absent for a problem with the file as a whole.
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    message: &'a str,
}

impl<'a> From<&'a Diagnostic> for Problem<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Self {
            path: &d.path,
            line: d.position.map(|(line, _)| line),
            column: d.position.map(|(_, column)| column),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            message: &d.message,
        }
    }
}

/// One file in `check --format json`.
#[derive(Debug, Serialize)]
struct Checked<'a> {
    path: &'a str,
    /// Whether it loaded (warnings or not).
    valid: bool,
    problems: Vec<Problem<'a>>,
}

/// `check --format json`.
#[derive(Debug, Serialize)]
struct Check<'a> {
    schema: u32,
    /// What the exit status says: at least one briefing, no error (and, with `--strict`, no
    /// warning).
    ok: bool,
    valid: usize,
    failed: usize,
    warnings: usize,
    files: Vec<Checked<'a>>,
}

/// Writes `library` as `list --json` does, followed by a newline.
pub fn list(out: &mut impl Write, library: &Library) -> io::Result<()> {
    let briefings = library
        .briefings
        .iter()
        .map(|b| Listed {
            id: b.id.as_str(),
            title: &b.title,
            date: b.date.as_ref().map(|d| d.text.as_str()),
            dateline: b.dateline.as_deref(),
            source: b.source.as_deref(),
            tags: b.tags.iter().map(CompactString::as_str).collect(),
            path: &b.origin,
            sections: b.sections.len(),
            takeaways: b.takeaways.len(),
        })
        .collect();
    write(
        out,
        &List {
            schema: SCHEMA_VERSION,
            briefings,
        },
    )
}

/// Writes what `check` found as `check --format json` does; returns the same verdict as the
/// text form ([`crate::cli::check`]).
pub fn check(out: &mut impl Write, library: &Library, strict: bool) -> io::Result<bool> {
    let mut files: Vec<Checked<'_>> = library
        .briefings
        .iter()
        .map(|b| Checked {
            path: &b.origin,
            valid: true,
            problems: b
                .warnings
                .iter()
                .chain(b.imported.iter().flat_map(|i| i.notes.iter()))
                .map(Problem::from)
                .collect(),
        })
        .chain(library.failures.iter().map(|f| Checked {
            path: &f.origin,
            valid: false,
            problems: f.diagnostics.iter().map(Problem::from).collect(),
        }))
        .collect();
    files.sort_by(|a, b| a.path.cmp(b.path));
    let warnings = library.warning_count();
    let ok =
        library.failures.is_empty() && !library.briefings.is_empty() && !(strict && warnings > 0);
    write(
        out,
        &Check {
            schema: SCHEMA_VERSION,
            ok,
            valid: library.briefings.len(),
            failed: library.failures.len(),
            warnings,
            files,
        },
    )?;
    Ok(ok)
}

fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}
