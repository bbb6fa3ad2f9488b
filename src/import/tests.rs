//! The importers against the seed article and small documents of each format.

use super::*;
use crate::content::{Block, Marker};
use crate::text::highlight::Terms;

const SEED: &str = include_str!("../../tests/import/seed.txt");
const HAND_MADE: &str = include_str!("../../content/syria-joins-anti-isil-coalition.toml");

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn block_words(block: &Block) -> String {
    match block {
        Block::Paragraph(t) => words(t),
        Block::List(items) => items
            .iter()
            .map(|i| words(&i.text))
            .collect::<Vec<_>>()
            .join(" | "),
        Block::Quote(lines) => words(&lines.join(" ")),
    }
}

#[test]
fn the_seed_text_gives_the_hand_made_briefing() {
    let made = import("seed.txt", SEED, Format::Text, Options::default()).unwrap();
    let got = &made.briefing;
    let want = crate::content::parse("hand.toml", HAND_MADE).unwrap();
    assert_eq!(got.title, want.title);
    assert_eq!(got.dateline, want.dateline);
    assert_eq!(got.date, want.date);
    let headings = |b: &Briefing| {
        b.sections
            .iter()
            .map(|s| s.heading().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    assert_eq!(headings(got), headings(&want));
    for (g, w) in got.sections.iter().zip(&want.sections) {
        let g: Vec<String> = g.to_blocks().iter().map(block_words).collect();
        let w: Vec<String> = w.to_blocks().iter().map(block_words).collect();
        assert_eq!(g, w);
    }
    let reaction = &got.sections[6].to_blocks()[1];
    assert!(
        matches!(reaction, Block::List(items) if items.len() == 3 && items[0].marker == Marker::Bullet)
    );
    let texts = |b: &Briefing| {
        b.takeaways
            .iter()
            .map(|t| t.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(got), texts(&want));
    let id = |b: &Briefing, t: &crate::content::Takeaway| {
        t.section
            .map(|s| b.sections[s].heading().map(str::to_owned))
    };
    let agree = got
        .takeaways
        .iter()
        .zip(&want.takeaways)
        .filter(|(g, w)| id(got, g) == id(&want, w))
        .count();
    println!(
        "takeaway links agreeing with the hand-made file: {agree} of {}",
        want.takeaways.len()
    );
    assert!(agree >= 4, "only {agree} links agree");
    let notes = &got.imported.as_ref().unwrap().notes;
    assert!(
        notes
            .iter()
            .any(|n| n.message.contains("Monday, November 10, 2025"))
    );
    assert!(
        notes
            .iter()
            .any(|n| n.message.contains("left out \"Leave a Reply\""))
    );
}

#[test]
fn the_seed_keywords_are_names_that_recur() {
    let made = import("seed.txt", SEED, Format::Text, Options::default()).unwrap();
    let cats = &made.briefing.keywords;
    let terms = |name: &str| {
        cats.categories()
            .find(|c| c.name == name)
            .map(|c| c.terms.iter().map(str::to_owned).collect::<Terms>())
            .unwrap_or_default()
    };
    println!("{cats:#?}");
    for person in ["Ahmed al-Sharaa", "Donald Trump", "al-Sharaa"] {
        assert!(terms("people").contains(person), "{person}");
    }
    for place in ["Syria", "Washington", "Damascus"] {
        assert!(terms("places").contains(place), "{place}");
    }
    assert!(terms("organizations").contains("ISIL"));
    assert!(made.toml.contains("# Suggested by brief import"));
    let none = import("seed.txt", SEED, Format::Text, Options { keywords: false }).unwrap();
    assert!(none.briefing.keywords.is_empty());
    assert!(!none.toml.contains("[keywords]"));
}

#[test]
fn blank_input_is_refused_and_binary_input_named() {
    assert!(import("x", "  \n", Format::Markdown, Options::default()).is_err());
    let nul = text_of("x.bin", b"ab\ncd\0ef").unwrap_err();
    assert_eq!(
        nul.to_string(),
        "x.bin:2:3: error: input holds a NUL byte: a binary file, not an article"
    );
    let latin1 = text_of("x.txt", b"caf\xe9").unwrap_err();
    assert!(
        latin1
            .to_string()
            .starts_with("x.txt:1:4: error: input is not valid UTF-8")
    );
    assert_eq!(text_of("ok", "fine".as_bytes()).unwrap(), "fine");
}

#[test]
fn formats_are_sniffed() {
    assert_eq!(Format::sniff("<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(Format::sniff("---\ntitle: x\n---\ntext"), Format::Markdown);
    assert_eq!(Format::sniff("# Title\n\ntext"), Format::Markdown);
    assert_eq!(Format::sniff(SEED), Format::Text);
}

/// Text full of the characters the importers look at: markup, dashes, digits, controls.
const MARKUP: &str = "[-#>*+_`|!:;.,()\\[\\]0-9a-zA-Z \\n\\t—–年月日\u{1b}\u{202e}\u{9b}]{0,300}";

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    #[test]
    fn any_text_imports_without_panicking_to_a_clean_briefing(
        text in proptest::prop_oneof![proptest::prelude::any::<String>(), MARKUP],
        format in 0..3usize,
    ) {
        let format = [Format::Text, Format::Markdown, Format::Html][format];
        match import("any", &text, format, Options::default()) {
            Ok(made) => {
                let again = crate::content::parse("any", &made.toml).expect("reads back");
                proptest::prop_assert!(again.warnings.is_empty());
                proptest::prop_assert!(crate::content::sanitize::is_clean(&made.toml.replace('\t', " ")));
            }
            Err(d) => proptest::prop_assert!(!d.message.contains("a bug"), "{d}"),
        }
    }
}
