//! The whole reader on an arbitrary briefing, size and key sequence: loading, layout, every
//! update and every draw must not panic nor draw outside the frame, and the bytes the reader's
//! own backend writes must hold no sequence but CSI and no C1 or bidi control.
#![no_main]

use brief::app::{App, Msg};
use brief::library::Library;
use brief::settings::keymap::{Action, Keymap};
use brief::settings::theme::Theme;
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (head, rest) = data.split_at(3);
    let split = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    let Ok(source) = std::str::from_utf8(&rest[..split]) else {
        return;
    };
    let keys = rest.get(split + 1..).unwrap_or_default();
    let Ok(briefing) = brief::content::parse("fuzz.toml", source) else {
        return;
    };
    let mut library = Library::default();
    library.push(Ok(briefing));
    let mut app = App::new(library, Theme::default(), Keymap::default());
    let (w, h) = (u16::from(head[0]), u16::from(head[1] % 80));
    app.update(Msg::Resize(w, h));
    for &k in keys.iter().take(64) {
        let msg = match k {
            0..=199 => Msg::Action(Action::ALL[usize::from(k) % Action::ALL.len()].0),
            200..=219 => Msg::Resize(u16::from(k) * 3 % 260, u16::from(k) % 70),
            220..=239 => Msg::SearchInput(char::from(b'a' + k % 26)),
            _ => Msg::SearchSubmit,
        };
        app.update(msg);
    }
    wire_bytes_are_tame(&mut app);
    let area = Rect::new(2, 2, app.area.width, app.area.height);
    let outer = Rect::new(0, 0, area.width + 4, area.height + 4);
    let mut buf = Buffer::filled(outer, Cell::new("░"));
    (&app).render(area, &mut buf);
    for y in 0..outer.height {
        for x in 0..outer.width {
            if !area.contains((x, y).into()) {
                assert_eq!(buf[(x, y)].symbol(), "░", "drawn outside at {x},{y}");
            }
        }
    }
});

/// Two frames (with a scroll between them) through the backend the terminal loop uses.
fn wire_bytes_are_tame(app: &mut App) {
    use brief::term::backend::{ScrollHint, WireBackend, WireOptions};
    use ratatui::layout::Size;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    let (w, h) = (app.area.width, app.area.height);
    let backend = WireBackend::sized(Vec::new(), Size::new(w, h), WireOptions::default());
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    terminal
        .draw(|f| f.render_widget(&*app, f.area()))
        .expect("draw");
    app.update(Msg::Action(Action::ScrollDown));
    terminal.backend_mut().hint_scroll(ScrollHint {
        top: 1,
        bottom: h.saturating_sub(2),
        delta: 1,
    });
    terminal
        .draw(|f| f.render_widget(&*app, f.area()))
        .expect("draw");
    let bytes = terminal.backend().writer().clone();
    let text = std::str::from_utf8(&bytes).expect("UTF-8 output");
    for (at, c) in text.char_indices() {
        let code = u32::from(c);
        if c == '\u{1b}' {
            assert_eq!(
                text.as_bytes().get(at + 1),
                Some(&b'['),
                "non-CSI escape at {at}"
            );
        } else {
            let control = (code < 0x20 && !matches!(c, '\n' | '\r' | '\u{8}'))
                || (0x7f..=0x9f).contains(&code)
                || (0x202a..=0x202e).contains(&code)
                || (0x2066..=0x2069).contains(&code);
            assert!(!control, "U+{code:04X} written at {at}");
        }
    }
}
