use std::sync::Arc;

use super::filter::parse_day;
use super::*;
use crate::content::parse;
use crate::store::positions::Position;

fn briefing(title: &str, date: Option<&str>, tags: &[&str]) -> Arc<Briefing> {
    let date = date.map_or(String::new(), |d| format!("date = {d}\n"));
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    let text = format!(
        "[briefing]\ntitle = \"{title}\"\n{date}tags = [{}]\ndateline = \"Geneva\"\n[[sections]]\nid = \"a\"\nbody = \"One.\"\n[[sections]]\nid = \"b\"\nheading = \"B\"\nbody = \"Two.\"\n",
        tags.join(", ")
    );
    Arc::new(parse(&format!("{title}.toml"), &text).expect("valid"))
}

fn read(b: &Briefing, sections: &[(&str, u64)]) -> Position {
    Position {
        id: b.id.to_string(),
        origin: String::new(),
        title: String::new(),
        at: None,
        unit: None,
        offset: None,
        read: Some(ReadState {
            at_end: false,
            sections: sections
                .iter()
                .map(|(s, h)| ((*s).to_owned(), *h))
                .collect(),
        }),
    }
}

fn library() -> Vec<Arc<Briefing>> {
    vec![
        briefing("Zeta talks", Some("2025-11-10"), &["syria", "Talks"]),
        briefing("alpha summit", Some("2025-11-04"), &["summit"]),
        briefing("Élan report", Some("2025-10-01"), &[]),
        briefing("Undated notes", None, &["syria"]),
    ]
}

const TODAY: &str = "2025-11-10";

fn today() -> i64 {
    parse_day(TODAY).expect("a day")
}

fn kept(filter: &str, reading: &Reading) -> Vec<usize> {
    rows(
        &library(),
        reading,
        Sort::Date,
        &Filter::parse(filter, today()),
    )
}

#[test]
fn tags_dates_and_words_narrow_the_list_together() {
    let none = Reading::default();
    assert_eq!(kept("", &none), vec![0, 1, 2, 3]);
    assert_eq!(kept("#syria", &none), vec![0, 3]);
    assert_eq!(kept("#SYRIA #talks", &none), vec![0], "tags fold case");
    assert_eq!(kept("today", &none), vec![0]);
    assert_eq!(
        kept("7d", &none),
        vec![0, 1],
        "today and the six days before"
    );
    assert_eq!(kept("6d", &none), vec![0]);
    assert_eq!(kept("2w", &none), vec![0, 1]);
    assert_eq!(kept("since 2025-10-01", &none), vec![0, 1, 2]);
    assert_eq!(kept("until 2025-11-04", &none), vec![1, 2]);
    assert_eq!(kept("since 2025-11-01 until 2025-11-05", &none), vec![1]);
    assert_eq!(kept("yesterday", &none), Vec::<usize>::new());
    assert_eq!(
        kept("#syria 7d", &none),
        vec![0],
        "undated is never in a range"
    );
    assert_eq!(kept("summit", &none), vec![1], "words match the title");
    assert_eq!(kept("ÉLAN", &none), vec![2], "words fold case beyond ASCII");
    assert_eq!(kept("geneva", &none), vec![0, 1, 2, 3], "and the dateline");
    assert_eq!(
        kept("zeta summit", &none),
        Vec::<usize>::new(),
        "every word must match"
    );
}

#[test]
fn a_part_that_cannot_be_read_is_said_and_ignored() {
    let filter = Filter::parse("since yesterday-ish #syria", today());
    assert_eq!(filter.problems.len(), 1, "{:?}", filter.problems);
    assert!(filter.problems[0].contains("yesterday-ish"));
    let filter = Filter::parse("since", today());
    assert!(filter.problems[0].contains("needs a date"));
    for odd in ["7δ", "d", "0d", "-3d", "99999999d", "#", "since 2025-13-01"] {
        let _ = Filter::parse(odd, today());
    }
    assert_eq!(parse_day("1970-01-01"), Some(0));
    assert!(
        parse_day("2025-02-30").is_some(),
        "a day past the month's end is lenient"
    );
    assert_eq!(parse_day("2025-1"), None);
}

#[test]
fn read_state_marks_rows_and_filters_them() {
    let books = library();
    let mut positions = Positions::default();
    // Zeta read as it is now; alpha read before its section `b` changed.
    let zeta: Vec<(&str, u64)> = books[0]
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.hash))
        .collect();
    positions.set(read(&books[0], &zeta));
    positions.set(read(
        &books[1],
        &[("a", books[1].sections[0].hash), ("b", 1)],
    ));
    let reading = Reading::new(&positions);
    assert_eq!(reading.mark(&books[0]), Mark::Read);
    assert_eq!(reading.mark(&books[1]), Mark::Changed);
    assert_eq!(reading.mark(&books[2]), Mark::Unread);
    assert_eq!(reading.changed_sections(&books[1]), vec![1]);
    assert!(
        reading.changed_sections(&books[2]).is_empty(),
        "nothing to compare with"
    );
    assert_eq!(kept("unread", &reading), vec![2, 3]);
    assert_eq!(kept("changed", &reading), vec![1]);
    assert_eq!(kept("unread #syria", &reading), vec![3]);
}

#[test]
fn sorts_by_title_and_by_last_read() {
    let books = library();
    let mut positions = Positions::default();
    positions.set(read(&books[2], &[]));
    positions.set(read(&books[0], &[]));
    let mut reading = Reading::new(&positions);
    let all = Filter::default();
    assert_eq!(rows(&books, &reading, Sort::Title, &all), vec![1, 3, 0, 2]);
    assert_eq!(
        rows(&books, &reading, Sort::LastRead, &all),
        vec![0, 2, 1, 3]
    );
    reading.record(books[3].id.as_str(), None);
    assert_eq!(
        rows(&books, &reading, Sort::LastRead, &all),
        vec![3, 0, 2, 1]
    );
    assert_eq!(Sort::Date.next().next().next(), Sort::Date);
}
