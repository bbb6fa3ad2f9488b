//! `brief config`: the config file checked, or where it is looked for, or a commented default.

use std::io::{self, Write};

use crate::library::display_path;
use crate::settings::file::{self, Config};

/// The problems of the files the config names, read as the reader would read them: the keys
/// and watchlist files (its own or the default ones beside it) and a theme file.
fn named_files(config: &Config) -> Vec<crate::content::diagnostic::Diagnostic> {
    let max = config.max_file_size(None);
    let mut problems = Vec::new();
    if let Err(found) = config.keymap(None, max) {
        problems.extend(found);
    }
    if let Err(found) = config.watchlist(None, &[], max) {
        problems.extend(found);
    }
    if let Some(theme) = &config.reader.theme
        && theme != crate::settings::theme::AUTO
        && let Err(found) = crate::settings::theme::load(theme, max)
    {
        problems.extend(found);
    }
    problems
}

/// `brief config`: with `print_default`, the commented default config file; with `path`,
/// where the config file is looked for (whether or not it exists); otherwise the file is
/// checked, with the keys, watchlist and theme files it names: `PATH: ok`, or that there is
/// none, or every problem on standard error with its `path:line:column`. Returns false when the file has problems or there is no home
/// directory.
///
/// # Errors
/// A failed write to `out`.
pub fn config(out: &mut impl Write, path: bool, print_default: bool) -> io::Result<bool> {
    if print_default {
        out.write_all(file::DEFAULT.as_bytes())?;
        return Ok(true);
    }
    let Some(found) = file::path() else {
        eprintln!("brief: no home directory, so no config file");
        return Ok(false);
    };
    let shown = display_path(&found);
    if path {
        writeln!(out, "{shown}")?;
        return Ok(true);
    }
    if !found.exists() {
        writeln!(
            out,
            "{shown}: no config file; the defaults are in use (see `brief config --print-default`)"
        )?;
        return Ok(true);
    }
    let problems = match Config::load_from(&found) {
        Ok(config) => named_files(&config),
        Err(problems) => problems,
    };
    if problems.is_empty() {
        writeln!(out, "{shown}: ok")?;
        return Ok(true);
    }
    let mut err = io::stderr().lock();
    for problem in problems {
        writeln!(err, "{problem}")?;
    }
    Ok(false)
}
