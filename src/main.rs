//! Entry point: parse arguments, load keys, theme and content before touching the terminal,
//! then run the reader or a plain-text command. Errors are printed once, here.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brief::app::App;
use brief::cli;
use brief::cli::args::{Args, CheckFormat, Command, Limits, Look, Read};
use brief::content::diagnostic::Diagnostic;
use brief::library::{self, Library, LoadOptions};
use brief::settings::config;
use brief::settings::keymap::Keymap;
use brief::settings::theme::{self, Theme};
use brief::term::capabilities::Capabilities;
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

// Over 40 lines as one function: the dispatch table from each command to what runs it.
fn run(args: &Args) -> io::Result<ExitCode> {
    match &args.command {
        Some(Command::Check {
            paths,
            limits,
            strict,
            format,
            quiet,
        }) => {
            let library = load_announced(paths, *limits, "checking");
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
            limits,
            json,
        }) => {
            let library = load_announced(paths, *limits, "listing");
            if *json {
                cli::json::list(&mut io::stdout().lock(), &library)?;
            } else {
                cli::list(&mut io::stdout().lock(), &library)?;
            }
            Ok(finish(&library, true))
        }
        Some(Command::Completions { shell }) => {
            let mut command = <Args as clap::CommandFactory>::command();
            // Into memory first: the generator panics on a failed write (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "brief", &mut script);
            io::stdout().lock().write_all(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(import)) => {
            let cwd = std::env::current_dir()?;
            let outcome = cli::import::run(
                import,
                &mut io::stdout().lock(),
                &mut io::stderr().lock(),
                &cwd,
            )?;
            Ok(match outcome {
                cli::import::Outcome::AllImported => ExitCode::SUCCESS,
                cli::import::Outcome::SomeFailed => ExitCode::from(1),
            })
        }
        Some(Command::New {
            title,
            output,
            force,
        }) => new(title.as_deref(), output.as_deref(), *force),
        #[cfg(feature = "ssh")]
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Man) => {
            let command = <Args as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Show {
            file,
            width,
            takeaways,
            look,
            limits,
        }) => show(file, *width, *takeaways, look, *limits),
        None if args.read.list_actions => list_actions().map(|()| ExitCode::SUCCESS),
        None => read(&args.read),
    }
}

/// `brief serve`: the defaults for the key files, the briefings on disk, then the server.
// Over 40 lines as one function: `brief serve`'s start in order: the key files' defaults, the
// briefings on disk, the theme, then `--check` or the server.
#[cfg(feature = "ssh")]
fn serve(args: &brief::cli::args::Serve) -> io::Result<ExitCode> {
    let limits = args.limits;
    let fail = |message: String| {
        eprintln!("brief serve: {message}");
        Ok(ExitCode::from(2))
    };
    let host_key = args
        .host_key
        .clone()
        .or_else(|| brief::settings::dirs::state_file("host_ed25519"));
    let authorized_keys = args
        .authorized_keys
        .clone()
        .or_else(|| brief::settings::dirs::config_file("authorized_keys"));
    let (Some(host_key), Some(authorized_keys)) = (host_key, authorized_keys) else {
        return fail("no home directory: give --host-key and --authorized-keys".into());
    };
    let Some(paths) = disk_paths(&args.paths).filter(|p| !p.iter().any(|p| library::is_special(p)))
    else {
        return fail("serve reads briefings from files or directories".into());
    };
    let theme = match theme::load("dark", limits.max_file_size) {
        Ok(theme) => theme,
        Err(problems) => return Ok(report(&problems)),
    };
    let options = brief::serve::Options {
        listen: args.listen,
        host_key,
        authorized_keys,
        max_sessions: args.max_sessions,
        idle_timeout: Some(args.idle_timeout).filter(|d| !d.is_zero()),
        login_grace: args.login_grace,
        anonymous: args.anonymous,
        loader: library::Loader {
            paths,
            options: options(limits),
            watch: true,
        },
        theme,
        keymap: Keymap::default(),
        state: brief::settings::dirs::state_file(brief::store::FILE),
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

fn show(
    file: &Path,
    width: Option<usize>,
    takeaways: bool,
    look: &Look,
    limits: Limits,
) -> io::Result<ExitCode> {
    let briefing = match library::load_file(file, options(limits)) {
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
    let (theme, watchlist) = match look_of(look, limits.max_file_size) {
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
    let width = width.unwrap_or_else(default_width);
    cli::show(&mut io::stdout().lock(), &briefing, width, takeaways, paint)?;
    Ok(ExitCode::SUCCESS)
}

/// The theme and the watchlist, as the reader and `show` use them.
fn look_of(look: &Look, max: u64) -> Result<(Theme, Vec<String>), Vec<Diagnostic>> {
    let theme = pick_theme(look.theme.as_deref(), Capabilities::local(), max)?;
    let watchlist = config::watchlist(look.watchlist.as_deref(), &look.watch, max)?;
    Ok((theme, watchlist))
}

fn options(limits: Limits) -> LoadOptions {
    LoadOptions {
        max_file_size: limits.max_file_size,
    }
}

// Over 40 lines as one function: the reader's start-up in order (keys, theme and watchlist,
// then plain output or the full screen with content and state); each step may end it with
// a message.
fn read(args: &Read) -> io::Result<ExitCode> {
    let options = options(args.limits);
    let keymap = match config::keymap(args.keys.as_deref(), options.max_file_size) {
        Ok(k) => k,
        Err(problems) => return Ok(report(&problems)),
    };
    let (theme, watchlist) = match look_of(&args.look, options.max_file_size) {
        Ok(found) => found,
        Err(problems) => return Ok(report(&problems)),
    };
    if !Capabilities::local().full_screen {
        let library = load(&args.paths, options);
        // Not a terminal (or one that takes no escape sequences): behave like a pager and
        // print the newest briefing; what failed to load goes to standard error, as for every
        // command, and so do warnings.
        if let Some(b) = library.briefings.first() {
            cli::show(&mut io::stdout().lock(), b, 80, false, None)?;
        }
        for b in &library.briefings {
            report(&b.warnings);
        }
        return Ok(finish(&library, true));
    }
    let state =
        brief::settings::dirs::state_file(brief::store::FILE).map(|store| tty::StatePaths {
            store,
            legacy: brief::store::positions::default_path(),
        });
    // Files on disk are read in the background: the first frame never waits for a large
    // library. The built-in briefings and standard input are read first (standard input
    // before the terminal is taken, so that it can be a pipe).
    let (library, loader) = match disk_paths(&args.paths) {
        Some(paths) if !paths.iter().any(|p| library::is_special(p)) => {
            let watch = !args.no_watch;
            (
                Library::default(),
                Some(library::Loader {
                    paths,
                    options,
                    watch,
                }),
            )
        }
        _ => (load(&args.paths, options), None),
    };
    let mut app = App::new(library, theme, keymap).with_watchlist(watchlist);
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

/// Like [`load`], saying on standard error which set is used when no path was given.
fn load_announced(paths: &[PathBuf], limits: Limits, doing: &str) -> Library {
    if paths.is_empty() {
        let set = if disk_paths(paths).is_some() {
            "./content".to_owned()
        } else {
            "the briefings built into brief (there is no ./content here)".to_owned()
        };
        eprintln!("brief: no path given: {doing} {set}");
    }
    load(paths, options(limits))
}

/// Loads the given paths, or ./content, or the built-in briefings.
fn load(paths: &[PathBuf], options: LoadOptions) -> Library {
    match disk_paths(paths) {
        Some(paths) => library::load_paths(&paths, options),
        None => library::load_built_in(),
    }
}

/// The paths to read: those given, or ./content; `None` for the built-in briefings.
fn disk_paths(paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    let local = Path::new("content");
    local.is_dir().then(|| vec![local.to_path_buf()])
}

fn pick_theme(
    requested: Option<&str>,
    caps: Capabilities,
    max: u64,
) -> Result<Theme, Vec<Diagnostic>> {
    let name = requested.unwrap_or(if caps.no_color { "mono" } else { "dark" });
    Ok(theme::load(name, max)?.adapted(caps.color))
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

fn list_actions() -> io::Result<()> {
    io::stdout()
        .lock()
        .write_all(Keymap::default().to_keys_file().as_bytes())
}
