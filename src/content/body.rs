//! Splits a section body into blocks: paragraphs, bullet lists and quotes (see docs/format.md).

use super::model::Block;

/// Parses sanitised body text into blocks. Blank lines separate blocks; `- ` or `* ` starts a
/// bullet item (indented lines continue it); `>` starts a quote line (kept as a line of its
/// own); anything else is running text whose lines are joined with a space.
pub fn parse(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for raw in body.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        if let Some(item) = bullet_item(line) {
            if let Some(Block::Bullets(items)) = &mut current {
                items.push(item.to_owned());
            } else {
                blocks.extend(current.take());
                current = Some(Block::Bullets(vec![item.to_owned()]));
            }
        } else if let Some(quoted) = quote_line(line) {
            if let Some(Block::Quote(lines)) = &mut current {
                lines.push(quoted.to_owned());
            } else {
                blocks.extend(current.take());
                current = Some(Block::Quote(vec![quoted.to_owned()]));
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
                    current = Some(Block::Paragraph(line.trim().to_owned()));
                }
            }
        }
    }
    blocks.extend(current);
    blocks
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
    text.push_str(line);
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
    fn empty_body_has_no_blocks() {
        assert!(parse("\n  \n").is_empty());
    }
}
