//! Shared pieces: hostile payloads, briefing fixtures built around them, rendering through the
//! real crossterm backend, and the terminal-byte checker that every escape test relies on.

use std::fmt::Write as _;
use std::path::Path;

use brief::app::{App, Msg};
use brief::content::parse;
use brief::library::{Library, LoadFailure};
use brief::settings::keymap::Keymap;
use brief::settings::theme::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Every kind of control that could move the cursor, retitle the window, write the clipboard,
/// plant a link, query the terminal or reorder text, plus the raw C1 bytes that some terminals
/// obey on their own.
pub const NASTY: &str = concat!(
    "A\u{1b}[31mred\u{1b}[0m\u{1b}[2J\u{1b}[H\u{1b}[10;10H\u{1b}[K",
    " \u{1b}]0;pwned title\u{7} \u{1b}]2;other title\u{1b}\\",
    " \u{1b}]52;c;ZWNobyBwd25lZA==\u{7}",
    " \u{1b}]8;;https://example.invalid/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    " \u{1b}P+q544e\u{1b}\\ \u{1b}_apc\u{1b}\\ \u{1b}^pm\u{1b}\\ \u{1b}Xsos\u{1b}\\",
    " bell\u{7} c1\u{80}\u{84}\u{85}\u{8d}\u{8e}\u{8f}\u{90}\u{96}\u{98}\u{9b}31m\u{9c}\u{9d}0;x\u{9c}\u{9e}\u{9f}",
    " del\u{7f} bidi\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}",
    " nul\u{0} cr\r over tab\tend \u{1b}7\u{1b}8\u{1b}c\u{1b}[6n\u{1b}[?1049l\u{1b}[?25h\u{e}\u{f}\u{8}\u{b}\u{c} Z",
);

/// `s` as a TOML basic string: quotes, backslashes and C0/DEL escaped, everything else raw
/// (raw C1 characters are legal TOML and must reach the loader as they are).
pub fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The string fields of a briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Dateline,
    Source,
    Author,
    Tag,
    Summary,
    CategoryName,
    Term,
    SectionId,
    Heading,
    Body,
    Takeaway,
}

impl Field {
    pub const ALL: [Self; 12] = [
        Self::Title,
        Self::Dateline,
        Self::Source,
        Self::Author,
        Self::Tag,
        Self::Summary,
        Self::CategoryName,
        Self::Term,
        Self::SectionId,
        Self::Heading,
        Self::Body,
        Self::Takeaway,
    ];
}

/// A full briefing with `value` in every field of `fields` and harmless text elsewhere.
pub fn briefing_toml(value: &str, fields: &[Field]) -> String {
    let pick = |field: Field, plain: &str| {
        if fields.contains(&field) {
            toml_str(value)
        } else {
            toml_str(plain)
        }
    };
    let id = pick(Field::SectionId, "first");
    let term = pick(Field::Term, "Syria");
    let body_text = if fields.contains(&Field::Body) {
        format!("{value} Syria\n\n- {value}\n- item two\n  continued {value}\n\n> {value}\n\nafter")
    } else {
        "Syria joined the coalition.\n\n- one\n- two\n\n> quoted".to_owned()
    };
    let term_text = if fields.contains(&Field::Term) {
        format!(" and {value} here")
    } else {
        String::new()
    };
    format!(
        "format = 1\n[briefing]\ntitle = {title}\ndateline = {dateline}\ndate = 2025-11-10\nsource = {source}\n\
         authors = [{author}, \"Plain Author\"]\ntags = [{tag}, \"plain\"]\nsummary = {summary}\n\
         [keywords]\n{category} = [{term}, \"Syria\"]\n\
         [[sections]]\nid = {id}\nheading = {heading}\nbody = {body}\n\
         [[sections]]\nheading = \"Second\"\nbody = {second}\n\
         [[takeaways]]\ntext = {takeaway}\nsection = {id}\n\
         [[takeaways]]\ntext = \"Plain takeaway\"\n",
        title = pick(Field::Title, "Plain title"),
        dateline = pick(Field::Dateline, "Washington"),
        source = pick(Field::Source, "Wire"),
        author = pick(Field::Author, "A. Writer"),
        tag = pick(Field::Tag, "tag"),
        summary = pick(Field::Summary, "A summary."),
        category = pick(Field::CategoryName, "places"),
        heading = pick(Field::Heading, "First heading"),
        body = toml_str(&body_text),
        second = toml_str(&format!("Second section text{term_text}.")),
        takeaway = pick(Field::Takeaway, "The takeaway"),
    )
}

/// A theme file with `value` in its name, description and a keyword category.
pub fn theme_toml(value: &str) -> String {
    format!(
        "name = {v}\ndescription = {v}\n[styles]\nheading = {{ fg = \"red\", bold = true }}\n[keywords]\n{v} = {{ fg = \"#ff00ff\" }}\nplaces = {{ underline = true }}\n",
        v = toml_str(value)
    )
}

/// A library holding one parsed briefing (panics with the diagnostics if it fails).
pub fn library_of(source: &str) -> Library {
    let mut library = Library::default();
    library.push(Ok(
        parse("hostile.toml", source).unwrap_or_else(|d| panic!("{d:?}"))
    ));
    library
}

/// A library with a failure whose origin and messages quote hostile text.
pub fn add_failure(library: &mut Library, origin: &str, source: &str) {
    let origin = brief::library::display_path(Path::new(origin));
    let diagnostics = parse(&origin, source).expect_err("fixture must fail");
    library.push(Err(LoadFailure {
        origin,
        diagnostics,
    }));
}

/// The reader over `library` with the given theme and keys.
pub fn app(library: Library, theme: Theme, keymap: Keymap) -> App {
    App::new(library, theme, keymap)
}

/// Feeds key presses (as typed) through the real input translation.
pub fn press(app: &mut App, keys: &str) {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(msg) = brief::app::input::message_for(&event, app) {
            app.update(msg);
        }
    }
}

/// Draws `app` at `width`×`height` through the real crossterm backend into bytes: a first
/// frame, then one after a scroll (which exercises the diffing path). A fixed viewport means
/// nothing asks a real terminal for its size or cursor.
pub fn render_bytes(app: &mut App, width: u16, height: u16) -> Vec<u8> {
    render_frames(app, width, height, 2)
}

/// Like [`render_bytes`] with `frames` frames, scrolling down a line between them.
pub fn render_frames(app: &mut App, width: u16, height: u16, frames: usize) -> Vec<u8> {
    app.update(Msg::Resize(width, height));
    let sink = Sink::default();
    let backend = CrosstermBackend::new(sink.clone());
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    for frame in 0..frames {
        if frame > 0 {
            app.update(Msg::Action(brief::settings::keymap::Action::ScrollDown));
        }
        terminal
            .draw(|f| f.render_widget(&*app, f.area()))
            .expect("draw");
    }
    drop(terminal);
    sink.0.take()
}

/// Like [`render_frames`] through the reader's own backend (the one the terminal loop uses),
/// with a scroll hint between frames so its scrolling-region path runs too.
pub fn render_wire(app: &mut App, width: u16, height: u16, frames: usize) -> Vec<u8> {
    use brief::term::backend::{ScrollHint, WireBackend, WireOptions};
    use ratatui::layout::Size;
    app.update(Msg::Resize(width, height));
    let sink = Sink::default();
    let backend = WireBackend::sized(
        sink.clone(),
        Size::new(width, height),
        WireOptions::default(),
    );
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    for frame in 0..frames {
        if frame > 0 {
            app.update(Msg::Action(brief::settings::keymap::Action::ScrollDown));
            let hint = ScrollHint {
                top: 1,
                bottom: height.saturating_sub(2),
                delta: 1,
                columns: None,
            };
            terminal.backend_mut().hint_scroll(hint);
        }
        terminal
            .draw(|f| f.render_widget(&*app, f.area()))
            .expect("draw");
    }
    drop(terminal);
    sink.0.take()
}

/// A writer whose bytes stay readable after the backend that owns a clone is gone.
#[derive(Debug, Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The sentinel written around a widget's area to catch writes outside it.
pub const SENTINEL: &str = "\u{2591}";

/// Renders `app` into `area` of a buffer with a 3-cell margin of sentinels on every side, and
/// returns the cells outside `area` that were touched.
pub fn writes_outside(app: &App, width: u16, height: u16) -> Vec<(u16, u16)> {
    let area = Rect::new(3, 3, width, height);
    let outer = Rect::new(0, 0, width + 6, height + 6);
    let mut buf = Buffer::filled(outer, Cell::new(SENTINEL));
    app.render(area, &mut buf);
    let mut touched = Vec::new();
    for y in outer.top()..outer.bottom() {
        for x in outer.left()..outer.right() {
            let inside = area.contains((x, y).into());
            if !inside && buf[(x, y)] != Cell::new(SENTINEL) {
                touched.push((x, y));
            }
        }
    }
    touched
}

/// What the terminal parser saw.
#[derive(Debug, Default)]
struct Seen {
    problems: Vec<String>,
    /// A whole session (alternate screen, a drawing backend that may scroll and use carriage
    /// returns) rather than one frame from ratatui's crossterm backend.
    session: bool,
}

impl vte::Perform for Seen {
    fn print(&mut self, c: char) {
        if is_dangerous_char(c) {
            self.problems.push(format!(
                "printed control-like character U+{:04X}",
                u32::from(c)
            ));
        }
    }

    fn execute(&mut self, byte: u8) {
        // Only the line feed of plain output is allowed; the renderer positions with CSI H. A
        // session's backend may also use carriage return and backspace to move.
        let allowed = byte == b'\n' || (self.session && matches!(byte, b'\r' | 0x08));
        if !allowed {
            self.problems
                .push(format!("C0/C1 control 0x{byte:02X} executed"));
        }
    }

    fn hook(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
        self.problems.push(format!("DCS string ({action})"));
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        let first = params
            .first()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        self.problems.push(format!("OSC {first:?}"));
    }

    fn csi_dispatch(
        &mut self,
        params: &vte::Params,
        intermediates: &[u8],
        ignore: bool,
        action: char,
    ) {
        let params: Vec<u16> = params.iter().flat_map(|p| p.iter().copied()).collect();
        let ok = !ignore
            && match (action, intermediates) {
                // Cursor position, and SGR (colours and attributes).
                ('H' | 'm', []) => true,
                // Show/hide the cursor, the alternate screen, mouse reporting modes, bracketed
                // paste, autowrap and left/right margin mode.
                ('h' | 'l', [b'?']) => params.iter().all(|p| {
                    matches!(
                        p,
                        7 | 25 | 69 | 1049 | 1000 | 1002 | 1003 | 1006 | 1015 | 2004
                    )
                }),
                // brief's one question, sent after the first frame: has the terminal left/right
                // margins (DECRQM ?69)? Its answer is read as a reply, never as a key.
                ('p', [b'?', b'$']) => params == [69],
                // Full clear (after a resize).
                ('J', []) => params == [2] || self.session,
                // Cursor moves, erases, insert/delete and scroll regions a drawing backend may
                // use. Never reports (n, c), window operations (t) or anything that answers.
                (
                    'A' | 'B' | 'C' | 'D' | 'G' | 'd' | 'K' | 'X' | 'r' | 's' | 'S' | 'T' | 'L'
                    | 'M' | '@' | 'P',
                    [],
                ) if self.session => true,
                _ => false,
            };
        if !ok {
            let inter = String::from_utf8_lossy(intermediates);
            self.problems
                .push(format!("unexpected CSI {inter}{params:?} {action}"));
        }
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _: bool, byte: u8) {
        self.problems
            .push(format!("ESC {intermediates:?} {:?}", char::from(byte)));
    }
}

/// Characters that must never reach a terminal as themselves: C0 (other than LF), DEL, C1,
/// and bidi embeddings, overrides and isolates.
pub fn is_dangerous_char(c: char) -> bool {
    let code = u32::from(c);
    (code < 0x20 && c != '\n')
        || (0x7F..=0x9F).contains(&code)
        || (0x202A..=0x202E).contains(&code)
        || (0x2066..=0x2069).contains(&code)
}

/// Checks bytes written to a terminal: valid UTF-8, every ESC starts a CSI the renderer itself
/// uses, no OSC/DCS/APC/PM/SOS, no C0 but LF, no C1, no bidi controls. `Err` lists problems.
pub fn terminal_bytes_problems(bytes: &[u8]) -> Vec<String> {
    problems(bytes, false)
}

/// Like [`terminal_bytes_problems`] for everything a whole session wrote: cursor movement,
/// scrolling and erasing sequences are allowed too, but still nothing that sets a title, a
/// clipboard, a link, or makes the terminal answer.
pub fn session_bytes_problems(bytes: &[u8]) -> Vec<String> {
    problems(bytes, true)
}

fn problems(bytes: &[u8], session: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => return vec![format!("not UTF-8: {err}")],
    };
    for (at, c) in text.char_indices() {
        if c == '\u{1b}' {
            // vte silently swallows SOS/PM/APC strings, so check the introducer byte directly.
            if text.as_bytes().get(at + 1) != Some(&b'[') {
                problems.push(format!("ESC not followed by [ at byte {at}"));
            }
        } else if is_dangerous_char(c) && !(session && matches!(c, '\r' | '\u{8}')) {
            problems.push(format!("U+{:04X} at byte {at}", u32::from(c)));
        }
    }
    let mut seen = Seen {
        problems: Vec::new(),
        session,
    };
    vte::Parser::new().advance(&mut seen, bytes);
    problems.extend(seen.problems);
    problems
}

/// Asserts [`terminal_bytes_problems`] is empty, showing the context of the output.
#[track_caller]
pub fn assert_clean_terminal_bytes(bytes: &[u8], what: &str) {
    let problems = terminal_bytes_problems(bytes);
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s), first: {:?}\noutput (escaped, first 2000 bytes): {}",
        problems.len(),
        &problems[..problems.len().min(8)],
        String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]).escape_debug()
    );
}
