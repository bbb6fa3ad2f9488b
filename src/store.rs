//! The reader's state in an `SQLite` database (`rusqlite`, its bundled `SQLite`): where each
//! briefing was left (a [`TextAddress`] under its [`BriefingId`](crate::content::BriefingId)),
//! when it was last read, whether it was read to the end, and a hash of each of its sections as
//! read (for a later "changed since you read it"). One file, `$XDG_STATE_HOME/brief/state.db`,
//! in WAL mode, shared by every brief process of the user.
//!
//! What it guards against (docs/state.md has the whole list):
//! - it is never on the keystroke path: [`Service`] opens, migrates and writes on a thread of
//!   its own, and the reader gets the stored positions as a message;
//! - every write is a short `BEGIN IMMEDIATE` transaction with a busy timeout, so two processes
//!   take turns instead of failing with "database is locked", and none holds a transaction
//!   open while idle;
//! - a position is written when the reader leaves a briefing and at exit, one row per briefing:
//!   two processes reading different briefings both keep theirs, and `kill -9` loses at most
//!   the briefing open at the time;
//! - at open, `PRAGMA quick_check` tells a corrupt file from a busy one; a corrupt one is set
//!   aside (renamed with the time, its `-wal` and `-shm` with it) and a fresh one made; a
//!   locked, read-only or newer one is never set aside: positions are then not saved, and the
//!   reader is told once;
//! - the schema is versioned (`PRAGMA user_version`), migrated inside one write transaction
//!   that checks the version again, so readers starting together end with one valid store;
//! - the `positions.toml` of earlier versions is imported once, never over newer rows.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::content::TextAddress;
use crate::store::positions::{Position, Positions, ReadState};

/// The database's file name in the state directory.
pub const FILE: &str = "state.db";

/// The schema this build writes. A store with a higher `user_version` is left untouched.
pub const SCHEMA_VERSION: i64 = 2;

/// How long a write waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many positions are read at start (the most recently read).
pub const READ_LIMIT: usize = 10_000;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS positions (
    reader        TEXT NOT NULL DEFAULT '',
    briefing      TEXT NOT NULL,
    section       TEXT NOT NULL,
    section_index INTEGER NOT NULL,
    block         INTEGER,
    item          INTEGER NOT NULL,
    offset        INTEGER NOT NULL,
    fingerprint   INTEGER NOT NULL,
    read_to_end   INTEGER NOT NULL DEFAULT 0,
    last_read     INTEGER NOT NULL,
    PRIMARY KEY (reader, briefing)
);
CREATE INDEX IF NOT EXISTS positions_by_time ON positions (reader, last_read DESC);
CREATE TABLE IF NOT EXISTS section_hashes (
    reader   TEXT NOT NULL DEFAULT '',
    briefing TEXT NOT NULL,
    section  TEXT NOT NULL,
    hash     INTEGER NOT NULL,
    PRIMARY KEY (reader, briefing, section)
);
CREATE TABLE IF NOT EXISTS legacy_positions (
    origin TEXT NOT NULL,
    title  TEXT NOT NULL,
    unit   INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    PRIMARY KEY (origin, title)
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// From schema 1 (one reader per store) to 2 (positions and section hashes per reader, the
/// local reader being `''`): the tables are rebuilt with the reader in their keys.
const MIGRATE_1_TO_2: &str = "
ALTER TABLE positions RENAME TO positions_1;
ALTER TABLE section_hashes RENAME TO section_hashes_1;
DROP INDEX IF EXISTS positions_by_time;
";

/// The local reader's name in the store: readers over SSH are known by their key's
/// fingerprint.
pub const LOCAL_READER: &str = "";

/// One visit to a briefing, saved when the reader leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// Where the reader left it (with an address; entries without one are not saved).
    pub position: Position,
    /// `(section id, hash)` of every section as it was read (see [`section_hash`]).
    pub sections: Vec<(String, u64)>,
    /// Whether the reader got to the end of it.
    pub at_end: bool,
}

/// The hash of a section's text as read (its [`crate::content::Section::hash`]).
pub fn section_hash(section: &crate::content::Section) -> u64 {
    section.hash
}

/// An open store.
pub struct Store {
    conn: Connection,
    /// False when positions are read but never written (a read-only file or directory).
    writable: bool,
}

/// What opening a store gave: the store, if one could be used, and what the reader should be
/// told (once), in plain words.
pub struct Opened {
    /// The store; `None` when none could be used (positions are then neither read nor saved).
    pub store: Option<Store>,
    /// Messages for the reader: a store set aside, read-only, newer, busy.
    pub notices: Vec<String>,
}

impl Store {
    /// The most recently read positions (at most [`READ_LIMIT`]), newest first, then the ones
    /// imported from before briefings had ids.
    ///
    /// # Errors
    /// An `SQLite` error (a busy store beyond [`BUSY_TIMEOUT`], an I/O error).
    // Over 40 lines as one function: the positions read in one transaction: with ids first, then
    // the imported ones.
    pub fn positions(&self) -> rusqlite::Result<Positions> {
        self.positions_of(LOCAL_READER)
    }

    /// Like [`Store::positions`], for `reader` (a key's fingerprint, or [`LOCAL_READER`],
    /// who alone has the positions imported from before ids).
    ///
    /// # Errors
    /// As [`Store::positions`].
    pub fn positions_of(&self, reader: &str) -> rusqlite::Result<Positions> {
        let mut positions = Positions::default();
        let mut stmt = self.conn.prepare(
            "SELECT briefing, section, section_index, block, item, offset, fingerprint, read_to_end
             FROM positions WHERE reader = ?2 ORDER BY last_read DESC LIMIT ?1",
        )?;
        let limit = i64::try_from(READ_LIMIT).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![limit, reader], |row| {
            Ok(Position {
                id: row.get(0)?,
                origin: String::new(),
                title: String::new(),
                at: Some(TextAddress {
                    section: row.get(1)?,
                    section_index: row.get(2)?,
                    block: row.get(3)?,
                    item: row.get(4)?,
                    offset: row.get(5)?,
                    fingerprint: row.get(6)?,
                }),
                unit: None,
                offset: None,
                read: Some(ReadState {
                    at_end: row.get(7)?,
                    sections: Vec::new(),
                }),
            })
        })?;
        let mut all: Vec<Position> = rows.collect::<rusqlite::Result<_>>()?;
        self.attach_hashes(reader, &mut all)?;
        if reader != LOCAL_READER {
            for p in all.into_iter().rev() {
                positions.set(p);
            }
            return Ok(positions);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT origin, title, unit, offset FROM legacy_positions")?;
        let legacy = stmt.query_map([], |row| {
            let (unit, offset): (i64, i64) = (row.get(2)?, row.get(3)?);
            Ok(Position {
                id: String::new(),
                origin: row.get(0)?,
                title: row.get(1)?,
                at: None,
                unit: usize::try_from(unit).ok(),
                offset: usize::try_from(offset).ok(),
                read: None,
            })
        })?;
        all.extend(legacy.collect::<rusqlite::Result<Vec<_>>>()?);
        // `set` puts each at the front: add the oldest first.
        for p in all.into_iter().rev() {
            positions.set(p);
        }
        Ok(positions)
    }

    /// Fills in the section hashes of `positions` (read with ids), all in one query.
    fn attach_hashes(&self, reader: &str, positions: &mut [Position]) -> rusqlite::Result<()> {
        let mut by_id: std::collections::HashMap<String, Vec<(String, u64)>> =
            std::collections::HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT briefing, section, hash FROM section_hashes WHERE reader = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map([reader], |row| {
            let hash: i64 = row.get(2)?;
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, hash))
        })?;
        for row in rows {
            let (briefing, section, hash) = row?;
            by_id
                .entry(briefing)
                .or_default()
                .push((section, hash.cast_unsigned()));
        }
        for position in positions {
            if let (Some(read), Some(sections)) = (&mut position.read, by_id.remove(&position.id)) {
                read.sections = sections;
            }
        }
        Ok(())
    }

    /// Saves one visit in a short write transaction: its position (replacing the briefing's
    /// previous one, and the imported entry for the same file and title), the time, whether it
    /// was read to the end (once true, it stays), and its section hashes. A visit without an
    /// address, or to a read-only store, is not written.
    ///
    /// # Errors
    /// An `SQLite` error (busy beyond [`BUSY_TIMEOUT`], disk full, I/O).
    // Over 40 lines as one function: one visit written in one short transaction: position, read
    // state and section hashes.
    pub fn save(&mut self, visit: &Visit) -> rusqlite::Result<()> {
        self.save_as(LOCAL_READER, visit)
    }

    /// Like [`Store::save`], for `reader`.
    ///
    /// # Errors
    /// As [`Store::save`].
    pub fn save_as(&mut self, reader: &str, visit: &Visit) -> rusqlite::Result<()> {
        let (Some(at), true) = (&visit.position.at, self.writable) else {
            return Ok(());
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO positions
                 (briefing, section, section_index, block, item, offset, fingerprint, read_to_end, last_read, reader)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (reader, briefing) DO UPDATE SET
                 section = excluded.section, section_index = excluded.section_index,
                 block = excluded.block, item = excluded.item, offset = excluded.offset,
                 fingerprint = excluded.fingerprint,
                 read_to_end = max(read_to_end, excluded.read_to_end),
                 last_read = excluded.last_read",
            params![
                visit.position.id,
                at.section,
                at.section_index,
                at.block,
                at.item,
                at.offset,
                at.fingerprint,
                visit.at_end,
                now(),
                reader,
            ],
        )?;
        tx.execute(
            "DELETE FROM section_hashes WHERE reader = ?1 AND briefing = ?2",
            [reader, &visit.position.id],
        )?;
        for (section, hash) in &visit.sections {
            tx.execute(
                "INSERT OR REPLACE INTO section_hashes (reader, briefing, section, hash)
                 VALUES (?1, ?2, ?3, ?4)",
                params![reader, visit.position.id, section, hash.cast_signed()],
            )?;
        }
        tx.execute(
            "DELETE FROM legacy_positions WHERE origin = ?1 AND title = ?2",
            [&visit.position.origin, &visit.position.title],
        )?;
        tx.commit()
    }

    /// Whether briefing `id` was read to the end, and when it was last read (seconds since the
    /// Unix epoch); `None` if it was never read.
    ///
    /// # Errors
    /// An `SQLite` error.
    pub fn read_state(&self, id: &str) -> rusqlite::Result<Option<(bool, i64)>> {
        self.conn
            .query_row(
                "SELECT read_to_end, last_read FROM positions WHERE reader = '' AND briefing = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
    }

    /// The section hashes stored for briefing `id`, by section id.
    ///
    /// # Errors
    /// An `SQLite` error.
    pub fn section_hashes(&self, id: &str) -> rusqlite::Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT section, hash FROM section_hashes
             WHERE reader = '' AND briefing = ?1 ORDER BY section",
        )?;
        let rows = stmt.query_map([id], |row| {
            let hash: i64 = row.get(1)?;
            Ok((row.get(0)?, hash.cast_unsigned()))
        })?;
        rows.collect()
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

mod open;
pub mod positions;
mod service;
pub use service::{Handle, Service};

#[cfg(test)]
mod tests;
