//! Tests of [`super`].

use super::*;
use ratatui::style::Style;

#[test]
fn widths_terminals_disagree_on_are_recognised() {
    for certain in ["a", "é", "東", "한", "─", "Ж", "ﾊ"] {
        assert!(!uncertain_width(certain), "{certain}");
    }
    for uncertain in [
        "❤\u{fe0f}",
        "👨\u{200d}👩\u{200d}👧",
        "🇯🇵",
        "👍🏽",
        "e\u{301}",
        "😀",
    ] {
        assert!(uncertain_width(uncertain), "{uncertain}");
    }
}

#[test]
fn a_disputed_cluster_rewrites_the_rest_of_its_row() {
    let before = Buffer::with_lines(["abcdefgh", "abcdefgh"]);
    let mut next = before.clone();
    next.set_string(2, 0, "🇫🇷", ratatui::style::Style::default());
    next.set_string(1, 1, "x", ratatui::style::Style::default());
    let mut disputed = Disputed::default();
    let changed: Vec<(u16, u16)> = before
        .diff_iter(&next)
        .map(|(x, y, cell)| {
            disputed.check(&before, x, y, cell);
            (x, y)
        })
        .collect();
    assert_eq!(changed, [(2, 0), (1, 1)]);
    // Column 3 is under the flag: never printed on its own.
    assert_eq!(
        disputed.rewrite(&next, changed),
        [(2, 0), (4, 0), (5, 0), (6, 0), (7, 0), (1, 1)]
    );
    // Overwriting the flag disputes the row too.
    let mut disputed = Disputed::default();
    let mut later = next.clone();
    later.set_string(2, 0, "東", ratatui::style::Style::default());
    for (x, y, cell) in next.diff_iter(&later) {
        disputed.check(&next, x, y, cell);
    }
    assert_eq!(disputed.rows, [(0, 2)]);
}

/// The cells `before` → `next` changes, as the backend sends them after both passes.
fn sent(before: &Buffer, next: &Buffer) -> Vec<(u16, u16)> {
    let mut orphans = Orphans::default();
    let changed = before
        .diff_iter(next)
        .map(|(x, y, cell)| {
            orphans.check(before, x, y, cell);
            (x, y)
        })
        .collect();
    orphans.rewrite(next, changed)
}

#[test]
fn columns_a_wide_glyph_loses_when_printed_over_are_printed_again() {
    let red = ratatui::style::Style::default().bg(Color::Red);
    // A wide glyph one column left of an old one: the old one's right column is blanked
    // by the terminal, though the frame leaves it unchanged.
    let mut before = Buffer::with_lines(["ab    cd"]);
    before.set_string(3, 0, "本", red);
    let mut next = Buffer::with_lines(["ab    cd"]);
    next.set_string(2, 0, "本", red);
    assert_eq!(sent(&before, &next), [(2, 0), (4, 0)]);
    // One column right: the old glyph's left column.
    let mut next = Buffer::with_lines(["ab    cd"]);
    next.set_string(4, 0, "日", red);
    assert_eq!(sent(&before, &next), [(3, 0), (4, 0)]);
    // A wide glyph straddling two old ones.
    let mut before = Buffer::with_lines(["        "]);
    before.set_string(1, 0, "日本", red);
    let mut next = Buffer::with_lines(["        "]);
    next.set_string(2, 0, "東", Style::default());
    assert_eq!(sent(&before, &next), [(1, 0), (2, 0), (4, 0)]);
    // Nothing is added where no wide glyph was.
    let next = Buffer::with_lines(["xy    cd"]);
    assert_eq!(
        sent(&Buffer::with_lines(["ab    cd"]), &next),
        [(0, 0), (1, 0)]
    );
}

#[test]
fn blanks_keep_the_pen_unless_it_would_show_on_them() {
    let encode = |blank: Style| {
        let mut next = Buffer::empty(Rect::new(0, 0, 6, 1));
        next.set_string(0, 0, "ab", Style::default().fg(Color::Red).bold());
        next.set_string(2, 0, " ", blank);
        next.set_string(3, 0, "c", Style::default().fg(Color::Red).bold());
        let mut encoder = Encoder::new(
            State {
                cursor: Some(Position::ORIGIN),
                pen: Some(Pen::RESET),
            },
            WireOptions::default(),
        );
        encoder.cells(&next, &[(0, 0), (1, 0), (2, 0), (3, 0)]);
        String::from_utf8_lossy(&encoder.out).into_owned()
    };
    // The space between needs no colour of its own.
    assert_eq!(encode(Style::default()), "\x1b[1;31mab c");
    // A background, an underline or reverse video shows on a space.
    for shows in [
        Style::default().bg(Color::Blue),
        Style::default().underlined(),
        Style::default().reversed(),
    ] {
        assert_ne!(encode(shows), "\x1b[1;31mab c", "{shows:?}");
    }
}

#[test]
fn a_disputed_cluster_is_erased_first_and_followed_by_a_position() {
    let mut next = Buffer::with_lines(["ab  cd"]);
    next.set_string(2, 0, "👍🏽", ratatui::style::Style::default());
    let mut encoder = Encoder::new(
        State {
            cursor: Some(Position { x: 2, y: 0 }),
            pen: Some(Pen::RESET),
        },
        WireOptions::default(),
    );
    encoder.cells(&next, &[(2, 0), (4, 0)]);
    assert_eq!(String::from_utf8_lossy(&encoder.out), "\x1b[2X👍🏽\x1b[1;5Hc");
}
