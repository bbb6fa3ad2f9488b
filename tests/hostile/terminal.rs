//! Promise 7: the terminal always comes back. The real binary runs in a pseudo-terminal; after
//! `q`, SIGTERM, SIGINT, SIGHUP, SIGQUIT and a panic, the alternate screen is left, the cursor
//! is visible, mouse reporting is off and the tty is back in cooked mode with echo (read from
//! the pty's termios). When the terminal disappears the process exits within two seconds.
//! Everything the session wrote, hostile content included, passes the terminal-byte checker.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::pty;
use crate::support::{Field, NASTY, briefing_toml, session_bytes_problems};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// The status after `q`: the content holds a file that fails to load, and the reader then fails
/// as `check` and `list` do, after reporting it on standard error.
const QUIT_STATUS: u32 = 1;
/// How long a reader may take to end once asked: a hang guard, not a timing requirement.
const EXIT_GUARD: Duration = Duration::from_secs(30);

struct Session {
    parser: vt100::Parser,
    raw: Vec<u8>,
    output: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    _dir: tempfile::TempDir,
}

fn spawn(
    env: &[(&str, &str)],
    args: &[&str],
) -> (
    Box<dyn Child + Send + Sync>,
    Box<dyn MasterPty + Send>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(
        content.join("hostile.toml"),
        briefing_toml(NASTY, &Field::ALL),
    )
    .unwrap();
    std::fs::write(
        content.join("broken\u{1b}]0;x\u{7}.toml"),
        "[briefing\n\u{1b}]52;c;aGk=\u{7}",
    )
    .unwrap();
    // The reader's own files, hostile too: keys, watchlist, and a damaged reading position.
    let config = dir.path().join("brief");
    std::fs::create_dir(&config).unwrap();
    let nasty = crate::support::toml_str(NASTY);
    std::fs::write(
        config.join("watchlist.toml"),
        format!("terms = [{nasty}, \"pwned\"]\n"),
    )
    .unwrap();
    std::fs::write(
        config.join("keys.toml"),
        "[keys]\nskim = [\"T\", \"\\u001b\"]\n",
    )
    .unwrap();
    let title = crate::support::toml_str(&brief::content::sanitize::line(NASTY));
    std::fs::write(
        config.join("positions.toml"),
        format!(
            "[[position]]\norigin = \"content/hostile.toml\"\ntitle = {title}\nunit = 9223372036854775807\noffset = 9223372036854775807\n"
        ),
    )
    .unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.cwd(dir.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", dir.path());
    cmd.env("XDG_STATE_HOME", dir.path());
    cmd.env("XDG_CONFIG_HOME", dir.path());
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("BRIEF_TEST_PANIC");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args);
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    (child, pair.master, dir)
}

impl Session {
    fn start(env: &[(&str, &str)]) -> Self {
        let (child, master, dir) = spawn(env, &[]);
        let output = pty::pump(master.try_clone_reader().unwrap());
        let writer = master.take_writer().unwrap();
        let mut session = Self {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
            output,
            writer,
            child,
            master,
            _dir: dir,
        };
        session.wait_for("the reader on the alternate screen", |s| {
            s.alternate_screen() && s.contents().contains("Takeaways (2)")
        });
        // The store is read after the first frame and may move the reader to a saved place:
        // tests that compare screens start from the screen once it is still.
        session.wait_still();
        let flags = session.local_flags();
        assert!(
            !flags.contains(LocalFlags::ICANON) && !flags.contains(LocalFlags::ECHO),
            "not in raw mode: {flags:?}"
        );
        session
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(i32::try_from(self.child.process_id().unwrap()).unwrap())
    }

    fn local_flags(&self) -> LocalFlags {
        self.master
            .get_termios()
            .expect("termios of the pty")
            .local_flags
    }

    fn drain(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.raw.extend_from_slice(&bytes);
            self.parser.process(&bytes);
        }
    }

    /// Waits until nothing has been drawn for 300 ms (within the same 15 s guard).
    fn wait_still(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut seen = self.raw.len();
        loop {
            std::thread::sleep(Duration::from_millis(300));
            self.drain();
            if self.raw.len() == seen {
                return;
            }
            seen = self.raw.len();
            assert!(Instant::now() < deadline, "the screen never came to rest");
        }
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            self.drain();
            if pred(self.parser.screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{}",
                self.parser.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end; returns its exit code. A hang guard only: a process still
    /// running after [`EXIT_GUARD`] is killed and the test fails, naming `how` it was asked to
    /// end, the process state and the screen.
    fn wait_exit(&mut self, how: &str) -> u32 {
        let deadline = Instant::now() + EXIT_GUARD;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                self.drain();
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
                    .unwrap_or_default();
                self.drain();
                let screen = self.parser.screen().contents();
                let _ = self.child.kill();
                panic!("{how}: still running after {EXIT_GUARD:?} ({stat}):\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[track_caller]
    fn assert_restored(&self, how: &str) {
        let screen = self.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "{how}: still on the alternate screen"
        );
        assert!(!screen.hide_cursor(), "{how}: cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{how}: mouse still captured"
        );
        assert!(!screen.bracketed_paste(), "{how}: bracketed paste left on");
        let flags = self.local_flags();
        assert!(
            flags.contains(LocalFlags::ICANON),
            "{how}: tty left in raw mode: {flags:?}"
        );
        assert!(
            flags.contains(LocalFlags::ECHO),
            "{how}: echo left off: {flags:?}"
        );
        let problems = session_bytes_problems(&self.raw);
        assert!(problems.is_empty(), "{how}: {problems:?}");
        // Modes the backend sets are undone after their last use: left/right margins off,
        // autowrap back on.
        for (set, reset, what) in [
            (
                b"\x1b[?69h".as_slice(),
                b"\x1b[?69l".as_slice(),
                "left/right margins",
            ),
            (b"\x1b[?7l", b"\x1b[?7h", "autowrap"),
        ] {
            if let Some(last_set) = last(&self.raw, set) {
                assert!(
                    last(&self.raw, reset).is_some_and(|r| r > last_set),
                    "{how}: {what} left set"
                );
            }
        }
    }

    /// Waits until the process is stopped (`T`) or running again (anything else), per /proc.
    fn wait_stopped(&mut self, stopped: bool) {
        let path = format!("/proc/{}/stat", self.pid());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            self.drain();
            let stat = std::fs::read_to_string(&path).unwrap_or_default();
            // The state follows the command name, which is in parentheses.
            let state = stat.rsplit(") ").next().and_then(|r| r.chars().next());
            if (state == Some('T')) == stopped {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "process state {state:?}, wanted stopped = {stopped}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Checks that the reader has the terminal: raw mode, alternate screen, hidden cursor,
    /// button and wheel reporting in SGR encoding, bracketed paste.
    #[track_caller]
    fn assert_taken(&self, how: &str) {
        let flags = self.local_flags();
        assert!(
            !flags.contains(LocalFlags::ICANON) && !flags.contains(LocalFlags::ECHO),
            "{how}: not in raw mode: {flags:?}"
        );
        let screen = self.parser.screen();
        assert!(screen.alternate_screen() && screen.hide_cursor(), "{how}");
        assert!(screen.bracketed_paste(), "{how}: bracketed paste off");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::PressRelease,
            "{how}: only presses, releases and the wheel"
        );
        assert_eq!(
            screen.mouse_protocol_encoding(),
            vt100::MouseProtocolEncoding::Sgr,
            "{how}"
        );
    }
}

/// True when `raw` holds `needle`.
fn holds(raw: &[u8], needle: &[u8]) -> bool {
    raw.windows(needle.len()).any(|w| w == needle)
}

/// Where `needle` last starts in `raw`.
fn last(raw: &[u8], needle: &[u8]) -> Option<usize> {
    raw.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn every_exit_path_leaves_margins_and_autowrap_as_they_were() {
    // A terminal known by name to have left/right margins: scrolls use them.
    let margins = [("TERM", "xterm-256color"), ("XTERM_VERSION", "XTerm(390)")];
    for how in ["q", "SIGTERM", "SIGHUP", "ctrl-z", "panic"] {
        let mut env = margins.to_vec();
        if how == "panic" {
            env.push(("BRIEF_TEST_PANIC", "1"));
        }
        let mut s = Session::start(&env);
        if how != "panic" {
            for _ in 0..3 {
                s.send(b"j");
                std::thread::sleep(Duration::from_millis(80));
            }
            let deadline = Instant::now() + Duration::from_secs(15);
            while !holds(&s.raw, b"\x1b[?69h") && Instant::now() < deadline {
                s.drain();
                std::thread::sleep(Duration::from_millis(10));
            }
            assert!(
                holds(&s.raw, b"\x1b[?69h"),
                "{how}: margins were not used, so this test would prove nothing"
            );
        }
        match how {
            "q" => s.send(b"q"),
            "SIGTERM" => kill(s.pid(), Signal::SIGTERM).unwrap(),
            "SIGHUP" => kill(s.pid(), Signal::SIGHUP).unwrap(),
            "ctrl-z" => s.send(b"\x1a"),
            _ => s.send(b"j"),
        }
        if how == "ctrl-z" {
            s.wait_stopped(true);
            s.wait_for("the terminal given back", |screen| {
                !screen.alternate_screen()
            });
            s.assert_restored(how);
            kill(s.pid(), Signal::SIGCONT).unwrap();
            s.wait_stopped(false);
            // Keys typed before the reader takes the terminal back would wait in the tty's
            // line buffer: send `q` once it has.
            s.wait_for("the reader back", |screen| {
                screen.alternate_screen() && screen.contents().contains("Takeaways")
            });
            s.send(b"q");
        }
        let _ = s.wait_exit(how);
        s.assert_restored(how);
    }
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_and_sigcont_takes_it_again() {
    for how in ["ctrl-z", "SIGTSTP"] {
        let mut s = Session::start(&[]);
        s.assert_taken("start");
        let before = s.parser.screen().contents();
        if how == "ctrl-z" {
            s.send(b"\x1a");
        } else {
            kill(s.pid(), Signal::SIGTSTP).unwrap();
        }
        s.wait_stopped(true);
        s.wait_for("the terminal given back", |screen| {
            !screen.alternate_screen()
        });
        s.assert_restored(how);
        // While stopped, something else draws on the screen the reader will come back to.
        s.parser
            .process(b"\x1b[?1049h\x1b[2J\x1b[3;3Hsomething else");
        kill(s.pid(), Signal::SIGCONT).unwrap();
        s.wait_stopped(false);
        s.wait_for("the whole screen repainted", |screen| {
            screen.contents() == before
        });
        s.assert_taken(how);
        // Keys work after the resume.
        s.send(b"t");
        s.wait_for("the sidebar hidden", |screen| {
            !screen.contents().contains("Takeaways (2)")
        });
        s.send(b"q");
        assert_eq!(s.wait_exit(how), QUIT_STATUS, "{how}");
        s.assert_restored(how);
    }
}

#[test]
fn ctrl_l_repaints_a_garbled_screen() {
    let mut s = Session::start(&[]);
    let before = s.parser.screen().contents();
    // Output from something else (a `wall` message, a background job) lands on the screen.
    s.parser
        .process(b"\x1b[2;2HBroadcast message\x1b[10;1H\x1b[2K");
    assert_ne!(s.parser.screen().contents(), before);
    s.send(b"\x0c");
    s.wait_for("the whole screen repainted", |screen| {
        screen.contents() == before
    });
    s.send(b"q");
    assert_eq!(s.wait_exit("q"), QUIT_STATUS);
    s.assert_restored("ctrl-l");
}

#[test]
fn a_resize_repaints_at_the_new_size() {
    let mut s = Session::start(&[]);
    s.master
        .resize(PtySize {
            rows: 20,
            cols: 60,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.screen_mut().set_size(20, 60);
    // Garbage the resize would not touch: only a full repaint removes it.
    s.parser.process(b"\x1b[5;5Hstale");
    s.wait_for("a frame at 60 columns", |screen| {
        let rows: Vec<String> = screen.rows(0, 60).collect();
        !screen.contents().contains("stale") && rows.last().is_some_and(|r| !r.trim().is_empty())
    });
    s.send(b"q");
    assert_eq!(s.wait_exit("q"), QUIT_STATUS);
    s.assert_restored("resize");
}

#[test]
fn only_button_and_wheel_reporting_is_asked_for() {
    let mut s = Session::start(&[]);
    s.send(b"q");
    assert_eq!(s.wait_exit("q"), QUIT_STATUS);
    for (on, what) in [
        (b"\x1b[?1000h".as_slice(), "button events"),
        (b"\x1b[?1006h", "SGR encoding"),
        (b"\x1b[?2004h", "bracketed paste"),
    ] {
        assert!(holds(&s.raw, on), "{what} not asked for");
    }
    for (never, what) in [
        (b"\x1b[?1003h".as_slice(), "any-motion tracking"),
        (b"\x1b[?1002h", "drag tracking"),
        (b"\x1b[?1015h", "urxvt encoding"),
    ] {
        assert!(!holds(&s.raw, never), "{what} asked for");
    }
}

#[test]
fn quitting_with_q_restores_the_terminal() {
    let mut s = Session::start(&[]);
    // Visit the overlays that show hostile text first.
    for key in [
        b"?".as_slice(),
        b"\x1b",
        b"T",
        b"\x1b",
        b"!",
        b"\x1b",
        b"/pwned\r",
        b"1",
    ] {
        // A pause after each key: ESC followed at once by a character reads as Alt+character.
        s.send(key);
        std::thread::sleep(Duration::from_millis(60));
    }
    s.wait_for("the search result", |screen| {
        screen.contents().contains("pwned")
    });
    s.send(b"q");
    assert_eq!(s.wait_exit("q"), QUIT_STATUS);
    s.assert_restored("q");
}

#[test]
fn termination_signals_restore_the_terminal() {
    for signal in [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGQUIT,
    ] {
        let mut s = Session::start(&[]);
        kill(s.pid(), signal).unwrap();
        let code = s.wait_exit(signal.as_str());
        assert_eq!(
            code,
            128 + u32::try_from(signal as i32).unwrap(),
            "{signal}: the exit status shells expect"
        );
        s.assert_restored(signal.as_str());
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    // Debug builds panic on purpose after the first frame when BRIEF_TEST_PANIC is set.
    let mut s = Session::start(&[("BRIEF_TEST_PANIC", "1")]);
    s.send(b"j");
    let code = s.wait_exit("panic");
    assert_eq!(code, 101, "a panic exits with 101");
    s.assert_restored("panic");
    assert!(
        String::from_utf8_lossy(&s.raw).contains("BRIEF_TEST_PANIC"),
        "the panic message is shown"
    );
}

#[test]
fn a_vanished_terminal_ends_the_process_promptly() {
    let (mut child, master, _dir) = spawn(&[], &[]);
    let pid = child.process_id().unwrap();
    // Read on this thread, so that no clone of the master outlives the drop below.
    let mut reader = master.try_clone_reader().unwrap();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(EXIT_GUARD);
        let _ = kill(Pid::from_raw(i32::try_from(pid).unwrap()), Signal::SIGKILL);
    });
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let mut buf = [0u8; 8192];
    while !(parser.screen().alternate_screen()
        && parser.screen().contents().contains("Takeaways (2)"))
    {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "the reader never started");
        parser.process(&buf[..n]);
    }
    drop(reader);
    drop(master);
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > EXIT_GUARD / 3 {
            // Do not leave it spinning on the dead terminal after the test.
            let _ = kill(Pid::from_raw(i32::try_from(pid).unwrap()), Signal::SIGKILL);
            panic!(
                "still running {:?} after its terminal vanished",
                EXIT_GUARD / 3
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(watchdog);
}

#[test]
fn an_error_before_the_reader_leaves_the_terminal_untouched() {
    // Files are checked before the terminal is touched: the error is printed to a normal tty.
    let theme = "./\u{1b}]0;pwned\u{7}missing-theme.toml";
    let (mut child, master, _dir) = spawn(&[], &["--theme", theme]);
    let mut reader = master.try_clone_reader().unwrap();
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    // The slave closes when the process exits: the read then fails or returns 0.
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        parser.process(&buf[..n]);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.exit_code(), 2);
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("missing-theme.toml: error: cannot open"),
        "{text:?}"
    );
    assert!(!parser.screen().alternate_screen() && !parser.screen().hide_cursor());
    let flags = master.get_termios().unwrap().local_flags;
    assert!(
        flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO),
        "{flags:?}"
    );
    let problems = session_bytes_problems(&raw);
    assert!(problems.is_empty(), "{problems:?}");
}
