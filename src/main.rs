//! Entry point: parse arguments, load keys, theme and content before touching the terminal,
//! then run the reader or a plain-text command. Errors are printed once, here.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brief::app::App;
use brief::cli;
use brief::cli::args::{Args, CheckFormat, Command, Digest, Limits, Look, Read, Search, Show};
use brief::content::diagnostic::Diagnostic;
use brief::library::{self, Library, LoadOptions};
use brief::settings::file::Config;
use brief::settings::theme::{self, Theme};
use brief::term::capabilities::Capabilities;
use brief::term::plain::linear::Linear;
use brief::term::tty;
use brief::text::highlight::Highlighter;

fn main() -> ExitCode {
    let args = Args::try_parse_checked(std::env::args_os()).unwrap_or_else(|e| e.exit());
    match run(&args) {
        Ok(code) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "brief: {}",
                brief::content::sanitize::line(&err.to_string())
            );
            ExitCode::from(1)
        }
    }
}

/// The commands that never read the config file (so that a broken one can be replaced):
/// what they did, or `None` for the others.
// Over 40 lines as one function: the dispatch table of those commands.
fn without_config(args: &Args) -> Option<io::Result<ExitCode>> {
    let status = |ok: bool| {
        if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    };
    let done = match args.command.as_ref()? {
        Command::Completions { shell } => {
            let mut command = <Args as clap::CommandFactory>::command();
            // Into memory first: the generator panics on a failed write (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "brief", &mut script);
            io::stdout()
                .lock()
                .write_all(&script)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Man => {
            let command = <Args as clap::CommandFactory>::command();
            let man = clap_mangen::Man::new(command);
            man.render(&mut io::stdout().lock())
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Import(import) => std::env::current_dir().and_then(|cwd| {
            let out = &mut io::stdout().lock();
            let outcome = cli::import::run(import, out, &mut io::stderr().lock(), &cwd)?;
            Ok(status(outcome == cli::import::Outcome::AllImported))
        }),
        Command::New {
            title,
            output,
            force,
        } => new(title.as_deref(), output.as_deref(), *force),
        Command::Config {
            path,
            print_default,
        } => cli::config(&mut io::stdout().lock(), *path, *print_default).map(status),
        _ => return None,
    };
    Some(done)
}

// Over 40 lines as one function: the dispatch table from each command to what runs it.
fn run(args: &Args) -> io::Result<ExitCode> {
    if let Some(done) = without_config(args) {
        return done;
    }
    let config = match Config::load() {
        Ok(config) => config,
        Err(problems) => return Ok(report(&problems)),
    };
    let config = &config;
    match &args.command {
        Some(Command::Check {
            paths,
            limits,
            strict,
            format,
            quiet,
        }) => {
            let library = load_announced(paths, config, *limits, "checking");
            let out = &mut io::stdout().lock();
            if *format == CheckFormat::Json {
                // Every problem is in the document: none on standard error.
                let ok = cli::json::check(out, &library, *strict)?;
                return Ok(if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            let ok = cli::check(out, &library, *strict, *quiet)?;
            Ok(finish(&library, ok))
        }
        Some(Command::List {
            paths,
            term,
            limits,
            json,
        }) => {
            let library = load_announced(paths, config, *limits, "listing");
            let shown = match term {
                Some(term) => mentioning(&library, term),
                None => library.clone(),
            };
            if *json {
                cli::json::list(&mut io::stdout().lock(), &shown)?;
            } else {
                cli::list(&mut io::stdout().lock(), &shown)?;
            }
            Ok(finish(&library, !shown.briefings.is_empty()))
        }
        Some(Command::Search(args)) => search(args, config),
        Some(Command::Digest(args)) => digest(args, config),
        #[cfg(feature = "ssh")]
        Some(Command::Serve(args)) => serve(args, config),
        Some(Command::Show(args)) => show(args, config),
        None if args.read.list_actions => list_actions(config).map(|()| ExitCode::SUCCESS),
        None => read(&args.read, config),
        Some(
            Command::Completions { .. }
            | Command::Man
            | Command::Config { .. }
            | Command::Import(_)
            | Command::New { .. },
        ) => Ok(ExitCode::SUCCESS),
    }
}

/// `brief serve`: the briefings on disk, the theme, then its settings and `--check` or the
/// server.
#[cfg(feature = "ssh")]
fn serve(args: &brief::cli::args::Serve, config: &Config) -> io::Result<ExitCode> {
    let fail = |message: String| {
        eprintln!("brief serve: {message}");
        Ok(ExitCode::from(2))
    };
    let Some(paths) =
        disk_paths(&args.paths, config).filter(|p| !p.iter().any(|p| library::is_special(p)))
    else {
        return fail("serve reads briefings from files or directories".into());
    };
    // The config's theme (not the environment's: the readers' terminals are elsewhere), with
    // `auto` as dark, since nothing tells a client's background.
    let name = theme::choose(None, None, false, config.reader.theme.as_deref(), None);
    let theme = match theme::load(name, config.max_file_size(args.limits.max_file_size)) {
        Ok(theme) => theme,
        Err(problems) => return Ok(report(&problems)),
    };
    let options = match brief::serve::Options::from_settings(args, config, paths, theme) {
        Ok(options) => options,
        Err(message) => return fail(message),
    };
    if args.check {
        let ok = brief::serve::check(&options);
        return Ok(if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    match brief::serve::run(options) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(message) => fail(message),
    }
}

/// `brief new`: the template on standard output, or written to a file (never over one
/// without `--force`).
fn new(title: Option<&str>, output: Option<&Path>, force: bool) -> io::Result<ExitCode> {
    let text = brief::import::template(title, brief::import::today());
    match output {
        None => io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) if path == Path::new("-") => io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) => {
            if let Err(message) = cli::import::write_new(path, text.as_bytes(), force) {
                eprintln!("{}: error: {message}", library::display_path(path));
                return Ok(ExitCode::from(1));
            }
            eprintln!("brief new: wrote {}", library::display_path(path));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `brief digest`: 0 when a briefing is in the range, 1 when none is (or a file failed to
/// load), 2 for a range that cannot be read.
fn digest(args: &Digest, config: &Config) -> io::Result<ExitCode> {
    use brief::library::digest::{self, Range};
    let today = match today() {
        Ok(today) => today,
        Err(message) => {
            eprintln!("brief digest: BRIEF_TODAY: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let range = match (&args.since, &args.from, &args.to) {
        (Some(since), ..) => Range::since(since, today),
        (None, None, None) => Range::since("7d", today),
        (None, from, to) => Range::between(from.as_deref(), to.as_deref(), today),
    };
    let range = match range {
        Ok(range) => range,
        Err(message) => {
            eprintln!("brief digest: {}", brief::content::sanitize::line(&message));
            return Ok(ExitCode::from(2));
        }
    };
    let library = load_announced(&args.paths, config, args.limits, "reading");
    let found = digest::digest(&library, &range, &args.tag);
    cli::digest::print(&mut io::stdout().lock(), &library, &found, args.format)?;
    Ok(finish(&library, !found.days.is_empty()))
}

/// Today's date: `BRIEF_TODAY` (YYYY-MM-DD) when set, for tests and for a digest as of
/// another day; else the local date in the system's time zone.
fn today() -> Result<jiff::civil::Date, String> {
    match std::env::var("BRIEF_TODAY") {
        Ok(text) if !text.is_empty() => library::digest::day(&text),
        _ => Ok(jiff::Zoned::now().date()),
    }
}

/// The briefings of `library` whose text mentions `term`, newest first (failures left out).
fn mentioning(library: &Library, term: &str) -> Library {
    let briefings = library::entities::mentions(library, term)
        .into_iter()
        .filter_map(|m| library.briefings.get(m.briefing).cloned())
        .collect();
    Library {
        briefings,
        failures: Vec::new(),
    }
}

/// `brief search`: 0 when something matched, 1 when nothing did, 2 for a query with no
/// words or when a file failed to load (as grep for a file it cannot read), after the results.
fn search(args: &Search, config: &Config) -> io::Result<ExitCode> {
    use brief::library::find::{self, Options, Query};
    let query = Query::parse(&args.query);
    if query.is_empty() {
        eprintln!("brief search: the query has no words to find");
        return Ok(ExitCode::from(2));
    }
    let library = load_announced(&args.paths, config, args.limits, "searching");
    let options = Options {
        limit: if args.limit == 0 {
            usize::MAX
        } else {
            args.limit
        },
        ..Options::default()
    };
    let results = find::search(&library, &query, options);
    let out = &mut io::stdout().lock();
    if args.json {
        cli::search::json(out, &library, &query, &results)?;
    } else {
        cli::search::lines(out, &library, &results)?;
        if results.hits.len() < results.total {
            eprintln!(
                "brief search: the best {} of {} shown (--limit 0 shows every one)",
                results.hits.len(),
                results.total
            );
        }
    }
    if finish(&library, true) != ExitCode::SUCCESS {
        return Ok(ExitCode::from(2));
    }
    Ok(if results.total > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn show(args: &Show, config: &Config) -> io::Result<ExitCode> {
    let options = options(config, args.limits);
    let briefing = match library::load_file(&args.file, options) {
        Ok(b) => b,
        Err(failure) => {
            let library = Library {
                briefings: Vec::new(),
                failures: vec![failure],
            };
            return Ok(finish(&library, false));
        }
    };
    // A bad theme or watchlist is an error even when piped, where they are not used: an
    // option given is an option checked.
    let (theme, watchlist) = match look_of(&args.look, config, options.max_file_size) {
        Ok(found) => found,
        Err(problems) => return Ok(report(&problems)),
    };
    // Warnings go to standard error, so the text on standard output stays clean.
    if !briefing.warnings.is_empty() {
        report(&briefing.warnings);
    }
    // Colours only on a terminal: a pipe or a file gets plain text.
    let paint = io::stdout().is_terminal().then(|| {
        let highlighter = Highlighter::with_watchlist(&briefing.keywords, &watchlist);
        (theme, highlighter)
    });
    let paint = paint
        .as_ref()
        .map(|(theme, highlighter)| cli::Paint { theme, highlighter });
    let width = args.width.unwrap_or_else(default_width);
    cli::show(
        &mut io::stdout().lock(),
        &briefing,
        width,
        args.takeaways,
        paint,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The theme and the watchlist, as the reader and `show` use them: each from the command
/// line, the environment, the config file or the default, in that order.
fn look_of(
    look: &Look,
    config: &Config,
    max: u64,
) -> Result<(Theme, Vec<String>), Vec<Diagnostic>> {
    let caps = Capabilities::local();
    let environment = std::env::var("BRIEF_THEME").ok();
    let name = theme::choose(
        look.theme.as_deref(),
        environment.as_deref(),
        caps.no_color,
        config.reader.theme.as_deref(),
        caps.background,
    );
    let theme = theme::load(name, max)?.adapted(caps.color);
    let watchlist = config.watchlist(look.watchlist.as_deref(), &look.watch, max)?;
    Ok((theme, watchlist))
}

fn options(config: &Config, limits: Limits) -> LoadOptions {
    LoadOptions {
        max_file_size: config.max_file_size(limits.max_file_size),
    }
}

// Over 40 lines as one function: the reader's start-up in order (keys, theme and watchlist,
// then plain output or the full screen with content and state); each step may end it with
// a message.
fn read(args: &Read, config: &Config) -> io::Result<ExitCode> {
    let options = options(config, args.limits);
    let keymap = match config.keymap(args.keys.as_deref(), options.max_file_size) {
        Ok(k) => k,
        Err(problems) => return Ok(report(&problems)),
    };
    let (theme, watchlist) = match look_of(&args.look, config, options.max_file_size) {
        Ok(found) => found,
        Err(problems) => return Ok(report(&problems)),
    };
    let caps = Capabilities::local();
    if args.plain || !caps.full_screen {
        return linear(args, config, options, keymap, caps);
    }
    let state =
        brief::settings::dirs::state_file(brief::store::FILE).map(|store| tty::StatePaths {
            store,
            legacy: brief::store::positions::default_path(),
        });
    // Files on disk are read in the background: the first frame never waits for a large
    // library. The built-in briefings and standard input are read first (standard input
    // before the terminal is taken, so that it can be a pipe).
    let (library, loader) = match disk_paths(&args.paths, config) {
        Some(paths) if !paths.iter().any(|p| library::is_special(p)) => {
            let watch = !args.no_watch && config.library.watch.unwrap_or(true);
            (
                Library::default(),
                Some(library::Loader {
                    paths,
                    options,
                    watch,
                }),
            )
        }
        _ => (load(&args.paths, config, options), None),
    };
    let mut app = App::new(library, theme, keymap)
        .with_today(brief::settings::clock::local_today())
        .with_watchlist(watchlist)
        .with_preferences(config.preferences());
    if let Some(fallback) = fallback(&args.paths, config) {
        app.view.message = Some(format!("no library configured: reading {fallback}"));
    }
    let (exit, notices) = tty::run_loading(&mut app, loader, state)?;
    // The reading went fine; only a bookmark is lost. Said once, after the screen is back.
    for notice in notices {
        eprintln!("brief: {notice}");
    }
    // What failed to load was listed under `!`; it is also reported here, after the screen is
    // back, so that the reader fails as `check` and `list` do.
    let code = finish(&app.library, true);
    // After a termination signal the status is 128 + its number, as shells expect.
    Ok(match exit.status() {
        0 => code,
        status => ExitCode::from(status),
    })
}

/// The reader where the full screen is not wanted or cannot be drawn. On a terminal (with
/// `--plain`, or one that takes no escape sequences): the linear reader, a key at a time. Not
/// on one: behave like a pager and print the newest briefing (as lines of text with
/// `--plain`). What failed to load goes to standard error, as for every command, and so do
/// warnings.
fn linear(
    args: &Read,
    config: &Config,
    options: LoadOptions,
    keymap: brief::settings::keymap::Keymap,
    caps: Capabilities,
) -> io::Result<ExitCode> {
    let library = load(&args.paths, config, options);
    for b in &library.briefings {
        report(&b.warnings);
    }
    if caps.linear || (args.plain && io::stdout().is_terminal()) {
        let reader = Linear::new(library.clone(), keymap);
        let status = brief::term::plain::run(reader, || load(&args.paths, config, options))?;
        let code = finish(&library, true);
        return Ok(if status == 0 {
            code
        } else {
            ExitCode::from(status)
        });
    }
    if args.plain {
        let mut reader = Linear::new(library.clone(), keymap);
        io::stdout().lock().write_all(reader.whole().as_bytes())?;
    } else if let Some(b) = library.briefings.first() {
        cli::show(&mut io::stdout().lock(), b, 80, false, None)?;
    }
    Ok(finish(&library, true))
}

/// Reports every load failure on standard error (and an empty result as "no briefings
/// found"); the exit status is 1 if there was any, or if `ok` is false.
fn finish(library: &Library, ok: bool) -> ExitCode {
    let mut err = io::stderr().lock();
    for failure in &library.failures {
        for d in &failure.diagnostics {
            let _ = writeln!(err, "{d}");
        }
    }
    if library.briefings.is_empty() && library.failures.is_empty() {
        let _ = writeln!(err, "brief: {}", library::NO_BRIEFINGS);
    }
    if ok && library.failures.is_empty() && !library.briefings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Like [`load`], saying on standard error which set is used when neither the command line
/// nor the config file named one.
fn load_announced(paths: &[PathBuf], config: &Config, limits: Limits, doing: &str) -> Library {
    if let Some(fallback) = fallback(paths, config) {
        eprintln!("brief: no path given and no library configured: {doing} {fallback}");
    }
    load(paths, config, options(config, limits))
}

/// Loads the given paths, or the config file's library, or ./content, or the built-in
/// briefings.
fn load(paths: &[PathBuf], config: &Config, options: LoadOptions) -> Library {
    match disk_paths(paths, config) {
        Some(paths) => library::load_paths(&paths, options),
        None => library::load_built_in(),
    }
}

/// The paths to read: those given, or the config file's `[library] paths`, or ./content;
/// `None` for the built-in briefings.
fn disk_paths(paths: &[PathBuf], config: &Config) -> Option<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    if !config.library.paths.is_empty() {
        return Some(config.library.paths.clone());
    }
    let local = Path::new("content");
    local.is_dir().then(|| vec![local.to_path_buf()])
}

/// When neither the command line nor the config file names the library: what is read
/// instead (./content, or the built-in briefings), to be said.
fn fallback(paths: &[PathBuf], config: &Config) -> Option<&'static str> {
    if !paths.is_empty() || !config.library.paths.is_empty() {
        return None;
    }
    Some(if disk_paths(paths, config).is_some() {
        "./content"
    } else {
        "the briefings built into brief (there is no ./content here)"
    })
}

fn report(problems: &[Diagnostic]) -> ExitCode {
    let mut err = io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    ExitCode::from(2)
}

fn default_width() -> usize {
    if io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).min(100))
    } else {
        80
    }
}

/// The keys file `--list-actions` prints: every action with its keys, the config file's
/// `[keys]` included.
fn list_actions(config: &Config) -> io::Result<()> {
    let keymap = config.keys.clone().unwrap_or_default();
    io::stdout()
        .lock()
        .write_all(keymap.to_keys_file().as_bytes())
}
