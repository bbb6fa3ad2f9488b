//! Finds the cause of a TOML syntax error where the parser only sees its symptom.
//!
//! A `"""` string that is never closed swallows the rest of the file, so the parser reports the
//! end of the file; an array whose `]` is missing is reported at whatever line comes next. The
//! writer needs the place where the construct opens. [`unclosed`] is a small lexer over the
//! source (strings, comments, brackets; nothing else of TOML) that finds the first construct
//! left open, and [`date_hint`] recognises a value that was meant as a date, so the message can
//! show the form TOML expects (`2026-11-20`).
//!
//! Both run only after the real parser (`toml`) has failed, and only add to its verdict: a
//! file they misjudge still fails to load, with the parser's own message beside theirs.

use std::ops::Range;

/// A construct opened at `at` (a byte offset) and never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// Byte offset of the opening delimiter.
    pub at: usize,
    /// What is left open, as a message fragment (e.g. "this `\"\"\"` string is never closed").
    pub message: &'static str,
}

/// The first construct in `source` that is opened and never closed: a multi-line string
/// (`"""`, `'''`) running to the end of the file, a one-line string (`"`, `'`) running to the
/// end of its line, a table header without its `]`, or an array or inline table (`[`, `{`)
/// still open at the end of the file (the outermost one is named). `None` when every
/// construct closes.
// Over 40 lines as one function: one scan over the text with its quote, bracket and comment state:
// split, each part would need the whole state.
pub fn unclosed(source: &str) -> Option<Unclosed> {
    let bytes = source.as_bytes();
    let mut i = 0;
    // Openings of arrays and inline tables not yet closed, outermost first.
    let mut open: Vec<(usize, u8)> = Vec::new();
    // At the start of a line, where `[` opens a table header rather than an array.
    let mut line_start = true;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                i = end_of_line(bytes, i);
                continue;
            }
            _ => {}
        }
        let at_line_start = std::mem::replace(&mut line_start, false);
        if bytes[i..].starts_with(b"\"\"\"") || bytes[i..].starts_with(b"'''") {
            let quote = b;
            match multiline_end(bytes, i + 3, quote) {
                Some(end) => i = end,
                None => {
                    return Some(Unclosed {
                        at: i,
                        message: if quote == b'"' {
                            "this `\"\"\"` string is never closed: it runs to the end of the file (end it with `\"\"\"`)"
                        } else {
                            "this `'''` string is never closed: it runs to the end of the file (end it with `'''`)"
                        },
                    });
                }
            }
            continue;
        }
        match b {
            b'"' | b'\'' => match line_string_end(bytes, i + 1, b) {
                Some(end) => i = end,
                None => {
                    return Some(Unclosed {
                        at: i,
                        message: "this string is not closed on its line (a one-line string ends with the quote it starts with; use `\"\"\"` for text over several lines)",
                    });
                }
            },
            b'[' if at_line_start && open.is_empty() => {
                let header_end = header_end(bytes, i);
                match header_end {
                    Some(end) => i = end,
                    None => {
                        return Some(Unclosed {
                            at: i,
                            message: "this table header is not closed with `]` on its line",
                        });
                    }
                }
            }
            b'[' | b'{' => {
                open.push((i, b));
                i += 1;
            }
            b']' | b'}' => {
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    open.first().map(|&(at, b)| Unclosed {
        at,
        message: if b == b'[' {
            "this `[` is never closed: the array runs to the end of the file"
        } else {
            "this `{` is never closed: the inline table runs to the end of the file"
        },
    })
}

fn end_of_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// Just past the `"""`/`'''` closing a multi-line string whose text starts at `from` (up to two
/// quotes right before the closing three belong to the text, as TOML says).
fn multiline_end(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' && quote == b'"' {
            i += 2;
            continue;
        }
        if b == quote && bytes[i..].starts_with(&[quote; 3]) {
            let mut end = i + 3;
            while end < i + 5 && bytes.get(end) == Some(&quote) {
                end += 1;
            }
            return Some(end);
        }
        i += 1;
    }
    None
}

/// Just past the quote closing a one-line string whose text starts at `from`; `None` when the
/// line (or the file) ends first.
fn line_string_end(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => return None,
            b'\\' if quote == b'"' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    return None;
                }
                i += 2;
            }
            _ if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Just past the `]` (or `]]`) closing a table header that opens at `from`, skipping quoted
/// keys; `None` when the line ends first.
fn header_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' | b'#' => return None,
            b'"' | b'\'' => i = line_string_end(bytes, i + 1, b)?,
            b']' => {
                return Some(if bytes.get(i + 1) == Some(&b']') {
                    i + 2
                } else {
                    i + 1
                });
            }
            _ => i += 1,
        }
    }
    None
}

/// The value on the line holding `offset`, if that line is `key = value`: its byte range in
/// `source`, without a trailing comment or surrounding space.
pub fn value_at(source: &str, offset: usize) -> Option<Range<usize>> {
    let offset = offset.min(source.len());
    let start = source.get(..offset)?.rfind('\n').map_or(0, |p| p + 1);
    let end = source
        .get(offset..)?
        .find('\n')
        .map_or(source.len(), |p| offset + p);
    let line = source.get(start..end)?;
    let eq = line.find('=')?;
    let value = line.get(eq + 1..)?;
    let value = value.split(" #").next().unwrap_or(value);
    let trimmed_start = value.len() - value.trim_start().len();
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    let from = start + eq + 1 + trimmed_start;
    Some(from..from + text.len())
}

/// A hint for a value that looks like a date written another way (`20/11/2026`, `2026.11.20`,
/// `"2026-11-20"`): how TOML writes it, unquoted, as `YYYY-MM-DD`, with the date itself when
/// the day and month can be told apart. `None` for anything not date-like.
// Over 40 lines as one function: the date and time forms TOML accepts, checked in one place against
// the text.
pub fn date_hint(value: &str) -> Option<String> {
    let text = value.trim();
    let unquoted = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
        .unwrap_or(text);
    let (day_part, time) = match unquoted.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (unquoted, None),
    };
    let sep = day_part.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = day_part.split(sep).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    let numeric = |part: &str| {
        !part.is_empty() && part.len() <= 4 && part.bytes().all(|d| d.is_ascii_digit())
    };
    if !(numeric(first) && numeric(second) && numeric(third)) {
        return None;
    }
    let number = |part: &str| part.parse::<u32>().unwrap_or(0);
    let (first_n, second_n, third_n) = (number(first), number(second), number(third));
    // (year, month, day), or None when the day and the month cannot be told apart.
    let date = if first.len() == 4 {
        Some((first_n, second_n, third_n))
    } else if third.len() == 4 {
        match (first_n > 12, second_n > 12) {
            (true, false) => Some((third_n, second_n, first_n)),
            (false, true) => Some((third_n, first_n, second_n)),
            _ if first_n == second_n => Some((third_n, first_n, second_n)),
            _ => None,
        }
    } else {
        return None;
    };
    let time = time
        .filter(|t| {
            t.len() == 5
                && t.as_bytes().get(2) == Some(&b':')
                && t.replace(':', "").bytes().all(|d| d.is_ascii_digit())
        })
        .map(|t| format!("T{t}:00"))
        .unwrap_or_default();
    match date {
        Some((year, month, day)) if (1..=12).contains(&month) && (1..=31).contains(&day) => {
            Some(format!(
                "a date is written without quotes, year first: `{year:04}-{month:02}-{day:02}{time}`"
            ))
        }
        Some(_) => None,
        None => Some(
            "a date is written without quotes, year first, as YYYY-MM-DD (e.g. `2026-11-20`); this one could be read with the day or the month first"
                .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opening(source: &str) -> Option<(usize, usize)> {
        let found = unclosed(source)?;
        let before = source.get(..found.at)?;
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
        Some((line, column))
    }

    #[test]
    fn an_unclosed_multiline_string_is_found_where_it_opens() {
        let src = "[briefing]\ntitle = \"T\"\n[[sections]]\nbody = \"\"\"\nText.\n[[sections]]\nheading = \"B\"\n";
        assert_eq!(opening(src), Some((4, 8)));
        assert!(unclosed(src).unwrap().message.contains("\"\"\""));
        let literal = "a = 1\nb = '''\nraw\n";
        assert_eq!(opening(literal), Some((2, 5)));
    }

    #[test]
    fn closed_constructs_are_not_reported() {
        for src in [
            "a = \"\"\"x \\\"\"\" y\"\"\"\nb = 1\n",
            "a = \"\"\"\"quoted\"\"\"\"\n",
            "a = '''it's'''\n",
            "a = \"# not a comment [\"\n",
            "# a comment with \" and [ and '''\nb = 2\n",
            "[a.\"b]c\"]\nx = [1, [2, 3], { y = 4 }]\n",
            "[[sections]]\nlist = [\n  \"a\",\n  \"b\",\n]\n",
            "a = 'C:\\path'\n",
        ] {
            assert_eq!(unclosed(src), None, "{src}");
        }
    }

    #[test]
    fn one_line_strings_headers_and_brackets() {
        assert_eq!(opening("a = 1\nb = \"never\nc = 2\n"), Some((2, 5)));
        assert_eq!(opening("b = 'never\n"), Some((1, 5)));
        assert_eq!(opening("b = \"escaped end\\\"\n"), Some((1, 5)));
        assert_eq!(opening("[briefing\ntitle = \"T\"\n"), Some((1, 1)));
        assert_eq!(
            opening("tags = [\"a\", \"b\"\n[[sections]]\nbody = \"x\"\n"),
            Some((1, 8))
        );
        assert!(
            unclosed("tags = [\"a\"\n")
                .unwrap()
                .message
                .contains("array")
        );
        assert_eq!(opening("k = { a = 1\n"), Some((1, 5)));
    }

    #[test]
    fn date_like_values_get_the_form_toml_expects() {
        let hint = |v| date_hint(v).unwrap_or_default();
        assert!(
            hint("20/11/2026").contains("`2026-11-20`"),
            "{}",
            hint("20/11/2026")
        );
        assert!(hint("11/20/2026").contains("`2026-11-20`"));
        assert!(hint("2026/11/20").contains("`2026-11-20`"));
        assert!(hint("20.11.2026").contains("`2026-11-20`"));
        assert!(hint("\"2026-11-20\"").contains("`2026-11-20`"));
        assert!(hint("'2026-11-20 09:30'").contains("`2026-11-20T09:30:00`"));
        assert!(hint("05/06/2026").contains("day or the month"));
        for not_a_date in [
            "soon",
            "1.5",
            "\"x\"",
            "2026",
            "13/13/2026",
            "1/2/3",
            "a/b/c",
        ] {
            assert_eq!(date_hint(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn the_value_on_a_line_is_found_without_its_comment() {
        let src = "title = \"T\"\ndate = 20/11/2026 # filed\n";
        let at = src.find("20/").unwrap() + 2;
        let range = value_at(src, at).unwrap();
        assert_eq!(src.get(range), Some("20/11/2026"));
        assert_eq!(value_at("[briefing]\n", 3), None);
    }
}
