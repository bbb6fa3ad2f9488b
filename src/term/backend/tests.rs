//! Tests of [`super`].

use super::*;
use ratatui::buffer::CellDiffOption;
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

#[test]
fn a_plainly_drawn_frame_is_diffed_from_blank_as_ratatui_diffs_it() {
    let area = Rect::new(0, 0, 12, 3);
    let mut next = Buffer::empty(area);
    next.set_string(0, 0, "a 東 b", Style::default());
    next.set_string(2, 1, " ", Style::default().bg(Color::Red));
    next.set_string(
        5,
        2,
        "🇯🇵❤\u{fe0f}x",
        Style::default().add_modifier(Modifier::BOLD),
    );
    let ratatui: Vec<(u16, u16)> = Buffer::empty(area)
        .diff(&next)
        .into_iter()
        .map(|(x, y, _)| (x, y))
        .collect();
    assert_eq!(blank::blank_diff(&next), Some(ratatui));
    assert_eq!(blank::blank_diff(&Buffer::empty(area)), Some(Vec::new()));
}

#[test]
fn a_frame_drawn_otherwise_is_not_diffed_from_blank() {
    let area = Rect::new(0, 0, 8, 1);
    // Something over the column a wide cell covers.
    let mut over = Buffer::empty(area);
    over.set_string(0, 0, "東", Style::default());
    over.set_string(1, 0, "x", Style::default());
    assert_eq!(blank::blank_diff(&over), None);
    // A styled blank under a wide cell.
    let mut styled = Buffer::empty(area);
    styled.set_string(3, 0, "東", Style::default());
    if let Some(cell) = styled.cell_mut((4, 0)) {
        cell.bg = Color::Blue;
    }
    assert_eq!(blank::blank_diff(&styled), None);
    // A cell skipped, or forced to a width.
    for option in [
        CellDiffOption::Skip,
        CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN),
    ] {
        let mut skipped = Buffer::empty(area);
        if let Some(cell) = skipped.cell_mut((2, 0)) {
            cell.set_symbol("s").diff_option = option;
        }
        assert_eq!(blank::blank_diff(&skipped), None, "{option:?}");
    }
}

#[test]
fn the_first_frame_on_a_blank_screen_goes_out_before_the_model_is_made() {
    let area = Rect::new(0, 0, 6, 2);
    let mut next = Buffer::empty(area);
    next.set_string(0, 0, "hello", Style::default());
    let mut backend = WireBackend::sized(Vec::new(), Size::new(6, 2), WireOptions::default());
    assert_eq!(
        backend.screen.content.len(),
        0,
        "no model before the first frame"
    );
    backend.present(&next, None).expect("present");
    assert!(backend.blank.is_none());
    assert_eq!(backend.screen, next);
    // A hinted scroll, or a frame drawn otherwise, takes the way with a model.
    let mut hinted = WireBackend::sized(Vec::new(), Size::new(6, 2), WireOptions::default());
    hinted.hint_scroll(ScrollHint {
        top: 0,
        bottom: 2,
        delta: 1,
        columns: None,
    });
    hinted.present(&next, None).expect("present");
    assert_eq!(hinted.writer(), backend.writer());
    assert_eq!(hinted.screen, next);
}
