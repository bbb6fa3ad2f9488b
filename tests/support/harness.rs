//! A small fluent harness: load briefings, size the screen, press keys, read the screen.

#![allow(dead_code)]

use brief::app::input::message_for;
use brief::app::{App, Msg};
use brief::content;
use brief::library::{self, Library};
use brief::settings::keymap::{Key, Keymap};
use brief::settings::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct Harness {
    pub app: App,
}

impl Harness {
    /// The briefings bundled in content/, opened at 80×24.
    pub fn bundled() -> Self {
        Self::with_library(library::load_paths(
            &["content".into()],
            library::LoadOptions::default(),
        ))
    }

    /// One briefing given as TOML text.
    pub fn from_toml(text: &str) -> Self {
        let mut library = Library::default();
        library.push(
            content::parse("fixture.toml", text).map_err(|d| library::LoadFailure {
                origin: "fixture.toml".into(),
                diagnostics: d,
            }),
        );
        Self::with_library(library)
    }

    pub fn with_library(library: Library) -> Self {
        let mut app = App::new(library, Theme::default(), Keymap::default());
        app.update(Msg::Resize(80, 24));
        Self { app }
    }

    /// The app changed by `change` (a builder such as `with_preferences`).
    pub fn with(mut self, change: impl FnOnce(App) -> App) -> Self {
        let app = std::mem::replace(
            &mut self.app,
            App::new(Library::default(), Theme::default(), Keymap::default()),
        );
        self.app = change(app);
        self
    }

    pub fn size(mut self, width: u16, height: u16) -> Self {
        self.app.update(Msg::Resize(width, height));
        self
    }

    /// Presses keys written as in keys files, separated by spaces: `"j j ctrl-d G"`.
    pub fn press(&mut self, keys: &str) -> &mut Self {
        for name in keys.split(' ').filter(|k| !k.is_empty()) {
            let key = Key::parse(name).expect("a key name as in keys files");
            self.event(&Event::Key(KeyEvent::new(key.code, key.modifiers)));
        }
        self
    }

    /// Types text character by character (for the search prompt).
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.event(&Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        self
    }

    /// One event, as a driver handles it: its message, then a search across the library it
    /// asked for, run here at once (a driver runs it on a worker and sends the answer).
    pub fn event(&mut self, event: &Event) -> bool {
        let changed = match message_for(event, &self.app) {
            Some(msg) => self.app.update(msg),
            None => false,
        };
        if let Some(work) = self.app.take_work() {
            let never = std::sync::atomic::AtomicBool::new(false);
            let library = std::sync::Arc::clone(&self.app.library);
            if let Some(answer) = work.run(&library, &never) {
                return self.app.update(answer) || changed;
            }
        }
        changed
    }

    pub fn buffer(&self) -> Buffer {
        let mut buf = Buffer::empty(self.app.area);
        (&self.app).render(self.app.area, &mut buf);
        buf
    }

    /// The status line's message, if any ("" without one).
    pub fn message(&self) -> &str {
        self.app.view.message.as_deref().unwrap_or_default()
    }

    /// The screen as text, one line per row, trailing spaces kept so widths show.
    pub fn screen(&self) -> String {
        screen_text(&self.buffer())
    }
}

pub fn screen_text(buf: &Buffer) -> String {
    let area: Rect = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = brief::text::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}
