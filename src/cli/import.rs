//! `brief import` and `brief new`: reading articles safely (regular files only, at most
//! 100 MB, text only), writing each briefing atomically (a temporary file in the target
//! directory, then a rename; never over a file unless asked), and saying what was made on
//! standard output and what was guessed on standard error (docs/import.md).

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::cli::args::Import;
use crate::content::diagnostic::Diagnostic;
use crate::import::{self, Format, MAX_INPUT, Options};
use crate::library::{STDIN, display_path, read_bytes_capped};

/// How an import run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input made a briefing.
    AllImported,
    /// At least one input failed (the others were still imported).
    SomeFailed,
}

/// Runs `brief import`: each input read, converted and written (or printed), every failure
/// reported on `err` as `path[:line:column]: error: …`, notes (the guesses) as
/// `path:line:column: note: …`. `cwd` is where briefings go without `--out`.
///
/// # Errors
/// Only a failed write to `out` or `err` (a closed pipe); a failed input is an outcome.
pub fn run(
    args: &Import,
    out: &mut impl Write,
    err: &mut impl Write,
    cwd: &Path,
) -> io::Result<Outcome> {
    let options = Options {
        keywords: !args.no_keywords,
    };
    let dir = args.out.clone().unwrap_or_else(|| cwd.to_path_buf());
    let mut names_taken: Vec<PathBuf> = Vec::new();
    let mut failed = false;
    for input in &args.inputs {
        let origin = if input == Path::new("-") {
            STDIN.to_owned()
        } else {
            display_path(input)
        };
        let made = read(input, &origin).and_then(|bytes| {
            let text = import::text_of(&origin, &bytes)?;
            let format = args
                .format
                .or_else(|| Format::from_extension(input))
                .unwrap_or_else(|| Format::sniff(text));
            import::import(&origin, text, format, options)
        });
        let made = match made {
            Ok(made) => made,
            Err(d) => {
                writeln!(err, "{d}")?;
                failed = true;
                continue;
            }
        };
        let target = match &args.output {
            Some(file) => file.clone(),
            None => dir.join(file_name(&made.briefing.title, &names_taken)),
        };
        names_taken.push(target.clone());
        // What was guessed is said with what was made, not before a write that fails.
        let notes: Vec<String> = made
            .briefing
            .imported
            .iter()
            .flat_map(|i| i.notes.iter().map(ToString::to_string))
            .collect();
        let summary = format!(
            "\"{}\" ({}, {}) from {origin}",
            made.briefing.title,
            crate::text::count(made.briefing.sections.len(), "section", "sections"),
            crate::text::count(made.briefing.takeaways.len(), "takeaway", "takeaways"),
        );
        if args.dry_run || target == Path::new("-") {
            for note in &notes {
                writeln!(err, "{note}")?;
            }
            if args.dry_run {
                writeln!(
                    err,
                    "brief import: would write {}: {summary}",
                    display_path(&target)
                )?;
            }
            out.write_all(made.toml.as_bytes())?;
            continue;
        }
        // `--out DIR` is made when it does not exist yet.
        if args.out.is_some()
            && let Err(e) = fs::create_dir_all(&dir)
        {
            writeln!(
                err,
                "{}: error: cannot create: {}",
                display_path(&dir),
                crate::library::io_reason(&e)
            )?;
            failed = true;
            continue;
        }
        match write_new(&target, made.toml.as_bytes(), args.force) {
            Ok(()) => {
                for note in &notes {
                    writeln!(err, "{note}")?;
                }
                writeln!(out, "wrote {}: {summary}", display_path(&target))?;
            }
            Err(message) => {
                writeln!(err, "{}: error: {message}", display_path(&target))?;
                failed = true;
            }
        }
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllImported
    })
}

/// The input's bytes: a regular file or standard input, refused past [`MAX_INPUT`] bytes
/// without reading the rest.
fn read(input: &Path, origin: &str) -> Result<Vec<u8>, Diagnostic> {
    let too_big = || {
        Diagnostic::file(
            origin,
            "input is larger than 100 MB: brief imports articles, not archives",
        )
    };
    if input == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                Diagnostic::file(
                    origin,
                    format!("cannot read: {}", crate::library::io_reason(&e)),
                )
            })?;
        return if bytes.len() as u64 > MAX_INPUT {
            Err(too_big())
        } else {
            Ok(bytes)
        };
    }
    read_bytes_capped(input, origin, MAX_INPUT)?.ok_or_else(too_big)
}

/// `slug.toml` for a title (the slug as section ids are made: lower case, runs of other
/// characters than letters and digits as one `-`, at most 80 characters), with `-2`, `-3` …
/// when this run already wrote that name. Only letters, digits and `-`: a title cannot name a
/// path outside the directory.
fn file_name(title: &str, taken: &[PathBuf]) -> String {
    let mut slug = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        if slug.chars().count() >= 80 {
            break;
        }
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "briefing" } else { slug };
    let mut name = format!("{slug}.toml");
    let mut n = 2;
    while taken.iter().any(|t| t.file_name() == Some(name.as_ref())) {
        name = format!("{slug}-{n}.toml");
        n += 1;
    }
    name
}

/// Writes `bytes` to `target` atomically: into a temporary file in the same directory, then
/// linked (no `force`: fails if `target` exists, with no window in which it could be
/// replaced) or renamed (`force`) onto it. A failure leaves no temporary file behind.
pub fn write_new(target: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    if !force && fs::symlink_metadata(target).is_ok() {
        return Err("exists; use --force to replace it".to_owned());
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "briefing".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(format!("cannot write: {}", crate::library::io_reason(&e)));
    }
    let placed = if force {
        fs::rename(&temp, target)
    } else {
        // A hard link fails if the target appeared meanwhile; where links are not supported,
        // a rename after the check above is the best there is.
        match fs::hard_link(&temp, target) {
            Ok(()) => fs::remove_file(&temp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            Err(_) => fs::rename(&temp, target),
        }
    };
    if let Err(e) = placed {
        let _ = fs::remove_file(&temp);
        return Err(if e.kind() == io::ErrorKind::AlreadyExists {
            "exists; use --force to replace it".to_owned()
        } else {
            format!("cannot write: {}", crate::library::io_reason(&e))
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_slugs_and_never_paths() {
        assert_eq!(
            file_name("Historic Move: Syria", &[]),
            "historic-move-syria.toml"
        );
        assert_eq!(file_name("../../etc/passwd", &[]), "etc-passwd.toml");
        assert_eq!(file_name("東京の朝", &[]), "東京の朝.toml");
        assert_eq!(file_name("!!!", &[]), "briefing.toml");
        let taken = [PathBuf::from("d/a.toml")];
        assert_eq!(file_name("A", &taken), "a-2.toml");
    }

    #[test]
    fn writing_never_replaces_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        write_new(&target, b"one", false).unwrap();
        assert!(
            write_new(&target, b"two", false)
                .unwrap_err()
                .contains("--force")
        );
        assert_eq!(fs::read(&target).unwrap(), b"one");
        write_new(&target, b"two", true).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
    }
}
