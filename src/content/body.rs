//! Splits a section body into blocks: paragraphs, lists and quotes (see docs/format.md).

use std::borrow::Cow;

use super::model::{Block, ListItem, Marker};
use crate::content::sanitize::{TAB_STOP, expand_tabs};

/// Longest item number accepted, in digits (as in `CommonMark`: more than nine digits is text).
const MAX_NUMBER_DIGITS: usize = 9;

/// Indentation, in cells, from which an item marker starts a nested item (one level).
const NEST_INDENT: usize = 2;

/// Parses sanitised body text into blocks. Blank lines separate blocks; `- `, `* `, `1. ` or
/// `1) ` starts a list item (a marker indented by two or more cells under an item starts a
/// nested item; other indented lines continue the item above); `>` starts a quote line (kept as
/// a line of its own); anything else is running text whose lines are joined with a space. A
/// numbered item interrupts running text only when its number is 1, so a wrapped sentence whose
/// next line happens to start with `2025. ` stays one paragraph.
///
/// Tabs may still be in `body` (see [`crate::content::sanitize::keeping_tabs`]): indentation tabs count
/// from the start of the source line, and every other tab is expanded from the start of the
/// text as displayed, after the marker, so the blocks hold no tabs.
///
/// Also returns the 0-based line of `body` on which each text unit starts (each paragraph,
/// list item and quote line, in reading order; see [`crate::content::SectionLines`]).
// Over 40 lines as one function: one pass over a section body's lines, as a state machine over
// paragraphs, lists and quotes.
pub fn parse_with_lines(body: &str) -> (Vec<Block>, Vec<u32>) {
    let mut blocks = Vec::new();
    let mut units = Vec::new();
    let mut current: Option<Block> = None;
    for (number, source) in body.lines().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        let raw = indentation_expanded(source);
        let raw = raw.as_ref();
        let line = raw.trim_end();
        if line.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let in_list = matches!(current, Some(Block::List(_)));
        let in_paragraph = matches!(current, Some(Block::Paragraph(_)));
        if let Some((marker, text)) = list_item(line.trim_start())
            .filter(|(marker, _)| in_list || !in_paragraph || interrupts_text(*marker))
        {
            units.push(number);
            let depth = u8::from(in_list && indent >= NEST_INDENT);
            let item = ListItem {
                marker,
                depth,
                text: expand_tabs(text).into_owned(),
            };
            if let Some(Block::List(items)) = &mut current {
                items.push(item);
            } else {
                blocks.extend(current.take());
                current = Some(Block::List(vec![item]));
            }
        } else if let Some(quoted) = quote_line(line) {
            units.push(number);
            if let Some(Block::Quote(lines)) = &mut current {
                lines.push(expand_tabs(quoted).into_owned());
            } else {
                blocks.extend(current.take());
                current = Some(Block::Quote(vec![expand_tabs(quoted).into_owned()]));
            }
        } else {
            match &mut current {
                Some(Block::Paragraph(text)) => join(text, line),
                Some(Block::List(items)) if indent > 0 => {
                    if let Some(last) = items.last_mut() {
                        join(&mut last.text, line);
                    }
                }
                _ => {
                    units.push(number);
                    blocks.extend(current.take());
                    current = Some(Block::Paragraph(expand_tabs(line.trim()).into_owned()));
                }
            }
        }
    }
    blocks.extend(current);
    (blocks, units)
}

/// The 1-based file lines of a body's units (`units`, 0-based lines of the decoded text, from
/// [`parse_with_lines`]), given the string's value as written (`raw`, quotes included) and the
/// file lines it starts and ends on: a multi-line string's first newline is not part of its
/// text, and escapes that add or remove newlines (`\n`, a line-ending backslash) are kept
/// within the value's own lines.
pub fn file_lines(raw: &str, (start, end): (u32, u32), units: &[u32]) -> Vec<u32> {
    let opens_on_its_own_line = ["\"\"\"\n", "'''\n", "\"\"\"\r\n", "'''\r\n"]
        .iter()
        .any(|open| raw.starts_with(open));
    let first = start + u32::from(opens_on_its_own_line);
    let last = end.max(first);
    units
        .iter()
        .map(|&u| first.saturating_add(u).min(last))
        .collect()
}

/// `line` with tabs in its leading indentation turned into spaces (stops from the start of the
/// source line), so indentation is measured the same whether it was typed with tabs or spaces.
fn indentation_expanded(line: &str) -> Cow<'_, str> {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = line.get(..line.len() - rest.len()).unwrap_or_default();
    if !indent.contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut column = 0;
    for ch in indent.chars() {
        column += if ch == '\t' {
            TAB_STOP - column % TAB_STOP
        } else {
            1
        };
    }
    Cow::Owned(format!("{}{rest}", " ".repeat(column)))
}

/// The marker and text of a list item line (indentation already removed): `- text`, `* text`,
/// `12. text` or `12) text`. The text is trimmed; an empty one still makes an item.
fn list_item(line: &str) -> Option<(Marker, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((Marker::Bullet, rest.trim()));
    }
    if line == "-" || line == "*" {
        return Some((Marker::Bullet, ""));
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > MAX_NUMBER_DIGITS {
        return None;
    }
    let (number, rest) = line.split_at(digits);
    let rest = rest.strip_prefix(['.', ')'])?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let number = number.parse().ok()?;
    Some((Marker::Number(number), rest.trim()))
}

/// Whether an item with this marker may start a list in the middle of running text: bullets
/// always, numbers only from 1.
fn interrupts_text(marker: Marker) -> bool {
    matches!(marker, Marker::Bullet | Marker::Number(1))
}

/// The text of a quote line: after `>` and one optional space, indentation kept.
fn quote_line(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

fn join(text: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(&expand_tabs(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Vec<Block> {
        parse_with_lines(body).0
    }

    fn bullet(text: &str) -> ListItem {
        ListItem {
            marker: Marker::Bullet,
            depth: 0,
            text: text.into(),
        }
    }

    fn item(marker: Marker, depth: u8, text: &str) -> ListItem {
        ListItem {
            marker,
            depth,
            text: text.into(),
        }
    }

    #[test]
    fn paragraphs_lists_and_quotes() {
        let body =
            "First line\nsame paragraph.\n\n- one\n- two\n  continued\n\n> quoted\n> more\n\nLast.";
        assert_eq!(
            parse(body),
            vec![
                Block::Paragraph("First line same paragraph.".into()),
                Block::List(vec![bullet("one"), bullet("two continued")]),
                Block::Quote(vec!["quoted".into(), "more".into()]),
                Block::Paragraph("Last.".into()),
            ]
        );
    }

    #[test]
    fn each_unit_knows_the_line_it_starts_on() {
        let body =
            "First line\nsame paragraph.\n\n- one\n- two\n  continued\n\n> quoted\n> more\n\nLast.";
        assert_eq!(parse_with_lines(body).1, vec![0, 3, 4, 7, 8, 10]);
    }

    #[test]
    fn adjacent_kinds_split_without_blank_lines() {
        assert_eq!(
            parse("Intro:\n- a\n> q"),
            vec![
                Block::Paragraph("Intro:".into()),
                Block::List(vec![bullet("a")]),
                Block::Quote(vec!["q".into()]),
            ]
        );
    }

    #[test]
    fn numbered_items_make_an_ordered_list_not_a_paragraph() {
        use Marker::Number;
        assert_eq!(
            parse("1. first\n2. second\n   wrapped\n10) tenth"),
            vec![Block::List(vec![
                item(Number(1), 0, "first"),
                item(Number(2), 0, "second wrapped"),
                item(Number(10), 0, "tenth"),
            ])]
        );
        // A list may start at any number when it starts a block.
        assert_eq!(
            parse("3. third\n4. fourth"),
            vec![Block::List(vec![
                item(Number(3), 0, "third"),
                item(Number(4), 0, "fourth"),
            ])]
        );
        // Numbers that only look like markers stay text.
        for text in [
            "2025.Then",
            "1.5 percent",
            "12345678901. too long",
            "v1. x",
            "1.x",
        ] {
            assert_eq!(parse(text), vec![Block::Paragraph(text.into())], "{text}");
        }
    }

    #[test]
    fn running_text_is_interrupted_by_a_list_only_from_one() {
        use Marker::Number;
        assert_eq!(
            parse("Talks resumed in\n2025. Then they stalled."),
            vec![Block::Paragraph(
                "Talks resumed in 2025. Then they stalled.".into()
            )]
        );
        assert_eq!(
            parse("Steps:\n1. ask\n2. wait"),
            vec![
                Block::Paragraph("Steps:".into()),
                Block::List(vec![item(Number(1), 0, "ask"), item(Number(2), 0, "wait")]),
            ]
        );
    }

    #[test]
    fn one_level_of_nesting_under_any_item() {
        use Marker::{Bullet, Number};
        assert_eq!(
            parse(
                "- top\n  - nested\n    more\n      - deeper is still one level\n- next\n\t1. tabbed"
            ),
            vec![Block::List(vec![
                item(Bullet, 0, "top"),
                item(Bullet, 1, "nested more"),
                item(Bullet, 1, "deeper is still one level"),
                item(Bullet, 0, "next"),
                item(Number(1), 1, "tabbed"),
            ])]
        );
        // An indented marker with no list above starts a list at the top level.
        assert_eq!(
            parse("  - alone"),
            vec![Block::List(vec![item(Bullet, 0, "alone")])]
        );
        // One space of indentation is not nesting.
        assert_eq!(
            parse("1. a\n 2. b"),
            vec![Block::List(vec![
                item(Number(1), 0, "a"),
                item(Number(2), 0, "b")
            ])]
        );
    }

    #[test]
    fn tab_stops_count_from_the_displayed_text() {
        // A quote used as a small table: the numbers line up on screen whatever the script,
        // with stops counted after the `> ` marker.
        let blocks = parse("> Oslo\t1\n> 東京\t2\n> Cafe\u{301}\t3\n> 🚀🚀🚀\t4");
        let Block::Quote(lines) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        for line in lines {
            let digit = line.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            assert_eq!(
                crate::text::width(line.get(..digit).unwrap()),
                8,
                "{line:?}"
            );
        }
        assert_eq!(
            parse("- a\tb\n- 日\tc\n\tcontinued\tx"),
            vec![Block::List(vec![
                bullet("a   b"),
                bullet("日  c continued   x")
            ])]
        );
        assert_eq!(
            parse("ab\tc\nde\tf"),
            vec![Block::Paragraph("ab  c de  f".into())]
        );
        assert_eq!(
            parse(">\tcode\n>  \tx"),
            vec![Block::Quote(vec!["    code".into(), "    x".into()])]
        );
    }

    #[test]
    fn empty_body_has_no_blocks() {
        assert!(parse("\n  \n").is_empty());
    }
}
