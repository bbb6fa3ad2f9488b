//! Articles in other formats made into briefings: plain text shaped like a news article,
//! Markdown (`CommonMark`, with YAML or TOML front matter) and saved web pages. Pure functions
//! from text to a briefing written as TOML (with `toml_edit`, never by formatting strings), read
//! back through [`crate::content::parse`] before it is returned, with a list of what had to be
//! guessed. Nothing here reads or writes files: the command line and the library do (see
//! docs/import.md).

mod dates;
mod draft;
mod html;
mod keywords;
mod links;
mod markdown;
mod plain;
mod template;
mod words;

use crate::content::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::content::model::Imported;
use crate::content::{Briefing, parse};

pub use draft::Guess;
pub use markdown::{looks_like_article, may_be_article};
pub use template::template;

/// The largest input imported: 100 MB (10⁸ bytes). Larger ones are refused unread.
pub const MAX_INPUT: u64 = 100_000_000;

/// What an input is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text: a title line, paragraphs, short lines as headings, `- ` bullets.
    Text,
    /// `CommonMark`, with optional YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// A saved web page: the article is extracted, then read as Markdown.
    Html,
}

impl Format {
    /// The format's name as the command line spells it (`--format markdown`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }

    /// The format a file name says (`.md`, `.markdown`; `.html`, `.htm`, `.xhtml`; `.txt`,
    /// `.text`), if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "txt" | "text" => Some(Self::Text),
            _ => None,
        }
    }

    /// The format the text looks like: HTML when it starts (after blanks) with `<!doctype`,
    /// `<html` or `<head`/`<body`, or holds `<article` or `<p>` before any line of plain text;
    /// Markdown when it has front matter or a line that only Markdown writes (`# ` heading,
    /// `**`, a `[text](url)` link, a fenced code block); plain text otherwise.
    pub fn sniff(text: &str) -> Self {
        let start: String = text
            .trim_start()
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        let html_starts = ["<!doctype html", "<html", "<head", "<body", "<?xml"];
        if html_starts.iter().any(|s| start.starts_with(s))
            || (start.starts_with('<') && (start.contains("<article") || start.contains("<p>")))
        {
            return Self::Html;
        }
        if markdown::has_front_matter(text) || markdown::has_markdown_lines(text) {
            Self::Markdown
        } else {
            Self::Text
        }
    }
}

/// What the importer is asked to do besides converting.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Suggest `[keywords]` (people, places, organisations) from recurring capitalised names.
    pub keywords: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { keywords: true }
    }
}

/// One imported briefing.
#[derive(Debug, Clone)]
pub struct Import {
    /// The briefing as a TOML document, ready to write to a file (`brief check` clean).
    pub toml: String,
    /// The same briefing as brief reads it back from [`Import::toml`], with
    /// [`Briefing::imported`] holding the guesses as notes.
    pub briefing: Briefing,
    /// What the importer had to guess, in input order where it has a place.
    pub guesses: Vec<Guess>,
}

/// Refuses input that is not text: over [`MAX_INPUT`] bytes, holding a NUL byte (a binary
/// file), or not UTF-8 (the message names the line and column of the first bad byte). Returns
/// the text on success. `origin` names the input in the message.
pub fn text_of<'a>(origin: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Diagnostic::file(
            origin,
            "input is larger than 100 MB: brief imports articles, not archives",
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(bytes.get(..at).unwrap_or_default());
        return Err(Diagnostic {
            path: origin.to_owned(),
            position: Some(LineIndex::new(&prefix).position(prefix.len())),
            severity: Severity::Error,
            message: "input holds a NUL byte: a binary file, not an article".to_owned(),
        });
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = err.valid_up_to();
        let prefix = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
        Diagnostic {
            path: origin.to_owned(),
            position: Some(LineIndex::new(&prefix).position(prefix.len())),
            severity: Severity::Error,
            message: "input is not valid UTF-8 (convert it, e.g. with iconv)".to_owned(),
        }
    })
}

/// Imports `text` written in `format` as one briefing named `origin` in messages.
///
/// # Errors
/// A message when there is nothing to import (the input is blank, or a web page holds no
/// article), or, should the importer ever write a briefing brief does not read cleanly, what
/// brief found wrong in it (a bug, reported rather than written).
pub fn import(
    origin: &str,
    text: &str,
    format: Format,
    options: Options,
) -> Result<Import, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(
            origin,
            "nothing to import: the input is empty",
        ));
    }
    let mut draft = match format {
        Format::Text => plain::read(text),
        Format::Markdown => markdown::read(text, None),
        Format::Html => html::read(text).map_err(|m| Diagnostic::file(origin, m))?,
    };
    draft.finish(options);
    let toml = draft.to_toml();
    let mut briefing = parse(origin, &toml).map_err(|problems| invalid(origin, &problems))?;
    if !briefing.warnings.is_empty() {
        return Err(invalid(origin, &briefing.warnings));
    }
    let mut guesses = draft.guesses;
    // In input order; guesses about the whole input last.
    guesses.sort_by_key(|g| g.at.unwrap_or(usize::MAX));
    // Offsets are into `text`, except for a web page, whose guesses are about the Markdown
    // made from it and so carry no place.
    let index = LineIndex::new(text);
    let notes = guesses
        .iter()
        .map(|g| Diagnostic {
            path: origin.to_owned(),
            position: g
                .at
                .filter(|_| format != Format::Html)
                .map(|at| index.position(at)),
            severity: Severity::Note,
            message: g.message.clone(),
        })
        .collect();
    briefing.id_at = None;
    briefing.imported = Some(Box::new(Imported {
        format: format.name(),
        notes,
    }));
    Ok(Import {
        toml,
        briefing,
        guesses,
    })
}

fn invalid(origin: &str, problems: &[Diagnostic]) -> Diagnostic {
    let first = problems
        .first()
        .map_or_else(String::new, |d| d.message.clone());
    Diagnostic::file(
        origin,
        format!("the importer made a briefing brief does not read cleanly (a bug): {first}"),
    )
}

#[cfg(test)]
mod tests;
