//! `CommonMark` events (from `pulldown-cmark`) flattened into headings and brief's blocks:
//! emphasis and code kept as plain text, links as `text (URL)`, images as their alt text,
//! lists with one level of nesting (deeper items shown at the second level), block quotes and
//! code blocks as quotes (lines kept), table rows as quote lines with cells joined by ` | `.
//! HTML in the Markdown is dropped.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::{Block, ListItem, Marker};

/// A piece of the document, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A heading: level 1–6 and its text.
    Heading(u8, String),
    /// A paragraph opening with a bold `TL;DR` label: the text after it.
    Tldr(String),
    /// A paragraph, a list or a quote.
    Block(Block),
}

/// One open list: the next number, for an ordered one.
struct OpenList {
    next: Option<u64>,
}

/// Bold text at the start of a paragraph (a `**TL;DR:**` label).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Bold {
    /// None seen yet, or the paragraph did not open with it.
    #[default]
    None,
    /// The paragraph opened with bold text, not yet closed.
    Open,
    /// The opening bold text ends at this byte of the paragraph's text.
    Ended(usize),
}

/// The walk's state.
#[derive(Default)]
struct Walk {
    pieces: Vec<(usize, Piece)>,
    /// Inline text being gathered (a paragraph, heading, item, cell).
    text: String,
    /// Where the open links' texts start in `text`, and their destinations.
    links: Vec<(usize, String)>,
    lists: Vec<OpenList>,
    /// Items of the list being built (top-level list and its nested ones).
    items: Vec<ListItem>,
    /// Lines of the quote (or code block, or table) being built, and its nesting.
    quote: Option<Vec<String>>,
    quote_depth: usize,
    /// Inside a code block, an image or an HTML block: text handled specially.
    code: bool,
    image: usize,
    /// Whether the paragraph being gathered opened with bold text, and where it ends.
    opening_bold: Bold,
    /// The offset where the current block started.
    block_at: usize,
}

/// The pieces of `markdown`, each with its byte offset in `markdown`.
pub fn pieces(markdown: &str) -> Vec<(usize, Piece)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut w = Walk::default();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        w.event(event, range.start);
    }
    w.flush_items();
    w.pieces
}

impl Walk {
    // Over 40 lines as one function: one match over the event kinds, each arm a line or two.
    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.code && self.items.is_empty() && self.lists.is_empty() => {
                let lines = self.quote.get_or_insert_with(Vec::new);
                for line in t.trim_end_matches('\n').split('\n') {
                    lines.push(line.to_owned());
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text.push_str(&t);
            }
            // A quote keeps its lines as written.
            Event::SoftBreak if self.quote_depth > 0 && self.lists.is_empty() => {
                self.text.push('\n');
            }
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.text.push('\n'),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::Paragraph => {
                self.opening_bold = Bold::None;
                if self.lists.is_empty() && self.quote_depth == 0 {
                    self.block_at = at;
                }
            }
            Tag::Strong if self.text.trim().is_empty() && self.opening_bold == Bold::None => {
                self.opening_bold = Bold::Open;
            }
            Tag::BlockQuote(_) => {
                if self.quote_depth == 0 && self.lists.is_empty() {
                    self.block_at = at;
                    self.quote = Some(Vec::new());
                }
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.code = true;
                if self.quote_depth == 0 && self.lists.is_empty() {
                    self.block_at = at;
                }
            }
            Tag::Table(_) => {
                self.block_at = at;
                if self.quote.is_none() {
                    self.quote = Some(Vec::new());
                }
            }
            Tag::List(start) => {
                self.item_text_done();
                if self.lists.is_empty() && self.quote_depth == 0 {
                    self.block_at = at;
                }
                self.lists.push(OpenList { next: start });
            }
            Tag::Item => self.item_text_done(),
            Tag::Link { dest_url, .. } => self.links.push((self.text.len(), dest_url.to_string())),
            Tag::Image { .. } => self.image += 1,
            _ => {}
        }
    }

    // Over 40 lines as one function: one match over the closing tags, each arm a few lines.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Strong if self.opening_bold == Bold::Open => {
                self.opening_bold = Bold::Ended(self.text.len());
            }
            TagEnd::Paragraph => self.paragraph_done(),
            TagEnd::Heading(level) => {
                let text = std::mem::take(&mut self.text);
                if self.quote_depth > 0 || !self.lists.is_empty() {
                    self.text = text;
                    self.paragraph_done();
                } else {
                    let level = heading_level(level);
                    self.pieces
                        .push((self.block_at, Piece::Heading(level, one_line(&text))));
                }
            }
            TagEnd::BlockQuote(_) => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                if self.quote_depth == 0
                    && self.lists.is_empty()
                    && let Some(lines) = self.quote.take()
                {
                    self.pieces
                        .push((self.block_at, Piece::Block(Block::Quote(lines))));
                }
            }
            TagEnd::CodeBlock => {
                self.code = false;
                if !self.lists.is_empty() {
                    self.item_text_done();
                } else if self.quote_depth == 0
                    && let Some(lines) = self.quote.take()
                {
                    self.pieces
                        .push((self.block_at, Piece::Block(Block::Quote(lines))));
                }
            }
            TagEnd::TableCell => self.text.push_str(" | "),
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.text);
                let row = row.trim_end().trim_end_matches('|').trim_end().to_owned();
                self.quote.get_or_insert_with(Vec::new).push(row);
            }
            TagEnd::Table => {
                if self.quote_depth == 0
                    && let Some(lines) = self.quote.take()
                {
                    self.pieces
                        .push((self.block_at, Piece::Block(Block::Quote(lines))));
                }
            }
            TagEnd::Item => self.item_text_done(),
            TagEnd::List(_) => {
                self.item_text_done();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.flush_items();
                }
            }
            TagEnd::Link => self.link_done(),
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            _ => {}
        }
    }

    /// A link's text and destination: `text (URL)`, or the text alone when it already is the
    /// URL or the link points inside the document (`#anchor`).
    fn link_done(&mut self) {
        let Some((start, url)) = self.links.pop() else {
            return;
        };
        if self.image > 0 || url.is_empty() || url.starts_with('#') {
            return;
        }
        let text = self.text.get(start..).unwrap_or_default().trim();
        let bare = url.strip_prefix("mailto:").unwrap_or(&url);
        if text != url && text != bare {
            self.text.push_str(" (");
            self.text.push_str(&url);
            self.text.push(')');
        }
    }

    fn paragraph_done(&mut self) {
        if !self.lists.is_empty() {
            // A loose item's paragraphs are joined into the item.
            self.text.push(' ');
            return;
        }
        let text = std::mem::take(&mut self.text);
        if let Some(lines) = &mut self.quote {
            if !lines.is_empty() && self.quote_depth > 0 {
                lines.push(String::new());
            }
            lines.extend(text.split('\n').map(|l| l.trim().to_owned()));
            return;
        }
        if let Bold::Ended(end) = std::mem::take(&mut self.opening_bold)
            && let Some(label) = text.get(..end)
            && is_tldr_label(label)
        {
            let rest = text.get(end..).unwrap_or_default();
            let rest = rest.trim_start().trim_start_matches([':', '-', '—']).trim();
            self.pieces
                .push((self.block_at, Piece::Tldr(one_line(rest))));
            return;
        }
        let text = one_line(&text);
        if !text.is_empty() {
            self.pieces
                .push((self.block_at, Piece::Block(Block::Paragraph(text))));
        }
    }

    /// The gathered text becomes the current list item (if there is any text).
    fn item_text_done(&mut self) {
        if self.lists.is_empty() {
            return;
        }
        let text = one_line(&std::mem::take(&mut self.text));
        if text.is_empty() {
            return;
        }
        if let Some(lines) = &mut self.quote
            && self.quote_depth > 0
        {
            // A list inside a quote: lines of the quote, marked as written.
            lines.push(format!("- {text}"));
            return;
        }
        let depth = u8::try_from(self.lists.len().saturating_sub(1).min(1)).unwrap_or(1);
        let marker = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
            Some(next) => {
                let n = u32::try_from(*next).unwrap_or(u32::MAX);
                *next = next.saturating_add(1);
                Marker::Number(n.min(999_999_999))
            }
            None => Marker::Bullet,
        };
        self.items.push(ListItem {
            marker,
            depth,
            text,
        });
    }

    fn flush_items(&mut self) {
        if !self.items.is_empty() {
            let items = std::mem::take(&mut self.items);
            self.pieces
                .push((self.block_at, Piece::Block(Block::List(items))));
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Text with every run of whitespace (hard breaks too) folded to one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether bold text that opens a paragraph is a `TL;DR` label (`TL;DR`, `TL;DR:`, `tldr`).
fn is_tldr_label(label: &str) -> bool {
    let letters: String = label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    letters == "tldr"
}
