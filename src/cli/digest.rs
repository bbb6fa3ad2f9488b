//! `brief digest`: a [`Digest`] as plain text, as Markdown to paste into an email or a ticket
//! (every character Markdown would act on escaped), or as one JSON document (docs/json.md).

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::json::SCHEMA_VERSION;
use crate::content::Briefing;
use crate::library::Library;
use crate::library::digest::{Digest, Entry};

/// How `digest` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Days, titles and numbered takeaways, indented.
    Text,
    /// Headings per day and briefing, a bullet per takeaway, content escaped.
    Markdown,
    /// One JSON document.
    Json,
}

/// Prints `digest` of `library` in `format`.
pub fn print(
    out: &mut impl Write,
    library: &Library,
    digest: &Digest,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Text => text(out, library, digest),
        Format::Markdown => markdown(out, library, digest),
        Format::Json => json(out, library, digest),
    }
}

/// The entries of a digest with their briefings.
fn entries<'a>(
    library: &'a Library,
    entries: &'a [Entry],
) -> impl Iterator<Item = (&'a Entry, &'a Briefing)> {
    entries
        .iter()
        .filter_map(|e| Some((e, &**library.briefings.get(e.briefing)?)))
}

/// The label of the section a takeaway points to.
fn section_label(b: &Briefing, section: Option<usize>) -> Option<&str> {
    section
        .and_then(|s| b.sections.get(s))
        .map(crate::content::Section::label)
}

fn text(out: &mut impl Write, library: &Library, digest: &Digest) -> io::Result<()> {
    for (i, day) in digest.days.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", day.date)?;
        for (entry, b) in entries(library, &day.briefings) {
            writeln!(out, "  {}  ({})", b.title, b.origin)?;
            for (n, (takeaway, section)) in entry.takeaways.iter().enumerate() {
                write!(out, "    {}. {takeaway}", n + 1)?;
                if let Some(label) = section_label(b, *section) {
                    write!(out, "  → {label}")?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

fn markdown(out: &mut impl Write, library: &Library, digest: &Digest) -> io::Result<()> {
    let range = &digest.range;
    if range.from == jiff::civil::Date::MIN {
        writeln!(out, "# Digest to {}", range.to)?;
    } else if range.from == range.to {
        writeln!(out, "# Digest for {}", range.to)?;
    } else {
        writeln!(out, "# Digest from {} to {}", range.from, range.to)?;
    }
    for day in &digest.days {
        writeln!(out, "\n## {}", day.date)?;
        for (entry, b) in entries(library, &day.briefings) {
            writeln!(out, "\n### {}\n", escape(&b.title))?;
            if entry.takeaways.is_empty() {
                writeln!(out, "*No takeaways.*")?;
            }
            for (takeaway, section) in &entry.takeaways {
                write!(out, "- {}", escape(takeaway))?;
                if let Some(label) = section_label(b, *section) {
                    write!(out, " (→ *{}*)", escape(label))?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// `text` with every character `CommonMark` could act on mid-line backslash-escaped (emphasis,
/// code, links, images, HTML and entities, tables, strikethrough, headings), so content
/// pasted as Markdown reads as written. Lines never start with content here (it follows
/// `- ` or `### `), so line-start markers such as `1.` need nothing.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// `digest --format json`.
#[derive(Debug, Serialize)]
struct Document<'a> {
    schema: u32,
    /// `null` when the range has no first day.
    from: Option<String>,
    to: String,
    tags: &'a [String],
    days: Vec<DayJson<'a>>,
}

#[derive(Debug, Serialize)]
struct DayJson<'a> {
    date: String,
    briefings: Vec<BriefingJson<'a>>,
}

#[derive(Debug, Serialize)]
struct BriefingJson<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    path: &'a str,
    takeaways: Vec<TakeawayJson<'a>>,
}

#[derive(Debug, Serialize)]
struct TakeawayJson<'a> {
    text: &'a str,
    section: Option<SectionJson<'a>>,
}

#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    index: usize,
    id: &'a str,
    heading: Option<&'a str>,
}

fn json(out: &mut impl Write, library: &Library, digest: &Digest) -> io::Result<()> {
    let days = digest
        .days
        .iter()
        .map(|day| DayJson {
            date: day.date.to_string(),
            briefings: entries(library, &day.briefings)
                .map(|(entry, b)| BriefingJson {
                    id: b.id.as_str(),
                    title: &b.title,
                    date: b.date.as_ref().map(|d| d.text.as_str()),
                    path: &b.origin,
                    takeaways: entry
                        .takeaways
                        .iter()
                        .map(|(text, section)| TakeawayJson {
                            text,
                            section: section.and_then(|index| {
                                let s = b.sections.get(index)?;
                                Some(SectionJson {
                                    index,
                                    id: &s.id,
                                    heading: s.heading(),
                                })
                            }),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let from = digest.range.from;
    let document = Document {
        schema: SCHEMA_VERSION,
        from: (from != jiff::civil::Date::MIN).then(|| from.to_string()),
        to: digest.range.to.to_string(),
        tags: &digest.tags,
        days,
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            escape(r"*a* _b_ `c` [d](e) <f> #g |h| ~i~ &amp; ![j] \k $l$ 1. -m"),
            r"\*a\* \_b\_ \`c\` \[d\](e) \<f\> \#g \|h\| \~i\~ \&amp; \!\[j\] \\k \$l\$ 1. -m"
        );
    }
}
