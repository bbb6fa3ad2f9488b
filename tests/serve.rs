//! `brief serve` with the real OpenSSH client on 127.0.0.1: keys made with `ssh-keygen` in the
//! test, the server on a free port and stopped by its pid, `ssh -tt` in a pseudo-terminal read
//! by vt100. Every wait is bounded.
#![cfg(feature = "ssh")]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "support/pty.rs"]
mod pty;

/// Longest any wait takes before the test calls it a hang (no test here asserts a speed).
const GUARD: Duration = Duration::from_secs(30);

/// A running server with its keys, stopped (by pid) when dropped.
struct Server {
    dir: tempfile::TempDir,
    port: u16,
    child: Child,
    log: mpsc::Receiver<String>,
    /// Lines of the log read and not yet taken.
    said: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen (openssh-client) is installed");
    assert!(status.success());
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    socket.local_addr().expect("address").port()
}

impl Server {
    /// Starts `brief serve content` with a reader key `reader` authorised.
    fn start() -> Self {
        Self::start_with(&[])
    }

    /// Like [`Server::start`], with more arguments for `brief serve`: paths first (else
    /// `content`), then options.
    fn start_with(options: &[&str]) -> Self {
        Self::start_env(options, &[])
    }

    /// Like [`Server::start_with`], with more environment.
    fn start_env(options: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        keygen(&dir.path().join("reader"));
        keygen(&dir.path().join("stranger"));
        keygen(&dir.path().join("other"));
        let authorised: String = ["reader.pub", "other.pub"]
            .iter()
            .map(|k| std::fs::read_to_string(dir.path().join(k)).expect("public key"))
            .collect();
        std::fs::write(dir.path().join("authorized_keys"), authorised).expect("authorise");
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("serve")
            .args(options.iter().take_while(|o| !o.starts_with("--")))
            .args(
                options
                    .first()
                    .is_none_or(|o| o.starts_with("--"))
                    .then_some("content"),
            )
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--host-key")
            .arg(dir.path().join("host"))
            .arg("--authorized-keys")
            .arg(dir.path().join("authorized_keys"))
            .args(options.iter().skip_while(|o| !o.starts_with("--")))
            .envs(env.iter().copied())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("HOME", dir.path())
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start brief serve");
        let (tx, log) = mpsc::channel();
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Self {
            dir,
            port,
            child,
            log,
            said: Vec::new(),
        };
        server.wait_log("listening on");
        server
    }

    /// Waits for a line of the server's log containing `text` (any not taken yet); takes it.
    fn wait_log(&mut self, text: &str) -> String {
        let deadline = Instant::now() + GUARD;
        loop {
            if let Some(at) = self.said.iter().position(|l| l.contains(text)) {
                return self.said.remove(at);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self.log.recv_timeout(left);
            assert!(line.is_ok(), "the server never said {text:?}");
            self.said.extend(line);
        }
    }

    fn key(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `ssh` to the server with `key`, then `extra` arguments.
    fn ssh(&self, key: &str, extra: &[&str]) -> Vec<String> {
        // `-o` options from `extra` come first: ssh takes the first value of each.
        let options = extra
            .iter()
            .take_while(|a| **a == "-o" || a.contains('='))
            .count();
        let (options, rest) = extra.split_at(options);
        let mut args: Vec<String> = options.iter().map(ToString::to_string).collect();
        args.extend(
            [
                "-p",
                &self.port.to_string(),
                "-i",
                self.key(key).to_str().expect("UTF-8 path"),
                "-F",
                "/dev/null",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "LogLevel=ERROR",
            ]
            .iter()
            .map(ToString::to_string),
        );
        args.extend(rest.iter().map(ToString::to_string));
        args.push("reader@127.0.0.1".into());
        args
    }

    /// Runs `ssh` without a terminal; returns its status and standard error.
    fn run(&self, key: &str, extra: &[&str], command: &[&str]) -> (Option<i32>, String) {
        let mut child = Command::new("ssh")
            .args(self.ssh(key, extra))
            .args(command)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ssh (openssh-client) is installed");
        let deadline = Instant::now() + GUARD;
        while child.try_wait().expect("wait").is_none() {
            assert!(Instant::now() < deadline, "ssh {command:?} never ended");
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("output");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// `ssh -tt` to the server in a pseudo-terminal, its screen read by vt100.
struct Client {
    parser: vt100::Parser,
    output: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Client {
    fn connect(server: &Server, cols: u16, rows: u16) -> Self {
        Self::connect_to(server, cols, rows, None)
    }

    /// Like [`Client::connect`], signing in with the key `key`.
    fn connect_as(server: &Server, key: &str) -> Self {
        Self::connect_with(server, key, 100, 30, None)
    }

    /// Like [`Client::connect`], with a command: a deep link.
    fn connect_to(server: &Server, cols: u16, rows: u16, link: Option<&str>) -> Self {
        Self::connect_with(server, "reader", cols, rows, link)
    }

    fn connect_with(server: &Server, key: &str, cols: u16, rows: u16, link: Option<&str>) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new("ssh");
        cmd.args(server.ssh(key, &["-tt"]));
        cmd.args(link);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("ssh");
        drop(pair.slave);
        let output = pty::pump(pair.master.try_clone_reader().expect("reader"));
        let writer = pair.master.take_writer().expect("writer");
        Self {
            parser: vt100::Parser::new(rows, cols, 0),
            output,
            writer,
            child,
            master: pair.master,
        }
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        pty::wait_screen(&mut self.parser, &self.output, GUARD, what, pred);
    }

    fn wait_text(&mut self, text: &str) {
        let wanted = text.to_owned();
        self.wait_for(text, move |s| s.contents().contains(&wanted));
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("keys");
        self.writer.flush().expect("flush");
    }

    /// Waits for ssh to exit; returns its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + GUARD;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.parser.process(&bytes);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "ssh never ended");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_reader_with_a_key_reads_over_ssh_keys_and_resizes_work_and_q_ends_it() {
    let mut server = Server::start();
    let mut client = Client::connect(&server, 100, 30);
    client.wait_text("Historic Move: Syria Joins Global Coalition Against ISIL");
    let signed = server.wait_log("signed in");
    assert!(signed.contains("SHA256:"), "{signed}");
    // Takeaway 2 shows its section.
    client.send(b"2");
    client.wait_text("Al-Sharaa’s White House Visit: From Pariah to Partner");
    // A wider window: every pane, the briefings list among them.
    client
        .master
        .resize(PtySize {
            rows: 40,
            cols: 130,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize");
    client.parser.screen_mut().set_size(40, 130);
    client.wait_text("Briefings (2)");
    client.send(b"q");
    assert_eq!(client.exit_code(), 0);
    let screen = client.parser.screen();
    assert!(!screen.alternate_screen(), "the terminal is given back");
    assert!(!screen.hide_cursor());
}

#[test]
fn no_key_a_stranger_key_a_command_or_no_terminal_is_refused_at_once() {
    let server = Server::start();
    let (code, err) = server.run("stranger", &[], &[]);
    assert_eq!(code, Some(255));
    assert!(err.contains("Permission denied (publickey)"), "{err}");
    // Password and keyboard-interactive are not offered at all.
    let (code, err) = server.run(
        "stranger",
        &[
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
        ],
        &[],
    );
    assert_eq!(code, Some(255));
    assert!(err.contains("Permission denied (publickey)"), "{err}");
    let (code, err) = server.run("reader", &[], &["cat", "/etc/passwd"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("exec request failed"), "{err}");
    let (code, err) = server.run("reader", &["-T"], &[]);
    assert_ne!(code, Some(0));
    assert!(err.contains("shell request failed"), "{err}");
    let (code, _) = server.run("reader", &["-s"], &["sftp"]);
    assert_ne!(code, Some(0));
}

#[test]
fn a_deep_link_opens_its_briefing_at_its_section_and_a_wrong_one_says_why() {
    let server = Server::start();
    let id = "historic-move-syria-joins-global-coalition-against-isil-2025-11-10";
    let section = std::fs::read_to_string("content/syria-joins-anti-isil-coalition.toml")
        .expect("seed")
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .nth(4)
        .map(|l| l.trim_end_matches('"').to_owned())
        .expect("a fifth section id");
    let mut client = Client::connect_to(&server, 100, 30, Some(&format!("{id}#{section}")));
    client.wait_text("Foiled Assassination Plots Against");
    client.send(b"q");
    assert_eq!(client.exit_code(), 0);
    for wrong in [
        format!("{id}#no-such-section"),
        "no-such-briefing".to_owned(),
    ] {
        let mut client = Client::connect_to(&server, 100, 30, Some(&wrong));
        assert_eq!(client.exit_code(), 1, "{wrong}");
        let screen = client.parser.screen().contents();
        assert!(screen.contains("brief: "), "{wrong}: {screen}");
        assert!(!client.parser.screen().alternate_screen());
    }
}

#[test]
fn a_reader_who_types_nothing_is_let_go_and_given_the_terminal_back() {
    let server = Server::start_with(&["--idle-timeout", "1s"]);
    let mut client = Client::connect(&server, 100, 30);
    client.wait_text("Historic Move");
    assert_eq!(client.exit_code(), 0);
    assert!(!client.parser.screen().alternate_screen());
}

#[test]
fn a_panic_ends_one_session_and_the_server_serves_the_next() {
    // The panic switch exists in debug builds only (as `cargo test` builds): a release build
    // has nothing to test here.
    if !cfg!(debug_assertions) {
        return;
    }
    let server = Server::start_env(&[], &[("BRIEF_TEST_PANIC", "1")]);
    let mut first = Client::connect(&server, 100, 30);
    first.wait_text("Historic Move");
    first.send(b"j");
    assert_eq!(first.exit_code(), 1);
    assert!(
        !first.parser.screen().alternate_screen(),
        "its terminal is given back"
    );
    let mut next = Client::connect(&server, 100, 30);
    next.wait_text("Historic Move");
}

#[test]
fn a_server_that_stops_gives_every_reader_its_terminal_back() {
    let mut server = Server::start();
    let mut client = Client::connect(&server, 100, 30);
    client.wait_text("Historic Move");
    let pid = i32::try_from(server.child.id()).expect("pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGTERM,
    )
    .expect("SIGTERM");
    assert_eq!(client.exit_code(), 0);
    assert!(!client.parser.screen().alternate_screen());
    let deadline = Instant::now() + GUARD;
    loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            assert_eq!(status.code(), Some(128 + 15));
            break;
        }
        assert!(Instant::now() < deadline, "the server never stopped");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn check_says_what_serving_would_use_without_listening() {
    let server = Server::start();
    let check = |authorized: &Path| {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["serve", "content", "--check", "--host-key"])
            .arg(server.key("host"))
            .arg("--authorized-keys")
            .arg(authorized)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("HOME", server.dir.path())
            .output()
            .expect("brief serve --check")
    };
    let out = check(&server.key("authorized_keys"));
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("SHA256:"), "{said}");
    assert!(said.contains("2 readers' keys"), "{said}");
    assert!(said.contains("2 briefings, 0 failed"), "{said}");
    // A file of keys with options only: nothing to sign in with.
    let only_options = server.key("options_only");
    let reader = std::fs::read_to_string(server.key("reader.pub")).expect("key");
    std::fs::write(&only_options, format!("no-pty {reader}")).expect("write");
    let out = check(&only_options);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("options are not supported (no-pty)"),
        "{said}"
    );
}

#[test]
fn readers_with_different_keys_keep_different_places() {
    const TITLE: &str = "Historic Move: Syria Joins Global Coalition Against ISIL";
    const SECTION: &str = "Foiled Assassination Plots Against";
    let server = Server::start();
    let mut first = Client::connect_as(&server, "reader");
    first.wait_text(TITLE);
    first.send(b"5");
    first.wait_text(SECTION);
    first.send(b"q");
    assert_eq!(first.exit_code(), 0);
    // Another reader starts at the top.
    let mut other = Client::connect_as(&server, "other");
    other.wait_text(TITLE);
    assert!(!other.parser.screen().contents().contains(SECTION));
    other.send(b"q");
    assert_eq!(other.exit_code(), 0);
    // The first comes back to where they left.
    let mut again = Client::connect_as(&server, "reader");
    again.wait_text(SECTION);
    again.send(b"q");
    assert_eq!(again.exit_code(), 0);
}

#[test]
fn a_change_on_disk_reaches_every_reader() {
    let content = tempfile::tempdir().expect("tempdir");
    let file = content.path().join("seed.toml");
    let text =
        std::fs::read_to_string("content/syria-joins-anti-isil-coalition.toml").expect("seed");
    std::fs::write(&file, &text).expect("write");
    let server = Server::start_with(&[content.path().to_str().expect("UTF-8 path")]);
    let mut readers = [
        Client::connect_as(&server, "reader"),
        Client::connect_as(&server, "other"),
    ];
    for reader in &mut readers {
        reader.wait_text("Historic Move");
    }
    std::fs::write(&file, text.replace("Historic Move", "Changed Move")).expect("write");
    for reader in &mut readers {
        reader.wait_text("Changed Move");
        reader.send(b"q");
        assert_eq!(reader.exit_code(), 0);
    }
}

#[test]
fn a_connection_that_never_signs_in_is_closed_after_the_grace_time() {
    use std::io::Read as _;
    let mut server = Server::start_with(&["--login-grace", "1s"]);
    // Connected, and silent: not even the version line.
    let mut silent = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    silent.set_read_timeout(Some(GUARD)).expect("timeout");
    let mut seen = Vec::new();
    // The server's version line, then the end of the connection (no hang till the guard).
    let read = silent.read_to_end(&mut seen);
    assert!(read.is_ok(), "{read:?}");
    assert!(seen.starts_with(b"SSH-2.0-"), "{seen:?}");
    // A client that says who it is and then nothing is closed too, and said to be.
    let mut idle = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    idle.write_all(b"SSH-2.0-OpenSSH_9.0\r\n").expect("version");
    idle.set_read_timeout(Some(GUARD)).expect("timeout");
    let mut rest = Vec::new();
    assert!(idle.read_to_end(&mut rest).is_ok());
    server.wait_log("not signed in within the grace time");
}

#[test]
fn an_address_that_opens_too_many_connections_is_refused() {
    let mut server = Server::start();
    let open: Vec<std::net::TcpStream> = (0..31)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    server.wait_log("too many connections in a minute");
    drop(open);
}

#[test]
fn anonymous_readers_get_in_without_a_key_and_keyed_readers_are_still_known() {
    let mut server = Server::start_with(&["--anonymous"]);
    server.wait_log("ANONYMOUS");
    // A key the server does not know: in, anonymously (keyboard-interactive, no question).
    let (code, err) = server.run(
        "stranger",
        &[
            "-o",
            "BatchMode=no",
            "-o",
            "KbdInteractiveAuthentication=yes",
            "-T",
        ],
        &[],
    );
    assert_ne!(code, Some(0), "no terminal, so the shell is refused: {err}");
    assert!(
        err.contains("shell request failed"),
        "signed in, then refused: {err}"
    );
    server.wait_log("signed in anonymously");
    // A known key is still its reader, never anonymous.
    let (_, err) = server.run("reader", &["-o", "BatchMode=no", "-T"], &[]);
    assert!(err.contains("shell request failed"), "{err}");
    let line = server.wait_log("signed in");
    assert!(
        line.contains("SHA256:") && !line.contains("anonymously"),
        "{line}"
    );
}

/// The resident memory of process `pid`, in KiB (Linux's `/proc/PID/status`).
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[cfg(target_os = "linux")]
#[test]
fn a_client_that_stops_reading_costs_the_server_a_bounded_amount_and_catches_up() {
    let mut server = Server::start();
    // `ssh -tt` in a terminal whose output nobody reads: once the terminal, ssh's buffers and
    // the SSH window are full, the server can send nothing more.
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(server.ssh("reader", &["-tt"]));
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("ssh");
    drop(pair.slave);
    server.wait_log("signed in");
    let before = resident_kib(server.child.id());
    // Each change of the window's size is a whole new screen (tens of kilobytes at 200×60):
    // 1500 of them would be tens of megabytes if the server kept every frame for this
    // client. Then one `z`, which the reader must still have taken.
    for i in 0..1500_u16 {
        pair.master
            .resize(PtySize {
                rows: 60 - i % 2,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut writer = pair.master.take_writer().expect("writer");
    writer.write_all(b"z").expect("z");
    // Another reader is served meanwhile.
    let mut other = Client::connect_as(&server, "other");
    other.wait_text("Historic Move");
    other.send(b"q");
    assert_eq!(other.exit_code(), 0);
    let after = resident_kib(server.child.id());
    let grown = after.saturating_sub(before);
    assert!(
        grown < 16 * 1024,
        "the server grew by {grown} KiB for a client that reads nothing"
    );
    // Reading again, the client gets the screen as it is now: zoomed, the article alone,
    // without the list's border.
    let output = pty::pump(pair.master.try_clone_reader().expect("reader"));
    let mut parser = vt100::Parser::new(60, 200, 0);
    pty::wait_screen(&mut parser, &output, GUARD, "the zoomed article", |s| {
        s.contents().contains("Historic Move") && !s.contents().contains("Briefings (2)")
    });
    writer.write_all(b"q").expect("q");
    let deadline = Instant::now() + GUARD;
    while child.try_wait().expect("wait").is_none() {
        while output.try_recv().is_ok() {}
        assert!(Instant::now() < deadline, "ssh never ended");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn search_across_the_library_answers_over_ssh() {
    let server = Server::start();
    let mut client = Client::connect(&server, 100, 30);
    client.wait_text("Historic Move");
    client.send(b"S");
    client.wait_text("Search every briefing");
    client.send(b"landmark");
    // The answer comes from the session's worker while the reader keeps taking keys.
    client.wait_text("1 passage in 1 briefing");
    client.send(b"\r");
    client.wait_text("/landmark");
    client.send(b"q");
    assert_eq!(client.exit_code(), 0);
}
