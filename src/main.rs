//! Entry point: parse arguments, load keys, theme and content before touching the terminal,
//! then run the reader or a plain-text command. Errors are printed once, here.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use brief::app::App;
use brief::cli;
use brief::cli::args::{Args, CheckFormat, Command, Look, Read};
use brief::content::diagnostic::Diagnostic;
use brief::library::{self, Library, LoadOptions};
use brief::settings::file::Config;
use brief::settings::theme::{self, Theme};
use brief::term::capabilities::Capabilities;
use brief::term::plain::linear::Linear;
use brief::term::tty;

#[path = "main/commands.rs"]
mod commands;
#[path = "main/loading.rs"]
mod loading;

#[cfg(feature = "ssh")]
use commands::serve;
use commands::{digest, mentioning, new, search, show};
use loading::{disk_paths, fallback, finish, load, load_announced, options, report};

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
            if term.as_deref().is_some_and(|t| t.trim().is_empty()) {
                eprintln!("brief list: --term needs a name to look for");
                return Ok(ExitCode::from(2));
            }
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

/// The reader's keys, theme and watchlist, or the status after reporting what is wrong with
/// them.
fn reader_look(
    args: &Read,
    config: &Config,
    max: u64,
) -> Result<(brief::settings::keymap::Keymap, Theme, Vec<String>), ExitCode> {
    let keymap = config
        .keymap(args.keys.as_deref(), max)
        .map_err(|p| report(&p))?;
    let (theme, watchlist) = look_of(&args.look, config, max).map_err(|p| report(&p))?;
    Ok((keymap, theme, watchlist))
}

/// What the full-screen reader reads: the built-in briefings and standard input at once
/// (standard input before the terminal is taken, so that it can be a pipe); files on disk in
/// the background, so that the first frame never waits for a large library, beginning now.
fn start_reading(args: &Read, config: &Config, options: LoadOptions) -> (Library, tty::Background) {
    let state =
        brief::settings::dirs::state_file(brief::store::FILE).map(|store| tty::StatePaths {
            store,
            legacy: brief::store::positions::default_path(),
        });
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
    (library, tty::Background::start(loader, state))
}

// Over 40 lines as one function: the reader's start-up in order (plain output, or the full
// screen: its briefings read and its store opened from now on, then keys, theme and
// watchlist; the date once the first frame is out); each step may end it with a message.
fn read(args: &Read, config: &Config) -> io::Result<ExitCode> {
    let options = options(config, args.limits);
    let caps = Capabilities::local();
    if args.plain || !caps.full_screen {
        return match reader_look(args, config, options.max_file_size) {
            Ok((keymap, ..)) => linear(args, config, options, keymap, caps),
            Err(code) => Ok(code),
        };
    }
    // The first briefing is read while the reader gets ready (its keys and theme): a long
    // one is parsed on another core meanwhile.
    let (library, background) = start_reading(args, config, options);
    let (keymap, theme, watchlist) = match reader_look(args, config, options.max_file_size) {
        Ok(look) => look,
        Err(code) => return Ok(code),
    };
    let mut app = App::new(library, theme, keymap)
        .with_watchlist(watchlist)
        .with_preferences(config.preferences());
    if let Some(fallback) = fallback(&args.paths, config) {
        app.view.message = Some(format!("no library configured: reading {fallback}"));
    }
    let background = background.dated(brief::settings::clock::local_today);
    let (exit, notices) = tty::run_loading(&mut app, background)?;
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
