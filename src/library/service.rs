//! The one library every reader of a process reads: a thread that owns it, takes the loader's
//! results, the watch's changes and requests to read everything again, and publishes each new
//! state as an immutable [`Snapshot`]. Readers swap snapshots and find their place again by
//! key; nothing is read twice however many readers there are.

use std::collections::HashSet;
use std::sync::{Arc, mpsc};
use std::thread;

use super::watch::{Changes, Report};
use super::{Library, LoadFailure, Loaded, Loader, Refreshed, Reload};
use crate::content::Briefing;

/// A state of the library, and how it came from the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The library now: shared, never changed in place.
    pub library: Arc<Library>,
    /// What made it.
    pub change: Change,
}

/// How a snapshot differs from the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The first load read `read` more files, `added` of them briefings.
    Batch {
        /// Files read (briefings and failures).
        read: usize,
        /// Briefings among them.
        added: usize,
    },
    /// Files were read again.
    Reload {
        /// What changed, was added, removed or broke.
        summary: Refreshed,
        /// The files read again, by origin; `None` for all of them.
        scope: Option<HashSet<String>>,
        /// Asked for by a reader (`r`).
        by_hand: bool,
    },
}

impl Snapshot {
    /// The snapshot after `library` takes a batch of load results.
    pub fn after_batch(library: &Library, results: Vec<Result<Briefing, LoadFailure>>) -> Self {
        let read = results.len();
        let added = results.iter().filter(|r| r.is_ok()).count();
        let mut next = library.clone();
        next.extend(results);
        Self {
            library: Arc::new(next),
            change: Change::Batch { read, added },
        }
    }

    /// The snapshot after `library` takes `reload`.
    pub fn after_reload(library: &Library, reload: Reload) -> Self {
        let scope = reload.scope.clone();
        let by_hand = reload.by_hand;
        let mut next = library.clone();
        let summary = next.refresh(reload, None);
        Self {
            library: Arc::new(next),
            change: Change::Reload {
                summary,
                scope,
                by_hand,
            },
        }
    }
}

/// What the service tells its readers.
#[derive(Debug, Clone)]
pub enum Published {
    /// How many files the first load reads (again, lower, once some turned out not to be
    /// briefings).
    Total(usize),
    /// The opening of the first briefing read, when its file is long (see
    /// [`crate::content::opening`]): for a reader's first frame only. The library does not
    /// hold it; the snapshot with the whole briefing follows.
    Opening(Arc<Briefing>, super::loader::FirstFrame),
    /// A new state of the library.
    Snapshot(Snapshot),
    /// One line for the status bar (a watch that failed, a reload asked for too early).
    Notice(String),
}

/// What reaches the service's thread.
enum Request {
    /// From the loader and the watch.
    Load(Loaded),
    /// A reader pressed `r`.
    ReloadAll,
}

/// The running service: asks it to read everything again.
#[derive(Debug, Clone)]
pub struct Service {
    tx: mpsc::Sender<Request>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Load(_) => "Load",
            Self::ReloadAll => "ReloadAll",
        })
    }
}

impl Service {
    /// Starts `loader` and a thread that owns the library it reads, calling `publish` with
    /// every new state until `publish` returns false. Changes seen on disk are read once the
    /// first load is over, one reload at a time, changes that arrive meanwhile merged into the
    /// next.
    ///
    /// A long first file's opening is published straight from the loader's thread: through
    /// the service's thread it also waited for that thread's turn, which on two cores was
    /// about 0.3 ms of the 1.2 MB briefing's first frame (docs/performance.md). Nothing is
    /// published before it, so the order is the same.
    pub fn start<F>(loader: Loader, publish: F) -> Self
    where
        F: Fn(Published) -> bool + Send + Sync + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let from_loader = tx.clone();
        let source = loader.clone();
        let publish = Arc::new(publish);
        let direct = Arc::clone(&publish);
        loader.spawn(move |loaded| match loaded {
            Loaded::Opening(briefing, frame) => {
                direct(Published::Opening(Arc::from(briefing), frame))
            }
            other => from_loader.send(Request::Load(other)).is_ok(),
        });
        thread::spawn(move || Keeper::new(source).run(&rx, &*publish));
        Self { tx }
    }

    /// Reads every file again (a reader's `r`), once the first load is over.
    pub fn reload(&self) {
        let _ = self.tx.send(Request::ReloadAll);
    }
}

/// The service thread's state.
struct Keeper {
    source: Loader,
    library: Arc<Library>,
    /// Files read by the first load, and how many it reads once known.
    done: usize,
    total: Option<usize>,
    /// Changes seen on disk, not yet read.
    changes: Changes,
    /// A reader asked for everything to be read again.
    by_hand: bool,
}

impl Keeper {
    fn new(source: Loader) -> Self {
        Self {
            source,
            library: Arc::default(),
            done: 0,
            total: None,
            changes: Changes::default(),
            by_hand: false,
        }
    }

    fn loading(&self) -> bool {
        self.total.is_none_or(|total| self.done < total)
    }

    fn run<F>(&mut self, rx: &mpsc::Receiver<Request>, publish: &F)
    where
        F: Fn(Published) -> bool,
    {
        while let Ok(request) = rx.recv() {
            // Everything already queued, before reading anything again.
            for request in std::iter::once(request).chain(rx.try_iter()) {
                if let Some(published) = self.take(request)
                    && !publish(published)
                {
                    return;
                }
            }
            if self.loading() {
                continue;
            }
            if let Some(snapshot) = self.read_again()
                && !publish(Published::Snapshot(snapshot))
            {
                return;
            }
        }
    }

    /// Files one request; returns what to publish at once, if anything.
    fn take(&mut self, request: Request) -> Option<Published> {
        match request {
            // Published from the loader's thread (see `Service::start`), but passed on alike.
            Request::Load(Loaded::Opening(briefing, frame)) => {
                Some(Published::Opening(Arc::from(briefing), frame))
            }
            Request::Load(Loaded::Total(total)) => {
                self.total = Some(total);
                Some(Published::Total(total))
            }
            Request::Load(Loaded::Results(results)) => {
                self.done += results.len();
                let snapshot = Snapshot::after_batch(&self.library, results);
                self.library = Arc::clone(&snapshot.library);
                Some(Published::Snapshot(snapshot))
            }
            Request::Load(Loaded::Watch(Report::Changed(changes))) => {
                self.changes.merge(changes);
                None
            }
            Request::Load(Loaded::Watch(Report::Trouble(line))) => Some(Published::Notice(line)),
            Request::ReloadAll if self.loading() => Some(Published::Notice(
                "still reading the briefings; press r again when it is done".into(),
            )),
            Request::ReloadAll => {
                self.by_hand = true;
                Some(Published::Notice("reading the briefings again…".into()))
            }
        }
    }

    /// A briefing's file that is there but no longer declares a briefing (empty, or without its
    /// `[briefing]` table yet) was most likely read half-way through a save: it is a failure,
    /// so that its last good version stays, not a removal.
    fn keep_half_saved(
        &self,
        files: &std::collections::BTreeSet<std::path::PathBuf>,
        reload: &mut Reload,
    ) {
        for path in files.iter().filter(|p| p.is_file()) {
            let origin = super::display_path(path);
            let read = reload.fresh.briefings.iter().any(|b| b.origin == origin)
                || reload.fresh.failures.iter().any(|f| f.origin == origin);
            let known = self.library.briefings.iter().any(|b| b.origin == origin);
            if !read && known {
                let message = "the file no longer has a [briefing] table (read half-way through a save?); the last good version is kept";
                reload.fresh.failures.push(LoadFailure {
                    diagnostics: vec![crate::content::diagnostic::Diagnostic::file(
                        &origin, message,
                    )],
                    origin,
                });
            }
        }
    }

    /// Reads again what changed (everything, when asked by hand), if anything did.
    fn read_again(&mut self) -> Option<Snapshot> {
        let changes = std::mem::take(&mut self.changes);
        let by_hand = std::mem::take(&mut self.by_hand);
        if !by_hand && changes.is_empty() {
            return None;
        }
        let files = changes.files.clone();
        let mut reload = self.source.read_again((!by_hand).then_some(changes));
        if !by_hand {
            self.keep_half_saved(&files, &mut reload);
        }
        let snapshot = Snapshot::after_reload(&self.library, reload);
        self.library = Arc::clone(&snapshot.library);
        Some(snapshot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LoadOptions;
    use std::path::{Path, PathBuf};

    const TEXT: &str = "[briefing]\ntitle = \"A\"\n[[sections]]\nbody = \"text\"\n";

    /// A keeper over `dir`, its first load done.
    fn keeper(dir: &Path) -> Keeper {
        let source = Loader {
            paths: vec![dir.to_path_buf()],
            options: LoadOptions::default(),
            watch: false,
        };
        let mut keeper = Keeper::new(source);
        keeper.library = Arc::new(crate::library::load_paths(
            &[dir.to_path_buf()],
            LoadOptions::default(),
        ));
        keeper.total = Some(0);
        keeper
    }

    fn changed(keeper: &mut Keeper, path: PathBuf) -> Snapshot {
        keeper.changes.merge(Changes {
            files: [path].into(),
            rescan: false,
        });
        keeper.read_again().expect("a snapshot")
    }

    #[test]
    fn a_briefing_read_half_way_through_a_save_keeps_its_last_good_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.toml");
        std::fs::write(&file, TEXT).expect("write");
        let mut keeper = keeper(dir.path());
        // Truncated, the new text not written yet: not a briefing, as far as a walk can tell.
        std::fs::write(&file, "").expect("write");
        let snapshot = changed(&mut keeper, file.clone());
        assert_eq!(
            snapshot.library.briefings.len(),
            1,
            "the last good version stays"
        );
        let Change::Reload { summary, .. } = &snapshot.change else {
            panic!("a reload");
        };
        assert_eq!(summary.removed, 0);
        assert_eq!(summary.broken.len(), 1);
        assert!(
            snapshot.library.failures[0].diagnostics[0]
                .message
                .contains("half-way")
        );
        // A file that never was a briefing is nothing, before or after.
        let other = dir.path().join("notes.toml");
        std::fs::write(&other, "x = 1\n").expect("write");
        let snapshot = changed(&mut keeper, other);
        assert_eq!(snapshot.library.failures.len(), 1, "only a.toml's");
    }

    #[test]
    fn markdown_articles_load_beside_briefings_and_follow_their_edits() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.toml"), TEXT).expect("write");
        let article = dir.path().join("digest.md");
        std::fs::write(&article, "# Monday\n\nText.\n").expect("write");
        std::fs::write(dir.path().join("README.md"), "Notes, no heading.\n").expect("write");
        let mut keeper = keeper(dir.path());
        let titles: Vec<&str> = keeper
            .library
            .briefings
            .iter()
            .map(|b| b.title.as_str())
            .collect();
        assert_eq!(titles, ["A", "Monday"], "the README is no article");
        assert!(keeper.library.briefings[1].imported.is_some());
        std::fs::write(&article, "# Tuesday\n\nText.\n").expect("write");
        let snapshot = changed(&mut keeper, article);
        let titles: Vec<&str> = snapshot
            .library
            .briefings
            .iter()
            .map(|b| b.title.as_str())
            .collect();
        assert_eq!(titles, ["A", "Tuesday"]);
    }

    #[test]
    fn a_briefing_listed_under_a_link_is_the_file_a_change_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("z-dir")).expect("mkdir");
        let file = dir.path().join("z-dir").join("x.toml");
        std::fs::write(&file, TEXT).expect("write");
        // Listed as a-link/x.toml (first in sorted order); events name z-dir/x.toml.
        std::os::unix::fs::symlink(dir.path().join("z-dir"), dir.path().join("a-link"))
            .expect("link");
        let mut keeper = keeper(dir.path());
        assert!(keeper.library.briefings[0].origin.contains("a-link"));
        std::fs::remove_file(&file).expect("remove");
        let snapshot = changed(&mut keeper, file);
        assert!(
            snapshot.library.briefings.is_empty(),
            "removed, under any spelling"
        );
    }

    #[test]
    fn one_file_read_again_under_two_spellings_is_one_briefing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.toml");
        std::fs::write(&file, TEXT).expect("write");
        let link = dir.path().join("named.toml");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        let loader = Loader {
            paths: vec![dir.path().to_path_buf(), link.clone()],
            options: LoadOptions::default(),
            watch: false,
        };
        let changes = Changes {
            files: [file, link].into(),
            rescan: false,
        };
        let reload = loader.read_again(Some(changes));
        assert_eq!(reload.fresh.briefings.len(), 1);
    }

    /// A long briefing (800 sections) written to `long.toml` in `dir`.
    fn write_long(dir: &Path) -> PathBuf {
        use std::fmt::Write as _;
        let mut text = String::from("[briefing]\ntitle = \"Long\"\n");
        for i in 0..800 {
            let _ = write!(
                text,
                "[[sections]]\nid = \"s{i}\"\nheading = \"H{i}\"\nbody = \"{}\"\n",
                "word ".repeat(80)
            );
        }
        let file = dir.join("long.toml");
        std::fs::write(&file, &text).expect("write");
        file
    }

    /// A service reading `paths`, and what it publishes; the first thing must be an opening.
    fn opened(
        paths: Vec<PathBuf>,
    ) -> (
        mpsc::Receiver<Published>,
        Arc<Briefing>,
        crate::library::FirstFrame,
    ) {
        let (tx, rx) = mpsc::channel();
        let loader = Loader {
            paths,
            options: LoadOptions::default(),
            watch: false,
        };
        Service::start(loader, move |published| tx.send(published).is_ok());
        let first = rx.recv_timeout(std::time::Duration::from_secs(10));
        let Ok(Published::Opening(opening, frame)) = first else {
            panic!("the opening comes first: {first:?}");
        };
        (rx, opening, frame)
    }

    /// The next snapshot `rx` publishes.
    fn next_snapshot(rx: &mpsc::Receiver<Published>) -> Snapshot {
        let wait = std::time::Duration::from_secs(10);
        std::iter::from_fn(|| rx.recv_timeout(wait).ok())
            .find_map(|p| match p {
                Published::Snapshot(s) => Some(s),
                _ => None,
            })
            .expect("a snapshot")
    }

    #[test]
    fn an_opening_whose_file_stops_being_a_briefing_is_replaced_all_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        // Found in a directory: it is loaded only while it declares a briefing.
        let file = write_long(dir.path());
        let (rx, _, frame) = opened(vec![dir.path().to_path_buf()]);
        // Saved over while its frame is drawn.
        std::fs::write(&file, "[other]\nkey = 1\n").expect("write");
        drop(frame);
        assert!(next_snapshot(&rx).library.briefings.is_empty());
    }

    #[test]
    fn a_long_first_file_sends_its_opening_and_is_parsed_whole_once_the_frame_is_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (rx, opening, frame) = opened(vec![write_long(dir.path())]);
        assert!(opening.sections.len() < 800);
        // While the frame is being drawn, the whole file waits (at most 50 ms).
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(20))
                .is_err()
        );
        drop(frame);
        let whole = next_snapshot(&rx);
        assert_eq!(whole.library.briefings[0].sections.len(), 800);
        assert_eq!(whole.library.briefings[0].key, opening.key);
    }
}
