//! The briefings as a collection: finding `*.toml` files (and `*.md` articles, converted by
//! [`crate::import`]), reading them with a size cap,
//! loading them (or the ones built into the binary) into a [`Library`], reloading it, and
//! watching the files for changes ([`watch`]). One bad file never stops the others: each
//! failure is kept with its diagnostics next to the briefings that did load.

pub mod digest;
pub mod entities;
pub mod find;
mod load;
mod loader;
mod refresh;
mod service;
mod source;
pub mod watch;

pub use load::{
    BUILT_IN, BUILT_IN_PREFIX, LoadOptions, NO_BRIEFINGS, STDIN, display_path, is_special,
    load_built_in, load_candidate, load_candidate_opening, load_each, load_file, load_paths,
};
pub use loader::{FirstFrame, Loaded, Loader};
pub use refresh::{Refreshed, Reload};
pub use service::{Change, Published, Service, Snapshot};
pub use source::{
    Candidate, DEFAULT_MAX_FILE_SIZE, declares_briefing, discover, io_reason, is_briefing_name,
    is_markdown, read_bytes_capped, read_capped, read_stdin,
};

use std::sync::Arc;

use crate::content::diagnostic::Diagnostic;
use crate::content::{Briefing, BriefingId};

/// A file that could not be loaded, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// The file as shown to the user.
    pub origin: String,
    /// At least one problem.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything a load produced: the briefings, newest first, and the files that failed.
///
/// Each briefing is behind an [`Arc`]: a library is a snapshot that any number of readers
/// share, and a new snapshot (a batch loaded, a file reloaded) copies pointers, never the
/// briefings it keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    /// Loaded briefings, newest first (undated last), then by title.
    pub briefings: Vec<Arc<Briefing>>,
    /// Files that failed, in path order.
    pub failures: Vec<LoadFailure>,
}

impl Library {
    /// Adds one load result, keeping the ordering invariants (briefings newest first, failures
    /// in path order, whatever order results arrive in) and noting id clashes (O(n): use
    /// [`Library::extend`] for many). Returns where a briefing went.
    pub fn push(&mut self, result: Result<Briefing, LoadFailure>) -> Option<usize> {
        match result {
            Ok(briefing) => {
                let at = self
                    .briefings
                    .partition_point(|b| newest_first(b, &briefing));
                self.briefings.insert(at, Arc::new(briefing));
                self.note_id_clashes();
                Some(at)
            }
            Err(failure) => {
                let at = self
                    .failures
                    .partition_point(|f| f.origin <= failure.origin);
                self.failures.insert(at, failure);
                None
            }
        }
    }

    /// Adds many load results at once, with the same order as pushing them one by one but in
    /// O(n log n) rather than O(n²) for a large library. Readers find their place again by
    /// key (see `app::article::OpenBriefing`), so nothing here reports where briefings went.
    pub fn extend(&mut self, results: impl IntoIterator<Item = Result<Briefing, LoadFailure>>) {
        let mut briefings = Vec::new();
        for result in results {
            match result {
                Ok(briefing) => briefings.push(Arc::new(briefing)),
                Err(failure) => self.failures.push(failure),
            }
        }
        self.file(briefings);
    }

    /// Adds a briefing another snapshot holds (one a reader keeps open after its file went),
    /// in order.
    pub fn keep(&mut self, briefing: Arc<Briefing>) {
        self.file(vec![briefing]);
    }

    /// Files `briefings` (shared with other snapshots, or new) among these, in order; failures
    /// sorted; id clashes noted.
    fn file(&mut self, briefings: Vec<Arc<Briefing>>) {
        let old = self.briefings.len();
        self.briefings.extend(briefings);
        self.failures.sort_by(|a, b| a.origin.cmp(&b.origin));
        // Stable, and the old briefings come first: equal ones keep their arrival order.
        self.briefings.sort_by(|a, b| order_of(a, b));
        if self.briefings.len() > old {
            self.note_id_clashes();
        }
    }

    /// Warns, on each briefing concerned, when different briefings from different files share
    /// one [`BriefingId`]: they would share a reading position. Copies of one briefing (same
    /// title, sections and takeaways) are the same briefing and share it on purpose. A warning
    /// is added once however often this runs; O(n) in the library's size.
    pub fn note_id_clashes(&mut self) {
        let mut first: std::collections::HashMap<&BriefingId, usize> =
            std::collections::HashMap::with_capacity(self.briefings.len());
        let mut clashes: Vec<(usize, usize)> = Vec::new();
        for (i, b) in self.briefings.iter().enumerate() {
            match first.entry(&b.id) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(slot) => {
                    let other = &self.briefings[*slot.get()];
                    let copy = other.same_text(b);
                    if !copy && other.key != b.key {
                        clashes.push((*slot.get(), i));
                    }
                }
            }
        }
        for (a, b) in clashes {
            for (at, other) in [(a, b), (b, a)] {
                let message = format!(
                    "briefing id `{}` is also the id of {}, a different briefing: the two would \
                     share a reading position; give one of them its own `id` in [briefing]",
                    self.briefings[at].id, self.briefings[other].origin
                );
                // Copied only if another snapshot shares it.
                let briefing = Arc::make_mut(&mut self.briefings[at]);
                if briefing.warnings.iter().all(|w| w.message != message) {
                    briefing.warnings.push(Diagnostic {
                        path: briefing.origin.clone(),
                        position: briefing.id_at,
                        severity: crate::content::diagnostic::Severity::Warning,
                        message,
                    });
                }
            }
        }
    }

    /// Total number of problems across failed files.
    pub fn problem_count(&self) -> usize {
        self.failures.iter().map(|f| f.diagnostics.len()).sum()
    }

    /// Total number of warnings across briefings that loaded.
    pub fn warning_count(&self) -> usize {
        self.briefings.iter().map(|b| b.warnings.len()).sum()
    }
}

/// The library's order as an [`Ordering`](std::cmp::Ordering) (see [`newest_first`]).
fn order_of(a: &Briefing, b: &Briefing) -> std::cmp::Ordering {
    match (newest_first(a, b), newest_first(b, a)) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Less,
        _ => std::cmp::Ordering::Greater,
    }
}

/// True when `a` sorts before (or level with) `b`: newer dates first, undated last.
fn newest_first(a: &Briefing, b: &Briefing) -> bool {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) if x != y => x > y,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        _ => a.title.to_lowercase() <= b.title.to_lowercase(),
    }
}

/// A library of briefings written as TOML, the N-th read from `bN.toml`; every one must
/// load. For tests.
#[cfg(test)]
pub(crate) fn of_toml<S: AsRef<str>>(files: &[S]) -> Library {
    let mut library = Library::default();
    library.extend(files.iter().enumerate().map(|(i, src)| {
        let origin = format!("b{i}.toml");
        crate::content::parse(&origin, src.as_ref()).map_err(|diagnostics| LoadFailure {
            origin,
            diagnostics,
        })
    }));
    assert!(library.failures.is_empty(), "{:?}", library.failures);
    library
}

#[cfg(test)]
mod tests;
