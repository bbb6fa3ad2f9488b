//! The linear reader, for screen readers and braille displays (`--plain`, and `TERM=dumb` on
//! a terminal): the briefing as lines of text, a key at a time. Keys are read in raw mode
//! (termios only, no escape sequence is written); a question (a briefing's number, a search)
//! is read as a line in the terminal's own line mode, so its echo and editing are the
//! terminal's. The output is text and line endings only: no cursor movement, no colour, no
//! alternate screen, nothing to restore but the termios modes, which are restored on every
//! way out.

pub mod linear;

use std::io::{self, Read, Write};
use std::os::fd::AsFd;
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

use crossterm::event::{Event, KeyEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use rustix::event::{PollFd, PollFlags, poll};

use crate::library::Library;
use crate::settings::keymap::Key;
use crate::term::decode::{Decoded, Decoder};
use linear::{Linear, Prompt, Reply};

/// Longest answer to a question kept, in bytes; the rest of an over-long line is dropped.
const MAX_LINE: usize = 4096;

/// Ctrl-D, the line mode's end of file.
const END_OF_FILE: u8 = 0x04;

/// What reaches the loop.
enum Input {
    Bytes(Vec<u8>),
    /// A read found the end of input (Ctrl-D at a question, or the terminal gone).
    End,
    Signal(i32),
}

/// The terminal in raw mode while this lives; its modes are given back when it is dropped,
/// whatever the way out.
struct RawMode;

impl RawMode {
    fn enter() -> io::Result<Self> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(Self)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Runs the linear reader on the process's terminal until the reader quits, input ends or a
/// termination signal arrives; `reload` reads the briefings again for the reload key.
/// Returns the exit status: 0, or 128 + the signal's number.
///
/// # Errors
/// The terminal's modes cannot be set, or writing to it fails.
pub fn run(mut linear: Linear, mut reload: impl FnMut() -> Library) -> io::Result<u8> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    spawn_reader(tx);
    let out = &mut io::stdout().lock();
    let mut raw = Some(RawMode::enter()?);
    write_lines(out, &linear.start(), true)?;
    let mut decoder = Decoder::new();
    let mut question: Option<(Prompt, Vec<u8>)> = None;
    loop {
        let input = match decoder.deadline() {
            Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(input) => Some(input),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            },
            None => Some(rx.recv().map_err(|_| io::ErrorKind::BrokenPipe)?),
        };
        let replies = match (input, &mut question) {
            (Some(Input::Signal(n)), _) => {
                // The shell's prompt starts on a line of its own.
                let _ = write_lines(out, "\n", raw.is_some());
                return Ok(u8::try_from(128 + n).unwrap_or(1));
            }
            (Some(Input::End), None) => return Ok(0),
            (Some(Input::End), Some((prompt, line))) => {
                // What was typed before the end of input is the answer, as the line mode's
                // first Ctrl-D sent it.
                let answer = String::from_utf8_lossy(line).into_owned();
                let prompt = *prompt;
                question = None;
                vec![linear.answer(prompt, &answer)]
            }
            (Some(Input::Bytes(bytes)), Some((prompt, line))) => {
                line.extend_from_slice(&bytes);
                // A line ends at Enter, or at a Ctrl-D read as a byte (typed before the line
                // mode took over): what came before it is the answer, as the line mode's
                // Ctrl-D would send it.
                let end_of_line = |&b: &u8| b == b'\n' || b == b'\r' || b == END_OF_FILE;
                let Some(end) = line.iter().position(end_of_line) else {
                    line.truncate(MAX_LINE);
                    continue;
                };
                let answer =
                    String::from_utf8_lossy(line.get(..end).unwrap_or_default()).into_owned();
                let prompt = *prompt;
                question = None;
                vec![linear.answer(prompt, &answer)]
            }
            (Some(Input::Bytes(bytes)), None) => {
                keys(&mut linear, decoder.feed(&bytes, Instant::now()))
            }
            (None, _) => keys(&mut linear, decoder.timeout(Instant::now())),
        };
        for reply in replies {
            if reply.prompt.is_some() {
                // The line mode takes over before the question is asked, so that whatever is
                // typed once it is on screen (Ctrl-D above all) is read in that mode.
                raw = None;
            }
            write_lines(out, &reply.text, raw.is_some())?;
            if reply.reload {
                let said = linear.replace_library(reload());
                write_lines(out, &said, raw.is_some())?;
            }
            if reply.quit {
                return Ok(0);
            }
            if let Some(prompt) = reply.prompt {
                // The terminal's own line mode reads the answer: its echo, its editing keys.
                raw = None;
                question = Some((prompt, Vec::new()));
                break;
            }
        }
        if question.is_none() && raw.is_none() {
            raw = Some(RawMode::enter()?);
        }
    }
}

/// The replies to every key pressed among `decoded`, up to the first that asks a question or
/// quits (keys typed after it in the same read are dropped).
fn keys(linear: &mut Linear, decoded: Vec<Decoded>) -> Vec<Reply> {
    let mut replies = Vec::new();
    for item in decoded {
        if let Decoded::Event(Event::Key(key)) = item
            && key.kind != KeyEventKind::Release
        {
            let reply = linear.key(Key::from_event(key));
            let stop = reply.prompt.is_some() || reply.quit;
            replies.push(reply);
            if stop {
                break;
            }
        }
    }
    replies
}

/// Writes `text`, every line ending as `\r\n` in raw mode (which does not add the carriage
/// return) and as `\n` in line mode (which does).
fn write_lines(out: &mut impl Write, text: &str, raw: bool) -> io::Result<()> {
    if raw {
        out.write_all(text.replace('\n', "\r\n").as_bytes())?;
    } else {
        out.write_all(text.as_bytes())?;
    }
    out.flush()
}

/// Termination signals end the reader (its modes given back on the way out).
fn spawn_signals(tx: mpsc::Sender<Input>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Input::Signal(signal));
        }
    });
    Ok(())
}

/// Reads the terminal on a thread of its own. An end of input is reported and reading goes
/// on; the loop decides when to stop.
///
/// Each read waits (`poll`) until there is something to read before it begins: a read begun
/// in raw mode keeps raw mode's minimum of one byte even after the terminal is put back in
/// line mode for a question, so the line mode's end of file (Ctrl-D on an empty answer, which
/// reads zero bytes) would never end it.
fn spawn_reader(tx: mpsc::Sender<Input>) {
    // The controlling terminal, else standard input: a file either way, read without a
    // buffer of the standard library's, which `poll` could not see into.
    let input = std::fs::File::open("/dev/tty").ok().or_else(|| {
        io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(std::fs::File::from)
    });
    thread::spawn(move || {
        let Some(mut file) = input else {
            let _ = tx.send(Input::End);
            return;
        };
        let mut buf = vec![0u8; 4096];
        loop {
            wait_for_input(file.as_fd());
            let read = file.read(&mut buf);
            let input = match read {
                Ok(0) => Input::End,
                Ok(n) => Input::Bytes(buf.get(..n).unwrap_or_default().to_vec()),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => Input::End,
            };
            if tx.send(input).is_err() {
                break;
            }
        }
    });
}

/// Returns once `fd` has input (or an end of file, or an error) to read.
fn wait_for_input(fd: std::os::fd::BorrowedFd<'_>) {
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    while let Err(rustix::io::Errno::INTR) = poll(&mut fds, None) {}
}
