//! Loading briefings: one file, standard input, the ones built into the binary, or every
//! briefing under some paths, on as many threads as asked.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::source::{
    Candidate, DEFAULT_MAX_FILE_SIZE, declares_briefing, discover, is_markdown, open_regular,
    read_capped, read_stdin,
};
use super::{Library, LoadFailure};
use crate::content::diagnostic::Diagnostic;
use crate::content::{self, Briefing, parse, sanitize};
use crate::import;

/// The bundled briefings, compiled in so an installed `brief` always has something to show.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "syria-joins-anti-isil-coalition",
        include_str!("../../content/syria-joins-anti-isil-coalition.toml"),
    ),
    (
        "getting-started",
        include_str!("../../content/getting-started.toml"),
    ),
];

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
pub const NO_BRIEFINGS: &str = "no briefings found (a directory search takes *.toml files with a [briefing] table and *.md articles)";

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
    parsed_as(path, origin, text, canonical_key(path))
}

/// [`parsed`], keyed by `key` (see [`canonical_key`]) when there is one.
fn parsed_as(
    path: &Path,
    origin: &str,
    text: &str,
    key: Option<String>,
) -> Result<Briefing, LoadFailure> {
    let fail = |diagnostics| LoadFailure {
        origin: origin.to_owned(),
        diagnostics,
    };
    let mut briefing = if is_markdown(path) {
        // An article, converted as `brief import` would; what was guessed is in its notes.
        import::import(
            origin,
            text,
            import::Format::Markdown,
            import::Options::default(),
        )
        .map(|made| made.briefing)
        .map_err(|d| fail(vec![d]))?
    } else {
        parse(origin, text).map_err(fail)?
    };
    if let Some(key) = key {
        briefing.key = key;
    }
    Ok(briefing)
}

/// The key of the briefing in the file at `path`: its canonical path, so that two spellings of
/// one file are one briefing (`None` when it cannot be resolved: the origin is the key then).
fn canonical_key(path: &Path) -> Option<String> {
    std::fs::canonicalize(path)
        .ok()
        .map(|canonical| display_path(&canonical))
}

/// Loads a file found by [`discover`]: `None` when it was found by a directory search and does
/// not declare itself a briefing (a `*.md` file: does not look like an article, see
/// [`import::looks_like_article`]); a file that cannot be read is reported, since nothing
/// shows what it is.
pub fn load_candidate(
    candidate: &Candidate,
    options: LoadOptions,
) -> Option<Result<Briefing, LoadFailure>> {
    let path = &candidate.path;
    if candidate.named && is_special(path) {
        return Some(load_file(path, options));
    }
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
    let wanted = candidate.named
        || if is_markdown(path) {
            import::may_be_article(path) && import::looks_like_article(&text)
        } else {
            declares_briefing(&text)
        };
    if !wanted {
        return None;
    }
    Some(parsed_as(path, &origin, &text, canonical_key(path)))
}

/// [`load_candidate`], handing `opening` the briefing's opening first when the file is long
/// enough to have one (a TOML file of at least [`content::OPENING_FROM`] bytes, see
/// [`content::opening`]): what a reader draws its first frame from while the rest is parsed.
/// The opening is read on its own, a piece at a time ([`content::opening_read`]), before the
/// whole file is: the first frame does not wait for the whole file to be in memory. A file
/// found in a directory has an opening only if it declares itself a briefing, as it must to
/// be loaded; the file may still change before it is read whole, so an opening may be
/// followed by `None`.
pub fn load_candidate_opening(
    candidate: &Candidate,
    options: LoadOptions,
    opening: impl FnOnce(Briefing),
) -> Option<Result<Briefing, LoadFailure>> {
    if let Some(mut first) = read_opening(candidate, options) {
        if let Some(key) = canonical_key(&candidate.path) {
            first.key = key;
        }
        opening(first);
    }
    load_candidate(candidate, options)
}

/// The opening of the TOML briefing at `candidate`, read a piece at a time: `None` for a
/// special path, a Markdown file, a file that cannot be read, is shorter than
/// [`content::OPENING_FROM`] or longer than the size limit, found in a directory without
/// declaring itself a briefing ([`declares_briefing`] of the text the opening keeps: all but
/// the sections left out), or has no opening.
fn read_opening(candidate: &Candidate, options: LoadOptions) -> Option<Briefing> {
    let path = &candidate.path;
    if is_special(path) || is_markdown(path) {
        return None;
    }
    let file = open_regular(path).ok()?;
    let told = file.metadata().ok()?.len();
    let cap = options.max_file_size;
    if told < content::OPENING_FROM as u64 || told > cap {
        return None;
    }
    // At most `cap` bytes, and one more to tell a file that grew past it.
    let mut capped = std::io::Read::take(file, cap.saturating_add(1));
    let accept = |text: &str| candidate.named || declares_briefing(text);
    let opening = content::opening_read(&display_path(path), &mut capped, accept).ok()??;
    (capped.limit() > 0).then_some(opening)
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
