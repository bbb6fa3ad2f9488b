//! Reading positions: restored when a briefing opens (from the store, or where this session
//! left it), remembered when the reader leaves it, and handed to the store as visits.

use super::{Anchor, App};
use crate::store::Visit;
use crate::store::positions::{Position, Positions, ReadState};

impl App {
    /// Reopens briefings where they were left; the open one moves there now.
    #[must_use]
    pub fn with_positions(mut self, positions: Positions) -> Self {
        self.positions = positions;
        self.restore_position();
        self.refresh_reading();
        self.show_window();
        self
    }

    /// The reading positions, including where the open briefing is now.
    pub fn positions(&mut self) -> &Positions {
        self.remember_position();
        &self.positions
    }

    /// Takes in the positions of the state store (this session's own stay first) and opens the
    /// current briefing where it was left, unless the reader has already moved.
    pub(super) fn stored(&mut self, positions: Positions, notices: Vec<String>) -> bool {
        self.positions.merge_older(positions);
        if self.loading.follow_newest {
            self.restore_position();
        }
        self.refresh_reading();
        if let Some(notice) = notices.into_iter().next() {
            self.view.message = Some(notice);
        }
        true
    }

    /// The visits to save since the last call, oldest first (see [`crate::store::Service`]).
    pub fn take_visits(&mut self) -> Vec<Visit> {
        std::mem::take(&mut self.visits)
    }

    pub(super) fn remember_position(&mut self) {
        // A briefing opened for the reader (the newest arriving during a load) but never read
        // has no place to remember: saving its top would overwrite where it was really left.
        // An opening's sections are not the briefing's: read, they would count as changed.
        // What the reader did in it counts for the whole briefing that replaces it.
        if self.loading.opening {
            return;
        }
        if !std::mem::take(&mut self.viewed) {
            return;
        }
        let Some(briefing) = self.briefing() else {
            return;
        };
        let Some(at) = self.layout.address_at(briefing, self.view.scroll) else {
            return;
        };
        let sections: Vec<(String, u64)> = briefing
            .sections
            .iter()
            .map(|s| (s.id.to_string(), s.hash))
            .collect();
        let at_end = self.view.scroll >= self.max_scroll();
        // Read to the end once, it stays so (as the store keeps it).
        let was_at_end = self
            .positions
            .get(briefing.id.as_str(), &briefing.key, &briefing.title)
            .and_then(|p| p.read.as_ref())
            .is_some_and(|r| r.at_end);
        let position = Position {
            id: briefing.id.to_string(),
            // Kept so that the entry replaces one written before ids for the same file.
            origin: briefing.key.clone(),
            title: briefing.title.clone(),
            at: Some(at),
            unit: None,
            offset: None,
            read: Some(ReadState {
                at_end: at_end || was_at_end,
                sections: sections.clone(),
            }),
        };
        self.visits.push(Visit {
            position: position.clone(),
            sections,
            at_end,
        });
        self.reading.record(&position.id, position.read.clone());
        self.positions.set(position);
    }

    pub(super) fn restore_position(&mut self) {
        let Some(b) = self.briefing() else {
            return;
        };
        let Some(p) = self.positions.get(b.id.as_str(), &b.key, &b.title) else {
            return;
        };
        self.anchor = match (&p.at, p.unit) {
            (Some(at), _) => Some(Anchor::Address(at.clone())),
            (None, Some(unit)) => Some(Anchor::Text(unit, p.offset.unwrap_or(0))),
            (None, None) => None,
        };
        self.apply_anchor();
    }

    /// Scrolls to the pending anchor once there is a layout to find it in.
    pub(super) fn apply_anchor(&mut self) {
        if self.layout.row_count() == 0 || self.anchor.is_none() {
            return;
        }
        // The place may be anywhere in the article.
        self.finish_layout();
        let Some(anchor) = self.anchor.take() else {
            return;
        };
        let row = match anchor {
            Anchor::Text(unit, offset) => self.text_row(unit, offset),
            Anchor::Address(at) => self
                .library
                .briefings
                .get(self.open.at)
                .map_or(0, |b| self.layout.row_of_address(b, &at)),
        };
        self.view.scroll = row.min(self.max_scroll());
        self.sync_outline();
    }
}
