//! The reader's date, for filters such as `today` and `7d`, the digest and the template of
//! `brief new`: read once by the drivers and commands (the time zone from the system, by the
//! `jiff` crate) and handed on, so that the reader's state stays free of clocks.

/// Today: `BRIEF_TODAY` (`YYYY-MM-DD`) when set and not empty, for tests and for a digest as
/// of another day; else the local date in the system's time zone.
///
/// # Errors
/// `BRIEF_TODAY` set to something that is not a date, with a message saying so.
pub fn today() -> Result<jiff::civil::Date, String> {
    match std::env::var("BRIEF_TODAY") {
        Ok(text) if !text.is_empty() => crate::library::digest::day(&text),
        _ => Ok(jiff::Zoned::now().date()),
    }
}

/// [`today`] as days since 1970-01-01 (the local date when `BRIEF_TODAY` cannot be read).
pub fn local_today() -> i64 {
    let today = today().unwrap_or_else(|_| jiff::Zoned::now().date());
    crate::content::days_from_civil(
        i32::from(today.year()),
        u8::try_from(today.month()).unwrap_or(1),
        u8::try_from(today.day()).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_after_this_was_written() {
        // 2026-01-01 is day 20,454 (unless BRIEF_TODAY says otherwise).
        if std::env::var_os("BRIEF_TODAY").is_none() {
            assert!(super::local_today() > 20_454);
        }
    }
}
