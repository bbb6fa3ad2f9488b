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

pub mod keys;
pub mod reader;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use russh::server::{Auth, Handler, Msg, Server as _, Session};
use russh::{Channel, ChannelId};
use tokio::sync::mpsc as async_mpsc;

use crate::app::App;
use crate::library::{Library, Loader, Published, Service};
use crate::settings::keymap::Keymap;
use crate::settings::theme::Theme;
use crate::term::capabilities::{Capabilities, Env};
use reader::{In, Start};

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
    /// The briefings, and how they are read.
    pub loader: Loader,
    /// The theme every session starts from (adapted to each client's colours).
    pub theme: Theme,
    /// The keys every session uses.
    pub keymap: Keymap,
}

/// What every connection shares.
struct Shared {
    authorized: keys::Authorized,
    theme: Theme,
    keymap: Keymap,
    max_sessions: usize,
    idle_timeout: Option<Duration>,
    sessions: AtomicUsize,
    /// The library as last published, for sessions that start now.
    library: Mutex<Arc<Library>>,
    /// Readers to tell about each new state of the library.
    readers: Mutex<Vec<mpsc::SyncSender<In>>>,
    service: Service,
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
    let text = std::fs::read_to_string(&options.authorized_keys)
        .map_err(|e| format!("{origin}: {e} (the readers' public keys, one per line)"))?;
    let authorized = keys::Authorized::parse(&origin, &text);
    for line in &authorized.refused {
        eprintln!("brief serve: {line}");
    }
    if authorized.keys.is_empty() {
        return Err(format!("{origin}: no key a reader could sign in with"));
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
    let shared = Arc::new_cyclic(|weak: &std::sync::Weak<Shared>| {
        let weak = weak.clone();
        let service = Service::start(options.loader.clone(), move |published| {
            weak.upgrade()
                .is_some_and(|shared| shared.publish(&published))
        });
        Shared {
            authorized,
            theme: options.theme.clone(),
            keymap: options.keymap.clone(),
            max_sessions: options.max_sessions,
            idle_timeout: options.idle_timeout,
            sessions: AtomicUsize::new(0),
            library: Mutex::new(Arc::default()),
            readers: Mutex::new(Vec::new()),
            service,
        }
    });
    stop_on_signals(Arc::clone(&shared))?;
    let config = russh::server::Config {
        keys: vec![host_key],
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        max_auth_attempts: 6,
        inactivity_timeout: Some(Duration::from_hours(1)),
        nodelay: true,
        methods: russh::MethodSet::from(&[russh::MethodKind::PublicKey][..]),
        ..Default::default()
    };
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    eprintln!("brief serve: listening on {}", options.listen);
    let mut server = Server { shared };
    server
        .run_on_socket(Arc::new(config), &listener)
        .await
        .map_err(|e| format!("stopped: {e}"))
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

/// Makes a handler per connection.
struct Server {
    shared: Arc<Shared>,
}

impl russh::server::Server for Server {
    type Handler = Connection;

    fn new_client(&mut self, peer: Option<SocketAddr>) -> Connection {
        Connection {
            shared: Arc::clone(&self.shared),
            peer,
            reader: None,
            channels: HashMap::new(),
        }
    }
}

/// One channel's state.
#[derive(Debug, Default)]
struct Chan {
    /// The client's terminal: `TERM`, columns, rows.
    pty: Option<(String, u32, u32)>,
    colorterm: Option<String>,
    /// Where its bytes go, once the reader runs.
    input: Option<mpsc::SyncSender<In>>,
}

impl Drop for Connection {
    /// The client is gone (or closed the connection): every reader ends, and a channel whose
    /// reader never started gives its slot back (a started one gives it back when its reader
    /// ends).
    fn drop(&mut self) {
        for chan in self.channels.values() {
            match &chan.input {
                Some(tx) => {
                    let _ = tx.try_send(In::Close);
                }
                None => {
                    self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
                }
            }
        }
    }
}

/// One connection: its reader's identity (the fingerprint of the key that signed) and its
/// channels, each keyed by its id (one connection may carry several sessions).
struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    reader: Option<String>,
    channels: HashMap<ChannelId, Chan>,
}

impl Connection {
    fn log(&self, what: &str) {
        let peer = self.peer.map_or_else(|| "?".to_owned(), |p| p.to_string());
        let reader = self.reader.as_deref().unwrap_or("-");
        eprintln!("brief serve: {peer} {reader} {what}");
    }

    fn send(&mut self, channel: ChannelId, item: In) {
        if let Some(tx) = self.channels.get(&channel).and_then(|c| c.input.as_ref()) {
            let _ = tx.try_send(item);
        }
    }

    /// Starts the reader of `channel` (which has a pty), opened at `link` if one is given.
    fn start_reader(
        &mut self,
        channel: ChannelId,
        session: &Session,
        link: Option<(String, Option<String>)>,
    ) {
        let Some(chan) = self.channels.get_mut(&channel) else {
            return;
        };
        let Some((term, columns, rows)) = chan.pty.clone() else {
            return;
        };
        let caps = Capabilities::detect(&Env {
            tty: true,
            term: Some(term),
            colorterm: chan.colorterm.clone(),
            ..Env::default()
        });
        let library = self
            .shared
            .library
            .lock()
            .map(|l| Arc::clone(&l))
            .unwrap_or_default();
        let theme = self.shared.theme.clone().adapted(caps.color);
        let app = App::new(library, theme, self.shared.keymap.clone());
        let (tx, rx) = mpsc::sync_channel(INPUT_QUEUE);
        if let Ok(mut readers) = self.shared.readers.lock() {
            readers.push(tx.clone());
        }
        chan.input = Some(tx);
        let (out_tx, mut out_rx) = async_mpsc::channel::<Vec<u8>>(reader::OUTPUT_FRAMES);
        let status = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let start = Start {
            app,
            size: reader::clamp_size(columns, rows),
            wire: caps.wire,
            library: Some(self.shared.service.clone()),
            link,
            idle: self.shared.idle_timeout,
            status: Arc::clone(&status),
        };
        std::thread::spawn(move || reader::run(start, &rx, out_tx));
        let handle = session.handle();
        let shared = Arc::clone(&self.shared);
        tokio::spawn(async move {
            while let Some(frame) = out_rx.recv().await {
                if handle.data(channel, frame).await.is_err() {
                    break;
                }
            }
            let code = status.load(Ordering::SeqCst);
            let _ = handle.exit_status_request(channel, code).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
            shared.sessions.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.shared.authorized.allows(offer.public_key) {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.shared.authorized.allows(key.public_key) {
            return Ok(Auth::reject());
        }
        // The reader is the key that signed, never one merely offered.
        self.reader = Some(keys::fingerprint(key.public_key));
        self.log("signed in");
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let taken = self.shared.sessions.fetch_add(1, Ordering::SeqCst);
        if taken >= self.shared.max_sessions {
            self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
            self.log("refused: too many sessions");
            // Dropping the handle refuses the channel.
            drop(reply);
            return Ok(());
        }
        self.channels.insert(channel.id(), Chan::default());
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(chan) if chan.input.is_none() => {
                let term = crate::content::sanitize::line(term);
                chan.pty = Some((term, columns, rows));
                session.channel_success(channel)?;
            }
            _ => session.channel_failure(channel)?,
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match (self.channels.get_mut(&channel), name) {
            (Some(chan), "COLORTERM") => {
                chan.colorterm = Some(crate::content::sanitize::line(value));
                session.channel_success(channel)?;
            }
            (Some(_), "TERM" | "LANG") => session.channel_success(channel)?,
            _ => session.channel_failure(channel)?,
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let has_pty = self
            .channels
            .get(&channel)
            .is_some_and(|c| c.pty.is_some() && c.input.is_none());
        if !has_pty {
            session.channel_failure(channel)?;
            let message = "brief needs a terminal: connect with ssh -t\r\n";
            let _ = session.data(channel, message.as_bytes().to_vec());
            session.close(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.log("reading");
        self.start_reader(channel, session, None);
        Ok(())
    }

    /// A command is a deep link, `<briefing-id>` or `<briefing-id>#<section-id>`, and needs a
    /// terminal like any session; anything else is refused.
    async fn exec_request(
        &mut self,
        channel: ChannelId,
        command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let has_pty = self
            .channels
            .get(&channel)
            .is_some_and(|c| c.pty.is_some() && c.input.is_none());
        let link = std::str::from_utf8(command)
            .ok()
            .map(str::trim)
            .filter(|c| !c.is_empty() && c.len() <= 300 && !c.contains(char::is_whitespace));
        let (Some(link), true) = (link, has_pty) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        let (id, section) = match link.split_once('#') {
            Some((id, section)) => (id.to_owned(), Some(section.to_owned())),
            None => (link.to_owned(), None),
        };
        session.channel_success(channel)?;
        self.log(&format!("reading {}", crate::content::sanitize::line(link)));
        self.start_reader(channel, session, Some((id, section)));
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<bool, Self::Error> {
        session.channel_failure(channel)?;
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.send(channel, In::Bytes(data.to_vec()));
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let size = reader::clamp_size(columns, rows);
        self.send(channel, In::Resize(size.width, size.height));
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(chan) = self.channels.remove(&channel) {
            match chan.input {
                Some(tx) => {
                    let _ = tx.try_send(In::Close);
                }
                None => {
                    self.shared.sessions.fetch_sub(1, Ordering::SeqCst);
                }
            }
        }
        Ok(())
    }
}
