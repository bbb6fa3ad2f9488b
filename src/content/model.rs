//! The validated briefing: every string is sanitised, every reference resolved. Immutable once
//! built and free of terminal types, so the CLI, the TUI and tests share it.

pub use super::id::BriefingId;
mod section;

pub use section::{
    Block, BlockRef, CompactString, ItemRef, Items, ListItem, Marker, QuoteLines, Section,
};
// The highlighting vocabulary is the text layer's: a briefing's keywords are its terms.
pub use crate::text::highlight::{Category, Keywords};

/// One briefing, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    /// Where it came from, as shown to the user (a path, or `built-in:NAME`).
    pub origin: String,
    /// Which briefing this is, whatever the spelling of its path: the canonical path of its
    /// file (or `built-in:NAME`, or the origin when there is no file). Reading positions are
    /// kept under it.
    pub key: String,
    /// Which briefing this is, wherever it is read from: reading positions and read state are
    /// kept under it (see [`BriefingId`]).
    pub id: BriefingId,
    /// Line and column of the `id` value in the file, or of the title's when the id is derived
    /// (for messages about the id); `None` for a briefing built in memory.
    pub id_at: Option<(usize, usize)>,
    /// The headline.
    pub title: String,
    /// Where it was filed from, e.g. "Washington, D.C.".
    /// Held inline up to 24 bytes, as most are.
    pub dateline: Option<CompactString>,
    /// When it was filed.
    pub date: Option<BriefDate>,
    /// The publication or feed it came from.
    pub source: Option<String>,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// Free-form labels, each held inline up to 24 bytes, as most are.
    pub tags: Vec<CompactString>,
    /// An optional lede shown above the first section.
    pub summary: Option<String>,
    /// Terms to highlight, by category.
    pub keywords: Keywords,
    /// The article, in order; never empty.
    pub sections: Vec<Section>,
    /// The key takeaways, in order.
    pub takeaways: Vec<Takeaway>,
    /// Problems that did not stop the file from loading (see docs/format.md), in file order.
    pub warnings: Vec<crate::content::diagnostic::Diagnostic>,
    /// Set when the briefing was converted from another format at load (a `*.md` file in the
    /// library) rather than read from TOML: the reader marks it, and `brief check` prints its
    /// notes.
    pub imported: Option<Box<Imported>>,
    /// Where each part starts in the file (for `path:line:` in search results). Not part of
    /// the text: [`Briefing::same_text`] ignores it.
    pub lines: SourceLines,
}

/// How a briefing read from another format was converted (see docs/import.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The format it was written in, as `brief import --format` names it (`markdown`).
    pub format: &'static str,
    /// What the importer had to guess, as notes (`path:line:column: note: …`), in file order.
    pub notes: Vec<crate::content::diagnostic::Diagnostic>,
}

/// The 1-based lines of a file on which the parts of its briefing start; 0 where unknown (a
/// briefing built in memory, a part added later). Recorded at parse time from the TOML
/// spans. A body line is exact for a multi-line string without escapes; where escapes (`\n`,
/// a line-ending backslash) change the line count, it is kept within the string's own lines.
///
/// Every line but the title's and the summary's is kept in one list per briefing (a list per
/// section took 3 MB more for ten thousand briefings: docs/performance.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLines {
    /// The `title` value's line.
    pub title: u32,
    /// The `summary` value's line.
    pub summary: u32,
    /// The number of sections `S`; then `S + 1` offsets into what follows, where each
    /// section's lines start and where the takeaways' start; then, in order, each section's
    /// heading line and unit lines, and each takeaway's line. Empty when nothing is known.
    packed: Box<[u32]>,
}

/// Where one section's parts start (see [`SourceLines`]), as the parser records them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionLines {
    /// The `heading` value's line, else the section's table.
    pub heading: u32,
    /// The line of each text unit of the body in reading order: a paragraph, each list
    /// item, each quote line (see [`SourceLines::unit`]).
    pub units: Vec<u32>,
}

impl SourceLines {
    /// The lines of a briefing: its title's, its summary's, each section's (in order) and
    /// each takeaway's `text` (in order). Lines past `u32::MAX` entries in all are left out.
    pub fn new(title: u32, summary: u32, sections: &[SectionLines], takeaways: &[u32]) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut packed = Vec::with_capacity(
            2 + sections.len() * 2
                + sections.iter().map(|s| s.units.len()).sum::<usize>()
                + takeaways.len(),
        );
        packed.push(count(sections.len()));
        let mut at = 0usize;
        for section in sections {
            packed.push(count(at));
            at += 1 + section.units.len();
        }
        packed.push(count(at));
        for section in sections {
            packed.push(section.heading);
            packed.extend_from_slice(&section.units);
        }
        packed.extend_from_slice(takeaways);
        Self {
            title,
            summary,
            packed: packed.into_boxed_slice(),
        }
    }

    /// How many sections have lines (may be fewer than [`Briefing::sections`]: 0 beyond).
    pub fn sections(&self) -> usize {
        self.packed.first().map_or(0, |&n| n as usize)
    }

    /// The lines after the offsets: sections', then takeaways'.
    fn lines(&self) -> &[u32] {
        self.packed.get(self.sections() + 2..).unwrap_or_default()
    }

    /// Offset `i` into [`SourceLines::lines`] (`i` = the number of sections: the takeaways).
    fn start(&self, i: usize) -> Option<usize> {
        self.packed.get(1 + i).map(|&n| n as usize)
    }

    /// Section `section`'s heading line and the lines of its units, if it has lines.
    pub fn section(&self, section: usize) -> Option<(u32, &[u32])> {
        if section >= self.sections() {
            return None;
        }
        let range = self.start(section)?..self.start(section + 1)?;
        let (heading, units) = self.lines().get(range)?.split_first()?;
        Some((*heading, units))
    }

    /// The line of section `section`'s heading (of its table when it has none), or 0.
    pub fn heading(&self, section: usize) -> u32 {
        self.section(section).map_or(0, |(heading, _)| heading)
    }

    /// The line of each takeaway's `text`, in order.
    pub fn takeaways(&self) -> &[u32] {
        self.start(self.sections())
            .and_then(|start| self.lines().get(start..))
            .unwrap_or_default()
    }

    /// The line of item `item` (a list item or quote line; 0 for a paragraph) of block
    /// `block` of section `index` (which is `section`), or 0 when unknown.
    pub fn unit(&self, index: usize, section: &Section, block: usize, item: usize) -> u32 {
        section
            .text_index(block, item)
            .and_then(|at| self.section(index)?.1.get(at).copied())
            .unwrap_or(0)
    }
}

/// A date or date-time as written in the file. Dates order by the moment they name, so
/// `09:30 +05:00` sorts before `08:00 UTC` on the same day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BriefDate {
    /// Minutes since 1970-01-01 00:00 UTC (negative before). A date alone counts from its
    /// midnight, and a time without an offset as if it were UTC.
    pub minutes: i64,
    /// As shown: `2025-11-10`, `2025-11-10 14:30`, `2025-11-10 14:30 +05:00` or
    /// `2025-11-10 14:30 UTC` (for a `Z` offset). Seconds are not shown. Held inline (at
    /// most 24 bytes for any year of four digits).
    pub text: CompactString,
}

impl BriefDate {
    /// A date, with a time of day (`hour`, `minute`) and an offset from UTC in minutes when
    /// given; `offset` is `Some(0)` with `utc` for a `Z` offset. Out-of-range parts are the
    /// caller's to refuse (the TOML parser already does).
    pub fn new(
        (year, month, day): (i32, u8, u8),
        time: Option<(u8, u8)>,
        offset: Option<i16>,
        utc: bool,
    ) -> Self {
        use std::fmt::Write as _;
        let mut text = format!("{year:04}-{month:02}-{day:02}");
        let (hour, minute) = time.unwrap_or((0, 0));
        if time.is_some() {
            let _ = write!(text, " {hour:02}:{minute:02}");
            match offset {
                Some(_) if utc => text.push_str(" UTC"),
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let o = o.unsigned_abs();
                    let _ = write!(text, " {sign}{:02}:{:02}", o / 60, o % 60);
                }
                None => {}
            }
        }
        let minutes =
            days_from_civil(year, month, day) * 1440 + i64::from(hour) * 60 + i64::from(minute)
                - i64::from(offset.unwrap_or(0));
        Self {
            minutes,
            text: text.into(),
        }
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (the well-known civil-from-days
/// inverse, exact for every year an `i32` holds).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The first-row prefix of each item of a list, as shown by the reader and by `show`: a
/// bullet (`•`, nested `◦`) or a number right-aligned with the other numbers at its depth,
/// indented two cells, nested items under the text of the item above. Continuation rows
/// are indented by the prefix's width. One string per item, all of display width ≥ 4.
pub fn list_prefixes(items: Items<'_>) -> Vec<String> {
    let number_width = |depth: u8| {
        items
            .iter()
            .filter(|i| i.depth == depth)
            .filter_map(|i| match i.marker {
                Marker::Number(n) => Some(n.to_string().len()),
                Marker::Bullet => None,
            })
            .max()
            .unwrap_or(1)
    };
    let widths = [number_width(0), number_width(1)];
    let mut parent_text = 4;
    items
        .iter()
        .map(|item| {
            let marker = match (item.marker, item.depth) {
                (Marker::Bullet, 0) => "•".to_owned(),
                (Marker::Bullet, _) => "◦".to_owned(),
                (Marker::Number(n), d) => {
                    format!("{n:>w$}.", w = widths[usize::from(d.min(1))])
                }
            };
            let indent = if item.depth == 0 { 2 } else { parent_text };
            let prefix = format!("{}{marker} ", " ".repeat(indent));
            if item.depth == 0 {
                parent_text = prefix.chars().count();
            }
            prefix
        })
        .collect()
}

/// One key takeaway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Takeaway {
    /// The takeaway itself.
    pub text: Box<str>,
    /// Index into [`Briefing::sections`] of the section that supports it.
    pub section: Option<usize>,
    /// The `section` the file gave when it names no section: the takeaway is shown unlinked,
    /// with a mark, and the briefing carries a warning.
    pub unresolved: Option<Box<str>>,
}

impl Briefing {
    /// Gives back what the lists of the briefing hold beyond their length (they grew by
    /// doubling while it was read). A library keeps thousands of briefings for as long as it
    /// runs; this took 5 MB off ten thousand (docs/performance.md, "The targets for finding
    /// things at scale").
    pub fn shrink_to_fit(&mut self) {
        self.sections.shrink_to_fit();
        self.takeaways.shrink_to_fit();
        self.authors.shrink_to_fit();
        self.tags.shrink_to_fit();
        self.warnings.shrink_to_fit();
    }

    /// Dateline, date, source and authors on one line (`Washington, D.C. · 2025-11-10`), if any.
    pub fn meta_line(&self) -> Option<String> {
        let mut meta: Vec<String> = Vec::new();
        meta.extend(self.dateline.as_deref().map(str::to_owned));
        meta.extend(self.date.as_ref().map(|d| d.text.to_string()));
        meta.extend(self.source.clone());
        if !self.authors.is_empty() {
            meta.push(format!("by {}", self.authors.join(", ")));
        }
        (!meta.is_empty()).then(|| meta.join(" · "))
    }

    /// Whether `other` says the same: every field read from the file, but not where it was read
    /// from nor the warnings (a library adds its own, such as id clashes).
    pub fn same_text(&self, other: &Self) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.dateline == other.dateline
            && self.date == other.date
            && self.source == other.source
            && self.authors == other.authors
            && self.tags == other.tags
            && self.summary == other.summary
            && self.keywords == other.keywords
            && self.sections == other.sections
            && self.takeaways == other.takeaways
    }

    /// The date in full (with its time and offset when given), or an empty string.
    pub fn date_text(&self) -> &str {
        self.date.as_ref().map_or("", |d| d.text.as_str())
    }

    /// The day alone (`2025-11-10`), as the briefings list shows it, or an empty string: a
    /// time and offset would take a narrow pane's room from the title, and the article's meta
    /// line shows them.
    pub fn list_date(&self) -> &str {
        self.date_text().split(' ').next().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines_give_back_what_they_were_given() {
        let sections = [
            SectionLines {
                heading: 5,
                units: vec![7, 10, 11],
            },
            SectionLines {
                heading: 15,
                units: Vec::new(),
            },
            SectionLines {
                heading: 20,
                units: vec![21],
            },
        ];
        let lines = SourceLines::new(2, 3, &sections, &[30, 31]);
        assert_eq!((lines.title, lines.summary, lines.sections()), (2, 3, 3));
        for (i, s) in sections.iter().enumerate() {
            assert_eq!(lines.section(i), Some((s.heading, &s.units[..])));
            assert_eq!(lines.heading(i), s.heading);
        }
        assert_eq!(lines.takeaways(), [30, 31]);
        // Past the end, and nothing known: 0, never a panic.
        assert_eq!((lines.section(3), lines.heading(9)), (None, 0));
        let list = Block::List(vec![item(Marker::Bullet, 0), item(Marker::Bullet, 0)]);
        let section = Section::new("s", None, vec![Block::Paragraph("p".into()), list]);
        assert_eq!(lines.unit(0, &section, 1, 1), 11);
        assert_eq!(lines.unit(0, &section, 1, 2), 0);
        assert_eq!(lines.unit(2, &section, 1, 0), 0);
        let none = SourceLines::default();
        assert_eq!(
            (none.sections(), none.heading(0), none.takeaways()),
            (0, 0, &[][..])
        );
        let only_takeaways = SourceLines::new(0, 0, &[], &[4]);
        assert_eq!(
            (only_takeaways.sections(), only_takeaways.takeaways()),
            (0, &[4][..])
        );
    }

    #[test]
    fn a_sections_hash_is_the_one_stores_already_hold() {
        // The hash as schema 1 and 2 stores computed it: the text joined, then hashed whole.
        let stored = |section: &Section| {
            let mut text = section.heading().unwrap_or_default().to_owned();
            for block in section.to_blocks() {
                text.push('\u{1e}');
                match block {
                    Block::Paragraph(p) => text.push_str(&p),
                    Block::Quote(lines) => text.push_str(&lines.join("\n")),
                    Block::List(items) => {
                        for item in items {
                            text.push('\u{1f}');
                            text.push_str(&item.text);
                        }
                    }
                }
            }
            xxhash_rust::xxh3::xxh3_64(text.as_bytes())
        };
        let text = include_str!("../../content/getting-started.toml");
        let briefing = crate::content::parse("g.toml", text).expect("valid");
        let section = Section::new(
            "s",
            None,
            vec![
                Block::Quote(vec!["a".into(), "b".into()]),
                Block::Paragraph("p".into()),
            ],
        );
        for section in briefing.sections.iter().chain([&section]) {
            assert_eq!(section.hash, stored(section), "{}", section.id);
        }
    }

    fn item(marker: Marker, depth: u8) -> ListItem {
        ListItem {
            marker,
            depth,
            text: String::new(),
        }
    }

    #[test]
    fn list_prefixes_align_numbers_and_nest_under_the_text_above() {
        use Marker::{Bullet, Number};
        let items = [
            item(Number(9), 0),
            item(Bullet, 1),
            item(Number(10), 0),
            item(Number(1), 1),
            item(Bullet, 0),
            item(Bullet, 1),
        ];
        let section = Section::new("s", None, vec![Block::List(items.to_vec())]);
        let Some(BlockRef::List(items)) = section.block(0) else {
            unreachable!("a list");
        };
        assert_eq!(
            list_prefixes(items),
            vec![
                "   9. ",
                "      ◦ ",
                "  10. ",
                "      1. ",
                "  • ",
                "    ◦ "
            ]
        );
    }
}
