//! The commands besides the reader that read briefings: `serve`, `new`, `digest`, `search`
//! and `show` (`check` and `list` are short enough to stay in the dispatch).

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use brief::cli;
use brief::cli::args::{Digest, Search, Show};
use brief::library::{self, Library};
use brief::settings::file::Config;
use brief::settings::theme;
use brief::text::highlight::Highlighter;

use super::loading::{disk_paths, finish, load_announced, options, report};
use super::{default_width, look_of};

/// `brief serve`: the briefings on disk, the theme, then its settings and `--check` or the
/// server.
#[cfg(feature = "ssh")]
pub(super) fn serve(args: &brief::cli::args::Serve, config: &Config) -> io::Result<ExitCode> {
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
pub(super) fn new(title: Option<&str>, output: Option<&Path>, force: bool) -> io::Result<ExitCode> {
    let today = brief::settings::clock::today().ok().map(|d| {
        let (month, day) = (u8::try_from(d.month()), u8::try_from(d.day()));
        (i32::from(d.year()), month.unwrap_or(1), day.unwrap_or(1))
    });
    let text = brief::import::template(title, today);
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
pub(super) fn digest(args: &Digest, config: &Config) -> io::Result<ExitCode> {
    use brief::library::digest::{self, Range};
    let today = match brief::settings::clock::today() {
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
    if found.days.is_empty() && !library.briefings.is_empty() {
        eprintln!(
            "brief digest: no dated briefing from {} to {}",
            range.from, range.to
        );
    }
    Ok(finish(&library, !found.days.is_empty()))
}

/// The briefings of `library` whose text mentions `term`, newest first (failures left out).
pub(super) fn mentioning(library: &Library, term: &str) -> Library {
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
pub(super) fn search(args: &Search, config: &Config) -> io::Result<ExitCode> {
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

pub(super) fn show(args: &Show, config: &Config) -> io::Result<ExitCode> {
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
