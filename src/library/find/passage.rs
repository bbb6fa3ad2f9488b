//! The passages of a briefing, each one line of text with its place: what the search looks at
//! and what a result points to.

use serde::Serialize;

use crate::content::Briefing;

/// Where a passage is in its briefing. Indices are into the briefing's `sections`, a
/// section's `blocks`, a block's list items or quote lines, and `takeaways`; together with
/// the briefing's `key` they name the passage for as long as that briefing is not reloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// The headline.
    Title,
    /// The lede above the first section.
    Summary,
    /// A key takeaway, by index.
    Takeaway {
        /// Index into `takeaways`.
        takeaway: usize,
    },
    /// A section's heading.
    Heading {
        /// Index into `sections`.
        section: usize,
    },
    /// A text of a section's body: a paragraph (`item` 0), a list item or a quote line.
    Body {
        /// Index into `sections`.
        section: usize,
        /// Index into the section's `blocks`.
        block: usize,
        /// The list item or quote line within the block; 0 for a paragraph.
        item: usize,
    },
}

impl Place {
    /// The rank of the kind of place: title 0; takeaway and heading 1; summary 2; body 3.
    /// Lower ranks come first in results.
    pub fn tier(self) -> u8 {
        match self {
            Self::Title => 0,
            Self::Takeaway { .. } | Self::Heading { .. } => 1,
            Self::Summary => 2,
            Self::Body { .. } => 3,
        }
    }

    /// The section to open at: the passage's own, or the one a takeaway points to; `None`
    /// for the title and the summary (the top of the briefing).
    pub fn section(self, briefing: &Briefing) -> Option<usize> {
        match self {
            Self::Title | Self::Summary => None,
            Self::Takeaway { takeaway } => briefing.takeaways.get(takeaway)?.section,
            Self::Heading { section } | Self::Body { section, .. } => Some(section),
        }
    }

    /// The passage's text, or `None` when the briefing has no such place.
    pub fn text(self, briefing: &Briefing) -> Option<&str> {
        match self {
            Self::Title => Some(&briefing.title),
            Self::Summary => briefing.summary.as_deref(),
            Self::Takeaway { takeaway } => briefing.takeaways.get(takeaway).map(|t| &*t.text),
            Self::Heading { section } => briefing.sections.get(section)?.heading(),
            Self::Body {
                section,
                block,
                item,
            } => briefing.sections.get(section)?.text(block, item),
        }
    }

    /// The 1-based line of the file the passage starts on, or 0 when unknown (see
    /// [`crate::content::SourceLines`]).
    pub fn line(self, briefing: &Briefing) -> usize {
        let lines = &briefing.lines;
        let line = match self {
            Self::Title => lines.title,
            Self::Summary => lines.summary,
            Self::Takeaway { takeaway } => lines.takeaways().get(takeaway).copied().unwrap_or(0),
            Self::Heading { section } => lines.heading(section),
            Self::Body {
                section,
                block,
                item,
            } => briefing
                .sections
                .get(section)
                .map_or(0, |s| lines.unit(section, s, block, item)),
        };
        usize::try_from(line).unwrap_or(0)
    }
}

/// Calls `each` with every passage of `briefing` and its text, in reading order: title,
/// summary, each section's heading and body texts, then the takeaways.
pub fn for_each(briefing: &Briefing, mut each: impl FnMut(Place, &str)) {
    each(Place::Title, &briefing.title);
    if let Some(summary) = &briefing.summary {
        each(Place::Summary, summary);
    }
    for (section, s) in briefing.sections.iter().enumerate() {
        if let Some(heading) = s.heading() {
            each(Place::Heading { section }, heading);
        }
        for (block, item, text) in s.texts() {
            each(
                Place::Body {
                    section,
                    block,
                    item,
                },
                text,
            );
        }
    }
    for (takeaway, t) in briefing.takeaways.iter().enumerate() {
        each(Place::Takeaway { takeaway }, &t.text);
    }
}
