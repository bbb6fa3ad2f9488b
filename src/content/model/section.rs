//! A section and its body. A body is kept as one text with its units (paragraphs, list items,
//! quote lines) as ranges into it: two allocations a section, where a list of blocks each with
//! its own strings took one for every paragraph, list, item and quote line, and 32 bytes a
//! block (docs/performance.md, "The targets for finding things at scale"). Sections are built
//! from owned [`Block`]s and read through borrowed views ([`BlockRef`]).

use std::fmt;

pub use compact_str::CompactString;

/// A section of the article.
#[derive(Clone, PartialEq, Eq)]
pub struct Section {
    /// Unique within the briefing. Held inline up to 24 bytes (most ids: `s1`,
    /// `cooperation-agreement`), a string of its own beyond.
    pub id: CompactString,
    /// The heading (read with [`Section::heading`]), then paragraphs, lists and quotes, in
    /// order (read with [`Section::blocks`]).
    body: Body,
    /// XXH3-64 of the heading and every block ([`Section::fingerprint`]), computed at load:
    /// stored for each section read, it tells a later reading which sections changed.
    pub hash: u64,
}

/// A unit of body text, owned: what a section is built from (see [`Section::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Running text, lines already joined.
    Paragraph(String),
    /// A list, bulleted or numbered, with one level of nesting; items in order.
    List(Vec<ListItem>),
    /// A quoted passage; its lines are kept as written (each wraps on its own), so a quote
    /// can carry a short example or a poem as well as prose.
    Quote(Vec<String>),
}

impl Block {
    /// How many texts it holds: 1 for a paragraph, one per list item or quote line.
    pub fn units(&self) -> usize {
        match self {
            Self::Paragraph(_) => 1,
            Self::List(items) => items.len(),
            Self::Quote(lines) => lines.len(),
        }
    }
}

/// One item of a [`Block::List`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The bullet or number it was written with.
    pub marker: Marker,
    /// 0 for a top-level item, 1 for an item nested under the one above.
    pub depth: u8,
    /// The item's text, continuation lines joined.
    pub text: String,
}

/// How a list item is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `- ` or `* `.
    Bullet,
    /// `N. ` or `N) `, with the number as written (lists are not renumbered).
    Number(u32),
}

/// A section's heading and blocks: the heading's text and then every unit's, end to end, and
/// the units in reading order.
#[derive(Clone, PartialEq, Eq)]
struct Body {
    text: Box<str>,
    units: Box<[Unit]>,
    /// The heading's length in `text`, or [`NO_HEADING`].
    heading: u32,
}

/// [`Body::heading`] for a section without a heading.
const NO_HEADING: u32 = u32::MAX;

/// One unit of a body: a paragraph, a list item or a quote line (16 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Unit {
    /// Where its text ends in [`Body::text`]; it starts where the unit before it ends.
    end: u32,
    /// The index of its block in the section.
    block: u32,
    /// A numbered list item's number.
    number: u32,
    /// What it is.
    kind: Kind,
    /// For a list item: 0, or 1 when nested under the item above.
    depth: u8,
}

/// What a [`Unit`] is. A list or a quote without units keeps one empty unit, so that it is
/// still a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    QuoteLine,
    Bullet,
    Numbered,
    NoItems,
    NoLines,
}

impl Body {
    /// Packs `heading` and `blocks`. A body past 4 GiB of text is cut at a unit, and a heading
    /// that long is left out (no file gets near: files are capped far below that).
    fn new(heading: Option<String>, blocks: Vec<Block>) -> Self {
        let heading = heading.filter(|h| h.len() < NO_HEADING as usize);
        let size = heading.as_ref().map_or(0, String::len)
            + blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph(p) => p.len(),
                    Block::List(items) => items.iter().map(|i| i.text.len()).sum(),
                    Block::Quote(lines) => lines.iter().map(String::len).sum(),
                })
                .sum::<usize>();
        let mut text = String::with_capacity(size);
        text.push_str(heading.as_deref().unwrap_or_default());
        let heading = heading.map_or(NO_HEADING, |h| u32::try_from(h.len()).unwrap_or(NO_HEADING));
        let mut units = Vec::with_capacity(blocks.iter().map(|b| b.units().max(1)).sum());
        for (index, block) in blocks.into_iter().enumerate() {
            let Ok(block_index) = u32::try_from(index) else {
                break;
            };
            let mut push = |piece: &str, kind: Kind, number: u32, depth: u8| {
                let Ok(end) = u32::try_from(text.len() + piece.len()) else {
                    return;
                };
                text.push_str(piece);
                units.push(Unit {
                    end,
                    block: block_index,
                    number,
                    kind,
                    depth,
                });
            };
            match block {
                Block::Paragraph(p) => push(&p, Kind::Paragraph, 0, 0),
                Block::List(items) if items.is_empty() => push("", Kind::NoItems, 0, 0),
                Block::List(items) => {
                    for item in items {
                        let (kind, number) = match item.marker {
                            Marker::Bullet => (Kind::Bullet, 0),
                            Marker::Number(n) => (Kind::Numbered, n),
                        };
                        push(&item.text, kind, number, item.depth);
                    }
                }
                Block::Quote(lines) if lines.is_empty() => push("", Kind::NoLines, 0, 0),
                Block::Quote(lines) => {
                    for line in lines {
                        push(&line, Kind::QuoteLine, 0, 0);
                    }
                }
            }
        }
        Self {
            text: text.into_boxed_str(),
            units: units.into_boxed_slice(),
            heading,
        }
    }

    /// Where the units' text starts: after the heading's.
    fn units_start(&self) -> usize {
        if self.heading == NO_HEADING {
            0
        } else {
            self.heading as usize
        }
    }

    /// The heading, if there is one.
    fn heading(&self) -> Option<&str> {
        (self.heading != NO_HEADING)
            .then(|| self.text.get(..self.units_start()))
            .flatten()
    }

    /// The text of unit `index` (empty past the last).
    fn text(&self, index: usize) -> &str {
        let start = index
            .checked_sub(1)
            .and_then(|i| self.units.get(i))
            .map_or(self.units_start(), |u| u.end as usize);
        let end = self.units.get(index).map_or(start, |u| u.end as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// How many blocks there are.
    fn blocks(&self) -> usize {
        self.units.last().map_or(0, |u| u.block as usize + 1)
    }

    /// The units of block `index` (an empty range past the last).
    fn block_units(&self, index: usize) -> std::ops::Range<usize> {
        let start = self.units.partition_point(|u| (u.block as usize) < index);
        let end = self.units.partition_point(|u| (u.block as usize) <= index);
        start..end
    }

    /// Block `index`, read.
    fn block(&self, index: usize) -> Option<BlockRef<'_>> {
        let units = self.block_units(index);
        let first = self.units.get(units.start)?;
        let run = Run {
            body: self,
            start: units.start,
            end: units.end,
        };
        Some(match first.kind {
            Kind::Paragraph => BlockRef::Paragraph(self.text(units.start)),
            Kind::Bullet | Kind::Numbered => BlockRef::List(Items(run)),
            Kind::NoItems => BlockRef::List(Items(Run {
                end: run.start,
                ..run
            })),
            Kind::QuoteLine => BlockRef::Quote(QuoteLines(run)),
            Kind::NoLines => BlockRef::Quote(QuoteLines(Run {
                end: run.start,
                ..run
            })),
        })
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries((0..self.blocks()).filter_map(|i| self.block(i)))
            .finish()
    }
}

impl fmt::Debug for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Section")
            .field("id", &self.id)
            .field("heading", &self.heading())
            .field("blocks", &self.body)
            .field("hash", &self.hash)
            .finish()
    }
}

/// A run of units of one block.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Run<'a> {
    body: &'a Body,
    start: usize,
    end: usize,
}

impl<'a> Run<'a> {
    fn len(&self) -> usize {
        self.end - self.start
    }

    /// Unit `index` of the run, if there is one.
    fn unit(&self, index: usize) -> Option<(&'a Unit, &'a str)> {
        let at = self.start.checked_add(index).filter(|&at| at < self.end)?;
        Some((self.body.units.get(at)?, self.body.text(at)))
    }
}

/// A block of a section, borrowed from it (see [`Section::blocks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRef<'a> {
    /// Running text.
    Paragraph(&'a str),
    /// A list's items.
    List(Items<'a>),
    /// A quote's lines.
    Quote(QuoteLines<'a>),
}

impl BlockRef<'_> {
    /// How many texts it holds: 1 for a paragraph, one per list item or quote line.
    pub fn units(&self) -> usize {
        match self {
            Self::Paragraph(_) => 1,
            Self::List(items) => items.len(),
            Self::Quote(lines) => lines.len(),
        }
    }

    /// The block, owned.
    pub fn to_block(&self) -> Block {
        match self {
            Self::Paragraph(p) => Block::Paragraph((*p).to_owned()),
            Self::List(items) => Block::List(
                items
                    .iter()
                    .map(|i| ListItem {
                        marker: i.marker,
                        depth: i.depth,
                        text: i.text.to_owned(),
                    })
                    .collect(),
            ),
            Self::Quote(lines) => Block::Quote(lines.iter().map(str::to_owned).collect()),
        }
    }
}

/// The items of a list block, in order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Items<'a>(Run<'a>);

/// One item of a list, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef<'a> {
    /// The bullet or number it was written with.
    pub marker: Marker,
    /// 0 for a top-level item, 1 for an item nested under the one above.
    pub depth: u8,
    /// The item's text.
    pub text: &'a str,
}

impl<'a> Items<'a> {
    /// How many items there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for a list without items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `index`, or `None` past the last.
    pub fn get(&self, index: usize) -> Option<ItemRef<'a>> {
        let (unit, text) = self.0.unit(index)?;
        let marker = match unit.kind {
            Kind::Numbered => Marker::Number(unit.number),
            _ => Marker::Bullet,
        };
        Some(ItemRef {
            marker,
            depth: unit.depth,
            text,
        })
    }

    /// The items in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ItemRef<'a>> + DoubleEndedIterator + 'a {
        let items = *self;
        (0..self.len()).map(move |i| {
            items.get(i).unwrap_or(ItemRef {
                marker: Marker::Bullet,
                depth: 0,
                text: "",
            })
        })
    }
}

impl fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The lines of a quote block, in order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct QuoteLines<'a>(Run<'a>);

impl<'a> QuoteLines<'a> {
    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for a quote without lines.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Line `index`, or `None` past the last.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        self.0.unit(index).map(|(_, text)| text)
    }

    /// The lines in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'a str> + DoubleEndedIterator + 'a {
        let lines = *self;
        (0..self.len()).map(move |i| lines.get(i).unwrap_or_default())
    }
}

impl fmt::Debug for QuoteLines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Section {
    /// A section of `blocks`, with its [`Section::hash`] computed.
    pub fn new(id: impl Into<CompactString>, heading: Option<String>, blocks: Vec<Block>) -> Self {
        let mut section = Self {
            id: id.into(),
            body: Body::new(heading, blocks),
            hash: 0,
        };
        section.hash = section.fingerprint();
        section
    }

    /// The heading; `None` only for a lead section (the first one).
    pub fn heading(&self) -> Option<&str> {
        self.body.heading()
    }

    /// The blocks, in order.
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = BlockRef<'_>> + '_ {
        (0..self.body.blocks()).map(|i| self.body.block(i).unwrap_or(BlockRef::Paragraph("")))
    }

    /// Block `index`, or `None` past the last.
    pub fn block(&self, index: usize) -> Option<BlockRef<'_>> {
        self.body.block(index)
    }

    /// The text of item `item` of block `block` (a list item or quote line; 0 for a
    /// paragraph), or `None` when there is no such text.
    pub fn text(&self, block: usize, item: usize) -> Option<&str> {
        match self.block(block)? {
            BlockRef::Paragraph(text) => (item == 0).then_some(text),
            BlockRef::List(items) => items.get(item).map(|i| i.text),
            BlockRef::Quote(lines) => lines.get(item),
        }
    }

    /// How many blocks there are.
    pub fn block_count(&self) -> usize {
        self.body.blocks()
    }

    /// The blocks, owned (to change them, or to compare them in a test).
    pub fn to_blocks(&self) -> Vec<Block> {
        self.blocks().map(|b| b.to_block()).collect()
    }

    /// Every text of the body in reading order (a paragraph, each list item, each quote
    /// line), with its block and its index in the block.
    pub fn texts(&self) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        // The first unit of the block being read.
        let mut first = (u32::MAX, 0);
        self.body
            .units
            .iter()
            .enumerate()
            .filter_map(move |(i, u)| {
                if u.block != first.0 {
                    first = (u.block, i);
                }
                let empty = matches!(u.kind, Kind::NoItems | Kind::NoLines);
                (!empty).then(|| (u.block as usize, i - first.1, self.body.text(i)))
            })
    }

    /// The index among the texts of the body ([`Section::texts`]) of item `item` of block
    /// `block`, if there is one.
    pub fn text_index(&self, block: usize, item: usize) -> Option<usize> {
        let units = self.body.block_units(block);
        let at = units.start.checked_add(item).filter(|&at| at < units.end)?;
        let kind = self.body.units.get(at)?.kind;
        if matches!(kind, Kind::NoItems | Kind::NoLines) {
            return None;
        }
        let empty_before = self
            .body
            .units
            .get(..at)?
            .iter()
            .filter(|u| matches!(u.kind, Kind::NoItems | Kind::NoLines))
            .count();
        Some(at - empty_before)
    }

    /// The hash of the section's text: XXH3-64 over the heading, then for each block a record
    /// separator (U+001E) and its text (a paragraph as is, a quote's lines joined by `\n`, a
    /// list's items each after a unit separator, U+001F). Stores written since schema 1 hold
    /// these values, so the bytes hashed must never change.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(self.heading().unwrap_or_default().as_bytes());
        for block in self.blocks() {
            hasher.update("\u{1e}".as_bytes());
            match block {
                BlockRef::Paragraph(p) => hasher.update(p.as_bytes()),
                BlockRef::Quote(lines) => {
                    for (i, line) in lines.iter().enumerate() {
                        if i > 0 {
                            hasher.update(b"\n");
                        }
                        hasher.update(line.as_bytes());
                    }
                }
                BlockRef::List(items) => {
                    for item in items.iter() {
                        hasher.update("\u{1f}".as_bytes());
                        hasher.update(item.text.as_bytes());
                    }
                }
            }
        }
        hasher.digest()
    }

    /// The heading, or a stand-in for an untitled lead section (outline, status bar).
    pub fn label(&self) -> &str {
        self.heading().unwrap_or("Introduction")
    }
}

#[cfg(test)]
mod tests;

// A body's units are a large part of a library's memory (one per paragraph, list item and
// quote line): keep them at 16 bytes.
const _: () = assert!(std::mem::size_of::<Unit>() == 16);
