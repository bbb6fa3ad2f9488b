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
