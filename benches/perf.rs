//! Benchmarks, run by hand (`cargo bench --bench perf`): loading, layout, drawing one frame,
//! and the bytes a drawn step sends to the terminal. Data is generated into a temporary
//! directory at start-up (see examples/brief-gen/generate.rs); nothing here asserts a time.

use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;
use ratatui::{Terminal, TerminalOptions, Viewport};

use brief::app::{App, Msg};
use brief::content;
use brief::library::{self, Library, LoadOptions};
use brief::term::backend::{WireBackend, WireOptions};

// The benchmark data generator is brief-gen's, not the library's: compiled in here too.
#[path = "../examples/brief-gen/generate.rs"]
#[allow(dead_code)]
mod generate;
use brief::app::layout::ArticleLayout;
use brief::settings::keymap::{Action, Keymap};
use brief::term::session::ArticleSpot;
use brief::text::highlight::Highlighter;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn quick(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group("brief");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300));
    group.measurement_time(Duration::from_secs(2));
    group
}

fn app(library: Library, width: u16, height: u16) -> App {
    let theme =
        brief::settings::theme::load("dark", library::DEFAULT_MAX_FILE_SIZE).expect("dark theme");
    let mut app = App::new(library, theme, Keymap::default());
    app.update(Msg::Resize(width, height));
    app
}

fn seed_library() -> Library {
    let mut library = Library::default();
    library.push(
        content::parse("seed", generate::seed_article()).map_err(|d| library::LoadFailure {
            origin: "seed".into(),
            diagnostics: d,
        }),
    );
    library
}

fn loading(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let one = dir.path().join("seed.toml");
    std::fs::write(&one, generate::seed_article()).expect("write seed");
    let long = generate::long_briefing(200);
    let options = LoadOptions::default();
    let mut group = quick(c);
    group.bench_function("load one briefing", |b| {
        b.iter(|| library::load_file(black_box(&one), options));
    });
    group.bench_function("parse the 1.2 MB briefing", |b| {
        b.iter(|| content::parse("long", black_box(&long)));
    });
    group.measurement_time(Duration::from_secs(8));
    // Generated on first use, so that it is only written when this benchmark runs.
    let library = std::cell::OnceCell::new();
    group.bench_function("load 10,000 briefings", |b| {
        let many = library.get_or_init(|| {
            let many = dir.path().join("library");
            let (_, bytes) = generate::write_library(&many, 10_000, 1).expect("write library");
            eprintln!("library: 10,000 briefings, {bytes} bytes");
            many
        });
        b.iter(|| library::load_paths(black_box(std::slice::from_ref(many)), options));
    });
    group.finish();
}

fn layout(c: &mut Criterion) {
    let long = content::parse("long", &generate::long_briefing(200)).expect("long briefing");
    let mut group = quick(c);
    group.bench_function("highlighter for the 1.2 MB briefing", |b| {
        b.iter(|| Highlighter::new(black_box(&long.keywords)));
    });
    let highlighter = Highlighter::new(&long.keywords);
    for width in [72, 100] {
        group.bench_function(format!("layout + highlight 1.2 MB at width {width}"), |b| {
            b.iter(|| ArticleLayout::new(black_box(&long), &highlighter, width));
        });
    }
    group.finish();
}

fn rendering(c: &mut Criterion) {
    let mut group = quick(c);
    for (w, h) in SIZES {
        let app = app(seed_library(), w, h);
        let area = Rect::new(0, 0, w, h);
        group.bench_function(format!("render one frame {w}x{h}"), |b| {
            b.iter(|| {
                let mut buf = Buffer::empty(area);
                (&app).render(area, &mut buf);
                black_box(buf)
            });
        });
    }
    group.finish();
}

/// A writer that counts what it is given, shared with the benchmark.
#[derive(Clone, Default)]
struct Sink(Rc<Cell<usize>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Draws `app` into `term` the way the terminal loop does, hint included.
fn draw<B: Backend>(term: &mut Terminal<B>, app: &App) {
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
}

/// Bytes written by drawing the frame after `action`, from a settled first frame, through
/// ratatui's crossterm backend and through brief's.
fn step_bytes(w: u16, h: u16, action: Action) -> (usize, usize) {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let mut app = app(seed_library(), w, h);
    let plain = Sink::default();
    let mut crossterm =
        Terminal::with_options(CrosstermBackend::new(plain.clone()), options.clone())
            .expect("terminal");
    let wire = Sink::default();
    let backend = WireBackend::sized(wire.clone(), Size::new(w, h), WireOptions::default());
    let mut ours = Terminal::with_options(backend, options).expect("terminal");
    draw(&mut crossterm, &app);
    draw(&mut ours, &app);
    let (before_plain, before_wire) = (plain.0.get(), wire.0.get());
    let spot = ArticleSpot::of(&app);
    app.update(Msg::Action(action));
    if let Some(hint) = spot.hint(ArticleSpot::of(&app)) {
        ours.backend_mut().hint_scroll(hint);
    }
    draw(&mut crossterm, &app);
    draw(&mut ours, &app);
    (plain.0.get() - before_plain, wire.0.get() - before_wire)
}

const STEPS: [(&str, Action); 6] = [
    ("j", Action::ScrollDown),
    ("PageDown", Action::PageDown),
    ("d (half page)", Action::HalfPageDown),
    ("]", Action::NextSection),
    ("2", Action::Takeaway(2)),
    ("no change", Action::Close),
];

fn diff_bytes(c: &mut Criterion) {
    eprintln!("bytes written per step, ratatui's crossterm backend → brief's (seed briefing):");
    for (w, h) in SIZES {
        let steps: Vec<String> = STEPS
            .iter()
            .map(|(name, a)| {
                let (plain, wire) = step_bytes(w, h, *a);
                format!("{name}: {plain} → {wire}")
            })
            .collect();
        eprintln!("  {w}x{h}: {}", steps.join(", "));
    }
    let mut group = quick(c);
    for (w, h) in SIZES {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        };
        group.bench_function(format!("draw j then k, crossterm backend {w}x{h}"), |b| {
            let mut app = app(seed_library(), w, h);
            let mut term =
                Terminal::with_options(CrosstermBackend::new(Sink::default()), options.clone())
                    .expect("terminal");
            draw(&mut term, &app);
            b.iter(|| {
                for action in [Action::ScrollDown, Action::ScrollUp] {
                    app.update(Msg::Action(action));
                    draw(&mut term, &app);
                }
            });
        });
        group.bench_function(format!("draw j then k, brief's backend {w}x{h}"), |b| {
            let mut app = app(seed_library(), w, h);
            let backend =
                WireBackend::sized(Sink::default(), Size::new(w, h), WireOptions::default());
            let mut term = Terminal::with_options(backend, options.clone()).expect("terminal");
            draw(&mut term, &app);
            b.iter(|| {
                for action in [Action::ScrollDown, Action::ScrollUp] {
                    let spot = ArticleSpot::of(&app);
                    app.update(Msg::Action(action));
                    if let Some(hint) = spot.hint(ArticleSpot::of(&app)) {
                        term.backend_mut().hint_scroll(hint);
                    }
                    draw(&mut term, &app);
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, diff_bytes, rendering, layout, loading);
criterion_main!(benches);
