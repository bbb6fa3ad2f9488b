//! Plain-text output for pipes and scripts: `show`, `list`, `check`. Uses the same model and
//! wrapping as the reader, writes no escape sequences, and reports write errors to the caller
//! (a closed pipe ends the program quietly).

use std::io::{self, Write};

use crate::content::{Block, Briefing, Library};
use crate::text;

/// Prints a briefing wrapped to `width` columns (or only its takeaways).
pub fn show(
    out: &mut impl Write,
    briefing: &Briefing,
    width: usize,
    takeaways_only: bool,
) -> io::Result<()> {
    let width = width.max(20);
    if !takeaways_only {
        wrapped(out, &briefing.title, width, "", "")?;
        if let Some(meta) = briefing.meta_line() {
            wrapped(out, &meta, width, "", "")?;
        }
        if let Some(summary) = &briefing.summary {
            writeln!(out)?;
            wrapped(out, summary, width, "", "")?;
        }
        for section in &briefing.sections {
            writeln!(out)?;
            if let Some(heading) = &section.heading {
                wrapped(out, heading, width, "", "")?;
                writeln!(out, "{}", "─".repeat(text::width(heading).min(width)))?;
                writeln!(out)?;
            }
            for (i, block) in section.blocks.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                match block {
                    Block::Paragraph(t) => wrapped(out, t, width, "", "")?,
                    Block::Quote(lines) => {
                        for line in lines {
                            wrapped(out, line, width, "  │ ", "  │ ")?;
                        }
                    }
                    Block::Bullets(items) => {
                        for item in items {
                            wrapped(out, item, width, "  • ", "    ")?;
                        }
                    }
                }
            }
        }
        if !briefing.takeaways.is_empty() {
            writeln!(out)?;
            writeln!(out, "Key takeaways")?;
            writeln!(out, "─────────────")?;
        }
    }
    for (i, takeaway) in briefing.takeaways.iter().enumerate() {
        let number = format!("{:>2}. ", i + 1);
        wrapped(out, &takeaway.text, width, &number, "    ")?;
        if let Some(id) = &takeaway.unresolved {
            wrapped(
                out,
                &format!("→ ? no section `{id}`"),
                width,
                "    ",
                "      ",
            )?;
        } else if let Some(section) = takeaway.section.and_then(|s| briefing.sections.get(s)) {
            wrapped(
                out,
                &format!("→ {}", section.label()),
                width,
                "    ",
                "      ",
            )?;
        }
    }
    Ok(())
}

fn wrapped(
    out: &mut impl Write,
    body: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> io::Result<()> {
    let indent = text::width(first).max(text::width(rest));
    for (i, range) in text::wrap(body, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
    {
        let prefix = if i == 0 { first } else { rest };
        writeln!(out, "{prefix}{}", body.get(range).unwrap_or_default())?;
    }
    Ok(())
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

/// Prints every problem in every file (errors and warnings, by file), then the files that are
/// valid, then a summary. Returns true when there was at least one briefing and no error (and,
/// when `strict`, no warning either).
pub fn check(out: &mut impl Write, library: &Library, strict: bool) -> io::Result<bool> {
    let mut problems: Vec<(&str, &[crate::diagnostic::Diagnostic])> = library
        .failures
        .iter()
        .map(|f| (f.origin.as_str(), f.diagnostics.as_slice()))
        .chain(
            library
                .briefings
                .iter()
                .map(|b| (b.origin.as_str(), b.warnings.as_slice())),
        )
        .collect();
    problems.sort_by_key(|(origin, _)| *origin);
    for d in problems.iter().flat_map(|(_, d)| d.iter()) {
        writeln!(out, "{d}")?;
    }
    let mut valid: Vec<&str> = library
        .briefings
        .iter()
        .map(|b| b.origin.as_str())
        .collect();
    valid.sort_unstable();
    for origin in &valid {
        writeln!(out, "{origin}: ok")?;
    }
    let ok = valid.len();
    let failed = library.failures.len();
    let problems = library.problem_count();
    let warnings = library.warning_count();
    let warned = if warnings == 0 {
        String::new()
    } else {
        format!(" ({warnings} warning(s))")
    };
    if ok == 0 && failed == 0 {
        writeln!(out, "no briefings found (looked for *.toml files)")?;
    } else if failed == 0 {
        writeln!(out, "ok: {ok} briefing(s) valid{warned}")?;
    } else {
        writeln!(
            out,
            "{failed} file(s) with {problems} problem(s); {ok} briefing(s) valid{warned}"
        )?;
    }
    Ok(failed == 0 && ok > 0 && !(strict && warnings > 0))
}
