//! Text layout and highlighting on arbitrary text, terms and widths: wrapped rows never exceed
//! the width (but for one cluster wider than it), never lose text, and every highlight or
//! search range falls on character and cluster boundaries.
#![no_main]

use brief::content::{Category, Keywords};
use brief::text::{self, fold, highlight};
use libfuzzer_sys::fuzz_target;

fn on_boundaries(text: &str, range: &std::ops::Range<usize>) {
    assert!(
        range.start < range.end && text.get(range.clone()).is_some(),
        "{range:?} in {text:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&width, rest)) = data.split_first() else {
        return;
    };
    let Ok(input) = std::str::from_utf8(rest) else {
        return;
    };
    // "terms|text": the part before the first '|' holds keyword terms separated by ','.
    let (terms, body) = input.split_once('|').unwrap_or(("", input));
    let body = brief::content::sanitize::text(body);
    let width = usize::from(width % 120);
    for range in text::wrap(&body, width) {
        let row = body.get(range.clone()).expect("row on char boundaries");
        let cells = text::width(row);
        assert!(
            cells <= width.max(1) || unicode_count(row) == 1,
            "{cells} > {width}: {row:?}"
        );
    }
    assert!(text::width(&text::truncate(&body, width)) <= width);
    let keywords = Keywords {
        categories: vec![Category {
            name: "k".into(),
            terms: terms.split(',').map(brief::content::sanitize::line).collect(),
        }],
    };
    let h = highlight::Highlighter::new(&keywords);
    for hit in h.find(&body) {
        on_boundaries(&body, &hit.range);
    }
    for term in terms.split(',') {
        for range in highlight::find_all(&body, &fold::fold(term)) {
            on_boundaries(&body, &range);
        }
    }
});

fn unicode_count(row: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    row.graphemes(true).count()
}
