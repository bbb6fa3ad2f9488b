//! Finding and reading briefing files safely: only regular files are opened (never a FIFO or a
//! device, which could block or never end), reads stop at a size cap whatever the metadata
//! claims, symlinked directories are followed at most once, and invalid UTF-8 is located.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{LoadFailure, display_path};
use crate::content::diagnostic::{Diagnostic, LineIndex, Severity};

/// Default cap on the size of one file: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Whether a file found in a directory may be a briefing by its name: `*.toml`, or `*.md`
/// (an article the importer converts at load, docs/import.md).
pub fn is_briefing_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml" || e == "md")
}

/// Whether `path` names a Markdown article (`*.md`), read through the importer.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// A file to load, as found by [`discover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The path as the user spelled it (or as the directory walk built it).
    pub path: PathBuf,
    /// Named on the command line, so loaded whatever it holds; a file found by a directory
    /// search is loaded only if it declares itself a briefing (see [`declares_briefing`]).
    pub named: bool,
}

/// Expands `paths` into the files to load, sorted, plus the paths that could not be used.
/// Directories are searched recursively for `*.toml` and `*.md` files; hidden entries are
/// skipped. One
/// file reached by several spellings (`a.toml` and `./a.toml`, a symlink, a directory named
/// twice) is listed once, under the first spelling in sorted order.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<LoadFailure>) {
    let mut found = Vec::new();
    let mut failures = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut visited, &mut found, &mut failures),
            // An explicitly named file is loaded whatever its extension; read_capped vets it.
            Ok(meta) => found.push((path.clone(), FileId::of(path, &meta), true)),
            Err(err) => failures.push(failure(path, &open_error(path, &err))),
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut first: HashMap<FileId, usize> = HashMap::new();
    let mut files: Vec<Candidate> = Vec::new();
    for (path, id, named) in found {
        // The same file again: one briefing, named if any spelling was.
        if let Some(&at) = first.get(&id) {
            if let Some(c) = files.get_mut(at) {
                c.named |= named;
            }
        } else {
            first.insert(id, files.len());
            files.push(Candidate { path, named });
        }
    }
    (files, failures)
}

/// What makes two paths the same file: device and inode where there are such things, else the
/// canonical path. Both come from metadata the walk reads anyway, so deduplication costs no
/// extra system call per file on Unix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileId {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &fs::Metadata) -> Self {
        Self::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Whether a file found by a directory search declares itself a briefing: it has a top-level
/// `briefing` table, written as a `[briefing]` header line, or before any table header as a
/// dotted key (`briefing.title = …`) or an inline table (`briefing = {…}`). A line scan rather
/// than a TOML parse: it is cheap, works on a file too broken to parse (whose errors are then
/// reported), and a false match only means the file is checked and its problems shown.
pub fn declares_briefing(text: &str) -> bool {
    let mut top_level = true;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.starts_with('[') {
            let name: String = line
                .split('#')
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| !matches!(c, '[' | ']' | '"' | '\'') && !c.is_whitespace())
                .collect();
            if name == "briefing" && !line.starts_with("[[") {
                return true;
            }
            top_level = false;
        } else if top_level
            && let Some(rest) = line
                .strip_prefix("briefing")
                .or_else(|| line.strip_prefix("\"briefing\""))
            && matches!(rest.trim_start().chars().next(), Some('.' | '='))
        {
            return true;
        }
    }
    false
}

// Over 40 lines as one function: one directory's entries sorted and sorted out (hidden,
// directories, briefings, traps) in one pass.
fn walk(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<(PathBuf, FileId, bool)>,
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
        let is_candidate = is_briefing_name(&path);
        match fs::metadata(&path) {
            // A directory named like a briefing is almost certainly a mistake: say so rather
            // than silently walking into it.
            Ok(meta) if meta.is_dir() && is_toml => {
                failures.push(failure(&path, DIRECTORY));
            }
            Ok(meta) if meta.is_dir() => walk(&path, visited, files, failures),
            Ok(meta) if is_candidate => {
                let id = FileId::of(&path, &meta);
                files.push((path, id, false));
            }
            Err(err) if is_candidate => failures.push(failure(&path, &open_error(&path, &err))),
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
    let Some(bytes) = read_bytes_capped(path, origin, cap)? else {
        let limit = human_size(cap);
        return Err(Diagnostic::file(
            origin,
            format!("file is larger than the {limit} limit (see --max-file-size)"),
        ));
    };
    decode(bytes, origin)
}

/// The bytes of a regular file (opened as [`read_capped`] opens it: never a FIFO or a device),
/// or `None` when it holds more than `cap` bytes: known from its metadata without reading, or
/// found by reading at most `cap + 1` bytes, since some files (in /proc, or still growing)
/// hold more than they report.
pub fn read_bytes_capped(
    path: &Path,
    origin: &str,
    cap: u64,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let file = open_regular(path).map_err(|m| Diagnostic::file(origin, m))?;
    let told = file.metadata().map_or(0, |m| m.len());
    if told > cap {
        return Ok(None);
    }
    // Room for what the file says it holds and the byte that shows it ends, so the buffer is
    // not grown by doubling (ten thousand files read so left their discarded buffers all over
    // the heap).
    let room = usize::try_from(told.saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::file(origin, format!("cannot read: {}", io_reason(&e))))?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// Reads standard input, at most `cap` bytes, as the text of one briefing.
pub fn read_stdin(origin: &str, cap: u64) -> Result<String, Diagnostic> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::file(origin, format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > cap {
        let limit = human_size(cap);
        return Err(Diagnostic::file(
            origin,
            format!("input is larger than the {limit} limit (see --max-file-size)"),
        ));
    }
    decode(bytes, origin)
}

/// The bytes of a file as UTF-8 text; a file in another Unicode encoding is named as such.
fn decode(bytes: Vec<u8>, origin: &str) -> Result<String, Diagnostic> {
    if let Some(encoding) = other_encoding(&bytes) {
        return Err(Diagnostic::file(
            origin,
            format!(
                "file is {encoding}, not UTF-8: convert it (e.g. iconv -f {} -t UTF-8)",
                encoding.split(' ').next().unwrap_or_default()
            ),
        ));
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

/// Recognises UTF-32 and UTF-16 by their byte-order mark, and UTF-16 without one by its zero
/// bytes: text in Latin script puts a zero in every other byte, which UTF-8 text never holds.
fn other_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some("UTF-32LE (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("UTF-32BE (big-endian)"),
        [0xFF, 0xFE, ..] => return Some("UTF-16LE (little-endian)"),
        [0xFE, 0xFF, ..] => return Some("UTF-16BE (big-endian)"),
        _ => {}
    }
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(512).collect();
    if pairs.len() < 2 {
        return None;
    }
    let zero_at = |i: usize| pairs.iter().filter(|p| p.get(i) == Some(&0)).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    // Most pairs hold one zero, always on the same side.
    let most = pairs.len() / 2 + 1;
    if odd >= most && even == 0 {
        Some("UTF-16LE (little-endian)")
    } else if even >= most && odd == 0 {
        Some("UTF-16BE (big-endian)")
    } else {
        None
    }
}

/// Opens `path` only if it is a regular file. The open itself is non-blocking so a FIFO that
/// appears between the check and the open cannot hang the load; the check is repeated on the
/// open handle.
pub(super) fn open_regular(path: &Path) -> Result<File, String> {
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

/// An I/O error's reason without the "(os error N)" suffix, lower case like every other
/// message ("no such file or directory"), cleaned for the terminal.
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    // Lowercase like every other message ("no such file or directory").
    let mut chars = text.chars();
    let text: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    crate::content::sanitize::line(&text)
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
mod tests;
