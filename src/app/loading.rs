//! Briefings arriving from a background load: each is filed in order, the open briefing and
//! the list cursor stay on what they showed, and the status line counts progress. Until the
//! reader presses a key the newest briefing so far is the one open, as after a full load.

use std::sync::Arc;

use super::App;
use crate::content::Briefing;
use crate::library::{Change, Library, Snapshot};

/// Where a background load is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Progress {
    /// Files read so far.
    done: usize,
    /// Files to read, once known.
    total: Option<usize>,
    /// Open each newer briefing as it arrives (until the reader does something).
    pub(super) follow_newest: bool,
    /// The open briefing is only the opening of its file (see [`App::show_opening`]): the
    /// library holds nothing else, and the whole briefing is on its way.
    pub(super) opening: bool,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            done: 0,
            total: None,
            follow_newest: true,
            opening: false,
        }
    }
}

const PROGRESS: &str = "loading briefings";

impl App {
    /// Files still to come from a background load, if one is running: `(done, total)`.
    pub fn loading(&self) -> Option<(usize, usize)> {
        let total = self.loading.total?;
        (self.loading.done < total).then_some((self.loading.done, total))
    }

    pub(super) fn loading_started(&mut self, total: usize) {
        self.loading.total = Some(total);
        self.show_progress();
    }

    /// Takes a new state of the library; returns true when what is drawn may have changed.
    pub(super) fn snapshot(&mut self, snapshot: Snapshot) -> bool {
        match snapshot.change {
            Change::Batch { read, added } => self.loaded(snapshot.library, read, added),
            Change::Reload {
                summary,
                scope,
                by_hand,
            } => self.reloaded(snapshot.library, summary, scope.as_ref(), by_hand),
        }
    }

    /// Shows the opening of a long briefing's file (see [`crate::content::opening`]) while
    /// the whole file is parsed, when its first frame is the whole briefing's first frame:
    /// nothing else is loaded yet, the reader has not moved, the store holds no place in it
    /// (the driver passes it on once the store has answered), the sidebar shows takeaways,
    /// not watchlist counts, and the opening has more sections than the first screens of the
    /// article and the outline show. The layout must be deferred (see
    /// [`App::defer_layouts`]): that is how it tells. Returns whether it is shown. The next
    /// batch of the load replaces it with the whole briefing, at the same place.
    pub fn show_opening(&mut self, briefing: Arc<Briefing>) -> bool {
        let known = self
            .positions
            .get(briefing.id.as_str(), &briefing.key, &briefing.title)
            .is_some();
        let sections = briefing.sections.len();
        if !self.library.briefings.is_empty()
            || !self.loading.follow_newest
            || self.view.watch
            || known
            || sections <= usize::from(self.area.height)
        {
            return false;
        }
        let before = Arc::clone(&self.library);
        Arc::make_mut(&mut self.library).briefings.push(briefing);
        self.loading.opening = true;
        self.refresh_rows_selecting(None);
        self.open(0);
        if self.layout.is_complete() {
            // Its sections end on the first screens: the whole briefing's would not.
            self.loading.opening = false;
            self.library = before;
            self.refresh_rows_selecting(None);
            self.open(0);
            return false;
        }
        true
    }

    /// Whether the open briefing is only an opening (see [`App::show_opening`]): the whole
    /// briefing is on its way.
    pub fn shows_opening(&self) -> bool {
        self.loading.opening
    }

    /// Takes the library after a batch of `read` files, `added` of them briefings.
    fn loaded(&mut self, library: Arc<Library>, read: usize, added: usize) -> bool {
        if std::mem::take(&mut self.loading.opening) {
            return self.opening_replaced(library, read, added);
        }
        self.loading.done += read;
        let was_empty = self.library.briefings.is_empty();
        let failures = self.library.failures.len();
        let key_at = |i: usize| self.library.briefings.get(i).map(|b| b.key.clone());
        let selected = self
            .row_briefing(self.view.briefings.selected)
            .and_then(key_at);
        let newest = key_at(0);
        self.library = library;
        self.show_progress();
        if added == 0 {
            return self.library.failures.len() != failures;
        }
        if was_empty {
            self.refresh_rows_selecting(None);
            self.open(0);
            return true;
        }
        // Keep the open briefing and the list selection on what they showed, found by key
        // (before opening anything else, so that the open one's reading position is kept
        // under its own name).
        self.open.refind(&self.library);
        let at = selected.and_then(|key| self.library.briefings.iter().position(|b| b.key == key));
        self.refresh_rows_selecting(at);
        let first = self.library.briefings.first();
        let newer_first = newest.is_some_and(|key| first.is_some_and(|b| b.key != key));
        if newer_first && self.loading.follow_newest {
            self.open(0);
        }
        true
    }

    /// The batch after an opening: the whole briefing takes its place, where the reader is
    /// (as after a reload); if its file did not load (an error past the opening), the
    /// opening goes, as if it had never been shown.
    fn opening_replaced(&mut self, library: Arc<Library>, read: usize, added: usize) -> bool {
        let key = self.briefing().map(|b| b.key.clone());
        let whole = key.is_some_and(|key| library.briefings.iter().any(|b| b.key == key));
        if whole {
            self.loading.done += read;
            self.reloaded(library, crate::library::Refreshed::default(), None, false);
            self.show_progress();
            return true;
        }
        self.library = Arc::default();
        self.refresh_rows_selecting(None);
        self.open(0);
        self.loaded(library, read, added);
        true
    }

    fn show_progress(&mut self) {
        let ours = self
            .view
            .message
            .as_deref()
            .is_none_or(|m| m.starts_with(PROGRESS));
        if !ours {
            return;
        }
        self.view.message = self
            .loading()
            .map(|(done, total)| format!("{PROGRESS}… {done} of {total}"));
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Msg};
    use crate::content::{self, Briefing};
    use crate::library;
    use crate::library::Snapshot;
    use crate::settings::keymap::{Action, Keymap};

    fn briefing(title: &str, date: &str) -> Vec<Result<Briefing, library::LoadFailure>> {
        let text = format!(
            "[briefing]\ntitle = \"{title}\"\ndate = {date}\n[[sections]]\nbody = \"text\"\n"
        );
        vec![
            content::parse(title, &text).map_err(|d| library::LoadFailure {
                origin: title.into(),
                diagnostics: d,
            }),
        ]
    }

    fn app() -> App {
        let theme =
            crate::settings::theme::load("mono", library::DEFAULT_MAX_FILE_SIZE).expect("theme");
        let mut app = App::new(library::Library::default(), theme, Keymap::default());
        app.update(Msg::Resize(80, 24));
        app
    }

    #[test]
    fn arrivals_open_the_newest_until_the_reader_moves() {
        let mut app = app();
        app.update(Msg::Loading(3));
        assert!(app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("b", "2024-01-02")
        ))));
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("b"));
        assert!(
            app.view
                .message
                .as_deref()
                .is_some_and(|m| m.contains("1 of 3"))
        );
        app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("c", "2025-01-01"),
        )));
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("c"));
        app.update(Msg::Action(Action::ScrollDown));
        app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("d", "2026-01-01"),
        )));
        // The reader pressed a key: the open briefing stays, its index follows it.
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("c"));
        assert_eq!(app.current(), 1);
        assert_eq!(app.view.briefings.selected, 1);
        assert_eq!(app.loading(), None);
        assert_eq!(app.view.message, None);
        let titles: Vec<&str> = app
            .library
            .briefings
            .iter()
            .map(|b| b.title.as_str())
            .collect();
        assert_eq!(titles, ["d", "c", "b"]);
    }

    #[test]
    fn the_date_given_during_a_load_is_not_the_reader_moving() {
        // The terminal reader gives the date once its first frame is out, which may be
        // between two arrivals: the newest is still followed, and filters count from it.
        let mut app = app();
        app.update(Msg::Loading(2));
        app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("old", "2024-01-01"),
        )));
        let day = content::days_from_civil(2025, 1, 1);
        assert!(!app.update(Msg::Today(day)), "nothing on screen changes");
        app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("new", "2025-01-01"),
        )));
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("new"));
        app.update(Msg::Action(Action::Filter));
        for c in "today".chars() {
            app.update(Msg::SearchInput(c));
        }
        let kept: Vec<&str> = app
            .rows()
            .iter()
            .map(|&i| app.library.briefings[i].title.as_str())
            .collect();
        assert_eq!(kept, ["new"]);
    }

    #[test]
    fn briefings_opened_for_the_reader_but_not_read_leave_no_visit() {
        let mut app = app();
        app.update(Msg::Loading(2));
        app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("old", "2024-01-01"),
        )));
        // A newer one arrives and is opened in its place: "old" was never read.
        app.update(Msg::Snapshot(Snapshot::after_batch(
            &app.library,
            briefing("new", "2025-01-01"),
        )));
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("new"));
        assert!(app.take_visits().is_empty());
        app.positions();
        assert!(
            app.take_visits().is_empty(),
            "nothing read, nothing to save at exit"
        );
        // Once the reader reads it, leaving it is a visit.
        app.update(Msg::Action(Action::ScrollDown));
        app.open(1);
        let visits = app.take_visits();
        assert_eq!(visits.len(), 1);
        assert_eq!(visits[0].position.title, "new");
    }
}
