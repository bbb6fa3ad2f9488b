//! Times the library search, the entity index and the digest on a library on disk, as a
//! reader would use them: `cargo run --release --example find-perf -- DIR [QUERY…]`. Each
//! query is run many times and the median and 99th percentile printed (figures for
//! docs/performance.md); nothing here asserts a time. Given queries, only those are timed
//! (for a profiler).

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use brief::library::find::{self, Options, Query};
use brief::library::{self, LoadOptions, digest, entities};

/// Runs per query.
const RUNS: usize = 60;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: find-perf DIR [QUERY…]");
        std::process::exit(2);
    };
    let only: Vec<String> = std::env::args().skip(2).collect();
    let rss_before = rss_kib();
    let start = Instant::now();
    let library = library::load_paths(&[dir.into()], LoadOptions::default());
    let text: usize = library
        .briefings
        .iter()
        .map(|b| {
            let mut n = 0;
            find::for_each_passage(b, |_, t| n += t.len());
            n
        })
        .sum();
    println!(
        "{} briefings, {:.1} MB of passage text, loaded in {:.2?}; resident memory {:.1} MB more",
        library.briefings.len(),
        mb(text),
        start.elapsed(),
        mb((rss_kib().saturating_sub(rss_before)) * 1024)
    );
    if !only.is_empty() {
        for q in &only {
            let mut times = time_query(&library, q);
            report(&format!("`{q}`"), &mut times);
        }
        return;
    }
    let typed = [
        "s",
        "sy",
        "syr",
        "syri",
        "syria",
        "c",
        "co",
        "coa",
        "coal",
        "coali",
        "coalition",
    ];
    let mut keystrokes = Vec::new();
    for q in typed {
        keystrokes.extend(time_query(&library, q));
    }
    report(
        "every keystroke of `syria` and `coalition`",
        &mut keystrokes,
    );
    for q in [
        "sanctions syria",
        "\"white house\"",
        "zebra",
        "damascus’s",
        "straße",
        "東京",
        "москва",
    ] {
        let mut times = time_query(&library, q);
        let results = find::search(&library, &Query::parse(q), Options::default());
        report(&format!("`{q}` ({} hits)", results.total), &mut times);
    }
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(entities::entities(&library, &["sanctions".to_owned()]));
            t.elapsed()
        })
        .collect();
    report("the entity index", &mut times);
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(entities::mentions(&library, "Damascus"));
            t.elapsed()
        })
        .collect();
    report("list --term Damascus", &mut times);
    let today = digest::day("2025-11-12").unwrap_or_default();
    let range = digest::Range::since("4w", today).unwrap_or(digest::Range {
        from: today,
        to: today,
    });
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(digest::digest(&library, &range, &[]));
            t.elapsed()
        })
        .collect();
    report("a 4-week digest", &mut times);
}

fn time_query(library: &library::Library, q: &str) -> Vec<Duration> {
    let query = Query::parse(q);
    let never = AtomicBool::new(false);
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(find::search_until(
                library,
                &query,
                Options::default(),
                &never,
            ));
            t.elapsed()
        })
        .collect()
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort_unstable();
    let at = |p: usize| times.get((times.len() * p / 100).min(times.len().saturating_sub(1)));
    if let (Some(median), Some(p99)) = (at(50), at(99)) {
        println!(
            "{what}: median {median:.1?}, p99 {p99:.1?} ({} runs)",
            times.len()
        );
    }
}

fn mb(bytes: usize) -> f64 {
    f64::from(u32::try_from(bytes / 1024).unwrap_or(u32::MAX)) / 1024.0
}

/// Resident set size from /proc (0 elsewhere).
fn rss_kib() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
