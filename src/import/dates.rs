//! Finding the date an article gives in its running text: `2025-11-10`, `2025/11/10`,
//! `November 10, 2025`, `Nov. 10 2025`, `10 November 2025`, `10th Nov 2025`, with or without a
//! weekday before. Hand-written: date crates parse a whole string in a known format, while an
//! article has to be searched, with the place of the match kept for the guess it makes.

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Year, month (1–12) and day, a day that exists.
    pub date: (i32, u8, u8),
    /// Byte offset of the match (its weekday, when one comes first).
    pub at: usize,
    /// The words matched, as written.
    pub text: String,
}

/// The first date in `text`, if any: a date in words or digits, else one written as in
/// Chinese and Japanese (`2025年11月10日`).
pub fn find(text: &str) -> Option<Found> {
    latin(text).or_else(|| han(text))
}

/// `2025年11月10日`: year, month and day digits, each followed by its character.
fn han(text: &str) -> Option<Found> {
    for (at, _) in text.match_indices('年') {
        let before = text.get(..at)?;
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let start = at - digits;
        let rest = text.get(at + '年'.len_utf8()..)?;
        let (month, rest) = rest.split_once('月')?;
        let (day, _) = rest.split_once('日')?;
        let year: Option<i32> = year(text.get(start..at)?);
        let (Some(year), Ok(month), Ok(day)) = (year, month.parse::<u8>(), day.parse::<u8>())
        else {
            continue;
        };
        if exists(year, month, day) {
            let end = at + '年'.len_utf8() + month.to_string().len() + '月'.len_utf8();
            let end = end + day.to_string().len() + '日'.len_utf8();
            return Some(Found {
                date: (year, month, day),
                at: start,
                text: text.get(start..end).unwrap_or_default().to_owned(),
            });
        }
    }
    None
}

/// The first date written in Latin script or digits.
fn latin(text: &str) -> Option<Found> {
    let words: Vec<(usize, &str)> = words(text);
    for (i, &(at, word)) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).map(|&(_, w)| w);
        let parts = numeric(word)
            .map(|d| (d, 1))
            .or_else(|| {
                let month = month(word)?;
                let day = day(next(1)?)?;
                let year = year(next(2)?)?;
                Some(((year, month, day), 3))
            })
            .or_else(|| {
                let day = day(word)?;
                let month = month(next(1)?)?;
                let year = year(next(2)?)?;
                Some(((year, month, day), 3))
            });
        let Some(((year, month, day), count)) = parts else {
            continue;
        };
        if !exists(year, month, day) {
            continue;
        }
        let weekday = i
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .filter(|(_, w)| WEEKDAYS.contains(&bare(w).to_lowercase().as_str()));
        let start = weekday.map_or(at, |&(a, _)| a);
        let last = words.get(i + count - 1).map_or(at, |&(a, w)| a + w.len());
        let matched = text.get(start..last).unwrap_or_default();
        return Some(Found {
            date: (year, month, day),
            at: start,
            text: matched.trim_end_matches([',', '.', ';', ':']).to_owned(),
        });
    }
    None
}

/// The words of `text` with their byte offsets, split at whitespace.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, text.get(s..i).unwrap_or_default()));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.get(s..).unwrap_or_default()));
    }
    out
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `2025-11-10` or `2025/11/10`, alone or before a time (`2025-11-10T09:30:00Z`).
fn numeric(word: &str) -> Option<(i32, u8, u8)> {
    let word = bare(word);
    let word = word.split_once('T').map_or(word, |(date, _)| date);
    let sep = if word.contains('-') { '-' } else { '/' };
    let mut parts = word.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Some((year(y)?, m.parse().ok()?, d.parse().ok()?))
}

fn month(word: &str) -> Option<u8> {
    let word = bare(word).to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| {
        *m == word || (m.starts_with(word.as_str()) && (word.len() == 3 || word == "sept"))
    })?;
    u8::try_from(index + 1).ok()
}

fn day(word: &str) -> Option<u8> {
    let word = bare(word);
    let digits = word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    let word = bare(word);
    if word.len() != 4 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1800..=2200).contains(y))
}

fn exists(year: i32, month: u8, day: u8) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_seed_date_with_its_weekday() {
        let text = "The announcement came on Monday, November 10, 2025, shortly after.";
        let found = find(text).unwrap();
        assert_eq!(found.date, (2025, 11, 10));
        assert_eq!(found.text, "Monday, November 10, 2025");
        assert_eq!(found.at, text.find("Monday").unwrap());
    }

    #[test]
    fn finds_common_forms() {
        for (text, date) in [
            ("Filed 2024-02-29 late", (2024, 2, 29)),
            ("on 2024/03/01.", (2024, 3, 1)),
            ("Sept. 3, 2023", (2023, 9, 3)),
            ("(10 Nov 2025)", (2025, 11, 10)),
            ("the 1st of ... no; 1st March 1999", (1999, 3, 1)),
            ("Jan 5 2020", (2020, 1, 5)),
            ("2025-06-03T08:15:00Z", (2025, 6, 3)),
            ("東京 — 2025年11月10日、東京市場", (2025, 11, 10)),
        ] {
            assert_eq!(find(text).map(|f| f.date), Some(date), "{text}");
        }
    }

    #[test]
    fn refuses_days_that_do_not_exist_and_bare_numbers() {
        for text in [
            "2023-02-29",
            "February 30, 2024",
            "in 2025 alone",
            "May I say 10",
            "",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
