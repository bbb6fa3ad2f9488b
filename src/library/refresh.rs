//! Taking a new reading of the files into a library: what changed, what is new, what is
//! gone, and a file that broke keeps its last good version.

use std::sync::Arc;

use super::Library;
use crate::content::Briefing;

/// What a reload changed (see [`Library::refresh`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refreshed {
    /// Briefings whose file now holds something else, by [`Briefing::key`].
    pub changed: Vec<String>,
    /// Briefings from files not seen before.
    pub added: usize,
    /// Briefings whose file is gone (not counting one kept open).
    pub removed: usize,
    /// Files that loaded before and fail now: their last good version is kept (origins).
    pub broken: Vec<String>,
    /// The briefing asked to be kept is gone from disk but kept.
    pub kept_gone: bool,
}

impl Refreshed {
    /// Whether the reload found nothing different.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A new reading of the library's files, for [`Library::refresh`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reload {
    /// What the files hold now.
    pub fresh: Library,
    /// The files read again, by origin or by [`Briefing::key`], when only some were (a change
    /// seen on disk); `None` when every path was read again (a full reload, `r`).
    pub scope: Option<std::collections::HashSet<String>>,
    /// Asked for by the reader (`r`), who is then told even that nothing changed.
    pub by_hand: bool,
}

impl Library {
    /// Takes `reload`, a new reading of all of the library's files or of those in its scope.
    /// Each briefing replaces the one read from the same file (by [`Briefing::key`]); new files
    /// are added; a briefing whose file was read again and is gone is dropped, unless it is
    /// `keep` (the one open: it stays readable until the reader moves on). A file that loaded
    /// before and fails now keeps its last good version, and its failure is listed too.
    /// Briefings and failures outside the scope stay as they were. Order and id clashes as for
    /// [`Library::extend`]. O(n) in the library's size.
    // Over 40 lines as one function: a reload taken in one pass over the old and new briefings, by
    // key.
    pub fn refresh(&mut self, reload: Reload, keep: Option<&str>) -> Refreshed {
        let Reload { fresh, scope, .. } = reload;
        let in_scope = |origin: &str| scope.as_ref().is_none_or(|s| s.contains(origin));
        // A briefing was read again if its file was, under whatever spelling.
        let reread = |b: &Briefing| in_scope(&b.origin) || in_scope(&b.key);
        let mut slots: Vec<Option<Arc<Briefing>>> = self.briefings.drain(..).map(Some).collect();
        let by_key: std::collections::HashMap<String, usize> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.as_ref().map(|b| (b.key.clone(), i)))
            .collect();
        let mut out = Refreshed::default();
        let mut briefings = Vec::with_capacity(fresh.briefings.len() + slots.len());
        for b in fresh.briefings {
            match by_key.get(&b.key).and_then(|&i| slots.get_mut(i)?.take()) {
                Some(previous) if !previous.same_text(&b) => out.changed.push(b.key.clone()),
                Some(_) => {}
                None => out.added += 1,
            }
            briefings.push(b);
        }
        for failure in &fresh.failures {
            let last_good = slots
                .iter_mut()
                .find(|b| b.as_ref().is_some_and(|b| b.origin == failure.origin));
            if let Some(b) = last_good.and_then(Option::take) {
                briefings.push(b);
                out.broken.push(failure.origin.clone());
            }
        }
        if let Some(b) = keep
            .and_then(|key| by_key.get(key))
            .and_then(|&i| slots.get_mut(i)?.take())
        {
            out.kept_gone = reread(&b);
            briefings.push(b);
        }
        for b in slots.into_iter().flatten() {
            if reread(&b) {
                out.removed += 1;
            } else {
                briefings.push(b);
            }
        }
        self.failures.retain(|f| !in_scope(&f.origin));
        self.failures.extend(fresh.failures);
        self.failures.sort_by(|a, b| a.origin.cmp(&b.origin));
        self.file(briefings);
        out
    }
}
