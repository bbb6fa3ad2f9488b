//! The reader's own files: the keys file and the watchlist, from the command line or from the
//! brief directory under `$XDG_CONFIG_HOME` (else `~/.config`). Both are small TOML files read
//! once before the terminal is touched; a bad one is an error with its position.

use std::path::{Path, PathBuf};

use crate::content::diagnostic::Diagnostic;
use crate::content::schema::{Reader, Table};
use crate::library::{display_path, read_capped};
use crate::settings::keymap::Keymap;

/// `$XDG_CONFIG_HOME/brief/NAME`, or `~/.config/brief/NAME` (see [`crate::settings::dirs`]).
pub fn default_path(name: &str) -> Option<PathBuf> {
    crate::settings::dirs::config_file(name)
}

/// The text of an explicitly named file, or of the default one if it exists.
fn read(
    explicit: Option<&Path>,
    name: &str,
    max: u64,
) -> Result<Option<(String, String)>, Vec<Diagnostic>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path(name) {
            Some(p) if p.is_file() => p,
            _ => return Ok(None),
        },
    };
    let origin = display_path(&path);
    let text = read_capped(&path, &origin, max).map_err(|d| vec![d])?;
    Ok(Some((origin, text)))
}

/// The default keymap patched by the keys file.
pub fn keymap(explicit: Option<&Path>, max: u64) -> Result<Keymap, Vec<Diagnostic>> {
    keymap_over(Keymap::default(), explicit, max)
}

/// `keymap` patched by the keys file: `explicit`, else `keys.toml` in the config directory
/// when it exists.
pub fn keymap_over(
    mut keymap: Keymap,
    explicit: Option<&Path>,
    max: u64,
) -> Result<Keymap, Vec<Diagnostic>> {
    if let Some((origin, text)) = read(explicit, "keys.toml", max)? {
        keymap.patch(&origin, &text)?;
    }
    Ok(keymap)
}

/// The watchlist: terms from the file (`terms = [...]`) followed by those given on the command
/// line (each may hold several, separated by commas).
pub fn watchlist(
    explicit: Option<&Path>,
    extra: &[String],
    max: u64,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut terms = match read(explicit, "watchlist.toml", max)? {
        Some((origin, text)) => parse_watchlist(&origin, &text)?,
        None => Vec::new(),
    };
    terms.extend(
        extra
            .iter()
            .flat_map(|arg| arg.split(','))
            .map(crate::content::sanitize::line)
            .filter(|t| !t.is_empty()),
    );
    Ok(terms)
}

/// Parses a watchlist file.
pub fn parse_watchlist(origin: &str, text: &str) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut r = Reader::new(origin, text);
    let Some(doc) = r.parse(text) else {
        return Err(r.finish());
    };
    let terms = terms_of(&mut r, doc.get_ref(), "the watchlist", 0..0);
    if r.has_errors() {
        Err(r.finish())
    } else {
        Ok(terms)
    }
}

/// The `terms` of a watchlist table (a watchlist file's top level, or the config file's
/// `[watchlist]` at `span`), read through `r`: only that key, and it must be there.
pub fn terms_of(
    r: &mut Reader<'_>,
    table: &Table<'_>,
    context: &str,
    span: std::ops::Range<usize>,
) -> Vec<String> {
    r.only_keys(table, context, &["terms"]);
    if let Some(v) = table.get("terms") {
        r.string_list(v, "`terms`")
    } else {
        let hint = "list the terms to highlight, e.g. terms = [\"Iran\"]";
        r.error(span, format!("missing key `terms`: {hint}"));
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watchlist_files_are_checked() {
        assert_eq!(
            parse_watchlist("w.toml", "terms = [\"Iran\", \" Reuters \"]").unwrap(),
            vec!["Iran", "Reuters"]
        );
        let errs = crate::content::diagnostic::rendered(
            &parse_watchlist("w.toml", "term = [\"x\"]\n").unwrap_err(),
        );
        assert_eq!(
            errs,
            vec![
                "w.toml:1:1: error: unknown key `term` in the watchlist, expected one of: terms",
                "w.toml:1:1: error: missing key `terms`: list the terms to highlight, e.g. terms = [\"Iran\"]",
            ]
        );
    }

    #[test]
    fn command_line_terms_split_on_commas() {
        let terms = watchlist(Some(Path::new("/nonexistent/none.toml")), &[], 10);
        assert!(terms.is_err(), "a named file that is missing is an error");
        let dir = std::env::temp_dir().join(format!("brief-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("w.toml");
        std::fs::write(&file, "terms = [\"Iran\"]").unwrap();
        let terms = watchlist(Some(&file), &["Reuters, UN".into(), String::new()], 1024).unwrap();
        assert_eq!(terms, vec!["Iran", "Reuters", "UN"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
