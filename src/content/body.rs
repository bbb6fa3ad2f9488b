//! Splits a section body into blocks: paragraphs, bullet lists and quotes (see docs/format.md).

use std::borrow::Cow;

use super::model::Block;
use crate::sanitize::{TAB_STOP, expand_tabs};

/// Parses sanitised body text into blocks. Blank lines separate blocks; `- ` or `* ` starts a
/// bullet item (indented lines continue it); `>` starts a quote line (kept as a line of its
/// own); anything else is running text whose lines are joined with a space.
///
/// Tabs may still be in `body` (see [`crate::sanitize::keeping_tabs`]): indentation tabs count
/// from the start of the source line, and every other tab is expanded from the start of the
/// text as displayed, after the `- ` or `> ` marker, so the blocks hold no tabs.
pub fn parse(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for source in body.lines() {
        let raw = indentation_expanded(source);
        let raw = raw.as_ref();
        let line = raw.trim_end();
        if line.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        if let Some(item) = bullet_item(line) {
            if let Some(Block::Bullets(items)) = &mut current {
                items.push(expand_tabs(item).into_owned());
            } else {
                blocks.extend(current.take());
                current = Some(Block::Bullets(vec![expand_tabs(item).into_owned()]));
            }
        } else if let Some(quoted) = quote_line(line) {
            if let Some(Block::Quote(lines)) = &mut current {
                lines.push(expand_tabs(quoted).into_owned());
            } else {
                blocks.extend(current.take());
                current = Some(Block::Quote(vec![expand_tabs(quoted).into_owned()]));
            }
        } else {
            match &mut current {
                Some(Block::Paragraph(text)) => join(text, line),
                Some(Block::Bullets(items)) if raw.starts_with(' ') => {
                    if let Some(last) = items.last_mut() {
                        join(last, line);
                    }
                }
                _ => {
                    blocks.extend(current.take());
                    current = Some(Block::Paragraph(expand_tabs(line.trim()).into_owned()));
                }
            }
        }
    }
    blocks.extend(current);
    blocks
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

fn bullet_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))?;
    // Only unindented (or lightly indented) markers start items; deeper ones continue text.
    (line.len() - trimmed.len() < 2).then(|| rest.trim())
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

    #[test]
    fn paragraphs_bullets_and_quotes() {
        let body =
            "First line\nsame paragraph.\n\n- one\n- two\n  continued\n\n> quoted\n> more\n\nLast.";
        assert_eq!(
            parse(body),
            vec![
                Block::Paragraph("First line same paragraph.".into()),
                Block::Bullets(vec!["one".into(), "two continued".into()]),
                Block::Quote(vec!["quoted".into(), "more".into()]),
                Block::Paragraph("Last.".into()),
            ]
        );
    }

    #[test]
    fn adjacent_kinds_split_without_blank_lines() {
        assert_eq!(
            parse("Intro:\n- a\n> q"),
            vec![
                Block::Paragraph("Intro:".into()),
                Block::Bullets(vec!["a".into()]),
                Block::Quote(vec!["q".into()]),
            ]
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
            vec![Block::Bullets(vec![
                "a   b".into(),
                "日  c continued   x".into()
            ])]
        );
        assert_eq!(
            parse("ab\tc\nde\tf"),
            vec![Block::Paragraph("ab  c de  f".into())]
        );
        // Indentation by tab is indentation: a tabbed `- ` continues the item above.
        assert_eq!(
            parse("- a\n\t- b"),
            vec![Block::Bullets(vec!["a - b".into()])]
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
