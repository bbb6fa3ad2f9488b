//! Finding and reading briefing files safely: only regular files are opened (never a FIFO or a
//! device, which could block or never end), reads stop at a size cap whatever the metadata
//! claims, symlinked directories are followed at most once, and invalid UTF-8 is located.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{LoadFailure, display_path};
use crate::diagnostic::{Diagnostic, LineIndex, Severity};

/// Default cap on the size of one file: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Expands `paths` into the `*.toml` files to load, sorted, plus the paths that could not be
/// used. Directories are searched recursively; hidden entries are skipped.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadFailure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut visited, &mut files, &mut failures),
            // An explicitly named file is loaded whatever its extension; read_capped vets it.
            Ok(_) => files.push(path.clone()),
            Err(err) => failures.push(failure(path, &open_error(path, &err))),
        }
    }
    files.sort();
    files.dedup();
    (files, failures)
}

fn walk(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    failures: &mut Vec<LoadFailure>,
) {
    // Canonical paths stop symlink loops and double visits.
    let Ok(canonical) = fs::canonicalize(dir) else {
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            failures.push(failure(
                dir,
                &format!("cannot read directory: {}", io_reason(&err)),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        match fs::metadata(&path) {
            // A directory named like a briefing is almost certainly a mistake: say so rather
            // than silently walking into it.
            Ok(meta) if meta.is_dir() && is_toml => {
                failures.push(failure(&path, DIRECTORY));
            }
            Ok(meta) if meta.is_dir() => walk(&path, visited, files, failures),
            Ok(_) if is_toml => files.push(path),
            Err(err) if is_toml => failures.push(failure(&path, &open_error(&path, &err))),
            _ => {}
        }
    }
}

const DIRECTORY: &str = "cannot load: a directory, not a briefing file";

/// Why `path` could not be opened; a symlink to nothing says so instead of "not found".
fn open_error(path: &Path, err: &std::io::Error) -> String {
    let dangling = err.kind() == std::io::ErrorKind::NotFound
        && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling {
        "cannot open: broken symbolic link (its target does not exist)".to_owned()
    } else {
        format!("cannot open: {}", io_reason(err))
    }
}

fn failure(path: &Path, message: &str) -> LoadFailure {
    let origin = display_path(path);
    LoadFailure {
        diagnostics: vec![Diagnostic::file(&origin, message)],
        origin,
    }
}

/// Reads a regular file of at most `cap` bytes as UTF-8.
pub fn read_capped(path: &Path, origin: &str, cap: u64) -> Result<String, Diagnostic> {
    let too_big = || {
        let limit = human_size(cap);
        Diagnostic::file(
            origin,
            format!("file is larger than the {limit} limit (see --max-file-size)"),
        )
    };
    let file = open_regular(path).map_err(|m| Diagnostic::file(origin, m))?;
    // The metadata refuses a big file without reading it; the capped read below is what
    // counts, since some files (in /proc, or still growing) hold more than they report.
    if file.metadata().is_ok_and(|m| m.len() > cap) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::file(origin, format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > cap {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.into_bytes();
        let prefix = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
        let position = LineIndex::new(&prefix).position(prefix.len());
        Diagnostic {
            path: origin.to_owned(),
            position: Some(position),
            severity: Severity::Error,
            message: "file is not valid UTF-8".to_owned(),
        }
    })
}

/// Opens `path` only if it is a regular file. The open itself is non-blocking so a FIFO that
/// appears between the check and the open cannot hang the load; the check is repeated on the
/// open handle.
fn open_regular(path: &Path) -> Result<File, String> {
    let meta = fs::metadata(path).map_err(|e| open_error(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = nonblocking_open(path).map_err(|e| open_error(path, &e))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

#[cfg(unix)]
fn nonblocking_open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn nonblocking_open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

fn not_regular(meta: &fs::Metadata) -> String {
    if meta.is_dir() {
        return DIRECTORY.to_owned();
    }
    format!("cannot load: {}, not a regular file", file_kind(meta))
}

#[cfg(unix)]
fn file_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn file_kind(_: &fs::Metadata) -> &'static str {
    "a special file"
}

/// An I/O error's reason without the "(os error N)" suffix.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    // Lowercase like every other message ("no such file or directory").
    let mut chars = text.chars();
    let text: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    crate::sanitize::line(&text)
}

/// `8 MiB`, `512 KiB`, `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(8 * 1024 * 1024), "8 MiB");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }
}
