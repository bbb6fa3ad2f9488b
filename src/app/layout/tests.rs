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
    let mut d = ArticleLayout::new(&b, &h, width);
    d.show(&b, &h, 0..usize::MAX);
    (b, d)
}

/// Every row, laid out again where the window does not hold it.
fn all_rows(b: &Briefing, d: &ArticleLayout) -> Vec<Row> {
    d.rows_from(b, 0).map(|(_, r)| r).collect()
}

fn lines(b: &Briefing, d: &ArticleLayout) -> Vec<String> {
    all_rows(b, d)
        .iter()
        .map(|r| format!("{:?} {}", r.kind, &d.text(b, r.unit as usize)[r.range()]))
        .map(|s| s.replace("Blank ", "Blank"))
        .collect()
}

fn starts(d: &ArticleLayout) -> Vec<usize> {
    d.section_rows().collect()
}

#[test]
fn an_empty_lead_section_still_starts_on_a_row() {
    let b = parse("t.toml", "[briefing]\ntitle = \"T\"\n[[sections]]\n").unwrap();
    let d = ArticleLayout::new(&b, &Highlighter::new(&b.keywords), 40);
    assert_eq!(starts(&d), vec![2]);
    assert_eq!(d.row_count(), 3);
    assert_eq!(all_rows(&b, &d).len(), 3);
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
    assert_eq!(starts(&d), vec![3, 7]);
    assert_eq!(d.section_at(2), None);
    assert_eq!(d.section_at(8), Some(1));
}

#[test]
fn keywords_are_found_per_unit() {
    let (b, d) = doc(80);
    let row = *d.row(3).unwrap();
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
    let h = Highlighter::new(&b.keywords);
    let mut d = ArticleLayout::new(&b, &h, 10);
    d.show(&b, &h, 0..10);
    let rows: Vec<&Row> = (0..d.row_count())
        .filter_map(|r| d.row(r))
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
    assert_eq!(d.row_of(&b, hits[0].0, hits[0].1.start), 5);
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
        let shared = first.row_count().min(whole.row_count());
        assert!(first.row_count() >= rows.min(whole.row_count()), "{rows}");
        assert!(first.section_count() > 0, "at least one section: {rows}");
        assert_eq!(
            first.is_complete(),
            first.section_count() == b.sections.len()
        );
        assert_eq!(all_rows(&b, &first).len(), first.row_count());
        assert_eq!(
            lines(&b, &whole)[..shared],
            lines(&b, &first)[..shared],
            "{rows}"
        );
        first.complete(&b);
        assert!(first.is_complete());
        assert_eq!(lines(&b, &first), lines(&b, &whole), "{rows}");
        assert_eq!(starts(&first), starts(&whole));
        assert_eq!(all_rows(&b, &first), all_rows(&b, &whole));
    }
    let partial = ArticleLayout::first_rows(&b, &h, 40, 24);
    assert!(!partial.is_complete() && partial.section_count() < 10);
}

#[test]
fn the_first_rows_are_laid_out_in_full_as_they_are_measured() {
    for b in [long(40), varied(60), varied(7)] {
        let h = Highlighter::new(&b.keywords);
        for width in [1, 9, 40, 120] {
            let whole = ArticleLayout::new(&b, &h, width);
            let one_pass = in_one_pass(&b, &h, &whole);
            let header = whole.header.rows.len();
            for rows in [0, 10, 48] {
                let mut first = ArticleLayout::first_rows(&b, &h, width, rows);
                // Every row measured is there to draw, with its highlights, before any show.
                for r in 0..first.row_count() {
                    let expected = whole.header.rows.get(r).or_else(|| one_pass.row(r));
                    assert_eq!(
                        first.row(r),
                        expected,
                        "width {width}, {rows} rows, row {r}"
                    );
                }
                for unit in header..first.unit_count() {
                    assert_eq!(first.highlights(unit), h.find(first.text(&b, unit)));
                }
                // Showing the first screen finds the window as it is.
                let window = first.window.sections.clone();
                first.show(&b, &h, 0..rows.min(first.row_count()));
                assert_eq!(first.window.sections, window);
            }
        }
    }
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
    let mut d = ArticleLayout::new(&b, &highlighter, 12);
    d.show(&b, &highlighter, 0..1);
    let mut prefixes = Vec::new();
    for unit in 0..d.unit_count() {
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

/// A briefing of `n` sections of every shape: headings with and without text, a lead
/// section without a heading (empty when `n` is even), nested and numbered lists, quotes;
/// keywords in each.
fn varied(n: usize) -> Briefing {
    use std::fmt::Write as _;
    let mut src = String::from(
        "[briefing]\ntitle = \"Varied\"\nsummary = \"A lede on Syria.\"\n\
         [keywords]\nplaces = [\"Syria\", \"Damascus\"]\n",
    );
    for i in 0..n {
        let body = match (i, i % 6) {
            // Only the lead section goes without a heading: empty, or text alone.
            (0, _) if n.is_multiple_of(2) => "body = \"\"".to_owned(),
            (0, _) => "body = \"Text without a heading, about Damascus.\"".to_owned(),
            (_, 0) => format!(
                "heading = \"Part {i} in Syria\"\nbody = \"\"\"\nSyria and the coalition, \
                 part {i}, a paragraph long enough to wrap at any of the widths tried.\n\n\
                 - one in Damascus\n- two\n\n> a quote on Syria\n\"\"\""
            ),
            (_, 1) => format!("heading = \"H{i}\"\nbody = \"Text {i}, about Damascus.\""),
            (_, 2 | 3) => format!("heading = \"Heading {i} alone\"\nbody = \"\""),
            (_, 4) => format!(
                "heading = \"Lists {i}\"\nbody = \"\"\"\n1. first of {i}, long enough to \
                 wrap once or twice at narrow widths\n   - nested in Syria\n2. second\n\"\"\""
            ),
            _ => format!(
                "heading = \"Q{i}\"\nbody = \"\"\"\n> quoted {i}\n> on two lines in Damascus\n\"\"\""
            ),
        };
        let _ = write!(src, "[[sections]]\nid = \"s{i}\"\n{body}\n");
    }
    parse("varied.toml", &src).unwrap()
}

/// The whole article laid out in one pass, sections one after another: what each window
/// must agree with.
fn in_one_pass(b: &Briefing, h: &Highlighter, d: &ArticleLayout) -> Part {
    d.lay_out(b, Some(h), 0..b.sections.len())
}

#[test]
fn a_window_shows_the_rows_of_the_whole_layout_wherever_it_is() {
    for n in [1, 5, 6, 7, 60] {
        let b = varied(n);
        let h = Highlighter::new(&b.keywords);
        for width in [1, 9, 40, 120] {
            let mut d = ArticleLayout::new(&b, &h, width);
            let whole = in_one_pass(&b, &h, &d);
            let header = d.header.rows.len();
            assert_eq!(header + whole.rows.len(), d.row_count(), "{n} {width}");
            assert_eq!(all_rows(&b, &d)[header..], whole.rows[..], "{n} {width}");
            for top in [0, 1, d.row_count() / 2, d.row_count().saturating_sub(3)] {
                d.show(&b, &h, top..top + 24);
                for r in top..(top + 24).min(d.row_count()) {
                    let row = d.row(r).copied();
                    let expected = d.header.rows.get(r).or_else(|| whole.row(r)).copied();
                    assert_eq!(row, expected, "{n} sections, width {width}, row {r}");
                    let unit = row.unwrap().unit as usize;
                    let text = d.text(&b, unit);
                    assert_eq!(d.highlights(unit), h.find(text), "{text}");
                    let prefix = whole
                        .unit(unit)
                        .and_then(|u| u.prefix)
                        .and_then(|i| whole.own.get(i as usize))
                        .map_or("", String::as_str);
                    if unit >= d.header.units.len() {
                        assert_eq!(d.prefix(unit), prefix, "{text}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_window_holds_the_screens_around_it_and_moves_with_the_reader() {
    let b = varied(600);
    let h = Highlighter::new(&b.keywords);
    let mut d = ArticleLayout::new(&b, &h, 40);
    let far = d.row_count() - 10;
    d.show(&b, &h, 0..24);
    assert!(
        d.row(10).is_some() && d.row(24 + 2 * 24).is_some(),
        "two screens below"
    );
    assert!(d.row(far).is_none(), "only the screens around the top");
    assert!(d.window.rows.len() < 400, "{}", d.window.rows.len());
    d.show(&b, &h, far..far + 24);
    assert!(d.row(far).is_some() && d.row(d.row_count() - 1).is_some());
    assert!(d.row(100).is_none());
    // Text, search and places read the whole article wherever the window is.
    let hits = d.search(&b, &fold_query("quoted 5"));
    let quoted = (0..600).filter(|i| i % 6 == 5 && i.to_string().starts_with('5'));
    assert_eq!(hits.len(), quoted.count(), "5, 53, 59, 503, …");
    let row = d.row_of(&b, hits[0].0, hits[0].1.start);
    assert_eq!(d.anchor_at(&b, row), Some((hits[0].0, 0)));
    assert!(d.text(&b, hits[0].0).starts_with("quoted 5"));
}

#[test]
fn every_unit_is_found_with_or_without_the_window() {
    let b = varied(30);
    let h = Highlighter::new(&b.keywords);
    let mut d = ArticleLayout::new(&b, &h, 30);
    let each: Vec<(usize, TextRef)> = d.each_unit(&b).collect();
    assert_eq!(each.len(), d.unit_count());
    let bare: Vec<String> = (0..d.unit_count())
        .map(|u| d.text(&b, u).to_owned())
        .collect();
    d.show(&b, &h, 0..usize::MAX);
    for (unit, text) in each {
        assert_eq!(d.text(&b, unit), bare[unit], "unit {unit}");
        assert_eq!(d.text_ref(&b, unit), Some(text), "unit {unit}");
        if unit >= d.header.units.len() {
            assert_eq!(d.locate(&b, unit), Some(text), "unit {unit}");
        }
    }
    assert_eq!(d.text(&b, d.unit_count()), "");
}

#[test]
fn every_row_leads_back_to_itself_through_its_anchor() {
    let b = varied(40);
    let h = Highlighter::new(&b.keywords);
    for width in [7, 40] {
        let mut d = ArticleLayout::new(&b, &h, width);
        d.show(&b, &h, 0..24);
        let rows = all_rows(&b, &d);
        for r in 0..d.row_count() {
            let shown = (r..rows.len()).find(|&i| rows[i].kind != RowKind::Blank);
            let Some((unit, offset)) = d.anchor_at(&b, r) else {
                assert_eq!(shown, None, "row {r}");
                continue;
            };
            let shown = shown.unwrap();
            assert_eq!(
                (unit, offset),
                (rows[shown].unit as usize, rows[shown].start as usize)
            );
            assert_eq!(d.row_of(&b, unit, offset), shown, "width {width}, row {r}");
        }
    }
}

#[test]
fn a_briefing_without_sections_ends_with_its_header() {
    // Files always have a section; a briefing built another way may not.
    let mut b = parse(
        "t.toml",
        "[briefing]\ntitle = \"T\"\nsummary = \"S.\"\n[[sections]]\n",
    )
    .unwrap();
    b.sections.clear();
    let h = Highlighter::new(&b.keywords);
    let mut d = ArticleLayout::new(&b, &h, 20);
    d.show(&b, &h, 0..24);
    assert_eq!(lines(&b, &d), vec!["Title T", "Blank", "Summary S."]);
    assert_eq!((d.row_count(), d.section_count()), (3, 0));
    assert_eq!(d.row_of(&b, 2, 0), 2);
}

#[test]
fn a_window_holds_only_sections_measured() {
    let b = varied(200);
    let h = Highlighter::new(&b.keywords);
    let mut d = ArticleLayout::first_rows(&b, &h, 40, 24);
    assert!(!d.is_complete());
    d.show(&b, &h, 0..24);
    assert!(
        d.window.sections.end <= d.section_count(),
        "{:?}",
        d.window.sections
    );
    let part = d.lay_out(&b, None, 0..b.sections.len());
    assert_eq!(part.sections, 0..d.section_count());
    assert_eq!(d.header.rows.len() + part.rows.len(), d.row_count());
    d.complete(&b);
    d.show(&b, &h, 0..24);
    assert!(d.row(23).is_some());
}
