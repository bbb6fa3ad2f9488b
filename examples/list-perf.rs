//! Times the library view on a library on disk, keystroke to frame (the state's update and
//! drawing the screen into a buffer, as the reader does before encoding it): typing a
//! filter, typing in the fuzzy finder, changing the sort, and scrolling the seed briefing.
//! `cargo run --release --example list-perf -- DIR [ROUNDS]`; medians and 99th percentiles
//! for docs/performance.md, nothing asserted.

use brief::app::{App, Msg};
use brief::library::{self, LoadOptions};
use brief::settings::keymap::{Action, Keymap};

#[path = "support/timing.rs"]
mod timing;
use timing::{report, time};

fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(Msg::SearchInput).collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: list-perf DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let library = library::load_paths(&[dir.into(), "content".into()], LoadOptions::default());
    println!("{} briefings", library.briefings.len());
    let theme =
        brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE).expect("theme");
    let mut app = App::new(library, theme, Keymap::default()).with_today(20_454);
    app.update(Msg::Resize(200, 60));
    app.update(Msg::Action(Action::Library));
    let filter = typed("#set-7 since 2025-01-01 coalition");
    let mut clear = vec![Msg::Action(Action::Close)];
    clear.extend(std::iter::repeat_n(Msg::SearchBackspace, 40));
    clear.push(Msg::SearchSubmit);
    clear.push(Msg::Action(Action::Close));
    let open_filter = [Msg::Action(Action::Filter)];
    app.update(open_filter[0].clone());
    let mut reset = clear.clone();
    reset.push(Msg::Action(Action::Filter));
    report(
        "filter, per key typed (10,000 briefings, 200x60)",
        time(&mut app, rounds, &filter, &reset),
    );
    app.update(Msg::Action(Action::Close));
    app.update(Msg::Action(Action::Find));
    let find = typed("coalition syria border");
    let mut reset: Vec<Msg> = std::iter::repeat_n(Msg::SearchBackspace, 30).collect();
    reset.push(Msg::Action(Action::Close));
    reset.push(Msg::Action(Action::Find));
    report(
        "fuzzy finder, per key typed",
        time(&mut app, rounds, &find, &reset),
    );
    app.update(Msg::Action(Action::Close));
    report(
        "sort, per change",
        time(&mut app, rounds, &[Msg::Action(Action::Sort)], &[]),
    );
    // The seed briefing, read at 200x60: j and k, keystroke to frame.
    app.update(Msg::Action(Action::Library));
    let seed = app
        .library
        .briefings
        .iter()
        .position(|b| b.title.starts_with("Historic Move"))
        .expect("the seed briefing");
    app.open(seed);
    let scroll = [
        Msg::Action(Action::ScrollDown),
        Msg::Action(Action::ScrollUp),
    ];
    report(
        "seed briefing, j/k at 200x60",
        time(&mut app, rounds * 50, &scroll, &[]),
    );
}
