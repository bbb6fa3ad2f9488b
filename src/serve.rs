//! `brief serve`: brief as its own SSH server (the `russh` crate), so that a reader needs
//! nothing but `ssh`. One process, one library ([`crate::library::Service`], reloaded live)
//! shared by every session; each session is an [`App`] of its own on a thread of its own
//! (`serve/reader.rs`), sized by its client's `pty-req` and `window-change`.
//!
//! What is refused, and how: public keys from the authorized-keys file are the only way in
//! (the reader is known by the key that *signed*, never by one merely offered); a session
//! without a pty, `exec`, `subsystem` (sftp), X11, agent and TCP or stream forwarding get the
//! SSH failure at once; `env` is taken for `TERM`, `COLORTERM` and `LANG` only; the number of
//! sessions is bounded, and so are every session's input and output queues and its window.
//! See docs/ssh.md.

mod connection;
pub mod keys;
pub mod reader;
pub mod settings;

use connection::Connection;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use crate::library::{Library, Loader, Published, Service};
use crate::settings::file::Preferences;
use crate::settings::keymap::Keymap;
use crate::settings::theme::Theme;
use reader::In;

/// Input messages queued for one reader before more are dropped (a client typing faster than
/// brief draws loses keys rather than growing the server's memory).
pub const INPUT_QUEUE: usize = 256;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The host key (made on first start).
    pub host_key: std::path::PathBuf,
    /// The readers' keys (OpenSSH `authorized_keys`).
    pub authorized_keys: std::path::PathBuf,
    /// Most sessions at once.
    pub max_sessions: usize,
    /// A session ends after this long without its reader's input.
    pub idle_timeout: Option<Duration>,
    /// A connection that has not signed in after this long is closed.
    pub login_grace: Duration,
    /// Let readers in without a key (read-only: nothing of theirs is saved). Offered as
    /// keyboard-interactive with no question, which clients try after their keys, so a reader
    /// with a key is still known by it.
    pub anonymous: bool,
    /// The briefings, and how they are read.
    pub loader: Loader,
    /// The theme every session starts from (adapted to each client's colours).
    pub theme: Theme,
    /// The keys every session uses.
    pub keymap: Keymap,
    /// What every session shows at start (the config file's `[reader]`).
    pub preferences: Preferences,
    /// The state store, where each reader's places are kept; `None` keeps none.
    pub state: Option<std::path::PathBuf>,
}

/// What every connection shares.
struct Shared {
    authorized: keys::Authorized,
    theme: Theme,
    keymap: Keymap,
    preferences: Preferences,
    max_sessions: usize,
    idle_timeout: Option<Duration>,
    anonymous: bool,
    sessions: AtomicUsize,
    /// The library as last published, for sessions that start now.
    library: Mutex<Arc<Library>>,
    /// Readers to tell about each new state of the library.
    readers: Mutex<Vec<mpsc::SyncSender<In>>>,
    /// The library's service (set once, just after the shared state is made).
    service: std::sync::OnceLock<Service>,
    /// Where readers' places are kept (each under their key's fingerprint), if anywhere.
    store: Option<crate::store::Handle>,
}

/// `brief serve --check`: what serving would use, one line each on standard error, without
/// listening. Returns whether serving would work: the host key is usable (or can be made),
/// at least one reader's key is, and every briefing loads.
pub fn check(options: &Options) -> bool {
    let host = check_host_key(&options.host_key);
    let readers = check_readers(&options.authorized_keys) || options.anonymous;
    let library = crate::library::load_paths(&options.loader.paths, options.loader.options);
    for failure in &library.failures {
        for diagnostic in &failure.diagnostics {
            eprintln!("{diagnostic}");
        }
    }
    eprintln!(
        "brief serve: {}, {} failed; would listen on {}",
        crate::text::count(library.briefings.len(), "briefing", "briefings"),
        library.failures.len(),
        options.listen
    );
    host && readers && library.failures.is_empty() && !library.briefings.is_empty()
}

/// Says whose the host key is, or that one will be made; false when it cannot be used.
fn check_host_key(path: &std::path::Path) -> bool {
    let shown = crate::library::display_path(path);
    if !path.exists() {
        eprintln!("brief serve: host key {shown}: none yet; one is made on first start");
        return true;
    }
    match keys::host_key(path) {
        Ok((key, _)) => {
            let fingerprint = keys::fingerprint(key.public_key());
            eprintln!("brief serve: host key {shown}: {fingerprint}");
            true
        }
        Err(why) => {
            eprintln!("brief serve: {why}");
            false
        }
    }
}

/// Says how many readers' keys can sign in, and which lines are left out; false when none.
fn check_readers(path: &std::path::Path) -> bool {
    let origin = crate::library::display_path(path);
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let authorized = keys::Authorized::parse(&origin, &text);
            for line in &authorized.refused {
                eprintln!("brief serve: {line}");
            }
            let count = authorized.keys.len();
            let keys = crate::text::count(count, "reader's key", "readers' keys");
            eprintln!("brief serve: {origin}: {keys}");
            count > 0
        }
        Err(err) => {
            eprintln!("brief serve: {origin}: {err}");
            false
        }
    }
}

/// Runs the server until the process is stopped. Prints the host key's fingerprint and one
/// line per connection on standard error.
///
/// # Errors
/// A message: the host key or the authorized-keys file cannot be used, or the address cannot
/// be listened on.
pub fn run(options: Options) -> Result<(), String> {
    let (host_key, made) = keys::host_key(&options.host_key)?;
    let shown = crate::library::display_path(&options.host_key);
    let fingerprint = keys::fingerprint(host_key.public_key());
    if made {
        eprintln!("brief serve: made a host key in {shown}: {fingerprint}");
    } else {
        eprintln!("brief serve: host key {shown}: {fingerprint}");
    }
    let origin = crate::library::display_path(&options.authorized_keys);
    let authorized = match std::fs::read_to_string(&options.authorized_keys) {
        Ok(text) => keys::Authorized::parse(&origin, &text),
        // Without keys, anonymous readers only.
        Err(_) if options.anonymous => keys::Authorized::default(),
        Err(e) => {
            return Err(format!(
                "{origin}: {e} (the readers' public keys, one per line)"
            ));
        }
    };
    for line in &authorized.refused {
        eprintln!("brief serve: {line}");
    }
    if authorized.keys.is_empty() && !options.anonymous {
        return Err(format!("{origin}: no key a reader could sign in with"));
    }
    if options.anonymous {
        eprintln!(
            "brief serve: ANONYMOUS: anyone who can reach {} can read, without a key; \
             nothing an anonymous reader does is saved",
            options.listen
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    runtime.block_on(serve(options, host_key, authorized))
}

async fn serve(
    options: Options,
    host_key: russh::keys::PrivateKey,
    authorized: keys::Authorized,
) -> Result<(), String> {
    // The store stays open for as long as the server runs.
    let store = options.state.clone().map(|path| {
        crate::store::Service::start(path, None, |_, notices| {
            for notice in notices {
                eprintln!("brief serve: {notice}");
            }
        })
    });
    let store_handle = store.as_ref().map(crate::store::Service::handle);
    let shared = Arc::new(Shared {
        authorized,
        theme: options.theme.clone(),
        keymap: options.keymap.clone(),
        preferences: options.preferences,
        max_sessions: options.max_sessions,
        idle_timeout: options.idle_timeout,
        anonymous: options.anonymous,
        sessions: AtomicUsize::new(0),
        library: Mutex::new(Arc::default()),
        readers: Mutex::new(Vec::new()),
        service: std::sync::OnceLock::new(),
        store: store_handle,
    });
    // Started once the shared state exists, so that its first batch has somewhere to go.
    let publisher = Arc::clone(&shared);
    let service = Service::start(options.loader.clone(), move |published| {
        publisher.publish(&published)
    });
    let _ = shared.service.set(service);
    stop_on_signals(Arc::clone(&shared))?;
    let config = config(host_key, options.anonymous);
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    eprintln!("brief serve: listening on {}", options.listen);
    accept(&listener, &shared, &Arc::new(config), options.login_grace).await;
    Ok(())
}

/// Runs one connection on a task of its own, closed if it has not signed in within `grace`.
fn spawn_connection(
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    grace: Duration,
) {
    let _ = socket.set_nodelay(true);
    let signed_in = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let handler = Connection::new(shared, Some(peer), Arc::clone(&signed_in));
    let stream = Graced {
        inner: socket,
        deadline: Box::pin(tokio::time::sleep(grace)),
        signed_in,
        peer,
    };
    tokio::spawn(async move {
        if let Ok(session) = russh::server::run_stream(config, stream, handler).await {
            let _ = session.await;
        }
    });
}

/// A connection's socket that fails its reads once `deadline` passes before a key signed:
/// the session then ends, whether the client is silent (the read wakes at the deadline) or
/// trickles packets.
struct Graced {
    inner: tokio::net::TcpStream,
    deadline: std::pin::Pin<Box<tokio::time::Sleep>>,
    signed_in: Arc<std::sync::atomic::AtomicBool>,
    peer: SocketAddr,
}

impl tokio::io::AsyncRead for Graced {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::future::Future as _;
        if !self.signed_in.load(Ordering::SeqCst) && self.deadline.as_mut().poll(cx).is_ready() {
            eprintln!(
                "brief serve: {} - closed: not signed in within the grace time",
                self.peer
            );
            let late = std::io::Error::new(std::io::ErrorKind::TimedOut, "not signed in in time");
            return std::task::Poll::Ready(Err(late));
        }
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Graced {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bytes: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write(cx, bytes)
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Connections one address may open per minute before it signs in; more are dropped.
pub const CONNECTIONS_PER_MINUTE: usize = 30;

/// Takes connections for ever: each is dropped if its address opened too many in the last
/// minute, and closed if it has not signed in within `grace` (counted from the first byte,
/// so neither silence nor a trickle of packets keeps it open).
async fn accept(
    listener: &tokio::net::TcpListener,
    shared: &Arc<Shared>,
    config: &Arc<russh::server::Config>,
    grace: Duration,
) {
    let mut recent: HashMap<std::net::IpAddr, Vec<std::time::Instant>> = HashMap::new();
    loop {
        let Ok((socket, peer)) = listener.accept().await else {
            continue;
        };
        let now = std::time::Instant::now();
        let minute = Duration::from_mins(1);
        recent.retain(|_, times| {
            times.retain(|t| now.duration_since(*t) < minute);
            !times.is_empty()
        });
        let times = recent.entry(peer.ip()).or_default();
        if times.len() >= CONNECTIONS_PER_MINUTE {
            eprintln!("brief serve: {peer} - refused: too many connections in a minute");
            continue;
        }
        times.push(now);
        spawn_connection(socket, peer, Arc::clone(shared), Arc::clone(config), grace);
    }
}

/// The SSH settings: public keys only, a second per rejection, six attempts, an hour of
/// silence at most.
fn config(host_key: russh::keys::PrivateKey, anonymous: bool) -> russh::server::Config {
    let methods: &[russh::MethodKind] = if anonymous {
        &[
            russh::MethodKind::PublicKey,
            russh::MethodKind::KeyboardInteractive,
        ]
    } else {
        &[russh::MethodKind::PublicKey]
    };
    russh::server::Config {
        keys: vec![host_key],
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        max_auth_attempts: 6,
        inactivity_timeout: Some(Duration::from_hours(1)),
        nodelay: true,
        methods: russh::MethodSet::from(methods),
        preferred: preferred(),
        ..Default::default()
    }
}

/// The algorithms offered: post-quantum hybrid and X25519 key exchange only (no finite-field
/// Diffie-Hellman, whose groups are cheap to ask for and dear to compute), strict key exchange
/// against Terrapin, and encrypt-then-MAC MACs only; ciphers as russh prefers them.
fn preferred() -> russh::Preferred {
    use russh::kex;
    russh::Preferred {
        kex: std::borrow::Cow::Borrowed(&[
            kex::MLKEM768X25519_SHA256,
            kex::CURVE25519,
            kex::CURVE25519_PRE_RFC_8731,
            kex::EXTENSION_SUPPORT_AS_SERVER,
            kex::EXTENSION_OPENSSH_STRICT_KEX_AS_SERVER,
        ]),
        mac: std::borrow::Cow::Borrowed(&[
            russh::mac::HMAC_SHA512_ETM,
            russh::mac::HMAC_SHA256_ETM,
        ]),
        ..russh::Preferred::default()
    }
}

/// On SIGTERM, SIGINT or SIGHUP: every reader gives its client's terminal back, the server
/// waits for their channels to close (at most [`STOP_WAIT`]), then exits with 128 + the
/// signal's number.
fn stop_on_signals(shared: Arc<Shared>) -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
        .map_err(|e| format!("cannot watch for signals: {e}"))?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            eprintln!("brief serve: stopping");
            if let Ok(readers) = shared.readers.lock() {
                for reader in readers.iter() {
                    let _ = reader.try_send(In::Stop);
                }
            }
            let deadline = std::time::Instant::now() + STOP_WAIT;
            while shared.sessions.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Longest the server waits, when stopping, for its readers' terminals to be given back.
pub const STOP_WAIT: Duration = Duration::from_secs(2);

impl Shared {
    /// Hands what the library's service published to every reader; false never (the service
    /// runs as long as the server).
    fn publish(&self, published: &Published) -> bool {
        if let Published::Snapshot(snapshot) = published
            && let Ok(mut library) = self.library.lock()
        {
            *library = Arc::clone(&snapshot.library);
        }
        if let Ok(mut readers) = self.readers.lock() {
            // A reader whose queue is full misses this one; a gone reader is forgotten.
            readers.retain(|tx| {
                !matches!(
                    tx.try_send(In::Library(published.clone())),
                    Err(mpsc::TrySendError::Disconnected(_))
                )
            });
        }
        true
    }
}
