//! One reader over SSH: an [`App`] and a [`Session`] on a thread of their own, fed the channel's
//! bytes, window changes and the library's snapshots, writing frames into a bounded queue that
//! the connection's task sends on. A client who stops reading fills the queue; its reader then
//! drops frames (only the latest screen matters) and sends the whole screen once there is room,
//! so the server's memory for a session stays bounded and its reader keeps answering.

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::Instant;

use ratatui::layout::Size;
use tokio::sync::mpsc as async_mpsc;

use crate::app::{App, Msg};
use crate::library::{Published, Service};
use crate::term::backend::{RESTORE_MODES, WireOptions};
use crate::term::session::{ArticleSpot, Batch, Session};
use crate::term::tty::modes::{MOUSE_OFF, MOUSE_ON, PASTE_OFF, PASTE_ON};

/// Widest and tallest terminal a client may ask for: larger sizes are clamped, not allocated.
pub const MAX_COLUMNS: u16 = 1000;
/// See [`MAX_COLUMNS`].
pub const MAX_ROWS: u16 = 500;

/// Frames (one write each) queued for a client; a client further behind misses frames and
/// gets the whole screen once it has room.
pub const OUTPUT_FRAMES: usize = 8;

/// What reaches a reader's thread.
#[derive(Debug)]
pub enum In {
    /// Bytes the client typed (any chunking).
    Bytes(Vec<u8>),
    /// The client's window changed size: the latest size is in the session's [`WindowSize`]
    /// (a flood of changes is one message in the queue, so it never crowds out keys).
    Resize,
    /// What the library's service published.
    Library(Published),
    /// The channel closed: end without writing.
    Close,
    /// The server is stopping: give the terminal back, then end.
    Stop,
}

/// The latest window size a client asked for, shared by the connection (which sets it on
/// every `window-change`) and the reader (which takes it): however many changes arrive while
/// the reader is busy, one [`In::Resize`] waits in its queue and the last size wins.
#[derive(Debug, Default)]
pub struct WindowSize {
    /// Columns in the high 16 bits, rows in the low.
    packed: std::sync::atomic::AtomicU32,
    /// An [`In::Resize`] is queued and not yet taken.
    pending: std::sync::atomic::AtomicBool,
}

impl WindowSize {
    /// Records `size`; true when the reader must be told (no [`In::Resize`] is queued yet).
    /// If telling it fails (a full queue), call [`WindowSize::unqueue`] so the next change
    /// tries again.
    pub fn set(&self, size: Size) -> bool {
        use std::sync::atomic::Ordering::SeqCst;
        self.packed
            .store(u32::from(size.width) << 16 | u32::from(size.height), SeqCst);
        !self.pending.swap(true, SeqCst)
    }

    /// The queued [`In::Resize`] was not delivered.
    pub fn unqueue(&self) {
        self.pending
            .store(false, std::sync::atomic::Ordering::SeqCst);
    }

    /// Takes the latest size (for the queued [`In::Resize`]); later changes queue another.
    pub fn take(&self) -> Size {
        use std::sync::atomic::Ordering::SeqCst;
        self.pending.store(false, SeqCst);
        let packed = self.packed.load(SeqCst);
        let width = u16::try_from(packed >> 16).unwrap_or(MAX_COLUMNS);
        let height = u16::try_from(packed & 0xffff).unwrap_or(MAX_ROWS);
        clamp_size(width.into(), height.into())
    }
}

/// A window size from a client, clamped to what brief will allocate.
pub fn clamp_size(columns: u32, rows: u32) -> Size {
    let clamp = |n: u32, max: u16| u16::try_from(n).unwrap_or(max).clamp(1, max);
    Size::new(clamp(columns, MAX_COLUMNS), clamp(rows, MAX_ROWS))
}

/// The channel's side of a session: writes gather into one buffer, sent as one frame on flush.
struct ChannelOut {
    tx: async_mpsc::Sender<Vec<u8>>,
    buf: Vec<u8>,
    /// A frame was dropped because the client is behind: the screen it has is not the one
    /// the backend's model holds, and the next frame it gets must be a whole one.
    behind: bool,
}

impl ChannelOut {
    /// Whether the client has caught up after frames were dropped: the queue has room again,
    /// and a whole frame is owed.
    fn caught_up(&self) -> bool {
        self.behind && self.tx.capacity() > 0
    }
}

impl Write for ChannelOut {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let frame = std::mem::take(&mut self.buf);
        // A client that is behind misses frames rather than queueing them: only the latest
        // screen matters, and it is sent whole once the client catches up.
        match self.tx.try_send(frame) {
            Ok(()) => Ok(()),
            Err(async_mpsc::error::TrySendError::Full(_)) => {
                self.behind = true;
                Ok(())
            }
            Err(async_mpsc::error::TrySendError::Closed(_)) => {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
        }
    }
}

/// Everything a reader starts with.
pub struct Start {
    /// The reader's state, over the library as it is now.
    pub app: App,
    /// The client's window.
    pub size: Size,
    /// How frames are encoded for the client's terminal.
    pub wire: WireOptions,
    /// Where `r` goes.
    pub library: Option<Service>,
    /// A deep link to open: a briefing id and maybe a section id (`ssh -t host id#section`).
    pub link: Option<(String, Option<String>)>,
    /// Ends the session after this long without the reader's input (keepalives do not count).
    pub idle: Option<std::time::Duration>,
    /// The exit status the client gets: set to 1 when the session ends on an error.
    pub status: std::sync::Arc<std::sync::atomic::AtomicU32>,
    /// Where the reader's places are kept, under `reader` (their key's fingerprint).
    pub store: Option<(crate::store::Handle, String)>,
    /// The client's latest window size (see [`WindowSize`]).
    pub window: std::sync::Arc<WindowSize>,
}

/// What the reader's loop works with besides its session and its input.
struct Around<'a> {
    /// Where `r` goes.
    library: Option<&'a Service>,
    /// Ends the session after this long without the reader's input.
    idle: Option<std::time::Duration>,
    /// Where the reader's places are kept, under their name.
    store: Option<&'a (crate::store::Handle, String)>,
    /// The client's latest window size.
    window: &'a WindowSize,
}

/// Longest a session waits for its reader's places before it starts without them.
pub const POSITIONS_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs a reader until it quits or its channel closes; its frames go to `out`. Takes the
/// client's terminal on start and gives it back (alternate screen left, mouse and paste off,
/// cursor shown) on the way out.
// Over 40 lines as one function: a session's life in order: a link checked, the terminal taken, the
// session, the link opened at the client's width, the loop under catch_unwind, the terminal given
// back.
pub fn run(start: Start, input: &mpsc::Receiver<In>, out: async_mpsc::Sender<Vec<u8>>) {
    let Start {
        mut app,
        size,
        wire,
        library,
        link,
        idle,
        status,
        store,
        window,
    } = start;
    if let Some((store, reader)) = &store {
        app = app.with_positions(store.positions_of(reader, POSITIONS_WAIT));
    }
    let mut channel = ChannelOut {
        tx: out,
        buf: Vec::new(),
        behind: false,
    };
    // A link that leads nowhere is one line, and the session ends: nothing is taken.
    if let Some((id, section)) = &link
        && let Err(why) = app.open_link(id, section.as_deref())
    {
        status.store(1, std::sync::atomic::Ordering::SeqCst);
        let _ = send(&mut channel, &format!("brief: {why}\r\n"));
        return;
    }
    let mouse = if app.view.mouse { MOUSE_ON } else { "" };
    if send(
        &mut channel,
        &format!("\x1b[?1049h\x1b[?25l{PASTE_ON}{mouse}"),
    )
    .is_err()
    {
        return;
    }
    let mut session = Session::new(&mut app, channel, size, wire);
    // Laid out at the client's width now: the link's section is found again on screen.
    if let Some((id, section)) = &link {
        let _ = session.app.open_link(id, section.as_deref());
        let _ = session.repaint();
    }
    // A panic ends this session only: its client gets its terminal back and status 1, and
    // the server serves the others.
    let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let around = Around {
            library: library.as_ref(),
            idle,
            store: store.as_ref(),
            window: &window,
        };
        serve(&mut session, input, &around)
    }));
    // Where the reader was is saved however the session ended.
    if let Some((store, reader)) = &store {
        session.app.positions();
        for visit in session.app.take_visits() {
            store.save_as(reader, visit);
        }
    }
    let ended = ended.unwrap_or_else(|_| {
        status.store(1, std::sync::atomic::Ordering::SeqCst);
        Ok(false)
    });
    if ended.is_ok_and(|closed| !closed) {
        let give_back = format!("\x1b[0m{MOUSE_OFF}{PASTE_OFF}{RESTORE_MODES}\x1b[?25h\x1b[?1049l");
        let _ = send(session.writer_mut(), &give_back);
    }
}

/// Writes `text` to the channel as one frame that must arrive (taking or giving back the
/// client's terminal, a last word): it waits for room, at most [`LAST_WORD_WAIT`].
fn send(channel: &mut ChannelOut, text: &str) -> io::Result<()> {
    let deadline = Instant::now() + LAST_WORD_WAIT;
    let mut frame = text.as_bytes().to_vec();
    loop {
        match channel.tx.try_send(frame) {
            Ok(()) => return Ok(()),
            Err(async_mpsc::error::TrySendError::Full(back)) if Instant::now() < deadline => {
                frame = back;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(_) => return Err(io::Error::from(io::ErrorKind::BrokenPipe)),
        }
    }
}

/// How often a session looks for the answer of a search across the library under way.
const ANSWER_POLL: std::time::Duration = std::time::Duration::from_millis(5);

/// Longest a frame that must arrive waits for a client that is behind.
const LAST_WORD_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Applies one input; `Some(closed)` when the session ends (the channel closed, or the
/// server is stopping).
fn take(
    session: &mut Session<'_, ChannelOut>,
    item: In,
    window: &WindowSize,
    batch: &mut Batch,
) -> io::Result<Option<bool>> {
    let app = &mut *session.app;
    match item {
        // Ctrl-Z has no meaning here: the client's shell is not ours to return to.
        In::Bytes(bytes) => session.feed(&bytes, Instant::now(), batch, &mut |_| Ok(()))?,
        In::Resize => session.resize(window.take())?,
        In::Library(Published::Total(total)) => batch.dirty |= app.update(Msg::Loading(total)),
        In::Library(Published::Snapshot(snapshot)) => {
            batch.dirty |= app.update(Msg::Snapshot(snapshot));
        }
        In::Library(Published::Notice(line)) => batch.dirty |= app.update(Msg::Notice(line)),
        // The server reads its library before its readers come: an opening would be shown to
        // none but a reader connected in the first milliseconds.
        In::Library(Published::Opening(..)) => {}
        In::Close => return Ok(Some(true)),
        In::Stop => return Ok(Some(false)),
    }
    Ok(None)
}

/// The reader's loop; returns whether the channel closed (rather than the reader quitting).
// Over 40 lines as one function: the session's loop: wait (for input, an ESC's end or idleness),
// apply what came, draw once.
fn serve(
    session: &mut Session<'_, ChannelOut>,
    input: &mpsc::Receiver<In>,
    around: &Around<'_>,
) -> io::Result<bool> {
    let Around {
        library,
        idle,
        store,
        window,
    } = *around;
    // Searches across the library answer on a queue of their own, looked at every few
    // milliseconds while one runs: the input queue stays the connection's alone, so that it
    // ends when the connection does.
    let (answer, answers) = mpsc::channel();
    let mut searcher = crate::term::searcher::Searcher::new(std::sync::Arc::new(move |msg| {
        answer.send(msg).is_ok()
    }));
    session.draw(None)?;
    session.finish_layout()?;
    let mut last_input = Instant::now();
    let mut mouse = session.app.view.mouse;
    loop {
        let idle_due = idle.map(|idle| last_input + idle);
        // Behind: look again soon for room to send the whole screen.
        let catch_up = session
            .writer_mut()
            .behind
            .then(|| Instant::now() + std::time::Duration::from_millis(50));
        // A search under way: look for its answer soon.
        let answer_due = session
            .app
            .library_search()
            .searching()
            .then(|| Instant::now() + ANSWER_POLL);
        let due = [session.deadline(), idle_due, catch_up, answer_due]
            .into_iter()
            .flatten()
            .min();
        let first = match due {
            None => input.recv().ok(),
            Some(due) => match input.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(i) => Some(i),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(true),
            },
        };
        // Idle (only the reader's input counts, never keepalives): the terminal is given back.
        if first.is_none() && idle_due.is_some_and(|due| Instant::now() >= due) {
            return Ok(false);
        }
        let mut batch = Batch::default();
        let spot = ArticleSpot::of(session.app);
        session.expire(Instant::now(), &mut batch, &mut |_| Ok(()))?;
        for item in first.into_iter().chain(input.try_iter()) {
            if let In::Bytes(_) = item {
                last_input = Instant::now();
            }
            if let Some(closed) = take(session, item, window, &mut batch)? {
                return Ok(closed);
            }
        }
        for found in answers.try_iter() {
            batch.dirty |= session.app.update(found);
        }
        if batch.quit {
            return Ok(false);
        }
        if batch.reload
            && let Some(service) = library
        {
            service.reload();
        }
        // The reader turned mouse capture off (to select text) or on: the client's terminal
        // must be told, whatever else is dropped.
        if session.app.view.mouse != mouse {
            mouse = session.app.view.mouse;
            send(
                session.writer_mut(),
                if mouse { MOUSE_ON } else { MOUSE_OFF },
            )?;
        }
        if let Some(request) = session.app.take_work() {
            searcher.start(std::sync::Arc::clone(&session.app.library), request);
        }
        // Places of briefings the reader left, saved now, off this thread.
        if let Some((store, reader)) = store {
            for visit in session.app.take_visits() {
                store.save_as(reader, visit);
            }
        }
        let out = session.writer_mut();
        if out.caught_up() {
            out.behind = false;
            session.repaint()?;
        } else if session.writer_mut().behind {
            // Still behind: nothing is sent until the client has room for a whole frame.
        } else if batch.repaint {
            session.repaint()?;
        } else if batch.dirty {
            session.draw(Some(spot))?;
        }
        if !session.writer_mut().behind {
            session.finish_layout()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_window_changes_is_one_message_and_the_last_size_wins() {
        let window = WindowSize::default();
        assert!(window.set(Size::new(80, 24)), "the first change is told");
        for width in 81..2000 {
            assert!(!window.set(Size::new(width, 30)), "one is queued already");
        }
        assert_eq!(window.take(), Size::new(MAX_COLUMNS, 30), "clamped");
        assert!(
            window.set(Size::new(100, 40)),
            "taken: the next change is told"
        );
        window.unqueue();
        assert!(
            window.set(Size::new(90, 20)),
            "not delivered: the next one tries again"
        );
        assert_eq!(window.take(), Size::new(90, 20));
    }

    #[test]
    fn sizes_from_a_client_are_clamped_before_anything_is_allocated() {
        assert_eq!(clamp_size(0, 0), Size::new(1, 1));
        assert_eq!(clamp_size(80, 24), Size::new(80, 24));
        assert_eq!(clamp_size(60_000, 60_000), Size::new(MAX_COLUMNS, MAX_ROWS));
        assert_eq!(clamp_size(u32::MAX, 5), Size::new(MAX_COLUMNS, 5));
    }

    #[test]
    fn a_client_that_is_behind_misses_frames_and_is_owed_a_whole_one() {
        let (tx, mut rx) = async_mpsc::channel(2);
        let mut out = ChannelOut {
            tx,
            buf: Vec::new(),
            behind: false,
        };
        for frame in 0..10_u8 {
            out.write_all(&[frame]).expect("write");
            out.flush().expect("a full queue is not an error");
        }
        assert!(out.behind);
        assert!(!out.caught_up(), "no room yet");
        assert_eq!(rx.try_recv().ok(), Some(vec![0]));
        assert_eq!(rx.try_recv().ok(), Some(vec![1]));
        assert!(out.caught_up(), "room again: a whole frame is owed");
        drop(rx);
        out.write_all(b"x").expect("write");
        assert!(out.flush().is_err(), "a client gone is an error");
    }
}
