//! Positioned problems found in a file. One type for content, themes and keymaps, so every problem
//! the user sees has the same `path:line:column: severity: message` shape.

use std::fmt;

/// How bad a problem is. Errors stop a file from loading; warnings are shown but the file is
/// still read (which problems are which is the table in docs/format.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Not a problem: something brief guessed or decided that the reader may want to check
    /// (what the importer guessed in a `*.md` file, docs/import.md). Never counts against a
    /// file, even with `check --strict`.
    Note,
    /// The file loads; something in it was left out or shown differently (e.g. a takeaway
    /// pointing at an unknown section is shown unlinked).
    Warning,
    /// Nothing sensible can be shown: the file does not load.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// A problem in a file, located where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as shown to the user (already sanitised).
    pub path: String,
    /// 1-based line and column (in characters); `None` for whole-file problems such as an
    /// unreadable file.
    pub position: Option<(usize, usize)>,
    /// Whether the file still loads despite it.
    pub severity: Severity,
    /// What is wrong and what was expected (already sanitised).
    pub message: String,
}

impl Diagnostic {
    /// An error about the file as a whole.
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            position: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// True for an error (the file does not load), false for a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}: {}",
                self.path, self.severity, self.message
            ),
            None => write!(f, "{}: {}: {}", self.path, self.severity, self.message),
        }
    }
}

/// Maps byte offsets of a source text to 1-based line and character column.
#[derive(Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source` once; lookups are then a binary search.
    pub fn new(source: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            source,
            line_starts,
        }
    }

    /// The text indexed.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Line and column of byte `offset` (clamped to the text; never panics).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .source
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    }
}

/// Each diagnostic as the user reads it (`path:line:column: severity: message`), for tests
/// that compare every problem a file has.
#[cfg(test)]
pub(crate) fn rendered(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let index = LineIndex::new("ab\nçd\n\nx");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(5), (2, 2)); // after the two-byte ç
        assert_eq!(index.position(7), (3, 1));
        assert_eq!(index.position(8), (4, 1));
        assert_eq!(index.position(999), (4, 2));
    }

    #[test]
    fn display_names_path_line_and_column() {
        let d = Diagnostic {
            path: "a.toml".into(),
            position: Some((3, 7)),
            severity: Severity::Warning,
            message: "bad".into(),
        };
        assert_eq!(d.to_string(), "a.toml:3:7: warning: bad");
        assert_eq!(
            Diagnostic::file("b.toml", "gone").to_string(),
            "b.toml: error: gone"
        );
    }
}
