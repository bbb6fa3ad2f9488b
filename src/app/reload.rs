//! A new reading of the library's files taken in: the open briefing stays open at the same
//! place in its text, the list selection stays, and the status line says what changed.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Anchor, App};
use crate::content::Briefing;
use crate::library::{Library, Refreshed};

impl App {
    /// Takes a reload of the library: the open briefing stays open (at the same place in its
    /// text, whatever changed around it), and so does the list selection; the status line says
    /// what changed, what failed (its last good version is shown) and what is gone.
    /// A reload that finds nothing different (a file touched, saved unchanged) changes
    /// nothing on screen unless the reader asked for it.
    // Over 40 lines as one function: the reconciliation after a reload, in the order it must
    // happen: find the open briefing and selection again, then re-anchor, then clamp.
    pub(super) fn reloaded(
        &mut self,
        library: Arc<Library>,
        mut summary: Refreshed,
        scope: Option<&HashSet<String>>,
        by_hand: bool,
    ) -> bool {
        let open = self.briefing().map(|b| b.key.clone());
        // A briefing kept open after its file went stays so until its file is read again.
        let rereads_open = self
            .briefing()
            .is_some_and(|b| scope.is_none_or(|s| s.contains(&b.origin)));
        let at = self
            .briefing()
            .and_then(|b| self.layout.address_at(b, self.view.scroll));
        let selected = self
            .row_briefing(self.view.briefings.selected)
            .and_then(|i| self.library.briefings.get(i))
            .map(|b| b.key.clone());
        let before = self.library.briefings.get(self.open.at).cloned();
        let kept = self.open.key.as_ref().and_then(|key| {
            let gone = !library.briefings.iter().any(|b| b.key == *key);
            let shown = self.library.briefings.get(self.open.at);
            shown.filter(|b| gone && b.key == *key).cloned()
        });
        self.library = library;
        // The open briefing's file is gone: it stays readable, in this reader's copy of the
        // list (pointers copied, not briefings), until the reader opens another.
        if let Some(briefing) = kept {
            let was_gone = self.gone.is_some();
            Arc::make_mut(&mut self.library).keep(briefing);
            if rereads_open || !was_gone {
                summary.kept_gone = true;
                summary.removed = summary.removed.saturating_sub(1);
            }
        }
        let index_of = |key: Option<&String>| {
            key.and_then(|k| self.library.briefings.iter().position(|b| b.key == *k))
        };
        let current = index_of(open.as_ref());
        let reselect = index_of(selected.as_ref()).or(current);
        self.refresh_rows_selecting(reselect);
        if summary.kept_gone {
            self.gone.clone_from(&open);
        } else if rereads_open {
            self.gone = None;
        }
        // The open briefing changed if what the snapshot holds under its key is another text
        // (changed, or back after its file was removed and written again).
        let now = self
            .open
            .key
            .as_ref()
            .and_then(|key| self.library.briefings.iter().find(|b| b.key == *key));
        let open_changed = match (&before, now) {
            (Some(before), Some(now)) => !Arc::ptr_eq(before, now) && !before.same_text(now),
            _ => false,
        };
        match current {
            Some(current) if !open_changed => self.open.at = current,
            Some(current) => {
                self.open.at = current;
                self.rebuild();
                self.anchor = at.map(Anchor::Address);
                self.apply_anchor();
                // What pointed into the old text: matches are found again, numbers start over.
                if let Some(briefing) = self.library.briefings.get(self.open.at) {
                    self.view.search.restart(&self.layout, briefing);
                }
                let takeaways = self.briefing().map_or(0, |b| b.takeaways.len());
                let sections = self.briefing().map_or(0, |b| b.sections.len());
                self.view.takeaways.clamp(takeaways, sections);
            }
            None => self.open(0),
        }
        self.clamp_views();
        if summary.is_empty() && !by_hand {
            return false;
        }
        self.view.message = Some(reload_message(&summary, self.briefing()));
        true
    }

    /// Before opening briefing `index`: the briefing whose file was removed while it was open
    /// leaves the library now. Returns where `index` is after that.
    pub(super) fn drop_gone(&mut self, index: usize) -> usize {
        let Some(gone) = self.gone.take() else {
            return index;
        };
        let target = self.library.briefings.get(index).map(|b| b.key.clone());
        if target.as_deref() == Some(gone.as_str()) {
            self.gone = Some(gone);
            return index;
        }
        Arc::make_mut(&mut self.library)
            .briefings
            .retain(|b| b.key != gone);
        target
            .and_then(|k| self.library.briefings.iter().position(|b| b.key == k))
            .unwrap_or(0)
    }
}

/// The status line after a reload.
// Over 40 lines as one function: the status line's sentence for every outcome of a reload.
fn reload_message(summary: &crate::library::Refreshed, open: Option<&Briefing>) -> String {
    use crate::text::count;
    // The file's name, not its whole path: the status line is one row, and `!` has the rest.
    let name = |origin: &str| {
        std::path::Path::new(origin)
            .file_name()
            .map_or_else(|| origin.to_owned(), |n| n.to_string_lossy().into_owned())
    };
    if let Some(origin) = summary.broken.first() {
        let more = summary.broken.len() - 1;
        let others = if more == 0 {
            String::new()
        } else {
            format!(" (and {})", count(more, "other", "others"))
        };
        return format!(
            "{} no longer loads{others}: last good version shown, ! for why",
            name(origin)
        );
    }
    if summary.kept_gone {
        let name = open.map_or_else(|| "the open briefing".to_owned(), |b| name(&b.origin));
        return format!("{name} was removed: it stays open until you open another");
    }
    let mut parts = Vec::new();
    if !summary.changed.is_empty() {
        parts.push(format!(
            "{} changed",
            count(summary.changed.len(), "briefing", "briefings")
        ));
    }
    if summary.added > 0 {
        parts.push(format!("{} new", summary.added));
    }
    if summary.removed > 0 {
        parts.push(format!("{} removed", summary.removed));
    }
    if parts.is_empty() {
        "reloaded: nothing changed".to_owned()
    } else {
        format!("reloaded: {}", parts.join(", "))
    }
}
