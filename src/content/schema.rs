//! Typed, positioned reading of a parsed TOML document. The content, theme and keymap loaders
//! walk the document through a [`Reader`], which records every problem (unknown key, wrong type,
//! missing key) with its position instead of stopping at the first, so `brief check` can report
//! them all.

pub mod syntax;

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::content::diagnostic::{Diagnostic, Gap, LineIndex, Severity};
use crate::content::sanitize;

/// A TOML value with the byte range it came from.
pub type Value<'i> = Spanned<DeValue<'i>>;
/// A TOML table whose keys and values carry byte ranges.
pub type Table<'i> = DeTable<'i>;

/// Longest excerpt of a user-supplied name quoted back in a message.
const QUOTE_LIMIT: usize = 40;

/// Most problems kept for one file. A file of binary junk can hold hundreds of thousands of
/// syntax errors; listing them all would flood `brief check` and the diagnostics overlay and
/// take seconds, while the first few already say what is wrong.
pub const MAX_PROBLEMS: usize = 50;

/// Files larger than this get only their first syntax error (see [`Reader::parse`]).
pub const RECOVERY_LIMIT: usize = 1024 * 1024;

/// Collects positioned problems while a loader walks one document.
pub struct Reader<'a> {
    path: &'a str,
    index: LineIndex<'a>,
    problems: Vec<Diagnostic>,
    /// Problems past [`MAX_PROBLEMS`], counted but not kept.
    dropped: usize,
    /// Errors recorded, kept or not.
    errors: usize,
    /// A whole-file remark shown after the problems.
    note: Option<String>,
    /// The severity [`Reader::error`] records at: `Error`, or `Warning` inside
    /// [`Reader::demoted`].
    level: Severity,
}

impl<'a> Reader<'a> {
    /// Starts reading `source`, shown to the user as `path`.
    pub fn new(path: &'a str, source: &'a str) -> Self {
        Self::cut(path, source, Vec::new())
    }

    /// Starts reading `source`, a text cut from the file `path` with the lines `gaps` says
    /// left out: every position is the file's.
    pub fn cut(path: &'a str, source: &'a str, gaps: Vec<Gap>) -> Self {
        Self {
            path,
            index: LineIndex::with_gaps(source, gaps),
            problems: Vec::new(),
            dropped: 0,
            errors: 0,
            note: None,
            level: Severity::Error,
        }
    }

    /// Runs `read` with every problem it records demoted to a warning: for parts of a file a
    /// reader can do without (an optional field of the wrong type is left out, an unknown key
    /// is ignored), so the rest of the file still loads.
    pub fn demoted<T>(&mut self, read: impl FnOnce(&mut Self) -> T) -> T {
        let outer = std::mem::replace(&mut self.level, Severity::Warning);
        let value = read(self);
        self.level = outer;
        value
    }

    /// Records a warning at `span`: the file still loads.
    pub fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.demoted(|r| r.error(span, message));
    }

    /// Parses the document; syntax errors are recorded (up to [`MAX_PROBLEMS`]) and yield `None`.
    ///
    /// Where the parser reports a symptom, the cause is reported instead: a string, array or
    /// header left open is named where it opens (errors the parser found after that point are
    /// its echoes and are left out), and a value that looks like a date written another way
    /// gets the form TOML expects (see [`syntax`]).
    pub fn parse<'i>(&mut self, source: &'i str) -> Option<Spanned<Table<'i>>> {
        // One plain pass first: enough for a valid file, and it stops collecting at the first
        // error. Recovering every error costs several times more per error, so only files small
        // enough to be hand-written get the full list (8 MiB of junk: 1.3 s instead of 6.4 s).
        let first = match DeTable::parse(source) {
            Ok(table) => return Some(table),
            Err(error) => error,
        };
        let errors = if source.len() > RECOVERY_LIMIT {
            self.note = Some("further syntax errors are not listed for files over 1 MiB".into());
            vec![first]
        } else {
            let (_, errors) = DeTable::parse_recoverable(source);
            if errors.is_empty() {
                vec![first]
            } else {
                errors
            }
        };
        let start = |error: &toml::de::Error| error.span().map_or(0, |s| s.start);
        let cause = syntax::unclosed(source)
            .filter(|open| errors.iter().any(|error| start(error) >= open.at));
        if let Some(open) = &cause {
            self.error(open.at..open.at, format!("invalid TOML: {}", open.message));
        }
        for error in &errors {
            if cause.as_ref().is_some_and(|open| start(error) >= open.at) {
                continue;
            }
            if self.problems.len() >= MAX_PROBLEMS {
                // Skip the formatting too: a junk file can hold a million of these.
                self.dropped += 1;
                continue;
            }
            self.syntax_error(source, error);
        }
        None
    }

    fn syntax_error(&mut self, source: &str, error: &toml::de::Error) {
        let span = error.span().unwrap_or(0..0);
        let mut message = format!("invalid TOML: {}", sanitize::line(error.message()));
        let hint = syntax::value_at(source, span.start)
            .and_then(|value| source.get(value))
            .and_then(syntax::date_hint);
        if let Some(hint) = hint {
            message.push_str("; ");
            message.push_str(&hint);
        }
        self.error(span, message);
    }

    /// Records a problem at `span`: an error, or a warning inside [`Reader::demoted`].
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        if self.level == Severity::Error {
            self.errors += 1;
        }
        if self.problems.len() >= MAX_PROBLEMS {
            self.dropped += 1;
            return;
        }
        let position = self.index.position(span.start);
        self.problems.push(Diagnostic {
            path: self.path.to_owned(),
            position: Some(position),
            severity: self.level,
            message: message.into(),
        });
    }

    /// True once any error (not a warning) was recorded, including ones past the limit.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Errors recorded so far, kept or not: compared before and after a part of the document
    /// to tell whether that part had any.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// The problems recorded so far, in document order. The closing remarks (problems not
    /// listed, a note) are errors when the file has errors, warnings otherwise.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.problems.sort_by_key(|d| d.position);
        let severity = if self.errors > 0 {
            Severity::Error
        } else {
            Severity::Warning
        };
        let remark = |message: String| Diagnostic {
            severity,
            ..Diagnostic::file(self.path, message)
        };
        if self.dropped > 0 {
            let more = crate::text::count(self.dropped, "more problem", "more problems");
            self.problems.push(remark(format!("{more} not shown")));
        }
        if let Some(note) = self.note.take() {
            self.problems.push(remark(note));
        }
        self.problems
    }

    /// Checks that `table` holds only `allowed` keys; each other key is an error naming them.
    pub fn only_keys(&mut self, table: &Table<'_>, context: &str, allowed: &[&str]) {
        for key in table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let list = allowed.join(", ");
                self.error(
                    key.span(),
                    format!(
                        "unknown key `{}` in {context}, expected one of: {list}",
                        quote(key.get_ref())
                    ),
                );
            }
        }
    }

    /// A required table-valued entry.
    pub fn table<'t, 'i>(&mut self, value: &'t Value<'i>, what: &str) -> Option<&'t Table<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                self.wrong_type(value.span(), what, "a table", other);
                None
            }
        }
    }

    /// A string; single-line fields are folded to one line, others keep their newlines and their
    /// tabs (the caller expands tabs where the displayed text starts, with
    /// [`sanitize::expand_tabs`], or folds them away).
    pub fn string(&mut self, value: &Value<'_>, what: &str, multiline: bool) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) if multiline => Some(sanitize::keeping_tabs(s)),
            DeValue::String(s) => Some(sanitize::line(s)),
            other => {
                self.wrong_type(value.span(), what, "a string", other);
                None
            }
        }
    }

    /// A non-empty single-line string.
    pub fn nonempty_line(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        let s = self.string(value, what, false)?;
        if s.is_empty() {
            self.error(value.span(), format!("{what} must not be empty"));
            return None;
        }
        Some(s)
    }

    /// An array of single-line strings; empty entries are errors.
    pub fn string_list(&mut self, value: &Value<'_>, what: &str) -> Vec<String> {
        self.array(value, what)
            .iter()
            .filter_map(|item| self.nonempty_line(item, &format!("an entry of {what}")))
            .collect()
    }

    /// The items of an array value (empty, with an error, for any other type).
    pub fn array<'t, 'i>(&mut self, value: &'t Value<'i>, what: &str) -> &'t [Value<'i>] {
        match value.get_ref() {
            DeValue::Array(items) => items,
            other => {
                self.wrong_type(value.span(), what, "an array", other);
                &[]
            }
        }
    }

    /// Records that `what` had the wrong type.
    pub fn wrong_type(
        &mut self,
        span: Range<usize>,
        what: &str,
        expected: &str,
        found: &DeValue<'_>,
    ) {
        self.error(
            span,
            format!("{what} must be {expected}, found {}", type_name(found)),
        );
    }
}

/// A user-supplied name made safe and short enough to quote in a message.
pub fn quote(name: &str) -> String {
    let clean = sanitize::line(name);
    if clean.chars().count() <= QUOTE_LIMIT {
        return clean;
    }
    let mut short: String = clean.chars().take(QUOTE_LIMIT).collect();
    short.push('…');
    short
}

/// The TOML type of a value, as named in messages.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Reader<'_> {
    /// Line and column of a byte offset in the document being read.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(offset)
    }

    /// Where the text read left lines of its file out (see [`Reader::cut`]).
    pub fn gaps(&self) -> &[Gap] {
        self.index.gaps()
    }

    /// The 1-based line of a byte offset, as stored in [`crate::content::SourceLines`].
    pub fn line(&self, offset: usize) -> u32 {
        u32::try_from(self.index.position(offset).0).unwrap_or(u32::MAX)
    }

    /// The document's text at `span` (empty when the span is not on character boundaries).
    pub fn text_at(&self, span: Range<usize>) -> &str {
        self.index.source().get(span).unwrap_or_default()
    }
}
