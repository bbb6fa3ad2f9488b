//! End-to-end: the real binary in a pseudo-terminal, its output read by a terminal emulator.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long a test waits for a screen or an exit before calling it a hang: generous, since a
/// loaded machine is slow; no test here asserts a speed.
const GUARD: Duration = Duration::from_secs(30);

#[path = "support/pty.rs"]
mod pty;

struct Session {
    parser: vt100::Parser,
    /// Every byte the program wrote.
    raw: Vec<u8>,
    output: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    _state: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start_with_env(args, &[], cols, rows)
    }

    fn start_with_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        Self::spawn(cmd, env, cols, rows)
    }

    /// Runs a shell `script` in the terminal, with `$0` the brief binary (for redirections).
    fn start_shell(script: &str, cols: u16, rows: u16) -> Self {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script, env!("CARGO_BIN_EXE_brief")]);
        Self::spawn(cmd, &[], cols, rows)
    }

    fn spawn(mut cmd: CommandBuilder, env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        // Reading positions go to a directory of the session's own unless the test names one.
        let state = tempfile::tempdir().expect("state dir");
        cmd.env("XDG_STATE_HOME", state.path());
        // No file of the machine's own is read: a scratch home and configuration directory.
        cmd.env("HOME", state.path().join("home"));
        cmd.env("XDG_CONFIG_HOME", state.path().join("config"));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn brief");
        drop(pair.slave);
        let output = pty::pump(pair.master.try_clone_reader().expect("reader"));
        let writer = pair.master.take_writer().expect("writer");
        Self {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            output,
            writer,
            child,
            _master: pair.master,
            _state: state,
        }
    }

    /// Feeds output to the emulator until `pred` holds for the screen (or panics after 10 s).
    fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let fed = pty::wait_screen(&mut self.parser, &self.output, GUARD, what, pred);
        self.raw.extend_from_slice(&fed);
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.parser.process(bytes);
    }

    fn wait_text(&mut self, text: &str) {
        let wanted = text.to_owned();
        self.wait_for(text, move |s| s.contents().contains(&wanted));
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits for exit, draining output into the emulator; returns whether it exited in time.
    fn wait_exit(&mut self, within: Duration) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.feed(&bytes);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread hand over the last bytes.
                std::thread::sleep(Duration::from_millis(50));
                while let Ok(bytes) = self.output.try_recv() {
                    self.feed(&bytes);
                }
                return Some(status);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn opens_on_the_seed_answers_keys_and_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_text("Historic Move: Syria Joins Global");
    assert!(
        s.parser.screen().alternate_screen(),
        "the reader draws on the alternate screen"
    );
    assert!(s.parser.screen().hide_cursor());
    s.send(b"2");
    s.wait_text("White House Visit");
    s.send(b"T");
    s.wait_text("Key takeaways");
    s.send(b"\x1b");
    s.wait_for("skim view closed", |sc| {
        !sc.contents().contains("Key takeaways")
    });
    s.send(b"q");
    let status = s.wait_exit(GUARD).expect("brief exits on q");
    assert!(status.success(), "{status:?}");
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "cursor visible again");
}

#[test]
fn wide_terminal_shows_every_pane_and_help() {
    let mut s = Session::start(&["content"], 200, 60);
    // The first file is shown at once and the rest follow, and a frame can arrive in pieces:
    // wait for every pane of the settled screen.
    let panes = ["Briefings (2)", "Outline", "Article", "Takeaways (5)"];
    s.wait_for("every pane", move |screen| {
        let contents = screen.contents();
        panes.iter().all(|pane| contents.contains(pane))
    });
    s.send(b"?");
    s.wait_text("Jump to takeaway N and its section");
    s.send(b"q");
    s.wait_for("help closed", |sc| {
        !sc.contents().contains("Jump to takeaway N")
    });
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn hostile_strings_show_as_harmless_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.toml");
    std::fs::write(
        &file,
        "[briefing]\ntitle = \"Evil \\u001b[2J\\u001b]0;pwned\\u0007 title\"\n[[sections]]\nheading = \"H\"\nbody = \"red \\u001b[31mtext\\u009b1m and \\u202eevil\"\n",
    )
    .unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], 80, 24);
    s.wait_text("Evil ␛[2J␛]0;pwned␇ title");
    let screen = s.parser.screen();
    // The emulator drops U+FFFD from its screen text, so look for it in the bytes.
    assert!(
        screen.contents().contains("red ␛[31mtext"),
        "{}",
        screen.contents()
    );
    assert!(String::from_utf8_lossy(&s.raw).contains("text\u{fffd}1m and evil"));
    assert!(
        !s.raw.windows(2).any(|w| w == b"\x1b]"),
        "no OSC sequence reached the terminal"
    );
    assert!(
        !s.raw.windows(4).any(|w| w == b"\x1b[2J"),
        "no clear-screen from the content"
    );
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some());
}

#[test]
fn no_color_keeps_highlights_as_modifiers() {
    let mut s = Session::start_with_env(&["content"], &[("NO_COLOR", "1")], 100, 30);
    s.wait_text("Historic Move");
    let screen = s.parser.screen().clone();
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some());
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(
        !raw.contains("\x1b[38;") && !raw.contains("\x1b[48;"),
        "no colour at all"
    );
    // "ISIL" is an organisation: bold in the mono theme, as the emulator sees it.
    let (row, line) = screen
        .contents()
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("the ISIL"))
        .map(|(r, l)| (r, l.to_owned()))
        .unwrap();
    let col = line
        .get(..line.find("the ISIL").unwrap())
        .unwrap()
        .chars()
        .count()
        + 4;
    let cell = screen
        .cell(u16::try_from(row).unwrap(), u16::try_from(col).unwrap())
        .unwrap();
    assert_eq!(cell.contents(), "I");
    assert!(cell.bold(), "keywords stay visible without colour");
    let plain = screen
        .cell(u16::try_from(row).unwrap(), u16::try_from(col - 2).unwrap())
        .unwrap();
    assert!(!plain.bold() && !plain.underline());
}

#[test]
fn a_briefing_reopens_where_it_was_left() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let mut s = Session::start_with_env(&["content"], &env, 80, 24);
    s.wait_text("Historic Move");
    s.send(b"5");
    s.wait_text("Foiled Assassination Plots Against");
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some());
    assert!(state.path().join("brief/state.db").is_file());
    // Again, at another width: the same text is at the top.
    let mut s = Session::start_with_env(&["content"], &env, 100, 30);
    s.wait_text("Foiled Assassination Plots Against");
    let top = s
        .parser
        .screen()
        .contents()
        .lines()
        .nth(1) // the first row inside the article's border
        .unwrap_or_default()
        .to_owned();
    assert!(top.contains("Foiled Assassination"), "{top}");
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some());
}

/// Waits until `s` writes nothing for `quiet` (at most [`GUARD`] in all).
fn settle(s: &mut Session, quiet: Duration) {
    let deadline = Instant::now() + GUARD;
    while Instant::now() < deadline {
        match s.output.recv_timeout(quiet) {
            Ok(bytes) => s.feed(&bytes),
            Err(_) => return,
        }
    }
}

fn wheel_down() -> &'static [u8] {
    b"\x1b[<65;40;12M"
}

#[test]
fn a_burst_of_mouse_reports_is_handled_whole_when_it_arrives() {
    // Three wheel-downs sent one by one: the screen they lead to.
    let mut one_by_one = Session::start(&[], 80, 24);
    one_by_one.wait_text("Historic Move: Syria Joins Global");
    settle(&mut one_by_one, Duration::from_millis(300));
    let top = one_by_one.parser.screen().contents();
    for _ in 0..3 {
        // Each one is seen to scroll before the next is sent, however slow the machine.
        let before = one_by_one.parser.screen().contents();
        one_by_one.send(wheel_down());
        one_by_one.wait_for("a wheel-down applied", |screen| screen.contents() != before);
        settle(&mut one_by_one, Duration::from_millis(200));
    }
    let scrolled = one_by_one.parser.screen().contents();
    assert_ne!(scrolled, top, "the wheel scrolls the article");
    one_by_one.send(b"q");
    assert!(one_by_one.wait_exit(GUARD).is_some());

    // The same three after 84 motion reports, in one 1,044-byte write, and no key after them.
    let mut burst = Vec::new();
    for i in 0..84 {
        burst.extend_from_slice(format!("\x1b[<35;{};10M", 10 + i % 10).as_bytes());
    }
    for _ in 0..3 {
        burst.extend_from_slice(wheel_down());
    }
    assert_eq!(burst.len(), 1044);
    let mut s = Session::start(&[], 80, 24);
    s.wait_text("Historic Move: Syria Joins Global");
    settle(&mut s, Duration::from_millis(300));
    s.send(&burst);
    s.wait_for("all three wheel-downs applied", |screen| {
        screen.contents() == scrolled
    });
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some());
}

#[test]
fn a_paste_is_prompt_text_and_never_runs_as_keys() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_text("Historic Move: Syria Joins Global");
    s.send(b"/");
    settle(&mut s, Duration::from_millis(200));
    // Split across reads, with a line break and the `q` that used to quit.
    for part in [
        b"\x1b[200~shar".as_slice(),
        b"ply\rquo",
        b"ted later\x1b[20",
        b"1~",
    ] {
        s.send(part);
        std::thread::sleep(Duration::from_millis(60));
    }
    s.wait_text("sharply quoted later");
    // Outside a prompt, a paste does nothing at all.
    s.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(100));
    s.send(b"\x1b[200~q\rqq\x1b[201~");
    settle(&mut s, Duration::from_millis(300));
    assert!(
        s.child.try_wait().expect("status").is_none(),
        "a pasted q quit the reader"
    );
    s.send(b"q");
    let status = s.wait_exit(GUARD).expect("exits on q");
    assert!(status.success(), "{status:?}");
}

#[test]
fn ctrl_c_quits_when_quit_is_rebound_even_from_an_overlay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keys = dir.path().join("keys.toml");
    std::fs::write(&keys, "[keys]\nquit = [\"x\"]\n").expect("keys file");
    let keys = keys.to_string_lossy().into_owned();
    for overlay in [None, Some(b"?".as_slice())] {
        let mut s = Session::start(&["--keys", &keys], 80, 24);
        s.wait_text("Historic Move: Syria Joins Global");
        if let Some(key) = overlay {
            s.send(key);
            settle(&mut s, Duration::from_millis(200));
        }
        s.send(b"\x03");
        let status = s.wait_exit(GUARD).expect("Ctrl-C quits");
        assert!(status.success(), "{status:?}");
        assert!(!s.parser.screen().alternate_screen());
    }
}

/// The linear reader in a pty: brief with `args` and `term` as TERM (`None`: unset), fed
/// `keys` one step at a time (each step sent once the text before it is on screen; no keys
/// sends SIGTERM instead); returns
/// everything it wrote, its exit status and the terminal's line-mode flags afterwards.
fn linear_reader(
    term: Option<&str>,
    args: &[&str],
    steps: &[(&str, &[u8])],
) -> (
    Vec<u8>,
    portable_pty::ExitStatus,
    nix::sys::termios::LocalFlags,
) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.args(args);
    let state = tempfile::tempdir().expect("state dir");
    cmd.env("XDG_STATE_HOME", state.path());
    cmd.env("XDG_CONFIG_HOME", state.path().join("config"));
    cmd.env("HOME", state.path().join("home"));
    cmd.env("COLORTERM", "truecolor");
    cmd.env_remove("NO_COLOR");
    match term {
        Some(term) => cmd.env("TERM", term),
        None => cmd.env_remove("TERM"),
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn brief");
    drop(pair.slave);
    let output = pty::pump(pair.master.try_clone_reader().expect("reader"));
    let mut writer = pair.master.take_writer().expect("writer");
    let mut raw = Vec::new();
    let deadline = Instant::now() + GUARD;
    let mut steps = steps.iter();
    let mut step = steps.next();
    let status = loop {
        while let Ok(bytes) = output.try_recv() {
            raw.extend_from_slice(&bytes);
        }
        if let Some((after, keys)) = step
            && String::from_utf8_lossy(&raw).contains(after)
        {
            if keys.is_empty() {
                let pid = child.process_id().expect("pid");
                let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).expect("pid"));
                nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("kill");
            } else {
                writer.write_all(keys).expect("keys");
                writer.flush().expect("flush");
            }
            step = steps.next();
        }
        if let Some(status) = child.try_wait().expect("status") {
            std::thread::sleep(Duration::from_millis(50));
            while let Ok(bytes) = output.try_recv() {
                raw.extend_from_slice(&bytes);
            }
            break status;
        }
        let late = Instant::now() > deadline;
        if late {
            let _ = child.kill();
        }
        assert!(
            !late,
            "{term:?}: still running; wrote {:?}",
            String::from_utf8_lossy(&raw)
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let flags = pair.master.get_termios().expect("termios").local_flags;
    (raw, status, flags)
}

#[test]
fn a_dumb_empty_or_unset_term_gets_the_linear_reader_without_one_escape() {
    use nix::sys::termios::LocalFlags;
    let steps: &[(&str, &[u8])] = &[
        ("8 sections, 5 takeaways.", b" "),
        ("Section 1 of 8: Introduction", b"2"),
        ("Takeaway 2 of 5:", b"t"),
        ("Key takeaways:", b"q"),
    ];
    for term in [Some("dumb"), Some(""), None] {
        let (raw, status, flags) = linear_reader(term, &[], steps);
        assert!(status.success(), "{term:?}: {status:?}");
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("Section 3 of 8: Al-Sharaa"),
            "{term:?}: {text}"
        );
        assert!(
            !raw.contains(&0x1b),
            "{term:?}: an escape sequence was written: {:?}",
            text.escape_debug().to_string().get(..400)
        );
        assert!(
            flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO),
            "{term:?}: the terminal's line mode is back: {flags:?}"
        );
    }
}

#[test]
fn plain_answers_questions_in_line_mode_and_gives_the_terminal_back_on_a_signal() {
    use nix::sys::termios::LocalFlags;
    // On a terminal that could draw the full screen, --plain still asks for the linear reader.
    let steps: &[(&str, &[u8])] = &[
        ("8 sections, 5 takeaways.", b"o"),
        ("Go to section number: ", b"4\r"),
        ("Section 4 of 8: Syria Launches", b"/"),
        ("Search for: ", b"coalition\r"),
        ("match for \"coalition\"", b"l"),
        ("Open briefing number: ", b"2\r"),
        ("Briefing 2 of 2: Getting started", b"q"),
    ];
    let (raw, status, flags) = linear_reader(Some("xterm-256color"), &["--plain"], steps);
    let text = String::from_utf8_lossy(&raw);
    assert!(status.success(), "{status:?}: {text}");
    assert!(!raw.contains(&0x1b), "{text:?}");
    // The answers were echoed by the terminal's own line mode.
    assert!(text.contains("Go to section number: 4"), "{text}");
    assert!(text.contains("Search for: coalition"), "{text}");
    assert!(flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO));
    // Ended by a signal in raw mode, or at a question: the line mode is back, status 128 + 15.
    let start = "8 sections, 5 takeaways.";
    let raw_mode: &[(&str, &[u8])] = &[(start, b"")];
    let at_a_question: &[(&str, &[u8])] = &[(start, b"o"), ("Go to section number: ", b"")];
    for (at, steps) in [("raw mode", raw_mode), ("a question", at_a_question)] {
        let (_, status, flags) = linear_reader(Some("dumb"), &[], steps);
        assert_eq!(status.exit_code(), 143, "{at}");
        assert!(
            flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO),
            "{at}: {flags:?}"
        );
    }
}

#[test]
fn ctrl_d_at_a_question_of_the_linear_reader_ends_the_question_not_the_reader() {
    use nix::sys::termios::LocalFlags;
    let steps: &[(&str, &[u8])] = &[
        ("8 sections, 5 takeaways.", b"o"),
        ("Go to section number: ", b"\x04"),
        ("Nothing chosen.", b"/"),
        ("Search for: ", b"\x04"),
        // The reader goes on: a key after the second question still answers.
        ("Search for: Nothing chosen.", b"]"),
        // Typed, then Ctrl-D twice (the first sends the text, the second ends the input):
        // what was typed is the answer.
        ("Section 1 of 8: Introduction", b"l"),
        ("Open briefing number: ", b"2\x04\x04"),
        ("Briefing 2 of 2: Getting started", b"q"),
    ];
    let (raw, status, flags) = linear_reader(Some("dumb"), &[], steps);
    let text = String::from_utf8_lossy(&raw);
    assert!(status.success(), "{status:?}: {text}");
    assert_eq!(text.matches("Nothing chosen.").count(), 2, "{text}");
    assert!(
        !text.contains("\r\r"),
        "one line ending in either mode: {text:?}"
    );
    assert!(flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO));
}

#[test]
fn plain_piped_prints_the_whole_briefing_as_lines() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--plain", "content/syria-joins-anti-isil-coalition.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", "/nonexistent")
        .output()
        .expect("run brief");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("\nSection ").count(), 8, "{text}");
    assert!(text.contains("Key takeaways:\n1. "));
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn a_briefing_piped_into_the_reader_takes_keys_from_the_terminal() {
    // Standard input is the file; keys typed on the terminal still drive the reader.
    let mut s = Session::start_shell("exec \"$0\" - < content/getting-started.toml", 80, 24);
    s.wait_text("Getting started with brief");
    assert!(s.parser.screen().alternate_screen());
    s.send(b"?");
    s.wait_text("Jump to takeaway N and its section");
    s.send(b"q");
    s.wait_for("help closed", |sc| {
        !sc.contents().contains("Jump to takeaway N")
    });
    s.send(b"q");
    let status = s.wait_exit(GUARD).expect("brief exits on q");
    assert!(status.success(), "{status:?}");
    assert!(!s.parser.screen().alternate_screen());
    // A built-in briefing, by the name `list` prints.
    let mut s = Session::start(&["built-in:getting-started"], 80, 24);
    s.wait_text("Getting started with brief");
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some_and(|st| st.success()));
}

/// Starts brief on `args` with its state in `state`.
fn reader(args: &[&str], state: &Path, cols: u16, rows: u16) -> Session {
    Session::start_with_env(
        args,
        &[("XDG_STATE_HOME", state.to_str().expect("a UTF-8 path"))],
        cols,
        rows,
    )
}

/// Quits `s` with `q` and waits for it to end.
fn quit(s: &mut Session) {
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some(), "brief did not exit");
}

/// Starts brief on `args` with its state in `state`, checks that `text` comes up (where the
/// last reader left off), and quits.
fn reopens_at(args: &[&str], state: &Path, text: &str) {
    let mut s = reader(args, state, 80, 24);
    s.wait_text(text);
    quit(&mut s);
}

const SEED: &str = "content/syria-joins-anti-isil-coalition.toml";
const GUIDE: &str = "content/getting-started.toml";

#[test]
fn two_readers_at_once_both_keep_their_place() {
    let state = tempfile::tempdir().unwrap();
    let mut a = reader(&[SEED], state.path(), 80, 24);
    let mut b = reader(&[GUIDE], state.path(), 80, 24);
    a.wait_text("Historic Move");
    b.wait_text("Getting started");
    a.send(b"5");
    a.wait_text("Foiled Assassination Plots Against");
    b.send(b"G");
    b.wait_text("brief list lists the briefings");
    // The first to quit is not overwritten by the second.
    quit(&mut a);
    quit(&mut b);
    reopens_at(&[SEED], state.path(), "Foiled Assassination Plots Against");
    reopens_at(&[GUIDE], state.path(), "brief list lists the briefings");
}

#[test]
fn a_reader_killed_at_once_keeps_the_briefing_it_left() {
    let state = tempfile::tempdir().unwrap();
    let mut s = reader(&["content"], state.path(), 80, 24);
    s.wait_text("Historic Move");
    s.send(b"5");
    s.wait_text("Foiled Assassination Plots Against");
    // To the other briefing: leaving this one saves where it was left.
    s.send(b"\x1b[Z\x1b[Zj\r");
    s.wait_text("Getting started");
    let db = state.path().join("brief/state.db");
    let deadline = Instant::now() + Duration::from_secs(30);
    let saved = || {
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM positions", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0)
    };
    while saved() == 0 {
        assert!(Instant::now() < deadline, "the position was never written");
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = s.child.process_id().expect("pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(pid).expect("pid")),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("kill -9");
    assert!(s.wait_exit(GUARD).is_some());
    reopens_at(
        &["content"],
        state.path(),
        "Foiled Assassination Plots Against",
    );
}

#[test]
fn a_damaged_store_is_set_aside_and_the_reader_starts() {
    let state = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(state.path().join("brief")).unwrap();
    std::fs::write(state.path().join("brief/state.db"), vec![b'x'; 5000]).unwrap();
    let mut s = reader(&[SEED], state.path(), 200, 30);
    s.wait_text("Historic Move");
    s.wait_text("was damaged");
    s.send(b"5");
    s.wait_text("Foiled Assassination Plots Against");
    quit(&mut s);
    let names: Vec<String> = std::fs::read_dir(state.path().join("brief"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.db.damaged-")),
        "{names:?}"
    );
    // The new store holds the position.
    reopens_at(&[SEED], state.path(), "Foiled Assassination Plots Against");
}

#[test]
fn a_state_directory_that_cannot_be_made_is_one_message_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let mut s = reader(&[SEED], &blocker, 200, 30);
    s.wait_text("Historic Move");
    s.wait_text("reading positions will not be saved");
    s.send(b"j");
    s.send(b"q");
    let status = s.wait_exit(GUARD).expect("exits");
    assert!(status.success());
}

#[test]
fn r_reads_the_briefings_again_whatever_way_the_editor_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.toml");
    let text = std::fs::read_to_string(SEED).unwrap();
    std::fs::write(&file, &text).unwrap();
    let state = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap().to_owned();
    // Not watching: only `r` reads the file again.
    let mut s = reader(&["--no-watch", &path], state.path(), 100, 30);
    s.wait_text("Historic Move");
    // Written to a temporary file and renamed over the original, as vim and most editors do.
    let temp = dir.path().join(".brief.toml.swp");
    std::fs::write(&temp, text.replace("Historic Move", "Renamed Move")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    s.send(b"r");
    s.wait_text("Renamed Move");
    // Truncated and written in place, as `sed -i` or a plain `>` redirect leaves it.
    std::fs::write(&file, text.replace("Historic Move", "Rewritten Move")).unwrap();
    s.send(b"r");
    s.wait_text("Rewritten Move");
    // A broken save: the last good version stays, and the status line says so.
    std::fs::write(&file, "[briefing\n").unwrap();
    s.send(b"r");
    s.wait_text("no longer loads");
    assert!(s.parser.screen().contents().contains("Rewritten Move"));
    quit(&mut s);
}

/// A directory holding the seed as `brief.toml`, and a reader watching it at 120×30.
struct Watched {
    dir: tempfile::TempDir,
    file: std::path::PathBuf,
    text: String,
    _state: tempfile::TempDir,
    s: Session,
}

fn watched() -> Watched {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("brief.toml");
    let text = std::fs::read_to_string(SEED).expect("seed");
    std::fs::write(&file, &text).expect("write");
    let state = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_str().expect("a UTF-8 path");
    let mut s = reader(&[path], state.path(), 120, 30);
    s.wait_text("Historic Move");
    // Changes are read once the first load is over: one seen on screen means the load is
    // done (so the briefing the reader opened is the one it keeps) and the watch is on. An
    // older briefing is added (by the load or by the watch, whichever comes first), then
    // removed, which only the watch can show.
    let ready = dir.path().join("ready.toml");
    let older = text.replacen("2025-11-10", "2001-01-01", 1);
    std::fs::write(&ready, older).expect("write");
    s.wait_text("Briefings (2)");
    std::fs::remove_file(&ready).expect("remove");
    s.wait_text("reloaded: 1 removed");
    Watched {
        dir,
        file,
        text,
        _state: state,
        s,
    }
}

/// The seed with its headline's first words replaced by `words` (13 characters, so that a
/// write in place covers the old text exactly).
fn headline(text: &str, words: &str) -> String {
    assert_eq!(words.len(), "Historic Move".len());
    text.replace("Historic Move", words)
}

#[test]
fn every_way_an_editor_saves_reaches_the_open_briefing_without_a_key() {
    let mut watched = watched();
    let Watched {
        dir, file, text, s, ..
    } = &mut watched;
    // Written in place, over the same bytes, without truncating.
    let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
    f.write_all(headline(text, "In-Place Move").as_bytes())
        .unwrap();
    drop(f);
    s.wait_text("In-Place Move");
    // Truncated and written, as a `>` redirect or most small editors do.
    std::fs::write(&file, headline(text, "Truncated Mov")).unwrap();
    s.wait_text("Truncated Mov");
    // Written to a temporary file and renamed over the briefing (vim, safe write).
    let temp = dir.path().join(".brief.toml.swp");
    std::fs::write(&temp, headline(text, "Renamed Move!")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    s.wait_text("Renamed Move!");
    // Deleted and written again.
    std::fs::remove_file(&file).unwrap();
    std::fs::write(&file, headline(text, "Recreated Mov")).unwrap();
    s.wait_text("Recreated Mov");
    // `sed -i`: a temporary file of sed's own, renamed over.
    let status = std::process::Command::new("sed")
        .args(["-i", "s/Recreated Mov/Sed-Edit Move/"])
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_text("Sed-Edit Move");
    s.wait_text("reloaded: 1 briefing changed");
    quit(s);
}

#[test]
fn a_broken_save_keeps_the_last_good_version_with_its_error_until_fixed() {
    let mut watched = watched();
    let Watched { file, text, s, .. } = &mut watched;
    s.send(b"5");
    s.wait_text("Foiled Assassination Plots Against");
    // A save cut half-way through a string.
    let cut = text.find("Foiled Assassination").unwrap();
    std::fs::write(&file, text.get(..cut + 6).unwrap()).unwrap();
    s.wait_text("brief.toml no longer loads: last good version shown, ! for why");
    let screen = s.parser.screen().contents();
    assert!(
        screen.contains("Foiled Assassination Plots Against"),
        "{screen}"
    );
    // The error, with its place in the file.
    s.send(b"!");
    s.wait_text("Files that failed to load (1)");
    s.wait_text(": error: invalid TOML: this string is not closed on its line");
    s.send(b"\x1b");
    // Fixed: the new text, at the same place.
    std::fs::write(
        &file,
        text.replace("Foiled Assassination", "Thwarted Assassination"),
    )
    .unwrap();
    s.wait_text("Thwarted Assassination Plots Against");
    s.wait_text("reloaded: 1 briefing changed");
    quit(s);
}

#[test]
fn files_and_directories_coming_and_going_are_followed() {
    let mut watched = watched();
    let Watched {
        dir, file, text, s, ..
    } = &mut watched;
    // A new file in a new directory tree, made at once.
    let deep = dir.path().join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    let dated = |title: &str, date: &str| {
        text.replacen(
            "Historic Move: Syria Joins Global Coalition Against ISIL",
            title,
            1,
        )
        .replacen("2025-11-10", date, 1)
    };
    std::fs::write(deep.join("new.toml"), dated("Newcomer", "2026-01-01")).unwrap();
    s.wait_text("Briefings (2)");
    s.wait_text("Newcomer");
    // Editor artefacts beside it are not briefings.
    std::fs::write(dir.path().join(".brief.toml.swp"), "x").unwrap();
    std::fs::write(dir.path().join("brief.toml~"), &text).unwrap();
    std::fs::write(dir.path().join("#brief.toml#"), &text).unwrap();
    // A burst: two hundred briefings written at once end in one library of 202.
    let burst = dir.path().join("burst");
    std::fs::create_dir(&burst).unwrap();
    for i in 0..200 {
        let title = format!("Burst {i}");
        std::fs::write(burst.join(format!("{i}.toml")), dated(&title, "2020-01-01")).unwrap();
    }
    s.wait_text("Briefings (202)");
    // ... and removed at once.
    std::fs::remove_dir_all(&burst).unwrap();
    s.wait_text("Briefings (2)");
    // The open briefing's file is removed: it stays on screen, and the reader is told.
    std::fs::remove_file(&file).unwrap();
    s.wait_text("brief.toml was removed: it stays open until you open another");
    assert!(s.parser.screen().contents().contains("Historic Move"));
    // It comes back, changed.
    std::fs::write(&file, headline(text, "Returned Move")).unwrap();
    s.wait_text("Returned Move");
    quit(s);
}

#[test]
fn a_briefing_named_on_its_own_is_followed_through_its_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("alone.toml");
    let text = std::fs::read_to_string(GUIDE).expect("guide");
    std::fs::write(&file, &text).expect("write");
    let state = tempfile::tempdir().expect("state");
    let mut s = reader(
        &[file.to_str().expect("a UTF-8 path")],
        state.path(),
        100,
        30,
    );
    s.wait_text("Getting started with brief");
    // Saved by renaming a temporary over it, twice: the second save is seen too.
    for title in ["Saved once", "Saved twice"] {
        let temp = dir.path().join(".alone.toml.tmp");
        std::fs::write(&temp, text.replace("Getting started with brief", title)).expect("write");
        std::fs::rename(&temp, &file).expect("rename");
        s.wait_text(title);
    }
    quit(&mut s);
}

#[test]
fn search_across_the_library_answers_in_the_terminal() {
    let mut s = Session::start(&["content"], 100, 30);
    s.wait_text("Historic Move");
    s.send(b"S");
    s.wait_text("Search every briefing");
    s.send(b"landmark");
    s.wait_text("1 passage in 1 briefing");
    s.send(b"\x1b");
    s.wait_for("the panel closed", |screen| {
        !screen.contents().contains("passage in")
    });
    s.send(b"q");
    assert!(s.wait_exit(GUARD).is_some_and(|status| status.success()));
}

#[test]
fn keys_typed_before_the_first_briefing_arrives_act_on_it() {
    // Typed at once, before brief has read anything: a file without an opening (its whole
    // parse comes first) and one with one. The takeaway's section is the last.
    let dir = tempfile::tempdir().unwrap();
    for sections in [400, N_SECTIONS] {
        let file = dir.path().join(format!("long-{sections}.toml"));
        std::fs::write(&file, briefing_of(sections)).unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = reader(&[file.to_str().unwrap()], state.path(), 80, 24);
        s.send(b"2");
        s.wait_text(&format!("Part {sections}"));
        quit(&mut s);
    }
}

#[test]
fn a_filter_typed_before_the_first_briefing_arrives_counts_from_today() {
    // The date is worked out after the first frame, or before the first key: keys held for
    // the first briefing are such keys too.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dated.toml");
    let text = briefing_of(400).replacen("\n\n", "\ndate = 2025-11-10\n\n", 1);
    std::fs::write(&file, text).unwrap();
    let env = [("BRIEF_TODAY", "2025-11-10")];
    let mut s = Session::start_with_env(&[file.to_str().unwrap()], &env, 200, 60);
    s.send(b"ftoday\r");
    s.wait_text("Briefings 1/1 · today");
    s.send(b"\x03");
    assert!(s.wait_exit(GUARD).is_some(), "brief did not exit");
}

/// Sections of [`long_briefing`]: about 460 KB in all.
const N_SECTIONS: usize = 1000;

/// A briefing long enough to be drawn first from its opening (1,000 sections of about 400
/// bytes, its takeaways last, the second on the last section).
fn long_briefing() -> String {
    briefing_of(N_SECTIONS)
}

/// A briefing of `sections` sections of about 400 bytes, its takeaways last, the second on
/// the last section.
fn briefing_of(sections: usize) -> String {
    use std::fmt::Write as _;
    let mut toml = String::from("[briefing]\ntitle = \"Long\"\n\n");
    for i in 1..=sections {
        let _ = write!(
            toml,
            "[[sections]]\nid = \"s{i}\"\nheading = \"Part {i}\"\nbody = \"\"\"\n{}\n\"\"\"\n\n",
            format!("Words of section {i}. ").repeat(18)
        );
    }
    toml.push_str("[[takeaways]]\ntext = \"The first\"\nsection = \"s1\"\n\n");
    let _ = write!(
        toml,
        "[[takeaways]]\ntext = \"The very last\"\nsection = \"s{sections}\"\n"
    );
    toml
}

#[test]
fn a_long_briefing_opens_from_its_opening_and_the_whole_of_it_follows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.toml");
    std::fs::write(&file, long_briefing()).unwrap();
    for (cols, rows) in [(80, 24), (200, 60)] {
        let state = tempfile::tempdir().unwrap();
        let mut s = reader(&[file.to_str().unwrap()], state.path(), cols, rows);
        s.wait_text("The very last");
        s.wait_text("Words of section 1.");
        // The takeaway on the last section reaches it: the whole briefing is there.
        s.send(b"2");
        s.wait_text(&format!("Part {N_SECTIONS}"));
        quit(&mut s);
    }
}
