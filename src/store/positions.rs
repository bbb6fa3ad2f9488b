//! Reading positions, so a briefing reopens where it was left. Kept in a small TOML state file
//! (`$XDG_STATE_HOME/brief/positions.toml`, else `~/.local/state/brief/positions.toml`) under
//! each briefing's [`BriefingId`](crate::content::BriefingId), so a moved, renamed or copied
//! file finds its position. A position is a place in the text (which wrapped text, and the byte
//! offset in it), not a screen row, so it survives a different terminal width. The file is
//! brief's own: an unreadable or damaged one is ignored rather than stopping the reader.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::TextAddress;

/// How many briefings are remembered (the most recently read).
pub const LIMIT: usize = crate::store::READ_LIMIT;

/// Where one briefing was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The briefing's [`id`](crate::content::Briefing::id); empty in an entry written before
    /// briefings had ids, which is found by `origin` and `title` instead.
    #[serde(default)]
    pub id: String,
    /// Entries written before ids only: the briefing's
    /// [`key`](crate::content::Briefing::key), the canonical path of its file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
    /// Entries written before ids only: its title then (a different title meant a different
    /// briefing).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The place in the text at the top of the screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<TextAddress>,
    /// Entries written before addresses only: index of the wrapped text at the top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<usize>,
    /// Entries written before addresses only: byte offset in that text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// What was read: whether to the end, and each section's hash as it was read (the state
    /// store's; never in the old TOML file).
    #[serde(skip)]
    pub read: Option<ReadState>,
}

/// What a reading of a briefing saw, to tell later what changed since.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadState {
    /// The reader got to the end of it (once, at any time).
    pub at_end: bool,
    /// `(section id, hash)` of every section as it was read (see
    /// [`crate::content::Section::hash`]).
    pub sections: Vec<(String, u64)>,
}

impl ReadState {
    /// The sections of `briefing` whose text is not what was read: changed, or added since.
    /// Sections read and since removed are not counted.
    pub fn changed(&self, briefing: &crate::content::Briefing) -> Vec<usize> {
        briefing
            .sections
            .iter()
            .enumerate()
            .filter(|(_, section)| {
                !self
                    .sections
                    .iter()
                    .any(|(id, hash)| *id == section.id && *hash == section.hash)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether any section of `briefing` changed since it was read ([`ReadState::changed`]
    /// is not empty), without listing them.
    pub fn any_changed(&self, briefing: &crate::content::Briefing) -> bool {
        briefing.sections.iter().any(|section| {
            !self
                .sections
                .iter()
                .any(|(id, hash)| *id == section.id && *hash == section.hash)
        })
    }
}

/// Remembered positions, most recent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Positions {
    #[serde(default, rename = "position")]
    entries: Vec<Position>,
}

impl Positions {
    /// The position of the briefing with id `id`, or one written before ids for the file `key`
    /// under the same title.
    pub fn get(&self, id: &str, key: &str, title: &str) -> Option<&Position> {
        self.entries
            .iter()
            .find(|p| p.id == id || (p.id.is_empty() && p.origin == key && p.title == title))
    }

    /// Remembers a position (replacing the briefing's previous one, and an entry written
    /// before ids for the same file and title) as the most recent.
    pub fn set(&mut self, position: Position) {
        self.entries.retain(|p| {
            p.id != position.id
                && !(p.id.is_empty() && p.origin == position.origin && p.title == position.title)
        });
        self.entries.insert(0, position);
        self.entries.truncate(LIMIT);
    }

    /// Every position, most recent first.
    pub fn entries(&self) -> &[Position] {
        &self.entries
    }

    /// Adds the positions of `older` that are not known here (by id, or by file and title for
    /// entries from before ids), after the ones already here: what this session remembered
    /// wins over what was stored.
    pub fn merge_older(&mut self, older: Self) {
        for p in older.entries {
            let known = self.entries.iter().any(|q| {
                (!p.id.is_empty() && q.id == p.id)
                    || (p.id.is_empty() && q.origin == p.origin && q.title == p.title)
            });
            if !known && self.entries.len() < LIMIT {
                self.entries.push(p);
            }
        }
    }

    /// Reads positions from TOML text; anything unreadable gives none.
    pub fn parse(text: &str) -> Self {
        toml::from_str(text).unwrap_or_default()
    }

    /// The TOML text of the state file.
    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("# Where each briefing was left; written by brief on exit.\n{body}")
    }

    /// Loads the state file (none when absent, unreadable or damaged).
    pub fn load(path: &Path) -> Self {
        let origin = crate::library::display_path(path);
        crate::library::read_capped(path, &origin, 1024 * 1024)
            .map(|text| Self::parse(&text))
            .unwrap_or_default()
    }

    /// Writes the state file, replacing it atomically.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let temp = path.with_extension(format!("toml.{}", std::process::id()));
        std::fs::write(&temp, self.to_text())?;
        std::fs::rename(&temp, path)
    }
}

/// `$XDG_STATE_HOME/brief/positions.toml`, or `~/.local/state/brief/positions.toml` (see
/// [`crate::settings::dirs`]).
pub fn default_path() -> Option<PathBuf> {
    crate::settings::dirs::state_file("positions.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: &str, unit: usize) -> Position {
        Position {
            id: id.into(),
            origin: String::new(),
            title: String::new(),
            at: Some(TextAddress {
                section: "s".into(),
                section_index: 1,
                block: Some(2),
                item: 0,
                offset: u32::try_from(unit).unwrap_or(0),
                fingerprint: 7,
            }),
            unit: None,
            offset: None,
            read: None,
        }
    }

    #[test]
    fn round_trip_and_recency() {
        let mut p = Positions::default();
        p.set(at("a.toml", 1));
        p.set(at("b \"quoted\".toml", 2));
        p.set(at("a.toml", 3));
        let back = Positions::parse(&p.to_text());
        assert_eq!(back, p);
        assert_eq!(back.entries[0], at("a.toml", 3));
        assert_eq!(
            back.get("a.toml", "", "")
                .and_then(|x| x.at.as_ref())
                .map(|a| a.offset),
            Some(3)
        );
        assert_eq!(back.get("c", "a.toml", "T"), None);
    }

    #[test]
    fn entries_written_before_ids_are_found_by_file_and_title_then_replaced() {
        let old = "[[position]]\norigin = \"/b/x.toml\"\ntitle = \"T\"\nunit = 4\noffset = 9\n";
        let mut p = Positions::parse(old);
        assert_eq!(p.get("t", "/b/x.toml", "T").and_then(|x| x.unit), Some(4));
        assert_eq!(p.get("t", "/b/x.toml", "T").and_then(|x| x.offset), Some(9));
        assert_eq!(p.get("t", "/b/x.toml", "Retitled"), None);
        assert_eq!(p.get("t", "/b/y.toml", "T"), None);
        p.set(Position {
            id: "t".into(),
            origin: "/b/x.toml".into(),
            title: "T".into(),
            at: None,
            unit: Some(5),
            offset: Some(0),
            read: None,
        });
        assert_eq!(p.entries.len(), 1);
        assert_eq!(
            p.get("t", "/elsewhere.toml", "Other").and_then(|x| x.unit),
            Some(5)
        );
    }

    #[test]
    fn damaged_files_are_ignored_and_the_list_is_bounded() {
        assert_eq!(Positions::parse("not = [toml"), Positions::default());
        assert_eq!(
            Positions::parse("[[position]]\norigin = 3\n"),
            Positions::default()
        );
        let mut p = Positions::default();
        for i in 0..LIMIT + 10 {
            p.set(at(&format!("{i}.toml"), i));
        }
        assert_eq!(p.entries.len(), LIMIT);
        assert!(p.get(&format!("{}.toml", LIMIT + 9), "", "").is_some());
        assert!(p.get("0.toml", "", "").is_none());
    }

    #[test]
    fn saves_atomically_into_a_new_directory() {
        let dir = std::env::temp_dir().join(format!("brief-resume-{}", std::process::id()));
        let path = dir.join("nested").join("positions.toml");
        let mut p = Positions::default();
        p.set(at("x.toml", 4));
        p.save(&path).unwrap();
        assert_eq!(Positions::load(&path), p);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
