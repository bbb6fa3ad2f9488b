//! Plain text shaped like a news article (docs/import.md, "Plain text"): the first line is the
//! title; a short line without closing punctuation is a heading; lines starting `- `, `* `,
//! `• ` or `1. ` are list items; a heading such as `Key Takeaways` starts the takeaways. When
//! blank lines separate the paragraphs, the lines of one paragraph are joined (hard-wrapped
//! text); otherwise every line is a paragraph of its own. The first paragraph's opening
//! `Place — ` is the dateline, and the first date in the text is the briefing's date.

use super::dates;
use super::draft::{Draft, DraftSection, DraftTakeaway};
use crate::content::{Block, ListItem, Marker};

/// At most this many words in a heading.
const HEADING_WORDS: usize = 14;
/// At most this many characters in a heading.
const HEADING_CHARS: usize = 100;

/// One line of the input, classified.
enum Line<'a> {
    Blank,
    Item(Marker, u8, &'a str),
    /// A short line without closing punctuation: a heading when it stands alone.
    Short(&'a str),
    Prose(&'a str),
}

/// Reads plain text into a draft.
pub(super) fn read(text: &str) -> Draft {
    let mut draft = Draft::default();
    let lines: Vec<(usize, &str)> = lines(text);
    let Some(title_at) = lines.iter().position(|(_, l)| !l.trim().is_empty()) else {
        return draft;
    };
    let (offset, title) = lines[title_at];
    draft.title = Some(title.trim().to_owned());
    draft.guess(Some(offset), "title taken from the first line");
    let rest = lines.get(title_at + 1..).unwrap_or_default();
    let classified: Vec<(usize, Line)> = rest.iter().map(|&(at, l)| (at, classify(l))).collect();
    let gaps = gaps(&classified);
    let content = classified
        .iter()
        .filter(|(_, l)| !matches!(l, Line::Blank))
        .count();
    // Paragraphs separated by blank lines: the lines between two blank lines are one paragraph.
    let joined = gaps >= 2 && gaps * 4 >= content;
    let mut builder = Builder {
        draft,
        section: DraftSection::default(),
        in_takeaways: false,
        joining: false,
    };
    for (i, (at, line)) in classified.iter().enumerate() {
        let blank_around = |step: isize| {
            i.checked_add_signed(step)
                .and_then(|j| classified.get(j))
                .is_none_or(|(_, l)| matches!(l, Line::Blank))
        };
        match line {
            Line::Blank => builder.joining = false,
            Line::Short(t) if !joined || (blank_around(-1) && blank_around(1)) => {
                builder.heading(*at, t);
            }
            Line::Item(marker, depth, t) => builder.item(*at, *marker, *depth, t),
            Line::Short(t) | Line::Prose(t) => builder.prose(*at, t, joined),
        }
    }
    let mut draft = builder.done();
    dateline(&mut draft, text);
    if let Some(found) = dates::find(text) {
        let (y, m, d) = found.date;
        draft.guess(
            Some(found.at),
            format!("date {y:04}-{m:02}-{d:02} taken from \"{}\"", found.text),
        );
        draft.date = Some(found.date);
    } else {
        draft.guess(None, "no date found in the text: the briefing has none");
    }
    draft
}

/// The lines of `text` with their byte offsets, line ends removed.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split('\n')
        .map(|l| {
            let start = at;
            at += l.len() + 1;
            (start, l.trim_end())
        })
        .collect()
}

/// The number of blank runs between two lines with text.
fn gaps(lines: &[(usize, Line)]) -> usize {
    let mut gaps = 0;
    let mut seen_text = false;
    let mut blank = false;
    for (_, line) in lines {
        if matches!(line, Line::Blank) {
            blank = seen_text;
        } else {
            gaps += usize::from(blank);
            blank = false;
            seen_text = true;
        }
    }
    gaps
}

fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    let indent = line.len() - line.trim_start().len();
    let depth = u8::from(indent >= 2);
    for bullet in ["- ", "* ", "• ", "– ", "· "] {
        if let Some(text) = trimmed.strip_prefix(bullet) {
            return Line::Item(Marker::Bullet, depth, text.trim());
        }
    }
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if (1..=9).contains(&digits)
        && let Some(rest) = trimmed.get(digits..)
        && let Some(text) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
        && let Ok(n) = trimmed.get(..digits).unwrap_or_default().parse()
    {
        return Line::Item(Marker::Number(n), depth, text.trim());
    }
    if is_heading_like(trimmed) {
        Line::Short(trimmed)
    } else {
        Line::Prose(trimmed)
    }
}

/// Short, starting with a capital letter or a digit (or a symbol such as an emoji), holding a
/// letter, and ending without closing punctuation (`.`, `,`, `;`, `:`, `!`, `?`, `…` or a
/// closing quote).
fn is_heading_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let starts_well = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric());
    let ends_open = !line.ends_with([
        '.', ',', ';', ':', '!', '?', '…', '”', '"', '’', '\'', '»', '-', '—',
    ]);
    words <= HEADING_WORDS
        && line.chars().count() <= HEADING_CHARS
        && starts_well
        && ends_open
        && line.chars().any(char::is_alphabetic)
}

/// Sections and takeaways built line by line.
struct Builder {
    draft: Draft,
    section: DraftSection,
    in_takeaways: bool,
    /// The last line was running text that the next line of the same paragraph joins.
    joining: bool,
}

impl Builder {
    fn heading(&mut self, at: usize, text: &str) {
        self.joining = false;
        if super::markdown::is_takeaways_heading(text) {
            self.draft.guess(
                Some(at),
                format!("\"{text}\" read as the heading of the takeaways"),
            );
            self.close();
            self.in_takeaways = true;
            return;
        }
        self.draft.guess(
            Some(at),
            "read as a heading (a short line without closing punctuation)",
        );
        self.close();
        self.in_takeaways = false;
        self.section.heading = Some(text.to_owned());
    }

    fn item(&mut self, at: usize, marker: Marker, depth: u8, text: &str) {
        self.joining = false;
        if self.in_takeaways {
            self.draft.takeaways.push(DraftTakeaway {
                text: text.to_owned(),
                at: Some(at),
            });
            return;
        }
        let item = ListItem {
            marker,
            depth,
            text: text.to_owned(),
        };
        if let Some(Block::List(items)) = self.section.blocks.last_mut() {
            items.push(item);
        } else {
            self.section.blocks.push(Block::List(vec![item]));
        }
    }

    fn prose(&mut self, at: usize, text: &str, joined: bool) {
        if self.in_takeaways {
            if self.joining
                && let Some(last) = self.draft.takeaways.last_mut()
            {
                last.text.push(' ');
                last.text.push_str(text);
            } else {
                self.draft.takeaways.push(DraftTakeaway {
                    text: text.to_owned(),
                    at: Some(at),
                });
            }
        } else if self.joining
            && let Some(Block::Paragraph(p)) = self.section.blocks.last_mut()
        {
            p.push(' ');
            p.push_str(text);
        } else if self.joining
            && let Some(Block::List(items)) = self.section.blocks.last_mut()
            && let Some(item) = items.last_mut()
        {
            item.text.push(' ');
            item.text.push_str(text);
        } else {
            self.section.blocks.push(Block::Paragraph(text.to_owned()));
        }
        self.joining = joined;
    }

    fn close(&mut self) {
        let section = std::mem::take(&mut self.section);
        if section.heading.is_some() || !section.blocks.is_empty() {
            self.draft.sections.push(section);
        }
    }

    fn done(mut self) -> Draft {
        self.close();
        self.draft
    }
}

/// Splits `Place — ` off the first paragraph of the lead section into the dateline.
fn dateline(draft: &mut Draft, text: &str) {
    let Some(section) = draft.sections.first_mut().filter(|s| s.heading.is_none()) else {
        return;
    };
    let Some(Block::Paragraph(first)) = section.blocks.first_mut() else {
        return;
    };
    let at = text.find(first.as_str());
    let Some((place, rest)) = split_dateline(first).map(|(p, r)| (p.to_owned(), r.to_owned()))
    else {
        return;
    };
    *first = rest;
    draft.guess(
        at,
        format!("\"{place}\" read as the dateline (the words before the dash)"),
    );
    draft.dateline = Some(place);
}

/// `("Washington, D.C.", "In a landmark …")` from `Washington, D.C. — In a landmark …`: a
/// place of at most six words starting with a capital (or a letter of a script without case),
/// before an em or en dash (or ` -- `).
pub(super) fn split_dateline(paragraph: &str) -> Option<(&str, &str)> {
    let (place, rest) = ["—", " – ", " -- "]
        .iter()
        .filter_map(|dash| paragraph.split_once(dash))
        .min_by_key(|(place, _)| place.len())?;
    let place = place.trim().trim_end_matches(',');
    let rest = rest.trim();
    let words = place.split_whitespace().count();
    let capital = place
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase());
    (capital && (1..=6).contains(&words) && place.chars().count() <= 60 && !rest.is_empty())
        .then_some((place, rest))
}
