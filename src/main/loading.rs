//! Loading the briefings a command names: the paths given, else the config file's library,
//! else ./content or the built-in briefings (said on standard error); and reporting what
//! failed, with the exit status that follows.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brief::cli::args::Limits;
use brief::content::diagnostic::Diagnostic;
use brief::library::{self, Library, LoadOptions};
use brief::settings::file::Config;

pub(super) fn options(config: &Config, limits: Limits) -> LoadOptions {
    LoadOptions {
        max_file_size: config.max_file_size(limits.max_file_size),
    }
}

/// Reports every load failure on standard error (and an empty result as "no briefings
/// found"); the exit status is 1 if there was any, or if `ok` is false.
pub(super) fn finish(library: &Library, ok: bool) -> ExitCode {
    let mut err = io::stderr().lock();
    for failure in &library.failures {
        for d in &failure.diagnostics {
            let _ = writeln!(err, "{d}");
        }
    }
    if library.briefings.is_empty() && library.failures.is_empty() {
        let _ = writeln!(err, "brief: {}", library::NO_BRIEFINGS);
    }
    if ok && library.failures.is_empty() && !library.briefings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Like [`load`], saying on standard error which set is used when neither the command line
/// nor the config file named one.
pub(super) fn load_announced(
    paths: &[PathBuf],
    config: &Config,
    limits: Limits,
    doing: &str,
) -> Library {
    if let Some(fallback) = fallback(paths, config) {
        eprintln!("brief: no path given and no library configured: {doing} {fallback}");
    }
    load(paths, config, options(config, limits))
}

/// Loads the given paths, or the config file's library, or ./content, or the built-in
/// briefings.
pub(super) fn load(paths: &[PathBuf], config: &Config, options: LoadOptions) -> Library {
    match disk_paths(paths, config) {
        Some(paths) => library::load_paths(&paths, options),
        None => library::load_built_in(),
    }
}

/// The paths to read: those given, or the config file's `[library] paths`, or ./content;
/// `None` for the built-in briefings.
pub(super) fn disk_paths(paths: &[PathBuf], config: &Config) -> Option<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    if !config.library.paths.is_empty() {
        return Some(config.library.paths.clone());
    }
    let local = Path::new("content");
    local.is_dir().then(|| vec![local.to_path_buf()])
}

/// When neither the command line nor the config file names the library: what is read
/// instead (./content, or the built-in briefings), to be said.
pub(super) fn fallback(paths: &[PathBuf], config: &Config) -> Option<&'static str> {
    if !paths.is_empty() || !config.library.paths.is_empty() {
        return None;
    }
    Some(if disk_paths(paths, config).is_some() {
        "./content"
    } else {
        "the briefings built into brief (there is no ./content here)"
    })
}

pub(super) fn report(problems: &[Diagnostic]) -> ExitCode {
    let mut err = io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    ExitCode::from(2)
}
