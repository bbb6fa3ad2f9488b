//! The briefing as the importers build it, before it is a file: the fields found, sections of
//! blocks, takeaways, and what was guessed. [`Draft::finish`] does what every format shares
//! (cleaning, ids, links, keywords) and [`Draft::to_toml`] writes the document with
//! `toml_edit`, so every string is quoted and escaped by the TOML writer.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Options, keywords, links};
use crate::content::sanitize;
use crate::content::{Block, ListItem, Marker, default_id};

/// Something the importer had to guess, with the byte offset in the input it is about when
/// there is one (shown as `line:column`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// Byte offset into the imported text, if the guess is about one place.
    pub at: Option<usize>,
    /// What was guessed, as a sentence without a final period.
    pub message: String,
}

/// One section being built.
#[derive(Debug, Clone, Default)]
pub(super) struct DraftSection {
    /// `None` for a lead section (only the first may have none).
    pub heading: Option<String>,
    /// Paragraphs, lists and quotes.
    pub blocks: Vec<Block>,
}

/// One takeaway being built.
#[derive(Debug, Clone)]
pub(super) struct DraftTakeaway {
    pub text: String,
    /// Where it was found in the input.
    pub at: Option<usize>,
}

/// A briefing being built by an importer.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    pub title: Option<String>,
    pub dateline: Option<String>,
    /// Year, month, day (already checked to be a real day).
    pub date: Option<(i32, u8, u8)>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub sections: Vec<DraftSection>,
    pub takeaways: Vec<DraftTakeaway>,
    pub guesses: Vec<Guess>,
    /// Filled by [`Draft::finish`]: section ids, takeaway links, keyword suggestions.
    ids: Vec<String>,
    links: Vec<Option<usize>>,
    keywords: Vec<(&'static str, Vec<String>)>,
}

impl Draft {
    /// Notes a guess.
    pub fn guess(&mut self, at: Option<usize>, message: impl Into<String>) {
        self.guesses.push(Guess {
            at,
            message: message.into(),
        });
    }

    /// Cleans every string as loading would (controls made visible, bidi controls removed,
    /// whitespace folded in single-line fields), drops what would not make a valid briefing
    /// (empty items, headings with nothing under them at the end), gives each section a unique
    /// id, links the takeaways to sections, and suggests keywords when asked.
    pub fn finish(&mut self, options: Options) {
        self.clean();
        // A heading that cleaned to nothing (`##` alone) is no heading: its text joins the
        // section before, as brief reads only the first section without one.
        let mut merged: Vec<DraftSection> = Vec::with_capacity(self.sections.len());
        for section in std::mem::take(&mut self.sections) {
            match merged.last_mut() {
                Some(previous) if section.heading.is_none() => {
                    previous.blocks.extend(section.blocks);
                }
                _ => merged.push(section),
            }
        }
        self.sections = merged;
        if self.title.is_none() {
            self.title = Some("Untitled".to_owned());
            self.guess(None, "no title found: the briefing is titled \"Untitled\"");
        }
        while self.sections.len() > 1
            && self
                .sections
                .last()
                .is_some_and(|s| s.blocks.is_empty() && s.heading.is_some())
        {
            if let Some(dropped) = self.sections.pop() {
                let heading = dropped.heading.unwrap_or_default();
                self.guess(
                    None,
                    format!("left out \"{heading}\" at the end: a heading with no text under it"),
                );
            }
        }
        if self.sections.is_empty() {
            self.sections.push(DraftSection::default());
        }
        if let Some(first) = self.sections.first_mut()
            && first.heading.is_none()
            && first.blocks.is_empty()
            && self.sections.len() > 1
        {
            self.sections.remove(0);
        }
        self.ids = unique_ids(&self.sections);
        let (chosen, guesses) = links::choose(&self.takeaways, &self.sections, &self.ids);
        self.links = chosen;
        self.guesses.extend(guesses);
        if options.keywords {
            let (found, guess) = keywords::suggest(self);
            self.keywords = found;
            self.guesses.extend(guess);
        }
    }

    fn clean(&mut self) {
        let line = |s: &mut Option<String>| {
            *s = s
                .take()
                .map(|t| sanitize::line(&t))
                .filter(|t| !t.is_empty());
        };
        line(&mut self.title);
        line(&mut self.dateline);
        line(&mut self.source);
        line(&mut self.summary);
        for list in [&mut self.authors, &mut self.tags] {
            *list = list
                .iter()
                .map(|t| sanitize::line(t))
                .filter(|t| !t.is_empty())
                .collect();
        }
        for section in &mut self.sections {
            line(&mut section.heading);
            section.blocks = std::mem::take(&mut section.blocks)
                .into_iter()
                .filter_map(clean_block)
                .collect();
        }
        for t in &mut self.takeaways {
            t.text = sanitize::line(&t.text);
        }
        self.takeaways.retain(|t| !t.text.is_empty());
        for g in &mut self.guesses {
            g.message = sanitize::line(&g.message);
        }
    }

    /// The briefing as a TOML document (format 1), every value written by `toml_edit`.
    pub fn to_toml(&self) -> String {
        let mut doc = DocumentMut::new();
        doc["format"] = value(1);
        let mut header = Table::new();
        header["title"] = value(self.title.clone().unwrap_or_default());
        if let Some(d) = &self.dateline {
            header["dateline"] = value(d.clone());
        }
        if let Some((year, month, day)) = self.date
            && let Ok(year) = u16::try_from(year)
        {
            let date = toml_edit::Date { year, month, day };
            header["date"] = value(toml_edit::Datetime {
                date: Some(date),
                time: None,
                offset: None,
            });
        }
        if let Some(s) = &self.source {
            header["source"] = value(s.clone());
        }
        for (key, list) in [("authors", &self.authors), ("tags", &self.tags)] {
            if !list.is_empty() {
                header[key] = value(list.iter().collect::<toml_edit::Array>());
            }
        }
        if let Some(s) = &self.summary {
            header["summary"] = value(s.clone());
        }
        doc["briefing"] = Item::Table(header);
        if !self.keywords.is_empty() {
            let mut table = Table::new();
            table.decor_mut().set_prefix(
                "\n# Suggested by brief import from capitalised names that recur (docs/import.md):\n\
                 # check them, and move or remove any that are wrong.\n",
            );
            for (category, terms) in &self.keywords {
                table[*category] = value(terms.iter().collect::<toml_edit::Array>());
            }
            doc["keywords"] = Item::Table(table);
        }
        let mut sections = ArrayOfTables::new();
        for (section, id) in self.sections.iter().zip(&self.ids) {
            let mut t = Table::new();
            t["id"] = value(id.clone());
            if let Some(h) = &section.heading {
                t["heading"] = value(h.clone());
            }
            let body = body_text(&section.blocks);
            if !body.is_empty() {
                t["body"] = value(body);
            }
            sections.push(t);
        }
        doc["sections"] = Item::ArrayOfTables(sections);
        if !self.takeaways.is_empty() {
            let mut takeaways = ArrayOfTables::new();
            for (takeaway, link) in self.takeaways.iter().zip(&self.links) {
                let mut t = Table::new();
                t["text"] = value(takeaway.text.clone());
                if let Some(id) = link.and_then(|i| self.ids.get(i)) {
                    t["section"] = value(id.clone());
                }
                takeaways.push(t);
            }
            doc["takeaways"] = Item::ArrayOfTables(takeaways);
        }
        doc.to_string()
    }
}

/// A block with its text cleaned, or `None` when nothing is left of it.
fn clean_block(block: Block) -> Option<Block> {
    match block {
        Block::Paragraph(t) => {
            let t = sanitize::line(&t);
            (!t.is_empty()).then_some(Block::Paragraph(t))
        }
        Block::List(items) => {
            let mut items: Vec<ListItem> = items
                .into_iter()
                .map(|i| ListItem {
                    text: sanitize::line(&i.text),
                    ..i
                })
                .filter(|i| !i.text.is_empty())
                .collect();
            // A list starts at the top level, whatever was dropped before a nested item.
            if let Some(first) = items.first_mut() {
                first.depth = 0;
            }
            (!items.is_empty()).then_some(Block::List(items))
        }
        Block::Quote(lines) => {
            let mut lines: Vec<String> = lines
                .iter()
                .map(|l| sanitize::text(l).replace('\n', " ").trim_end().to_owned())
                .collect();
            while lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
            while lines.first().is_some_and(String::is_empty) {
                lines.remove(0);
            }
            (!lines.is_empty()).then_some(Block::Quote(lines))
        }
    }
}

/// Each section's id: the default slug of its heading (as brief derives it), with `-2`, `-3`
/// … added to repeats, so every takeaway link names one section.
fn unique_ids(sections: &[DraftSection]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(sections.len());
    for (index, section) in sections.iter().enumerate() {
        let base = default_id(section.heading.as_deref(), index);
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

/// The body text brief's own parser reads back as `blocks` (docs/format.md, "Body text"):
/// blocks separated by a blank line, items as `- ` or `N. ` with nested ones indented two
/// spaces, quote lines as `> `. A paragraph that would start like a list item or a quote
/// (`- `, `* `, `1. `, `>`) starts with an invisible word joiner (U+2060), so it stays a
/// paragraph.
pub(super) fn body_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(t) => {
                if looks_like_markup(t) {
                    out.push('\u{2060}');
                }
                out.push_str(t);
            }
            Block::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    if item.depth > 0 {
                        out.push_str("  ");
                    }
                    match item.marker {
                        Marker::Bullet => out.push_str("- "),
                        Marker::Number(n) => {
                            out.push_str(&n.to_string());
                            out.push_str(". ");
                        }
                    }
                    out.push_str(&item.text);
                }
            }
            Block::Quote(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push('>');
                    if !line.is_empty() {
                        out.push(' ');
                        out.push_str(line);
                    }
                }
            }
        }
    }
    out
}

/// Whether a paragraph's text would be read as a list item or a quote line.
fn looks_like_markup(text: &str) -> bool {
    if text.starts_with('>')
        || text.starts_with("- ")
        || text.starts_with("* ")
        || text == "-"
        || text == "*"
    {
        return true;
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = text.get(digits..).unwrap_or_default();
    (1..=9).contains(&digits)
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
}
