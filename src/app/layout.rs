//! The article laid out for one text width: a flat list of rows that point into the briefing's
//! text (no copies of the body), with keyword highlights found once per text unit. Built when a
//! briefing is opened or the width changes, never while drawing.

use std::ops::Range;

mod address;

use crate::content::{BlockRef, Briefing};
use crate::text::highlight::{Highlight, Highlighter};
use crate::text::{self, fold};

/// Cells taken by a bullet or quote prefix.
pub const INDENT: usize = 4;

/// What a row shows, which decides its prefix and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The briefing's title.
    Title,
    /// Dateline, date, source, authors, tags.
    Meta,
    /// The lede.
    Summary,
    /// A section heading.
    Heading,
    /// Running text.
    Paragraph,
    /// The first row of a list item, after its [`WrappedText::prefix`].
    ItemFirst,
    /// A continuation row of a list item, indented by the width of its prefix.
    ItemRest,
    /// A row of a quote.
    Quote,
    /// Vertical space.
    Blank,
}

/// Where a unit's text lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRef {
    /// A string built by the layout (title, meta line, summary, heading).
    Own(u32),
    /// Item `item` of block `block` of section `section` (item 0 for paragraphs and quotes).
    Body { section: u32, block: u32, item: u32 },
}

/// One wrapped text: where it lives, where its keyword highlights are and its prefix (32
/// bytes; a long briefing has thousands, read through [`ArticleLayout::highlights`] and
/// [`ArticleLayout::prefix`]).
#[derive(Debug, Clone, Copy)]
pub struct WrappedText {
    /// The text.
    pub text: TextRef,
    /// Its keyword highlights: `ArticleLayout::highlights[start..end]`.
    highlights: (u32, u32),
    /// For a list item, the index in the layout's own strings of what its first row starts
    /// with (`  • `, `  2. `; see [`crate::content::list_prefixes`]).
    prefix: Option<u32>,
}

/// One screen row of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// What the row shows.
    pub kind: RowKind,
    /// Index into [`ArticleLayout::units`] (for blank rows, the unit above).
    pub unit: u32,
    /// Byte range of the unit's text shown on this row.
    pub start: u32,
    /// End of that range.
    pub end: u32,
}

impl Row {
    /// The byte range as a `Range`.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A briefing laid out at one width.
#[derive(Debug, Default)]
pub struct ArticleLayout {
    /// The text width the rows were wrapped to.
    pub width: usize,
    /// Rows, top to bottom.
    pub rows: Vec<Row>,
    /// Wrapped texts.
    pub units: Vec<WrappedText>,
    /// Strings the layout made itself (title, meta, headings, list prefixes).
    own: Vec<String>,
    /// Every unit's keyword highlights, byte ranges into its text, one unit after another.
    highlights: Vec<Highlight>,
    /// First row of each section.
    pub section_rows: Vec<usize>,
    /// The first section not laid out yet (see [`ArticleLayout::first_rows`]).
    next: usize,
    /// Whether sections are left to lay out.
    rest: bool,
}

impl ArticleLayout {
    /// Lays out `briefing` at `width` cells.
    pub fn new(briefing: &Briefing, highlighter: &Highlighter, width: usize) -> Self {
        let mut layout = Self::first_rows(briefing, highlighter, width, usize::MAX);
        layout.complete(briefing, highlighter);
        layout
    }

    /// The start of `briefing` laid out at `width` cells: the header and whole sections until
    /// there are at least `rows` rows (at least one section), the rest left for
    /// [`ArticleLayout::complete`]. A reader shows a long briefing's first screen from this
    /// while the rest is not needed yet: the 1.2 MB briefing's first screens take about
    /// 0.1 ms where the whole layout takes about 18 ms (docs/performance.md). The rows laid
    /// out are exactly the first rows of the complete layout.
    pub fn first_rows(
        briefing: &Briefing,
        highlighter: &Highlighter,
        width: usize,
        rows: usize,
    ) -> Self {
        let mut builder = Builder {
            briefing,
            highlighter,
            doc: Self {
                width,
                ..Self::default()
            },
        };
        builder.header();
        builder.sections_until(rows);
        builder.doc
    }

    /// True once every section is laid out (and for the empty layout).
    pub fn is_complete(&self) -> bool {
        !self.rest
    }

    /// Lays out the sections [`ArticleLayout::first_rows`] left; nothing when complete. The
    /// briefing and highlighter must be the ones the layout was begun with.
    pub fn complete(&mut self, briefing: &Briefing, highlighter: &Highlighter) {
        if !self.rest {
            return;
        }
        let mut builder = Builder {
            briefing,
            highlighter,
            doc: std::mem::take(self),
        };
        builder.sections_until(usize::MAX);
        *self = builder.doc;
    }

    /// The text of a unit.
    pub fn text<'a>(&'a self, briefing: &'a Briefing, unit: usize) -> &'a str {
        let Some(unit) = self.units.get(unit) else {
            return "";
        };
        match unit.text {
            TextRef::Own(i) => self.own.get(i as usize).map_or("", String::as_str),
            TextRef::Body {
                section,
                block,
                item,
            } => briefing
                .sections
                .get(section as usize)
                .and_then(|s| s.text(block as usize, item as usize))
                .unwrap_or_default(),
        }
    }

    /// The keyword highlights of a unit's text, byte ranges into it.
    pub fn highlights(&self, unit: usize) -> &[Highlight] {
        self.units
            .get(unit)
            .and_then(|u| {
                self.highlights
                    .get(u.highlights.0 as usize..u.highlights.1 as usize)
            })
            .unwrap_or_default()
    }

    /// What a unit's first row starts with: a list item's marker, else nothing.
    pub fn prefix(&self, unit: usize) -> &str {
        self.units
            .get(unit)
            .and_then(|u| u.prefix)
            .and_then(|i| self.own.get(i as usize))
            .map_or("", String::as_str)
    }

    /// The section shown at row `row` (the last section starting at or above it).
    pub fn section_at(&self, row: usize) -> Option<usize> {
        let after = self.section_rows.partition_point(|&start| start <= row);
        after.checked_sub(1)
    }

    /// Every match of a (folded) search query: `(unit, byte range)`, in document order.
    pub fn search(&self, briefing: &Briefing, folded_query: &str) -> Vec<(usize, Range<usize>)> {
        (0..self.units.len())
            .flat_map(|unit| {
                text::highlight::find_all(self.text(briefing, unit), folded_query)
                    .into_iter()
                    .map(move |range| (unit, range))
            })
            .collect()
    }

    /// The place in the text shown at `row`, as `(unit, byte offset)`: what stays put when the
    /// text is re-wrapped. A blank row names the text below it, so re-wrapping never slips back
    /// to the paragraph above.
    pub fn anchor_at(&self, row: usize) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .skip(row)
            .find(|r| r.kind != RowKind::Blank)
            .map(|r| (r.unit as usize, r.start as usize))
    }

    /// The first row showing byte `offset` of `unit`.
    pub fn row_of(&self, unit: usize, offset: usize) -> usize {
        // Blank rows carry the unit above them, so units never decrease down the rows.
        let first = self.rows.partition_point(|r| (r.unit as usize) < unit);
        let mut row = first;
        while let Some(r) = self.rows.get(row + 1) {
            if r.unit as usize != unit || r.kind == RowKind::Blank || r.start as usize > offset {
                break;
            }
            row += 1;
        }
        row.min(self.rows.len().saturating_sub(1))
    }
}

/// Case-folds a search query the way texts are folded for matching.
pub fn fold_query(query: &str) -> String {
    fold::fold(query)
}

/// Takeaways wrapped for a column (sidebar or skim view): number, hanging indent, highlights.
#[derive(Debug, Default)]
pub struct TakeawayRows {
    /// The width they were wrapped to (including the number column).
    pub width: usize,
    /// `(takeaway, byte range of its text)`, top to bottom; a `None` range is the blank row
    /// after a takeaway.
    pub rows: Vec<(usize, Option<Range<usize>>)>,
    /// Keyword highlights per takeaway.
    pub highlights: Vec<Vec<Highlight>>,
    /// First row of each takeaway.
    pub starts: Vec<usize>,
}

/// Cells of the number column in [`TakeawayRows`] (`12. `).
pub const NUMBER_WIDTH: usize = 4;

/// Cells kept free right of takeaway text, so it never touches the pane's border.
pub const RIGHT_MARGIN: usize = 1;

impl TakeawayRows {
    /// Wraps the takeaways of `briefing` to `width` cells.
    pub fn new(briefing: &Briefing, highlighter: &Highlighter, width: usize) -> Self {
        let mut out = Self {
            width,
            ..Self::default()
        };
        let text_width = width.saturating_sub(NUMBER_WIDTH + RIGHT_MARGIN).max(1);
        for (index, takeaway) in briefing.takeaways.iter().enumerate() {
            out.starts.push(out.rows.len());
            out.highlights.push(highlighter.find(&takeaway.text));
            for range in text::wrap(&takeaway.text, text_width) {
                out.rows.push((index, Some(range)));
            }
            out.rows.push((index, None));
        }
        out
    }

    /// The takeaway whose text is shown at a row (none on the blank rows).
    pub fn takeaway_at(&self, row: usize) -> Option<usize> {
        match self.rows.get(row) {
            Some((t, Some(_))) => Some(*t),
            _ => None,
        }
    }

    /// The blank row that follows takeaway `index` (the skim view names its section there).
    pub fn after(&self, index: usize) -> Option<usize> {
        let next = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.rows.len());
        next.checked_sub(1)
            .filter(|&row| self.rows.get(row).is_some_and(|r| r.1.is_none()))
    }
}

struct Builder<'a> {
    briefing: &'a Briefing,
    highlighter: &'a Highlighter,
    doc: ArticleLayout,
}

impl Builder<'_> {
    /// Lays out sections from the first one not laid out until there are at least `rows`
    /// rows; once the last is laid out, the layout is finished.
    fn sections_until(&mut self, rows: usize) {
        let sections = &self.briefing.sections;
        while let Some(section) = sections.get(self.doc.next) {
            if self.doc.next > 0 && self.doc.rows.len() >= rows {
                self.doc.rest = true;
                return;
            }
            let index = u32::try_from(self.doc.next).unwrap_or(u32::MAX);
            self.section(index, section);
            self.doc.next += 1;
        }
        self.doc.rest = false;
        self.finish();
    }

    /// No trailing blank row: the end of the text is the end of the document. A section's
    /// first row stays, even blank, so every section starts on a row that exists.
    fn finish(&mut self) {
        let keep = self.doc.section_rows.last().map_or(0, |&start| start + 1);
        while self.doc.rows.len() > keep
            && self
                .doc
                .rows
                .last()
                .is_some_and(|r| r.kind == RowKind::Blank)
        {
            self.doc.rows.pop();
        }
    }

    fn header(&mut self) {
        let b = self.briefing;
        self.own(RowKind::Title, b.title.clone());
        if let Some(meta) = b.meta_line() {
            self.own(RowKind::Meta, meta);
        }
        if !b.tags.is_empty() {
            let tags: Vec<String> = b.tags.iter().map(|t| format!("#{t}")).collect();
            self.own(RowKind::Meta, tags.join(" "));
        }
        if let Some(summary) = &b.summary {
            self.blank();
            self.own(RowKind::Summary, summary.clone());
        }
        self.blank();
    }

    fn section(&mut self, index: u32, section: &crate::content::Section) {
        self.doc.section_rows.push(self.doc.rows.len());
        if let Some(heading) = section.heading() {
            self.own(RowKind::Heading, heading.to_owned());
            self.blank();
        }
        for (b, block) in section.blocks().enumerate() {
            let block_index = u32::try_from(b).unwrap_or(u32::MAX);
            let body = |item: usize| TextRef::Body {
                section: index,
                block: block_index,
                item: u32::try_from(item).unwrap_or(u32::MAX),
            };
            match block {
                BlockRef::Paragraph(_) => {
                    self.unit(body(0), RowKind::Paragraph, RowKind::Paragraph);
                }
                BlockRef::Quote(lines) => {
                    for i in 0..lines.len() {
                        self.unit(body(i), RowKind::Quote, RowKind::Quote);
                    }
                }
                BlockRef::List(items) => {
                    for (i, prefix) in crate::content::list_prefixes(items).into_iter().enumerate()
                    {
                        self.item(body(i), prefix);
                    }
                }
            }
            self.blank();
        }
        if section.block_count() == 0 && section.heading().is_none() {
            // An empty lead section still owns a row, so its first row exists.
            self.push_blank();
        } else if section.block_count() == 0 {
            self.blank();
        }
    }

    fn own(&mut self, kind: RowKind, text: String) {
        let index = u32::try_from(self.doc.own.len()).unwrap_or(u32::MAX);
        self.doc.own.push(text);
        self.unit(TextRef::Own(index), kind, kind);
    }

    fn unit(&mut self, text: TextRef, first: RowKind, rest: RowKind) {
        self.wrapped(text, (first, rest), String::new());
    }

    /// A list item whose first row starts with `prefix`; every row is indented by its width.
    fn item(&mut self, text: TextRef, prefix: String) {
        let kinds = (RowKind::ItemFirst, RowKind::ItemRest);
        self.wrapped(text, kinds, prefix);
    }

    /// Wraps a unit's text into rows: indented by the width of `prefix` (a list item), by
    /// [`INDENT`] (a quote) or not at all.
    fn wrapped(&mut self, text: TextRef, (first, rest): (RowKind, RowKind), prefix: String) {
        let indent = match (prefix.is_empty(), first) {
            (false, _) => text::width(&prefix),
            (true, RowKind::Quote) => INDENT,
            (true, _) => 0,
        };
        let unit = self.doc.units.len();
        let prefix = (!prefix.is_empty()).then(|| {
            self.doc.own.push(prefix);
            u32::try_from(self.doc.own.len().saturating_sub(1)).unwrap_or(u32::MAX)
        });
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = at(self.doc.highlights.len());
        self.doc.units.push(WrappedText {
            text,
            highlights: (start, start),
            prefix,
        });
        let content = self.doc.text(self.briefing, unit);
        let highlights = self.highlighter.find(content);
        let width = self.doc.width.saturating_sub(indent).max(1);
        let ranges = text::wrap(content, width);
        let unit_index = u32::try_from(unit).unwrap_or(u32::MAX);
        for (i, range) in ranges.into_iter().enumerate() {
            self.doc.rows.push(Row {
                kind: if i == 0 { first } else { rest },
                unit: unit_index,
                start: u32::try_from(range.start).unwrap_or(u32::MAX),
                end: u32::try_from(range.end).unwrap_or(u32::MAX),
            });
        }
        self.doc.highlights.extend(highlights);
        if let Some(u) = self.doc.units.get_mut(unit) {
            u.highlights.1 = at(self.doc.highlights.len());
        }
    }

    fn blank(&mut self) {
        if self
            .doc
            .rows
            .last()
            .is_none_or(|r| r.kind != RowKind::Blank)
        {
            self.push_blank();
        }
    }

    fn push_blank(&mut self) {
        let unit = u32::try_from(self.doc.units.len().saturating_sub(1)).unwrap_or(u32::MAX);
        self.doc.rows.push(Row {
            kind: RowKind::Blank,
            unit,
            start: 0,
            end: 0,
        });
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)] // Tests slice at offsets the code under test returned.
mod tests;
