//! The text of the help and diagnostics overlays, laid out for the current width. Kept with the
//! state (not the widgets) because scrolling needs to know how many lines there are.

use super::{App, Mode, scroll};
use crate::settings::keymap::{Action, Key};
use crate::text::{truncate, width, wrap};

/// How an overlay line is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A file name or a heading.
    Header,
    /// Ordinary text.
    Text,
    /// Notes.
    Dim,
}

impl App {
    /// The lines of the open overlay (help or diagnostics), wrapped to its width.
    pub fn overlay_lines(&self) -> Vec<(String, LineKind)> {
        let width = usize::from(
            crate::app::panes::overlay(self.panes().body)
                .width
                .saturating_sub(4),
        )
        .max(1);
        match self.view.mode {
            Mode::Help => self.help_lines(width),
            Mode::Diagnostics => self.diagnostic_lines(width),
            Mode::Digest => self.digest_lines(width),
            _ => Vec::new(),
        }
    }

    /// The digest of the last seven days (as `brief digest` prints it): each day, its
    /// briefings' titles and their takeaways, each with the section it points to.
    fn digest_lines(&self, room: usize) -> Vec<(String, LineKind)> {
        use crate::library::digest::{Range, digest};
        let epoch = jiff::civil::date(1970, 1, 1);
        let today = epoch
            .checked_add(jiff::Span::new().days(self.today))
            .unwrap_or(epoch);
        let Ok(range) = Range::since("7d", today) else {
            return Vec::new();
        };
        let found = digest(&self.library, &range, &[]);
        let mut lines = Vec::new();
        if found.days.is_empty() {
            let none = format!("No dated briefing from {} to {}.", range.from, range.to);
            return wrapped(&none, room, "", LineKind::Dim);
        }
        for day in &found.days {
            if !lines.is_empty() {
                lines.push((String::new(), LineKind::Text));
            }
            lines.push((day.date.to_string(), LineKind::Header));
            for entry in &day.briefings {
                let Some(b) = self.library.briefings.get(entry.briefing) else {
                    continue;
                };
                lines.extend(wrapped(&b.title, room, "  ", LineKind::Text));
                for (i, (text, section)) in entry.takeaways.iter().enumerate() {
                    let number = format!("    {}. ", i + 1);
                    lines.extend(wrapped_hang(text, room, &number, LineKind::Text));
                    if let Some(label) = section
                        .and_then(|s| b.sections.get(s))
                        .map(crate::content::Section::label)
                    {
                        lines.extend(wrapped(
                            &format!("→ {label}"),
                            room,
                            "       ",
                            LineKind::Dim,
                        ));
                    }
                }
            }
        }
        lines
    }

    // Over 40 lines as one function: the help overlay's lines grouped from the keymap in one pass.
    fn help_lines(&self, room: usize) -> Vec<(String, LineKind)> {
        let mut entries: Vec<(String, &str)> = Vec::new();
        let mut takeaway_keys: Vec<Key> = Vec::new();
        for (action, keys) in self.keymap.iter() {
            if let Action::Takeaway(_) = action {
                // Nine near-identical lines say less than one.
                if takeaway_keys.is_empty() {
                    entries.push((String::new(), "Jump to takeaway N and its section"));
                }
                takeaway_keys.extend_from_slice(keys);
                continue;
            }
            entries.push((key_list(keys), action.help()));
        }
        if let Some(entry) = entries.iter_mut().find(|(k, _)| k.is_empty()) {
            entry.0 = takeaway_list(&takeaway_keys);
        }
        let column = entries
            .iter()
            .map(|(k, _)| width(k))
            .max()
            .unwrap_or(0)
            .min(room / 3);
        // Help text wraps under itself, right of the key column, so no line is ever cut.
        let text_room = room.saturating_sub(column + 2).max(8);
        let hang = " ".repeat(column + 2);
        let mut lines: Vec<(String, LineKind)> = Vec::new();
        for (keys, help) in entries {
            let keys = truncate(&keys, column);
            let pad = " ".repeat(column.saturating_sub(width(&keys)));
            for (i, range) in wrap(help, text_room).into_iter().enumerate() {
                let part = help.get(range).unwrap_or_default();
                lines.push(if i == 0 {
                    (format!("{keys}{pad}  {part}"), LineKind::Text)
                } else {
                    (format!("{hang}{part}"), LineKind::Text)
                });
            }
        }
        lines.push((String::new(), LineKind::Text));
        for note in [
            "Search prompt: enter searches, esc cancels, backspace deletes.",
            "Mouse: the wheel scrolls the pane under the pointer; a click focuses a pane or selects an item.",
        ] {
            lines.extend(wrapped(note, room, "", LineKind::Dim));
        }
        lines
    }

    fn diagnostic_lines(&self, room: usize) -> Vec<(String, LineKind)> {
        let mut lines = Vec::new();
        // Files that failed first, then briefings that loaded with warnings.
        let failed = self
            .library
            .failures
            .iter()
            .map(|f| (f.origin.clone(), &f.diagnostics));
        let warned = self
            .library
            .briefings
            .iter()
            .filter(|b| !b.warnings.is_empty())
            .map(|b| (format!("{} (loaded)", b.origin), &b.warnings));
        for (header, diagnostics) in failed.chain(warned) {
            lines.extend(wrapped(&header, room, "", LineKind::Header));
            for d in diagnostics {
                // The file is named once above; each problem shows its place, severity and
                // message.
                let text = match d.position {
                    Some((line, column)) => {
                        format!("{line}:{column}: {}: {}", d.severity, d.message)
                    }
                    None => format!("{}: {}", d.severity, d.message),
                };
                lines.extend(wrapped(&text, room, "  ", LineKind::Text));
            }
        }
        if lines.is_empty() {
            lines.push(("Every file loaded.".to_owned(), LineKind::Text));
        }
        lines
    }
}

/// `text` wrapped to `room` cells, each row indented (continuations by two more cells).
/// `text` wrapped after `prefix` on its first line and under its own start on the others.
fn wrapped_hang(text: &str, room: usize, prefix: &str, kind: LineKind) -> Vec<(String, LineKind)> {
    let hang = " ".repeat(width(prefix));
    wrap(text, room.saturating_sub(width(prefix)).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            let lead = if i == 0 { prefix } else { hang.as_str() };
            (
                format!("{lead}{}", text.get(range).unwrap_or_default()),
                kind,
            )
        })
        .collect()
}

fn wrapped(text: &str, room: usize, indent: &str, kind: LineKind) -> Vec<(String, LineKind)> {
    let inner = room.saturating_sub(width(indent) + 2).max(8);
    wrap(text, inner)
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            let pad = if i == 0 {
                indent.to_owned()
            } else {
                format!("{indent}  ")
            };
            (
                format!("{pad}{}", text.get(range).unwrap_or_default()),
                kind,
            )
        })
        .collect()
}

fn key_list(keys: &[Key]) -> String {
    if keys.is_empty() {
        return "(unbound)".to_owned();
    }
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1–9` when takeaway N is on digit N, as by default; the keys themselves otherwise.
fn takeaway_list(keys: &[Key]) -> String {
    let digits: Vec<Key> = (1..=9u8)
        .filter_map(|n| Key::parse(&n.to_string()))
        .collect();
    if keys == digits.as_slice() {
        "1–9".to_owned()
    } else {
        key_list(keys)
    }
}

impl App {
    pub(super) fn apply_in_overlay(&mut self, action: Action) {
        match action {
            Action::ScrollDown => self.scroll_overlay(1),
            Action::ScrollUp => self.scroll_overlay(-1),
            Action::HalfPageDown | Action::PageDown => self.scroll_overlay(self.page(2)),
            Action::HalfPageUp | Action::PageUp => self.scroll_overlay(-self.page(2)),
            Action::Top => self.view.overlay_scroll = 0,
            Action::Bottom => self.scroll_overlay(isize::MAX / 2),
            Action::Close | Action::Quit | Action::Help | Action::Diagnostics => {
                self.view.mode = Mode::Reading;
            }
            _ => {}
        }
    }

    pub(super) fn scroll_overlay(&mut self, delta: isize) {
        let max = self.overlay_len().saturating_sub(self.overlay_height());
        self.view.overlay_scroll = scroll::offset(self.view.overlay_scroll, delta, max);
    }

    /// Lines in the open overlay (help or diagnostics).
    pub fn overlay_len(&self) -> usize {
        match self.view.mode {
            Mode::Help | Mode::Diagnostics | Mode::Digest => self.overlay_lines().len(),
            _ => 0,
        }
    }

    /// Rows of text an overlay shows at the current size.
    pub fn overlay_height(&self) -> usize {
        usize::from(
            crate::app::panes::overlay(self.panes().body)
                .height
                .saturating_sub(2),
        )
    }
}
