//! The briefings list's filter, as the reader types it: `#tag`, a date range (`today`,
//! `yesterday`, `7d`, `2w`, `since 2025-11-01`, `until 2025-11-30`), `unread`, `changed`, and
//! any other words, which must all appear in the title, dateline, source or tags. Every part
//! must hold (they are and-ed). Words are matched as the in-article search matches:
//! case-insensitively, Unicode-aware.

use super::Mark;
use crate::content::Briefing;
use crate::text::fold::fold;

/// A parsed filter. The default keeps every briefing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// As typed, shown in the list's title while it is active.
    pub text: String,
    /// Tags the briefing must all have (folded, without `#`).
    tags: Vec<String>,
    /// First and last day kept (days since 1970-01-01, inclusive); an undated briefing is
    /// never in a date range.
    since: Option<i64>,
    until: Option<i64>,
    /// Only briefings never read.
    unread: bool,
    /// Only briefings changed since they were read.
    changed: bool,
    /// Words that must all appear (folded).
    words: Vec<String>,
    /// Parts that were not understood (a date that does not parse), to be said.
    pub problems: Vec<String>,
    /// `@Name`: only briefings whose text mentions Name (the entity index's choice).
    mention: Option<String>,
}

impl Filter {
    /// Parses `text`, with `today` (days since 1970-01-01, the reader's local date) for the
    /// relative ranges. Never fails: a part that cannot be read is kept as a problem and
    /// otherwise ignored.
    pub fn parse(text: &str, today: i64) -> Self {
        let mut filter = Self {
            text: text.trim().to_owned(),
            ..Self::default()
        };
        // `@Name` is a mention, spaces and all: nothing else goes with it.
        if let Some(name) = filter.text.strip_prefix('@') {
            let name = name.trim();
            filter.mention = (!name.is_empty()).then(|| name.to_owned());
            return filter;
        }
        let mut parts = text.split_whitespace().peekable();
        while let Some(part) = parts.next() {
            let lower = part.to_lowercase();
            match lower.as_str() {
                "today" => filter.narrow(today, today),
                "yesterday" => filter.narrow(today - 1, today - 1),
                "unread" => filter.unread = true,
                "changed" => filter.changed = true,
                "since" | "until" | "from" | "to" => {
                    let Some(date) = parts.next() else {
                        filter.problems.push(format!(
                            "`{part}` needs a date, e.g. {part} 2025-11-01: that part is left out"
                        ));
                        continue;
                    };
                    match parse_day(date) {
                        Some(day) if matches!(lower.as_str(), "since" | "from") => {
                            filter.narrow(day, i64::MAX);
                        }
                        Some(day) => filter.narrow(i64::MIN, day),
                        None => filter.problems.push(format!(
                            "`{}` is not a date (write it as 2025-11-01): that part is left out",
                            crate::content::sanitize::line(date)
                        )),
                    }
                }
                _ => {
                    if let Some(tag) = part.strip_prefix('#').filter(|t| !t.is_empty()) {
                        filter.tags.push(fold(tag));
                    } else if let Some(days) = relative(&lower) {
                        filter.narrow(today - days + 1, today);
                    } else {
                        filter.words.push(fold(part));
                    }
                }
            }
        }
        filter
    }

    /// Whether what the filter keeps depends on the reader's read state (`unread`, `changed`).
    pub fn uses_reading(&self) -> bool {
        self.unread || self.changed
    }

    /// The name of `@Name`, whose mentions the list keeps (worked out by the list, which
    /// knows the library).
    pub fn mention(&self) -> Option<&str> {
        self.mention.as_deref()
    }

    /// Whether the filter keeps every briefing.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn narrow(&mut self, since: i64, until: i64) {
        self.since = Some(self.since.map_or(since, |s| s.max(since)));
        self.until = Some(self.until.map_or(until, |u| u.min(until)));
    }

    /// Whether `briefing` is kept; `mark` tells its read state, asked only when needed.
    pub fn keeps(&self, briefing: &Briefing, mark: impl FnOnce() -> Mark) -> bool {
        if self.is_empty() {
            return true;
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(day) = briefing.date.as_ref().map(|d| d.minutes.div_euclid(1440)) else {
                return false;
            };
            if self.since.is_some_and(|s| day < s) || self.until.is_some_and(|u| day > u) {
                return false;
            }
        }
        let tags: Vec<String> = if self.tags.is_empty() {
            Vec::new()
        } else {
            briefing.tags.iter().map(|t| fold(t)).collect()
        };
        if !self.tags.iter().all(|t| tags.contains(t)) {
            return false;
        }
        if !self.words.is_empty() {
            let haystack = fold(&crate::app::finder::haystack(briefing));
            if !self.words.iter().all(|w| haystack.contains(w.as_str())) {
                return false;
            }
        }
        if self.unread || self.changed {
            let mark = mark();
            if (self.unread && mark != Mark::Unread) || (self.changed && mark != Mark::Changed) {
                return false;
            }
        }
        true
    }
}

/// `7d` or `2w`: that many days back, today included.
fn relative(part: &str) -> Option<i64> {
    let (number, days) = match part.strip_suffix('d') {
        Some(number) => (number, 1),
        None => (part.strip_suffix('w')?, 7),
    };
    let n: i64 = number.parse().ok().filter(|n| *n > 0 && *n < 100_000)?;
    Some(n * days)
}

/// `YYYY-MM-DD` as days since 1970-01-01.
pub fn parse_day(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    Some(crate::content::days_from_civil(year, month, day))
}
