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
    let unit = &d.units[row.unit as usize];
    assert_eq!(
        &d.text(&b, row.unit as usize)[unit.highlights[0].range.clone()],
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
    let h = &d.units[rows[0].unit as usize].highlights[0].range;
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
