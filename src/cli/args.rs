//! The command line. Each command has exactly the options it uses, so clap refuses the others
//! (`brief show --keys k.toml` is an error, not an option silently ignored).

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand};

/// A terminal reader for briefings: outline, article, key takeaways, keyword highlighting.
#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    subcommand_precedence_over_arg = true,
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    /// What to do; without one, open the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The reader's own arguments (used only when no command is given).
    #[command(flatten)]
    pub read: Read,
}

impl Args {
    /// Parses `args` (the program name first) as clap does, then refuses the reader's own
    /// options given before a command (`brief --theme light check`), which clap would
    /// otherwise accept and the command would silently ignore.
    ///
    /// # Errors
    /// A clap error (usage, `--help`, `--version`), printed and turned into an exit status by
    /// [`clap::Error::exit`].
    pub fn try_parse_checked<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::CommandFactory;
        let parsed = Self::try_parse_from(args)?;
        if let Some(Command::Import(import)) = &parsed.command
            && import.output.is_some()
            && import.inputs.len() > 1
        {
            // Said with `brief import`'s usage, not the reader's.
            let mut command = Self::command();
            let mut import = command
                .find_subcommand_mut("import")
                .map(|c| c.clone().bin_name("brief import"))
                .unwrap_or(command);
            return Err(import.error(
                clap::error::ErrorKind::ArgumentConflict,
                "`-o FILE` takes one input; for several, use `--out DIR`",
            ));
        }
        let refuse = |option: &str, name: &str| {
            Err(Self::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("`{option}` is an option of the reader, not of `{name}`"),
            ))
        };
        if let (Some(command), Some(option)) = (&parsed.command, parsed.read.first_given()) {
            let name = match command {
                Command::Check { .. } => "check",
                Command::Show(_) => "show",
                Command::List { .. } => "list",
                Command::Search(_) => "search",
                Command::Digest(_) => "digest",
                Command::Completions { .. } => "completions",
                Command::Import(_) => "import",
                Command::New { .. } => "new",
                #[cfg(feature = "ssh")]
                Command::Serve(_) => "serve",
                Command::Man => "man",
                Command::Config { .. } => "config",
            };
            return refuse(option, name);
        }
        // After a reader option, clap takes a command's name for a path: `brief --theme
        // light check`. A command was meant unless a file of that name exists.
        if parsed.command.is_none()
            && let Some(first) = parsed.read.paths.first().and_then(|p| p.to_str())
            && Self::command().find_subcommand(first).is_some()
            && !std::path::Path::new(first).exists()
            && let Some(option) = parsed.read.first_given_option()
        {
            return refuse(option, first);
        }
        Ok(parsed)
    }
}

impl Read {
    /// The first of the reader's arguments that was given (`PATH` or a flag such as
    /// `--theme`), if any.
    fn first_given(&self) -> Option<&'static str> {
        if self.paths.is_empty() {
            self.first_given_option()
        } else {
            Some("PATH")
        }
    }

    /// The first of the reader's options that was given, by its flag (`--theme`), if any.
    fn first_given_option(&self) -> Option<&'static str> {
        [
            (self.keys.is_some(), "--keys"),
            (self.look.theme.is_some(), "--theme"),
            (self.look.watchlist.is_some(), "--watchlist"),
            (!self.look.watch.is_empty(), "--watch"),
            (self.limits.max_file_size.is_some(), "--max-file-size"),
            (self.list_actions, "--list-actions"),
            (self.no_watch, "--no-watch"),
            (self.plain, "--plain"),
        ]
        .into_iter()
        .find_map(|(given, flag)| given.then_some(flag))
    }
}

/// The reader: briefings to open and how they look and respond.
#[derive(Debug, ClapArgs)]
pub struct Read {
    /// Briefing files, directories (searched recursively for *.toml files with a [briefing]
    /// table, and *.md articles, docs/import.md), `-` for standard input, or `built-in:NAME`.
    /// Default: the config file's `[library] paths`, else ./content if present, else the
    /// briefings built into brief.
    pub paths: Vec<PathBuf>,
    /// Keys file (default: keys.toml in the brief config directory, see the README).
    #[arg(long, value_name = "PATH")]
    pub keys: Option<PathBuf>,
    /// Colours and highlighting.
    #[command(flatten)]
    pub look: Look,
    /// Limits on reading files.
    #[command(flatten)]
    pub limits: Limits,
    /// Print a keys file with every action and its default keys, to edit and pass to --keys.
    #[arg(long)]
    pub list_actions: bool,
    /// Do not follow changes to the files on disk (for file systems that send no change
    /// events, or to keep a briefing still while it is edited); `r` still reloads by hand.
    #[arg(long)]
    pub no_watch: bool,
    /// The linear reader, for screen readers and braille displays: lines of text, a key at a
    /// time, no cursor movement or box drawing (also on a terminal whose `TERM` is `dumb`).
    #[arg(long)]
    pub plain: bool,
}

/// How text is coloured and what is highlighted (the reader, and `show` on a terminal).
#[derive(Debug, Clone, ClapArgs)]
pub struct Look {
    /// Theme: dark, light, high-contrast, mono, auto (light or dark from `COLORFGBG`), or a
    /// path to a theme file. Default: `BRIEF_THEME`, else mono when `NO_COLOR` is set, else the
    /// config file's, else auto.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Watchlist file of your own terms to highlight (default: watchlist.toml in the brief
    /// config directory).
    #[arg(long, value_name = "PATH")]
    pub watchlist: Option<PathBuf>,
    /// Also highlight these terms (repeatable; commas separate several).
    #[arg(long, value_name = "TERMS")]
    pub watch: Vec<String>,
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy, ClapArgs)]
pub struct Limits {
    /// Refuse files larger than this many bytes (default: the config file's, else 8388608).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
}

/// Non-interactive commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefings; report every error and warning (and, for *.md articles, what the
    /// importer guessed, as notes), and exit non-zero on errors.
    Check {
        /// Files, directories, `-` or `built-in:NAME` (default as for the reader).
        paths: Vec<PathBuf>,
        /// Limits on reading files.
        #[command(flatten)]
        limits: Limits,
        /// Exit non-zero on warnings too.
        #[arg(long)]
        strict: bool,
        /// `text` (problems on standard error, a summary on standard output) or `json` (one
        /// document on standard output, see docs/json.md).
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Print only the problems: no line per valid file, no summary.
        #[arg(long, conflicts_with = "format")]
        quiet: bool,
    },
    /// Print a briefing as text (highlighted on a terminal, plain when piped).
    Show(Show),
    /// List briefings: date, title, file.
    List {
        /// Files, directories, `-` or `built-in:NAME` (default as for the reader).
        paths: Vec<PathBuf>,
        /// Only the briefings whose text mentions this name or term (whole words,
        /// case-insensitive, as keywords are highlighted); exit 1 when none does.
        #[arg(long, value_name = "NAME")]
        term: Option<String>,
        /// Limits on reading files.
        #[command(flatten)]
        limits: Limits,
        /// One JSON document instead of lines (see docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Make briefings of articles: plain text, Markdown or saved web pages (docs/import.md).
    Import(Import),
    /// Print a briefing to fill in, with a comment on every field (or write it with -o).
    New {
        /// The title (default: "Title").
        title: Option<String>,
        /// Write the template to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Search the briefings for words and "quoted phrases": one line per passage, `path:line:
    /// title › section: snippet`; exit 1 when nothing matches, as grep does.
    Search(Search),
    /// The takeaways of the briefings filed in a range of days, grouped by day, newest first
    /// (default: the last 7 days).
    Digest(Digest),
    /// Print a completion script for a shell (see the README for where it goes).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, for `man -l -` or a `man1` directory).
    Man,
    /// Check the config file (`$XDG_CONFIG_HOME/brief/config.toml`), or print where it is or a
    /// commented default (see docs/config.md).
    Config {
        /// Print the config file's path, whether or not it exists.
        #[arg(long, conflicts_with = "print_default")]
        path: bool,
        /// Print a commented config file with every setting at its default.
        #[arg(long)]
        print_default: bool,
    },
    /// Serve the briefings over SSH: readers need nothing but `ssh -t -p PORT HOST`.
    #[cfg(feature = "ssh")]
    Serve(Serve),
}

/// `brief show`'s options.
#[derive(Debug, ClapArgs)]
pub struct Show {
    /// The briefing: a file, `-` for standard input, or `built-in:NAME`.
    pub file: PathBuf,
    /// Wrap at this many columns, at least 20 (default: the terminal's width up to 100, or 80).
    #[arg(long)]
    pub width: Option<usize>,
    /// Print only the key takeaways.
    #[arg(long)]
    pub takeaways: bool,
    /// Colours and highlighting, used when standard output is a terminal.
    #[command(flatten)]
    pub look: Look,
    /// Limits on reading files.
    #[command(flatten)]
    pub limits: Limits,
}

/// `brief search`'s options.
#[derive(Debug, ClapArgs)]
pub struct Search {
    /// Words, all of which a briefing must contain (anywhere in it), and "quoted phrases";
    /// case-insensitive, matched anywhere in a word (see docs/search.md).
    pub query: String,
    /// Files, directories, `-` or `built-in:NAME` (default as for the reader).
    pub paths: Vec<PathBuf>,
    /// One JSON document instead of lines (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Print at most this many results, the best ranked; 0 prints every one.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    /// Limits on reading files.
    #[command(flatten)]
    pub limits: Limits,
}

/// `brief digest`'s options.
#[derive(Debug, ClapArgs)]
pub struct Digest {
    /// Files, directories, `-` or `built-in:NAME` (default as for the reader).
    pub paths: Vec<PathBuf>,
    /// The days up to today: `today`, `Nd` (the N days ending today) or `Nw` (default: 7d).
    /// Today is the local date, or `BRIEF_TODAY` (YYYY-MM-DD) when set.
    #[arg(long, value_name = "today|Nd|Nw", conflicts_with_all = ["from", "to"])]
    pub since: Option<String>,
    /// The first day, YYYY-MM-DD (default: the earliest).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only briefings with this tag (repeatable: every one), case-insensitive.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// `text`, `markdown` (to paste into an email or a ticket) or `json` (see docs/json.md).
    #[arg(long, value_enum, default_value_t = crate::cli::digest::Format::Text)]
    pub format: crate::cli::digest::Format,
    /// Limits on reading files.
    #[command(flatten)]
    pub limits: Limits,
}

/// `brief serve`'s options.
#[cfg(feature = "ssh")]
#[derive(Debug, ClapArgs)]
pub struct Serve {
    /// Files, directories or `built-in:NAME` (default as for the reader).
    pub paths: Vec<PathBuf>,
    /// Address and port to listen on; anything but loopback only when asked (default: the
    /// config file's `[serve] listen`, else 127.0.0.1:2222).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<std::net::SocketAddr>,
    /// The host key (ed25519, made on first start; default: `host_ed25519` in the brief
    /// state directory).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// The readers' public keys, OpenSSH format (default: `authorized_keys` in the brief
    /// config directory).
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Most sessions at once (default: the config file's, else 64).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_sessions: Option<u64>,
    /// End a session after this long without its reader's input (`90s`, `30m`, `2h`; `0`
    /// never ends one; default: the config file's, else 30m).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub idle_timeout: Option<std::time::Duration>,
    /// Close a connection that has not signed in after this long, as sshd's `LoginGraceTime`
    /// (default: the config file's, else 30s).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub login_grace: Option<std::time::Duration>,
    /// Let anyone who can reach the server read without a key (nothing they do is saved); a
    /// reader with a key is still known by it (also `anonymous = true` in the config file).
    #[arg(long)]
    pub anonymous: bool,
    /// Check the host key, the readers' keys and the briefings, say what was found, and exit
    /// (0 when serving would work) without serving.
    #[arg(long)]
    pub check: bool,
    /// Limits on reading files.
    #[command(flatten)]
    pub limits: Limits,
}

/// `brief import`'s inputs and options.
#[derive(Debug, ClapArgs)]
pub struct Import {
    /// Articles to import: files, or `-` for standard input. One briefing is made of each.
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Write the briefings into this directory, each named from its title
    /// (`historic-move-….toml`; default: the current directory).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out: Option<PathBuf>,
    /// Write the briefing to this file (one input only; `-` prints it).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the briefings that would be written (TOML on standard output) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// What the inputs are written in (default: guessed from each file's extension, else
    /// from its content).
    #[arg(long, value_enum)]
    pub format: Option<crate::import::Format>,
    /// Replace briefing files that exist.
    #[arg(long)]
    pub force: bool,
    /// Suggest no [keywords] (by default people, places and organisations whose names recur).
    #[arg(long)]
    pub no_keywords: bool,
}

/// How `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Problems on standard error as `path:line:column: severity: message`, a summary on
    /// standard output.
    Text,
    /// One JSON document on standard output.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_checked(std::iter::once("brief").chain(args.iter().copied()))
    }

    #[test]
    fn each_command_takes_only_its_own_options() {
        assert!(parse(&["show", "f.toml", "--theme", "light", "--watch", "x"]).is_ok());
        assert!(parse(&["check", "--max-file-size", "10", "content"]).is_ok());
        assert!(parse(&["--theme", "light", "--keys", "k.toml", "content"]).is_ok());
        assert!(parse(&["import", "a.md", "-", "--out", "d", "--format", "html"]).is_ok());
        assert!(parse(&["new", "A title", "-o", "a.toml", "--force"]).is_ok());
        for refused in [
            &["show", "f.toml", "--keys", "k.toml"][..],
            &["list", "--theme", "light"],
            &["list", "--watch", "x"],
            &["search", "x", "--theme", "light"],
            &["check", "--watchlist", "w.toml"],
            &["check", "--list-actions"],
            &["--theme", "light", "check"],
            &["--max-file-size", "10", "list"],
            &["--no-watch", "check"],
            &["import", "a.md", "b.md", "-o", "x.toml"],
            &["import", "a.md", "--out", "d", "-o", "x.toml"],
            &["import"],
            &["--theme", "light", "import", "a.md"],
        ] {
            assert!(parse(refused).is_err(), "{refused:?} was accepted");
        }
    }
}
