//! Cleaning of untrusted text. Every string that comes from a content, theme or keymap file (and
//! every error message that quotes one) passes through here exactly once, at load, so nothing
//! downstream ever has to wonder whether a string could move the cursor or reorder the screen.

use std::borrow::Cow;

/// Cells between tab stops when tabs are expanded.
pub const TAB_STOP: usize = 4;

/// Cleans multi-line text: newlines survive, everything else that could reach the terminal as a
/// control function becomes visible (C0 as Control Pictures such as `␛`, DEL as `␡`, C1 as `�`),
/// bidi overrides and isolates disappear, CR disappears and tabs become spaces, with stops
/// counted in display cells from the start of each line (see [`expand_tabs`]).
pub fn text(input: &str) -> String {
    let kept = keeping_tabs(input);
    if !kept.contains('\t') {
        return kept;
    }
    let mut out = String::with_capacity(kept.len() + 16);
    for (index, line) in kept.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&expand_tabs(line));
    }
    out
}

/// Like [`text`], but tabs are left in place for a caller that knows where the displayed text
/// starts (a section body, whose `- ` and `> ` markers are not shown as written) and expands
/// them there with [`expand_tabs`]. Nothing else in the result can reach the terminal.
pub fn keeping_tabs(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    // Runs of characters that are kept as they are get copied in one go.
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if !may_change(byte) {
            at += 1;
            continue;
        }
        let Some(ch) = input.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = at + ch.len_utf8();
        let fate = match ch {
            '\n' | '\t' => Fate::Keep,
            '\r' => Fate::Drop,
            _ => fate(ch),
        };
        if matches!(fate, Fate::Keep) {
            at = next;
            continue;
        }
        out.push_str(input.get(run..at).unwrap_or_default());
        if let Fate::Replace(visible) = fate {
            out.push(visible);
        }
        at = next;
        run = next;
    }
    out.push_str(input.get(run..).unwrap_or_default());
    out
}

/// Replaces each tab in one line of cleaned text with spaces up to the next stop, every
/// [`TAB_STOP`] cells counted in display cells from the start of `line` (a wide character counts
/// two, a combining mark none), so a column of values after tabs lines up on screen whatever
/// script precedes it. The caller passes the text as it is displayed: after any marker that is
/// not drawn as written.
pub fn expand_tabs(line: &str) -> Cow<'_, str> {
    if !line.contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0usize;
    for (_, cluster) in crate::text::clusters(line) {
        if cluster == "\t" {
            let pad = TAB_STOP - column % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', pad));
            column += pad;
        } else {
            out.push_str(cluster);
            column += crate::text::grapheme_width(cluster);
        }
    }
    Cow::Owned(out)
}

/// Whether a byte may start a character that [`text`] changes: an ASCII control, or the lead
/// byte of U+0080–U+009F (C1), U+2000–U+2FFF (bidi controls) or U+F000–U+FFFF (byte-order
/// mark, interlinear annotations). Anything else is kept as it is.
fn may_change(byte: u8) -> bool {
    byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEF
}

/// Cleans a single-line field (title, heading, term, id…): like [`text`], then every run of
/// whitespace, newlines included, folds to one space and the ends are trimmed.
pub fn line(input: &str) -> String {
    let cleaned = text(input);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What happens to one character.
enum Fate {
    Keep,
    Drop,
    Replace(char),
}

fn fate(ch: char) -> Fate {
    let code = u32::from(ch);
    match code {
        // C0 controls (newline, tab and CR are handled by the caller): Control Pictures.
        0x00..=0x1F => char::from_u32(0x2400 + code).map_or(Fate::Drop, Fate::Replace),
        0x7F => Fate::Replace('\u{2421}'),
        // C1 controls, including the single-byte CSI U+009B.
        0x80..=0x9F => Fate::Replace('\u{FFFD}'),
        // Bidi embeddings, overrides and isolates would reorder what follows on screen; a
        // byte-order mark and interlinear annotation marks are invisible format controls.
        0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF | 0xFFF9..=0xFFFB => Fate::Drop,
        _ => Fate::Keep,
    }
}

/// True when `s` holds nothing that [`text`] would change (used by tests and debug checks).
pub fn is_clean(s: &str) -> bool {
    s.chars()
        .all(|c| c == '\n' || (c != '\t' && c != '\r' && matches!(fate(c), Fate::Keep)))
}

#[cfg(test)]
#[allow(clippy::string_slice)] // Tests slice at offsets found in the same string.
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(text("a\x1b[31mred"), "a\u{241b}[31mred");
        assert_eq!(text("bell\x07"), "bell\u{2407}");
        assert_eq!(text("nul\0"), "nul\u{2400}");
        assert_eq!(text("del\x7f"), "del\u{2421}");
        assert_eq!(text("csi\u{9b}31m"), "csi\u{fffd}31m");
    }

    #[test]
    fn bidi_controls_and_cr_vanish() {
        assert_eq!(text("a\u{202e}b\u{2066}c\u{2069}"), "abc");
        assert_eq!(text("one\r\ntwo"), "one\ntwo");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(text("\tx"), "    x");
        assert_eq!(text("ab\tx"), "ab  x");
        assert_eq!(text("abcd\tx\n\ty"), "abcd    x\n    y");
    }

    #[test]
    fn tab_stops_count_display_cells() {
        // A decomposed é takes one cell, an ideograph two: the values still line up.
        let rows = ["Oslo\t1", "東京\t2", "Cafe\u{301}\t3", "🚀\t4", "ab東\t5"];
        let columns: Vec<usize> = rows
            .iter()
            .map(|row| {
                let expanded = expand_tabs(row);
                let digit = expanded.find(|c: char| c.is_ascii_digit()).unwrap();
                crate::text::width(&expanded[..digit])
            })
            .collect();
        assert_eq!(columns, vec![8, 8, 8, 4, 8]);
        assert_eq!(expand_tabs("no tabs"), "no tabs");
        assert_eq!(text("東\tx\n\u{301}\ty"), "東  x\n\u{301}    y");
    }

    #[test]
    fn tabs_are_kept_only_when_asked() {
        assert_eq!(keeping_tabs("a\tb\x1b\r"), "a\tb\u{241b}");
        assert!(!is_clean(&keeping_tabs("a\tb")));
    }

    #[test]
    fn single_line_fields_fold_whitespace() {
        assert_eq!(line("  two\n lines\t here "), "two lines here");
    }

    /// The character-by-character definition the fast path must agree with.
    fn text_by_chars(input: &str) -> String {
        let mut out = String::new();
        for ch in input.chars() {
            match ch {
                '\n' | '\t' => out.push(ch),
                '\r' => {}
                _ => match fate(ch) {
                    Fate::Keep => out.push(ch),
                    Fate::Replace(visible) => out.push(visible),
                    Fate::Drop => {}
                },
            }
        }
        out
    }

    #[test]
    fn fast_path_agrees_with_the_definition() {
        let pieces = [
            "a",
            "é",
            "\t",
            "\n",
            "\r",
            "\x1b",
            "\u{9b}",
            "\u{85}",
            "\u{a0}",
            "\u{202e}",
            "\u{2069}",
            "\u{2014}",
            "’",
            "\u{feff}",
            "\u{fffa}",
            "\u{fffd}",
            "日",
            "🚀",
            "\x7f",
            "\u{2400}",
            "\u{e9}\u{301}",
            " ",
        ];
        let mut seed = 1u64;
        for _ in 0..4000 {
            let mut input = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let pick = usize::try_from(seed >> 33).unwrap_or(0) % pieces.len();
                input.push_str(pieces[pick]);
            }
            assert_eq!(keeping_tabs(&input), text_by_chars(&input), "{input:?}");
            assert!(is_clean(&text(&input)), "{input:?}");
        }
    }

    #[test]
    fn cleaned_text_is_clean() {
        let nasty = "\x1b]0;title\x07\u{9d}52;c;aGk=\x1b\\\r\t\u{202d}";
        assert!(!is_clean(nasty));
        assert!(is_clean(&text(nasty)));
        assert!(is_clean(&line(nasty)));
    }
}
