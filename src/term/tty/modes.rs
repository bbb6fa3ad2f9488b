//! The terminal's modes as the reader takes them (raw, alternate screen, hidden cursor,
//! bracketed paste, the mouse) and gives them back, on every way out.

use std::io::{self, Write};

use crossterm::style::{Attribute, SetAttribute};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};

/// Mouse reporting as brief uses it: button presses and the wheel (`?1000h`), in SGR encoding
/// (`?1006h`). No motion or drag tracking: nothing uses hover, and over a remote link every
/// mouse move would otherwise send bytes.
pub(crate) const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
pub(crate) const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";
pub(crate) const PASTE_ON: &str = "\x1b[?2004h";
pub(crate) const PASTE_OFF: &str = "\x1b[?2004l";

/// Raw mode, the alternate screen, a hidden cursor, bracketed paste and (if on) the mouse.
pub(super) fn setup(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, cursor::Hide)?;
    stdout.write_all(PASTE_ON.as_bytes())?;
    set_mouse(&mut stdout, mouse)
}

pub(super) fn set_mouse(out: &mut impl Write, on: bool) -> io::Result<()> {
    out.write_all(if on { MOUSE_ON } else { MOUSE_OFF }.as_bytes())?;
    out.flush()
}

/// Puts the terminal back as it was: attributes reset, mouse and paste reporting off, the
/// alternate screen left, the cursor shown, cooked mode. Safe to call more than once; errors
/// are ignored because the terminal may already be gone.
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = stdout.write_all(crate::term::backend::RESTORE_MODES.as_bytes());
    let _ = stdout.write_all(MOUSE_OFF.as_bytes());
    let _ = stdout.write_all(PASTE_OFF.as_bytes());
    let _ = execute!(
        stdout,
        SetAttribute(Attribute::Reset),
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
