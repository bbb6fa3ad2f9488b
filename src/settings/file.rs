//! The config file, `config.toml` in the brief config directory: where the library is, how the
//! reader looks and starts, its keys and watchlist, and `brief serve`'s settings. Every entry is
//! optional and a missing file is an empty one. Command-line options override the file; the
//! environment (`BRIEF_THEME`, `NO_COLOR`) sits between the two (docs/config.md).
//!
//! The file is read once, before anything else, through the same positioned [`Reader`] as
//! briefings, so each problem names its `path:line:column` and an unknown key is an error
//! rather than a setting silently ignored.

mod read;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::content::diagnostic::Diagnostic;
use crate::content::schema::Reader;
use crate::library::{display_path, read_capped};
use crate::settings::keymap::Keymap;

/// The config file's name in the brief config directory.
pub const FILE: &str = "config.toml";

/// The config file's largest accepted size, in bytes: it is read before any other limit is
/// known, and a real one is a few hundred bytes.
pub const MAX_SIZE: u64 = 1024 * 1024;

/// The commented default config file that `brief config --print-default` prints: every
/// setting at its default value, commented out. Reading it gives [`Config::default`].
pub const DEFAULT: &str = include_str!("file/default.toml");

/// The article's text is never wider than this many columns unless the config says otherwise.
pub const DEFAULT_TEXT_WIDTH: u16 = 100;

/// The narrowest text width the config may ask for, in columns.
pub const MIN_TEXT_WIDTH: u16 = 20;

/// What the config file holds. Fields left out are `None` (or empty), so that each use can
/// tell "not set" from a value and apply its own default.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where the file was read from, as shown in messages; `None` when there is none.
    pub origin: Option<String>,
    /// `[library]`: where briefings are read from and how.
    pub library: LibrarySettings,
    /// `[reader]`: how the reader looks and what it shows at start.
    pub reader: ReaderSettings,
    /// `[keys]`: the default keys patched by the file's own bindings (`None` without the table).
    pub keys: Option<Keymap>,
    /// `[watchlist] terms`: terms to highlight, before those of a watchlist file.
    pub watchlist: Vec<String>,
    /// `[serve]`: `brief serve`'s settings.
    pub serve: ServeSettings,
}

/// `[library]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibrarySettings {
    /// `paths`: files or directories read when no path is given on the command line; `~/` is
    /// the home directory and a relative path is taken from the config file's directory.
    pub paths: Vec<PathBuf>,
    /// `max_file_size`: files larger than this many bytes are refused.
    pub max_file_size: Option<u64>,
    /// `watch`: follow changes to the files on disk (`false` is `--no-watch`).
    pub watch: Option<bool>,
}

/// `[reader]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderSettings {
    /// `theme`: a built-in name, `auto` (light or dark from `COLORFGBG`), or a theme file's
    /// path (resolved as library paths are).
    pub theme: Option<String>,
    /// `text_width`: the article's text is never wider than this, in columns (at least
    /// [`MIN_TEXT_WIDTH`]).
    pub text_width: Option<u16>,
    /// `takeaways`: the takeaways sidebar shown at start.
    pub takeaways: Option<bool>,
    /// `zoom`: the article alone at start.
    pub zoom: Option<bool>,
    /// `mouse`: mouse capture on at start.
    pub mouse: Option<bool>,
    /// `show_cursor`: the terminal's cursor shown on the focused item (it is always placed
    /// there, for screen magnifiers; shown, it is also seen).
    pub show_cursor: Option<bool>,
    /// `keys`: a keys file, applied over `[keys]`.
    pub keys_file: Option<PathBuf>,
    /// `watchlist`: a watchlist file, whose terms follow `[watchlist]`'s.
    pub watchlist_file: Option<PathBuf>,
}

/// `[serve]`: each is `brief serve`'s option of the same name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServeSettings {
    /// `listen`: address and port.
    pub listen: Option<SocketAddr>,
    /// `host_key`: the host key file.
    pub host_key: Option<PathBuf>,
    /// `authorized_keys`: the readers' public keys.
    pub authorized_keys: Option<PathBuf>,
    /// `max_sessions`: most sessions at once (at least 1).
    pub max_sessions: Option<usize>,
    /// `idle_timeout`: `"30m"`, `"90s"`; `"0s"` never ends a session.
    pub idle_timeout: Option<Duration>,
    /// `login_grace`: time allowed to sign in.
    pub login_grace: Option<Duration>,
    /// `anonymous`: readers without a key let in.
    pub anonymous: Option<bool>,
}

/// What the reader shows at start and how wide its text runs, resolved from the config file
/// (and the defaults for what it leaves out).
// Independent switches, each one key of the config file: no two of them form a state.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preferences {
    /// The takeaways sidebar shown.
    pub takeaways: bool,
    /// The article alone.
    pub zoom: bool,
    /// Mouse capture on.
    pub mouse: bool,
    /// The cursor shown on the focused item (it is placed there, hidden, otherwise).
    pub show_cursor: bool,
    /// The article's text width cap, in columns.
    pub text_width: u16,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            takeaways: true,
            zoom: false,
            mouse: true,
            show_cursor: false,
            text_width: DEFAULT_TEXT_WIDTH,
        }
    }
}

/// Where the config file is looked for: `$XDG_CONFIG_HOME/brief/config.toml`, else
/// `~/.config/brief/config.toml`; `None` without a home directory.
pub fn path() -> Option<PathBuf> {
    crate::settings::dirs::config_file(FILE)
}

impl Config {
    /// Reads the config file at [`path`], or nothing when there is none.
    ///
    /// # Errors
    /// Every problem in the file (syntax, unknown keys, wrong types, bad values), each with
    /// its `path:line:column`; a file that exists but cannot be read.
    pub fn load() -> Result<Self, Vec<Diagnostic>> {
        match path() {
            Some(path) if path.exists() => Self::load_from(&path),
            _ => Ok(Self::default()),
        }
    }

    /// Reads the config file at `path`.
    ///
    /// # Errors
    /// As [`Config::load`].
    pub fn load_from(path: &Path) -> Result<Self, Vec<Diagnostic>> {
        let origin = display_path(path);
        let text = read_capped(path, &origin, MAX_SIZE).map_err(|d| vec![d])?;
        let base = path.parent().unwrap_or(Path::new(""));
        Self::parse(&origin, &text, base)
    }

    /// Parses a config file's text; relative paths in it are taken from `base`.
    ///
    /// # Errors
    /// As [`Config::load`].
    pub fn parse(origin: &str, text: &str, base: &Path) -> Result<Self, Vec<Diagnostic>> {
        let mut r = Reader::new(origin, text);
        let Some(doc) = r.parse(text) else {
            return Err(r.finish());
        };
        let mut config = read::document(&mut r, doc.get_ref(), base);
        if r.has_errors() {
            return Err(r.finish());
        }
        config.origin = Some(origin.to_owned());
        Ok(config)
    }

    /// The reader's start: what `[reader]` sets, the defaults for the rest.
    pub fn preferences(&self) -> Preferences {
        let default = Preferences::default();
        let reader = &self.reader;
        Preferences {
            takeaways: reader.takeaways.unwrap_or(default.takeaways),
            zoom: reader.zoom.unwrap_or(default.zoom),
            mouse: reader.mouse.unwrap_or(default.mouse),
            show_cursor: reader.show_cursor.unwrap_or(default.show_cursor),
            text_width: reader.text_width.unwrap_or(default.text_width),
        }
    }

    /// The largest file read, in bytes: `given` on the command line, else the file's, else
    /// [`crate::library::DEFAULT_MAX_FILE_SIZE`].
    pub fn max_file_size(&self, given: Option<u64>) -> u64 {
        given
            .or(self.library.max_file_size)
            .unwrap_or(crate::library::DEFAULT_MAX_FILE_SIZE)
    }

    /// The keys: the defaults, patched by `[keys]`, then by the keys file (`given` on the
    /// command line, else the file's `reader.keys`, else `keys.toml` in the config directory
    /// when it exists).
    ///
    /// # Errors
    /// The keys file's problems, each with its position.
    pub fn keymap(&self, given: Option<&Path>, max: u64) -> Result<Keymap, Vec<Diagnostic>> {
        let base = self.keys.clone().unwrap_or_default();
        let file = given.or(self.reader.keys_file.as_deref());
        crate::settings::config::keymap_over(base, file, max)
    }

    /// The watchlist: `[watchlist]`'s terms, the watchlist file's (`given`, else the file's
    /// `reader.watchlist`, else `watchlist.toml` in the config directory when it exists), then
    /// `extra` from the command line.
    ///
    /// # Errors
    /// The watchlist file's problems, each with its position.
    pub fn watchlist(
        &self,
        given: Option<&Path>,
        extra: &[String],
        max: u64,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let file = given.or(self.reader.watchlist_file.as_deref());
        let mut terms = self.watchlist.clone();
        terms.extend(crate::settings::config::watchlist(file, extra, max)?);
        Ok(terms)
    }
}

#[cfg(test)]
mod tests;
