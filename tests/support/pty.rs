//! What the pseudo-terminal tests share: the program's output, read on a thread of its own so a
//! test can wait for it with a timeout.

use std::io::Read;
use std::sync::mpsc;

/// Reads everything the program writes to the pty and hands it over in chunks; the channel
/// closes when the program's side of the pty does.
pub fn pump(mut reader: Box<dyn Read + Send>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Feeds `output` to `parser` until `pred` holds for the screen; panics (naming `what` and
/// showing the screen) after `guard`. Returns every byte fed, for tests that check them.
#[allow(dead_code)] // Not every test crate that includes this file waits on a screen.
pub fn wait_screen(
    parser: &mut vt100::Parser,
    output: &mpsc::Receiver<Vec<u8>>,
    guard: std::time::Duration,
    what: &str,
    pred: impl Fn(&vt100::Screen) -> bool,
) -> Vec<u8> {
    let deadline = std::time::Instant::now() + guard;
    let mut fed = Vec::new();
    while !pred(parser.screen()) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        assert!(
            !left.is_zero(),
            "timed out waiting for {what}; screen:\n{}",
            parser.screen().contents()
        );
        if let Ok(bytes) = output.recv_timeout(left.min(std::time::Duration::from_millis(100))) {
            parser.process(&bytes);
            fed.extend_from_slice(&bytes);
        }
    }
    fed
}
