//! The article laid out for one text width: rows that point into the briefing's text (no
//! copies of the body), with keyword highlights found once per text unit. Every section is
//! measured when a briefing is opened or the width changes; only the header and the sections
//! around the screen are kept laid out in full, and never while drawing.

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
    /// A string the layout made itself: the title, the meta lines, the summary.
    Own(u32),
    /// The heading of section `section`.
    Heading(u32),
    /// Item `item` of block `block` of section `section` (item 0 for paragraphs and quotes).
    Body { section: u32, block: u32, item: u32 },
}

/// One wrapped text: where it lives, where its keyword highlights are and its prefix (32
/// bytes), read through [`ArticleLayout::highlights`] and [`ArticleLayout::prefix`].
#[derive(Debug, Clone, Copy)]
pub struct WrappedText {
    /// The text.
    pub text: TextRef,
    /// Its keyword highlights: `Part::highlights[start..end]`.
    highlights: (u32, u32),
    /// For a list item, the index in the part's own strings of what its first row starts
    /// with (`  • `, `  2. `; see [`crate::content::list_prefixes`]).
    prefix: Option<u32>,
}

/// One screen row of the article (16 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// What the row shows.
    pub kind: RowKind,
    /// The unit shown, counted from the title across the whole article (for blank rows, the
    /// unit above).
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

/// Where a section starts: its first row and its first unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Start {
    row: u32,
    unit: u32,
}

/// Rows laid out in full, with their units, highlights and prefixes: the header, or a run of
/// whole sections.
#[derive(Debug, Default)]
struct Part {
    /// The sections laid out (empty for the header).
    sections: Range<usize>,
    /// The article's row index of `rows[0]`.
    first_row: usize,
    /// The article's unit index of `units[0]`.
    first_unit: usize,
    rows: Vec<Row>,
    units: Vec<WrappedText>,
    /// Strings the part made itself (header texts, list prefixes).
    own: Vec<String>,
    /// Every unit's keyword highlights, byte ranges into its text, one unit after another.
    highlights: Vec<Highlight>,
}

impl Part {
    fn row(&self, row: usize) -> Option<&Row> {
        self.rows.get(row.checked_sub(self.first_row)?)
    }

    fn unit(&self, unit: usize) -> Option<&WrappedText> {
        self.units.get(unit.checked_sub(self.first_unit)?)
    }
}

/// A briefing laid out at one width.
///
/// Every section is measured (its first row and first unit: 8 bytes a section), but only the
/// header and the sections around the screen are laid out in full, as a window the reader
/// moves with [`ArticleLayout::show`]. A row outside the window is laid out again when asked
/// for ([`ArticleLayout::anchor_at`], [`ArticleLayout::row_of`]): one section, a few
/// microseconds. The 1.2 MB briefing's whole layout took 2 MB; its window takes a few
/// kilobytes (docs/performance.md).
#[derive(Debug, Default)]
pub struct ArticleLayout {
    /// The text width the rows were wrapped to.
    pub width: usize,
    /// The title, meta lines and summary, always laid out.
    header: Part,
    /// Where each section measured so far starts.
    starts: Vec<Start>,
    /// Rows measured so far, the header's included.
    row_count: usize,
    /// Units measured so far, the header's included.
    unit_count: usize,
    /// The sections around the screen, laid out in full.
    window: Part,
    /// Whether sections are left to measure.
    rest: bool,
}

impl ArticleLayout {
    /// Lays out `briefing` at `width` cells (the window is empty until
    /// [`ArticleLayout::show`]).
    pub fn new(briefing: &Briefing, highlighter: &Highlighter, width: usize) -> Self {
        let mut layout = Self::header(briefing, highlighter, width);
        layout.measure(briefing, None, usize::MAX);
        layout
    }

    /// The start of `briefing` laid out at `width` cells: the header, and the sections
    /// until there are at least `rows` rows (at least one section), laid out in full as the
    /// window; the rest left for [`ArticleLayout::complete`]. A reader shows a long
    /// briefing's first screen from this while the rest is not needed yet
    /// (docs/performance.md). The rows laid out are exactly the first rows of the complete
    /// layout, and measuring them is laying them out: the first screen is wrapped once.
    pub fn first_rows(
        briefing: &Briefing,
        highlighter: &Highlighter,
        width: usize,
        rows: usize,
    ) -> Self {
        let mut layout = Self::header(briefing, highlighter, width);
        layout.measure(briefing, Some(highlighter), rows);
        layout
    }

    /// `briefing`'s header laid out at `width` cells, no section measured yet.
    fn header(briefing: &Briefing, highlighter: &Highlighter, width: usize) -> Self {
        let mut builder = Builder::new(briefing, Some(highlighter), width, Place::default());
        builder.header();
        if briefing.sections.is_empty() {
            builder.trim(0);
        }
        Self {
            width,
            row_count: builder.at.rows,
            unit_count: builder.at.units,
            header: builder.part,
            rest: !briefing.sections.is_empty(),
            ..Self::default()
        }
    }

    /// True once every section is measured (and for the empty layout).
    pub fn is_complete(&self) -> bool {
        !self.rest
    }

    /// Measures the sections [`ArticleLayout::first_rows`] left; nothing when complete. The
    /// briefing must be the one the layout was begun with.
    pub fn complete(&mut self, briefing: &Briefing) {
        if self.rest {
            self.measure(briefing, None, usize::MAX);
        }
    }

    /// Measures sections from the first one not measured until there are at least `rows`
    /// rows (and at least one section). With a highlighter, they are laid out in full as
    /// they are measured, and become the window.
    fn measure(&mut self, briefing: &Briefing, in_full: Option<&Highlighter>, rows: usize) {
        let at = Place {
            rows: self.row_count,
            units: self.unit_count,
        };
        let first = self.starts.len();
        let mut builder = Builder::new(briefing, in_full, self.width, at);
        builder.count_only = in_full.is_none();
        while self.starts.len() < briefing.sections.len() {
            if !self.starts.is_empty() && builder.at.rows >= rows {
                break;
            }
            self.starts.push(builder.at.start());
            builder.section(self.starts.len() - 1);
        }
        self.rest = self.starts.len() < briefing.sections.len();
        self.row_count = builder.at.rows;
        self.unit_count = builder.at.units;
        if in_full.is_some() {
            builder.part.sections = first..self.starts.len();
            self.window = builder.part;
        }
    }

    /// Lays out in full the sections that show `rows` (the article's rows on screen), with
    /// some screens around them, unless the window already holds them. Called after every
    /// change, so that drawing finds its rows ([`ArticleLayout::row`]).
    pub fn show(&mut self, briefing: &Briefing, highlighter: &Highlighter, rows: Range<usize>) {
        let Some(last_measured) = self.starts.len().checked_sub(1) else {
            self.window = Part::default();
            return;
        };
        let first = self.section_at(rows.start).unwrap_or(0);
        let last = self
            .section_at(rows.end.saturating_sub(1))
            .unwrap_or(0)
            .max(first);
        let held = &self.window.sections;
        if held.start <= first && last < held.end {
            return;
        }
        let margin = rows.len().max(16).saturating_mul(2);
        let from = self
            .section_at(rows.start.saturating_sub(margin))
            .unwrap_or(0);
        let to = self
            .section_at(rows.end.saturating_add(margin))
            .unwrap_or(0)
            .max(last)
            .min(last_measured);
        // The old window goes before the new one is built: never both at once.
        self.window = Part::default();
        self.window = self.lay_out(briefing, Some(highlighter), from..to + 1);
    }

    /// Sections `sections` (measured) laid out in full; with highlights when a highlighter is
    /// given.
    fn lay_out(
        &self,
        briefing: &Briefing,
        highlighter: Option<&Highlighter>,
        sections: Range<usize>,
    ) -> Part {
        let Some(&start) = self.starts.get(sections.start) else {
            return Part::default();
        };
        let sections = sections.start..sections.end.min(self.starts.len());
        let mut builder = Builder::new(briefing, highlighter, self.width, Place::from(start));
        builder.part.sections = sections.clone();
        for section in sections {
            builder.section(section);
        }
        builder.part
    }

    /// Rows measured: the height of the whole article once complete.
    pub fn row_count(&self) -> usize {
        self.row_count
    }

    /// Units measured (texts laid out: title, meta lines, summary, headings, paragraphs,
    /// list items and quote lines).
    pub fn unit_count(&self) -> usize {
        self.unit_count
    }

    /// Sections measured: all of them once complete.
    pub fn section_count(&self) -> usize {
        self.starts.len()
    }

    /// The first row of section `section`, once measured.
    pub fn section_row(&self, section: usize) -> Option<usize> {
        self.starts.get(section).map(|s| s.row as usize)
    }

    /// The first row of each section measured, top to bottom.
    pub fn section_rows(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.starts.iter().map(|s| s.row as usize)
    }

    /// Row `row`, if it is laid out in full: the header's rows and the window's (see
    /// [`ArticleLayout::show`]).
    pub fn row(&self, row: usize) -> Option<&Row> {
        self.header.row(row).or_else(|| self.window.row(row))
    }

    /// The part that holds `unit` in full, if any.
    fn part_of(&self, unit: usize) -> Option<(&Part, &WrappedText)> {
        [&self.header, &self.window]
            .into_iter()
            .find_map(|part| part.unit(unit).map(|u| (part, u)))
    }

    /// The text of a unit, laid out in full or not (none past the units measured).
    pub fn text<'a>(&'a self, briefing: &'a Briefing, unit: usize) -> &'a str {
        self.text_ref(briefing, unit)
            .map_or("", |t| text_of(briefing, &self.header.own, t))
    }

    /// Where a unit's text lives (none past the units measured).
    fn text_ref(&self, briefing: &Briefing, unit: usize) -> Option<TextRef> {
        match self.part_of(unit) {
            Some((_, u)) => Some(u.text),
            None => self.locate(briefing, unit),
        }
    }

    /// Where a unit's text lives, found from the sections' starts (not the header's units).
    fn locate(&self, briefing: &Briefing, unit: usize) -> Option<TextRef> {
        let section = self
            .starts
            .partition_point(|s| s.unit as usize <= unit)
            .checked_sub(1)?;
        let mut local = unit - self.starts.get(section)?.unit as usize;
        let s = briefing.sections.get(section)?;
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        if s.heading().is_some() {
            if local == 0 {
                return Some(TextRef::Heading(at(section)));
            }
            local -= 1;
        }
        for (block, b) in s.blocks().enumerate() {
            if local < b.units() {
                return Some(TextRef::Body {
                    section: at(section),
                    block: at(block),
                    item: at(local),
                });
            }
            local -= b.units();
        }
        None
    }

    /// Every unit measured, in order: `(unit, where its text lives)`.
    fn each_unit<'a>(
        &'a self,
        briefing: &'a Briefing,
    ) -> impl Iterator<Item = (usize, TextRef)> + 'a {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let header = self.header.units.iter().map(|u| u.text);
        let sections = briefing
            .sections
            .iter()
            .take(self.starts.len())
            .enumerate()
            .flat_map(move |(index, section)| {
                let heading = section.heading().map(|_| TextRef::Heading(at(index)));
                let body = section.blocks().enumerate().flat_map(move |(block, b)| {
                    (0..b.units()).map(move |item| TextRef::Body {
                        section: at(index),
                        block: at(block),
                        item: at(item),
                    })
                });
                heading.into_iter().chain(body)
            });
        header.chain(sections).enumerate()
    }

    /// The keyword highlights of a unit's text, byte ranges into it (none outside the header
    /// and the window).
    pub fn highlights(&self, unit: usize) -> &[Highlight] {
        self.part_of(unit)
            .and_then(|(part, u)| {
                part.highlights
                    .get(u.highlights.0 as usize..u.highlights.1 as usize)
            })
            .unwrap_or_default()
    }

    /// What a unit's first row starts with: a list item's marker, else nothing (nothing
    /// outside the window).
    pub fn prefix(&self, unit: usize) -> &str {
        self.part_of(unit)
            .and_then(|(part, u)| u.prefix.and_then(|i| part.own.get(i as usize)))
            .map_or("", String::as_str)
    }

    /// The section shown at row `row` (the last section starting at or above it).
    pub fn section_at(&self, row: usize) -> Option<usize> {
        let after = self.starts.partition_point(|s| s.row as usize <= row);
        after.checked_sub(1)
    }

    /// Every match of a (folded) search query: `(unit, byte range)`, in document order.
    pub fn search(&self, briefing: &Briefing, folded_query: &str) -> Vec<(usize, Range<usize>)> {
        self.each_unit(briefing)
            .flat_map(|(unit, text)| {
                text::highlight::find_all(text_of(briefing, &self.header.own, text), folded_query)
                    .into_iter()
                    .map(move |range| (unit, range))
            })
            .collect()
    }

    /// The rows from `row` down, laid out again where the window does not hold them:
    /// `(row, Row)`.
    fn rows_from<'a>(
        &'a self,
        briefing: &'a Briefing,
        row: usize,
    ) -> impl Iterator<Item = (usize, Row)> + 'a {
        let header = self.header.rows.iter().copied().enumerate().skip(row);
        let first = self.section_at(row).unwrap_or(0);
        let sections = (first..self.starts.len()).flat_map(move |section| {
            let window = &self.window;
            let part = if window.sections.contains(&section) {
                None
            } else {
                Some(self.lay_out(briefing, None, section..section + 1))
            };
            let from = self.section_row(section).unwrap_or(0);
            let to = self.section_row(section + 1).unwrap_or(self.row_count);
            (from..to).filter_map(move |r| {
                let rows = part.as_ref().unwrap_or(window);
                rows.row(r).map(|&found| (r, found))
            })
        });
        header.chain(sections.skip_while(move |&(r, _)| r < row))
    }

    /// The place in the text shown at `row`, as `(unit, byte offset)`: what stays put when the
    /// text is re-wrapped. A blank row names the text below it, so re-wrapping never slips back
    /// to the paragraph above.
    pub fn anchor_at(&self, briefing: &Briefing, row: usize) -> Option<(usize, usize)> {
        self.rows_from(briefing, row)
            .find(|(_, r)| r.kind != RowKind::Blank)
            .map(|(_, r)| (r.unit as usize, r.start as usize))
    }

    /// The first row showing byte `offset` of `unit`.
    pub fn row_of(&self, briefing: &Briefing, unit: usize, offset: usize) -> usize {
        let last = self.row_count.saturating_sub(1);
        let from = if unit < self.header.units.len() {
            0
        } else {
            let section = self.starts.partition_point(|s| s.unit as usize <= unit);
            section
                .checked_sub(1)
                .and_then(|s| self.section_row(s))
                .unwrap_or(0)
        };
        // Blank rows carry the unit above them, so units never decrease down the rows.
        let mut rows = self
            .rows_from(briefing, from)
            .skip_while(|(_, r)| (r.unit as usize) < unit);
        let Some((mut row, _)) = rows.next() else {
            return last;
        };
        for (r, next) in rows {
            if next.unit as usize != unit
                || next.kind == RowKind::Blank
                || next.start as usize > offset
            {
                break;
            }
            row = r;
        }
        row.min(last)
    }
}

/// The text `text` names: the briefing's, or one of `own` (a part's own strings).
fn text_of<'a>(briefing: &'a Briefing, own: &'a [String], text: TextRef) -> &'a str {
    match text {
        TextRef::Own(i) => own.get(i as usize).map_or("", String::as_str),
        TextRef::Heading(section) => briefing
            .sections
            .get(section as usize)
            .and_then(|s| s.heading())
            .unwrap_or_default(),
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

/// Where a builder has got to: the article's next row and next unit.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    rows: usize,
    units: usize,
}

impl Place {
    fn start(self) -> Start {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Start {
            row: at(self.rows),
            unit: at(self.units),
        }
    }
}

impl From<Start> for Place {
    fn from(start: Start) -> Self {
        Self {
            rows: start.row as usize,
            units: start.unit as usize,
        }
    }
}

/// Lays out the header or sections, one after another, into a [`Part`], or only counts their
/// rows and units (`count_only`). Every section starts below a blank row (the header and each
/// section end with one), so a section lays out the same alone as after the others.
struct Builder<'a> {
    briefing: &'a Briefing,
    /// Finds keyword highlights; without one, units get none.
    highlighter: Option<&'a Highlighter>,
    width: usize,
    at: Place,
    part: Part,
    count_only: bool,
    /// Whether the last row is blank.
    last_blank: bool,
    /// Blank rows at the end so far.
    trailing: usize,
}

impl<'a> Builder<'a> {
    fn new(
        briefing: &'a Briefing,
        highlighter: Option<&'a Highlighter>,
        width: usize,
        at: Place,
    ) -> Self {
        Self {
            briefing,
            highlighter,
            width,
            at,
            part: Part {
                first_row: at.rows,
                first_unit: at.units,
                ..Part::default()
            },
            count_only: false,
            // Only the very first row has no blank row above it.
            last_blank: at.rows > 0,
            trailing: 0,
        }
    }

    /// No trailing blank row: the end of the text is the end of the document. Blank rows at
    /// the end go, down to row `keep` (the last section's first row stays, even blank, so
    /// every section starts on a row that exists).
    fn trim(&mut self, keep: usize) {
        while self.trailing > 0 && self.at.rows > keep {
            self.trailing -= 1;
            self.at.rows -= 1;
            if !self.count_only {
                self.part.rows.pop();
            }
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

    fn section(&mut self, index: usize) {
        let Some(section) = self.briefing.sections.get(index) else {
            return;
        };
        let first_row = self.at.rows;
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        if section.heading().is_some() {
            self.unit(
                TextRef::Heading(at(index)),
                RowKind::Heading,
                RowKind::Heading,
            );
            self.blank();
        }
        for (b, block) in section.blocks().enumerate() {
            let body = |item: usize| TextRef::Body {
                section: at(index),
                block: at(b),
                item: at(item),
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
        if index + 1 == self.briefing.sections.len() {
            self.trim(first_row + 1);
        }
    }

    fn own(&mut self, kind: RowKind, text: String) {
        let index = u32::try_from(self.part.own.len()).unwrap_or(u32::MAX);
        self.part.own.push(text);
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
        let content = text_of(self.briefing, &self.part.own, text);
        let width = self.width.saturating_sub(indent).max(1);
        let ranges = text::wrap(content, width);
        let unit = u32::try_from(self.at.units).unwrap_or(u32::MAX);
        self.at.units += 1;
        if !ranges.is_empty() {
            self.last_blank = false;
            self.trailing = 0;
        }
        self.at.rows += ranges.len();
        if self.count_only {
            return;
        }
        let highlights = self
            .highlighter
            .map(|h| h.find(content))
            .unwrap_or_default();
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        for (i, range) in ranges.into_iter().enumerate() {
            self.part.rows.push(Row {
                kind: if i == 0 { first } else { rest },
                unit,
                start: at(range.start),
                end: at(range.end),
            });
        }
        let prefix = (!prefix.is_empty()).then(|| {
            self.part.own.push(prefix);
            at(self.part.own.len().saturating_sub(1))
        });
        let start = at(self.part.highlights.len());
        self.part.highlights.extend(highlights);
        self.part.units.push(WrappedText {
            text,
            highlights: (start, at(self.part.highlights.len())),
            prefix,
        });
    }

    fn blank(&mut self) {
        if !self.last_blank {
            self.push_blank();
        }
    }

    fn push_blank(&mut self) {
        self.last_blank = true;
        self.trailing += 1;
        self.at.rows += 1;
        if !self.count_only {
            let unit = u32::try_from(self.at.units.saturating_sub(1)).unwrap_or(u32::MAX);
            self.part.rows.push(Row {
                kind: RowKind::Blank,
                unit,
                start: 0,
                end: 0,
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)] // Tests slice at offsets the code under test returned.
mod tests;
