//! Tests of the state store: one file of its own, as they are as long as the store.

use super::open::set_aside;
use super::service::Service;
use super::*;
use std::path::Path;
use std::sync::mpsc;
use std::thread;

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
            read: None,
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

/// Opens the store at `path` and checks that it is taken for a newer brief's: not used, said
/// once, and not a byte of it changed.
fn left_untouched_as_newer(path: &Path) {
    let before = std::fs::read(path).expect("read");
    let opened = Store::open(path, None);
    assert!(opened.store.is_none());
    assert!(
        opened.notices[0].contains("newer brief"),
        "{:?}",
        opened.notices
    );
    assert_eq!(std::fs::read(path).expect("read"), before);
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
    left_untouched_as_newer(&path);
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
    left_untouched_as_newer(&path);
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
        read: None,
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

#[test]
fn a_store_not_made_yet_is_said_to_hold_nothing_before_it_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new").join(FILE);
    let (tx, rx) = mpsc::channel();
    let seen = path.clone();
    let service = Service::start(path.clone(), None, move |positions, notices| {
        let _ = tx.send((positions.entries().len(), notices, seen.exists()));
    });
    let first = rx.recv_timeout(Duration::from_secs(30)).expect("answered");
    assert_eq!(first, (0, Vec::new(), false));
    service.save(visit("one", 3, false));
    assert!(service.finish(Duration::from_secs(30)).is_empty());
    // Made without a word: nothing more was said.
    assert!(rx.try_recv().is_err());
    assert_eq!(
        offset_of(&open(&path).positions().expect("read"), "one"),
        Some(3)
    );

    // Made since: what it holds is said once.
    let (tx, rx) = mpsc::channel();
    let service = Service::start(path.clone(), None, move |positions, notices| {
        let _ = tx.send((offset_of(&positions, "one"), notices));
    });
    let answer = rx.recv_timeout(Duration::from_secs(30)).expect("answered");
    assert_eq!(answer, (Some(3), Vec::new()));
    assert!(service.finish(Duration::from_secs(30)).is_empty());
    assert!(rx.try_recv().is_err());
}

#[test]
fn a_store_not_made_yet_is_made_a_little_later_unasked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE);
    let (tx, rx) = mpsc::channel();
    let service = Service::start(path.clone(), None, move |positions, notices| {
        let _ = tx.send((positions.entries().len(), notices));
    });
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).expect("answered"),
        (0, Vec::new())
    );
    // Bounded: made after `MAKE_AFTER`, whatever the machine's load.
    let made = (0..3000).any(|_| {
        thread::sleep(Duration::from_millis(10));
        path.exists()
    });
    assert!(made, "the store is made without a request");
    assert!(open(&path).positions().expect("read").entries().is_empty());
    assert!(service.finish(Duration::from_secs(30)).is_empty());
    assert!(rx.try_recv().is_err());
}

#[test]
fn a_store_that_cannot_be_made_is_said_to_hold_nothing_then_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").expect("write");
    let (tx, rx) = mpsc::channel();
    let service = Service::start(file.join(FILE), None, move |positions, notices| {
        let _ = tx.send((positions.entries().len(), notices));
    });
    let first = rx.recv_timeout(Duration::from_secs(30)).expect("answered");
    assert_eq!(first, (0, Vec::new()));
    let (count, notices) = rx.recv_timeout(Duration::from_secs(30)).expect("told why");
    assert_eq!(count, 0);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("will not be saved"), "{notices:?}");
    assert!(service.finish(Duration::from_secs(30)).is_empty());
}

#[test]
fn a_legacy_file_to_import_is_waited_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE);
    let legacy = dir.path().join("positions.toml");
    let mut old = Positions::default();
    old.set(visit("one", 5, false).position);
    old.save(&legacy).expect("write legacy");
    let (tx, rx) = mpsc::channel();
    let service = Service::start(path, Some(legacy), move |positions, notices| {
        let _ = tx.send((offset_of(&positions, "one"), notices));
    });
    let answer = rx.recv_timeout(Duration::from_secs(30)).expect("answered");
    assert_eq!(answer, (Some(5), Vec::new()));
    assert!(service.finish(Duration::from_secs(30)).is_empty());
    assert!(rx.try_recv().is_err());
}

#[test]
fn each_reader_keeps_positions_of_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE);
    let mut store = open(&path);
    store.save(&visit("one", 1, false)).expect("save");
    store
        .save_as("SHA256:alice", &visit("one", 20, false))
        .expect("save");
    store
        .save_as("SHA256:bob", &visit("two", 30, false))
        .expect("save");
    let local = store.positions().expect("positions");
    let alice = store.positions_of("SHA256:alice").expect("positions");
    let bob = store.positions_of("SHA256:bob").expect("positions");
    assert_eq!(offset_of(&local, "one"), Some(1));
    assert_eq!(offset_of(&alice, "one"), Some(20));
    assert_eq!(offset_of(&alice, "two"), None);
    assert_eq!(offset_of(&bob, "two"), Some(30));
    assert_eq!(offset_of(&bob, "one"), None);
    // The service answers for any reader.
    drop(store);
    let service = Service::start(path, None, |_, _| {});
    let handle = service.handle();
    handle.save_as("SHA256:carol", visit("three", 40, false));
    let carol = handle.positions_of("SHA256:carol", std::time::Duration::from_secs(30));
    assert_eq!(offset_of(&carol, "three"), Some(40));
    drop(handle);
    assert!(
        service
            .finish(std::time::Duration::from_secs(30))
            .is_empty()
    );
}

#[test]
fn a_store_of_schema_1_becomes_the_local_readers_in_schema_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE);
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE positions (briefing TEXT PRIMARY KEY, section TEXT NOT NULL,
                 section_index INTEGER NOT NULL, block INTEGER, item INTEGER NOT NULL,
                 offset INTEGER NOT NULL, fingerprint INTEGER NOT NULL,
                 read_to_end INTEGER NOT NULL DEFAULT 0, last_read INTEGER NOT NULL);
             CREATE INDEX positions_by_time ON positions (last_read DESC);
             CREATE TABLE section_hashes (briefing TEXT NOT NULL, section TEXT NOT NULL,
                 hash INTEGER NOT NULL, PRIMARY KEY (briefing, section));
             CREATE TABLE legacy_positions (origin TEXT NOT NULL, title TEXT NOT NULL,
                 unit INTEGER NOT NULL, offset INTEGER NOT NULL, PRIMARY KEY (origin, title));
             CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO positions VALUES ('old', 's', 2, 1, 0, 9, 77, 1, 100);
             INSERT INTO section_hashes VALUES ('old', 's', 5);
             PRAGMA user_version = 1;",
        )
        .expect("a schema-1 store");
    }
    let store = open(&path);
    let positions = store.positions().expect("positions");
    assert_eq!(offset_of(&positions, "old"), Some(9));
    assert_eq!(store.read_state("old").expect("read"), Some((true, 100)));
    assert_eq!(
        store.section_hashes("old").expect("hashes"),
        [("s".to_owned(), 5)]
    );
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
}
