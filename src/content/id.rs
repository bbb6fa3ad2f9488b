//! Which briefing is which, whatever file it is read from: the [`BriefingId`].
//!
//! A briefing's reading position, read state and history are kept under its id, so a file that
//! is moved, copied, renamed or edited keeps them. The id is the `id` written in `[briefing]`
//! when there is one, otherwise derived from the title and the day of the date (never from the
//! path). The rules are in docs/format.md, "Identity".

use std::fmt::{self, Write as _};

use xxhash_rust::xxh3::xxh3_64;

use super::model::BriefDate;

/// Longest id, in bytes (ids are ASCII).
pub const MAX_LEN: usize = 100;

/// Longest slug taken from a title, in bytes, before the hash and the date are added.
const SLUG_LEN: usize = 60;

/// A briefing's stable identity: 1 to 100 ASCII letters, digits, `-`, `_` and `.`,
/// compared exactly (case included).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BriefingId(String);

impl BriefingId {
    /// An id written in a file, if it is well formed.
    ///
    /// # Errors
    /// What is wrong with it, for a warning at the `id` key.
    pub fn explicit(text: &str) -> Result<Self, String> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        if text.is_empty() || text.len() > MAX_LEN || !text.chars().all(allowed) {
            return Err(format!(
                "`id` may hold only letters, digits, `-`, `_` and `.`, 1 to {MAX_LEN} of them"
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The id of a briefing without an `id`: the title as a lower-case ASCII slug (`syria-joins-
    /// the-coalition`), then, when the slug lost letters (any letter or digit outside ASCII, or a
    /// title too long), 8 hex digits of the title's XXH3-64 hash, then the day of the date.
    /// Punctuation and case never make two ids differ, so `Syria: talks` and `syria talks` on
    /// one day share an id (`brief check` reports such a clash).
    pub fn derived(title: &str, date: Option<&BriefDate>) -> Self {
        let mut id = String::with_capacity(SLUG_LEN + 20);
        let mut lossy = false;
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                if id.len() == SLUG_LEN {
                    lossy = true;
                    break;
                }
                id.push(c.to_ascii_lowercase());
            } else {
                lossy |= c.is_alphanumeric();
                if !id.is_empty() && !id.ends_with('-') {
                    id.push('-');
                }
            }
        }
        while id.ends_with('-') {
            id.pop();
        }
        if lossy || id.is_empty() {
            if !id.is_empty() {
                id.push('-');
            }
            let _ = write!(id, "{:08x}", xxh3_64(title.as_bytes()) >> 32);
        }
        if let Some(day) = date.and_then(|d| d.text.split(' ').next()) {
            id.push('-');
            id.push_str(day);
        }
        Self(id)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BriefingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> BriefDate {
        BriefDate::new((y, m, d), Some((14, 30)), Some(60), false)
    }

    #[test]
    fn derived_ids_are_slugs_of_the_title_and_the_day() {
        let id = BriefingId::derived(
            "Historic Move: Syria Joins Global Coalition Against ISIL",
            Some(&day(2025, 11, 10)),
        );
        assert_eq!(
            id.as_str(),
            "historic-move-syria-joins-global-coalition-against-isil-2025-11-10"
        );
        // The time of day and punctuation do not count; the day does.
        let same = BriefingId::derived(
            "historic move — syria joins global coalition against ISIL!",
            Some(&BriefDate::new((2025, 11, 10), None, None, false)),
        );
        assert_eq!(id, same);
        assert_ne!(
            id,
            BriefingId::derived(
                "Historic Move: Syria Joins Global Coalition Against ISIL",
                Some(&day(2025, 11, 11))
            )
        );
        assert_eq!(BriefingId::derived("  Untimed  ", None).as_str(), "untimed");
    }

    #[test]
    fn titles_the_slug_cannot_spell_get_a_hash() {
        let a = BriefingId::derived("Café talks", None);
        let b = BriefingId::derived("Cafe talks", None);
        assert_ne!(a, b);
        assert!(a.as_str().starts_with("caf-talks-"), "{a}");
        assert_eq!(b.as_str(), "cafe-talks");
        // Nothing ASCII at all, and the same title always gives the same id.
        let tokyo = BriefingId::derived("東京", None);
        assert_eq!(tokyo.as_str().len(), 8);
        assert_eq!(tokyo, BriefingId::derived("東京", None));
        assert_ne!(tokyo, BriefingId::derived("京都", None));
        // A long title is cut, with a hash of the whole.
        let long = "word ".repeat(40);
        let id = BriefingId::derived(&long, Some(&day(2025, 1, 2)));
        assert!(id.as_str().len() <= SLUG_LEN + 1 + 8 + 11, "{id}");
        assert!(BriefingId::explicit(id.as_str()).is_ok());
        assert_ne!(
            id,
            BriefingId::derived(&"word ".repeat(41), Some(&day(2025, 1, 2)))
        );
    }

    #[test]
    fn explicit_ids_are_checked() {
        assert_eq!(
            BriefingId::explicit("brief-2025.11_a").map(|i| i.to_string()),
            Ok("brief-2025.11_a".to_owned())
        );
        for bad in [
            "",
            "a b",
            "a/b",
            "é",
            &"x".repeat(MAX_LEN + 1),
            "\u{1b}[31m",
        ] {
            assert!(BriefingId::explicit(bad).is_err(), "{bad:?}");
        }
    }
}
