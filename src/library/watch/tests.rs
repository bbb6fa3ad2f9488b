//! Tests of [`super`].

use super::scope::Effect;
use super::*;
use notify::EventKind;
use notify::event::{AccessKind, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};
use std::path::Path;

fn event(kind: EventKind, paths: &[&str]) -> Event {
    let mut event = Event::new(kind);
    for p in paths {
        event = event.add_path(PathBuf::from(p));
    }
    event
}

/// A content directory `/c` (given as `c`) holding the directory `/c/sub`, and a file
/// `/n/one.toml` named on its own.
fn scope() -> Scope {
    Scope {
        roots: vec![(PathBuf::from("/c"), PathBuf::from("c"))],
        named: vec![(
            PathBuf::from("/n"),
            "one.toml".into(),
            PathBuf::from("/n/one.toml"),
        )],
        dirs: [PathBuf::from("/c/sub")].into(),
        linked: Vec::new(),
    }
}

/// What an event does to [`scope`], with `dirs` the paths that are directories now.
fn effect(kind: EventKind, paths: &[&str], dirs: &[&str]) -> Effect {
    let dirs: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
    scope().effect(&event(kind, paths), &|p| dirs.iter().any(|d| d == p))
}

fn files(paths: &[&str]) -> Changes {
    Changes {
        files: paths.iter().map(PathBuf::from).collect(),
        rescan: false,
    }
}

const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
const RENAME_BOTH: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));

#[test]
fn every_save_strategy_names_the_briefing() {
    // In place, truncate-and-write, delete and re-create.
    for kind in [
        WRITE,
        EventKind::Create(CreateKind::File),
        EventKind::Remove(RemoveKind::File),
    ] {
        assert_eq!(
            effect(kind, &["/c/a.toml"], &[]).changes,
            files(&["c/a.toml"])
        );
        // A Markdown article is followed as a briefing is.
        assert_eq!(
            effect(kind, &["/c/digest.md"], &[]).changes,
            files(&["c/digest.md"])
        );
    }
    assert!(effect(WRITE, &["/c/notes.txt"], &[]).changes.is_empty());
    // A temporary renamed over the briefing (vim, sed -i, safe write), from any name.
    for from in [
        "/c/.a.toml.swp",
        "/c/sedAbC12",
        "/c/a.toml___jb_tmp___",
        "/c/x/y",
    ] {
        let e = effect(RENAME_BOTH, &[from, "/c/a.toml"], &[]);
        assert_eq!(e.changes, files(&["c/a.toml"]), "from {from}");
    }
    // A named file, by its directory.
    assert_eq!(
        effect(WRITE, &["/n/one.toml"], &[]).changes,
        files(&["/n/one.toml"])
    );
    assert!(effect(WRITE, &["/n/other.toml"], &[]).changes.is_empty());
}

#[test]
fn editor_artefacts_and_hidden_entries_cause_nothing() {
    for path in [
        "/c/.a.toml.swp",
        "/c/.#a.toml",
        "/c/#a.toml#",
        "/c/a.toml~",
        "/c/a.toml___jb_old___",
        "/c/4913",
        "/c/sedAbC12",
        "/c/.git/index",
        "/c/.hidden/b.toml",
        "/c/notes.txt",
    ] {
        for kind in [
            WRITE,
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
            // Moved away (the first half of an editor's or sed's rename): not a directory.
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
        ] {
            let e = effect(kind, &[path], &[]);
            assert_eq!(e, Effect::default(), "{path} {kind:?}");
        }
    }
    // Reads, brief's own among them, whether of a file in the tree or of one named alone:
    // reading a named file must not ask for it to be read again.
    for path in ["/c/a.toml", "/n/one.toml"] {
        let read = EventKind::Access(AccessKind::Any);
        assert_eq!(effect(read, &[path], &[]), Effect::default(), "{path}");
    }
}

#[test]
fn directories_coming_and_going_ask_for_a_rescan() {
    let rescan = |e: Effect| e.changes.rescan;
    assert!(rescan(effect(
        EventKind::Create(CreateKind::Folder),
        &["/c/new"],
        &[]
    )));
    assert!(rescan(effect(
        EventKind::Remove(RemoveKind::Folder),
        &["/c/old"],
        &[]
    )));
    assert!(rescan(effect(
        EventKind::Create(CreateKind::Any),
        &["/c/new"],
        &["/c/new"]
    )));
    assert!(rescan(effect(RENAME_BOTH, &["/c/a", "/c/b"], &["/c/b"])));
    // Gone or moved away: a directory by the record, whatever its name (`2024`, `000`).
    let moved_away = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    let removed = EventKind::Remove(RemoveKind::File);
    for kind in [moved_away, removed] {
        assert!(rescan(effect(kind, &["/c/sub"], &[])), "{kind:?}");
        assert!(!rescan(effect(kind, &["/c/a.toml"], &[])), "{kind:?}");
        assert!(!rescan(effect(kind, &["/c/notes"], &[])), "{kind:?}");
    }
    for name in ["/c/2024", "/c/000"] {
        assert!(rescan(effect(
            EventKind::Create(CreateKind::Folder),
            &[name],
            &[]
        )));
        assert!(rescan(effect(
            EventKind::Remove(RemoveKind::Folder),
            &[name],
            &[]
        )));
    }
    // A file that is not a briefing, created and removed: nothing.
    assert!(!rescan(effect(
        EventKind::Create(CreateKind::File),
        &["/c/notes"],
        &[]
    )));
}

#[test]
fn a_content_directory_replaced_is_watched_again() {
    for kind in [
        EventKind::Create(CreateKind::Folder),
        EventKind::Remove(RemoveKind::Any),
        RENAME_BOTH,
    ] {
        let e = effect(kind, &["/c"], &["/c"]);
        assert_eq!(e.rewatch, [PathBuf::from("/c")], "{kind:?}");
        assert!(e.changes.rescan);
    }
    // Its siblings in the parent directory are nothing to brief.
    assert_eq!(effect(WRITE, &["/c-other/a.toml"], &[]), Effect::default());
}

#[test]
fn watches_are_the_directories_once_each() {
    let scope = Scope {
        roots: vec![
            (PathBuf::from("/c"), PathBuf::from("/c")),
            (PathBuf::from("/c/inner"), PathBuf::from("/c/inner")),
        ],
        dirs: std::collections::HashSet::new(),
        linked: vec![PathBuf::from("/c/out")],
        named: vec![
            (
                PathBuf::from("/c/sub"),
                "a.toml".into(),
                PathBuf::from("/c/sub/a.toml"),
            ),
            (
                PathBuf::from("/n"),
                "b.toml".into(),
                PathBuf::from("/n/b.toml"),
            ),
            (
                PathBuf::from("/n"),
                "c.toml".into(),
                PathBuf::from("/n/c.toml"),
            ),
        ],
    };
    let watches: Vec<(PathBuf, bool)> = scope
        .watches()
        .into_iter()
        .map(|(p, m)| (p, m == RecursiveMode::Recursive))
        .collect();
    assert_eq!(
        watches,
        [
            (PathBuf::from("/c"), true),
            (PathBuf::from("/c/inner"), true),
            (PathBuf::from("/c/out"), true),
            (PathBuf::from("/"), false),
            (PathBuf::from("/n"), false),
        ],
        "a parent inside a content directory is watched already, recursively"
    );
}

#[test]
fn changes_are_told_in_the_readers_spelling() {
    let cwd = std::env::current_dir().expect("cwd");
    let mut scope = Scope::of(&[PathBuf::from("no-such-briefing.toml")]);
    assert_eq!(scope.watches()[0].0, cwd);
    let write = |scope: &mut Scope, path: PathBuf| {
        scope
            .effect(&event(WRITE, &[]).add_path(path), &|_| false)
            .changes
    };
    assert_eq!(
        write(&mut scope, cwd.join("no-such-briefing.toml")),
        files(&["no-such-briefing.toml"])
    );
    let mut relative = Scope {
        roots: vec![(cwd.join("content"), PathBuf::from("./content"))],
        ..Scope::default()
    };
    assert_eq!(
        write(&mut relative, cwd.join("content/sub/a.toml")),
        files(&["./content/sub/a.toml"])
    );
    let e = relative.effect(
        &event(EventKind::Create(CreateKind::Folder), &[]).add_path(cwd.join("content")),
        &|_| true,
    );
    assert_eq!(e.rewatch, [cwd.join("content")]);
}

#[test]
fn changes_merge() {
    let mut a = files(&["/c/a.toml"]);
    a.merge(Changes {
        files: files(&["/c/b.toml"]).files,
        rescan: true,
    });
    assert_eq!(a.files.len(), 2);
    assert!(a.rescan);
    assert!(!a.is_empty());
    assert!(Changes::default().is_empty());
}

#[test]
fn a_burst_settles_into_one_report_of_everything() {
    let start = Instant::now();
    let mut settle = Settle::default();
    assert_eq!(settle.due(), None);
    assert_eq!(settle.take(start), None);
    // A change every 10 ms for a second: nothing is due while they keep coming.
    let step = Duration::from_millis(10);
    let mut last = start;
    for i in 0..100 {
        last = start + step * i;
        settle.add(files(&[&format!("c/{i}.toml")]), last);
        assert_eq!(settle.take(last), None);
    }
    let now = last + step;
    assert_eq!(settle.due(), Some(last + QUIET));
    assert_eq!(settle.take(last + QUIET / 2), None);
    let all = settle.take(last + QUIET).expect("due once quiet");
    assert_eq!(all.files.len(), 100);
    assert_eq!(settle.take(last + QUIET * 2), None, "reported once");
    // Nothing to report adds nothing.
    settle.add(Changes::default(), now);
    assert_eq!(settle.due(), None);
}

#[test]
fn changes_that_never_stop_are_still_reported_now_and_then() {
    let start = Instant::now();
    let mut settle = Settle::default();
    let mut now = start;
    let mut reports = 0;
    while now < start + LONGEST * 3 {
        settle.add(files(&["c/a.toml"]), now);
        reports += usize::from(settle.take(now).is_some());
        now += Duration::from_millis(50);
    }
    assert_eq!(reports, 2, "one per LONGEST, not one per change");
}

#[test]
fn the_record_of_directories_follows_them_coming_and_going() {
    let mut scope = scope();
    let create = |kind| event(EventKind::Create(kind), &["/c/2024"]);
    scope.effect(&create(CreateKind::Folder), &|_| true);
    assert!(scope.dirs.contains(Path::new("/c/2024")));
    // Renamed within the tree: the old name is gone, the new one is a directory.
    let from = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    let to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
    assert!(
        scope
            .effect(&event(from, &["/c/2024"]), &|_| false)
            .changes
            .rescan
    );
    assert!(!scope.dirs.contains(Path::new("/c/2024")));
    scope.effect(&event(to, &["/c/2025"]), &|p| p == Path::new("/c/2025"));
    assert!(scope.dirs.contains(Path::new("/c/2025")));
    // Removed with what was under it.
    scope.dirs.insert(PathBuf::from("/c/2025/deep"));
    let removed = event(EventKind::Remove(RemoveKind::Folder), &["/c/2025"]);
    assert!(scope.effect(&removed, &|_| false).changes.rescan);
    assert!(scope.dirs.iter().all(|d| !d.starts_with("/c/2025")));
}

#[test]
fn links_out_of_the_tree_are_watched_and_links_into_it_are_not() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("content");
    let outside = tmp.path().join("elsewhere");
    std::fs::create_dir_all(root.join("2024")).expect("mkdir");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("far.toml"), "x").expect("write");
    std::os::unix::fs::symlink(&outside, root.join("out")).expect("link");
    std::os::unix::fs::symlink(root.join("2024"), root.join("latest")).expect("link");
    std::os::unix::fs::symlink(outside.join("far.toml"), root.join("today.toml")).expect("link");
    std::os::unix::fs::symlink(&root, root.join("2024").join("loop")).expect("link");
    let mut scope = Scope::of(std::slice::from_ref(&root));
    let abs = |p: &Path| std::path::absolute(p).expect("absolute");
    assert_eq!(scope.linked, [abs(&root.join("out"))]);
    for dir in ["2024", "out", "latest", "2024/loop"] {
        assert!(scope.dirs.contains(&abs(&root.join(dir))), "{dir}");
    }
    // The linked file is watched where it points, and reported as the walk spells it.
    let far = std::fs::canonicalize(outside.join("far.toml")).expect("canonical");
    let changes = scope
        .effect(&event(WRITE, &[]).add_path(far), &|_| false)
        .changes;
    assert_eq!(changes.files, [root.join("today.toml")].into());
    // Removing a link to a directory (no `ISDIR` from the system) asks for a rescan.
    let unlinked =
        event(EventKind::Remove(RemoveKind::File), &[]).add_path(abs(&root.join("latest")));
    assert!(scope.effect(&unlinked, &|_| false).changes.rescan);
}
