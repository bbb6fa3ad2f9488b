//! Contrast of every foreground/background pair the reader draws, in every built-in theme at
//! every colour depth. Screens are rendered in many states (lists focused and not, a takeaway
//! selected and its section marked, search matches, the watchlist, overlays) and every drawn
//! cell is measured, so no combination the renderer makes is missed.
//!
//! The rule (WCAG 2.x contrast ratio): text at least 4.5:1, borders and marks at least 3:1.
//! Colours are measured as a reference terminal shows them: the 16 ANSI colours with xterm's
//! default values, the 256-colour cube and grey ramp as xterm defines them, and the terminal's
//! own background and foreground (which themes leave unset) as black and xterm's light grey for
//! the dark themes, white and black for `light`.

#[path = "support/harness.rs"]
mod harness;

use brief::app::{App, Msg};
use brief::settings::keymap::Keymap;
use brief::settings::theme::{self, ColorDepth, Role, Theme};
use harness::Harness;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const TEXT: f64 = 4.5;
const MARKS: f64 = 3.0;

/// The terminal's own (foreground, background) that a theme draws over.
fn terminal_defaults(theme: &str) -> ((u8, u8, u8), (u8, u8, u8)) {
    if theme == "light" {
        ((0, 0, 0), (255, 255, 255))
    } else {
        ((229, 229, 229), (0, 0, 0))
    }
}

fn is_mark(symbol: &str) -> bool {
    symbol.chars().all(|c| {
        ('\u{2500}'..='\u{259f}').contains(&c)
            || matches!(c, '▸' | '›' | '→' | '↑' | '↓' | '•' | '·')
    })
}

/// A library with the bundled briefings and one file that fails (for the diagnostics list).
fn app(theme: Theme) -> App {
    let mut library =
        brief::library::load_paths(&["content".into()], brief::library::LoadOptions::default());
    library.push(Err(brief::library::LoadFailure {
        origin: "broken.toml".into(),
        diagnostics: Vec::new(),
    }));
    let mut app = App::new(library, theme, Keymap::default())
        .with_watchlist(vec!["Reuters".into(), "Damascus".into()]);
    app.update(Msg::Resize(120, 40));
    app
}

/// Key sequences that reach every state a row or cell can be in.
const STATES: &[&str] = &[
    "",
    "1",
    "2 shift-tab k",
    "5",
    "tab",
    "tab tab",
    "tab tab tab j",
    "shift-tab",
    "/ ! search",
    "T j",
    "?",
    "!",
];

/// Every cell of every state whose contrast is below the rule, described.
fn failures(name: &str, depth: ColorDepth) -> Vec<String> {
    let theme = theme::built_in(name)
        .expect("a built-in theme")
        .adapted(depth);
    let (terminal_text, terminal_page) = terminal_defaults(name);
    let mut found = Vec::new();
    for &keys in STATES {
        for width in [120, 80] {
            let mut h = Harness {
                app: app(theme.clone()),
            };
            h.app.update(Msg::Resize(width, 40));
            if let Some(rest) = keys.strip_prefix("/ ! ") {
                // A search with matches on screen (the current one and others).
                h.press("/").type_text(rest).press("enter").press("n");
            } else {
                h.press(keys);
            }
            let buf: Buffer = h.buffer();
            for (i, cell) in buf.content.iter().enumerate() {
                let symbol = cell.symbol();
                if symbol.trim().is_empty() {
                    continue;
                }
                let resolve = |color: Color, default| theme::rgb(color).unwrap_or(default);
                let mut fg = resolve(cell.fg, terminal_text);
                let mut bg = resolve(cell.bg, terminal_page);
                if cell.modifier.contains(Modifier::REVERSED) {
                    std::mem::swap(&mut fg, &mut bg);
                }
                let need = if is_mark(symbol) { MARKS } else { TEXT };
                let have = theme::contrast(fg, bg);
                if have < need {
                    let (x, y) = buf.pos_of(i);
                    let line = format!(
                        "{name} {depth:?} {width} wide after {keys:?}: {symbol:?} at {x},{y} is {:?} on {:?} ({have:.2}:1)",
                        cell.fg, cell.bg
                    );
                    found.push(line);
                }
            }
        }
    }
    found
}

#[test]
fn every_drawn_pair_meets_the_contrast_rule() {
    let mut all = Vec::new();
    for name in theme::built_in_names() {
        for depth in [
            ColorDepth::TrueColor,
            ColorDepth::Ansi256,
            ColorDepth::Ansi16,
        ] {
            all.extend(failures(name, depth));
        }
    }
    // One line per distinct pair keeps the report readable.
    let mut pairs: Vec<String> = all
        .iter()
        .map(|l| {
            let (head, tail) = l.split_once(" at ").unwrap();
            let pair = tail.split_once(" is ").unwrap().1;
            format!("{head} … {pair}")
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    assert!(
        pairs.is_empty(),
        "{} cells below the rule:\n{}",
        all.len(),
        pairs.join("\n")
    );
}

#[test]
fn selection_current_row_and_plain_rows_look_different() {
    for name in theme::built_in_names() {
        for depth in [
            ColorDepth::TrueColor,
            ColorDepth::Ansi256,
            ColorDepth::Ansi16,
        ] {
            let theme = theme::built_in(name)
                .expect("a built-in theme")
                .adapted(depth);
            let look = |role: Role| {
                let s = theme.style(role);
                (s.fg, s.bg, s.add_modifier)
            };
            let states = [
                ("selection", look(Role::Selection)),
                ("selection_inactive", look(Role::SelectionInactive)),
                ("text", look(Role::Text)),
                ("heading_marked", look(Role::HeadingMarked)),
            ];
            for (i, (a, sa)) in states.iter().enumerate() {
                for (b, sb) in states.iter().skip(i + 1) {
                    assert_ne!(sa, sb, "{name} {depth:?}: {a} looks like {b}");
                }
            }
        }
    }
}

#[test]
fn the_unfocused_outlines_current_row_is_readable() {
    // The case that started this: dark theme, a takeaway chosen, the outline not focused.
    for depth in [
        ColorDepth::TrueColor,
        ColorDepth::Ansi256,
        ColorDepth::Ansi16,
    ] {
        let theme = Theme::default().adapted(depth);
        let mut h = Harness { app: app(theme) };
        h.press("1");
        let screen = h.screen();
        let outline = h.app.panes().outline.unwrap();
        let buf = h.buffer();
        let (fg_default, bg_default) = terminal_defaults("dark");
        for y in outline.y + 1..outline.bottom() - 1 {
            for x in outline.x + 2..outline.right() - 1 {
                let cell = &buf[(x, y)];
                if cell.symbol().trim().is_empty() {
                    continue;
                }
                let fg = theme::rgb(cell.fg).unwrap_or(fg_default);
                let bg = theme::rgb(cell.bg).unwrap_or(bg_default);
                assert!(
                    theme::contrast(fg, bg) >= TEXT,
                    "{depth:?} {x},{y}\n{screen}"
                );
            }
        }
    }
}
