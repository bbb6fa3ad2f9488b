//! Times reading one long briefing, keystroke to frame (the state's update and drawing the
//! screen into a buffer): opening it, `j`/`k`, paging to its end and back, jumping to its
//! bottom and top, and a search stepped through with `n`, at 80x24 and 200x60.
//! `cargo run --release --example long-perf -- FILE [ROUNDS]`; medians and 99th percentiles
//! for docs/performance.md, nothing asserted.

use std::time::Instant;

use brief::app::{App, Msg};
use brief::library::{self, LoadOptions};
use brief::settings::keymap::{Action, Keymap};

#[path = "support/timing.rs"]
mod timing;
use timing::{frame, report, time};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: long-perf FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let theme =
        brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE).expect("theme");
    for (width, height) in [(80, 24), (200, 60)] {
        let size = format!("{width}x{height}");
        let mut opened = Vec::new();
        let mut app = None;
        for _ in 0..rounds {
            let library = library::load_paths(&[file.clone().into()], LoadOptions::default());
            let start = Instant::now();
            let mut a = App::new(library, theme.clone(), Keymap::default());
            a.update(Msg::Resize(width, height));
            frame(&a);
            opened.push(start.elapsed());
            app = Some(a);
        }
        report(&format!("open, laid out whole, {size}"), opened);
        let Some(mut app) = app else { return };
        let key = |action| Msg::Action(action);
        let scroll = [key(Action::ScrollDown), key(Action::ScrollUp)];
        report(
            &format!("j/k at the top, {size}"),
            time(&mut app, rounds * 50, &scroll, &[]),
        );
        app.update(key(Action::Bottom));
        report(
            &format!("j/k at the bottom, {size}"),
            time(&mut app, rounds * 50, &scroll, &[]),
        );
        let pages = app.view.scroll / usize::from(height) + 2;
        app.update(key(Action::Top));
        let down = vec![key(Action::PageDown); pages];
        report(
            &format!("page down to the end, per page, {size}"),
            time(&mut app, 1, &down, &[key(Action::Top)]),
        );
        report(
            &format!("G then gg, {size}"),
            time(
                &mut app,
                rounds * 10,
                &[key(Action::Bottom), key(Action::Top)],
                &[],
            ),
        );
        let mut search = vec![key(Action::Search)];
        search.extend("coalition".chars().map(Msg::SearchInput));
        search.push(Msg::SearchSubmit);
        report(
            &format!("search typed and submitted, per key, {size}"),
            time(&mut app, rounds, &search, &[key(Action::Top)]),
        );
        let steps = vec![key(Action::SearchNext); 200];
        report(
            &format!("n through the matches, {size}"),
            time(&mut app, rounds, &steps, &[]),
        );
    }
}
