//! Tests of [`super`]: ranges, grouping by day, tags.

use std::fmt::Write as _;

use super::*;

fn date(text: &str) -> Date {
    day(text).unwrap()
}

fn briefing(title: &str, date: &str, tags: &str, takeaways: &[&str]) -> String {
    let date = if date.is_empty() {
        String::new()
    } else {
        format!("date = {date}\n")
    };
    let mut out = format!(
        "[briefing]\ntitle = \"{title}\"\n{date}tags = [{tags}]\n[[sections]]\nbody = \"x\"\n[[sections]]\nheading = \"Why\"\nbody = \"y\"\n"
    );
    for t in takeaways {
        let _ = write!(out, "[[takeaways]]\ntext = \"{t}\"\nsection = \"why\"\n");
    }
    out
}

#[test]
fn since_counts_whole_days_ending_today() {
    let today = date("2025-11-12");
    let r = |spec: &str| Range::since(spec, today).map(|r| (r.from.to_string(), r.to.to_string()));
    assert_eq!(r("today"), Ok(("2025-11-12".into(), "2025-11-12".into())));
    assert_eq!(r("7d"), Ok(("2025-11-06".into(), "2025-11-12".into())));
    assert_eq!(r("2w"), Ok(("2025-10-30".into(), "2025-11-12".into())));
    assert_eq!(r("1D"), r("today"));
    for bad in [
        "", "d", "0d", "-1d", "7", "7m", "1.5d", "99999d", "７d", "today7",
    ] {
        assert!(r(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn between_takes_either_end_and_refuses_a_backwards_range() {
    let today = date("2025-11-12");
    let r = Range::between(Some("2025-11-01"), None, today).unwrap();
    assert_eq!((r.from, r.to), (date("2025-11-01"), today));
    let r = Range::between(None, Some("2025-01-01"), today).unwrap();
    assert_eq!(r.from, Date::MIN);
    assert!(Range::between(Some("2025-11-02"), Some("2025-11-01"), today).is_err());
    for bad in [
        "2025-13-01",
        "2025-02-30",
        "25-11-01",
        "2025-11-1",
        "2025-11-01T00:00",
        "+2025-11-01",
    ] {
        assert!(day(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn takeaways_grouped_by_day_newest_first_undated_left_out() {
    let lib = crate::library::of_toml(&[
        briefing("Old", "2025-11-01", "", &["Too old."]),
        briefing(
            "Morning",
            "2025-11-10T08:00:00Z",
            "\"a\"",
            &["First.", "Second."],
        ),
        briefing("Evening", "2025-11-10T20:00:00Z", "\"b\"", &[]),
        briefing("Next", "2025-11-11", "\"A\"", &["Third."]),
        briefing("Undated", "", "\"a\"", &["Never."]),
    ]);
    let range = Range::since("7d", date("2025-11-12")).unwrap();
    let d = digest(&lib, &range, &[]);
    let shape: Vec<(String, Vec<(String, usize)>)> = d
        .days
        .iter()
        .map(|day| {
            (
                day.date.to_string(),
                day.briefings
                    .iter()
                    .map(|e| (lib.briefings[e.briefing].title.clone(), e.takeaways.len()))
                    .collect(),
            )
        })
        .collect();
    let s = |x: &str| x.to_owned();
    assert_eq!(
        shape,
        [
            (s("2025-11-11"), vec![(s("Next"), 1)]),
            (s("2025-11-10"), vec![(s("Evening"), 0), (s("Morning"), 2)]),
        ]
    );
    let morning = &d.days[1].briefings[1];
    assert_eq!(morning.takeaways[0], (s("First."), Some(1)));
    // Tags: every one asked for, case-insensitively.
    let tagged = digest(&lib, &range, &[s("a")]);
    let titles: Vec<&str> = tagged
        .days
        .iter()
        .flat_map(|d| &d.briefings)
        .map(|e| lib.briefings[e.briefing].title.as_str())
        .collect();
    assert_eq!(titles, ["Next", "Morning"]);
    assert!(digest(&lib, &range, &[s("a"), s("b")]).days.is_empty());
}
