//! One SSH connection: who signed in, its channels (keyed by channel id: one connection may
//! carry several sessions), and what each SSH request gets: a reader for a pty shell or a deep
//! link, the SSH failure for everything else.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};

use russh::server::{Auth, Handler, Msg, Session};
use russh::{Channel, ChannelId};
use tokio::sync::mpsc as async_mpsc;

use super::reader::{self, In, Start};
use super::{INPUT_QUEUE, Shared, keys};
use crate::app::App;
use crate::term::capabilities::{Capabilities, Env};

/// One channel's state.
#[derive(Debug, Default)]
struct Chan {
    /// The client's terminal: `TERM`, columns, rows.
    pty: Option<(String, u32, u32)>,
    colorterm: Option<String>,
    /// Where its bytes go, once the reader runs.
    input: Option<mpsc::SyncSender<In>>,
    /// Its latest window size, shared with its reader.
    window: Arc<reader::WindowSize>,
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
pub(super) struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    reader: Option<String>,
    channels: HashMap<ChannelId, Chan>,
    /// Set once a key signed: the connection's deadline for signing in no longer applies.
    signed_in: Arc<std::sync::atomic::AtomicBool>,
}

impl Connection {
    /// A connection from `peer`, before sign-in.
    pub(super) fn new(
        shared: Arc<Shared>,
        peer: Option<SocketAddr>,
        signed_in: Arc<std::sync::atomic::AtomicBool>,
    ) -> Self {
        Self {
            shared,
            peer,
            reader: None,
            channels: HashMap::new(),
            signed_in,
        }
    }

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
    // Over 40 lines as one function: a reader's start in order: its terminal's colours, its app
    // over the library as it is now, its queues, its thread and the task that forwards its frames.
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
        let app = App::new(library, theme, self.shared.keymap.clone())
            .with_today(crate::settings::clock::local_today())
            .with_preferences(self.shared.preferences);
        let (tx, rx) = mpsc::sync_channel(INPUT_QUEUE);
        if let Ok(mut readers) = self.shared.readers.lock() {
            readers.push(tx.clone());
        }
        chan.input = Some(tx);
        let (out_tx, out_rx) = async_mpsc::channel::<Vec<u8>>(reader::OUTPUT_FRAMES);
        let status = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let start = Start {
            app,
            size: reader::clamp_size(columns, rows),
            wire: caps.wire,
            library: self.shared.service.get().cloned(),
            link,
            idle: self.shared.idle_timeout,
            status: Arc::clone(&status),
            store: self.shared.store.clone().zip(self.reader.clone()),
            window: Arc::clone(&chan.window),
        };
        std::thread::spawn(move || reader::run(start, &rx, out_tx));
        forward(
            session.handle(),
            channel,
            out_rx,
            status,
            Arc::clone(&self.shared),
        );
    }
}

/// Sends a reader's frames on its channel until the reader ends (or the client is gone), then
/// the reader's exit status, and closes the channel; its session's slot is free after that.
fn forward(
    handle: russh::server::Handle,
    channel: ChannelId,
    mut frames: async_mpsc::Receiver<Vec<u8>>,
    status: Arc<std::sync::atomic::AtomicU32>,
    shared: Arc<Shared>,
) {
    tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
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
        self.signed_in.store(true, Ordering::SeqCst);
        self.log("signed in");
        Ok(Auth::Accept)
    }

    /// Anonymous readers (with `--anonymous` only): keyboard-interactive with no question.
    /// Clients try it after their keys, so a key that signs still names its reader; a key
    /// merely offered names no one.
    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if !self.shared.anonymous {
            return Ok(Auth::reject());
        }
        self.reader = None;
        self.signed_in.store(true, Ordering::SeqCst);
        self.log("signed in anonymously");
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
        let Some(chan) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        match &chan.input {
            // A flood of changes is one message in the reader's queue: the last size wins.
            Some(tx) => {
                if chan.window.set(size) && tx.try_send(In::Resize).is_err() {
                    chan.window.unqueue();
                }
            }
            // Before the shell starts: the reader starts at this size.
            None => {
                if let Some(pty) = &mut chan.pty {
                    pty.1 = u32::from(size.width);
                    pty.2 = u32::from(size.height);
                }
            }
        }
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
