//! [`Text`]: a string of a briefing that shares one allocation with the briefing's other
//! texts, so that a library of thousands of briefings does not pay an allocation per
//! paragraph (see docs/performance.md, "Memory").

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A string of a briefing (a paragraph, a list item, a quoted line, a heading, a takeaway):
/// a range of a buffer shared with the briefing's other texts once the briefing is read
/// ([`crate::content::Briefing::shrink_to_fit`]), or of a buffer of its own when built
/// alone. Reads as a `&str` (it dereferences to one); compares, hashes and prints as its
/// text; immutable. The size of a `String` (24 bytes), without an allocation of its own.
#[derive(Clone)]
pub struct Text {
    buffer: Arc<str>,
    start: u32,
    end: u32,
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        self.buffer
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    /// `texts` copied end to end into one buffer, each then pointing into it, in order. Texts
    /// past 4 GiB in all keep their own buffers (no briefing gets near: files are capped far
    /// below that).
    /// Returns how many were shared.
    pub fn share(texts: &mut [&mut Self]) -> usize {
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let Ok(_) = u32::try_from(total) else {
            return 0;
        };
        let mut joined = String::with_capacity(total);
        let mut ranges = Vec::with_capacity(texts.len());
        for text in texts.iter() {
            let start = joined.len();
            joined.push_str(text.as_str());
            ranges.push((start, joined.len()));
        }
        let buffer: Arc<str> = Arc::from(joined);
        let mut shared = 0;
        for (text, (start, end)) in texts.iter_mut().zip(ranges) {
            if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) {
                **text = Self {
                    buffer: Arc::clone(&buffer),
                    start,
                    end,
                };
                shared += 1;
            }
        }
        shared
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::from(Arc::<str>::from(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self::from(Arc::<str>::from(text))
    }
}

impl From<Arc<str>> for Text {
    /// The whole of `buffer`; a buffer past 4 GiB is cut to its first 4 GiB (never reached:
    /// files are capped far below that).
    fn from(buffer: Arc<str>) -> Self {
        let mut end = buffer.len().min(u32::MAX as usize);
        while !buffer.is_char_boundary(end) {
            end -= 1;
        }
        Self {
            buffer,
            start: 0,
            end: u32::try_from(end).unwrap_or(0),
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Self::from("")
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_texts_read_and_compare_as_their_own() {
        let mut texts: Vec<Text> = ["Syria", "", "東京 and more", "x"]
            .into_iter()
            .map(Text::from)
            .collect();
        let before = texts.clone();
        assert_eq!(Text::share(&mut texts.iter_mut().collect::<Vec<_>>()), 4);
        assert_eq!(texts, before);
        assert_eq!(texts[2].as_str(), "東京 and more");
        assert_eq!(texts[2].get(..6), Some("東京"));
        assert!(Arc::ptr_eq(&texts[0].buffer, &texts[3].buffer));
        assert_eq!(texts[0], "Syria");
        assert_eq!(format!("{:?} {}", texts[0], texts[3]), "\"Syria\" x");
        assert_eq!(Text::default(), "");
    }
}
