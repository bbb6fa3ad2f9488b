//! Plain-text output for pipes and scripts: `show`, `list`, `check` (and `import`, `new`,
//! `search` and `digest` in their modules). Uses the same model and
//! wrapping as the reader, writes no escape sequences, and reports write errors to the caller
//! (a closed pipe ends the program quietly).

pub mod args;
mod config;
pub mod digest;
pub mod import;
pub mod json;
pub mod search;

pub use config::config;

use std::io::{self, Write};

use crate::content::{BlockRef, Briefing, list_prefixes};
use crate::library::Library;
use crate::settings::theme::{Role, Theme};
use crate::text;
use crate::text::highlight::{Highlighter, clip};

/// Colours for `show` on a terminal: the theme's roles and the briefing's keywords (and the
/// reader's watchlist), found by the reader's own highlighter.
#[derive(Debug, Clone, Copy)]
pub struct Paint<'a> {
    /// Styles by role and keyword category.
    pub theme: &'a Theme,
    /// Finds keyword and watchlist terms, built for the briefing shown.
    pub highlighter: &'a Highlighter,
}

/// Prints a briefing wrapped to `width` columns (or only its takeaways); with `paint`,
/// coloured with SGR sequences only (colours and attributes, never cursor movement), as the
/// escape tests check.
// Over 40 lines as one function: the briefing printed in reading order: header, sections,
// takeaways; each part is a few lines.
pub fn show(
    out: &mut impl Write,
    briefing: &Briefing,
    width: usize,
    takeaways_only: bool,
    paint: Option<Paint<'_>>,
) -> io::Result<()> {
    let mut p = Printer {
        out,
        width: width.max(20),
        paint,
        gap: false,
    };
    if !takeaways_only {
        p.wrapped(&briefing.title, Role::Title, ("", ""))?;
        if let Some(meta) = briefing.meta_line() {
            p.wrapped(&meta, Role::Meta, ("", ""))?;
        }
        if !briefing.tags.is_empty() {
            let tags: Vec<String> = briefing.tags.iter().map(|t| format!("#{t}")).collect();
            p.wrapped(&tags.join(" "), Role::Meta, ("", ""))?;
        }
        if let Some(summary) = &briefing.summary {
            p.gap();
            p.wrapped(summary, Role::Text, ("", ""))?;
        }
        for section in &briefing.sections {
            p.gap();
            if let Some(heading) = section.heading() {
                p.wrapped(heading, Role::Heading, ("", ""))?;
                let rule = "─".repeat(text::width(heading).min(p.width));
                p.line(&rule, Role::Heading)?;
            }
            for block in section.blocks() {
                p.gap();
                match block {
                    BlockRef::Paragraph(t) => p.wrapped(t, Role::Text, ("", ""))?,
                    BlockRef::Quote(lines) => {
                        for line in lines.iter() {
                            p.wrapped(line, Role::Quote, ("  │ ", "  │ "))?;
                        }
                    }
                    BlockRef::List(items) => {
                        for (item, prefix) in items.iter().zip(list_prefixes(items)) {
                            let rest = " ".repeat(text::width(&prefix));
                            p.wrapped(item.text, Role::Text, (&prefix, &rest))?;
                        }
                    }
                }
            }
        }
        if !briefing.takeaways.is_empty() {
            p.gap();
            p.line("Key takeaways", Role::Heading)?;
            p.line("─────────────", Role::Heading)?;
        }
    }
    for (i, takeaway) in briefing.takeaways.iter().enumerate() {
        let number = format!("{:>2}. ", i + 1);
        p.wrapped(&takeaway.text, Role::Text, (&number, "    "))?;
        if let Some(id) = &takeaway.unresolved {
            let to = format!("→ ? no section `{id}`");
            p.wrapped(&to, Role::Dim, ("    ", "      "))?;
        } else if let Some(section) = takeaway.section.and_then(|s| briefing.sections.get(s)) {
            let to = format!("→ {}", section.label());
            p.wrapped(&to, Role::Dim, ("    ", "      "))?;
        }
    }
    Ok(())
}

/// Writes lines, with one blank line between blocks however many are asked for in a row (an
/// empty section body must not leave two).
struct Printer<'a, W> {
    out: &'a mut W,
    width: usize,
    paint: Option<Paint<'a>>,
    /// A blank line is owed before the next line.
    gap: bool,
}

impl<W: Write> Printer<'_, W> {
    fn gap(&mut self) {
        self.gap = true;
    }

    fn start_line(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.gap) {
            writeln!(self.out)?;
        }
        Ok(())
    }

    /// One line of brief's own text (never wrapped).
    fn line(&mut self, text: &str, role: Role) -> io::Result<()> {
        self.start_line()?;
        self.styled(text, role)?;
        writeln!(self.out)
    }

    /// `body` wrapped, with prefixes for the first and the following rows.
    fn wrapped(&mut self, body: &str, role: Role, (first, rest): (&str, &str)) -> io::Result<()> {
        let indent = text::width(first).max(text::width(rest));
        let hits = self
            .paint
            .map(|p| p.highlighter.find(body))
            .unwrap_or_default();
        for (i, range) in text::wrap(body, self.width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            self.start_line()?;
            let prefix = if i == 0 { first } else { rest };
            let prefix_role = if role == Role::Quote {
                Role::Quote
            } else {
                Role::Bullet
            };
            self.styled(prefix, prefix_role)?;
            let row = body.get(range.clone()).unwrap_or_default();
            let mut at = 0;
            for hit in clip(&hits, &range) {
                self.styled(row.get(at..hit.range.start).unwrap_or_default(), role)?;
                self.keyword(
                    row.get(hit.range.clone()).unwrap_or_default(),
                    hit.category,
                    role,
                )?;
                at = hit.range.end;
            }
            self.styled(row.get(at..).unwrap_or_default(), role)?;
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn styled(&mut self, text: &str, role: Role) -> io::Result<()> {
        match self.paint {
            Some(p) if !text.is_empty() => self.painted(text, p.theme.style(role)),
            _ => write!(self.out, "{text}"),
        }
    }

    fn keyword(&mut self, text: &str, category: u16, role: Role) -> io::Result<()> {
        match self.paint {
            Some(p) if !text.is_empty() => {
                let name = p.highlighter.category_name(category);
                self.painted(text, p.theme.style(role).patch(p.theme.keyword(name)))
            }
            _ => write!(self.out, "{text}"),
        }
    }

    fn painted(&mut self, text: &str, style: ratatui::style::Style) -> io::Result<()> {
        let sgr = crate::term::backend::sgr(style);
        if sgr.is_empty() {
            write!(self.out, "{text}")
        } else {
            write!(self.out, "{sgr}{text}\x1b[0m")
        }
    }
}

/// Prints one line per briefing: date, title, origin.
pub fn list(out: &mut impl Write, library: &Library) -> io::Result<()> {
    for b in &library.briefings {
        let date = if b.date_text().is_empty() {
            "-"
        } else {
            b.date_text()
        };
        writeln!(out, "{date:<16}  {}  ({})", b.title, b.origin)?;
    }
    Ok(())
}

/// Prints the files that are valid, then a summary (neither when `quiet`); errors and warnings
/// go to standard error with every other command's (see `main`). Returns true when there was
/// at least one briefing and no error (and, when `strict`, no warning either).
pub fn check(
    out: &mut impl Write,
    library: &Library,
    strict: bool,
    quiet: bool,
) -> io::Result<bool> {
    {
        let mut err = io::stderr().lock();
        for d in library.briefings.iter().flat_map(|b| b.warnings.iter()) {
            writeln!(err, "{d}")?;
        }
        // What the importer guessed in `*.md` files: notes, which never fail a check.
        if !quiet {
            for b in &library.briefings {
                for d in b.imported.iter().flat_map(|i| i.notes.iter()) {
                    writeln!(err, "{d}")?;
                }
            }
        }
    }
    let mut valid: Vec<(&str, bool)> = library
        .briefings
        .iter()
        .map(|b| (b.origin.as_str(), b.imported.is_some()))
        .collect();
    valid.sort_unstable();
    let ok = valid.len();
    let failed = library.failures.len();
    let problems = library.problem_count();
    let warnings = library.warning_count();
    let verdict = failed == 0 && ok > 0 && !(strict && warnings > 0);
    if quiet {
        return Ok(verdict);
    }
    for (origin, imported) in &valid {
        if *imported {
            writeln!(out, "{origin}: ok (imported from Markdown)")?;
        } else {
            writeln!(out, "{origin}: ok")?;
        }
    }
    let warned = if warnings == 0 {
        String::new()
    } else {
        format!(" ({})", text::count(warnings, "warning", "warnings"))
    };
    let valid = text::count(ok, "briefing", "briefings");
    if ok == 0 && failed == 0 {
        // Said on standard error, as by every command.
    } else if failed == 0 {
        writeln!(out, "ok: {valid} valid{warned}")?;
    } else {
        writeln!(
            out,
            "{} with {}; {valid} valid{warned}",
            text::count(failed, "file", "files"),
            text::count(problems, "problem", "problems"),
        )?;
    }
    Ok(verdict)
}
