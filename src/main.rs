//! Entry point: parse arguments, load keys, theme and content before touching the terminal,
//! then run the reader or a plain-text command. Errors are printed once, here.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use brief::app::App;
use brief::args::{Args, Command};
use brief::capabilities::Capabilities;
use brief::content::{self, Library, LoadOptions};
use brief::diagnostic::Diagnostic;
use brief::keymap::{Action, Keymap};
use brief::resume::Positions;
use brief::theme::{self, Theme};
use brief::{cli, config, tui};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("brief: {}", brief::sanitize::line(&err.to_string()));
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> io::Result<ExitCode> {
    let options = LoadOptions {
        max_file_size: args.max_file_size,
    };
    if args.list_actions {
        return list_actions().map(|()| ExitCode::SUCCESS);
    }
    let mut out = io::stdout().lock();
    match &args.command {
        Some(Command::Check { paths, strict }) => {
            let ok = cli::check(&mut out, &load(paths, options), *strict)?;
            return Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Some(Command::List { paths }) => {
            cli::list(&mut out, &load(paths, options))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Show {
            file,
            width,
            takeaways,
        }) => {
            return match content::load_file(file, options) {
                // Warnings go to standard error, so the text on standard output stays clean.
                Ok(b) if !b.warnings.is_empty() => {
                    report(&b.warnings);
                    cli::show(
                        &mut out,
                        &b,
                        width.unwrap_or_else(default_width),
                        *takeaways,
                    )
                    .map(|()| ExitCode::SUCCESS)
                }
                Ok(b) => cli::show(
                    &mut out,
                    &b,
                    width.unwrap_or_else(default_width),
                    *takeaways,
                )
                .map(|()| ExitCode::SUCCESS),
                Err(failure) => Ok(report(&failure.diagnostics)),
            };
        }
        None => {}
    }
    let keymap = match config::keymap(args.keys.as_deref(), options.max_file_size) {
        Ok(k) => k,
        Err(problems) => return Ok(report(&problems)),
    };
    let caps = Capabilities::local();
    let theme = match pick_theme(args.theme.as_deref(), caps, options.max_file_size) {
        Ok(t) => t,
        Err(problems) => return Ok(report(&problems)),
    };
    let watchlist = match config::watchlist(
        args.watchlist.as_deref(),
        &args.watch,
        options.max_file_size,
    ) {
        Ok(w) => w,
        Err(problems) => return Ok(report(&problems)),
    };
    if !caps.full_screen {
        let library = load(&args.paths, options);
        // Not a terminal (or one that takes no escape sequences): behave like a pager and print the newest briefing; what failed to
        // load goes to standard error, as `check` would print it.
        if let Some(b) = library.briefings.first() {
            cli::show(&mut out, b, 80, false)?;
        }
        let problems: Vec<Diagnostic> = library
            .failures
            .iter()
            .flat_map(|f| f.diagnostics.clone())
            .chain(library.briefings.iter().flat_map(|b| b.warnings.clone()))
            .collect();
        report(&problems);
        return Ok(
            if library.failures.is_empty() && !library.briefings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            },
        );
    }
    drop(out);
    let state = brief::resume::default_path();
    let positions = state.as_deref().map(Positions::load).unwrap_or_default();
    // Files on disk are read in the background: the first frame never waits for a large
    // library. The built-in briefings are ready at once.
    let (library, loader) = match disk_paths(&args.paths) {
        Some(paths) => (Library::default(), Some(tui::Loader { paths, options })),
        None => (content::load_built_in(), None),
    };
    let mut app = App::new(library, theme, keymap)
        .with_watchlist(watchlist)
        .with_positions(positions);
    let exit = tui::run_loading(&mut app, loader)?;
    if let Some(path) = state
        && let Err(err) = app.positions().save(&path)
    {
        // The reading went fine; only the bookmark is lost. Say so once, after the screen is back.
        eprintln!(
            "brief: could not save reading positions: {}",
            brief::sanitize::line(&err.to_string())
        );
    }
    Ok(ExitCode::from(exit.status()))
}

/// Loads the given paths, or ./content, or the built-in briefings.
fn load(paths: &[PathBuf], options: LoadOptions) -> Library {
    match disk_paths(paths) {
        Some(paths) => content::load_paths(&paths, options),
        None => content::load_built_in(),
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
    let keymap = Keymap::default();
    let mut out = io::stdout().lock();
    for (action, name, help) in Action::ALL {
        let keys: Vec<String> = keymap
            .keys(*action)
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect();
        writeln!(out, "{name:<18} [{}]  # {help}", keys.join(", "))?;
    }
    Ok(())
}
