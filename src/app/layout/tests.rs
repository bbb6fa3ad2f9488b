//! Tests of [`super`].

use super::*;
use crate::content::parse;

const SRC: &str = r#"
[briefing]
title = "Syria joins"
dateline = "Washington"
date = 2025-11-10
[keywords]
places = ["Syria", "Washington"]
[[sections]]
body = "Syria has joined the coalition formed to fight."
[[sections]]
heading = "Reaction"
body = """
Intro.

- Iraq welcomed Syria
- Turkey was cautious
"""
"#;

fn doc(width: usize) -> (Briefing, ArticleLayout) {
    let b = parse("t.toml", SRC).unwrap();
    let h = Highlighter::new(&b.keywords);
    let d = ArticleLayout::new(&b, &h, width);
    (b, d)
}

fn lines(b: &Briefing, d: &ArticleLayout) -> Vec<String> {
    d.rows
        .iter()
        .map(|r| format!("{:?} {}", r.kind, &d.text(b, r.unit as usize)[r.range()]))
        .map(|s| s.replace("Blank ", "Blank"))
        .collect()
}

#[test]
fn an_empty_lead_section_still_starts_on_a_row() {
    let b = parse("t.toml", "[briefing]\ntitle = \"T\"\n[[sections]]\n").unwrap();
    let d = ArticleLayout::new(&b, &Highlighter::new(&b.keywords), 40);
    assert_eq!(d.section_rows, vec![2]);
    assert_eq!(d.rows.len(), 3);
    assert_eq!(d.section_at(2), Some(0));
}

#[test]
fn rows_follow_the_article() {
    let (b, d) = doc(24);
    assert_eq!(
        lines(&b, &d),
        vec![
            "Title Syria joins",
            "Meta Washington · 2025-11-10",
            "Blank",
            "Paragraph Syria has joined the",
            "Paragraph coalition formed to",
            "Paragraph fight.",
            "Blank",
            "Heading Reaction",
            "Blank",
            "Paragraph Intro.",
            "Blank",
            "ItemFirst Iraq welcomed Syria",
            "ItemFirst Turkey was cautious",
        ]
    );
    assert_eq!(d.section_rows, vec![3, 7]);
    assert_eq!(d.section_at(2), None);
    assert_eq!(d.section_at(8), Some(1));
}

#[test]
fn keywords_are_found_per_unit() {
    let (b, d) = doc(80);
    let row = d.rows[3];
    assert_eq!(
        &d.text(&b, row.unit as usize)[d.highlights(row.unit as usize)[0].range.clone()],
        "Syria"
    );
}

#[test]
fn a_keyword_split_across_rows_is_highlighted_on_both() {
    let b = parse(
        "t.toml",
        "[briefing]\ntitle = \"T\"\n[keywords]\npeople = [\"Ahmed al-Sharaa\"]\n[[sections]]\nbody = \"met Ahmed al-Sharaa today\"\n",
    )
    .unwrap();
    let d = ArticleLayout::new(&b, &Highlighter::new(&b.keywords), 10);
    let rows: Vec<&Row> = d
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Paragraph)
        .collect();
    let text = d.text(&b, rows[0].unit as usize);
    assert_eq!(&text[rows[0].range()], "met Ahmed");
    assert_eq!(&text[rows[1].range()], "al-Sharaa");
    let h = &d.highlights(rows[0].unit as usize)[0].range;
    // One highlight spans both rows; each row draws its part.
    assert!(h.start < rows[0].range().end && h.end > rows[1].range().start);
}

#[test]
fn search_maps_matches_to_rows() {
    let (b, d) = doc(24);
    let hits = d.search(&b, &fold_query("FOUGHT"));
    assert!(hits.is_empty());
    let hits = d.search(&b, &fold_query("fight"));
    assert_eq!(hits.len(), 1);
    assert_eq!(d.row_of(hits[0].0, hits[0].1.start), 5);
}

/// A briefing of `n` sections, each a heading, a paragraph, a list and a quote.
fn long(n: usize) -> Briefing {
    use std::fmt::Write as _;
    let mut src = String::from("[briefing]\ntitle = \"Long\"\n[keywords]\nplaces = [\"Syria\"]\n");
    for i in 0..n {
        let _ = write!(
            src,
            "[[sections]]\nheading = \"Part {i}\"\nbody = \"\"\"\nSyria and the coalition, part {i}, \
             a paragraph long enough to wrap at forty cells.\n\n- one\n- two\n\n> a quote\n\"\"\"\n"
        );
    }
    parse("long.toml", &src).unwrap()
}

#[test]
fn the_first_rows_are_the_start_of_the_whole_layout_and_complete_into_it() {
    let b = long(40);
    let h = Highlighter::new(&b.keywords);
    let whole = ArticleLayout::new(&b, &h, 40);
    assert!(whole.is_complete());
    for rows in [0, 1, 10, 24, 100, usize::MAX] {
        let mut first = ArticleLayout::first_rows(&b, &h, 40, rows);
        assert!(first.rows.len() >= rows.min(whole.rows.len()), "{rows}");
        assert!(
            !first.section_rows.is_empty(),
            "at least one section: {rows}"
        );
        assert_eq!(
            first.is_complete(),
            first.section_rows.len() == b.sections.len()
        );
        assert_eq!(
            lines(&b, &whole)[..first.rows.len().min(whole.rows.len())],
            lines(&b, &first)[..first.rows.len().min(whole.rows.len())],
            "{rows}"
        );
        first.complete(&b, &h);
        assert!(first.is_complete());
        assert_eq!(lines(&b, &first), lines(&b, &whole), "{rows}");
        assert_eq!(first.section_rows, whole.section_rows);
        assert_eq!(first.rows, whole.rows);
    }
    let partial = ArticleLayout::first_rows(&b, &h, 40, 24);
    assert!(!partial.is_complete() && partial.section_rows.len() < 10);
}

#[test]
fn the_empty_layout_is_complete() {
    assert!(ArticleLayout::default().is_complete());
}

#[test]
fn each_unit_keeps_its_own_highlights_and_prefix() {
    let b = parse(
        "t.toml",
        "[briefing]\ntitle = \"Syria today\"\n[keywords]\nplaces = [\"Syria\", \"Damascus\"]\n[[sections]]\nheading = \"H\"\nbody = \"\"\"\nIn Damascus and Syria.\n\n- Syria first\n- none here\n  - Damascus nested\n\n> Syria quoted\n\"\"\"\n",
    )
    .unwrap();
    let highlighter = Highlighter::new(&b.keywords);
    let d = ArticleLayout::new(&b, &highlighter, 12);
    let mut prefixes = Vec::new();
    for unit in 0..d.units.len() {
        let text = d.text(&b, unit);
        assert_eq!(d.highlights(unit), highlighter.find(text), "{text}");
        prefixes.push((text, d.prefix(unit)));
    }
    assert!(prefixes.contains(&("Syria first", "  • ")), "{prefixes:?}");
    assert!(
        prefixes.contains(&("Damascus nested", "    ◦ ")),
        "{prefixes:?}"
    );
    assert!(prefixes.contains(&("Syria quoted", "")), "{prefixes:?}");
    assert_eq!((d.highlights(99), d.prefix(99)), (&[][..], ""));
}
