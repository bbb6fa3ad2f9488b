//! Tests of [`super`]: queries, matching, ranking, snippets, cancellation.
#![allow(clippy::single_range_in_vec_init)] // A list of one match is still a list of matches.

use std::sync::atomic::AtomicBool;

use super::*;

fn doc(title: &str, date: &str, body: &str) -> String {
    format!(
        "[briefing]\ntitle = \"{title}\"\ndate = {date}\n\n[[sections]]\nheading = \"Heading\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
    )
}

fn run(library: &Library, query: &str) -> Results {
    search(library, &Query::parse(query), Options::default())
}

/// Each hit as `origin place: snippet`.
fn seen(library: &Library, results: &Results) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| {
            let origin = &library.briefings[h.briefing].origin;
            format!("{origin} {:?}: {}", h.place, h.snippet.text)
        })
        .collect()
}

#[test]
fn words_phrases_and_quotes() {
    let terms = |q: &str| Query::parse(q).terms().to_vec();
    assert_eq!(terms("Syria  COALITION syria"), ["syria", "coalition"]);
    assert_eq!(terms("\"White   House\" visit"), ["white house", "visit"]);
    assert_eq!(terms("a \"open phrase"), ["a", "open phrase"]);
    assert_eq!(terms("İSTANBUL ẞ"), ["i\u{307}stanbul", "ß"]);
    for empty in ["", "   ", "\"\"", "\" \" \"", "\t\n"] {
        assert!(Query::parse(empty).is_empty(), "{empty:?}");
    }
    let many = (0..100)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(Query::parse(&many).terms().len(), MAX_TERMS);
}

#[test]
fn every_term_must_be_in_the_briefing_somewhere() {
    let lib = crate::library::of_toml(&[
        &doc("Syria joins", "2025-11-10", "The coalition grows."),
        &doc("Syria alone", "2025-11-09", "Nothing else."),
    ]);
    let r = run(&lib, "syria coalition");
    assert_eq!(r.briefings, 1);
    assert_eq!(
        seen(&lib, &r),
        [
            "b0.toml Title: Syria joins",
            "b0.toml Body { section: 0, block: 0, item: 0 }: The coalition grows."
        ]
    );
    assert_eq!(r.total, 2);
    assert!(run(&lib, "syria nowhere").hits.is_empty());
    assert!(run(&lib, "").hits.is_empty());
}

#[test]
fn a_phrase_matches_only_as_a_phrase() {
    let lib = crate::library::of_toml(&[
        &doc("A", "2025-11-10", "The White House said."),
        &doc("B", "2025-11-09", "A white dog at the house."),
    ]);
    let r = run(&lib, "\"white house\"");
    assert_eq!(
        seen(&lib, &r),
        ["b0.toml Body { section: 0, block: 0, item: 0 }: The White House said."]
    );
    assert_eq!(r.hits[0].snippet.marks, [4..15]);
    assert_eq!(run(&lib, "white house").briefings, 2);
}

#[test]
fn titles_takeaways_and_headings_rank_above_bodies_and_newer_above_older() {
    let old = "[briefing]\ntitle = \"Old\"\ndate = 2024-01-01\n[[sections]]\nheading = \"Sanctions\"\nbody = \"sanctions\"\n[[takeaways]]\ntext = \"On sanctions.\"\nsection = \"sanctions\"\n";
    let new = "[briefing]\ntitle = \"New sanctions\"\ndate = 2025-01-01\n[[sections]]\nbody = \"More sanctions.\"\n";
    let undated = "[briefing]\ntitle = \"Undated\"\n[[sections]]\nheading = \"Sanctions too\"\nbody = \"x\"\n";
    let lib = crate::library::of_toml(&[old, undated, new]);
    let r = run(&lib, "SANCTIONS");
    assert_eq!(
        seen(&lib, &r),
        [
            "b2.toml Title: New sanctions",
            "b0.toml Heading { section: 0 }: Sanctions",
            "b0.toml Takeaway { takeaway: 0 }: On sanctions.",
            "b1.toml Heading { section: 0 }: Sanctions too",
            "b2.toml Body { section: 0, block: 0, item: 0 }: More sanctions.",
            "b0.toml Body { section: 0, block: 0, item: 0 }: sanctions",
        ]
    );
    // The takeaway opens its section; the title opens the top.
    assert_eq!(r.hits[2].section, Some(0));
    assert_eq!(r.hits[0].section, None);
    // Deterministic: the same every time, whatever the threads do.
    assert_eq!(run(&lib, "sanctions"), r);
}

#[test]
fn passages_with_more_terms_rank_first_within_a_tier() {
    let lib = crate::library::of_toml(&[&doc(
        "T",
        "2025-01-01",
        "Only alpha here.\n\nAlpha and beta here.",
    )]);
    let r = run(&lib, "alpha beta");
    assert_eq!(r.hits[0].snippet.text, "Alpha and beta here.");
    assert_eq!(r.hits[0].snippet.marks, [0..5, 10..14]);
}

#[test]
fn matching_is_unicode_aware_and_counts_adjacent_matches() {
    let lib = crate::library::of_toml(&[&doc(
        "İSTANBUL and STRAẞE",
        "2025-01-01",
        "Temperature 300 \u{212A} in Tōkyō; aaaa",
    )]);
    assert_eq!(run(&lib, "istanbul").total, 0, "İ is not i");
    assert_eq!(run(&lib, "İstanbul").total, 1);
    assert_eq!(run(&lib, "straße").total, 1);
    assert_eq!(run(&lib, "TŌKYŌ").total, 1);
    let kelvin = run(&lib, "\"300 k\"");
    assert_eq!(kelvin.total, 1, "the Kelvin sign lower-cases to k");
    let adjacent = run(&lib, "aa");
    assert_eq!(adjacent.hits[0].matches.len(), 2);
}

#[test]
fn hits_know_their_line_in_the_file() {
    let lib = crate::library::of_toml(&[&doc("T", "2025-01-01", "First.\n\n- needle one\n- two")]);
    let r = run(&lib, "needle");
    assert_eq!(r.hits[0].line, 10);
    assert_eq!(
        r.hits[0].place,
        Place::Body {
            section: 0,
            block: 1,
            item: 0
        }
    );
    assert_eq!(run(&lib, "heading").hits[0].line, 6);
    assert_eq!(lib.briefings[0].key, r.hits[0].key);
}

#[test]
fn the_limit_keeps_the_best_and_counts_the_rest() {
    let files: Vec<String> = (0..20)
        .map(|i| {
            doc(
                &format!("Item {i:02}"),
                &format!("2025-01-{:02}", i + 1),
                "item",
            )
        })
        .collect();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let lib = crate::library::of_toml(&refs);
    let options = Options {
        limit: 3,
        snippet_width: 40,
    };
    let r = search(&lib, &Query::parse("item"), options);
    assert_eq!((r.total, r.briefings, r.hits.len()), (40, 20, 3));
    let titles: Vec<&str> = r.hits.iter().map(|h| h.snippet.text.as_str()).collect();
    assert_eq!(titles, ["Item 19", "Item 18", "Item 17"]);
}

#[test]
fn a_cancelled_search_returns_nothing() {
    let lib = crate::library::of_toml(&[&doc("T", "2025-01-01", "x")]);
    let cancelled = AtomicBool::new(true);
    assert_eq!(
        search_until(&lib, &Query::parse("t"), Options::default(), &cancelled),
        None
    );
    let going = AtomicBool::new(false);
    assert!(search_until(&lib, &Query::parse("t"), Options::default(), &going).is_some());
}

#[test]
fn a_large_library_is_searched_on_threads_in_the_same_order() {
    let files: Vec<String> = (0..PARALLEL_FROM + 37)
        .map(|i| {
            doc(
                &format!("N{i}"),
                "2025-01-01",
                if i % 3 == 0 { "zebra" } else { "x" },
            )
        })
        .collect();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let lib = crate::library::of_toml(&refs);
    let r = run(&lib, "zebra");
    assert_eq!(r.briefings, (PARALLEL_FROM + 37).div_ceil(3));
    let indices: Vec<usize> = r.hits.iter().map(|h| h.briefing).collect();
    let mut sorted = indices.clone();
    sorted.sort_unstable();
    assert_eq!(indices, sorted);
}

mod snippets {
    use super::super::snippet::snippet;
    use crate::text::width;

    #[test]
    fn short_text_is_whole() {
        let s = snippet("Syria joins", &[0..5], 80);
        assert_eq!(
            (s.text.as_str(), s.marks.clone()),
            ("Syria joins", vec![0..5])
        );
    }

    #[test]
    fn long_text_is_cut_around_the_match() {
        let text = format!("{} needle {}", "a ".repeat(100), "b ".repeat(100));
        let at = text.find("needle").unwrap();
        let s = snippet(&text, &[at..at + 6], 30);
        assert!(width(&s.text) <= 30, "{}", s.text);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        let mark = s.marks[0].clone();
        assert_eq!(s.text.get(mark.clone()), Some("needle"));
        let centre = width(s.text.get(..mark.start).unwrap());
        assert!((10..=16).contains(&centre), "{centre} in {}", s.text);
    }

    #[test]
    fn matches_at_the_start_and_the_end() {
        let text = format!("needle {}", "word ".repeat(50));
        let s = snippet(&text, &[0..6], 20);
        assert!(
            s.text.starts_with("needle") && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert_eq!(s.marks, [0..6]);
        let text = format!("{}needle", "word ".repeat(50));
        let at = text.len() - 6;
        let s = snippet(&text, &[at..text.len()], 20);
        assert!(
            s.text.starts_with('…') && s.text.ends_with("needle"),
            "{}",
            s.text
        );
        assert_eq!(s.text.get(s.marks[0].clone()), Some("needle"));
        assert!(width(&s.text) <= 20);
    }

    #[test]
    fn wide_characters_are_never_split_or_over_width() {
        let text = "東京は日本の首都です。".repeat(20);
        let at = text.find("首都").unwrap() + "東京は日本の首都です。".len() * 10;
        for w in 3..30 {
            let s = snippet(&text, &[at..at + "首都".len()], w);
            assert!(width(&s.text) <= w, "{w}: {}", s.text);
        }
        let s = snippet(&text, &[at..at + "首都".len()], 20);
        assert_eq!(s.text.get(s.marks[0].clone()), Some("首都"));
    }

    #[test]
    fn a_pile_of_combining_marks_stays_small() {
        let text = format!("x{} y", "\u{301}".repeat(5000));
        let s = snippet(&text, &[0..text.len() - 2], 20);
        assert!(s.text.len() < 64, "{}", s.text.len());
        assert_eq!(s.marks.len(), 1);
    }
}

mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_query_is_safe_and_snippets_are_bounded_lines(
            query in "\\PC{0,12}|[aAéÉ\" İK東]{0,8}",
            width in 3usize..60,
        ) {
            let lib = crate::library::of_toml(&[
                &doc("Áá aa \\\"quoted\\\" 東京", "2025-01-01", "İstanbul é e\u{301} K \u{212A}\n\n- aaaa bbb"),
                &doc("Second", "2024-01-01", &"long text with many words ".repeat(40)),
            ]);
            let r = search(&lib, &Query::parse(&query), Options { limit: 50, snippet_width: width });
            prop_assert!(r.hits.len() <= r.total);
            for h in &r.hits {
                let s = &h.snippet;
                prop_assert!(!s.text.contains(char::is_control));
                prop_assert!(crate::text::width(&s.text) <= width.max(3));
                prop_assert!(s.text.len() <= width.max(3) * 4 + 8);
                for m in &s.marks {
                    prop_assert!(s.text.get(m.clone()).is_some());
                }
                let text = h.place.text(&lib.briefings[h.briefing]).unwrap();
                for m in &h.matches {
                    prop_assert!(text.get(m.clone()).is_some());
                }
            }
        }
    }
}
