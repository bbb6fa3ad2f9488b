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

/// [`cut_read`] of `source`, `chunk` bytes at a time.
fn cut_in_pieces(source: &str, chunk: usize) -> Option<Cut> {
    let mut reader = source.as_bytes();
    let read = cut_read(&mut reader, chunk).expect("a slice reads");
    if let Some((_, len)) = &read {
        assert_eq!(*len, source.len());
    }
    read.map(|(cut, _)| cut)
}

/// Long files of every kind the cut tells apart, for comparing ways of cutting them.
fn files_to_cut() -> Vec<(&'static str, String)> {
    let mut nested = long(300, usize::MAX, "");
    nested.push_str("\n[sections.notes]\ntext = \"n\"\n");
    let crlf = long(300, usize::MAX, "").replace('\n', "\r\n");
    let mut no_final_newline = long(300, usize::MAX, "");
    no_final_newline.push_str("[extra]\nkey = 1");
    vec![
        ("plain", long(400, usize::MAX, "")),
        (
            "header in a string",
            long(300, 200, "[[sections]]\nnot a header"),
        ),
        ("a long line", long(300, 150, &"word ".repeat(40_000))),
        (
            "wide text",
            long(300, usize::MAX, "").replace("about", "über Ünïcödé 東京 —"),
        ),
        (
            "indented headers",
            long(300, usize::MAX, "").replace("[[sections]]", " \t[[ sections ]] # c"),
        ),
        ("nested", nested),
        ("crlf", crlf),
        ("no final newline", no_final_newline),
        ("short", long(20, usize::MAX, "")),
    ]
}

#[test]
fn a_text_read_a_piece_at_a_time_is_cut_as_the_whole_text_is() {
    for (name, text) in files_to_cut() {
        let whole = cut(&text);
        for chunk in [1, 2, 3, 7, 100, 4096, 64 * 1024, 10 << 20] {
            assert_eq!(
                cut_in_pieces(&text, chunk),
                whole,
                "{name}, {chunk} bytes at a time"
            );
        }
    }
}

#[test]
fn an_opening_read_a_piece_at_a_time_is_the_opening() {
    for (name, text) in files_to_cut() {
        let read = opening_read("t.toml", &mut text.as_bytes(), |_| true).expect("a slice reads");
        assert_eq!(read, opening("t.toml", &text), "{name}");
    }
    let read = opening_read("t.toml", &mut long(400, usize::MAX, "").as_bytes(), |_| {
        true
    });
    assert!(read.expect("reads").is_some());
}

#[test]
fn a_text_that_is_not_utf8_has_no_opening_read() {
    let mut bytes = long(400, usize::MAX, "").into_bytes();
    // Past the opening: a file read whole would fail to decode at all.
    let at = bytes.len() - 100;
    bytes[at] = 0xff;
    let read = opening_read("t.toml", &mut bytes.as_slice(), |_| true).expect("a slice reads");
    assert!(read.is_none());
}

#[test]
fn a_read_error_is_an_error_and_interruptions_are_read_through() {
    /// Reads `text`, interrupted before every read, and fails once `fail_at` bytes are read.
    struct Flaky<'a> {
        text: &'a [u8],
        interrupt: bool,
        fail_at: usize,
        read: usize,
    }
    impl std::io::Read for Flaky<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            if self.read >= self.fail_at {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.text.len()).min(5_000);
            buf[..n].copy_from_slice(&self.text[..n]);
            self.text = &self.text[n..];
            self.read += n;
            Ok(n)
        }
    }
    let text = long(400, usize::MAX, "");
    let mut whole = Flaky {
        text: text.as_bytes(),
        interrupt: false,
        fail_at: usize::MAX,
        read: 0,
    };
    let read = cut_read(&mut whole, 4096).expect("interruptions are retried");
    assert_eq!(read.map(|(cut, _)| cut), cut(&text));
    let mut failing = Flaky {
        text: text.as_bytes(),
        interrupt: false,
        fail_at: 100_000,
        read: 0,
    };
    assert!(cut_read(&mut failing, 4096).is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Random files of headers, header-like lines and text, cut whole and read in random
    /// pieces: the same cut.
    #[test]
    fn any_text_read_in_any_pieces_is_cut_as_the_whole(
        lines in proptest::collection::vec((0u8..8, 0usize..900), 0..400),
        chunk in 1usize..5_000,
        crlf in proptest::bool::ANY,
    ) {
        let mut text = String::from("[briefing]\ntitle = \"T\"\n");
        for (kind, len) in lines {
            let line = match kind {
                0 | 1 => "[[sections]]".to_owned(),
                2 => "  [[ \"sections\" ]] # s".to_owned(),
                3 => "[sections.notes]".to_owned(),
                4 => "[[takeaways]]".to_owned(),
                5 => format!("[{}]", "k".repeat(len % 7 + 1)),
                6 => format!("[{len}] not a header"),
                _ => "é text, ".repeat(len / 9),
            };
            text.push_str(&line);
            text.push_str(if crlf { "\r\n" } else { "\n" });
            text.push_str(&"x".repeat(len));
            text.push('\n');
        }
        proptest::prop_assert_eq!(cut_in_pieces(&text, chunk), cut(&text));
    }
}
