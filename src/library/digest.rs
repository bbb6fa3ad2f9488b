//! The digest: the key takeaways of the briefings filed in a range of days, grouped by day,
//! newest first, for `brief digest` and a reader's view alike. Pure: "today" is a parameter,
//! never read from the clock here.

use jiff::ToSpan;
use jiff::civil::Date;

use super::Library;
use crate::content::Briefing;

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The first day.
    pub from: Date,
    /// The last day.
    pub to: Date,
}

impl Range {
    /// The days named by `spec` up to `today`: `today` (that day alone), `Nd` (the N days
    /// ending today: `7d` is today and the six before) or `Nw` (7×N days); N from 1 to 10000.
    ///
    /// # Errors
    /// A message naming what was expected, for any other `spec`.
    pub fn since(spec: &str, today: Date) -> Result<Self, String> {
        let bad = || format!("`{spec}` is not a range: expected today, Nd or Nw (such as 7d)");
        let spec = spec.trim();
        let days = if spec.eq_ignore_ascii_case("today") {
            1
        } else {
            let unit = spec.get(spec.len().saturating_sub(1)..).ok_or_else(bad)?;
            let n: i64 = spec
                .get(..spec.len().saturating_sub(1))
                .and_then(|n| n.parse().ok())
                .filter(|n| (1..=10_000).contains(n))
                .ok_or_else(bad)?;
            match unit {
                "d" | "D" => n,
                "w" | "W" => n * 7,
                _ => return Err(bad()),
            }
        };
        let from = today.checked_sub((days - 1).days()).unwrap_or(Date::MIN);
        Ok(Self { from, to: today })
    }

    /// The days from `from` (default: the earliest) to `to` (default: `today`).
    ///
    /// # Errors
    /// When a date is not `YYYY-MM-DD` or `from` is after `to`.
    pub fn between(from: Option<&str>, to: Option<&str>, today: Date) -> Result<Self, String> {
        let from = from.map(day).transpose()?.unwrap_or(Date::MIN);
        let to = to.map(day).transpose()?.unwrap_or(today);
        if from > to {
            return Err(format!("the range starts ({from}) after it ends ({to})"));
        }
        Ok(Self { from, to })
    }

    /// Whether `date` is one of the days.
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A day written `YYYY-MM-DD`.
///
/// # Errors
/// A message naming the text and the form expected.
pub fn day(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let valid = text.len() == 10 && text.chars().all(|c| c.is_ascii_digit() || c == '-');
    valid
        .then(|| text.parse::<Date>().ok())
        .flatten()
        .ok_or_else(|| format!("`{text}` is not a date: expected YYYY-MM-DD, such as 2025-11-10"))
}

/// The takeaways of the briefings in a range, by day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The days asked for.
    pub range: Range,
    /// Only briefings with every one of these tags (compared case-insensitively).
    pub tags: Vec<String>,
    /// Days with at least one briefing, newest first.
    pub days: Vec<Day>,
}

/// One day of a [`Digest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The day, as the briefings' dates write it (their own offset's calendar day).
    pub date: Date,
    /// Its briefings in the library's order (latest first).
    pub briefings: Vec<Entry>,
}

/// One briefing of a [`Day`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into the library's `briefings` (valid for that snapshot only).
    pub briefing: usize,
    /// The briefing's [`Briefing::key`].
    pub key: String,
    /// Its takeaways, in order, each with the index of the section it points to (if any);
    /// empty for a briefing without takeaways (it is still listed).
    pub takeaways: Vec<(String, Option<usize>)>,
}

/// The digest of `library` for `range`, keeping only briefings that carry every tag in
/// `tags`. Undated briefings are in no range and are left out. O(n) in the library's size.
pub fn digest(library: &Library, range: &Range, tags: &[String]) -> Digest {
    let wanted: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
    let mut days: Vec<Day> = Vec::new();
    for (i, b) in library.briefings.iter().enumerate() {
        let Some(date) = date_of(b).filter(|d| range.contains(*d)) else {
            continue;
        };
        let has = |tag: &String| b.tags.iter().any(|t| t.to_lowercase() == *tag);
        if !wanted.iter().all(has) {
            continue;
        }
        let entry = Entry {
            briefing: i,
            key: b.key.clone(),
            takeaways: b
                .takeaways
                .iter()
                .map(|t| (t.text.to_string(), t.section))
                .collect(),
        };
        match days.iter_mut().find(|d| d.date == date) {
            Some(day) => day.briefings.push(entry),
            None => days.push(Day {
                date,
                briefings: vec![entry],
            }),
        }
    }
    // The library is newest first by moment; a day's briefings written with different
    // offsets can still interleave, so the days are put in order here.
    days.sort_by_key(|day| std::cmp::Reverse(day.date));
    Digest {
        range: *range,
        tags: tags.to_vec(),
        days,
    }
}

/// The calendar day a briefing's date writes, if it has one.
pub fn date_of(briefing: &Briefing) -> Option<Date> {
    briefing.list_date().parse().ok()
}

#[cfg(test)]
mod tests;
