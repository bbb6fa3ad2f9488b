//! Keystroke-to-frame timing shared by the performance examples: a message applied, then the
//! screen drawn into a buffer, as the reader does before encoding it.

use std::time::{Duration, Instant};

use brief::app::{App, Msg};
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;

/// Draws the screen into a buffer, as the reader does before encoding it.
pub fn frame(app: &App) {
    let mut buf = Buffer::empty(app.area);
    app.render(app.area, &mut buf);
    std::hint::black_box(&buf);
}

/// Times each message of `keys` (update, then a frame), `rounds` times over; `reset` is
/// applied untimed after each round.
pub fn time(app: &mut App, rounds: usize, keys: &[Msg], reset: &[Msg]) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..rounds {
        for msg in keys {
            let start = Instant::now();
            app.update(msg.clone());
            frame(app);
            times.push(start.elapsed());
        }
        for msg in reset {
            app.update(msg.clone());
        }
    }
    times
}

/// Prints the median and the 99th percentile of `times`.
pub fn report(what: &str, mut times: Vec<Duration>) {
    if times.is_empty() {
        println!("{what}: no keys");
        return;
    }
    times.sort();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    println!(
        "{what}: median {:.2?}, p99 {:.2?} ({} keys)",
        at(50),
        at(99),
        times.len()
    );
}
