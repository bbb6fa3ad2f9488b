//! The reader's local date, for filters such as `today` and `7d`: read once by the drivers
//! (the time zone from the system, by the `jiff` crate) and handed to the reader's state,
//! which stays free of clocks.

/// Today in the local time zone, as days since 1970-01-01 (UTC when the zone is unknown).
pub fn local_today() -> i64 {
    let today = jiff::Zoned::now().date();
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
        // 2026-01-01 is day 20,454.
        assert!(super::local_today() > 20_454);
    }
}
