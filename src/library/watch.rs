//! Watching the briefings' files for changes, so that a save in any editor reaches the reader
//! without a key. Built on the `notify` crate (each system's own change notifications); what
//! brief adds is which events matter and when to act on them:
//!
//! - Directories are watched, never a file's inode: editors that save by renaming a temporary
//!   file over the briefing (vim, `sed -i`, "safe write") replace the inode, and a rename *onto*
//!   a watched name is a change like any other. A file named on the command line is watched
//!   through its directory (and its link target's, when it is a symlink), matched by name.
//! - Editor artefacts (swap files, `.#lock` links, `#autosave#`, `backup~`, `___jb_tmp___`) and
//!   hidden entries are never briefings ([`is_artefact`]): they cause nothing.
//! - Events are gathered until the files have been quiet for [`QUIET`] (at most [`LONGEST`]
//!   after the first), so a save seen half-way is read again once it settles and a burst (a
//!   `git checkout`, a sync) ends in one reload of the final state.
//! - A content directory is also watched from its parent, so that deleting and re-creating it,
//!   or swapping it by rename, is followed; a directory created, removed or renamed inside one
//!   asks for a full rescan (a tree created at once may hold files whose events came before
//!   its watch existed). The directories are recorded, so that one that is gone is still
//!   known for what it was.
//! - Links are not followed by the recursive watch (a link back into the tree would report
//!   its events under a second spelling); links to directories or files outside the content
//!   directories get watches of their own.
//! - Watching can fail (the per-user inotify limits, file systems without events): the reader
//!   is told once and `r` reloads by hand.
//!
//! The debouncing is ours rather than `notify-debouncer-mini`'s or `-full`'s: those settle
//! each path on its own, so a burst over many files arrives as several batches; brief wants
//! one quiet period over the whole library.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

use scope::Scope;

mod scope;

/// How long the files must be quiet before a change is acted on.
pub const QUIET: Duration = Duration::from_millis(150);

/// Longest a change waits while events keep coming (a long burst then reloads more than once,
/// the last time in its final state).
pub const LONGEST: Duration = Duration::from_secs(2);

/// What changed on disk, once the files were quiet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Briefing files written, created, renamed or removed, spelled as the library spells them
    /// (a named file as it was named; a file in a directory as the walk builds its path).
    pub files: BTreeSet<PathBuf>,
    /// Something only a full reload can tell: a directory came, went or was renamed, or the
    /// watcher lost events.
    pub rescan: bool,
}

impl Changes {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && !self.rescan
    }

    /// Adds `other` to these changes.
    pub fn merge(&mut self, other: Self) {
        self.files.extend(other.files);
        self.rescan |= other.rescan;
    }
}

/// What the watcher tells the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Files changed and have been quiet for [`QUIET`].
    Changed(Changes),
    /// Watching failed, wholly or in part: one line for the status bar.
    Trouble(String),
}

/// Whether a file name is an editor's or a tool's by-product rather than a briefing: hidden
/// (`.name.swp`, `.#name` lock links, `.name.tmp`), an Emacs auto-save (`#name#`), a backup
/// (`name~`), an IDE's safe-write temporary (`name___jb_tmp___`, `___jb_old___`), or vim's
/// write test (`4913`, any all-digit name). Events for such files are ignored (a directory of
/// any name is followed).
pub fn is_artefact(name: &str) -> bool {
    name.starts_with('.')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name.contains("___jb_")
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".orig",
            ".part",
            ".crdownload",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Watches the files and directories among `paths` (standard input and built-in briefings are
/// skipped) and calls `report` from a thread of its own with each settled set of changes, and
/// once with [`Report::Trouble`] if watching fails. Returns once the watches are in place
/// (having walked the trees: call it off the thread that draws, before reading the files, so
/// that no change is missed between the two). The thread sleeps until the system reports a
/// change (nothing runs on a timer while the files are still) and ends when `report` returns
/// false.
pub fn start<F>(paths: &[PathBuf], report: F)
where
    F: Fn(Report) -> bool + Send + 'static,
{
    let mut scope = Scope::of(paths);
    let (tx, rx) = mpsc::channel();
    // Links are not followed by a recursive watch: a link back into the tree would report its
    // events under a second spelling. Links out of it get watches of their own (`Scope`).
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = match RecommendedWatcher::new(tx, config) {
        Ok(watcher) => watcher,
        Err(err) => {
            report(Report::Trouble(trouble(&err)));
            return;
        }
    };
    let mut failed = None;
    for (path, mode) in scope.watches() {
        if let Err(err) = watcher.watch(&path, mode) {
            failed.get_or_insert(err);
        }
    }
    if let Some(err) = failed
        && !report(Report::Trouble(trouble(&err)))
    {
        return;
    }
    thread::spawn(move || gather(&mut scope, &mut watcher, &rx, &report));
}

/// The one line said when watching fails.
fn trouble(err: &notify::Error) -> String {
    let why = match &err.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "the system's limit on watched directories is reached".to_owned()
        }
        notify::ErrorKind::Io(io) => crate::content::sanitize::line(&io.to_string()),
        notify::ErrorKind::PathNotFound => "a path to watch is gone".to_owned(),
        other => crate::content::sanitize::line(&format!("{other:?}")),
    };
    format!("changes on disk are not followed ({why}): press r to reload by hand")
}

/// Changes gathered until the files settle: due [`QUIET`] after the last change, or
/// [`LONGEST`] after the first while changes keep coming. Pure, with the clock passed in.
#[derive(Debug, Default)]
struct Settle {
    pending: Changes,
    /// When the first and the last change of this round came.
    times: Option<(Instant, Instant)>,
}

impl Settle {
    /// Adds changes seen at `now`.
    fn add(&mut self, changes: Changes, now: Instant) {
        if changes.is_empty() {
            return;
        }
        self.pending.merge(changes);
        let first = self.times.map_or(now, |(first, _)| first);
        self.times = Some((first, now));
    }

    /// When the gathered changes are due, if there are any.
    fn due(&self) -> Option<Instant> {
        self.times
            .map(|(first, last)| (last + QUIET).min(first + LONGEST))
    }

    /// The gathered changes, if they are due at `now`.
    fn take(&mut self, now: Instant) -> Option<Changes> {
        if self.due().is_none_or(|due| now < due) {
            return None;
        }
        self.times = None;
        Some(std::mem::take(&mut self.pending))
    }
}

/// The watch's thread: files events until they settle, then reports them.
// Over 40 lines as one function: the watch thread's loop: an event, a failure or a timeout, each a
// few lines.
fn gather<F>(
    scope: &mut Scope,
    watcher: &mut RecommendedWatcher,
    events: &mpsc::Receiver<notify::Result<Event>>,
    report: &F,
) where
    F: Fn(Report) -> bool,
{
    let mut settle = Settle::default();
    let mut troubled = false;
    loop {
        let next = match settle.due() {
            None => events
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            Some(due) => events.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        match next {
            Ok(Ok(event)) => {
                let effect = scope.effect(&event, &|p| p.is_dir());
                for dir in &effect.rewatch {
                    let _ = watcher.unwatch(dir);
                    if dir.is_dir() {
                        let _ = watcher.watch(dir, RecursiveMode::Recursive);
                    }
                }
                settle.add(effect.changes, Instant::now());
            }
            Ok(Err(err)) => {
                // Events may have been lost: read everything again, and say so once.
                let rescan = Changes {
                    rescan: true,
                    ..Changes::default()
                };
                settle.add(rescan, Instant::now());
                if !std::mem::replace(&mut troubled, true)
                    && !report(Report::Trouble(trouble(&err)))
                {
                    return;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        if let Some(changes) = settle.take(Instant::now())
            && !report(Report::Changed(changes))
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests;
