//! Tests of [`super`].

use super::*;
use crate::content::parse;
use std::fmt::Write as _;

/// A long briefing: `sections` sections, section `i` written by `section(i)` (its table,
/// without the header), then keywords and two takeaways, the second pointing at the last
/// section. Shared with the tests of [`crate::content::pieces`].
pub(in crate::content) fn long_with(sections: usize, section: impl Fn(usize) -> String) -> String {
    let mut text = String::from(
        "format = 1\n\n[briefing]\ntitle = \"Long\"\ndateline = \"Here\"\ndate = 2025-11-10\n\n",
    );
    for i in 0..sections {
        let _ = write!(text, "[[sections]]\n{}\n", section(i));
    }
    text.push_str("[keywords]\nplaces = [\"Damascus\"]\n\n");
    text.push_str("[[takeaways]]\ntext = \"First\"\nsection = \"s0\"\n\n");
    let _ = write!(
        text,
        "[[takeaways]]\ntext = \"Last\"\nsection = \"s{}\"\n",
        sections - 1
    );
    text
}

/// [`long_with`] of sections of about 1 KB each; `body` replaces the body of section `at`
/// (written inside `"""`).
fn long(sections: usize, at: usize, body: &str) -> String {
    long_with(sections, |i| {
        let own = if i == at {
            body.to_owned()
        } else {
            format!("Paragraph {i} about Damascus. ").repeat(30)
        };
        format!(
            "id = \"s{i}\"\nheading = \"Part {i}\"\nbody = \"\"\"\n{own}\n\n- a point\n- another\n\"\"\"\n"
        )
    })
}

#[test]
fn the_opening_is_the_start_of_the_whole_briefing() {
    let text = long(400, usize::MAX, "");
    assert!(text.len() >= OPENING_FROM);
    let whole = parse("t.toml", &text).expect("whole");
    let first = opening("t.toml", &text).expect("opening");
    let n = first.sections.len();
    assert!((OPENING_SECTIONS..whole.sections.len()).contains(&n), "{n}");
    assert_eq!(first.sections[..], whole.sections[..n]);
    let sections = |b: &Briefing| {
        (0..n)
            .map(|i| b.lines.section(i).map(|(h, u)| (h, u.to_vec())))
            .collect::<Vec<_>>()
    };
    assert_eq!(sections(&first), sections(&whole));
    assert_eq!(
        (&first.id, &first.title, &first.dateline, &first.date),
        (&whole.id, &whole.title, &whole.dateline, &whole.date)
    );
    assert_eq!(first.keywords, whole.keywords);
    assert_eq!(first.lines.takeaways(), whole.lines.takeaways());
    // Every takeaway is there; the one whose section was left out points at none, unmarked.
    let texts = |b: &Briefing| {
        b.takeaways
            .iter()
            .map(|t| t.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&first), texts(&whole));
    assert_eq!(first.takeaways[0].section, Some(0));
    assert_eq!(first.takeaways[1].section, None);
    assert_eq!(first.takeaways[1].unresolved, None);
    assert!(first.warnings.is_empty());
}

#[test]
fn short_files_and_files_with_nothing_to_leave_out_have_none() {
    assert!(opening("t.toml", &long(20, usize::MAX, "")).is_none());
    // Long, but in one section: nothing to leave out.
    let one = long(1, 0, &"word ".repeat(OPENING_FROM / 4));
    assert!(one.len() >= OPENING_FROM);
    assert!(opening("t.toml", &one).is_none());
}

#[test]
fn a_header_inside_a_string_past_the_cut_gives_no_opening_or_the_right_one() {
    // A line in a body that reads as another table stops the cut there: the rest of the
    // string is kept, unclosed, and the cut text does not parse.
    let fake = "Text\n[keywords]\nmore text";
    assert!(opening("t.toml", &long(400, 300, fake)).is_none());
    // One that reads as a section is left out with the section it is in.
    let fake = "Text\n[[sections]]\nid = \"fake\"";
    let text = long(400, 300, fake);
    let whole = parse("t.toml", &text).expect("whole");
    let first = opening("t.toml", &text).expect("opening");
    let n = first.sections.len();
    assert_eq!(first.sections[..], whole.sections[..n]);
    // Inside the opening, it is just text.
    let text = long(400, 3, "Text\n[keywords]\n[[sections]]\nmore");
    let whole = parse("t.toml", &text).expect("whole");
    let first = opening("t.toml", &text).expect("opening");
    assert_eq!(first.sections[3], whole.sections[3]);
}

#[test]
fn a_file_with_errors_past_the_cut_still_has_an_opening_of_what_is_right() {
    let text = long(400, usize::MAX, "").replace("id = \"s350\"", "id = \"s350");
    assert!(parse("t.toml", &text).is_err());
    assert!(opening("t.toml", &text).is_some());
    // An error in the opening itself: none.
    let text = long(400, usize::MAX, "").replace("id = \"s5\"", "id = \"s5");
    assert!(opening("t.toml", &text).is_none());
}

#[test]
fn problems_past_a_gap_are_placed_in_the_file() {
    // An unknown key in the last takeaway (a warning), far past the sections left out, and
    // one in the last section of the opening, before them.
    let text = long(400, usize::MAX, "")
        .replace("text = \"Last\"", "text = \"Last\"\ncolour = \"red\"")
        .replace("id = \"s3\"", "id = \"s3\"\nweight = 2");
    let whole = parse("t.toml", &text).expect("whole");
    let first = opening("t.toml", &text).expect("opening");
    assert_eq!(whole.warnings.len(), 2, "{:?}", whole.warnings);
    assert_eq!(first.warnings, whole.warnings);
    let last_line = text
        .lines()
        .position(|l| l.starts_with("colour"))
        .map(|n| n + 1);
    assert_eq!(whole.warnings[1].position.map(|p| p.0), last_line);
}

#[test]
fn crlf_line_endings_cut_the_same() {
    let text = long(400, usize::MAX, "").replace('\n', "\r\n");
    let whole = parse("t.toml", &text).expect("whole");
    let first = opening("t.toml", &text).expect("opening");
    let n = first.sections.len();
    assert!(n < whole.sections.len());
    assert_eq!(first.sections[..], whole.sections[..n]);
    assert_eq!(first.lines.takeaways(), whole.lines.takeaways());
}

#[test]
fn headers_are_told_from_other_lines() {
    for line in [
        "[[sections]]\n",
        "  [[ sections ]]  # a comment\n",
        "[[\"sections\"]]\r\n",
        "\t[['sections']]",
    ] {
        assert_eq!(header(line), Some(Header::Sections), "{line:?}");
    }
    for line in [
        "[briefing]\n",
        "[[takeaways]]\n",
        "[keywords] # k\n",
        "[sections]\n",
        "[a.\"b c\"]\n",
        "[sectionsx.a]\n",
    ] {
        assert_eq!(header(line), Some(Header::Other), "{line:?}");
    }
    for line in [
        "[[sections.items]]\n",
        "[sections.notes]\n",
        "[ \"sections\" . notes ] # n\n",
    ] {
        assert_eq!(header(line), Some(Header::InSections), "{line:?}");
    }
    for line in [
        "[1] Reuters reported\n",
        "[link](http://x)\n",
        "[]\n",
        "[[sections]] trailing\n",
        "- [[sections]]\n",
        "[[sections\n",
        "[a] = 1\n",
        "\n",
        "",
    ] {
        assert_eq!(header(line), None, "{line:?}");
    }
}
