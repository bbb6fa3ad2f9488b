//! Opening the store whatever state it is in: created, migrated, checked, set aside when
//! damaged (never when busy, read-only or newer), with the old `positions.toml` imported once.

use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::positions::Positions;
use super::{BUSY_TIMEOUT, MIGRATE_1_TO_2, Opened, SCHEMA, SCHEMA_VERSION, Store, now};

impl Store {
    /// Opens the store at `path` (creating the directory and the file, migrating, importing
    /// `legacy` once when given), whatever state it is in. Never fails: every problem is a
    /// notice, and brief runs without saving positions when no store can be used.
    pub fn open(path: &Path, legacy: Option<&Path>) -> Opened {
        let mut notices = Vec::new();
        if let Some(dir) = path.parent()
            && let Err(err) = std::fs::create_dir_all(dir)
        {
            notices.push(format!(
                "reading positions will not be saved: cannot create {}: {}",
                crate::library::display_path(dir),
                crate::content::sanitize::line(&err.to_string())
            ));
            return Opened {
                store: None,
                notices,
            };
        }
        let store = match Self::open_retrying(path, legacy) {
            Ok(store) => Some(store),
            Err(problem) => Self::open_despite(path, legacy, problem, &mut notices),
        };
        Opened { store, notices }
    }

    /// Opens and checks the store, trying again while it is busy (readers starting together
    /// on a missing store: the first creates it while the others find it locked, since
    /// switching to WAL needs the file to itself), for at most [`BUSY_TIMEOUT`].
    fn open_retrying(path: &Path, legacy: Option<&Path>) -> Result<Self, Problem> {
        let started = std::time::Instant::now();
        loop {
            match Self::open_checked(path, legacy) {
                Err(Problem::Busy(_)) if started.elapsed() < BUSY_TIMEOUT => {
                    thread::sleep(Duration::from_millis(10));
                }
                other => return other,
            }
        }
    }

    /// What can still be used after `problem`, each case told in one notice: a damaged store
    /// is set aside and a new one started, a read-only one is read; a newer, busy or otherwise
    /// unusable one is left alone.
    fn open_despite(
        path: &Path,
        legacy: Option<&Path>,
        problem: Problem,
        notices: &mut Vec<String>,
    ) -> Option<Self> {
        let shown = crate::library::display_path(path);
        match problem {
            Problem::Corrupt(why) => match set_aside(path) {
                Ok(aside) => {
                    notices.push(format!(
                        "the state store {shown} was damaged ({why}); it was set aside as {} and a new one started",
                        crate::library::display_path(&aside)
                    ));
                    Self::open_checked(path, legacy).ok()
                }
                Err(err) => {
                    notices.push(format!(
                        "the state store {shown} is damaged ({why}) and could not be set aside: {}",
                        crate::content::sanitize::line(&err.to_string())
                    ));
                    None
                }
            },
            Problem::ReadOnly(why) => {
                notices.push(format!(
                    "reading positions will not be saved: {shown} is read-only ({why})"
                ));
                Self::open_read_only(path).ok()
            }
            Problem::Newer(version) => {
                notices.push(format!(
                    "the state store {shown} was written by a newer brief (schema {version}, this one knows {SCHEMA_VERSION}); it is left untouched and positions will not be saved"
                ));
                None
            }
            Problem::Busy(why) => {
                notices.push(format!(
                    "reading positions will not be saved this time: {shown} stayed busy ({why})"
                ));
                None
            }
            Problem::Other(why) => {
                notices.push(format!(
                    "reading positions will not be saved: {shown}: {why}"
                ));
                None
            }
        }
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
            return Err(Problem::Corrupt(crate::content::sanitize::line(&check)));
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
        } else if version == 1 {
            // The old rows belong to the local reader.
            tx.execute_batch(MIGRATE_1_TO_2)?;
            tx.execute_batch(SCHEMA)?;
            tx.execute_batch(
                "INSERT INTO positions (reader, briefing, section, section_index, block, item,
                     offset, fingerprint, read_to_end, last_read)
                 SELECT '', briefing, section, section_index, block, item, offset, fingerprint,
                     read_to_end, last_read FROM positions_1;
                 INSERT INTO section_hashes (reader, briefing, section, hash)
                 SELECT '', briefing, section, hash FROM section_hashes_1;
                 DROP TABLE positions_1;
                 DROP TABLE section_hashes_1;",
            )?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        tx.commit()
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
        let why = crate::content::sanitize::line(&err.to_string());
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
pub(super) fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
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
// Over 40 lines as one function: the old positions file imported in one transaction, never over
// newer positions.
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
