//! The entity index as a view (`E`): every keyword of the library's briefings and every
//! watchlist term, with how many briefings mention it, most mentioned first; typing narrows
//! it, and Enter shows the briefings that mention the chosen one in the list (the filter
//! `@Name`). The index reads the whole library's text, so the driver builds it off the
//! reader's thread ([`super::Work::Entities`]) and the panel says so meanwhile.

use std::sync::Arc;

use super::{App, Mode, Work};
use crate::library::entities::Entity;
use crate::text::fold::fold;

/// Longest query kept, in characters.
const MAX_QUERY: usize = 128;

/// The entity index of one library snapshot, shared; two are equal when they are the same.
#[derive(Debug, Clone)]
pub struct Index(Arc<Vec<Entity>>);

impl Index {
    /// Wraps an index built by [`crate::library::entities::entities`].
    pub fn new(entities: Vec<Entity>) -> Self {
        Self(Arc::new(entities))
    }

    /// Every entity, by name.
    pub fn entities(&self) -> &[Entity] {
        &self.0
    }
}

impl PartialEq for Index {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Index {}

/// The view's state: what was typed, the index once built, the entities shown and the one
/// selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityView {
    query: String,
    /// Bumped at each opening that needs the index (built again for a new snapshot).
    generation: u64,
    asked: u64,
    /// The index, and the library (its address) it was built from.
    index: Option<(usize, Index)>,
    /// Indices into the index's entities, most mentioned first, narrowed by the query.
    shown: Vec<usize>,
    selected: usize,
}

impl EntityView {
    /// What was typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The entities shown, most mentioned first; `None` while the index is being built.
    pub fn shown(&self) -> Option<impl Iterator<Item = &Entity>> {
        let (_, index) = self.index.as_ref()?;
        Some(self.shown.iter().filter_map(|&i| index.entities().get(i)))
    }

    /// How many entities the index holds (0 while it is being built).
    pub fn total(&self) -> usize {
        self.index.as_ref().map_or(0, |(_, i)| i.entities().len())
    }

    /// The selected entity's place among those shown.
    pub fn selected(&self) -> usize {
        self.selected
    }

    fn narrow(&mut self) {
        let Some((_, index)) = &self.index else {
            self.shown.clear();
            return;
        };
        let wanted = fold(self.query.trim());
        let mut shown: Vec<usize> = index
            .entities()
            .iter()
            .enumerate()
            .filter(|(_, e)| wanted.is_empty() || fold(&e.name).contains(&wanted))
            .map(|(i, _)| i)
            .collect();
        let briefings = |i: &usize| index.entities().get(*i).map_or(0, |e| e.mentions.len());
        shown.sort_by(|a, b| briefings(b).cmp(&briefings(a)).then(a.cmp(b)));
        self.shown = shown;
        self.selected = 0;
    }
}

impl App {
    /// The entity index view.
    pub fn entity_view(&self) -> &EntityView {
        &self.view.entities
    }

    /// Opens the entity index (built again when the library changed since).
    pub(super) fn open_entities(&mut self) {
        self.view.mode = Mode::Entities;
        let library = Arc::as_ptr(&self.library) as usize;
        let view = &mut self.view.entities;
        if view.index.as_ref().is_none_or(|(of, _)| *of != library) {
            view.index = None;
            view.shown.clear();
            view.generation += 1;
        }
    }

    /// For the driver: the index to build, once per opening that needs it.
    pub(super) fn take_entities_work(&mut self) -> Option<Work> {
        let view = &mut self.view.entities;
        if self.view.mode != Mode::Entities || view.asked == view.generation {
            return None;
        }
        view.asked = view.generation;
        Some(Work::Entities {
            generation: view.generation,
            watchlist: self.watchlist.clone(),
        })
    }

    /// The index was built: kept if it is for this opening.
    pub(super) fn entities_built(&mut self, generation: u64, index: Index) {
        let library = Arc::as_ptr(&self.library) as usize;
        let view = &mut self.view.entities;
        if generation == view.generation {
            view.index = Some((library, index));
            view.narrow();
        }
    }

    pub(super) fn entities_text(&mut self, text: &str) {
        let view = &mut self.view.entities;
        super::push_chars(&mut view.query, text, MAX_QUERY);
        view.narrow();
    }

    pub(super) fn entities_backspace(&mut self, count: usize) {
        super::pop_chars(&mut self.view.entities.query, count);
        self.view.entities.narrow();
    }

    pub(super) fn entities_move(&mut self, delta: isize) {
        let view = &mut self.view.entities;
        let last = view.shown.len().saturating_sub(1);
        view.selected = view.selected.saturating_add_signed(delta).min(last);
    }

    /// Enter: the list shows the briefings that mention the selected entity, as the main
    /// pane (the filter `@Name`; Esc clears it).
    pub(super) fn entities_open(&mut self) {
        let view = &self.view.entities;
        let chosen = view
            .index
            .as_ref()
            .and_then(|(_, index)| index.entities().get(*view.shown.get(view.selected)?))
            .cloned();
        self.view.mode = Mode::Reading;
        let Some(entity) = chosen else { return };
        let briefings = entity.mentions.iter().map(|m| m.briefing).collect();
        // The index was built from the library as it is now (a new snapshot builds it again).
        let library = Arc::as_ptr(&self.library) as usize;
        self.mentions = Some(((fold(&entity.name), library), briefings));
        self.view.filter_input = format!("@{}", entity.name);
        self.view.filter = super::Filter::parse(&self.view.filter_input, self.today);
        if !self.view.library {
            self.toggle_library();
        }
        self.refresh_rows();
        self.view.message = Some(format!(
            "{} mention {}; Esc shows every one",
            crate::text::count(entity.mentions.len(), "briefing", "briefings"),
            entity.name
        ));
    }
}
