//! The whole reader on an arbitrary briefing, size and key sequence: loading, layout, every
//! update and every draw must not panic nor draw outside the frame.
#![no_main]

use brief::app::{App, Msg};
use brief::content::Library;
use brief::keymap::{Action, Keymap};
use brief::theme::Theme;
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
