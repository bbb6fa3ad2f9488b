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

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::content::TextAddress;
use crate::resume::{Position, Positions};

/// The database's file name in the state directory.
pub const FILE: &str = "state.db";

/// The schema this build writes. A store with a higher `user_version` is left untouched.
pub const SCHEMA_VERSION: i64 = 1;

/// How long a write waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many positions are read at start (the most recently read).
pub const READ_LIMIT: usize = 10_000;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS positions (
    briefing      TEXT PRIMARY KEY,
    section       TEXT NOT NULL,
    section_index INTEGER NOT NULL,
    block         INTEGER,
    item          INTEGER NOT NULL,
    offset        INTEGER NOT NULL,
    fingerprint   INTEGER NOT NULL,
    read_to_end   INTEGER NOT NULL DEFAULT 0,
    last_read     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS positions_by_time ON positions (last_read DESC);
CREATE TABLE IF NOT EXISTS section_hashes (
    briefing TEXT NOT NULL,
    section  TEXT NOT NULL,
    hash     INTEGER NOT NULL,
    PRIMARY KEY (briefing, section)
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

/// The hash of a section's text as read: its heading and every block, XXH3-64.
pub fn section_hash(section: &crate::content::Section) -> u64 {
    use crate::content::Block;
    let mut text = section.heading.clone().unwrap_or_default();
    for block in &section.blocks {
        text.push('\u{1e}');
        match block {
            Block::Paragraph(p) => text.push_str(p),
            Block::Quote(lines) => text.push_str(&lines.join("\n")),
            Block::List(items) => {
                for item in items {
                    text.push('\u{1f}');
                    text.push_str(&item.text);
                }
            }
        }
    }
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
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
    /// Opens the store at `path` (creating the directory and the file, migrating, importing
    /// `legacy` once when given), whatever state it is in. Never fails: every problem is a
    /// notice, and brief runs without saving positions when no store can be used.
    pub fn open(path: &Path, legacy: Option<&Path>) -> Opened {
        let mut notices = Vec::new();
        let shown = crate::content::display_path(path);
        if let Some(dir) = path.parent()
            && let Err(err) = std::fs::create_dir_all(dir)
        {
            notices.push(format!(
                "reading positions will not be saved: cannot create {}: {}",
                crate::content::display_path(dir),
                crate::sanitize::line(&err.to_string())
            ));
            return Opened {
                store: None,
                notices,
            };
        }
        // Readers starting together on a missing store: the first creates it while the others
        // find it locked (switching to WAL needs the file to itself), so they try again.
        let started = std::time::Instant::now();
        let opened = loop {
            match Self::open_checked(path, legacy) {
                Err(Problem::Busy(_)) if started.elapsed() < BUSY_TIMEOUT => {
                    thread::sleep(Duration::from_millis(10));
                }
                other => break other,
            }
        };
        let store = match opened {
            Ok(store) => Some(store),
            Err(Problem::Corrupt(why)) => match set_aside(path) {
                Ok(aside) => {
                    notices.push(format!(
                        "the state store {shown} was damaged ({why}); it was set aside as {} and a new one started",
                        crate::content::display_path(&aside)
                    ));
                    Self::open_checked(path, legacy).ok()
                }
                Err(err) => {
                    notices.push(format!(
                        "the state store {shown} is damaged ({why}) and could not be set aside: {}",
                        crate::sanitize::line(&err.to_string())
                    ));
                    None
                }
            },
            Err(Problem::ReadOnly(why)) => {
                notices.push(format!(
                    "reading positions will not be saved: {shown} is read-only ({why})"
                ));
                Self::open_read_only(path).ok()
            }
            Err(Problem::Newer(version)) => {
                notices.push(format!(
                    "the state store {shown} was written by a newer brief (schema {version}, this one knows {SCHEMA_VERSION}); it is left untouched and positions will not be saved"
                ));
                None
            }
            Err(Problem::Busy(why)) => {
                notices.push(format!(
                    "reading positions will not be saved this time: {shown} stayed busy ({why})"
                ));
                None
            }
            Err(Problem::Other(why)) => {
                notices.push(format!(
                    "reading positions will not be saved: {shown}: {why}"
                ));
                None
            }
        };
        Opened { store, notices }
    }

    fn open_checked(path: &Path, legacy: Option<&Path>) -> Result<Self, Problem> {
        let conn = Connection::open(path).map_err(|e| Problem::of(&e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| Problem::of(&e))?;
        // The version first: a newer brief's schema may use what this SQLite cannot check, and
        // must not be taken for damage.
        let version = user_version(&conn).map_err(|e| Problem::of(&e))?;
        if version > SCHEMA_VERSION {
            return Err(Problem::Newer(version));
        }
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .map_err(|e| Problem::of(&e))?;
        if check != "ok" {
            return Err(Problem::Corrupt(crate::sanitize::line(&check)));
        }
        // SQLite opens a write-protected file read-only without a word: ask, so that the reader
        // is told at the start rather than by every save failing.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(|e| Problem::of(&e))?
        {
            return Err(Problem::ReadOnly("the file cannot be written".into()));
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| Problem::of(&e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| Problem::of(&e))?;
        let mut store = Self {
            conn,
            writable: true,
        };
        if version < SCHEMA_VERSION {
            store.migrate(legacy).map_err(|e| Problem::of(&e))?;
        }
        Ok(store)
    }

    fn open_read_only(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Self {
            conn,
            writable: false,
        })
    }

    /// Brings the schema to [`SCHEMA_VERSION`] in one write transaction, checking the version
    /// again inside it (another process may have just done it), and imports `legacy` then.
    fn migrate(&mut self, legacy: Option<&Path>) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version < 1 {
            tx.execute_batch(SCHEMA)?;
            if let Some(legacy) = legacy {
                import(&tx, legacy)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        tx.commit()
    }

    /// Whether visits are written (false for a read-only store).
    pub fn writable(&self) -> bool {
        self.writable
    }

    /// The most recently read positions (at most [`READ_LIMIT`]), newest first, then the ones
    /// imported from before briefings had ids.
    ///
    /// # Errors
    /// An `SQLite` error (a busy store beyond [`BUSY_TIMEOUT`], an I/O error).
    pub fn positions(&self) -> rusqlite::Result<Positions> {
        let mut positions = Positions::default();
        let mut stmt = self.conn.prepare(
            "SELECT briefing, section, section_index, block, item, offset, fingerprint
             FROM positions ORDER BY last_read DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([i64::try_from(READ_LIMIT).unwrap_or(i64::MAX)], |row| {
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
            })
        })?;
        let mut all: Vec<Position> = rows.collect::<rusqlite::Result<_>>()?;
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
            })
        })?;
        all.extend(legacy.collect::<rusqlite::Result<Vec<_>>>()?);
        // `set` puts each at the front: add the oldest first.
        for p in all.into_iter().rev() {
            positions.set(p);
        }
        Ok(positions)
    }

    /// Saves one visit in a short write transaction: its position (replacing the briefing's
    /// previous one, and the imported entry for the same file and title), the time, whether it
    /// was read to the end (once true, it stays), and its section hashes. A visit without an
    /// address, or to a read-only store, is not written.
    ///
    /// # Errors
    /// An `SQLite` error (busy beyond [`BUSY_TIMEOUT`], disk full, I/O).
    pub fn save(&mut self, visit: &Visit) -> rusqlite::Result<()> {
        let (Some(at), true) = (&visit.position.at, self.writable) else {
            return Ok(());
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO positions
                 (briefing, section, section_index, block, item, offset, fingerprint, read_to_end, last_read)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (briefing) DO UPDATE SET
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
            ],
        )?;
        tx.execute(
            "DELETE FROM section_hashes WHERE briefing = ?1",
            [&visit.position.id],
        )?;
        for (section, hash) in &visit.sections {
            tx.execute(
                "INSERT OR REPLACE INTO section_hashes (briefing, section, hash) VALUES (?1, ?2, ?3)",
                params![visit.position.id, section, hash.cast_signed()],
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
                "SELECT read_to_end, last_read FROM positions WHERE briefing = ?1",
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
            "SELECT section, hash FROM section_hashes WHERE briefing = ?1 ORDER BY section",
        )?;
        let rows = stmt.query_map([id], |row| {
            let hash: i64 = row.get(1)?;
            Ok((row.get(0)?, hash.cast_unsigned()))
        })?;
        rows.collect()
    }
}

/// Why a store could not be used as it is.
enum Problem {
    /// Not a database, or damaged: set it aside.
    Corrupt(String),
    /// Cannot be written: read it, save nothing.
    ReadOnly(String),
    /// Written by a newer brief (its schema version): leave it alone.
    Newer(i64),
    /// Locked by another process: try again, for a while.
    Busy(String),
    /// Anything else (I/O): use no store this time.
    Other(String),
}

impl Problem {
    fn of(err: &rusqlite::Error) -> Self {
        let why = crate::sanitize::line(&err.to_string());
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Self::Corrupt(why),
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
                Self::ReadOnly(why)
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy(why),
            _ => Self::Other(why),
        }
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Renames the store and its `-wal` and `-shm` to `NAME.damaged-SECONDS`; returns the new name.
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".damaged-{}", now()));
    let aside = path.with_file_name(name);
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let mut from = path.as_os_str().to_os_string();
        from.push(suffix);
        let mut to = aside.as_os_str().to_os_string();
        to.push(suffix);
        // Absent when the store was not in WAL mode or was closed cleanly.
        let _ = std::fs::rename(from, to);
    }
    Ok(aside)
}

/// Imports a `positions.toml` of earlier versions, once (a `meta` row records it) and never over
/// a row already there.
fn import(tx: &Connection, legacy: &Path) -> rusqlite::Result<()> {
    let done: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'imported positions.toml'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if done.is_some() || !legacy.is_file() {
        return Ok(());
    }
    let old = Positions::load(legacy);
    for p in old.entries() {
        match (&p.at, p.unit) {
            (Some(at), _) if !p.id.is_empty() => {
                tx.execute(
                    "INSERT OR IGNORE INTO positions
                         (briefing, section, section_index, block, item, offset, fingerprint, last_read)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)",
                    params![p.id, at.section, at.section_index, at.block, at.item, at.offset, at.fingerprint],
                )?;
            }
            (None, Some(unit)) if !p.origin.is_empty() => {
                tx.execute(
                    "INSERT OR IGNORE INTO legacy_positions (origin, title, unit, offset)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![
                        p.origin,
                        p.title,
                        i64::try_from(unit).unwrap_or(i64::MAX),
                        i64::try_from(p.offset.unwrap_or(0)).unwrap_or(0)
                    ],
                )?;
            }
            _ => {}
        }
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('imported positions.toml', ?1)",
        [now().to_string()],
    )?;
    Ok(())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The store on a thread of its own: opened, migrated and read there, written there, so the
/// first frame and every key go on while another process holds the store.
pub struct Service {
    tx: mpsc::Sender<Visit>,
    done: mpsc::Receiver<Vec<String>>,
}

impl Service {
    /// Starts the thread: it opens the store at `path` (importing `legacy` once), hands the
    /// stored positions and the notices of the open to `opened`, then saves each visit sent
    /// with [`Service::save`] until [`Service::finish`].
    pub fn start<F>(path: PathBuf, legacy: Option<PathBuf>, opened: F) -> Self
    where
        F: FnOnce(Positions, Vec<String>) + Send + 'static,
    {
        let (tx, rx) = mpsc::channel::<Visit>();
        let (done_tx, done) = mpsc::channel();
        thread::spawn(move || {
            let Opened {
                mut store,
                mut notices,
            } = Store::open(&path, legacy.as_deref());
            let positions = match store.as_ref().map(Store::positions) {
                Some(Ok(p)) => p,
                Some(Err(err)) => {
                    notices.push(format!(
                        "stored reading positions could not be read: {}",
                        crate::sanitize::line(&err.to_string())
                    ));
                    Positions::default()
                }
                None => Positions::default(),
            };
            opened(positions, notices);
            // One message for however many saves fail (a full disk fails them all).
            let mut failure: Option<String> = None;
            for visit in rx {
                let Some(store) = store.as_mut() else {
                    continue;
                };
                if let Err(err) = store.save(&visit) {
                    failure.get_or_insert_with(|| {
                        format!(
                            "a reading position could not be saved: {}",
                            crate::sanitize::line(&err.to_string())
                        )
                    });
                }
            }
            // Closed before saying so: the last connection to close folds the WAL back into
            // the database and removes it, which the process may not outlive otherwise.
            drop(store);
            let _ = done_tx.send(failure.into_iter().collect());
        });
        Self { tx, done }
    }

    /// Queues a visit to be saved.
    pub fn save(&self, visit: Visit) {
        // The thread only ends after `finish`: a send cannot fail before.
        let _ = self.tx.send(visit);
    }

    /// Takes no more visits and waits at most `within` for the queued ones to be written.
    /// Returns what went wrong, in one message, or that the wait ran out (a store held by
    /// another process for longer): never blocks the exit for longer.
    pub fn finish(self, within: Duration) -> Vec<String> {
        let Self { tx, done } = self;
        drop(tx);
        done.recv_timeout(within).unwrap_or_else(|_| {
            vec![format!(
                "reading positions were still being saved after {} s; the last one may be lost",
                within.as_secs()
            )]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(id: &str, offset: u32, at_end: bool) -> Visit {
        Visit {
            position: Position {
                id: id.into(),
                origin: format!("/b/{id}.toml"),
                title: "T".into(),
                at: Some(TextAddress {
                    section: "s".into(),
                    section_index: 2,
                    block: Some(1),
                    item: 0,
                    offset,
                    fingerprint: 77,
                }),
                unit: None,
                offset: None,
            },
            sections: vec![("a".into(), u64::MAX), ("s".into(), 5)],
            at_end,
        }
    }

    fn open(path: &Path) -> Store {
        let opened = Store::open(path, None);
        assert!(opened.notices.is_empty(), "{:?}", opened.notices);
        opened.store.expect("a store")
    }

    fn offset_of(positions: &Positions, id: &str) -> Option<u32> {
        positions.get(id, "", "")?.at.as_ref().map(|a| a.offset)
    }

    #[test]
    fn visits_are_kept_per_briefing_across_opens_and_connections() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("deep").join(FILE);
        let mut a = open(&path);
        // A second process with the same store, open at the same time.
        let mut b = open(&path);
        a.save(&visit("one", 10, false)).expect("save");
        b.save(&visit("two", 20, true)).expect("save");
        a.save(&visit("one", 11, false)).expect("save");
        drop((a, b));
        let store = open(&path);
        let positions = store.positions().expect("positions");
        assert_eq!(offset_of(&positions, "one"), Some(11));
        assert_eq!(offset_of(&positions, "two"), Some(20));
        assert_eq!(positions.entries()[0].id, "one", "most recent first");
        assert_eq!(
            store.read_state("two").expect("read").map(|r| r.0),
            Some(true)
        );
        assert_eq!(
            store.read_state("one").expect("read").map(|r| r.0),
            Some(false)
        );
        assert_eq!(store.read_state("three").expect("read"), None);
        assert_eq!(
            store.section_hashes("two").expect("hashes"),
            [("a".to_owned(), u64::MAX), ("s".to_owned(), 5)]
        );
    }

    #[test]
    fn readers_starting_together_on_a_missing_store_all_get_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let path = path.clone();
                thread::spawn(move || {
                    let opened = Store::open(&path, None);
                    let notices = opened.notices.clone();
                    let mut store = opened.store.expect("a store");
                    store
                        .save(&visit(&format!("r{i}"), i, false))
                        .expect("save");
                    notices
                })
            })
            .collect();
        for handle in handles {
            let notices = handle.join().expect("thread");
            assert!(notices.is_empty(), "{notices:?}");
        }
        let positions = open(&path).positions().expect("positions");
        assert_eq!(positions.entries().len(), 8);
    }

    #[test]
    fn read_to_the_end_stays_true() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = open(&dir.path().join(FILE));
        store.save(&visit("one", 1, true)).expect("save");
        store.save(&visit("one", 2, false)).expect("save");
        assert_eq!(
            store.read_state("one").expect("read").map(|r| r.0),
            Some(true)
        );
    }

    #[test]
    fn a_damaged_store_is_set_aside_and_a_new_one_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        for garbage in [&b"not a database at all, just text"[..], &[0u8; 4096][..]] {
            std::fs::write(&path, garbage).expect("write");
            std::fs::write(dir.path().join(format!("{FILE}-wal")), b"junk").expect("wal");
            let opened = Store::open(&path, None);
            let mut store = opened.store.expect("a fresh store");
            assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
            assert!(
                opened.notices[0].contains("set aside"),
                "{:?}",
                opened.notices
            );
            store
                .save(&visit("one", 1, false))
                .expect("the new store works");
            drop(store);
            let names: Vec<String> = std::fs::read_dir(dir.path())
                .expect("list")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            assert!(names.iter().any(|n| n.contains(".damaged-")), "{names:?}");
            for name in names.iter().filter(|n| n.contains(".damaged-")) {
                std::fs::remove_file(dir.path().join(name)).expect("clean");
            }
            std::fs::remove_file(&path).expect("clean");
            let _ = std::fs::remove_file(dir.path().join(format!("{FILE}-wal")));
            let _ = std::fs::remove_file(dir.path().join(format!("{FILE}-shm")));
        }
    }

    #[test]
    fn a_truncated_store_is_found_at_open_not_at_the_first_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        let mut store = open(&path);
        for i in 0..400 {
            store
                .save(&visit(&format!("b{i}"), i, false))
                .expect("save");
        }
        drop(store);
        // Fold the journal in, then cut the file in the middle of its pages.
        Connection::open(&path)
            .and_then(|c| {
                c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
            })
            .expect("checkpoint");
        let len = std::fs::metadata(&path).expect("meta").len();
        assert!(len > 8192, "{len}");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_len(len / 2).expect("truncate");
        drop(file);
        let opened = Store::open(&path, None);
        assert!(
            opened.notices.iter().any(|n| n.contains("set aside")),
            "{:?}",
            opened.notices
        );
        let mut store = opened.store.expect("a fresh store");
        store
            .save(&visit("one", 1, false))
            .expect("the new store works");
    }

    #[test]
    fn setting_aside_takes_the_journal_files_along() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        for suffix in ["", "-wal", "-shm"] {
            std::fs::write(dir.path().join(format!("{FILE}{suffix}")), suffix).expect("write");
        }
        let aside = set_aside(&path).expect("set aside");
        for suffix in ["", "-wal", "-shm"] {
            assert!(
                !dir.path().join(format!("{FILE}{suffix}")).exists(),
                "{suffix}"
            );
            let mut moved = aside.as_os_str().to_os_string();
            moved.push(suffix);
            assert_eq!(std::fs::read_to_string(moved).expect("moved"), suffix);
        }
    }

    #[test]
    fn a_store_of_a_newer_brief_is_left_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .expect("newer");
        }
        let before = std::fs::read(&path).expect("read");
        let opened = Store::open(&path, None);
        assert!(opened.store.is_none());
        assert!(
            opened.notices[0].contains("newer brief"),
            "{:?}",
            opened.notices
        );
        assert_eq!(std::fs::read(&path).expect("read"), before);
        assert!(!dir.path().join(format!("{FILE}-wal")).exists());
        // A schema this SQLite cannot even check (as a newer one might use) is not damage.
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(
                "PRAGMA writable_schema = ON;
                 INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql)
                 VALUES ('table', 'later', 'later', 0, 'CREATE TABLE later (x) WITH SOMETHING NEW');
                 PRAGMA writable_schema = OFF;",
            )
            .expect("a schema from the future");
        }
        let before = std::fs::read(&path).expect("read");
        let opened = Store::open(&path, None);
        assert!(opened.store.is_none());
        assert!(
            opened.notices[0].contains("newer brief"),
            "{:?}",
            opened.notices
        );
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn an_unusable_state_directory_is_one_notice() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").expect("write");
        let opened = Store::open(&blocker.join("brief").join(FILE), None);
        assert!(opened.store.is_none());
        assert_eq!(opened.notices.len(), 1);
        assert!(opened.notices[0].starts_with("reading positions will not be saved"));
    }

    #[test]
    fn positions_toml_is_imported_once_and_never_over_newer_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let legacy = dir.path().join("positions.toml");
        let mut old = Positions::default();
        old.set(visit("one", 5, false).position);
        old.set(visit("two", 6, false).position);
        old.set(Position {
            id: String::new(),
            origin: "/old.toml".into(),
            title: "Old".into(),
            at: None,
            unit: Some(3),
            offset: Some(4),
        });
        old.save(&legacy).expect("write legacy");
        let path = dir.path().join(FILE);
        let mut store = Store::open(&path, Some(&legacy)).store.expect("store");
        let positions = store.positions().expect("positions");
        assert_eq!(offset_of(&positions, "one"), Some(5));
        let before_ids = positions.get("x", "/old.toml", "Old").and_then(|p| p.unit);
        assert_eq!(before_ids, Some(3));
        // Read on: a newer position, and the old-style entry replaced by a visit to its file.
        store.save(&visit("one", 9, false)).expect("save");
        let mut old_file = visit("old", 1, false);
        old_file.position.origin = "/old.toml".into();
        old_file.position.title = "Old".into();
        store.save(&old_file).expect("save");
        drop(store);
        // The old file is still there on the next start: nothing is imported again.
        let store = Store::open(&path, Some(&legacy)).store.expect("store");
        let positions = store.positions().expect("positions");
        assert_eq!(offset_of(&positions, "one"), Some(9));
        assert_eq!(offset_of(&positions, "two"), Some(6));
        assert!(
            positions
                .get("x", "/old.toml", "Old")
                .is_none_or(|p| p.id == "old")
        );
    }

    #[test]
    fn the_service_reports_positions_then_saves_until_finished() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE);
        let (tx, rx) = mpsc::channel();
        let service = Service::start(path.clone(), None, move |positions, notices| {
            let _ = tx.send((positions, notices));
        });
        let (positions, notices) = rx.recv_timeout(Duration::from_secs(30)).expect("opened");
        assert_eq!((positions.entries().len(), notices.len()), (0, 0));
        service.save(visit("one", 3, false));
        assert!(service.finish(Duration::from_secs(30)).is_empty());
        let positions = open(&path).positions().expect("positions");
        assert_eq!(offset_of(&positions, "one"), Some(3));
    }
}
