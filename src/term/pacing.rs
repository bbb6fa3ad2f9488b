//! When the local loop draws: at once after keys, at most every [`PROGRESS_INTERVAL`] for
//! loading progress, and the first frame no later than [`FIRST_PAINT_WAIT`] after start.

use std::time::{Duration, Instant};

/// How long the first paint waits for a background load to finish (a small library is then
/// shown complete, a large one with its progress).
pub const FIRST_PAINT_WAIT: Duration = Duration::from_millis(30);

/// The shortest time between two frames drawn only to show loading progress.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(250);

/// When to draw: at once for keys, spaced out for loading progress.
pub(super) struct Pacing {
    /// Still waiting for a background load to report its end.
    pub(super) loading: bool,
    /// Whether a frame was drawn yet.
    pub(super) drawn: bool,
    /// When the first frame is due at the latest.
    first_due: Instant,
    last_draw: Instant,
    /// A frame is owed for loading progress.
    owed: bool,
}

impl Pacing {
    pub(super) fn new(loading: bool) -> Self {
        let now = Instant::now();
        Self {
            loading,
            drawn: false,
            first_due: now + FIRST_PAINT_WAIT,
            last_draw: now,
            owed: false,
        }
    }

    /// How long the loop may block before it has to draw, if it has to at all.
    pub(super) fn timeout(&self) -> Option<Duration> {
        let now = Instant::now();
        if !self.drawn {
            Some(self.first_due.saturating_duration_since(now))
        } else if self.owed {
            Some((self.last_draw + PROGRESS_INTERVAL).saturating_duration_since(now))
        } else {
            None
        }
    }

    /// Whether to draw now, after keys (`input`) and loading progress (`load`) changed things.
    pub(super) fn draw_now(&mut self, input: bool, load: bool) -> bool {
        let now = Instant::now();
        self.owed |= load;
        let draw = if self.drawn {
            input || (self.owed && (!self.loading || now >= self.last_draw + PROGRESS_INTERVAL))
        } else {
            input || !self.loading || now >= self.first_due
        };
        if draw {
            self.drawn = true;
            self.owed = false;
            self.last_draw = now;
        }
        draw
    }
}
