//! The linear reader's state and words: which briefing and section, and the text each key
//! prints. Pure: keys in, lines out, so every reply is tested without a terminal.
//!
//! What is printed is made for screen readers and braille displays: one line per paragraph,
//! list item or quoted line (the terminal wraps; a braille display pans), every heading
//! announced as `Section N of M: …`, takeaways numbered, and nothing but text: no box drawing,
//! colour or cursor movement. Every string was sanitised at load, so none carries a control.

use std::fmt::Write as _;
use std::sync::Arc;

use crossterm::event::KeyCode;

use crate::content::{BlockRef, Briefing, list_prefixes};
use crate::library::Library;
use crate::settings::keymap::{Action, Key, Keymap};
use crate::text::fold::fold;
use crate::text::highlight::find_all;

/// Keys of the linear reader's own, used unless the keymap gives them an action.
pub const LIST_KEY: char = 'l';
/// See [`LIST_KEY`].
pub const OUTLINE_KEY: char = 'o';

/// Most search results printed at once.
const MAX_RESULTS: usize = 20;

/// A question the reader answers with a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The number of a briefing from the list.
    Briefing,
    /// The number of a section from the outline.
    Section,
    /// Words to search the briefing for.
    Search,
}

/// What a key asks of the driver besides printing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// Lines to print, each ending in `\n`.
    pub text: String,
    /// Read a line for this prompt next (the text ends with the question).
    pub prompt: Option<Prompt>,
    /// Read the briefings again from their files.
    pub reload: bool,
    /// The reader is done.
    pub quit: bool,
}

impl Reply {
    fn text(text: String) -> Self {
        Self {
            text,
            ..Self::default()
        }
    }
}

/// The linear reader: one briefing open, the last section printed, the last search.
#[derive(Debug)]
pub struct Linear {
    library: Arc<Library>,
    keymap: Keymap,
    /// Index of the open briefing.
    at: usize,
    /// The section printed last; `None` before the first (the header was printed).
    section: Option<usize>,
    /// The last search's hits (section, block) and which was printed last.
    hits: Vec<(usize, usize)>,
    hit: usize,
}

impl Linear {
    /// A reader over `library`, on its first (newest) briefing.
    pub fn new(library: impl Into<Arc<Library>>, keymap: Keymap) -> Self {
        Self {
            library: library.into(),
            keymap,
            at: 0,
            section: None,
            hits: Vec::new(),
            hit: 0,
        }
    }

    fn briefing(&self) -> Option<&Briefing> {
        self.library.briefings.get(self.at).map(|b| &**b)
    }

    /// The first words: the open briefing's header and the keys that matter most.
    pub fn start(&self) -> String {
        let mut out = self.header();
        let _ = writeln!(
            out,
            "Keys: {} next section, {} previous, 1 to 9 a takeaway, {} takeaways, {OUTLINE_KEY} outline, {LIST_KEY} briefings, {} help, {} quit.",
            self.next_keys(),
            self.keys(Action::PrevSection),
            self.keys(Action::ToggleTakeaways),
            self.keys(Action::Help),
            self.keys(Action::Quit),
        );
        out
    }

    /// The keys that print the next section: the next-section keys, and space where it pages.
    fn next_keys(&self) -> String {
        let space = Key::plain(KeyCode::Char(' '));
        let pages = [Action::PageDown, Action::ScrollDown, Action::HalfPageDown]
            .iter()
            .any(|a| self.keymap.keys(*a).contains(&space));
        let next = self.keys(Action::NextSection);
        if pages {
            format!("space or {next}")
        } else {
            next
        }
    }

    /// The keys bound to `action`, as the reader types them ("space or ]").
    fn keys(&self, action: Action) -> String {
        let keys: Vec<String> = self
            .keymap
            .keys(action)
            .iter()
            .map(Key::to_string)
            .collect();
        if keys.is_empty() {
            "(no key)".into()
        } else {
            keys.join(" or ")
        }
    }

    /// The open briefing whole, for output that is not a terminal: the header, every section
    /// and the takeaways.
    pub fn whole(&mut self) -> String {
        let mut out = self.header();
        let count = self.briefing().map_or(0, |b| b.sections.len());
        for s in 0..count {
            out.push_str(&self.section_text(s));
        }
        out.push_str(&self.takeaways());
        self.section = None;
        out
    }

    /// Answers one key.
    pub fn key(&mut self, key: Key) -> Reply {
        let action = self.keymap.action(key);
        match action {
            Some(action) => self.act(action),
            None if key == Key::plain(KeyCode::Char(LIST_KEY)) => self.list(),
            None if key == Key::plain(KeyCode::Char(OUTLINE_KEY)) => self.outline(),
            None => Reply::default(),
        }
    }

    // Over 40 lines as one function: the table from each action to what the linear reader
    // prints for it.
    fn act(&mut self, action: Action) -> Reply {
        let Some(briefing) = self.briefing() else {
            return match action {
                Action::Quit => Reply {
                    quit: true,
                    ..Reply::default()
                },
                Action::Reload => Reply {
                    reload: true,
                    ..Reply::default()
                },
                Action::Diagnostics => Reply::text(self.failures()),
                _ => Reply::text(format!("{}\n", crate::library::NO_BRIEFINGS)),
            };
        };
        let last = briefing.sections.len().checked_sub(1);
        let text = match action {
            Action::NextSection | Action::PageDown | Action::HalfPageDown | Action::ScrollDown => {
                match self.section {
                    Some(s) if Some(s) == last => "End of the briefing.\n".into(),
                    Some(s) => self.section_text(s + 1),
                    None => self.section_text(0),
                }
            }
            Action::PrevSection | Action::PageUp | Action::HalfPageUp | Action::ScrollUp => {
                match self.section {
                    Some(0) | None => {
                        self.section = None;
                        self.header()
                    }
                    Some(s) => self.section_text(s - 1),
                }
            }
            Action::Top => {
                self.section = None;
                self.header()
            }
            Action::Bottom => last.map_or_else(String::new, |s| self.section_text(s)),
            Action::Open | Action::Redraw => match self.section {
                Some(s) => self.section_text(s),
                None => self.header(),
            },
            Action::Takeaway(n) => self.takeaway(usize::from(n)),
            Action::ToggleTakeaways | Action::Skim => self.takeaways(),
            Action::Search => {
                return Reply {
                    text: "Search for: ".into(),
                    prompt: Some(Prompt::Search),
                    ..Reply::default()
                };
            }
            Action::SearchNext => self.step_hit(true),
            Action::SearchPrev => self.step_hit(false),
            Action::Diagnostics => self.failures(),
            Action::Help => self.help(),
            Action::Reload => {
                return Reply {
                    reload: true,
                    ..Reply::default()
                };
            }
            Action::Quit => {
                return Reply {
                    quit: true,
                    ..Reply::default()
                };
            }
            Action::FocusNext
            | Action::FocusPrev
            | Action::Zoom
            | Action::ToggleMouse
            | Action::Suspend
            | Action::Close
            | Action::Library
            | Action::Filter
            | Action::Sort
            | Action::NextChanged
            | Action::Find
            | Action::SearchLibrary
            | Action::Watchlist
            | Action::NextWatched
            | Action::Digest
            | Action::Entities => String::new(),
        };
        Reply::text(text)
    }

    /// Answers a prompt with the line the reader typed (without its line ending).
    pub fn answer(&mut self, prompt: Prompt, line: &str) -> Reply {
        let line = crate::content::sanitize::line(line);
        let line = line.trim();
        if line.is_empty() {
            return Reply::text("Nothing chosen.\n".into());
        }
        let number = line.parse::<usize>().ok().filter(|n| *n > 0);
        let text = match prompt {
            Prompt::Briefing => match number {
                Some(n) if n <= self.library.briefings.len() => {
                    self.at = n - 1;
                    self.section = None;
                    self.hits.clear();
                    self.header()
                }
                _ => format!("No briefing {line}.\n"),
            },
            Prompt::Section => {
                let count = self.briefing().map_or(0, |b| b.sections.len());
                match number {
                    Some(n) if n <= count => self.section_text(n - 1),
                    _ => format!("No section {line}.\n"),
                }
            }
            Prompt::Search => self.search(line),
        };
        Reply::text(text)
    }

    /// Takes a new reading of the library, keeping the open briefing by key where it still
    /// is; says what changed.
    pub fn replace_library(&mut self, library: impl Into<Arc<Library>>) -> String {
        let key = self.briefing().map(|b| b.key.clone());
        self.library = library.into();
        let found = key.and_then(|k| self.library.briefings.iter().position(|b| b.key == k));
        self.at = found.unwrap_or(0);
        let count = self.briefing().map_or(0, |b| b.sections.len());
        self.section = self.section.filter(|s| found.is_some() && *s < count);
        self.hits.clear();
        let mut out = format!(
            "Reloaded: {}, {} failed.\n",
            crate::text::count(self.library.briefings.len(), "briefing", "briefings"),
            self.library.failures.len()
        );
        if found.is_none() {
            out.push_str(&self.header());
        }
        out
    }

    fn header(&self) -> String {
        let Some(b) = self.briefing() else {
            return format!("{}\n", crate::library::NO_BRIEFINGS);
        };
        let mut out = format!(
            "\nBriefing {} of {}: {}\n",
            self.at + 1,
            self.library.briefings.len(),
            b.title
        );
        if let Some(meta) = b.meta_line() {
            let _ = writeln!(out, "{meta}");
        }
        if !b.tags.is_empty() {
            let _ = writeln!(out, "Tags: {}", b.tags.join(", "));
        }
        if let Some(summary) = &b.summary {
            let _ = writeln!(out, "{summary}");
        }
        let _ = writeln!(
            out,
            "{}, {}.",
            crate::text::count(b.sections.len(), "section", "sections"),
            crate::text::count(b.takeaways.len(), "takeaway", "takeaways")
        );
        out
    }

    /// Section `s` in full, which becomes the current one.
    fn section_text(&mut self, s: usize) -> String {
        let Some(b) = self.briefing() else {
            return String::new();
        };
        let Some(section) = b.sections.get(s) else {
            return String::new();
        };
        let mut out = format!(
            "\nSection {} of {}: {}\n",
            s + 1,
            b.sections.len(),
            section.label()
        );
        for block in section.blocks() {
            block_lines(&mut out, block);
        }
        self.section = Some(s);
        out
    }

    fn takeaway(&mut self, n: usize) -> String {
        let Some(b) = self.briefing() else {
            return String::new();
        };
        let Some(takeaway) = n.checked_sub(1).and_then(|i| b.takeaways.get(i)) else {
            return format!(
                "No takeaway {n}: this briefing has {}.\n",
                b.takeaways.len()
            );
        };
        let mut out = format!("Takeaway {n} of {}: {}\n", b.takeaways.len(), takeaway.text);
        match takeaway.section {
            Some(s) => out.push_str(&self.section_text(s)),
            None => out.push_str("It points to no section.\n"),
        }
        out
    }

    fn takeaways(&self) -> String {
        let Some(b) = self.briefing() else {
            return String::new();
        };
        if b.takeaways.is_empty() {
            return "This briefing has no takeaways.\n".into();
        }
        let mut out = String::from("Key takeaways:\n");
        for (i, t) in b.takeaways.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, t.text);
        }
        out
    }

    fn outline(&self) -> Reply {
        let Some(b) = self.briefing() else {
            return Reply::text(format!("{}\n", crate::library::NO_BRIEFINGS));
        };
        let mut text = format!("Outline of {}:\n", b.title);
        for (i, s) in b.sections.iter().enumerate() {
            let _ = writeln!(text, "{}. {}", i + 1, s.label());
        }
        text.push_str("Go to section number: ");
        Reply {
            text,
            prompt: Some(Prompt::Section),
            ..Reply::default()
        }
    }

    fn list(&self) -> Reply {
        let mut text = format!(
            "Briefings, newest first ({}):\n",
            self.library.briefings.len()
        );
        for (i, b) in self.library.briefings.iter().enumerate() {
            let date = b.date.as_ref().map_or("undated", |d| d.text.as_str());
            let _ = writeln!(text, "{}. {} ({date})", i + 1, b.title);
        }
        text.push_str("Open briefing number: ");
        Reply {
            text,
            prompt: Some(Prompt::Briefing),
            ..Reply::default()
        }
    }

    fn search(&mut self, query: &str) -> String {
        let folded = fold(query);
        self.hits.clear();
        self.hit = 0;
        let Some(b) = self.briefing() else {
            return String::new();
        };
        let mut hits = Vec::new();
        for (s, section) in b.sections.iter().enumerate() {
            for (k, block) in section.blocks().enumerate() {
                let mut text = String::new();
                block_lines(&mut text, block);
                if !find_all(&text, &folded).is_empty() {
                    hits.push((s, k));
                }
            }
        }
        let mut out = format!(
            "{} for \"{query}\".\n",
            crate::text::count(hits.len(), "passage matches", "passages match")
        );
        for &(s, k) in hits.iter().take(MAX_RESULTS) {
            let _ = write!(out, "In section {}: ", s + 1);
            if let Some(block) = b.sections.get(s).and_then(|x| x.block(k)) {
                block_lines(&mut out, block);
            }
        }
        if hits.len() > MAX_RESULTS {
            let _ = writeln!(out, "{} more not shown.", hits.len() - MAX_RESULTS);
        }
        if let Some(&(s, _)) = hits.first() {
            self.section = Some(s);
        }
        self.hits = hits;
        out
    }

    fn step_hit(&mut self, forward: bool) -> String {
        if self.hits.is_empty() {
            return "No search: press the search key first.\n".into();
        }
        let count = self.hits.len();
        self.hit = if forward {
            (self.hit + 1) % count
        } else {
            (self.hit + count - 1) % count
        };
        let Some(&(s, k)) = self.hits.get(self.hit) else {
            return String::new();
        };
        self.section = Some(s);
        let mut out = format!("Match {} of {count}, in section {}: ", self.hit + 1, s + 1);
        if let Some(block) = self.briefing().and_then(|b| b.sections.get(s)?.block(k)) {
            block_lines(&mut out, block);
        }
        out
    }

    fn failures(&self) -> String {
        if self.library.failures.is_empty() {
            return "Every file loaded.\n".into();
        }
        let mut out = String::new();
        for failure in &self.library.failures {
            for d in &failure.diagnostics {
                let _ = writeln!(out, "{d}");
            }
        }
        out
    }

    fn help(&self) -> String {
        let mut out = String::from("Keys:\n");
        let lines = [
            (
                Action::NextSection,
                "next section (so do the paging and scrolling keys)",
            ),
            (Action::PrevSection, "previous section"),
            (Action::Top, "the briefing's header"),
            (Action::Bottom, "last section"),
            (Action::Open, "read the current section again"),
            (Action::ToggleTakeaways, "list the key takeaways"),
            (Action::Search, "search this briefing"),
            (Action::SearchNext, "next match"),
            (Action::SearchPrev, "previous match"),
            (Action::Reload, "read the files again"),
            (Action::Diagnostics, "files that failed to load"),
            (Action::Quit, "quit"),
        ];
        let _ = writeln!(out, "1 to 9: a takeaway, then its section.");
        for (action, words) in lines {
            let _ = writeln!(out, "{}: {words}.", self.keys(action));
        }
        let _ = writeln!(out, "{OUTLINE_KEY}: the outline, then a section by number.");
        let _ = writeln!(out, "{LIST_KEY}: the briefings, then one by number.");
        out
    }
}

/// A block as lines: a paragraph on one line, each list item on its own with its bullet or
/// number, each quoted line after "Quote:".
fn block_lines(out: &mut String, block: BlockRef<'_>) {
    match block {
        BlockRef::Paragraph(text) => {
            let _ = writeln!(out, "{text}");
        }
        BlockRef::List(items) => {
            for (item, prefix) in items.iter().zip(list_prefixes(items)) {
                let indent = if item.depth == 0 { "" } else { "  " };
                let _ = writeln!(out, "{indent}{}{}", prefix.trim_start(), item.text);
            }
        }
        BlockRef::Quote(lines) => {
            for line in lines.iter() {
                let _ = writeln!(out, "Quote: {line}");
            }
        }
    }
}

#[cfg(test)]
mod tests;
