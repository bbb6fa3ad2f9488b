//! Terminal input bytes to events: a pure decoder with no tty behind it. The local terminal feeds
//! it what each read of the tty returned; a remote session would feed it channel data the same
//! way. Every complete event in a chunk comes out of the call that fed it, an incomplete tail is
//! kept for the next chunk, and a lone ESC becomes the Esc key once [`ESC_TIMEOUT`] has passed
//! without the rest of a sequence.
//!
//! Keys and mouse reports are parsed by `terminput` (crossterm's own parser, usable on a byte
//! slice) and converted to crossterm's types, so the rest of the reader keeps one event type.
//! What is decided here, because that parser cannot: where a control sequence ends (ECMA-48
//! framing, so an unknown or over-long sequence never swallows the keys after it), which
//! sequences are terminal replies rather than keys (mode reports, cursor positions, focus,
//! device attributes), and bracketed paste, which is framed here so that its size is bounded.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// How long a lone ESC waits for the rest of an escape sequence before it counts as the Esc
/// key. Terminals send a sequence in one write, so its bytes arrive together; a person pressing
/// Esc and then another key is far slower than this.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(25);

/// How long a bracketed paste may pause before what arrived is delivered as the whole paste (a
/// terminal that never sends the end marker must not swallow every later key).
pub const PASTE_TIMEOUT: Duration = Duration::from_secs(1);

/// Most bytes of one paste kept, in bytes of UTF-8; the rest of a longer paste is dropped.
pub const MAX_PASTE: usize = 16 * 1024;

/// Longest control sequence kept; a longer one is skipped up to its final byte.
const MAX_SEQUENCE: usize = 64;

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// What a chunk of terminal input decoded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// A key, a mouse report or a paste, in crossterm's types.
    Event(Event),
    /// The terminal's answer to a DECRQM query (`CSI ? mode ; value $ y`): `value` is 0 (mode
    /// not recognised), 1 (set), 2 (reset), 3 (permanently set) or 4 (permanently reset).
    ModeReport {
        /// The private mode asked about (e.g. 69 for left and right margins).
        mode: u16,
        /// The mode's state, as the terminal reported it.
        value: u8,
    },
}

/// Turns terminal input bytes into [`Decoded`] items. Holds at most one incomplete control
/// sequence (`MAX_SEQUENCE` bytes) or one paste (`MAX_PASTE` bytes) between calls.
#[derive(Debug, Default)]
pub struct Decoder {
    /// An incomplete sequence or character.
    pending: Vec<u8>,
    /// A bracketed paste under way.
    paste: Option<Paste>,
    /// Skipping an over-long control sequence up to its final byte.
    skipping: bool,
    /// When the held bytes started (a sequence) or last grew (a paste).
    since: Option<Instant>,
}

impl Decoder {
    /// A decoder holding nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes `bytes`, which arrived at `at`: everything complete comes out now. A lone ESC
    /// held from an earlier chunk counts as the Esc key first if [`ESC_TIMEOUT`] had passed.
    pub fn feed(&mut self, bytes: &[u8], at: Instant) -> Vec<Decoded> {
        let mut out = self.timeout(at);
        for &byte in bytes {
            self.byte(byte, &mut out);
        }
        if self.paste.is_some() {
            self.since = Some(at);
        } else if self.pending.is_empty() && !self.skipping {
            self.since = None;
        } else if self.since.is_none() {
            self.since = Some(at);
        }
        out
    }

    /// When held bytes should be resolved with [`Decoder::timeout`] if nothing else arrives;
    /// `None` when nothing is held.
    pub fn deadline(&self) -> Option<Instant> {
        let wait = if self.paste.is_some() {
            PASTE_TIMEOUT
        } else {
            ESC_TIMEOUT
        };
        self.since.map(|since| since + wait)
    }

    /// Resolves held bytes whose time is up at `now`: a lone ESC is the Esc key, ESC and one
    /// character is that character with Alt, a paste ends with what arrived, anything else
    /// incomplete is dropped.
    pub fn timeout(&mut self, now: Instant) -> Vec<Decoded> {
        let mut out = Vec::new();
        if self.deadline().is_none_or(|due| now < due) {
            return out;
        }
        self.since = None;
        self.skipping = false;
        if let Some(paste) = self.paste.take() {
            out.push(Decoded::Event(Event::Paste(paste.finish())));
            return out;
        }
        let held = std::mem::take(&mut self.pending);
        match held.as_slice() {
            [ESC] => out.push(key(KeyCode::Esc, KeyModifiers::NONE)),
            [ESC, c] if c.is_ascii_graphic() => {
                out.push(key(KeyCode::Char(char::from(*c)), KeyModifiers::ALT));
            }
            _ => {}
        }
        out
    }

    fn byte(&mut self, byte: u8, out: &mut Vec<Decoded>) {
        if let Some(paste) = &mut self.paste {
            if paste.push(byte) {
                let text = self.paste.take().map(Paste::finish).unwrap_or_default();
                out.push(Decoded::Event(Event::Paste(text)));
            }
            return;
        }
        if self.skipping {
            if (0x40..=0x7e).contains(&byte) {
                self.skipping = false;
                return;
            }
            if byte != ESC {
                return;
            }
            self.skipping = false;
        }
        if byte == ESC && self.pending == [ESC] {
            // Esc pressed twice: the first one is a key of its own.
            out.push(key(KeyCode::Esc, KeyModifiers::NONE));
            return;
        }
        self.pending.push(byte);
        match self.pending.as_slice() {
            [ESC] => {}
            [ESC, b'[', ..] => self.csi(out),
            _ => self.parse(out),
        }
    }

    /// A CSI sequence so far: framed by ECMA-48 (parameter bytes 0x30–0x3F, intermediate bytes
    /// 0x20–0x2F, one final byte 0x40–0x7E), except the old X10 mouse report, which is
    /// `CSI M` and three raw bytes.
    fn csi(&mut self, out: &mut Vec<Decoded>) {
        let len = self.pending.len();
        let Some(&last) = self.pending.last() else {
            return;
        };
        if len == 2 {
            return;
        }
        if self.pending.get(2) == Some(&b'M') {
            if len == 6 {
                self.parse(out);
            }
            return;
        }
        match last {
            0x20..=0x3f if len >= MAX_SEQUENCE => {
                self.pending.clear();
                self.skipping = true;
            }
            0x20..=0x3f => {}
            0x40..=0x7e => {
                let sequence = std::mem::take(&mut self.pending);
                self.complete_csi(&sequence, out);
            }
            _ => {
                // Not part of a control sequence: drop the broken prefix, read the byte afresh.
                self.pending.clear();
                self.byte(last, out);
            }
        }
    }

    fn complete_csi(&mut self, sequence: &[u8], out: &mut Vec<Decoded>) {
        let (Some(&fin), Some(inner)) = (sequence.last(), sequence.get(2..sequence.len() - 1))
        else {
            return;
        };
        match (inner.first(), fin) {
            (Some(b'?'), b'y') => {
                if let Some(report) = mode_report(inner) {
                    out.push(report);
                }
            }
            // Other replies: DEC private (`?`), secondary attributes (`>`), `=`, anything
            // with intermediate bytes (ANSI DECRPM, kitty flags), cursor position (`row;col R`,
            // which shadows Shift-F3 and friends), focus in and out. No key looks like these.
            (Some(b'?' | b'>' | b'='), _) | (_, b'I' | b'O') if fin != b'~' => {}
            _ if inner.iter().any(|b| (0x20..=0x2f).contains(b)) => {}
            _ if fin == b'R' && inner.contains(&b';') => {}
            _ if fin == b'~' && inner == b"200" => self.paste = Some(Paste::default()),
            _ if fin == b'~' && inner == b"201" => {}
            _ => {
                if let Ok(Some(event)) = terminput::Event::parse_from(sequence) {
                    convert(event, out);
                }
            }
        }
    }

    /// Anything but a CSI sequence: a character (UTF-8 may span chunks), a control key, SS3
    /// (`ESC O x`), or Alt and a key (`ESC` and the key).
    fn parse(&mut self, out: &mut Vec<Decoded>) {
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                convert(event, out);
            }
            Ok(None) if self.pending.len() < MAX_SEQUENCE => {}
            Ok(None) | Err(_) => self.pending.clear(),
        }
    }
}

/// A bracketed paste being read: its text (capped) and how much of the end marker was seen.
#[derive(Debug, Default)]
struct Paste {
    bytes: Vec<u8>,
    seen: usize,
    matched: usize,
}

impl Paste {
    /// Takes one byte; true when it completed the end marker.
    fn push(&mut self, byte: u8) -> bool {
        self.seen += 1;
        if self.bytes.len() < MAX_PASTE + PASTE_END.len() {
            self.bytes.push(byte);
        }
        self.matched = if PASTE_END.get(self.matched) == Some(&byte) {
            self.matched + 1
        } else {
            usize::from(byte == ESC)
        };
        self.matched == PASTE_END.len()
    }

    /// The pasted text, without the end marker, at most [`MAX_PASTE`] bytes.
    fn finish(mut self) -> String {
        let ended = self.matched == PASTE_END.len();
        let len = if ended {
            self.seen - PASTE_END.len()
        } else {
            self.seen
        };
        self.bytes.truncate(len.min(MAX_PASTE));
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// `?mode;value$` (the inside of a DECRPM reply) as a [`Decoded::ModeReport`].
fn mode_report(inner: &[u8]) -> Option<Decoded> {
    let text = std::str::from_utf8(inner).ok()?;
    let (mode, value) = text.strip_prefix('?')?.strip_suffix('$')?.split_once(';')?;
    Some(Decoded::ModeReport {
        mode: mode.parse().ok()?,
        value: value.parse().ok()?,
    })
}

fn convert(event: terminput::Event, out: &mut Vec<Decoded>) {
    match event {
        // Never asked for (focus reporting is not enabled); not input for the reader.
        terminput::Event::FocusGained | terminput::Event::FocusLost => {}
        event => {
            if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                out.push(Decoded::Event(event));
            }
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Decoded {
    Decoded::Event(Event::Key(KeyEvent::new(code, modifiers)))
}

#[cfg(test)]
mod tests;
