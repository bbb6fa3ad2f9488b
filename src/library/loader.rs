//! Reading a library in the background while the reader is already on screen, watching its
//! files once read, and reading them again after a change. What it finds goes to a sink of the
//! driver's choosing (the tty loop's channel; later, a server's), as [`Loaded`] events.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use super::watch::{self, Changes, Report};
use super::{Candidate, LoadFailure, LoadOptions, Reload};
use crate::content::Briefing;

/// Most results sent at once.
const BATCH: usize = 512;

/// Longest results are held before they are sent.
const BATCH_TIME: Duration = Duration::from_millis(20);

/// What a background load reports.
#[derive(Debug)]
pub enum Loaded {
    /// How many files there are to read (sent again, lower, when some turned out not to be
    /// briefings).
    Total(usize),
    /// The opening of the first file, when it is long (see [`crate::content::opening`]): sent
    /// before that file's result, which replaces it (an empty batch when the file, changed
    /// meanwhile, is no longer a briefing). The whole file is parsed once the
    /// [`FirstFrame`] is dropped.
    Opening(Box<Briefing>, FirstFrame),
    /// Some results, in no particular order.
    Results(Vec<Result<Briefing, LoadFailure>>),
    /// News from the watch of the files (see [`watch`]).
    Watch(Report),
}

/// Longest the loader waits for the frame drawn from an opening before it parses the whole
/// file.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(50);

/// Sent with an opening and kept by whoever shows it until its frame is written, then
/// dropped: the loader parses the whole file only then (or after [`FIRST_FRAME_WAIT`]), so
/// that the parse does not take the processor from the frame, nor from the terminal (or the
/// SSH server) that shows it (on two cores it is worth about half a millisecond of the
/// 1.2 MB briefing's first frame: docs/performance.md).
#[derive(Debug, Clone)]
pub struct FirstFrame {
    _closed_when_dropped: mpsc::Sender<()>,
}

/// Briefings to read in the background, and how.
#[derive(Debug, Clone)]
pub struct Loader {
    /// Files and directories, as for [`super::load_paths`].
    pub paths: Vec<PathBuf>,
    /// How files are read.
    pub options: LoadOptions,
    /// Follow changes to the files on disk (see [`watch`]).
    pub watch: bool,
}

impl Loader {
    /// Reads the files on a thread of their own (and worker threads), reporting to `sink`
    /// until it returns false: the first file at once (it is what the first frame waits for),
    /// then the total, then the rest in batches; with [`Loader::watch`], the watch is set up
    /// between the first file and the rest, so that no change made meanwhile is lost.
    pub fn spawn<F>(self, sink: F)
    where
        F: Fn(Loaded) -> bool + Clone + Send + Sync + 'static,
    {
        thread::spawn(move || {
            let early = first_file(&self.paths);
            let read_as = early.as_ref().and_then(|c| stamp(&c.path));
            let Some(mut skipped) = self.read_first(early.as_ref(), &sink) else {
                return;
            };
            if self.watch {
                self.start_watch(early.as_ref(), read_as, &sink);
            }
            let (mut files, failures) = super::discover(&self.paths);
            files.retain(|f| early.as_ref().is_none_or(|e| !same_file(&e.path, &f.path)));
            let total = files.len() + failures.len() + usize::from(early.is_some());
            if !sink(Loaded::Total(total)) {
                return;
            }
            let failures: Vec<_> = failures.into_iter().map(Err).collect();
            if !failures.is_empty() && !sink(Loaded::Results(failures)) {
                return;
            }
            skipped += self.read_all(&files, &sink);
            // Files that are not briefings were counted in the total: the load ends at what
            // was actually read.
            if skipped > 0 {
                sink(Loaded::Total(total - skipped));
            }
        });
    }

    /// Reads the first file and sends it, its opening first when it has one; returns how many
    /// files were skipped (0 or 1), or `None` when the sink is gone.
    fn read_first<F>(&self, early: Option<&Candidate>, sink: &F) -> Option<usize>
    where
        F: Fn(Loaded) -> bool,
    {
        let Some(file) = early else {
            return Some(0);
        };
        let sent = std::cell::Cell::new(false);
        let opening = |briefing: Briefing| {
            sent.set(true);
            let (shown, drawn) = mpsc::channel();
            if sink(Loaded::Opening(
                Box::new(briefing),
                FirstFrame {
                    _closed_when_dropped: shown,
                },
            )) {
                // Nothing is ever sent: the channel closes when the frame is out.
                let _ = drawn.recv_timeout(FIRST_FRAME_WAIT);
            }
        };
        match super::load_candidate_opening(file, self.options, opening) {
            Some(first) => sink(Loaded::Results(vec![first])).then_some(0),
            // No longer a briefing when read whole (changed meanwhile): a batch without it
            // still replaces the opening, which would otherwise wait for it for ever.
            None if sent.get() => sink(Loaded::Results(Vec::new())).then_some(1),
            None => Some(1),
        }
    }

    /// Starts watching; if the first file changed since it was read, says so at once.
    fn start_watch<F>(&self, early: Option<&Candidate>, read_as: Option<Stamp>, sink: &F)
    where
        F: Fn(Loaded) -> bool + Clone + Send + 'static,
    {
        let watch_sink = sink.clone();
        watch::start(&self.paths, move |report| watch_sink(Loaded::Watch(report)));
        if let Some(file) = early.filter(|f| stamp(&f.path) != read_as) {
            let changes = Changes {
                files: std::iter::once(file.path.clone()).collect(),
                rescan: false,
            };
            sink(Loaded::Watch(Report::Changed(changes)));
        }
    }

    /// Reads `files` on every core, sending results in batches of at most [`BATCH`], held at
    /// most [`BATCH_TIME`]; returns how many were skipped as not briefings.
    fn read_all<F>(&self, files: &[Candidate], sink: &F) -> usize
    where
        F: Fn(Loaded) -> bool + Sync,
    {
        let start = Instant::now()
            .checked_sub(BATCH_TIME)
            .unwrap_or_else(Instant::now);
        let batch = Mutex::new((Vec::new(), start));
        let flush = |batch: &mut (Vec<_>, Instant)| {
            batch.1 = Instant::now();
            let results = std::mem::take(&mut batch.0);
            results.is_empty() || sink(Loaded::Results(results))
        };
        let threads = thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let skipped = super::load_each(files, self.options, threads, |result| {
            let Ok(mut batch) = batch.lock() else {
                return false;
            };
            batch.0.push(result);
            if batch.0.len() >= BATCH || batch.1.elapsed() >= BATCH_TIME {
                return flush(&mut batch);
            }
            true
        });
        if let Ok(mut batch) = batch.lock() {
            flush(&mut batch);
        }
        skipped
    }

    /// Reads the files again: all of them when `changes` is `None` (by hand) or asks for a
    /// rescan, else only the files that changed (a file gone, or no longer a briefing, is
    /// simply not in the result, which [`Library::refresh`](super::Library::refresh) takes as
    /// removed).
    pub fn read_again(&self, changes: Option<Changes>) -> Reload {
        let by_hand = changes.is_none();
        let Some(changes) = changes.filter(|c| !c.rescan) else {
            return Reload {
                fresh: super::load_paths(&self.paths, self.options),
                scope: None,
                by_hand,
            };
        };
        let mut fresh = super::Library::default();
        let mut keys = std::collections::HashSet::new();
        let results = changes.files.iter().filter_map(|path| {
            let named = self.paths.iter().any(|p| p == path);
            let candidate = Candidate {
                path: path.clone(),
                named,
            };
            (named || path.is_file())
                .then(|| super::load_candidate(&candidate, self.options))
                .flatten()
        });
        // One file named two ways (a directory and a file in it, both given) is one briefing.
        fresh.extend(results.filter(|r| r.as_ref().map_or(true, |b| keys.insert(b.key.clone()))));
        // The files read again, by the spelling of the change and by file (a briefing listed
        // under another spelling, a link's, is the same file).
        let scope = changes
            .files
            .iter()
            .flat_map(|p| [super::display_path(p), key_of(p)]);
        Reload {
            fresh,
            scope: Some(scope.collect()),
            by_hand,
        }
    }
}

/// The [`Briefing::key`] a file at `path` has, or had if it is gone: its canonical path
/// (its directory's, and its name, once it is gone).
fn key_of(path: &Path) -> String {
    let canonical = std::fs::canonicalize(path).ok().or_else(|| {
        let dir = std::fs::canonicalize(path.parent()?).ok()?;
        Some(dir.join(path.file_name()?))
    });
    super::display_path(canonical.as_deref().unwrap_or(path))
}

/// What tells a file's version apart cheaply: its length and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path)
        .map(|m| (m.len(), m.modified().ok()))
        .ok()
}

/// The file the first frame waits for: the first of `paths` when it is a file (named, so read
/// whatever it holds), else the first `*.toml` or `*.md` file a walk of that directory would
/// find, by the same rules as [`super::discover`] (sorted, hidden entries skipped), found
/// without walking the rest of the tree.
fn first_file(paths: &[PathBuf]) -> Option<Candidate> {
    let first = paths.first()?;
    if std::fs::metadata(first).ok()?.is_file() {
        return Some(Candidate {
            path: first.clone(),
            named: true,
        });
    }
    let mut dir = first.clone();
    for _ in 0..8 {
        if !std::fs::metadata(&dir).ok()?.is_dir() {
            return None;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .collect();
        entries.sort();
        let is_toml = |p: &PathBuf| super::source::is_briefing_name(p);
        let next = entries
            .into_iter()
            .find_map(|p| match std::fs::metadata(&p) {
                Ok(meta) if meta.is_dir() => Some((p, true)),
                Ok(_) if is_toml(&p) => Some((p, false)),
                _ => None,
            })?;
        match next {
            (sub, true) => dir = sub,
            (path, false) => return Some(Candidate { path, named: false }),
        }
    }
    None
}

/// Whether two paths name one file (`content/a.toml` and `./content/a.toml`); only paths
/// with the same file name are resolved.
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || (a.file_name() == b.file_name()
            && std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok())
}
