//! Promise 3: one width function. `brief::text::width` must agree with the columns ratatui's
//! buffer advances for every kind of cluster (CJK, emoji ZWJ sequences, VS16, keycaps, flags,
//! skin tones, combining marks even at the start of a line, zero-width characters, Arabic
//! ligatures), wrapping must never exceed the width, and highlights must never cut a character
//! or a cluster, even when lower-casing changes lengths (İ, ẞ, ﬁ).

use brief::content::Keywords;
use brief::text::highlight::{Highlighter, find_all};
use brief::text::{self, fold};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

/// Debian's unicode-data package (installed by .ci/run).
const EMOJI_TEST: &str = "/usr/share/unicode/emoji/emoji-test.txt";

/// Hand-picked hard cases, also the fallback when emoji-test.txt is missing.
const HARD: &[&str] = &[
    "日本語の説明文",
    "한국어 텍스트",
    "ｆｕｌｌｗｉｄｔｈ",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "👩🏽\u{200d}🚀",
    "❤\u{fe0f}",
    "❤\u{fe0e}",
    "☺",
    "1\u{fe0f}\u{20e3}",
    "🇫🇷🇯🇵",
    "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
    "\u{301}leading combining mark",
    "e\u{301}e\u{302}\u{303}\u{304}",
    "Z\u{335}\u{33f}\u{306}a\u{337}\u{31b}l\u{336}g\u{334}o",
    "zero\u{200b}width\u{200c}non\u{200d}joiner\u{2060}word",
    "العربية لا إله ﻻ",
    "\u{644}\u{627}",
    "हिन्दी क्षत्रिय",
    "ภาษาไทย",
    "\u{1100}\u{1161}\u{11a8}",
    "𝕳𝖊𝖑𝖑𝖔 𝔀𝓸𝓻𝓵𝓭",
    "a\u{ad}b",
    "\u{3000}ideographic space",
    "﷽",
];

fn corpus() -> Vec<String> {
    let mut out: Vec<String> = HARD.iter().map(|s| (*s).to_owned()).collect();
    match std::fs::read_to_string(EMOJI_TEST) {
        Ok(text) => {
            for line in text.lines() {
                let Some((codes, _)) = line.split_once(';') else {
                    continue;
                };
                if line.starts_with('#') {
                    continue;
                }
                let seq: Option<String> = codes
                    .split_whitespace()
                    .map(|h| u32::from_str_radix(h, 16).ok().and_then(char::from_u32))
                    .collect();
                out.extend(seq);
            }
            assert!(out.len() > 4000, "emoji-test.txt looks truncated");
        }
        Err(err) => {
            eprintln!("note: {EMOJI_TEST} unavailable ({err}); using the built-in sample only");
        }
    }
    out
}

/// The column ratatui's buffer reaches after writing `s` at column 0.
fn buffer_columns(s: &str) -> usize {
    let mut buf = Buffer::empty(Rect::new(0, 0, 400, 1));
    let (x, _) = buf.set_stringn(0, 0, s, 400, Style::default());
    usize::from(x)
}

#[test]
fn width_agrees_with_the_cells_ratatui_fills() {
    let corpus = corpus();
    for s in &corpus {
        let s = brief::content::sanitize::text(s);
        assert_eq!(text::width(&s), buffer_columns(&s), "{s:?}");
        for g in s.graphemes(true) {
            assert_eq!(
                text::grapheme_width(g),
                buffer_columns(g),
                "cluster {g:?} of {s:?}"
            );
        }
    }
    // Measuring in pieces at cluster boundaries adds up to the whole.
    let joined: String = corpus
        .iter()
        .take(600)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let pieces: usize =
        joined.split(' ').map(buffer_columns).sum::<usize>() + joined.matches(' ').count();
    assert_eq!(text::width(&joined), pieces);
}

#[test]
fn wrapping_never_exceeds_the_width_nor_loses_text() {
    let corpus = corpus();
    let paragraph = corpus
        .iter()
        .step_by(7)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let dense: String = corpus.iter().step_by(11).map(String::as_str).collect();
    for source in [&paragraph, &dense, &HARD.concat()] {
        let source = brief::content::sanitize::line(source);
        for width in 1..=42 {
            let rows = text::wrap(&source, width);
            let mut rebuilt = String::new();
            for row in &rows {
                let slice = &source[row.clone()];
                let w = text::width(slice);
                // A single cluster wider than the width is the only allowed overflow.
                assert!(
                    w <= width || slice.graphemes(true).count() == 1,
                    "{w} > {width}: {slice:?}"
                );
                assert_eq!(w, buffer_columns(slice), "{slice:?}");
                rebuilt.push_str(slice);
            }
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(
                squeeze(&rebuilt),
                squeeze(&source),
                "text lost at width {width}"
            );
        }
        for cells in 0..30 {
            assert!(text::width(&text::truncate(&source, cells)) <= cells);
        }
    }
}

fn keywords(terms: &[&str]) -> Keywords {
    Keywords::new([("k", terms)])
}

fn is_cluster_boundary(text: &str, at: usize) -> bool {
    at == text.len() || text.grapheme_indices(true).any(|(i, _)| i == at)
}

#[track_caller]
fn assert_clean_range(text: &str, range: &std::ops::Range<usize>) {
    assert!(range.start < range.end, "{range:?} in {text:?}");
    assert!(
        text.get(range.clone()).is_some(),
        "{range:?} slices inside a character of {text:?}"
    );
    assert!(
        is_cluster_boundary(text, range.start) && is_cluster_boundary(text, range.end),
        "{range:?} cuts a cluster of {text:?}"
    );
}

#[test]
fn highlights_never_cut_characters_or_clusters() {
    let terms = [
        "İstanbul",
        "straße",
        "ΣΊΣΥΦΟΣ",
        "ﬁle",
        "i",
        "e",
        "ǅ",
        "👨",
        "a",
        "لا",
        "k",
        "Å",
    ];
    let h = Highlighter::new(&keywords(&terms));
    let texts = [
        "İSTANBUL and İstanbul and iSTANBUL",
        "STRAẞE, Straße, STRASSE",
        "σίσυφος ΣΊΣΥΦΟΣ",
        "ﬁle FILE file",
        "İ i I ı",
        "e\u{301} e é",
        "ǄǅǆDŽ",
        "👨\u{200d}👩\u{200d}👧 👨 family",
        "a\u{301} a\u{308}",
        "لا إله",
        "\u{212a} k K",
        "\u{212b} Å A\u{30a}",
    ];
    for text in texts {
        for hit in h.find(text) {
            assert_clean_range(text, &hit.range);
        }
        for term in terms
            .iter()
            .chain(&["I", "\u{307}", "\u{301}", "\u{200d}", "ss", "s"])
        {
            for range in find_all(text, &fold::fold(term)) {
                assert_clean_range(text, &range);
            }
        }
    }
    // The expected hits where lower-casing changes length.
    let found: Vec<&str> = h
        .find("İSTANBUL STRAẞE ﬁle")
        .iter()
        .map(|x| &"İSTANBUL STRAẞE ﬁle"[x.range.clone()])
        .collect();
    assert_eq!(found, vec!["İSTANBUL", "STRAẞE", "ﬁle"]);
}

#[test]
fn highlighted_rows_fill_the_same_cells_as_plain_ones() {
    // Draw a highlighted paragraph through the reader and compare every row's cell count with
    // the width the layout measured: a highlight that split a cluster would draw it as pieces.
    use brief::app::{App, Msg};
    let body = "e\u{301}e family 👨\u{200d}👩\u{200d}👧 end i\u{307} İ e\u{301}";
    let source = format!(
        "[briefing]\ntitle = \"t\"\n[keywords]\nk = [\"e\", \"👨\", \"i\"]\n[[sections]]\nbody = \"{body}\"\n"
    );
    let library = crate::support::library_of(&source);
    let mut app = App::new(
        library,
        brief::settings::theme::Theme::default(),
        brief::settings::keymap::Keymap::default(),
    );
    crate::support::press(&mut app, "/");
    crate::support::press(&mut app, "👨");
    crate::support::press(&mut app, "\n");
    app.update(Msg::Resize(60, 12));
    let mut buf = Buffer::empty(Rect::new(0, 0, 60, 12));
    ratatui::widgets::Widget::render(&app, buf.area, &mut buf);
    // Read the screen back cluster by cluster, skipping the cells a wide cluster covers.
    let screen: Vec<String> = (0..12)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < 60 {
                let symbol = buf[(x, y)].symbol();
                line.push_str(symbol);
                x += u16::try_from(text::width(symbol).max(1)).unwrap();
            }
            line
        })
        .collect();
    let shown = screen
        .iter()
        .find(|l| l.contains("family"))
        .expect("body row on screen");
    assert!(
        shown.contains(&body[..body.find(" end").unwrap()]),
        "row drawn as pieces: {shown:?}"
    );
}

proptest::proptest! {
    #![proptest_config(crate::props::config())]

    /// Random text, raw or sanitised, mixing ASCII, controls, CR/LF, combining marks, ZWJ, wide
    /// and case-changing characters: the width function, the cluster iterator and wrapping agree
    /// with ratatui's buffer however the pieces fall.
    #[test]
    fn random_text_measures_like_the_buffer(raw in crate::props::text(60), width in 0usize..30) {
        for s in [raw.clone(), brief::content::sanitize::text(&raw), brief::content::sanitize::line(&raw)] {
            let clusters: Vec<&str> = text::clusters(&s).map(|(_, g)| g).collect();
            let graphemes: Vec<&str> = s.graphemes(true).collect();
            proptest::prop_assert_eq!(&clusters, &graphemes);
            if !s.contains('\n') {
                proptest::prop_assert_eq!(text::width(&s), buffer_columns(&s), "{:?}", s);
            }
        }
        let line = brief::content::sanitize::line(&raw);
        for range in text::wrap(&line, width) {
            let row = &line[range];
            let w = text::width(row);
            proptest::prop_assert!(w <= width.max(1) || row.graphemes(true).count() == 1, "{:?}", row);
        }
    }
}
