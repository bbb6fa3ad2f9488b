//! `brief config`: the config file checked, or where it is looked for, or a commented default.

use std::io::{self, Write};

use crate::library::display_path;
use crate::settings::file::{self, Config};

/// `brief config`: with `print_default`, the commented default config file; with `path`,
/// where the config file is looked for (whether or not it exists); otherwise the file is
/// checked: `PATH: ok`, or that there is none, or every problem on standard error with its
/// `path:line:column`. Returns false when the file has problems or there is no home
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
    match Config::load_from(&found) {
        Ok(_) => {
            writeln!(out, "{shown}: ok")?;
            Ok(true)
        }
        Err(problems) => {
            let mut err = io::stderr().lock();
            for problem in problems {
                writeln!(err, "{problem}")?;
            }
            Ok(false)
        }
    }
}
