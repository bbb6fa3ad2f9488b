//! [`Service`]: the store on a thread of its own.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::{Opened, Store, Visit};
use crate::store::positions::Positions;

/// The store on a thread of its own: opened, migrated and read there, written there, so the
/// first frame and every key go on while another process holds the store.
pub struct Service {
    tx: mpsc::Sender<Visit>,
    done: mpsc::Receiver<Vec<String>>,
}

impl Service {
    /// Starts the thread: it opens the store at `path` (importing `legacy` once), hands the
    /// stored positions and the notices of the open to `opened`, then saves each visit sent
    /// with [`Service::save`] until [`Service::finish`].
    // Over 40 lines as one function: the store's thread: open, read, then serve saves until
    // finished.
    pub fn start<F>(path: PathBuf, legacy: Option<PathBuf>, opened: F) -> Self
    where
        F: FnOnce(Positions, Vec<String>) + Send + 'static,
    {
        let (tx, rx) = mpsc::channel::<Visit>();
        let (done_tx, done) = mpsc::channel();
        thread::spawn(move || {
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
            opened(positions, notices);
            // One message for however many saves fail (a full disk fails them all).
            let mut failure: Option<String> = None;
            for visit in rx {
                let Some(store) = store.as_mut() else {
                    continue;
                };
                if let Err(err) = store.save(&visit) {
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

    /// Queues a visit to be saved.
    pub fn save(&self, visit: Visit) {
        // The thread only ends after `finish`: a send cannot fail before.
        let _ = self.tx.send(visit);
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
