//! The config file's document, table by table, through a [`Reader`] that records every
//! problem with its position.

use std::path::{Path, PathBuf};

use toml::de::DeValue;

use super::{Config, LibrarySettings, MIN_TEXT_WIDTH, ReaderSettings, ServeSettings};
use crate::content::schema::{Reader, Table, Value, quote};
use crate::settings::keymap::Keymap;

/// The top-level tables.
const TABLES: &[&str] = &["library", "reader", "keys", "watchlist", "serve"];
const LIBRARY_KEYS: &[&str] = &["paths", "max_file_size", "watch"];
const READER_KEYS: &[&str] = &[
    "theme",
    "text_width",
    "takeaways",
    "zoom",
    "mouse",
    "show_cursor",
    "keys",
    "watchlist",
];
const SERVE_KEYS: &[&str] = &[
    "listen",
    "host_key",
    "authorized_keys",
    "max_sessions",
    "idle_timeout",
    "login_grace",
    "anonymous",
];

/// The whole document; relative paths are taken from `base`.
pub(super) fn document(r: &mut Reader<'_>, doc: &Table<'_>, base: &Path) -> Config {
    r.only_keys(doc, "the config file", TABLES);
    let mut config = Config::default();
    for (key, value) in doc {
        let name = key.get_ref().as_ref();
        let Some(table) = TABLES
            .contains(&name)
            .then(|| r.table(value, &format!("[{name}]")))
            .flatten()
        else {
            continue;
        };
        match name {
            "library" => config.library = library(r, table, base),
            "reader" => config.reader = reader(r, table, base),
            "keys" => {
                let mut keymap = Keymap::default();
                keymap.apply(r, Some(table));
                config.keys = Some(keymap);
            }
            "watchlist" => {
                config.watchlist =
                    crate::settings::config::terms_of(r, table, "[watchlist]", key.span());
            }
            _ => config.serve = serve(r, table, base),
        }
    }
    config
}

fn library(r: &mut Reader<'_>, table: &Table<'_>, base: &Path) -> LibrarySettings {
    r.only_keys(table, "[library]", LIBRARY_KEYS);
    let mut out = LibrarySettings::default();
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "paths" => {
                out.paths = r
                    .array(value, "`paths`")
                    .iter()
                    .filter_map(|item| path(r, item, "an entry of `paths`", base))
                    .collect();
            }
            "max_file_size" => out.max_file_size = integer(r, value, "`max_file_size`", 1),
            "watch" => out.watch = boolean(r, value, "`watch`"),
            _ => {}
        }
    }
    out
}

fn reader(r: &mut Reader<'_>, table: &Table<'_>, base: &Path) -> ReaderSettings {
    r.only_keys(table, "[reader]", READER_KEYS);
    let mut out = ReaderSettings::default();
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "theme" => out.theme = theme(r, value, base),
            "text_width" => {
                out.text_width = integer(r, value, "`text_width`", u64::from(MIN_TEXT_WIDTH))
                    .map(|w| u16::try_from(w).unwrap_or(u16::MAX));
            }
            "takeaways" => out.takeaways = boolean(r, value, "`takeaways`"),
            "zoom" => out.zoom = boolean(r, value, "`zoom`"),
            "mouse" => out.mouse = boolean(r, value, "`mouse`"),
            "show_cursor" => out.show_cursor = boolean(r, value, "`show_cursor`"),
            "keys" => out.keys_file = path(r, value, "`keys`", base),
            "watchlist" => out.watchlist_file = path(r, value, "`watchlist`", base),
            _ => {}
        }
    }
    out
}

fn serve(r: &mut Reader<'_>, table: &Table<'_>, base: &Path) -> ServeSettings {
    r.only_keys(table, "[serve]", SERVE_KEYS);
    let mut out = ServeSettings::default();
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "listen" => {
                let text = r.nonempty_line(value, "`listen`");
                out.listen = text.and_then(|t| {
                    let address = t.parse().ok();
                    if address.is_none() {
                        let message = format!(
                            "`listen` must be an address and port such as \"127.0.0.1:2222\" or \"[::1]:2222\", found \"{}\"",
                            quote(&t)
                        );
                        r.error(value.span(), message);
                    }
                    address
                });
            }
            "host_key" => out.host_key = path(r, value, "`host_key`", base),
            "authorized_keys" => out.authorized_keys = path(r, value, "`authorized_keys`", base),
            "max_sessions" => {
                out.max_sessions = integer(r, value, "`max_sessions`", 1)
                    .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
            }
            "idle_timeout" => out.idle_timeout = duration(r, value, "`idle_timeout`"),
            "login_grace" => out.login_grace = duration(r, value, "`login_grace`"),
            "anonymous" => out.anonymous = boolean(r, value, "`anonymous`"),
            _ => {}
        }
    }
    out
}

/// A theme: a built-in name or `auto` as written, anything else a path.
fn theme(r: &mut Reader<'_>, value: &Value<'_>, base: &Path) -> Option<String> {
    let name = r.nonempty_line(value, "`theme`")?;
    let built_in = name == "auto" || crate::settings::theme::built_in_names().any(|n| n == name);
    if built_in {
        Some(name)
    } else {
        Some(
            resolve(Path::new(&name), base)
                .to_string_lossy()
                .into_owned(),
        )
    }
}

/// A path: `~/` is the home directory, a relative path is taken from `base`.
fn path(r: &mut Reader<'_>, value: &Value<'_>, what: &str, base: &Path) -> Option<PathBuf> {
    let text = r.nonempty_line(value, what)?;
    Some(resolve(Path::new(&text), base))
}

/// `path` with `~/` expanded and made absolute from `base`.
pub(super) fn resolve(path: &Path, base: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Ok(home) = etcetera::home_dir()
    {
        return home.join(rest);
    }
    base.join(path)
}

fn boolean(r: &mut Reader<'_>, value: &Value<'_>, what: &str) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        other => {
            r.wrong_type(value.span(), what, "true or false", other);
            None
        }
    }
}

/// A whole number of at least `min`.
fn integer(r: &mut Reader<'_>, value: &Value<'_>, what: &str, min: u64) -> Option<u64> {
    let DeValue::Integer(int) = value.get_ref() else {
        r.wrong_type(value.span(), what, "a whole number", value.get_ref());
        return None;
    };
    let digits = int.as_str().replace('_', "");
    match u64::from_str_radix(&digits, int.radix()) {
        Ok(n) if n >= min => Some(n),
        _ => {
            let message = format!(
                "{what} must be a whole number of at least {min}, found {}",
                quote(int.as_str())
            );
            r.error(value.span(), message);
            None
        }
    }
}

/// A duration written as `brief serve` takes it: `"90s"`, `"30m"`, `"2h"`, `"0s"`.
fn duration(r: &mut Reader<'_>, value: &Value<'_>, what: &str) -> Option<std::time::Duration> {
    let text = r.nonempty_line(value, what)?;
    let duration = humantime::parse_duration(&text).ok();
    if duration.is_none() {
        let message = format!(
            "{what} must be a duration such as \"90s\", \"30m\" or \"2h\", found \"{}\"",
            quote(&text)
        );
        r.error(value.span(), message);
    }
    duration
}
