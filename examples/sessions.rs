//! Memory of many readers over one library, for docs/performance.md:
//! `cargo run --release --example sessions -- DIR [N]` loads the briefings under DIR once,
//! opens N sessions over the one snapshot (default 10), each drawing a frame at 120×40 into
//! memory and paging once, and prints the resident memory (`VmRSS`, Linux) after the load, after
//! the first session and after all N. With `BRIEF_COPY_LIBRARY=1` every reader gets a copy of
//! the library instead, as each did before the snapshot was shared.

use std::sync::Arc;
use std::time::Instant;

use brief::app::App;
use brief::library::{self, Library, LoadOptions};
use brief::settings::keymap::Keymap;
use brief::term::backend::WireOptions;
use brief::term::session::{Batch, Session};
use ratatui::layout::Size;

/// Resident memory in MiB, from /proc (0 where there is none).
fn resident_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "content".into());
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let base = resident_mib();
    let library = Arc::new(library::load_paths(&[dir.into()], LoadOptions::default()));
    let loaded = resident_mib();
    let theme = brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE)
        .map_err(|_| std::io::Error::other("no dark theme"))?;
    let mut apps: Vec<App> = Vec::with_capacity(count);
    let mut after_one = 0.0;
    for i in 0..count {
        // `BRIEF_COPY_LIBRARY=1`: each reader gets a copy of its own, as before the snapshot
        // was shared, for comparison.
        let own = if std::env::var_os("BRIEF_COPY_LIBRARY").is_some() {
            // A deep copy: the briefings themselves, not the pointers to them.
            Arc::new(Library {
                briefings: library
                    .briefings
                    .iter()
                    .map(|b| Arc::new(brief::content::Briefing::clone(b)))
                    .collect(),
                failures: library.failures.clone(),
            })
        } else {
            Arc::clone(&library)
        };
        apps.push(App::new(own, theme.clone(), Keymap::default()));
        let app = apps
            .last_mut()
            .ok_or_else(|| std::io::Error::other("no app"))?;
        let mut session = Session::new(app, Vec::new(), Size::new(120, 40), WireOptions::default());
        session.draw(None)?;
        let mut batch = Batch::default();
        session.feed(b"\x1b[6~", Instant::now(), &mut batch, &mut |_| Ok(()))?;
        session.draw(None)?;
        if i == 0 {
            after_one = resident_mib();
        }
    }
    let after_all = resident_mib();
    println!(
        "briefings {}, shared by {} readers (Arc holders {})",
        library.briefings.len(),
        apps.len(),
        Arc::strong_count(&library)
    );
    println!(
        "resident MiB: start {base:.1}, library loaded {loaded:.1}, one session {after_one:.1}, {count} sessions {after_all:.1}"
    );
    println!(
        "per session after the first: {:.2} MiB",
        (after_all - after_one)
            / f64::from(u32::try_from(count.saturating_sub(1).max(1)).unwrap_or(u32::MAX))
    );
    Ok(())
}
