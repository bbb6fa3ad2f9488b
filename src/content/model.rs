//! The validated briefing: every string is sanitised, every reference resolved. Immutable once
//! built and free of terminal types, so the CLI, the TUI and tests share it.

/// One briefing, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    /// Where it came from, as shown to the user (a path, or `built-in:NAME`).
    pub origin: String,
    /// Which briefing this is, whatever the spelling of its path: the canonical path of its
    /// file (or `built-in:NAME`, or the origin when there is no file). Reading positions are
    /// kept under it.
    pub key: String,
    /// The headline.
    pub title: String,
    /// Where it was filed from, e.g. "Washington, D.C.".
    pub dateline: Option<String>,
    /// When it was filed.
    pub date: Option<BriefDate>,
    /// The publication or feed it came from.
    pub source: Option<String>,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// Free-form labels.
    pub tags: Vec<String>,
    /// An optional lede shown above the first section.
    pub summary: Option<String>,
    /// Terms to highlight, by category.
    pub keywords: Keywords,
    /// The article, in order; never empty.
    pub sections: Vec<Section>,
    /// The key takeaways, in order.
    pub takeaways: Vec<Takeaway>,
    /// Problems that did not stop the file from loading (see docs/format.md), in file order.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// A date or date-time as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BriefDate {
    /// ISO-8601 text (`2025-11-10` or `2025-11-10 14:30`), which also sorts chronologically.
    pub text: String,
}

/// A section of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Unique within the briefing.
    pub id: String,
    /// `None` only for a lead section (the first one).
    pub heading: Option<String>,
    /// Paragraphs, bullet lists and quotes, in order.
    pub blocks: Vec<Block>,
}

impl Section {
    /// The heading, or a stand-in for an untitled lead section (outline, status bar).
    pub fn label(&self) -> &str {
        self.heading.as_deref().unwrap_or("Introduction")
    }
}

/// A unit of body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Running text, lines already joined.
    Paragraph(String),
    /// A bullet list; one string per item.
    Bullets(Vec<String>),
    /// A quoted passage; its lines are kept as written (each wraps on its own), so a quote
    /// can carry a short example or a poem as well as prose.
    Quote(Vec<String>),
}

/// One key takeaway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Takeaway {
    /// The takeaway itself.
    pub text: String,
    /// Index into [`Briefing::sections`] of the section that supports it.
    pub section: Option<usize>,
    /// The `section` the file gave when it names no section: the takeaway is shown unlinked,
    /// with a mark, and the briefing carries a warning.
    pub unresolved: Option<String>,
}

/// Highlight terms by category, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Non-empty categories.
    pub categories: Vec<Category>,
}

/// A named group of terms, styled alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The category name (`people`, `places`, …); themes style it by this name.
    pub name: String,
    /// The terms, as written.
    pub terms: Vec<String>,
}

impl Briefing {
    /// Dateline, date, source and authors on one line (`Washington, D.C. · 2025-11-10`), if any.
    pub fn meta_line(&self) -> Option<String> {
        let mut meta: Vec<String> = Vec::new();
        meta.extend(self.dateline.clone());
        meta.extend(self.date.as_ref().map(|d| d.text.clone()));
        meta.extend(self.source.clone());
        if !self.authors.is_empty() {
            meta.push(format!("by {}", self.authors.join(", ")));
        }
        (!meta.is_empty()).then(|| meta.join(" · "))
    }

    /// The date as shown in lists, or an empty string.
    pub fn date_text(&self) -> &str {
        self.date.as_ref().map_or("", |d| d.text.as_str())
    }
}
