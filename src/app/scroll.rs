//! Clamped scrolling arithmetic shared by every pane.

/// A selection in a list and the first item on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    /// The selected item.
    pub selected: usize,
    /// The first item on screen.
    pub offset: usize,
}

impl ListCursor {
    /// Moves the selection by `delta` within `count` items, keeping it on screen.
    pub fn move_by(&mut self, delta: isize, count: usize, height: usize) {
        let target = offset(self.selected, delta, count.saturating_sub(1));
        self.select(target, count, height);
    }

    /// Selects `index` (clamped) and scrolls the least needed to show it.
    pub fn select(&mut self, index: usize, count: usize, height: usize) {
        self.selected = index.min(count.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(count.saturating_sub(height));
    }
}

/// `value + delta`, clamped to `0..=max`, without overflow.
pub fn offset(value: usize, delta: isize, max: usize) -> usize {
    value.saturating_add_signed(delta).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_clamp() {
        assert_eq!(offset(0, -5, 10), 0);
        assert_eq!(offset(3, 100, 10), 10);
        assert_eq!(offset(3, isize::MIN, 10), 0);
        assert_eq!(offset(3, isize::MAX, 10), 10);
    }

    #[test]
    fn cursor_keeps_selection_visible() {
        let mut c = ListCursor::default();
        c.move_by(5, 10, 3);
        assert_eq!(
            c,
            ListCursor {
                selected: 5,
                offset: 3
            }
        );
        c.move_by(-4, 10, 3);
        assert_eq!(
            c,
            ListCursor {
                selected: 1,
                offset: 1
            }
        );
        c.move_by(100, 10, 3);
        assert_eq!(
            c,
            ListCursor {
                selected: 9,
                offset: 7
            }
        );
        c.move_by(1, 0, 3);
        assert_eq!(
            c,
            ListCursor {
                selected: 0,
                offset: 0
            }
        );
    }
}
