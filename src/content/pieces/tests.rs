//! Tests of [`super`]: a file read in pieces gives the briefing, or the problems, that it gives
//! parsed at once.

use super::*;
use crate::content::opening::PIECE_BYTES;
use crate::content::opening::tests::long_with as long;
use std::fmt::Write as _;

/// A section with id `s{i}`, a heading and a body of a paragraph and a list.
fn plain(i: usize) -> String {
    let words = format!("Paragraph {i} about Damascus. ").repeat(36);
    format!(
        "id = \"s{i}\"\nheading = \"Part {i}\"\nbody = \"\"\"\n{words}\n\n- a point\n- another\n\"\"\"\n"
    )
}

/// The newlines of `text` before byte `at`.
fn lines_before(text: &str, at: usize) -> usize {
    text.bytes().take(at).filter(|&b| b == b'\n').count()
}

/// How section `i` of a case is written.
type Writer = Box<dyn Fn(usize) -> String>;

/// Asserts that `text` parses (or fails) the same in pieces as at once; returns whether it
/// was read in pieces.
fn same(text: &str) -> bool {
    let at_once = parse_as("t.toml", text, Part::Whole);
    assert_eq!(crate::content::parse("t.toml", text), at_once);
    let pieces = parse("t.toml", text);
    if let Some(briefing) = &pieces {
        assert_eq!(Ok(briefing), at_once.as_ref());
    }
    pieces.is_some()
}

#[test]
fn a_long_briefing_in_pieces_is_the_briefing_read_at_once() {
    let text = long(500, plain);
    let cut = cut(&text).expect("cut");
    assert!(cut.pieces.len() >= 5, "{}", cut.pieces.len());
    for piece in &cut.pieces {
        let at = text.get(piece.range.clone()).expect("piece");
        assert!(at.starts_with("[[sections]]\n"), "{at:.40}");
        assert_eq!(lines_before(&text, piece.range.start), piece.lines_before);
    }
    // Every piece but a run's last is at least PIECE_BYTES long; the pieces are the sections
    // past the opening, one after another, up to the keywords.
    let lengths: Vec<usize> = cut.pieces.iter().map(|p| p.range.len()).collect();
    assert!(
        lengths[..lengths.len() - 1]
            .iter()
            .all(|&n| n >= PIECE_BYTES)
    );
    assert!(
        cut.pieces
            .windows(2)
            .all(|w| w[0].range.end == w[1].range.start)
    );
    let end = cut.pieces.last().map(|p| p.range.end);
    assert_eq!(end, text.find("[keywords]"));
    assert!(same(&text));
    let briefing = parse("t.toml", &text).expect("pieces");
    assert_eq!(briefing.sections.len(), 500);
    assert_eq!(briefing.takeaways[1].section, Some(499));
    // Line numbers are the file's: the last section's heading.
    let heading = text.rfind("heading = \"Part 499\"").expect("heading");
    let line = lines_before(&text, heading) + 1;
    assert_eq!(briefing.lines.heading(499) as usize, line);
}

#[test]
fn tables_between_the_sections_end_a_piece_and_keep_their_place() {
    // Takeaways and keywords among the sections past the opening: the array of takeaways is
    // the file's order, the sections around them go on.
    let text = long(400, |i| {
        let mut table = plain(i);
        if i % 97 == 0 {
            let _ = write!(
                table,
                "\n[[takeaways]]\ntext = \"Among {i}\"\nsection = \"s{}\"\n",
                (i + 150).min(399)
            );
        }
        if i == 333 {
            table.push_str("\n[briefing.extra]\n");
        }
        table
    });
    let cut = cut(&text).expect("cut");
    assert!(
        cut.pieces
            .windows(2)
            .any(|w| w[0].range.end != w[1].range.start)
    );
    // `[briefing.extra]` is an unknown key of [briefing]: a warning, so the file is read at
    // once; without it, in pieces.
    assert!(!same(&text));
    assert!(same(&text.replace("\n[briefing.extra]\n", "\n")));
}

#[test]
fn numbers_and_default_ids_count_every_section_of_the_file() {
    // No ids; past the opening, headings that give no slug: their ids are their numbers in
    // the file, not in their piece.
    let text = long(300, |i| {
        let heading = if i > 200 {
            "…".to_owned()
        } else {
            format!("Part {i}")
        };
        format!(
            "heading = \"{heading}\"\nbody = \"{}\"\n",
            "word ".repeat(200)
        )
    })
    .replace("section = \"s0\"", "section = \"part-0\"")
    .replace("section = \"s299\"", "section = \"section-300\"");
    assert!(same(&text));
    let briefing = parse("t.toml", &text).expect("pieces");
    assert_eq!(briefing.sections[250].id, "section-251");
    assert_eq!(briefing.takeaways[1].section, Some(299));
}

#[test]
fn a_file_with_problems_is_read_at_once() {
    let cases: [(&str, Writer); 5] = [
        // A section past the opening without a heading: an error only for its place.
        (
            "no heading",
            Box::new(|i| {
                if i == 250 {
                    format!("id = \"s{i}\"\nbody = \"text\"\n")
                } else {
                    plain(i)
                }
            }),
        ),
        // An id used in two pieces.
        (
            "duplicate",
            Box::new(|i| plain(i).replace("id = \"s390\"", "id = \"s120\"")),
        ),
        // An unknown key: a warning.
        (
            "unknown key",
            Box::new(|i| {
                if i == 300 {
                    format!("{}colour = \"red\"\n", plain(i))
                } else {
                    plain(i)
                }
            }),
        ),
        // Invalid TOML in a late piece.
        (
            "syntax",
            Box::new(|i| {
                if i == 380 {
                    plain(i).replace("heading = ", "heading == ")
                } else {
                    plain(i)
                }
            }),
        ),
        // A table inside a section.
        (
            "nested",
            Box::new(|i| {
                if i == 200 {
                    format!("{}\n[sections.notes]\nx = 1\n", plain(i))
                } else {
                    plain(i)
                }
            }),
        ),
    ];
    for (name, section) in cases {
        let text = long(400, section);
        assert!(!same(&text), "{name}");
    }
    assert!(same(&long(400, plain)));
}

#[test]
fn a_header_inside_a_string_is_read_the_same() {
    // A body holding lines that look like headers, past the opening. Where a piece ends at
    // such a line, it ends inside the string: the piece does not parse, and the file is read
    // at once. Elsewhere the string stays whole in its piece.
    for inner in [
        "[[sections]]\nid = \"fake\"",
        "[[sections]]",
        "[keywords]\nplaces = [\"x\"]",
    ] {
        for long_body in [false, true] {
            let text = long(400, |i| {
                if i != 260 {
                    return plain(i);
                }
                // A body longer than a piece: the line inside it is where one is cut.
                let before = if long_body {
                    "Filler text. ".repeat(PIECE_BYTES / 10)
                } else {
                    String::new()
                };
                plain(i).replace("- a point", &format!("{before}\n{inner}\n- a point"))
            });
            let pieces = same(&text);
            assert!(crate::content::parse("t.toml", &text).is_ok(), "{inner}");
            if long_body {
                assert!(!pieces, "{inner}");
            }
        }
    }
}

#[test]
fn line_endings_comments_and_spacing_read_the_same() {
    let text = long(400, |i| {
        plain(i).replace("heading", if i % 2 == 0 { "heading" } else { "  heading" })
    })
    .replace("[[sections]]\n", "[[ sections ]]  # a section\n");
    assert!(same(&text));
    assert!(same(&text.replace('\n', "\r\n")));
}

#[test]
fn short_files_are_read_at_once() {
    let text = long(40, plain);
    assert!(text.len() < OPENING_FROM);
    assert_eq!(parse("t.toml", &text), None);
}

#[test]
fn a_cut_inside_a_kept_value_is_read_at_once() {
    // A value the opening keeps, holding lines that look like a section's header and then
    // another table's: the cut leaves the lines between them out of the value, and they read
    // as a section of their own. Each case must come out as one parse reads it.
    let fake = "[[sections]]\nheading = \"Fake\"\n[note]\nAfter";
    // Sections of 600 bytes, but for a last one long enough for the file to have an opening.
    let filler = |i: usize, last: usize| {
        format!(
            "id = \"s{i}\"\nheading = \"H{i}\"\nbody = \"{}\"\n",
            "x".repeat(if i < last { 600 } else { 250_000 })
        )
    };
    // In a section's body, at the 64th section: the first header past the opening's bytes.
    let in_body = long(65, |i| match i {
        63 => format!("id = \"s63\"\nheading = \"H63\"\nbody = '''\nBefore\n{fake}\n'''\n"),
        _ => filler(i, 64),
    });
    // In the summary of a [briefing] table written after the sections.
    let header = "[briefing]\ntitle = \"Long\"\ndateline = \"Here\"\ndate = 2025-11-10\n";
    let in_summary = long(70, |i| filler(i, 69)).replacen(header, "", 1)
        + &format!("\n[briefing]\ntitle = \"Long\"\nsummary = '''\nBefore\n{fake}\n'''\n");
    // In a string in an array: a keyword category's terms.
    let in_array = long(65, |i| filler(i, 64)).replacen(
        "places = [\"Damascus\"]",
        &format!("places = [\"Damascus\", '''\nBefore\n{fake}\n''']"),
        1,
    );
    for (name, text) in [
        ("body", in_body),
        ("summary", in_summary),
        ("array", in_array),
    ] {
        assert!(text.len() >= OPENING_FROM, "{name}");
        assert!(!same(&text), "{name}");
        // Nor is there an opening: it would show what the file does not say.
        assert!(crate::content::opening("t.toml", &text).is_none(), "{name}");
    }
}
