//! Markdown (`CommonMark` through `pulldown-cmark`) into a draft (docs/import.md, "Markdown"):
//! front matter for the fields, the first `#` heading as the title, the shallowest heading
//! level left as sections (deeper headings kept as paragraphs in their section), a section
//! headed `Key takeaways`, `Takeaways`, `TL;DR`, `Summary` or `Key points` as the takeaways,
//! and a paragraph opening with a bold `TL;DR:` label as a takeaway (or as the summary when
//! there is a takeaways section too).

mod events;
mod front;

use events::Piece;

use super::dates;
use super::draft::{Draft, DraftSection, DraftTakeaway};
use super::plain::split_dateline;
use crate::content::Block;

/// Front matter keys read, each with the other names it may have.
const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &["date", "published", "pubdate", "published_at", "created"];
const DATELINE: &[&str] = &["dateline", "location", "place"];
const TAGS: &[&str] = &["tags", "keywords", "categories"];
const SOURCE: &[&str] = &["source", "url", "link", "canonical_url", "publication"];
const AUTHORS: &[&str] = &["authors", "author", "by"];
const SUMMARY: &[&str] = &["summary", "description", "subtitle", "lede", "excerpt"];

/// Whether a heading names the takeaways: `Key takeaways`, `Takeaways`, `TL;DR`, `TLDR`,
/// `Summary` or `Key points`, in any case, with or without emoji, numbering or a colon.
pub(super) fn is_takeaways_heading(heading: &str) -> bool {
    let letters: String = heading
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        letters.as_str(),
        "keytakeaways" | "keytakeaway" | "takeaways" | "tldr" | "summary" | "keypoints"
    )
}

/// Whether `text` starts with YAML (`---`) or TOML (`+++`) front matter.
pub(super) fn has_front_matter(text: &str) -> bool {
    front::present(text)
}

/// Whether some line of `text` is one only Markdown writes: an ATX heading (`# `), a fenced
/// code block, bold text, or an inline link.
pub(super) fn has_markdown_lines(text: &str) -> bool {
    text.lines().take(2000).any(|line| {
        let line = line.trim_start();
        let hashes = line.len() - line.trim_start_matches('#').len();
        ((1..=6).contains(&hashes) && line.get(hashes..).is_some_and(|r| r.starts_with(' ')))
            || line.starts_with("```")
            || line.contains("**")
            || line.contains("](")
    })
}

/// The names (before `.md`, in any case) of a repository's own files, which are never articles.
const NOT_ARTICLES: &[&str] = &[
    "readme",
    "changelog",
    "changes",
    "contributing",
    "license",
    "licence",
    "code_of_conduct",
    "security",
    "authors",
    "notice",
];

/// Whether a file of this name may be an article: not a repository's README, CHANGELOG,
/// CONTRIBUTING, LICENSE, `CODE_OF_CONDUCT`, SECURITY, AUTHORS or NOTICE.
pub fn may_be_article(path: &std::path::Path) -> bool {
    path.file_stem()
        .is_none_or(|stem| !NOT_ARTICLES.contains(&stem.to_string_lossy().to_lowercase().as_str()))
}

/// Whether a `*.md` file found in a library directory is an article to show: it has a
/// level-one heading (`# Title`) or front matter with a `title`. A notes file with neither is
/// skipped (and so is a README, whatever it holds: see [`may_be_article`]). A line scan, as for
/// TOML files (see `library::declares_briefing`).
pub fn looks_like_article(text: &str) -> bool {
    if front::present(text) {
        let front = front::read(text);
        if front.text(TITLE).is_some() {
            return true;
        }
    }
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && (line.starts_with("# ") || line == "#") {
            return true;
        }
    }
    false
}

/// Reads Markdown into a draft; `fallback_title` is the title when the text has none (a web
/// page's `<title>`).
pub(super) fn read(text: &str, fallback_title: Option<&str>) -> Draft {
    let mut draft = Draft::default();
    let front = front::read(text);
    if let Some(problem) = &front.problem {
        draft.guess(Some(0), format!("{problem}: its fields are not used"));
    }
    let body = text.get(front.body_start..).unwrap_or_default();
    let mut pieces: Vec<(usize, Piece)> = events::pieces(body)
        .into_iter()
        .map(|(at, piece)| (at + front.body_start, piece))
        .collect();
    title(&mut draft, &front, &mut pieces, fallback_title);
    fields(&mut draft, &front);
    sections(&mut draft, pieces);
    if draft.dateline.is_none() {
        lead_dateline(&mut draft);
    }
    if draft.date.is_none() {
        if let Some(found) = dates::find(body) {
            let (y, m, d) = found.date;
            draft.guess(
                Some(found.at + front.body_start),
                format!("date {y:04}-{m:02}-{d:02} taken from \"{}\"", found.text),
            );
            draft.date = Some(found.date);
        } else {
            draft.guess(None, "no date found in the text: the briefing has none");
        }
    }
    draft
}

/// The title: the front matter's, else the first `#` heading, else the first heading if
/// nothing comes before it, else `fallback`. A first heading that only repeats the front
/// matter's title is left out.
fn title(
    draft: &mut Draft,
    front: &front::FrontMatter,
    pieces: &mut Vec<(usize, Piece)>,
    fallback: Option<&str>,
) {
    let first_is_heading = matches!(pieces.first(), Some((_, Piece::Heading(..))));
    if let Some(title) = front.text(TITLE) {
        draft.title = Some(title);
        if matches!(pieces.first(), Some((_, Piece::Heading(1, _)))) {
            let (at, _) = pieces.remove(0);
            draft.guess(
                Some(at),
                "the first heading left out: the front matter gives the title",
            );
        }
        return;
    }
    let h1 = pieces
        .iter()
        .position(|(_, p)| matches!(p, Piece::Heading(1, _)));
    let chosen = h1.or_else(|| first_is_heading.then_some(0));
    if let Some(i) = chosen {
        let (at, piece) = pieces.remove(i);
        if let Piece::Heading(level, text) = piece {
            draft.title = Some(text);
            if level > 1 {
                draft.guess(
                    Some(at),
                    "title taken from the first heading (there is no `#` heading)",
                );
            }
        }
    } else if let Some(title) = fallback {
        draft.title = Some(title.to_owned());
        draft.guess(None, "title taken from the page's title");
    } else {
        draft.guess(None, "no `#` heading and no front matter title");
    }
}

fn fields(draft: &mut Draft, front: &front::FrontMatter) {
    draft.dateline = front.text(DATELINE);
    draft.source = front.text(SOURCE);
    draft.summary = front.text(SUMMARY);
    draft.tags = front.list(TAGS);
    draft.authors = front.list(AUTHORS);
    if let Some(date) = front.text(DATE) {
        match dates::find(&date) {
            Some(found) => draft.date = Some(found.date),
            None => draft.guess(
                Some(0),
                format!("the front matter date \"{date}\" is not a date brief reads"),
            ),
        }
    }
    let known = [TITLE, DATE, DATELINE, TAGS, SOURCE, AUTHORS, SUMMARY].concat();
    let unknown: Vec<&str> = front
        .fields
        .keys()
        .map(String::as_str)
        .filter(|k| !known.contains(k))
        .collect();
    if !unknown.is_empty() {
        draft.guess(
            Some(0),
            format!("front matter keys not used: {}", unknown.join(", ")),
        );
    }
}

/// Sections, takeaways and the TL;DR from the pieces left after the title.
// Over 40 lines as one function: one pass over the pieces as a small state machine (section,
// takeaways), then where a TL;DR goes.
fn sections(draft: &mut Draft, pieces: Vec<(usize, Piece)>) {
    let section_level = pieces
        .iter()
        .filter_map(|(_, p)| match p {
            Piece::Heading(level, text) if !is_takeaways_heading(text) => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let mut current = DraftSection::default();
    let mut takeaways_level: Option<u8> = None;
    let mut found_takeaways = false;
    let mut tldr: Vec<(usize, String)> = Vec::new();
    let mut folded = 0;
    for (at, piece) in pieces {
        match piece {
            // A heading inside the takeaways is not a takeaway.
            Piece::Heading(level, _) if takeaways_level.is_some_and(|l| level > l) => {}
            Piece::Heading(level, text) if is_takeaways_heading(&text) => {
                draft.guess(Some(at), format!("\"{text}\" read as the takeaways"));
                takeaways_level = Some(level);
                found_takeaways = true;
            }
            Piece::Heading(level, text) if level <= section_level => {
                takeaways_level = None;
                close(draft, &mut current);
                current.heading = Some(text);
            }
            Piece::Heading(_, text) => {
                takeaways_level = None;
                folded += 1;
                current.blocks.push(Block::Paragraph(text));
            }
            Piece::Tldr(text) => tldr.push((at, text)),
            Piece::Block(block) if takeaways_level.is_some() => {
                let texts: Vec<String> = match block {
                    Block::Paragraph(t) => vec![t],
                    Block::List(items) => items.into_iter().map(|i| i.text).collect(),
                    Block::Quote(lines) => vec![lines.join(" ")],
                };
                draft.takeaways.extend(
                    texts
                        .into_iter()
                        .map(|text| DraftTakeaway { text, at: Some(at) }),
                );
            }
            Piece::Block(block) => current.blocks.push(block),
        }
    }
    close(draft, &mut current);
    if folded > 0 {
        draft.guess(
            None,
            format!("{folded} headings deeper than the sections kept as paragraphs"),
        );
    }
    for (at, text) in tldr {
        if found_takeaways && draft.summary.is_none() {
            draft.guess(Some(at), "the bold TL;DR line made the summary");
            draft.summary = Some(text);
        } else {
            draft.guess(Some(at), "the bold TL;DR line made a takeaway");
            draft
                .takeaways
                .insert(0, DraftTakeaway { text, at: Some(at) });
        }
    }
}

fn close(draft: &mut Draft, current: &mut DraftSection) {
    let section = std::mem::take(current);
    if section.heading.is_some() || !section.blocks.is_empty() {
        draft.sections.push(section);
    }
}

/// The dateline split off the lead section's first paragraph (`Place — text`).
fn lead_dateline(draft: &mut Draft) {
    let Some(section) = draft.sections.first_mut().filter(|s| s.heading.is_none()) else {
        return;
    };
    let Some(Block::Paragraph(first)) = section.blocks.first_mut() else {
        return;
    };
    let Some((place, rest)) = split_dateline(first).map(|(p, r)| (p.to_owned(), r.to_owned()))
    else {
        return;
    };
    *first = rest;
    draft.guess(
        None,
        format!("\"{place}\" read as the dateline (the words before the dash)"),
    );
    draft.dateline = Some(place);
}
