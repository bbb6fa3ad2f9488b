//! Tests of [`super`].

use super::*;

fn errors(src: &str) -> Vec<String> {
    parse("t.toml", src)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

const MINIMAL: &str = "[briefing]\ntitle = \"T\"\n[[sections]]\nheading = \"H\"\nbody = \"b\"\n";

#[test]
fn minimal_briefing_loads() {
    let b = parse("t.toml", MINIMAL).unwrap();
    assert_eq!(b.title, "T");
    assert_eq!(b.sections[0].id, "h");
}

#[test]
fn no_tab_survives_into_the_model() {
    let src = "[briefing]\ntitle = \"A\\tB\"\nsummary = \"s\\tt\"\n[[sections]]\nheading = \"H\\tI\"\nbody = \"> x\\ty\\n- p\\tq\\n\\nr\\ts\"\n[[takeaways]]\ntext = \"u\\tv\"\n";
    let b = parse("t.toml", src).unwrap();
    assert_eq!(b.title, "A B");
    assert_eq!(b.summary.as_deref(), Some("s t"));
    assert_eq!(b.sections[0].heading(), Some("H I"));
    assert_eq!(&*b.takeaways[0].text, "u v");
    assert!(!format!("{:?}", b.sections[0].to_blocks()).contains("\\t"));
}

#[test]
fn each_part_knows_its_line_in_the_file() {
    let src = "[briefing]\ntitle = \"T\"\nsummary = \"S\"\n\n[[sections]]\nbody = \"\"\"\nOne\ntwo.\n\n- a\n- b\n\"\"\"\n\n[[sections]]\nheading = \"H\"\nbody = \"x\\n\\ny\\n\\n> q\"\n\n[[takeaways]]\ntext = \"k\"\nsection = \"h\"\n";
    let b = parse("t.toml", src).unwrap();
    assert_eq!((b.lines.title, b.lines.summary), (2, 3));
    assert_eq!(b.lines.section(0), Some((5, &[7, 10, 11][..])));
    assert_eq!(b.lines.unit(0, &b.sections[0], 1, 1), 11);
    // Escaped newlines stay on the value's one line.
    assert_eq!(b.lines.section(1), Some((15, &[16, 16, 16][..])));
    assert_eq!(b.lines.sections(), 2);
    assert_eq!(b.lines.takeaways(), [19]);
    // Where it is written is not what it says.
    let moved = parse("t.toml", &format!("\n\n{src}")).unwrap();
    assert!(moved.same_text(&b));
}

#[test]
fn slugs() {
    assert_eq!(
        default_id(Some("A New Chapter in US–Syria Relations"), 3),
        "a-new-chapter-in-us-syria-relations"
    );
    assert_eq!(default_id(Some("!!!"), 2), "section-3");
    assert_eq!(default_id(None, 0), "lead");
}

#[test]
fn every_problem_is_reported_with_its_position() {
    let src = "format = 2\ncolour = 1\n[briefing]\ntitle = \"\"\ndate = \"soon\"\n[[sections]]\nheading = \"A\"\nid = \"x\"\n[[sections]]\nheading = \"B\"\nid = \"x\"\n[[sections]]\nbody = \"no heading\"\n[[takeaways]]\ntext = \"t\"\nsection = \"nope\"\n";
    assert_eq!(
        errors(src),
        vec![
            "t.toml:1:10: error: unsupported format version 2: this brief reads format 1",
            "t.toml:2:1: warning: unknown key `colour` in the top level, expected one of: format, briefing, keywords, sections, takeaways",
            "t.toml:4:9: error: `title` must not be empty",
            "t.toml:5:8: warning: `date` must be a TOML date such as 2025-11-10, found a string",
            "t.toml:11:6: warning: duplicate section id `x` (first used on line 8): takeaways that name it point at the first",
            "t.toml:12:1: error: missing key `heading`: only the first (lead) section may go without one",
            "t.toml:16:11: warning: takeaway points at section `nope`, which does not exist (known ids: x, section-3); it is shown unlinked",
        ]
    );
}

#[test]
fn a_takeaway_naming_a_heading_loads_unlinked_with_a_warning() {
    let src = "[briefing]\ntitle = \"T\"\n[[sections]]\nheading = \"Big News\"\n[[takeaways]]\ntext = \"t\"\nsection = \"Big News\"\n[[takeaways]]\ntext = \"u\"\nsection = \"big-news\"\n";
    let b = parse("t.toml", src).unwrap();
    assert_eq!(b.takeaways[0].section, None);
    assert_eq!(b.takeaways[0].unresolved.as_deref(), Some("Big News"));
    assert_eq!(b.takeaways[1].section, Some(0));
    let warnings: Vec<String> = b.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        vec![
            "t.toml:7:11: warning: takeaway points at section `Big News`, which does not exist (that is a heading: its id is `big-news`); it is shown unlinked"
        ]
    );
}

#[test]
fn optional_parts_that_are_wrong_are_warnings_and_the_rest_loads() {
    let src = "colour = 1\n[briefing]\ntitle = \"T\"\ndate = \"soon\"\ntags = \"x\"\n[keywords]\npeople = \"Ann\"\n[[sections]]\nid = \"a\"\nheading = \"A\"\n[[sections]]\nid = \"a\"\nheading = \"B\"\n[[takeaways]]\ntext = \"\"\n";
    let b = parse("t.toml", src).unwrap();
    assert_eq!(b.sections.len(), 2, "a duplicate id keeps its section");
    assert_eq!(b.date, None);
    assert!(b.tags.is_empty() && b.keywords.is_empty() && b.takeaways.is_empty());
    assert_eq!(b.warnings.len(), 6, "{:?}", b.warnings);
    assert!(b.warnings.iter().all(|d| !d.is_error()));
}

#[test]
fn errors_keep_the_warnings_beside_them() {
    let all = parse("t.toml", "oops = 1\n[briefing]\ntitle = 3\n[[sections]]\n").unwrap_err();
    let severities: Vec<bool> = all.iter().map(Diagnostic::is_error).collect();
    assert_eq!(severities, vec![false, true]);
}

#[test]
fn missing_pieces() {
    assert_eq!(
        errors("[briefing]\n"),
        vec![
            "t.toml:1:1: error: missing key `title` in [briefing]: every briefing needs a title",
            "t.toml:1:1: error: missing [[sections]]: a briefing needs at least one section",
        ]
    );
    assert_eq!(
        errors("sections = []\n[briefing]\ntitle=\"x\"")[0],
        "t.toml:1:12: error: `sections` is empty: a briefing needs at least one section"
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    let errs = errors("[briefing]\ntitle = 3 3\n");
    assert!(
        errs[0].starts_with("t.toml:2:9: error: invalid TOML: "),
        "{errs:?}"
    );
}

#[test]
fn an_open_string_is_reported_where_it_opens_not_at_the_end() {
    // The parser alone reports the end of the file (or of the line) for these.
    let cases = [
        (
            "[briefing]\ntitle = \"T\"\n[[sections]]\nbody = \"\"\"\nText.\n\n[[sections]]\nheading = \"B\"\nbody = \"x\"\n",
            "t.toml:4:8: error: invalid TOML: this `\"\"\"` string is never closed",
        ),
        (
            "[briefing]\ntitle = \"unterminated\n[[sections]]\n",
            "t.toml:2:9: error: invalid TOML: this string is not closed on its line",
        ),
        (
            "[briefing]\ntitle = \"T\"\ntags = [\"a\", \"b\"\n[[sections]]\nbody = \"x\"\n",
            "t.toml:3:8: error: invalid TOML: this `[` is never closed",
        ),
    ];
    for (src, want) in cases {
        let errs = errors(src);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].starts_with(want), "{errs:?}");
    }
    // An error before the open string is still reported, in its place.
    let errs = errors("a = 3 3\n[briefing]\ntitle = \"\"\"never\n");
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].starts_with("t.toml:1:"), "{errs:?}");
    assert!(
        errs[1].starts_with("t.toml:3:9: error: invalid TOML: this `\"\"\"`"),
        "{errs:?}"
    );
}

#[test]
fn a_date_written_another_way_gets_the_form_brief_expects() {
    for value in ["20/11/2026", "2026/11/20", "20.11.2026"] {
        let src =
            format!("[briefing]\ntitle = \"T\"\ndate = {value}\n[[sections]]\nbody = \"x\"\n");
        let errs = errors(&src);
        assert!(errs[0].starts_with("t.toml:3:"), "{errs:?}");
        assert!(errs[0].contains("`2026-11-20`"), "{errs:?}");
    }
    // Quoting it does not lead to a second puzzle: the warning names the fix.
    let quoted = "[briefing]\ntitle = \"T\"\ndate = \"20/11/2026\"\n[[sections]]\nbody = \"x\"\n";
    let b = parse("t.toml", quoted).unwrap();
    assert!(
        b.warnings[0].message.contains("`2026-11-20`"),
        "{:?}",
        b.warnings
    );
    let quoted = "[briefing]\ntitle = \"T\"\ndate = \"2026-11-20\"\n[[sections]]\nbody = \"x\"\n";
    let b = parse("t.toml", quoted).unwrap();
    assert!(
        b.warnings[0].message.contains("without quotes"),
        "{:?}",
        b.warnings
    );
}

#[test]
fn a_date_keeps_its_offset_and_sorts_by_the_moment() {
    let date = |value: &str| {
        let src =
            format!("[briefing]\ntitle = \"T\"\ndate = {value}\n[[sections]]\nbody = \"x\"\n");
        parse("t.toml", &src).unwrap().date.unwrap()
    };
    assert_eq!(date("2025-11-10").text, "2025-11-10");
    assert_eq!(date("2025-11-10T09:30:00").text, "2025-11-10 09:30");
    assert_eq!(
        date("2025-11-10T09:30:00+05:00").text,
        "2025-11-10 09:30 +05:00"
    );
    assert_eq!(
        date("2025-11-10T09:30:00-03:30").text,
        "2025-11-10 09:30 -03:30"
    );
    assert_eq!(date("2025-11-10T09:30:00Z").text, "2025-11-10 09:30 UTC");
    assert_eq!(date("1970-01-01T00:00:00Z").minutes, 0);
    assert_eq!(date("2000-03-01").minutes, 11_017 * 1440);
    // 09:30 at +05:00 is 04:30 UTC: earlier than 08:00 UTC the same day.
    assert!(date("2025-11-10T09:30:00+05:00") < date("2025-11-10T08:00:00Z"));
    assert!(date("2025-11-10T23:30:00-03:00") > date("2025-11-11T01:00:00Z"));
    assert!(date("1969-12-31") < date("1970-01-01"));
}
