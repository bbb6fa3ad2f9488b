//! All state of one reader session and the only code that changes it: [`App::update`] takes a
//! [`Msg`] and returns whether anything visible changed. No I/O and no terminal here: sizes and
//! keys arrive as messages, so the same `App` can be driven by a local terminal, a remote
//! session or a test.

mod article;
mod caret;
mod entity_view;
pub(crate) mod finder;
pub mod input;
pub mod layout;
mod library_search;
mod library_view;
mod loading;
mod mouse;
mod navigate;
mod overlays;
pub mod panes;
mod positions;
mod reload;
mod scroll;
mod search;
mod takeaways;
mod watchlist;

use std::sync::Arc;

use ratatui::layout::Rect;

use article::OpenBriefing;

use crate::app::layout::{ArticleLayout, TakeawayRows};
use crate::app::panes::{Geometry, Pane, Panes};
use crate::content::{Briefing, TextAddress};
use crate::library::{Library, Snapshot};
use crate::settings::file::Preferences;
use crate::settings::keymap::{Action, Keymap};
use crate::settings::theme::Theme;
use crate::store::Visit;
use crate::store::positions::Positions;
use crate::text::highlight::{Highlight, Highlighter};

pub use entity_view::{EntityView, Index as EntityIndex};
pub use finder::Finder;
pub use library_search::{LibrarySearch, SearchRequest, Work};
pub use library_view::{Filter, Mark, Reading, Sort};
pub use overlays::LineKind;
pub use scroll::ListCursor;
pub use search::Search;
pub use takeaways::Takeaways;

/// What the screen is showing over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panes.
    Reading,
    /// Typing a search query.
    Search,
    /// The help overlay.
    Help,
    /// The takeaways-only skim view.
    Skim,
    /// The list of files that failed to load.
    Diagnostics,
    /// Typing a filter for the briefings list.
    Filter,
    /// The fuzzy finder: a query and the briefings it matches.
    Find,
    /// The search across the library: a query and the passages it finds.
    LibrarySearch,
    /// The digest: the takeaways of the last seven days' briefings, by day.
    Digest,
    /// The entity index: every keyword and watchlist term with the briefings that mention it.
    Entities,
}

/// Everything that can happen to the reader: bound actions plus what the terminal reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A bound action.
    Action(Action),
    /// The terminal (or remote window) changed size.
    Resize(u16, u16),
    /// A character typed into the search prompt.
    SearchInput(char),
    /// Text pasted into the search prompt, already cleaned and on one line.
    SearchPaste(String),
    /// Delete the last character of the search prompt.
    SearchBackspace,
    /// Run the search typed so far (Enter in any prompt).
    SearchSubmit,
    /// Move the selection of a prompt's results (the finder's) by this many rows.
    PromptMove(isize),
    /// Erase the last word (Ctrl-W) or everything (Ctrl-U) of the prompt.
    PromptErase(Erase),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// The mouse wheel turned over a cell; `true` scrolls down.
    Wheel(u16, u16, bool),
    /// Ctrl-C: leave at once, whatever is open.
    Interrupt,
    /// A background load found this many files to read.
    Loading(usize),
    /// The date, as days since 1970-01-01, when the driver works it out after the first frame
    /// (see [`App::with_today`]).
    Today(i64),
    /// The opening of the first briefing, while the rest of its long file is parsed (see
    /// [`App::show_opening`]).
    Opening(Arc<Briefing>),
    /// A new state of the library (a batch loaded, files read again), from the
    /// [`library::Service`](crate::library::Service) or a test.
    Snapshot(Snapshot),
    /// The state store was opened: the positions it holds, and what the reader should be told
    /// about it (a store set aside, read-only, newer).
    Stored(Positions, Vec<String>),
    /// Something the reader should know, for the status line.
    Notice(String),
    /// A search across the library finished: its generation (see
    /// [`App::take_library_search`]) and what it found.
    Found(u64, Arc<crate::library::find::Results>),
    /// The entity index was built, for the opening of the view with this generation.
    Entities(u64, entity_view::Index),
}

/// UI state that decides what is drawn. Compared before and after each update to decide
/// whether to draw at all.
// Independent switches (quit, sidebar, zoom, mouse), not an encoded state: an enum per flag
// would add names without removing a wrong combination.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// The focused pane.
    pub focus: Pane,
    /// What is shown over the panes.
    pub mode: Mode,
    /// Set when the reader should exit.
    pub quit: bool,
    /// Cursor in the briefings list.
    pub briefings: ListCursor,
    /// Cursor in the outline.
    pub outline: ListCursor,
    /// First article row on screen.
    pub scroll: usize,
    /// The takeaways: selection, marked section, sidebar scroll, skim selection.
    pub takeaways: Takeaways,
    /// Whether the takeaways sidebar is shown (where the width allows it).
    pub show_takeaways: bool,
    /// Whether the article is shown alone, whatever the width (see [`Panes::zoomed`]).
    pub zoom: bool,
    /// Whether the mouse is captured.
    pub mouse: bool,
    /// Scroll of the help, skim and diagnostics overlays.
    pub overlay_scroll: usize,
    /// The search in the open article.
    pub search: Search,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// The order of the briefings list.
    pub sort: Sort,
    /// What the briefings list shows (empty: every briefing).
    pub filter: Filter,
    /// The filter being typed, while [`Mode::Filter`] is on.
    pub filter_input: String,
    /// The briefings list as the main pane, with a preview of the selected briefing.
    pub library: bool,
    /// The fuzzy finder's query and results, while [`Mode::Find`] is on.
    pub finder: Finder,
    /// The search across the library (kept for reopening where it was).
    pub library_search: LibrarySearch,
    /// The sidebar shows the watchlist's counts instead of the takeaways.
    pub watch: bool,
    /// The watchlist term selected in the sidebar.
    pub watch_selected: usize,
    /// The entity index view.
    pub entities: EntityView,
}

/// What a prompt's erase key takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erase {
    /// The last character (Backspace).
    Char,
    /// The last word and the spaces after it (Ctrl-W).
    Word,
    /// Everything (Ctrl-U).
    All,
}

impl Erase {
    /// How many characters at the end of `text` this takes away.
    pub fn count(self, text: &str) -> usize {
        match self {
            Self::Char => 1,
            Self::All => text.chars().count(),
            Self::Word => {
                let mut chars = text.chars().rev().peekable();
                let mut n = 0;
                while chars.next_if(|c| c.is_whitespace()).is_some() {
                    n += 1;
                }
                while chars.next_if(|c| !c.is_whitespace()).is_some() {
                    n += 1;
                }
                n
            }
        }
    }
}

/// Appends `add` to a prompt's `text`, as much as fits in `most` characters in all.
fn push_chars(text: &mut String, add: &str, most: usize) {
    let room = most.saturating_sub(text.chars().count());
    text.extend(add.chars().take(room));
}

/// Takes `count` characters off the end of `text`.
fn pop_chars(text: &mut String, count: usize) {
    for _ in 0..count {
        if text.pop().is_none() {
            break;
        }
    }
}

/// Most briefings whose in-article search is kept for coming back to them.
pub const MAX_KEPT_SEARCHES: usize = 64;

/// The reader.
#[derive(Debug)]
pub struct App {
    /// Loaded briefings and failures: an immutable snapshot that any number of readers can
    /// share (one copy in memory however many sessions read it). A background load adds to it
    /// copy-on-write: nothing is copied while this reader is its only holder.
    pub library: Arc<Library>,
    /// Styles.
    pub theme: Theme,
    /// Key bindings.
    pub keymap: Keymap,
    /// UI state.
    pub view: ViewState,
    /// Terminal size.
    pub area: Rect,
    /// The pane layouts for `area` (see [`Geometry`]), kept in step by `relayout`.
    geometry: Geometry,
    /// The article's text is never wider than this, in columns (the config's `text_width`).
    text_width: u16,
    /// The briefings list's rows: indices into `library.briefings`, sorted and filtered.
    rows: Vec<usize>,
    /// What the reader has read, by briefing id, for the list's marks.
    reading: Reading,
    /// The open briefing's sections changed since it was last read.
    changed: Vec<usize>,
    /// The changed section `c` went to last.
    changed_cursor: Option<usize>,
    /// The in-article search of each briefing left with one (query, current match), by key,
    /// so that it is still there on coming back (at most [`MAX_KEPT_SEARCHES`]).
    searches: std::collections::HashMap<String, (String, Option<usize>)>,
    /// The reader's local date (days since 1970-01-01), for `today` and `7d` in the filter.
    today: i64,
    /// The terminal's cursor shown on the focused item (the config's `show_cursor`).
    show_cursor: bool,
    /// The open briefing, by identity.
    open: OpenBriefing,
    highlighter: Highlighter,
    outline_highlights: Vec<Vec<Highlight>>,
    watchlist: Vec<String>,
    /// The watchlist's terms with their counts in the open briefing.
    watch_counts: Vec<(String, usize)>,
    /// What the fuzzy finder matches against, while it is open.
    haystacks: finder::Haystacks,
    /// The briefings the filter `@Name` keeps: the name (folded) and the library snapshot
    /// (its address) they were found in, and their indices, from the entity index or found
    /// when the filter was entered.
    mentions: Option<((String, usize), Vec<usize>)>,
    /// The filter as it was when its prompt opened: Esc in the prompt puts it back (what is
    /// typed applies at once).
    filter_before: String,
    positions: Positions,
    /// Visits not yet handed to the store, oldest first.
    visits: Vec<Visit>,
    /// The open briefing's key when its file was removed: it leaves the library when the
    /// reader opens another.
    gone: Option<String>,
    /// Whether the reader read the open briefing: opened it themselves, or did something in
    /// the article (scrolled it, went to a section or takeaway, searched it). Only then is its
    /// place worth remembering and does it count as read; browsing the list, sorting or
    /// filtering while it is open does not.
    viewed: bool,
    /// A place in the text to show at the top once the article is laid out.
    anchor: Option<Anchor>,
    /// The open briefing laid out at the article's width: perhaps only its first screens
    /// (see [`App::defer_layouts`]).
    layout: ArticleLayout,
    /// Whether a new layout may be built in two steps (see [`App::defer_layouts`]).
    defer_layout: bool,
    sidebar: TakeawayRows,
    skim_rows: TakeawayRows,
    loading: loading::Progress,
}

/// A place to scroll to once the article is laid out.
#[derive(Debug, Clone)]
enum Anchor {
    /// Wrapped text and byte offset in the current layout's texts (kept across a re-wrap, where the
    /// units are the same).
    Text(usize, usize),
    /// A reading position, found in whatever the briefing now holds.
    Address(TextAddress),
}

impl App {
    /// A reader over `library` (a [`Library`] of its own, or an `Arc` shared with other
    /// readers), opened on the first (newest) briefing.
    // Over 40 lines as one function: every field of the reader's state set in one place.
    pub fn new(library: impl Into<Arc<Library>>, theme: Theme, keymap: Keymap) -> Self {
        let library = library.into();
        let view = ViewState {
            focus: Pane::Article,
            mode: Mode::Reading,
            quit: false,
            briefings: ListCursor::default(),
            outline: ListCursor::default(),
            scroll: 0,
            takeaways: Takeaways::default(),
            show_takeaways: true,
            zoom: false,
            mouse: true,
            overlay_scroll: 0,
            search: Search::default(),
            message: None,
            sort: Sort::default(),
            filter: Filter::default(),
            filter_input: String::new(),
            library: false,
            finder: Finder::default(),
            library_search: LibrarySearch::default(),
            watch: false,
            watch_selected: 0,
            entities: EntityView::default(),
        };
        let mut app = Self {
            library,
            theme,
            keymap,
            view,
            area: Rect::default(),
            geometry: Geometry::default(),
            text_width: panes::MAX_TEXT_WIDTH,
            rows: Vec::new(),
            reading: Reading::default(),
            changed: Vec::new(),
            changed_cursor: None,
            searches: std::collections::HashMap::new(),
            today: 0,
            show_cursor: false,
            open: OpenBriefing::default(),
            highlighter: Highlighter::default(),
            outline_highlights: Vec::new(),
            watchlist: Vec::new(),
            watch_counts: Vec::new(),
            haystacks: finder::Haystacks::default(),
            mentions: None,
            filter_before: String::new(),
            positions: Positions::default(),
            visits: Vec::new(),
            gone: None,
            viewed: false,
            anchor: None,
            layout: ArticleLayout::default(),
            defer_layout: false,
            sidebar: TakeawayRows::default(),
            skim_rows: TakeawayRows::default(),
            loading: loading::Progress::default(),
        };
        app.refresh_rows();
        app.open(0);
        app
    }

    /// Sets the reader's local date (days since 1970-01-01), which relative filters (`today`,
    /// `7d`) count from; the drivers give it at start.
    #[must_use]
    pub fn with_today(mut self, today: i64) -> Self {
        self.today = today;
        self
    }

    /// The open briefing, if any loaded.
    pub fn briefing(&self) -> Option<&Briefing> {
        self.library.briefings.get(self.open.at).map(AsRef::as_ref)
    }

    /// Where the open briefing is in the current snapshot (for marking it in the list); only
    /// valid until the library changes, so never kept.
    pub fn current(&self) -> usize {
        self.open.at
    }

    /// Changes whenever the open briefing's text is laid out anew: another briefing opened,
    /// or the open one changed on disk. Tells a frame that the article rows show another text.
    pub fn opened(&self) -> u64 {
        self.open.generation
    }

    /// The article laid out for the current width (only its first screens between a
    /// deferred layout's first frame and [`App::finish_layout`]).
    pub fn layout(&self) -> &ArticleLayout {
        &self.layout
    }

    /// Lets a briefing opened at its top be laid out in two steps: the rows of its first
    /// screens at once, so its first frame is drawn without waiting for the rest, and the
    /// rest by [`App::finish_layout`], which the event loop calls once that frame is out.
    /// Only a new size and the library's own messages (a load's progress, a snapshot, the
    /// store's positions, a notice) may leave a layout in two steps; every other update
    /// finishes it first and builds whole any layout it needs (a search result or a link
    /// opens a briefing and moves within it at once), and restoring a reading position or a
    /// search finishes it as well. The frame drawn from the first screens is the frame the
    /// whole layout gives. Off by default (tests draw what one update leaves).
    pub fn defer_layouts(&mut self, yes: bool) {
        self.defer_layout = yes;
        if !yes {
            self.finish_layout();
        }
    }

    /// Lays out the rest of a deferred layout (see [`App::defer_layouts`]). Returns whether
    /// there was anything left (the frame may then change: the scroll's extent).
    pub fn finish_layout(&mut self) -> bool {
        if self.layout.is_complete() {
            return false;
        }
        let Some(briefing) = self.library.briefings.get(self.open.at).cloned() else {
            self.layout = ArticleLayout::default();
            return true;
        };
        self.layout.complete(&briefing);
        self.view.search.find_again(&self.layout, &briefing);
        self.apply_anchor();
        self.show_window();
        true
    }

    /// The takeaways laid out for the sidebar.
    pub fn sidebar(&self) -> &TakeawayRows {
        &self.sidebar
    }

    /// The takeaways laid out for the skim view.
    pub fn skim_rows(&self) -> &TakeawayRows {
        &self.skim_rows
    }

    /// Search matches, in document order.
    pub fn hits(&self) -> &[search::Hit] {
        self.view.search.hits()
    }

    /// The keyword matcher of the open briefing.
    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    /// Highlights the reader's own terms in every briefing (category `watchlist`).
    #[must_use]
    pub fn with_watchlist(mut self, terms: Vec<String>) -> Self {
        self.watchlist = terms;
        let current = self.open.at;
        self.open(current);
        self
    }

    /// Starts with what the config file's `[reader]` sets: the sidebar, zoom, mouse capture,
    /// the cursor and the text width cap (at least [`crate::settings::file::MIN_TEXT_WIDTH`]).
    #[must_use]
    pub fn with_preferences(mut self, preferences: Preferences) -> Self {
        self.view.show_takeaways = preferences.takeaways;
        self.view.zoom = preferences.zoom;
        self.view.mouse = preferences.mouse;
        self.show_cursor = preferences.show_cursor;
        self.text_width = preferences
            .text_width
            .max(crate::settings::file::MIN_TEXT_WIDTH);
        self.relayout();
        self.show_window();
        self
    }

    /// The article's text width cap, in columns.
    pub fn text_width(&self) -> u16 {
        self.text_width
    }

    /// What the pane layouts depend on, for a terminal of `area`.
    pub fn shape(&self, area: Rect) -> panes::Shape {
        panes::Shape {
            area,
            show_takeaways: self.view.show_takeaways,
            zoom: self.view.zoom,
            library: self.view.library,
            text_width: self.text_width,
        }
    }

    /// Whether the terminal's cursor is shown on the focused item ([`App::caret`]), rather
    /// than placed there hidden.
    pub fn shows_cursor(&self) -> bool {
        self.show_cursor
    }

    /// Keyword highlights of each section label in the outline.
    pub fn outline_highlights(&self, section: usize) -> &[Highlight] {
        self.outline_highlights
            .get(section)
            .map_or(&[], Vec::as_slice)
    }

    /// The pane layout for the current size and state.
    pub fn panes(&self) -> Panes {
        self.geometry.panes(self.view.focus)
    }

    /// The pane layout with `focus` on a pane (zoomed: the article alone), as it is outside
    /// the library view: what the article, outline and sidebar are laid out for.
    fn panes_with(&self, focus: Pane) -> Panes {
        self.geometry.reading(focus)
    }

    /// The pane layouts at this size, sidebar setting and zoom.
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// Applies one message; returns true when the screen may have changed.
    // Over 40 lines as one function: the one mutator: each message routed, and the view compared
    // before and after.
    pub fn update(&mut self, msg: Msg) -> bool {
        // A new size and the library's own messages may open a briefing at its top, never
        // move within one: a layout they build may be deferred. What the reader does may lead
        // anywhere in the article (a search result, a link, a takeaway): it sees the whole
        // layout, and any layout built meanwhile is built whole.
        let may_defer = matches!(
            msg,
            Msg::Resize(..)
                | Msg::Loading(_)
                | Msg::Today(_)
                | Msg::Opening(_)
                | Msg::Snapshot(_)
                | Msg::Stored(..)
                | Msg::Notice(_)
        );
        let changed = if may_defer {
            self.apply(msg)
        } else {
            self.whole_layouts(|app| app.apply(msg))
        };
        self.show_window();
        changed
    }

    /// Runs `change` with the layout whole, and every layout built meanwhile built whole.
    fn whole_layouts<T>(&mut self, change: impl FnOnce(&mut Self) -> T) -> T {
        self.finish_layout();
        let defer = std::mem::replace(&mut self.defer_layout, false);
        let out = change(self);
        self.defer_layout = defer;
        out
    }

    /// [`App::update`] itself.
    fn apply(&mut self, msg: Msg) -> bool {
        let msg = match msg {
            // Many of these arrive in a burst: skip the comparison of views below.
            Msg::Snapshot(snapshot) => return self.snapshot(snapshot),
            Msg::Opening(briefing) => return self.show_opening(briefing),
            // Not the reader's doing: it must not count as a key.
            Msg::Stored(positions, notices) => return self.stored(positions, notices),
            Msg::Today(today) => {
                self.today = today;
                // The digest is the only view drawn from the date.
                return self.view.mode == Mode::Digest;
            }
            Msg::Notice(text) => {
                self.view.message = Some(text);
                return true;
            }
            Msg::Found(generation, results) => {
                let before = self.view.library_search.clone();
                self.found(generation, results);
                return self.view.library_search != before;
            }
            Msg::Entities(generation, index) => {
                let before = self.view.entities.clone();
                self.entities_built(generation, index);
                return self.view.entities != before;
            }
            msg => msg,
        };
        let before = self.view.clone();
        let resized = matches!(msg, Msg::Resize(..));
        let loading = matches!(msg, Msg::Loading(_));
        if !resized && !loading {
            self.view.message = None;
            // The reader has taken over: later arrivals no longer move it to the newest.
            self.loading.follow_newest = false;
            self.viewed |= self.reads_article(&msg);
        }
        match msg {
            Msg::Action(action) => self.apply_action(action),
            Msg::Resize(width, height) => self.resize(width, height),
            Msg::SearchInput(c) => self.prompt_text(c.encode_utf8(&mut [0; 4])),
            Msg::SearchPaste(text) => self.prompt_text(&text),
            Msg::Interrupt => self.view.quit = true,
            Msg::SearchBackspace => self.prompt_backspace(),
            Msg::SearchSubmit => self.prompt_submit(),
            Msg::PromptErase(erase) => self.prompt_erase(erase),
            Msg::PromptMove(delta) => match self.view.mode {
                Mode::Find => self.finder_move(delta),
                Mode::Entities => self.entities_move(delta),
                Mode::LibrarySearch => self.library_search_move(delta),
                _ => {}
            },
            Msg::Click(column, row) => self.click(column, row),
            Msg::Wheel(column, row, down) => self.wheel(column, row, down),
            Msg::Loading(total) => self.loading_started(total),
            Msg::Snapshot(snapshot) => return self.snapshot(snapshot),
            Msg::Opening(briefing) => return self.show_opening(briefing),
            Msg::Stored(positions, notices) => return self.stored(positions, notices),
            Msg::Today(today) => self.today = today,
            Msg::Notice(text) => self.view.message = Some(text),
            Msg::Found(generation, results) => self.found(generation, results),
            Msg::Entities(generation, index) => self.entities_built(generation, index),
        }
        resized || self.view != before
    }

    /// Whether `msg` is the reader reading the open briefing: moving in the article, going
    /// to a section, a takeaway or a match, searching it, or the mouse in it.
    fn reads_article(&self, msg: &Msg) -> bool {
        let in_article = self.view.mode == Mode::Reading && self.view.focus == Pane::Article;
        match msg {
            Msg::Action(action) => match action {
                Action::ScrollDown
                | Action::ScrollUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::Top
                | Action::Bottom => in_article,
                Action::SearchNext | Action::SearchPrev => {
                    self.view.mode == Mode::Reading && self.view.search.query().is_some()
                }
                Action::NextSection
                | Action::PrevSection
                | Action::Takeaway(_)
                | Action::Skim
                | Action::NextChanged
                | Action::NextWatched
                | Action::Zoom => self.view.mode == Mode::Reading,
                _ => false,
            },
            Msg::SearchSubmit => self.view.mode == Mode::Search,
            Msg::Click(..) | Msg::Wheel(..) => self.view.mode == Mode::Reading,
            _ => false,
        }
    }

    /// The reader opened briefing `index` themselves (from the list, the finder, a search
    /// result, a link): it counts as read once they leave it.
    pub(super) fn open_chosen(&mut self, index: usize) {
        self.open(index);
        self.viewed = true;
    }

    // Over 40 lines as one function: the dispatch table from each bound action to what it does.
    fn apply_action(&mut self, action: Action) {
        match self.view.mode {
            Mode::Help | Mode::Diagnostics | Mode::Digest => return self.apply_in_overlay(action),
            Mode::Skim => return self.apply_in_skim(action),
            Mode::Search | Mode::Filter | Mode::Find | Mode::LibrarySearch | Mode::Entities => {
                if action == Action::Close {
                    if self.view.mode == Mode::Filter {
                        self.view.filter_input = std::mem::take(&mut self.filter_before);
                        self.apply_filter();
                    }
                    self.view.mode = Mode::Reading;
                }
                return;
            }
            Mode::Reading => {}
        }
        match action {
            Action::ScrollDown => self.move_by(1),
            Action::ScrollUp => self.move_by(-1),
            Action::HalfPageDown => self.move_by(self.page(2)),
            Action::HalfPageUp => self.move_by(-self.page(2)),
            Action::PageDown => self.move_by(self.page(1)),
            Action::PageUp => self.move_by(-self.page(1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextSection => self.step_section(true),
            Action::PrevSection => self.step_section(false),
            // Zoomed, only the article is on screen: nothing else to focus.
            Action::FocusNext | Action::FocusPrev if self.view.zoom => {}
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(Pane::ORDER.len() - 1),
            Action::Open => self.open_selected(),
            Action::Takeaway(n) => self.jump_to_takeaway(usize::from(n).saturating_sub(1)),
            Action::ToggleTakeaways => self.toggle_takeaways(),
            Action::Skim => self.enter(Mode::Skim),
            Action::Zoom => self.toggle_zoom(),
            Action::Search => {
                self.view.search.prompt();
                self.view.mode = Mode::Search;
            }
            Action::SearchNext => self.step_match(true),
            Action::SearchPrev => self.step_match(false),
            Action::ToggleMouse => {
                self.view.mouse = !self.view.mouse;
                self.view.message = Some(if self.view.mouse {
                    "mouse on: wheel scrolls, click selects".into()
                } else {
                    "mouse off: select text with the terminal".into()
                });
            }
            Action::Diagnostics => self.enter(Mode::Diagnostics),
            Action::Help => self.enter(Mode::Help),
            Action::Close => self.close(),
            Action::Library => self.toggle_library(),
            Action::Filter => {
                self.view.filter_input = self.view.filter.text.clone();
                self.filter_before = self.view.filter.text.clone();
                self.view.mode = Mode::Filter;
            }
            Action::Sort => {
                self.view.sort = self.view.sort.next();
                self.refresh_rows();
                self.view.message = Some(format!("briefings {}", self.view.sort.name()));
            }
            Action::NextChanged => self.next_changed(),
            Action::Find => self.open_finder(),
            Action::SearchLibrary => self.open_library_search(),
            Action::Watchlist => self.toggle_watchlist(),
            Action::Digest => self.enter(Mode::Digest),
            Action::Entities => self.open_entities(),
            Action::NextWatched => self.next_watched(),
            Action::Quit => self.view.quit = true,
            // The driver acts on these (stopping the process, clearing the screen, reading the
            // files again); the state has nothing to change.
            Action::Suspend | Action::Redraw | Action::Reload => {}
        }
    }

    fn enter(&mut self, mode: Mode) {
        self.view.mode = mode;
        self.view.overlay_scroll = 0;
        if mode == Mode::Skim {
            self.view.takeaways.enter_skim();
        }
    }
}
