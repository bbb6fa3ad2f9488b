//! [`Service`]: the store on a thread of its own.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::{LOCAL_READER, Opened, Store, Visit};
use crate::store::positions::Positions;

/// What reaches the store's thread.
enum Request {
    /// Save a visit of a reader (a key's fingerprint, or [`LOCAL_READER`]).
    Save(String, Visit),
    /// Read a reader's positions, sent back on the channel.
    Positions(String, mpsc::Sender<Positions>),
}

/// The store on a thread of its own: opened, migrated and read there, written there, so the
/// first frame and every key go on while another process holds the store.
pub struct Service {
    tx: mpsc::Sender<Request>,
    done: mpsc::Receiver<Vec<String>>,
}

/// A way to the store's thread that any number of sessions can hold: each reader's
/// positions, and saves under each reader's name.
#[derive(Debug, Clone)]
pub struct Handle {
    tx: mpsc::Sender<Request>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Save(..) => "Save",
            Self::Positions(..) => "Positions",
        })
    }
}

impl Handle {
    /// Queues a visit of `reader`'s to be saved.
    pub fn save_as(&self, reader: &str, visit: Visit) {
        let _ = self.tx.send(Request::Save(reader.to_owned(), visit));
    }

    /// `reader`'s positions, waiting at most `within` for the store (none if it is busy for
    /// longer, or cannot be used).
    pub fn positions_of(&self, reader: &str, within: Duration) -> Positions {
        let (reply, answer) = mpsc::channel();
        if self
            .tx
            .send(Request::Positions(reader.to_owned(), reply))
            .is_err()
        {
            return Positions::default();
        }
        answer.recv_timeout(within).unwrap_or_default()
    }
}

/// How long a store that does not exist yet waits to be made (see [`Service::start`]) unless
/// a request comes sooner: past a reader's first frame and the parse of a long briefing
/// behind it.
pub const MAKE_AFTER: Duration = Duration::from_millis(100);

impl Service {
    /// Starts the thread: it opens the store at `path` (importing `legacy` once), hands the
    /// stored positions and the notices of the open to `opened`, then saves each visit sent
    /// with [`Service::save`] until [`Service::finish`].
    ///
    /// When neither `path` nor `legacy` exists yet, nothing is stored: `opened` hears so (no
    /// positions, no notices) at once, and once more only if making the store went wrong, with
    /// the notices, or if another reader made it meanwhile and saved positions. The store is
    /// then made after [`MAKE_AFTER`], or at the first request if one comes sooner: making it
    /// takes a few milliseconds of work and disk (its file, its journal, its tables), which a
    /// reader's first frame on its first run need neither wait for nor share two cores with.
    // Over 40 lines as one function: the store's thread: open, read, then serve saves until
    // finished.
    pub fn start<F>(path: PathBuf, legacy: Option<PathBuf>, mut opened: F) -> Self
    where
        F: FnMut(Positions, Vec<String>) + Send + 'static,
    {
        let (tx, rx) = mpsc::channel::<Request>();
        let (done_tx, done) = mpsc::channel();
        thread::spawn(move || {
            let nothing_yet = !path.exists() && legacy.as_deref().is_none_or(|l| !l.exists());
            let mut first = None;
            if nothing_yet {
                opened(Positions::default(), Vec::new());
                first = rx.recv_timeout(MAKE_AFTER).ok();
            }
            let Opened {
                mut store,
                mut notices,
            } = Store::open(&path, legacy.as_deref());
            let positions = match store.as_ref().map(Store::positions) {
                Some(Ok(p)) => p,
                Some(Err(err)) => {
                    notices.push(format!(
                        "stored reading positions could not be read: {}",
                        crate::content::sanitize::line(&err.to_string())
                    ));
                    Positions::default()
                }
                None => Positions::default(),
            };
            // Again after an answer of nothing: what went wrong, or positions another reader
            // saved in a store it made meanwhile.
            if !nothing_yet || !notices.is_empty() || !positions.entries().is_empty() {
                opened(positions, notices);
            }
            // One message for however many saves fail (a full disk fails them all).
            let mut failure: Option<String> = None;
            for request in first.into_iter().chain(rx) {
                let (reader, visit) = match request {
                    Request::Save(reader, visit) => (reader, visit),
                    Request::Positions(reader, reply) => {
                        let positions = store.as_ref().and_then(|s| s.positions_of(&reader).ok());
                        let _ = reply.send(positions.unwrap_or_default());
                        continue;
                    }
                };
                let Some(store) = store.as_mut() else {
                    continue;
                };
                if let Err(err) = store.save_as(&reader, &visit) {
                    failure.get_or_insert_with(|| {
                        format!(
                            "a reading position could not be saved: {}",
                            crate::content::sanitize::line(&err.to_string())
                        )
                    });
                }
            }
            // Closed before saying so: the last connection to close folds the WAL back into
            // the database and removes it, which the process may not outlive otherwise.
            drop(store);
            let _ = done_tx.send(failure.into_iter().collect());
        });
        Self { tx, done }
    }

    /// Queues a visit of the local reader's to be saved.
    pub fn save(&self, visit: Visit) {
        // The thread only ends after `finish`: a send cannot fail before.
        let _ = self.tx.send(Request::Save(LOCAL_READER.to_owned(), visit));
    }

    /// A handle for sessions of other readers (see [`Handle`]); [`Service::finish`] waits for
    /// every handle to be dropped.
    pub fn handle(&self) -> Handle {
        Handle {
            tx: self.tx.clone(),
        }
    }

    /// Takes no more visits and waits at most `within` for the queued ones to be written.
    /// Returns what went wrong, in one message, or that the wait ran out (a store held by
    /// another process for longer): never blocks the exit for longer.
    pub fn finish(self, within: Duration) -> Vec<String> {
        let Self { tx, done } = self;
        drop(tx);
        done.recv_timeout(within).unwrap_or_else(|_| {
            vec![format!(
                "reading positions were still being saved after {} s; the last one may be lost",
                within.as_secs()
            )]
        })
    }
}
