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
    /// Lines of the file that are not in `source` (see [`Gap`]), in order of `at`.
    gaps: Vec<Gap>,
}

/// Lines a text left out of the file it was cut from (a long briefing's opening, see
/// [`crate::content::opening`]): every line from byte `at` of the text on is `lines` further
/// down in the file than in the text. `lines` counts every line left out before `at`, not only
/// those of this gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// A byte offset in the cut text, at the start of a line.
    pub at: usize,
    /// The lines left out before `at`, in all.
    pub lines: usize,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source` once; lookups are then a binary search.
    pub fn new(source: &'a str) -> Self {
        Self::with_gaps(source, Vec::new())
    }

    /// Indexes `source`, a text cut from a file with the lines `gaps` says left out: positions
    /// are then the file's.
    pub fn with_gaps(source: &'a str, gaps: Vec<Gap>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        Self {
            source,
            line_starts,
            gaps,
        }
    }

    /// The text indexed.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Where the text left lines of its file out, in order (empty for a whole file).
    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
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
        let before = self.gaps.partition_point(|gap| gap.at <= offset);
        let left_out = before
            .checked_sub(1)
            .and_then(|last| self.gaps.get(last))
            .map_or(0, |gap| gap.lines);
        (line + left_out, column)
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
    fn lines_left_out_move_every_position_after_them() {
        // "a\nb\n" then two gaps: 3 lines left out before "c", 10 in all before "d".
        let gaps = vec![Gap { at: 4, lines: 3 }, Gap { at: 6, lines: 10 }];
        let index = LineIndex::with_gaps("a\nb\nc\nd\n", gaps);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(2), (2, 1));
        assert_eq!(index.position(3), (2, 2));
        assert_eq!(index.position(4), (6, 1));
        assert_eq!(index.position(5), (6, 2));
        assert_eq!(index.position(6), (14, 1));
        assert_eq!(index.position(999), (15, 1));
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
