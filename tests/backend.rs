//! The byte stream of `brief::term::backend::WireBackend`, replayed through a terminal emulator
//! (vt100), must leave exactly ratatui's buffer on screen — cell for cell, text and style —
//! after every frame: with and without scrolling regions, with right and wrong scroll hints.

use std::fmt::Write as _;

use brief::app::{App, Msg};
use brief::library::{self, Library};
use brief::settings::keymap::{Action, Keymap};
use brief::term::backend::{ScrollHint, WireBackend, WireOptions};
use brief::term::session::ArticleSpot;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A terminal drawing into memory, and an emulator fed with every byte it writes.
struct Screen {
    term: Terminal<WireBackend<Vec<u8>>>,
    vt: vt100::Parser,
    frames: usize,
}

impl Screen {
    fn new(width: u16, height: u16, options: WireOptions) -> Self {
        let backend = WireBackend::sized(Vec::new(), Size::new(width, height), options);
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let term = Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        Self {
            term,
            vt: vt100::Parser::new(height, width, 0),
            frames: 0,
        }
    }

    /// Draws `buffer`'s content and returns the bytes written.
    fn draw_buffer(&mut self, buffer: &Buffer, hint: Option<ScrollHint>) -> Vec<u8> {
        if let Some(hint) = hint {
            self.term.backend_mut().hint_scroll(hint);
        }
        self.term
            .draw(|f| {
                let area = f.area();
                f.buffer_mut().merge(buffer);
                let _ = area;
            })
            .expect("draw");
        self.check(buffer)
    }

    fn draw_app(&mut self, app: &App, hint: Option<ScrollHint>) -> Vec<u8> {
        if let Some(hint) = hint {
            self.term.backend_mut().hint_scroll(hint);
        }
        let frame = self
            .term
            .draw(|f| f.render_widget(app, f.area()))
            .expect("draw");
        let expected = frame.buffer.clone();
        self.check(&expected)
    }

    /// Feeds what was written to the emulator and compares every cell.
    #[track_caller]
    fn check(&mut self, expected: &Buffer) -> Vec<u8> {
        let bytes = std::mem::take(self.term.backend_mut().writer_mut());
        self.vt.process(&bytes);
        self.frames += 1;
        let screen = self.vt.screen();
        for y in 0..expected.area.height {
            for x in 0..expected.area.width {
                let want = &expected[(x, y)];
                let got = screen.cell(y, x).expect("cell in range");
                if got.is_wide_continuation() {
                    continue;
                }
                let symbol = if got.contents().is_empty() {
                    " "
                } else {
                    got.contents()
                };
                let context = || {
                    let text = String::from_utf8_lossy(&bytes);
                    let row = format!("\x1b[{}", y + 1);
                    let near = text
                        .find(&row)
                        .map_or("", |at| text.get(at..).unwrap_or(""));
                    format!(
                        "frame {} cell ({x}, {y}) of {:?}: bytes from row {}: {:?}",
                        self.frames,
                        expected.area,
                        y + 1,
                        near.chars().take(600).collect::<String>()
                    )
                };
                assert_eq!(symbol, want.symbol(), "symbol at {}", context());
                let m = want.modifier;
                let (fg, bg) = (vt_color(want.fg), vt_color(want.bg));
                if symbol == " " {
                    // A blank shows only its background (the foreground when inverse). Emulators
                    // differ in what a blank left behind by an overwritten wide character keeps,
                    // ratatui's own backend included, so only what is visible is compared.
                    let shown = if got.inverse() {
                        got.fgcolor()
                    } else {
                        got.bgcolor()
                    };
                    let wanted = if m.contains(Modifier::REVERSED) {
                        fg
                    } else {
                        bg
                    };
                    assert_eq!(shown, wanted, "blank background at {}", context());
                    // Underline and strike-through show on a blank too (vt100 keeps no
                    // strike-through).
                    assert_eq!(
                        got.underline(),
                        m.contains(Modifier::UNDERLINED),
                        "blank underline at {}",
                        context()
                    );
                    continue;
                }
                assert_eq!(got.fgcolor(), fg, "fg at {}", context());
                assert_eq!(got.bgcolor(), bg, "bg at {}", context());
                // vt100 keeps one intensity (bold or dim), so a cell both bold and dim shows as
                // whichever was set last; the escape codes for both are still sent.
                if !m.contains(Modifier::BOLD | Modifier::DIM) {
                    assert_eq!(
                        got.bold(),
                        m.contains(Modifier::BOLD),
                        "bold at {}",
                        context()
                    );
                    assert_eq!(got.dim(), m.contains(Modifier::DIM), "dim at {}", context());
                }
                assert_eq!(
                    got.italic(),
                    m.contains(Modifier::ITALIC),
                    "italic at {}",
                    context()
                );
                assert_eq!(
                    got.underline(),
                    m.contains(Modifier::UNDERLINED),
                    "underline at {}",
                    context()
                );
                assert_eq!(
                    got.inverse(),
                    m.contains(Modifier::REVERSED),
                    "inverse at {}",
                    context()
                );
            }
        }
        bytes
    }
}

fn vt_color(color: Color) -> vt100::Color {
    match color {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

fn app(theme: &str, width: u16, height: u16) -> App {
    let library: Library =
        library::load_paths(&["content".into()], library::LoadOptions::default());
    let theme = brief::settings::theme::load(theme, library::DEFAULT_MAX_FILE_SIZE).expect("theme");
    let mut app = App::new(library, theme, Keymap::default());
    app.update(Msg::Resize(width, height));
    app
}

const WALK: &[Action] = &[
    Action::ScrollDown,
    Action::ScrollDown,
    Action::ScrollUp,
    Action::HalfPageDown,
    Action::PageDown,
    Action::HalfPageUp,
    Action::NextSection,
    Action::NextSection,
    Action::PrevSection,
    Action::Takeaway(2),
    Action::Takeaway(4),
    Action::ToggleTakeaways,
    Action::ScrollDown,
    Action::HalfPageDown,
    Action::ScrollUp,
    Action::Bottom,
    Action::HalfPageUp,
    Action::Top,
    Action::FocusNext,
    Action::ScrollDown,
    Action::FocusPrev,
    Action::ToggleTakeaways,
    Action::Help,
    Action::ScrollDown,
    Action::Close,
    Action::Skim,
    Action::Close,
    Action::ScrollDown,
];

/// Walks the reader through `WALK`, drawing as the terminal loop does; returns the bytes of
/// every step.
fn walk(theme: &str, width: u16, height: u16, options: WireOptions) -> Vec<usize> {
    let mut app = app(theme, width, height);
    let mut screen = Screen::new(width, height, options);
    screen.draw_app(&app, None);
    let mut sizes = Vec::new();
    for action in WALK {
        let spot = ArticleSpot::of(&app);
        app.update(Msg::Action(*action));
        let hint = spot.hint(ArticleSpot::of(&app));
        sizes.push(screen.draw_app(&app, hint).len());
    }
    sizes
}

#[test]
fn reader_frames_replay_exactly_at_every_size_and_theme() {
    for theme in ["dark", "light", "mono"] {
        for (w, h) in [(80, 24), (200, 60), (50, 16), (120, 40)] {
            walk(theme, w, h, WireOptions::default());
            walk(
                theme,
                w,
                h,
                WireOptions {
                    scroll_regions: false,
                    max_reprint: 0,
                    ..WireOptions::default()
                },
            );
        }
    }
}

#[test]
fn scrolling_regions_cut_the_bytes_of_a_one_line_scroll() {
    let with = walk("dark", 200, 60, WireOptions::default());
    let without = walk(
        "dark",
        200,
        60,
        WireOptions {
            scroll_regions: false,
            ..WireOptions::default()
        },
    );
    // The first step is `j` in the article.
    assert!(with[0] < without[0], "{} vs {}", with[0], without[0]);
}

#[test]
fn a_frame_without_changes_writes_nothing() {
    let app = app("dark", 80, 24);
    let mut screen = Screen::new(80, 24, WireOptions::default());
    assert!(!screen.draw_app(&app, None).is_empty());
    assert!(screen.draw_app(&app, None).is_empty());
    // A hint with nothing changed is ignored too.
    let hint = ScrollHint {
        top: 1,
        bottom: 20,
        delta: 1,
        columns: None,
    };
    assert!(screen.draw_app(&app, Some(hint)).is_empty());
}

#[test]
fn scroll_region_is_used_and_reset() {
    let mut app = app("dark", 80, 24);
    app.update(Msg::Action(Action::ToggleTakeaways));
    let mut screen = Screen::new(80, 24, WireOptions::default());
    screen.draw_app(&app, None);
    let spot = ArticleSpot::of(&app);
    app.update(Msg::Action(Action::ScrollDown));
    let hint = spot.hint(ArticleSpot::of(&app));
    assert!(
        hint.is_some(),
        "a one-line scroll of the article gives a hint"
    );
    let bytes = String::from_utf8(screen.draw_app(&app, hint)).expect("utf-8");
    assert!(bytes.contains("\x1b[S"), "{bytes:?}");
    assert!(bytes.contains("\x1b[r"), "margins are reset: {bytes:?}");
    let off = WireOptions {
        scroll_regions: false,
        ..WireOptions::default()
    };
    let mut plain = Screen::new(80, 24, off);
    let mut app2 = self::app("dark", 80, 24);
    app2.update(Msg::Action(Action::ToggleTakeaways));
    plain.draw_app(&app2, None);
    app2.update(Msg::Action(Action::ScrollDown));
    let plain_bytes = String::from_utf8(plain.draw_app(&app2, hint)).expect("utf-8");
    assert!(
        !plain_bytes.contains("\x1b[r"),
        "no scrolling region when turned off"
    );
    assert!(
        bytes.len() < plain_bytes.len(),
        "{} vs {}",
        bytes.len(),
        plain_bytes.len()
    );
}

/// A buffer of random styled text, some rows copied from `base` shifted. Wide characters are
/// left out: when one is half overwritten, emulators disagree about the blank left behind and
/// ratatui's diff (which this backend follows) compares only its symbol, whatever the backend.
fn random_buffer(rng: &mut Rng, area: Rect, base: Option<(&Buffer, i32)>, wide: bool) -> Buffer {
    const NARROW: &[&str] = &[
        "alpha",
        "β",
        "ok",
        " ",
        "—",
        "x",
        "lorem ipsum",
        "┃",
        "’",
        "            ",
    ];
    const WIDE: &[&str] = &["alpha", "日本", "ok", "🚀", "x"];
    const COLORS: &[Color] = &[
        Color::Reset,
        Color::Red,
        Color::LightBlue,
        Color::Indexed(208),
        Color::Rgb(10, 20, 30),
        Color::DarkGray,
    ];
    let words = if wide { WIDE } else { NARROW };
    let mut buf = Buffer::empty(area);
    for y in 0..area.height {
        if let Some((base, delta)) = base {
            let from = i32::from(y) + delta;
            if rng.below(4) != 0 && (0..i32::from(area.height)).contains(&from) {
                let from = u16::try_from(from).expect("in range");
                for x in 0..area.width {
                    buf[(x, y)] = base[(x, from)].clone();
                }
                continue;
            }
        }
        let mut x = 0;
        while x < area.width {
            let style = Style::default()
                .fg(*rng.pick(COLORS))
                .bg(*rng.pick(COLORS))
                .add_modifier(Modifier::from_bits_truncate(
                    u16::try_from(rng.below(1 << 9)).expect("small") & 0b1_1000_1111,
                ));
            let word = rng.pick(words);
            let (next, _) = buf.set_stringn(x, y, word, usize::from(area.width - x), style);
            x = next.max(x + 1) + u16::try_from(rng.below(3)).expect("small");
        }
    }
    buf
}

#[test]
fn random_frames_and_hints_replay_exactly() {
    let mut rng = Rng::new(42);
    let mut scrolled = 0;
    for round in 0..60 {
        let (w, h) = (
            u16::try_from(rng.between(5, 90)).expect("w"),
            u16::try_from(rng.between(3, 30)).expect("h"),
        );
        let area = Rect::new(0, 0, w, h);
        let options = WireOptions {
            scroll_regions: round % 5 != 0,
            ..WireOptions::default()
        };
        let mut screen = Screen::new(w, h, options);
        let mut previous = random_buffer(&mut rng, area, None, false);
        screen.draw_buffer(&previous, None);
        for _ in 0..8 {
            let delta = i32::try_from(rng.below(usize::from(h))).expect("small") - i32::from(h / 2);
            let next = random_buffer(&mut rng, area, Some((&previous, delta)), false);
            let top = u16::try_from(rng.below(usize::from(h))).expect("small");
            let bottom =
                u16::try_from(rng.between(usize::from(top), usize::from(h))).expect("small");
            // Right, wrong and out-of-range hints alike must leave the right screen.
            let hint = match rng.below(3) {
                0 => None,
                1 => Some(ScrollHint {
                    top,
                    bottom,
                    delta,
                    columns: None,
                }),
                _ => Some(ScrollHint {
                    top,
                    bottom: bottom + 2,
                    delta: -delta + 1,
                    columns: None,
                }),
            };
            let bytes = screen.draw_buffer(&next, hint);
            scrolled += usize::from(bytes.windows(3).any(|w| w == b"\x1b[r"));
            previous = next;
        }
    }
    assert!(
        scrolled > 20,
        "the scrolling region was used {scrolled} times"
    );
}

/// A session hands each frame to [`WireBackend::present`], whose model of the screen stands for
/// ratatui's previous buffer: it must write, frame after frame, the very bytes a ratatui
/// `Terminal` over the same backend writes for the same frames, hints and cursor.
#[test]
fn present_writes_what_a_terminal_writes() {
    let mut rng = Rng::new(11);
    for round in 0..40 {
        let (w, h) = (
            u16::try_from(rng.between(5, 90)).expect("w"),
            u16::try_from(rng.between(3, 30)).expect("h"),
        );
        let area = Rect::new(0, 0, w, h);
        let options = WireOptions {
            scroll_regions: round % 4 != 0,
            ..WireOptions::default()
        };
        let wide = round % 3 == 0;
        let mut screen = Screen::new(w, h, options);
        let mut alone = WireBackend::sized(Vec::new(), Size::new(w, h), options);
        let mut previous: Option<Buffer> = None;
        for frame in 0..10 {
            let delta = i32::try_from(rng.below(usize::from(h))).expect("small") - i32::from(h / 2);
            let next = random_buffer(&mut rng, area, previous.as_ref().map(|p| (p, delta)), wide);
            let hint = (rng.below(2) == 0).then_some(ScrollHint {
                top: 0,
                bottom: h,
                delta,
                columns: None,
            });
            let at = ratatui::layout::Position {
                x: u16::try_from(rng.below(usize::from(w))).expect("small"),
                y: u16::try_from(rng.below(usize::from(h))).expect("small"),
            };
            let cursor = (rng.below(3) == 0).then_some(at);
            let park = (rng.below(2) == 0).then_some(at);
            for backend in [screen.term.backend_mut(), &mut alone] {
                backend.park_cursor(park);
                if let Some(hint) = hint {
                    backend.hint_scroll(hint);
                }
            }
            screen
                .term
                .draw(|f| {
                    f.buffer_mut().merge(&next);
                    if let Some(at) = cursor {
                        f.set_cursor_position(at);
                    }
                })
                .expect("draw");
            alone.present(&next, cursor).expect("present");
            let by_terminal = std::mem::take(screen.term.backend_mut().writer_mut());
            let by_present = std::mem::take(alone.writer_mut());
            assert!(
                by_terminal == by_present,
                "round {round}, frame {frame}: {} bytes by the terminal, {} by present",
                by_terminal.len(),
                by_present.len()
            );
            previous = Some(next);
        }
    }
}

/// A frame of every kind of cell a first frame can hold: narrow, wide, clusters terminals
/// disagree on (flags, families, a variation selector 16, combining marks, half-width kana
/// with a sound mark), blanks with a background or an underline, and cells written over the
/// columns a wide cell covers.
fn tricky_buffer(rng: &mut Rng, area: Rect) -> Buffer {
    const SYMBOLS: &[&str] = &[
        "a",
        " ",
        "─",
        "日",
        "🚀",
        "❤\u{fe0f}",
        "🇯🇵",
        "👨\u{200d}👩\u{200d}👧",
        "e\u{301}",
        "ｶ\u{ff9e}",
        "word",
        "   ",
    ];
    const COLORS: &[Color] = &[
        Color::Reset,
        Color::Red,
        Color::Indexed(75),
        Color::Rgb(1, 2, 3),
    ];
    let mut buf = Buffer::empty(area);
    if rng.below(10) == 0 {
        return buf;
    }
    let marks = [
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
    ];
    let style = |rng: &mut Rng| {
        Style::default()
            .fg(*rng.pick(COLORS))
            .bg(*rng.pick(COLORS))
            .add_modifier(*rng.pick(&marks))
    };
    if rng.below(2) == 0 {
        // Row by row, as widgets draw: the columns under a wide cell stay blank.
        for y in 0..area.height {
            let mut x = rng.below(3);
            while let Ok(at) = u16::try_from(x) {
                if at >= area.width {
                    break;
                }
                let style = style(rng);
                let (end, _) = buf.set_stringn(
                    at,
                    y,
                    rng.pick(SYMBOLS),
                    usize::from(area.width - at),
                    style,
                );
                x = usize::from(end.max(at + 1)) + rng.below(3);
            }
        }
        return buf;
    }
    // Anywhere, over what is there: a cell may land on the column a wide cell covers.
    for _ in 0..rng.below(usize::from(area.width) * usize::from(area.height)) {
        let style = style(rng);
        let x = u16::try_from(rng.below(usize::from(area.width))).expect("small");
        let y = u16::try_from(rng.below(usize::from(area.height))).expect("small");
        buf.set_stringn(x, y, rng.pick(SYMBOLS), usize::from(area.width - x), style);
    }
    buf
}

/// The first frame on a blank screen is written without a model of the screen, which is made
/// once the frame is out: it must write what the backend writes from a blank model (ratatui's
/// diff from a blank buffer, drawn as a `Terminal` draws it), for every kind of cell, and so
/// must the frames after it, diffed against the model made then.
#[test]
fn a_first_frame_written_without_a_model_is_the_frame_drawn_from_a_blank_one() {
    use ratatui::backend::Backend as _;
    let mut rng = Rng::new(2026);
    let mut first_bytes = 0;
    for round in 0..400 {
        let (w, h) = (
            u16::try_from(rng.between(1, 40)).expect("w"),
            u16::try_from(rng.between(1, 8)).expect("h"),
        );
        let area = Rect::new(0, 0, w, h);
        let options = WireOptions {
            scroll_regions: round % 2 == 0,
            ..WireOptions::default()
        };
        let mut drawn = WireBackend::sized(Vec::new(), Size::new(w, h), options);
        let mut alone = WireBackend::sized(Vec::new(), Size::new(w, h), options);
        for frame in 0..3 {
            let next = tricky_buffer(&mut rng, area);
            let at = ratatui::layout::Position {
                x: u16::try_from(rng.below(usize::from(w))).expect("small"),
                y: u16::try_from(rng.below(usize::from(h))).expect("small"),
            };
            let cursor = (rng.below(3) == 0).then_some(at);
            let park = (rng.below(2) == 0).then_some(at);
            drawn.park_cursor(park);
            alone.park_cursor(park);
            if frame == 0 {
                // As a `Terminal` draws its first frame: the diff from a blank buffer.
                drawn
                    .draw(Buffer::empty(area).diff(&next).into_iter())
                    .expect("draw");
                match cursor {
                    None => drawn.hide_cursor().expect("hide"),
                    Some(at) => {
                        drawn.show_cursor().expect("show");
                        drawn.set_cursor_position(at).expect("move");
                    }
                }
                drawn.flush().expect("flush");
            } else {
                drawn.present(&next, cursor).expect("present");
            }
            alone.present(&next, cursor).expect("present");
            let by_draw = std::mem::take(drawn.writer_mut());
            let by_present = std::mem::take(alone.writer_mut());
            if frame == 0 {
                first_bytes += by_present.len();
            }
            assert!(
                by_draw == by_present,
                "round {round}, frame {frame}: {:?} drawn, {:?} by present",
                String::from_utf8_lossy(&by_draw),
                String::from_utf8_lossy(&by_present)
            );
        }
    }
    assert!(
        first_bytes > 100_000,
        "first frames drew little: {first_bytes} bytes"
    );
}

#[test]
fn wide_characters_replay_exactly_when_redrawn_in_place() {
    let mut rng = Rng::new(7);
    let area = Rect::new(0, 0, 40, 10);
    let mut screen = Screen::new(40, 10, WireOptions::default());
    for _ in 0..20 {
        // Fresh rows of wide and narrow text, without partial overlap of old wide characters:
        // each frame starts from a cleared screen region in the same place.
        let frame = random_buffer(&mut rng, area, None, true);
        screen.draw_buffer(&Buffer::empty(area), None);
        screen.draw_buffer(&frame, None);
    }
}

#[path = "support/screen.rs"]
mod screen;

// The random numbers of the benchmark data generator (examples/brief-gen).
#[path = "../examples/brief-gen/generate.rs"]
#[allow(dead_code)]
mod generate;
use generate::Rng;

/// The widths terminals are seen to use for clusters they disagree on: one cell narrower than
/// brief assumes, the same, one cell wider.
const SKEWS: [i16; 3] = [-1, 0, 1];

/// A terminal drawing into memory, its bytes replayed through screen models that draw disputed
/// clusters narrower, as assumed and wider.
struct Skewed {
    term: Terminal<WireBackend<Vec<u8>>>,
    models: Vec<screen::Model>,
    frames: usize,
}

impl Skewed {
    fn new(width: u16, height: u16, options: WireOptions) -> Self {
        let backend = WireBackend::sized(Vec::new(), Size::new(width, height), options);
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let term = Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        Self {
            term,
            models: SKEWS
                .iter()
                .map(|&skew| screen::Model::new(width, height, skew))
                .collect(),
            frames: 0,
        }
    }

    fn draw_app(&mut self, app: &App, hint: Option<ScrollHint>) -> Vec<u8> {
        if let Some(hint) = hint {
            self.term.backend_mut().hint_scroll(hint);
        }
        let frame = self
            .term
            .draw(|f| f.render_widget(app, f.area()))
            .expect("draw");
        let expected = frame.buffer.clone();
        self.check(&expected)
    }

    fn draw_buffer(&mut self, buffer: &Buffer, hint: Option<ScrollHint>) -> Vec<u8> {
        if let Some(hint) = hint {
            self.term.backend_mut().hint_scroll(hint);
        }
        self.term
            .draw(|f| f.buffer_mut().merge(buffer))
            .expect("draw");
        self.check(buffer)
    }

    // The failure names the frame, the model and the bytes: a panic with that message.
    #[allow(clippy::panic)]
    #[track_caller]
    fn check(&mut self, expected: &Buffer) -> Vec<u8> {
        let bytes = std::mem::take(self.term.backend_mut().writer_mut());
        self.frames += 1;
        for (i, model) in self.models.iter_mut().enumerate() {
            model.process(&bytes);
            assert!(model.unknown.is_empty(), "unknown: {:?}", model.unknown);
            if let Err(err) = model.check(expected) {
                panic!(
                    "frame {}, terminal {:+} cells on disputed clusters: {err}\nbytes: {:?}",
                    self.frames,
                    SKEWS[i],
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
        bytes
    }
}

/// A briefing with a flag in every paragraph, in the title, the headings and the takeaways, and
/// other clusters terminals disagree on.
fn clustered_app(width: u16, height: u16) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::new();
    let kinds = [
        "🇫🇷",
        "👍🏽",
        "👨\u{200d}👩\u{200d}👧",
        "❤\u{fe0f}",
        "e\u{301}",
        "1\u{fe0f}\u{20e3}",
        "😀",
    ];
    let mut sections = String::new();
    for s in 0..4 {
        body.clear();
        for p in 0..6 {
            let other = kinds[(s + p) % kinds.len()];
            let _ = write!(
                body,
                "Paragraph {p} of part {s} mentions France 🇫🇷 and {other} in the middle of a \
                 line that is long enough to wrap at least once on a narrow screen 🇫🇷\n\n"
            );
        }
        let _ = write!(
            sections,
            "[[sections]]\nid = \"part-{s}\"\nheading = \"Part {s} 🇫🇷\"\nbody = '''\n{body}'''\n\n"
        );
    }
    let text = format!(
        "format = 1\n\n[briefing]\ntitle = \"Flags 🇫🇷 and friends 👍🏽\"\ndateline = \"Paris 🇫🇷\"\n\n\
         [keywords]\nplaces = [\"France\"]\n\n{sections}\
         [[takeaways]]\ntext = \"France 🇫🇷 first, then a family 👨\u{200d}👩\u{200d}👧 and a heart ❤\u{fe0f}.\"\nsection = \"part-1\"\n\n\
         [[takeaways]]\ntext = \"🇫🇷🇫🇷🇫🇷 three flags in a row, at the start of a line.\"\nsection = \"part-2\"\n"
    );
    std::fs::write(dir.path().join("flags.toml"), text).expect("write");
    let library = library::load_paths(&[dir.path().to_path_buf()], library::LoadOptions::default());
    assert!(library.failures.is_empty(), "{:?}", library.failures);
    let theme =
        brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE).expect("theme");
    let mut app = App::new(library, theme, Keymap::default());
    app.update(Msg::Resize(width, height));
    (app, dir)
}

/// Plays `actions` on the clustered briefing at `width`×`height`, checking every frame in
/// every skewed model.
fn play_clustered(width: u16, height: u16, options: WireOptions, actions: &[Action]) {
    let (mut app, _dir) = clustered_app(width, height);
    let mut screen = Skewed::new(width, height, options);
    screen.draw_app(&app, None);
    for action in actions {
        let spot = ArticleSpot::of(&app);
        app.update(Msg::Action(*action));
        let hint = spot.hint(ArticleSpot::of(&app));
        screen.draw_app(&app, hint);
    }
}

const NO_REGIONS: WireOptions = WireOptions {
    scroll_regions: false,
    margins: false,
    max_reprint: 8,
};

#[test]
fn flags_leave_no_residue_after_seven_lines_whatever_width_the_terminal_gives_them() {
    let seven = [Action::ScrollDown; 7];
    play_clustered(80, 16, WireOptions::default(), &seven);
    play_clustered(80, 16, NO_REGIONS, &seven);
}

#[test]
fn disputed_clusters_leave_no_residue_anywhere_in_a_walk() {
    // The sidebar and lists hold them too; sections, takeaways, pages, hiding the sidebar.
    for (w, h) in [(80, 24), (50, 16), (200, 60), (120, 40)] {
        play_clustered(w, h, WireOptions::default(), WALK);
        play_clustered(w, h, NO_REGIONS, WALK);
    }
}

#[test]
fn random_frames_of_disputed_clusters_leave_no_residue() {
    // Clusters at the right edge, replaced by narrow or wide text, moved by scrolls, over
    // styled blanks: random rows of them, with right and wrong hints.
    const WORDS: &[&str] = &[
        "alpha",
        "🇫🇷",
        "ok",
        " ",
        "👍🏽",
        "x",
        "日本",
        "❤\u{fe0f}",
        "e\u{301}",
        "  ",
        "👨\u{200d}👩\u{200d}👧",
        "🇫🇷🇩🇪",
        "1\u{fe0f}\u{20e3}",
        "—",
        "😀",
    ];
    const COLORS: &[Color] = &[
        Color::Reset,
        Color::Red,
        Color::Indexed(208),
        Color::DarkGray,
    ];
    // Seed 11 found a wide glyph printed one column off an old one, leaving the old one's
    // other column blank in its colours; the others keep the kind covered.
    for seed in 11..16 {
        random_disputed_frames(seed, WORDS, COLORS);
    }
}

/// Forty random screens of ten frames each from `seed`, checked in every skewed model.
fn random_disputed_frames(seed: u64, words: &[&str], colors: &[Color]) {
    let mut rng = Rng::new(seed);
    for round in 0..40 {
        let (w, h) = (
            u16::try_from(rng.between(4, 40)).expect("w"),
            u16::try_from(rng.between(2, 12)).expect("h"),
        );
        let area = Rect::new(0, 0, w, h);
        let options = WireOptions {
            scroll_regions: round % 4 != 0,
            margins: round % 3 == 0,
            max_reprint: 8,
        };
        let mut screen = Skewed::new(w, h, options);
        let mut previous = Buffer::empty(area);
        for _ in 0..10 {
            let delta = i32::try_from(rng.below(usize::from(h))).expect("small") - i32::from(h / 2);
            let mut next = Buffer::empty(area);
            for y in 0..h {
                let from = i32::from(y) + delta;
                if rng.below(3) != 0 && (0..i32::from(h)).contains(&from) {
                    let from = u16::try_from(from).expect("in range");
                    for x in 0..w {
                        next[(x, y)] = previous[(x, from)].clone();
                    }
                    continue;
                }
                let mut x = u16::try_from(rng.below(3)).expect("small");
                while x < w {
                    let style = Style::default().fg(*rng.pick(colors)).bg(*rng.pick(colors));
                    let (end, _) =
                        next.set_stringn(x, y, rng.pick(words), usize::from(w - x), style);
                    x = end.max(x + 1) + u16::try_from(rng.below(2)).expect("small");
                }
            }
            let hint = (rng.below(2) == 0).then_some(ScrollHint {
                top: 0,
                bottom: h,
                delta,
                columns: None,
            });
            screen.draw_buffer(&next, hint);
            previous = next;
        }
    }
}

#[test]
fn autowrap_is_off_while_drawing() {
    let mut screen = Skewed::new(20, 4, WireOptions::default());
    let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
    buf.set_string(18, 0, "🇫🇷", Style::default());
    let bytes = screen.draw_buffer(&buf, None);
    assert!(
        bytes.starts_with(b"\x1b[?7l"),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(screen.models.iter().all(|m| !m.autowrap()));
    assert!(brief::term::backend::RESTORE_MODES.contains("\x1b[?7h"));
}

const MARGINS: WireOptions = WireOptions {
    scroll_regions: true,
    margins: true,
    max_reprint: 8,
};

/// Walks `WALK` (and a zoom at the end) through the screen models, returning the bytes of each
/// step and how many scrolls used left/right margins.
fn walk_models(width: u16, height: u16, options: WireOptions) -> (Vec<usize>, usize) {
    let mut app = app("dark", width, height);
    let mut screen = Skewed::new(width, height, options);
    screen.draw_app(&app, None);
    let mut sizes = Vec::new();
    let zoomed = [
        Action::Zoom,
        Action::ScrollDown,
        Action::PageDown,
        Action::Zoom,
    ];
    for action in WALK.iter().chain(&zoomed) {
        let spot = ArticleSpot::of(&app);
        app.update(Msg::Action(*action));
        let hint = spot.hint(ArticleSpot::of(&app));
        sizes.push(screen.draw_app(&app, hint).len());
    }
    (sizes, screen.models[1].margin_scrolls)
}

#[test]
fn margins_replay_exactly_and_confine_a_scroll_to_the_article() {
    for (w, h) in [(80, 24), (200, 60), (120, 40), (50, 16)] {
        let (with, scrolls) = walk_models(w, h, MARGINS);
        let (without, none) = walk_models(w, h, WireOptions::default());
        assert_eq!(none, 0, "no margins unless asked for");
        if w >= 80 {
            assert!(scrolls > 0, "margins used at {w}x{h}");
            // The first step is `j` in the article, beside other panes.
            assert!(
                with[0] < without[0],
                "{w}x{h}: {} vs {}",
                with[0],
                without[0]
            );
        }
    }
    // Margins never stay on between writes.
    let mut app = app("dark", 80, 24);
    let mut screen = Skewed::new(80, 24, MARGINS);
    screen.draw_app(&app, None);
    let spot = ArticleSpot::of(&app);
    app.update(Msg::Action(Action::ScrollDown));
    let bytes = screen.draw_app(&app, spot.hint(ArticleSpot::of(&app)));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("\x1b[?69h"), "{text:?}");
    assert!(screen.models.iter().all(|m| !m.margins_enabled()));
}

#[test]
fn zoom_scrolls_whole_rows_at_every_size() {
    let line = |w: u16, h: u16, zoom: bool| {
        let mut app = app("dark", w, h);
        if zoom {
            app.update(Msg::Action(Action::Zoom));
        }
        let mut screen = Skewed::new(w, h, WireOptions::default());
        screen.draw_app(&app, None);
        let spot = ArticleSpot::of(&app);
        app.update(Msg::Action(Action::ScrollDown));
        let hint = spot.hint(ArticleSpot::of(&app));
        assert!(hint.is_some(), "a one-line scroll gives a hint");
        screen.draw_app(&app, hint)
    };
    for (w, h) in [(80, 24), (200, 60)] {
        let zoomed = line(w, h, true);
        let panes = line(w, h, false);
        let text = String::from_utf8_lossy(&zoomed);
        assert!(
            text.contains("\x1b[S"),
            "{w}x{h}: the terminal scrolls: {text:?}"
        );
        // Nothing from other panes: a fraction of the multi-pane bytes.
        assert!(
            zoomed.len() * 3 < panes.len(),
            "{w}x{h}: {} vs {}",
            zoomed.len(),
            panes.len()
        );
    }
}

#[test]
fn margins_are_chosen_by_name_or_by_answer() {
    use brief::term::backend::{margins_by_name, margins_supported};
    assert!(margins_by_name("foot", false));
    assert!(margins_by_name("xterm-kitty", false));
    assert!(margins_by_name("xterm-256color", true));
    assert!(
        !margins_by_name("xterm-256color", false),
        "VTE, Konsole, Windows Terminal"
    );
    assert!(
        !margins_by_name("tmux-256color", true),
        "a multiplexer inside xterm"
    );
    assert!(!margins_by_name("screen", true));
    assert!(!margins_by_name("dumb", false));
    assert!(margins_supported(1) && margins_supported(2));
    assert!(!margins_supported(0) && !margins_supported(3) && !margins_supported(4));
    assert_eq!(brief::term::backend::MARGINS_QUERY, "\x1b[?69$p");
    assert!(brief::term::backend::RESTORE_MODES.contains("\x1b[?69l"));
}
