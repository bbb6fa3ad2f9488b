//! A place in a briefing's text that does not depend on the width it is shown at or on the
//! layout: the [`TextAddress`]. Reading positions are kept as addresses (see
//! `layout::ArticleLayout::address_at` and `ArticleLayout::row_of_address` for the mapping to and from rows).

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// A place in a briefing's text: which text (by section id, block and item) and where in it.
///
/// The fingerprint of the text is kept beside its indices, so that when the file changes (a
/// paragraph inserted above, a section moved) the same text is found again by its content;
/// when it is gone, the indices give the nearest place that still exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAddress {
    /// The section's id; empty for the header above the first section (title, meta, summary).
    pub section: String,
    /// The section's index when the address was taken, used when no section has that id.
    pub section_index: u32,
    /// The block within the section (in the header: the header's text, counted from the
    /// title); `None` for the section's heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<u32>,
    /// The list item or quote line within the block; 0 for a paragraph.
    pub item: u32,
    /// Byte offset into the text, as cleaned at load.
    pub offset: u32,
    /// [`fingerprint`] of the text.
    pub fingerprint: u32,
}

/// A short, stable hash of a text (the upper 32 bits of its XXH3-64), the same on every
/// machine and in every version, for finding a text again after an edit.
pub fn fingerprint(text: &str) -> u32 {
    u32::try_from(xxh3_64(text.as_bytes()) >> 32).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_texts_apart() {
        // Fixed: stored fingerprints must still match after an upgrade.
        assert_eq!(
            fingerprint("Syria joins the coalition."),
            fingerprint("Syria joins the coalition.")
        );
        assert_eq!(fingerprint(""), 0x2d06_8005);
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }
}
