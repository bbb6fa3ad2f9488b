//! The briefings as a collection: finding `*.toml` files, reading them with a size cap,
//! loading them (or the ones built into the binary) into a [`Library`], reloading it, and
//! watching the files for changes ([`watch`]). One bad file never stops the others: each
//! failure is kept with its diagnostics next to the briefings that did load.

mod source;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use source::{
    Candidate, DEFAULT_MAX_FILE_SIZE, declares_briefing, discover, read_capped, read_stdin,
};

use crate::content::diagnostic::Diagnostic;
use crate::content::{Briefing, BriefingId, parse, sanitize};

/// The bundled briefings, compiled in so an installed `brief` always has something to show.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "syria-joins-anti-isil-coalition",
        include_str!("../content/syria-joins-anti-isil-coalition.toml"),
    ),
    (
        "getting-started",
        include_str!("../content/getting-started.toml"),
    ),
];

/// A file that could not be loaded, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// The file as shown to the user.
    pub origin: String,
    /// At least one problem.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything a load produced: the briefings, newest first, and the files that failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    /// Loaded briefings, newest first (undated last), then by title.
    pub briefings: Vec<Briefing>,
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
                self.briefings.insert(at, briefing);
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
    /// O(n log n) rather than O(n²) for a large library. Returns, for each briefing there was
    /// before the call, where it is now (so that selections can follow).
    pub fn extend(
        &mut self,
        results: impl IntoIterator<Item = Result<Briefing, LoadFailure>>,
    ) -> Vec<usize> {
        let old = self.briefings.len();
        for result in results {
            match result {
                Ok(briefing) => self.briefings.push(briefing),
                Err(failure) => self.failures.push(failure),
            }
        }
        self.failures.sort_by(|a, b| a.origin.cmp(&b.origin));
        // Stable, and the old briefings come first: equal ones keep their arrival order.
        let mut order: Vec<usize> = (0..self.briefings.len()).collect();
        order.sort_by(|&i, &j| order_of(&self.briefings[i], &self.briefings[j]));
        let mut slots: Vec<Option<Briefing>> = self.briefings.drain(..).map(Some).collect();
        let mut moved = vec![0; old];
        for (to, &from) in order.iter().enumerate() {
            if let Some(m) = moved.get_mut(from) {
                *m = to;
            }
            if let Some(b) = slots.get_mut(from).and_then(Option::take) {
                self.briefings.push(b);
            }
        }
        if self.briefings.len() > old {
            self.note_id_clashes();
        }
        moved
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
                let briefing = &mut self.briefings[at];
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

/// What a reload changed (see [`Library::refresh`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refreshed {
    /// Briefings whose file now holds something else, by [`Briefing::key`].
    pub changed: Vec<String>,
    /// Briefings from files not seen before.
    pub added: usize,
    /// Briefings whose file is gone (not counting one kept open).
    pub removed: usize,
    /// Files that loaded before and fail now: their last good version is kept (origins).
    pub broken: Vec<String>,
    /// The briefing asked to be kept is gone from disk but kept.
    pub kept_gone: bool,
}

impl Refreshed {
    /// Whether the reload found nothing different.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A new reading of the library's files, for [`Library::refresh`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reload {
    /// What the files hold now.
    pub fresh: Library,
    /// The files read again, by origin, when only some were (a change seen on disk); `None`
    /// when every path was read again (a full reload, `r`).
    pub scope: Option<std::collections::HashSet<String>>,
    /// Asked for by the reader (`r`), who is then told even that nothing changed.
    pub by_hand: bool,
}

impl Library {
    /// Takes `reload`, a new reading of all of the library's files or of those in its scope.
    /// Each briefing replaces the one read from the same file (by [`Briefing::key`]); new files
    /// are added; a briefing whose file was read again and is gone is dropped, unless it is
    /// `keep` (the one open: it stays readable until the reader moves on). A file that loaded
    /// before and fails now keeps its last good version, and its failure is listed too.
    /// Briefings and failures outside the scope stay as they were. Order and id clashes as for
    /// [`Library::extend`]. O(n) in the library's size.
    pub fn refresh(&mut self, reload: Reload, keep: Option<&str>) -> Refreshed {
        let Reload { fresh, scope, .. } = reload;
        let in_scope = |origin: &str| scope.as_ref().is_none_or(|s| s.contains(origin));
        let mut slots: Vec<Option<Briefing>> = self.briefings.drain(..).map(Some).collect();
        let by_key: std::collections::HashMap<String, usize> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.as_ref().map(|b| (b.key.clone(), i)))
            .collect();
        let mut out = Refreshed::default();
        let mut briefings = Vec::with_capacity(fresh.briefings.len() + slots.len());
        for b in fresh.briefings {
            match by_key.get(&b.key).and_then(|&i| slots.get_mut(i)?.take()) {
                Some(previous) if !previous.same_text(&b) => out.changed.push(b.key.clone()),
                Some(_) => {}
                None => out.added += 1,
            }
            briefings.push(b);
        }
        for failure in &fresh.failures {
            let last_good = slots
                .iter_mut()
                .find(|b| b.as_ref().is_some_and(|b| b.origin == failure.origin));
            if let Some(b) = last_good.and_then(Option::take) {
                briefings.push(b);
                out.broken.push(failure.origin.clone());
            }
        }
        if let Some(b) = keep
            .and_then(|key| by_key.get(key))
            .and_then(|&i| slots.get_mut(i)?.take())
        {
            out.kept_gone = in_scope(&b.origin);
            briefings.push(b);
        }
        for b in slots.into_iter().flatten() {
            if in_scope(&b.origin) {
                out.removed += 1;
            } else {
                briefings.push(b);
            }
        }
        self.failures.retain(|f| !in_scope(&f.origin));
        self.failures.extend(fresh.failures);
        self.failures.sort_by(|a, b| a.origin.cmp(&b.origin));
        self.extend(briefings.into_iter().map(Ok));
        out
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

/// How a load reads files.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this many bytes are refused (enforced while reading).
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// The path as shown to the user: lossy UTF-8, sanitised.
pub fn display_path(path: &Path) -> String {
    sanitize::line(&path.to_string_lossy())
}

/// What every command says when the paths given hold no briefing.
pub const NO_BRIEFINGS: &str =
    "no briefings found (a directory search takes *.toml files with a [briefing] table)";

/// How standard input is named in messages (the command line names it `-`).
pub const STDIN: &str = "<stdin>";

/// The prefix of the names of the briefings built into brief (`built-in:getting-started`).
pub const BUILT_IN_PREFIX: &str = "built-in:";

/// Whether `path` names something other than a file on disk: `-` (standard input) or a
/// built-in briefing (`built-in:NAME`).
pub fn is_special(path: &Path) -> bool {
    path == Path::new("-")
        || path
            .to_str()
            .is_some_and(|p| p.starts_with(BUILT_IN_PREFIX))
}

/// Reads and validates one briefing: a file, `-` for standard input, or `built-in:NAME`.
pub fn load_file(path: &Path, options: LoadOptions) -> Result<Briefing, LoadFailure> {
    if path == Path::new("-") {
        let fail = |diagnostics| LoadFailure {
            origin: STDIN.to_owned(),
            diagnostics,
        };
        let text = read_stdin(STDIN, options.max_file_size).map_err(|d| fail(vec![d]))?;
        return parse(STDIN, &text).map_err(fail);
    }
    if let Some(name) = path.to_str().and_then(|p| p.strip_prefix(BUILT_IN_PREFIX)) {
        return load_one_built_in(name);
    }
    let origin = display_path(path);
    let text = read_capped(path, &origin, options.max_file_size).map_err(|d| LoadFailure {
        origin: origin.clone(),
        diagnostics: vec![d],
    })?;
    parsed(path, &origin, &text)
}

fn parsed(path: &Path, origin: &str, text: &str) -> Result<Briefing, LoadFailure> {
    let mut briefing = parse(origin, text).map_err(|diagnostics| LoadFailure {
        origin: origin.to_owned(),
        diagnostics,
    })?;
    if let Ok(canonical) = std::fs::canonicalize(path) {
        briefing.key = display_path(&canonical);
    }
    Ok(briefing)
}

/// Loads a file found by [`discover`]: `None` when it was found by a directory search and does
/// not declare itself a briefing (a file that cannot be read is reported, since nothing shows
/// what it is).
pub fn load_candidate(
    candidate: &Candidate,
    options: LoadOptions,
) -> Option<Result<Briefing, LoadFailure>> {
    if candidate.named {
        return Some(load_file(&candidate.path, options));
    }
    let path = &candidate.path;
    let origin = display_path(path);
    let text = match read_capped(path, &origin, options.max_file_size) {
        Ok(text) => text,
        Err(d) => {
            return Some(Err(LoadFailure {
                origin,
                diagnostics: vec![d],
            }));
        }
    };
    declares_briefing(&text).then(|| parsed(path, &origin, &text))
}

/// Loads every briefing under `paths`: files, directories searched recursively, `-` for
/// standard input, `built-in:NAME`. Each briefing once, however often it is named.
pub fn load_paths(paths: &[PathBuf], options: LoadOptions) -> Library {
    let (special, disk): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| is_special(p));
    let (files, failures) = discover(&disk);
    let mut library = Library {
        briefings: Vec::new(),
        failures,
    };
    let mut special_done = std::collections::HashSet::new();
    let specials = special
        .iter()
        .filter(|p| special_done.insert(p.as_path()))
        .map(|p| load_file(p, options));
    library.extend(
        specials.chain(
            files
                .iter()
                .filter_map(|file| load_candidate(file, options)),
        ),
    );
    library
}

/// Reads and validates `files` on up to `threads` threads, handing each result to `sink` as
/// soon as it is ready (in no particular order). Returns when every file is done or `sink`
/// returns false (the receiver is gone), with the number of files skipped because they do not
/// declare themselves briefings.
pub fn load_each<F>(files: &[Candidate], options: LoadOptions, threads: usize, sink: F) -> usize
where
    F: Fn(Result<Briefing, LoadFailure>) -> bool + Sync,
{
    let next = AtomicUsize::new(0);
    let skipped = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let work = || {
        while !stop.load(Ordering::Relaxed) {
            let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return;
            };
            match load_candidate(file, options) {
                Some(result) => {
                    if !sink(result) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                None => {
                    skipped.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.clamp(1, 16) {
            scope.spawn(work);
        }
        work();
    });
    skipped.into_inner()
}

/// One briefing built into the binary, by name.
fn load_one_built_in(name: &str) -> Result<Briefing, LoadFailure> {
    let origin = format!("{BUILT_IN_PREFIX}{name}");
    let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| *n == name) else {
        let known: Vec<String> = BUILT_IN
            .iter()
            .map(|(n, _)| format!("{BUILT_IN_PREFIX}{n}"))
            .collect();
        let message = format!(
            "no briefing built into brief is named `{}` (built in: {})",
            sanitize::line(name),
            known.join(", ")
        );
        return Err(LoadFailure {
            diagnostics: vec![Diagnostic::file(&sanitize::line(&origin), message)],
            origin: sanitize::line(&origin),
        });
    };
    parse(&origin, text).map_err(|diagnostics| LoadFailure {
        origin,
        diagnostics,
    })
}

/// Loads the briefings built into the binary.
pub fn load_built_in() -> Library {
    let mut library = Library::default();
    for (name, _) in BUILT_IN {
        library.push(load_one_built_in(name));
    }
    library
}

#[cfg(test)]
mod tests;
