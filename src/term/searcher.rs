//! Runs the reader's searches across the library off its thread: each request on a worker of
//! its own, the one before cancelled, the answer handed to a sink as a message for the
//! reader ([`Msg::Found`]). Shared by the local terminal and `brief serve`'s sessions.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::app::{Msg, Work};
use crate::library::Library;

/// Where answers go; returns false once nobody listens.
pub type Sink = Arc<dyn Fn(Msg) -> bool + Send + Sync>;

/// The search under way, if any, and where answers go.
pub struct Searcher {
    running: Option<Arc<AtomicBool>>,
    sink: Sink,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("running", &self.running.is_some())
            .finish_non_exhaustive()
    }
}

impl Searcher {
    /// A searcher answering into `sink`.
    pub fn new(sink: Sink) -> Self {
        Self {
            running: None,
            sink,
        }
    }

    /// Cancels the work under way and starts `work` over `library` on a worker thread.
    pub fn start(&mut self, library: Arc<Library>, work: Work) {
        self.cancel();
        let cancelled = Arc::new(AtomicBool::new(false));
        self.running = Some(Arc::clone(&cancelled));
        let sink = Arc::clone(&self.sink);
        std::thread::spawn(move || {
            if let Some(answer) = work.run(&library, &cancelled)
                && !cancelled.load(Ordering::SeqCst)
            {
                sink(answer);
            }
        });
    }

    /// Cancels the search under way, if any.
    pub fn cancel(&mut self) {
        if let Some(running) = self.running.take() {
            running.store(true, Ordering::SeqCst);
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.cancel();
    }
}
