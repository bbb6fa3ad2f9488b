//! Keys and the actions they trigger. [`Action`] is the whole vocabulary of the reader: keys are
//! bound to actions in one table (defaults below, patched by a user `keys.toml`), and the help
//! overlay and status hints are generated from that table, so they can never drift apart.

use std::fmt::Write as _;

mod key;

pub use key::Key;

use crate::content::diagnostic::Diagnostic;
use crate::content::schema::{Reader, Table, quote};

/// Declares [`Action`] and [`Action::ALL`] from one list, so that an action's variant, its
/// name in keys files and its help line (which is also the variant's documentation) are written
/// once. `Takeaway` carries its number and stands in `ALL` once per number.
macro_rules! actions {
    (
        $( $before:ident = $bname:literal, $bhelp:literal; )*
        @takeaways $( $n:literal )*;
        $( $after:ident = $aname:literal, $ahelp:literal; )*
    ) => {
        /// What a reader can ask for. Keys are bound to actions by name; each has one help line.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( #[doc = $bhelp] $before, )*
            /// Jump to takeaway N (1–9) and mark the section behind it.
            Takeaway(u8),
            $( #[doc = $ahelp] $after, )*
        }

        impl Action {
            /// Every bindable action: its name in keys files and its help line, in help order.
            pub const ALL: &[(Self, &str, &str)] = &[
                $( (Self::$before, $bname, $bhelp), )*
                $( (
                    Self::Takeaway($n),
                    concat!("takeaway_", $n),
                    concat!("Jump to takeaway ", $n, " and its section"),
                ), )*
                $( (Self::$after, $aname, $ahelp), )*
            ];
        }
    };
}

actions! {
    ScrollDown = "scroll_down", "Scroll down a line, or move to the next item";
    ScrollUp = "scroll_up", "Scroll up a line, or move to the previous item";
    HalfPageDown = "half_page_down", "Scroll down half a page";
    HalfPageUp = "half_page_up", "Scroll up half a page";
    PageDown = "page_down", "Scroll down a page";
    PageUp = "page_up", "Scroll up a page";
    Top = "top", "Go to the top";
    Bottom = "bottom", "Go to the bottom";
    NextSection = "next_section", "Jump to the next section";
    PrevSection = "prev_section", "Jump to the previous section";
    FocusNext = "focus_next", "Focus the next pane";
    FocusPrev = "focus_prev", "Focus the previous pane";
    Open = "open", "Open the selected briefing, section or takeaway";
    @takeaways 1 2 3 4 5 6 7 8 9;
    ToggleTakeaways = "toggle_takeaways", "Show or hide the takeaways sidebar";
    Skim = "skim", "Skim: the takeaways alone, full screen";
    Zoom = "zoom", "Zoom: the article alone, or back to the panes";
    Search = "search", "Search the article";
    Library = "library", "The briefings list as the main pane, with a preview, or back";
    Filter = "filter", "Filter the briefings: #tag, today, 7d, since DATE, unread, changed, words";
    Sort = "sort", "Sort the briefings by date, title or last read";
    NextChanged = "next_changed", "Jump to the next section changed since you read it";
    Find = "find", "Find a briefing by part of its title, tags or dateline";
    SearchLibrary = "search_library", "Search every briefing; Enter opens the match, n/N go on";
    Watchlist = "watchlist", "The sidebar: your watchlist's counts in this briefing, or the takeaways";
    NextWatched = "next_watched", "Jump to the next place the selected watchlist term appears";
    Digest = "digest", "The digest: the last seven days' takeaways, by day";
    Entities = "entities", "Every person, place, organisation and watchlist term, with the briefings that mention it";
    SearchNext = "search_next", "Go to the next search match";
    SearchPrev = "search_prev", "Go to the previous search match";
    ToggleMouse = "toggle_mouse", "Turn mouse capture off (to select text) or on";
    Diagnostics = "diagnostics", "List the files that failed to load";
    Help = "help", "Show this help";
    Suspend = "suspend", "Suspend to the shell (resume with fg)";
    Redraw = "redraw", "Redraw the whole screen";
    Reload = "reload", "Read the briefings again from their files";
    Close = "close", "Close the overlay or clear the search";
    Quit = "quit", "Quit";
}

impl Action {
    /// The name used in keys files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(a, _, _)| *a == self)
            .map_or("", |(_, n, _)| n)
    }

    /// The help line.
    pub fn help(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(a, _, _)| *a == self)
            .map_or("", |(_, _, d)| d)
    }

    /// The action with this keys-file name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }
}

/// The default bindings, in help order.
const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::ScrollDown, &["j", "down"]),
    (Action::ScrollUp, &["k", "up"]),
    (Action::HalfPageDown, &["ctrl-d"]),
    (Action::HalfPageUp, &["ctrl-u"]),
    (Action::PageDown, &["pagedown", "space", "ctrl-f"]),
    (Action::PageUp, &["pageup", "ctrl-b"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::NextSection, &["]"]),
    (Action::PrevSection, &["["]),
    (Action::FocusNext, &["tab"]),
    (Action::FocusPrev, &["shift-tab"]),
    (Action::Open, &["enter"]),
    (Action::Takeaway(1), &["1"]),
    (Action::Takeaway(2), &["2"]),
    (Action::Takeaway(3), &["3"]),
    (Action::Takeaway(4), &["4"]),
    (Action::Takeaway(5), &["5"]),
    (Action::Takeaway(6), &["6"]),
    (Action::Takeaway(7), &["7"]),
    (Action::Takeaway(8), &["8"]),
    (Action::Takeaway(9), &["9"]),
    (Action::ToggleTakeaways, &["t"]),
    (Action::Skim, &["T"]),
    (Action::Zoom, &["z"]),
    (Action::Search, &["/"]),
    (Action::Library, &["L"]),
    (Action::Filter, &["f"]),
    (Action::Sort, &["s"]),
    (Action::NextChanged, &["c"]),
    (Action::Find, &["ctrl-p"]),
    (Action::SearchLibrary, &["S"]),
    (Action::Watchlist, &["w"]),
    (Action::NextWatched, &["W"]),
    (Action::Digest, &["D"]),
    (Action::Entities, &["E"]),
    (Action::SearchNext, &["n"]),
    (Action::SearchPrev, &["N"]),
    (Action::ToggleMouse, &["m"]),
    (Action::Diagnostics, &["!"]),
    (Action::Help, &["?"]),
    (Action::Suspend, &["ctrl-z"]),
    (Action::Redraw, &["ctrl-l"]),
    (Action::Reload, &["r"]),
    (Action::Close, &["esc"]),
    (Action::Quit, &["q", "ctrl-c"]),
];

/// Keys bound to actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(action, keys)| (*action, keys.iter().filter_map(|k| Key::parse(k)).collect()))
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// The action bound to a key.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(a, _)| *a)
    }

    /// The keys bound to an action.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// The first key of an action as shown in hints (`-` when unbound).
    pub fn hint(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map_or_else(|| "-".to_owned(), ToString::to_string)
    }

    /// Every action with its keys, in help order.
    pub fn iter(&self) -> impl Iterator<Item = (Action, &[Key])> {
        self.bindings.iter().map(|(a, k)| (*a, k.as_slice()))
    }

    /// Keys bound to more than one action.
    pub fn conflicts(&self) -> Vec<(Key, Action, Action)> {
        let mut out = Vec::new();
        for (i, (first, keys)) in self.bindings.iter().enumerate() {
            for key in keys {
                for (second, other) in self.bindings.iter().skip(i + 1) {
                    if other.contains(key) {
                        out.push((*key, *first, *second));
                    }
                }
            }
        }
        out
    }

    /// Applies a keys file: `[keys]` maps action names to lists of keys. An action named there
    /// gets exactly those keys (an empty list unbinds it); a key it takes is removed from any
    /// other action.
    ///
    /// # Errors
    /// Every problem in the file, each at its `path:line:column`; the keymap is then unchanged.
    pub fn patch(&mut self, origin: &str, source: &str) -> Result<(), Vec<Diagnostic>> {
        let mut r = Reader::new(origin, source);
        let Some(doc) = r.parse(source) else {
            return Err(r.finish());
        };
        r.only_keys(doc.get_ref(), "the keys file", &["keys"]);
        let table = doc.get_ref().get("keys").and_then(|v| r.table(v, "[keys]"));
        self.apply(&mut r, table);
        if r.has_errors() {
            Err(r.finish())
        } else {
            Ok(())
        }
    }

    /// Applies a `[keys]` table read through `r` (a keys file's, or the config file's), as
    /// [`patch`](Self::patch) describes. Problems are recorded in `r`; if the table has any,
    /// the keymap is left unchanged.
    // Over 40 lines as one function: a table applied in one pass so that conflicts are found
    // against every binding seen so far.
    pub fn apply(&mut self, r: &mut Reader<'_>, table: Option<&Table<'_>>) {
        let before = r.error_count();
        let mut assigned: Vec<(Action, Vec<Key>, std::ops::Range<usize>)> = Vec::new();
        for (name, value) in table.into_iter().flatten() {
            let Some(action) = Action::from_name(name.get_ref()) else {
                r.error(
                    name.span(),
                    format!(
                        "unknown action `{}` (see `brief --list-actions`)",
                        quote(name.get_ref())
                    ),
                );
                continue;
            };
            let mut keys = Vec::new();
            for item in r.array(value, &format!("keys of `{}`", action.name())) {
                let Some(text) = r.string(item, "a key", false) else {
                    continue;
                };
                match Key::parse(&text) {
                    Some(key) => {
                        if let Some((other, _, _)) = assigned.iter().find(|(_, ks, _)| ks.contains(&key)) {
                            r.error(item.span(), format!("key `{key}` is bound to both `{}` and `{}`", other.name(), action.name()));
                        }
                        keys.push(key);
                    }
                    None => r.error(item.span(), format!("unknown key `{}`: write keys like j, G, ctrl-d, shift-tab, pagedown, f5", quote(&text))),
                }
            }
            assigned.push((action, keys, value.span()));
        }
        if r.error_count() > before {
            return;
        }
        let mut patched = self.clone();
        let quit_span = assigned
            .iter()
            .find(|(a, _, _)| *a == Action::Quit)
            .map(|(_, _, s)| s.clone());
        for (action, keys, _) in assigned {
            for (_, bound) in &mut patched.bindings {
                bound.retain(|k| !keys.contains(k));
            }
            if let Some((_, bound)) = patched.bindings.iter_mut().find(|(a, _)| *a == action) {
                *bound = keys;
            }
        }
        // Raw mode turns ctrl-c into a plain key: without a quit key the reader could not be left.
        if patched.keys(Action::Quit).is_empty() {
            r.error(
                quit_span.unwrap_or(0..0),
                "`quit` would have no key left: keep at least one, e.g. quit = [\"q\"]",
            );
            return;
        }
        *self = patched;
    }

    /// This keymap as a keys file that [`patch`](Self::patch) accepts unchanged: every action
    /// with its keys, each under a comment with its help text (what `brief --list-actions`
    /// prints).
    pub fn to_keys_file(&self) -> String {
        let mut out = String::from(
            "# brief keys file: every action with its keys. Change the keys of an action, or\n\
             # delete its line to keep the defaults; an empty list unbinds it. A key given to one\n\
             # action is taken from any other. Use it with --keys PATH, or save it as keys.toml in\n\
             # the brief config directory ($XDG_CONFIG_HOME/brief, else ~/.config/brief).\n\
             [keys]\n",
        );
        for (action, name, help) in Action::ALL {
            let keys: Vec<String> = self
                .keys(*action)
                .iter()
                .map(|k| toml::Value::String(k.to_string()).to_string())
                .collect();
            let _ = write!(out, "# {help}\n{name} = [{}]\n", keys.join(", "));
        }
        out
    }
}

#[cfg(test)]
mod tests;
