//! The open briefing: opening one, laying it out at the article's width (again on a resize
//! or a zoom), and keeping the reader on the same text across a re-wrap.

use super::layout::{ArticleLayout, TakeawayRows};
use super::panes::{Geometry, Pane};
use ratatui::layout::Rect;

use super::{Anchor, App, ListCursor};
use crate::library::Library;
use crate::text::highlight::Highlighter;

/// Which briefing is open: its file's key, which is what it is whatever the snapshot holds,
/// and, as a cache, where it is in the current snapshot, found again by key whenever the
/// library changes (a load, a reload), so no index into an older snapshot survives.
#[derive(Debug, Clone, Default)]
pub(super) struct OpenBriefing {
    /// [`Briefing::key`] of the open briefing; `None` when nothing is open.
    pub(super) key: Option<String>,
    /// Its index in the current snapshot.
    pub(super) at: usize,
    /// Counts layouts of the open briefing (see [`App::opened`]).
    pub(super) generation: u64,
}

impl OpenBriefing {
    /// Opens the briefing at `at` in `library`.
    pub(super) fn set(&mut self, library: &Library, at: usize) {
        self.at = at;
        self.key = library.briefings.get(at).map(|b| b.key.clone());
    }

    /// Finds the open briefing again in a changed `library`; false when it is not there.
    pub(super) fn refind(&mut self, library: &Library) -> bool {
        let Some(key) = &self.key else {
            return false;
        };
        if library
            .briefings
            .get(self.at)
            .is_some_and(|b| b.key == *key)
        {
            return true;
        }
        match library.briefings.iter().position(|b| b.key == *key) {
            Some(at) => {
                self.at = at;
                true
            }
            None => false,
        }
    }
}

impl App {
    /// Keeps the open briefing's search (or forgets the one kept, if it has none now).
    fn keep_search(&mut self) {
        let Some(key) = self.briefing().map(|b| b.key.clone()) else {
            return;
        };
        match self.view.search.saved() {
            Some(saved) => {
                if self.searches.len() >= super::MAX_KEPT_SEARCHES
                    && !self.searches.contains_key(&key)
                {
                    // Full: the kept search of some other briefing goes.
                    if let Some(other) = self.searches.keys().next().cloned() {
                        self.searches.remove(&other);
                    }
                }
                self.searches.insert(key, saved);
            }
            None => {
                self.searches.remove(&key);
            }
        }
    }

    /// Runs the search kept for the briefing just opened, if any.
    fn restore_search(&mut self) {
        let Some(b) = self.library.briefings.get(self.open.at).cloned() else {
            return;
        };
        if let Some(saved) = self.searches.get(&b.key).cloned() {
            self.finish_layout();
            self.view.search.restore(saved, &self.layout, &b);
        }
    }

    pub(super) fn open_selected(&mut self) {
        match self.view.focus {
            Pane::Briefings => {
                let Some(index) = self.row_briefing(self.view.briefings.selected) else {
                    return;
                };
                self.open_chosen(index);
                if self.view.library {
                    self.toggle_library();
                }
                self.view.focus = Pane::Article;
            }
            Pane::Outline => {
                if let Some(row) = self.layout.section_row(self.view.outline.selected) {
                    self.scroll_to(row);
                    self.view.focus = Pane::Article;
                }
            }
            Pane::Takeaways if self.view.watch => self.next_watched(),
            Pane::Takeaways => {
                if let Some(t) = self.view.takeaways.selected() {
                    self.jump_to_takeaway(t);
                }
            }
            Pane::Article => {}
        }
    }

    /// Opens the briefing whose id is `id` at the section whose id is `section` (its top when
    /// `None`): a deep link. Returns why not when there is no such briefing or section.
    ///
    /// # Errors
    /// One line for the reader: the id or the section id that was not found.
    pub fn open_link(&mut self, id: &str, section: Option<&str>) -> Result<(), String> {
        let index = self
            .library
            .briefings
            .iter()
            .position(|b| b.id.as_str() == id)
            .ok_or_else(|| {
                format!(
                    "no briefing has the id `{}`",
                    crate::content::sanitize::line(id)
                )
            })?;
        let at = match section {
            Some(wanted) => {
                let sections = &self.library.briefings[index].sections;
                let found = sections.iter().position(|s| s.id == wanted);
                Some(found.ok_or_else(|| {
                    format!(
                        "the briefing `{id}` has no section `{}`",
                        crate::content::sanitize::line(wanted)
                    )
                })?)
            }
            None => None,
        };
        // Called by a driver, not through `update`: the section may be anywhere.
        self.whole_layouts(|app| {
            app.open_chosen(index);
            if let Some(section) = at {
                app.view.outline.selected = section;
                if let Some(row) = app.layout.section_row(section) {
                    app.scroll_to(row);
                }
            }
        });
        self.show_window();
        Ok(())
    }

    /// Opens briefing `index`: lays it out and resets the reading position.
    pub fn open(&mut self, index: usize) {
        self.remember_position();
        self.keep_search();
        let index = self.drop_gone(index);
        let count = self.library.briefings.len();
        let index = index.min(count.saturating_sub(1));
        self.open.set(&self.library, index);
        if let Some(row) = self.row_of(index) {
            self.view.briefings.selected = row;
        }
        self.view.scroll = 0;
        self.view.outline = ListCursor::default();
        self.view.takeaways.reset();
        self.view.search.clear();
        self.rebuild();
        self.restore_position();
        self.restore_search();
        self.find_changed();
        self.show_window();
        if self.view.sort == super::Sort::LastRead || self.view.filter.uses_reading() {
            self.refresh_rows();
        }
    }

    /// Highlighter and every layout built again for the current briefing (opened, or read
    /// again from its file).
    pub(super) fn rebuild(&mut self) {
        self.open.generation = self.open.generation.wrapping_add(1);
        self.highlighter = self
            .briefing()
            .map(|b| Highlighter::with_watchlist(&b.keywords, &self.watchlist))
            .unwrap_or_default();
        self.layout = ArticleLayout::default();
        self.sidebar = TakeawayRows::default();
        self.skim_rows = TakeawayRows::default();
        self.outline_highlights = self.briefing().map_or_else(Vec::new, |b| {
            b.sections
                .iter()
                .map(|s| self.highlighter.find(s.label()))
                .collect()
        });
        self.count_watched();
        self.relayout();
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        let wider_or_narrower = self.area.width != width;
        self.area = Rect::new(0, 0, width, height);
        // The library search's snippets were cut for the old width: search again.
        if wider_or_narrower
            && self.view.mode == super::Mode::LibrarySearch
            && !self.view.library_search.input().trim().is_empty()
        {
            self.view.library_search.changed();
        }
        self.relayout();
        self.view.scroll = self.view.scroll.min(self.max_scroll());
        self.clamp_views();
    }

    /// Rebuilds the layouts whose width changed (open, resize, sidebar toggle).
    pub(super) fn relayout(&mut self) {
        let shape = self.shape(self.area);
        if !self.geometry.is_for(shape) {
            self.geometry = Geometry::new(shape);
        }
        let article = self.panes_with(Pane::Article);
        let text_width = article.article_text().map_or(1, |t| usize::from(t.width));
        let side = self.geometry.with_sidebar();
        let side_width = side
            .takeaways
            .map_or(1, |r| usize::from(r.width.saturating_sub(2)));
        let skim_width = usize::from(article.body.width.saturating_sub(4));
        let Some(briefing) = self.library.briefings.get(self.open.at) else {
            self.layout = ArticleLayout::default();
            return;
        };
        if self.area.is_empty() {
            // No size yet (before the first resize): lay out once the width is known.
            return;
        }
        let hl = &self.highlighter;
        if self.layout.width != text_width || self.layout.row_count() == 0 {
            // Keep the reader on the same text across a re-wrap.
            let here = self.layout.anchor_at(briefing, self.view.scroll);
            self.anchor = self
                .anchor
                .take()
                .or(here.map(|(unit, offset)| Anchor::Text(unit, offset)));
            self.layout = if self.defer_layout && self.anchor.is_none() && here.is_none() {
                // A briefing opened at its top: its first screens now, the rest once they
                // are drawn (see `App::defer_layouts`).
                let screens = usize::from(self.area.height) * 2;
                ArticleLayout::first_rows(briefing, hl, text_width, screens)
            } else {
                ArticleLayout::new(briefing, hl, text_width)
            };
            self.view.search.find_again(&self.layout, briefing);
        }
        if self.sidebar.width != side_width || self.sidebar.starts.is_empty() {
            self.sidebar = TakeawayRows::new(briefing, hl, side_width);
        }
        if self.skim_rows.width != skim_width || self.skim_rows.starts.is_empty() {
            self.skim_rows = TakeawayRows::new(briefing, hl, skim_width);
        }
        self.apply_anchor();
    }

    /// Lays out in full the article's rows on screen, and the screens around them (see
    /// [`ArticleLayout::show`]): after every change, before the frame is drawn.
    pub(super) fn show_window(&mut self) {
        let Some(briefing) = self.library.briefings.get(self.open.at) else {
            return;
        };
        let top = self.view.scroll;
        let height = self.article_height();
        self.layout
            .show(briefing, &self.highlighter, top..top.saturating_add(height));
    }

    /// The first article row showing byte `offset` of text unit `unit` (see
    /// [`ArticleLayout::row_of`]); 0 with no briefing open.
    pub(super) fn text_row(&self, unit: usize, offset: usize) -> usize {
        self.library
            .briefings
            .get(self.open.at)
            .map_or(0, |b| self.layout.row_of(b, unit, offset))
    }

    pub(super) fn toggle_zoom(&mut self) {
        self.view.zoom = !self.view.zoom;
        self.view.focus = Pane::Article;
        self.relayout();
        self.view.scroll = self.view.scroll.min(self.max_scroll());
    }
}
