//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::content::DEFAULT_MAX_FILE_SIZE;

/// A terminal reader for briefings: outline, article, key takeaways, keyword highlighting.
#[derive(Debug, Parser)]
#[command(name = "brief", version, subcommand_precedence_over_arg = true)]
pub struct Args {
    /// What to do; without one, open the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Briefing files or directories (searched recursively for *.toml). Default: ./content if
    /// present, else the briefings built into brief.
    pub paths: Vec<PathBuf>,
    /// Theme: dark, light, high-contrast, mono, or a path to a theme file. `NO_COLOR` selects mono.
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Keys file (default: keys.toml in the brief config directory, see the README).
    #[arg(long, global = true, value_name = "PATH")]
    pub keys: Option<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Watchlist file of your own terms to highlight (default: watchlist.toml in the brief
    /// config directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub watchlist: Option<PathBuf>,
    /// Also highlight these terms (repeatable; commas separate several).
    #[arg(long, global = true, value_name = "TERMS")]
    pub watch: Vec<String>,
    /// Print every action name with its default keys, for writing a keys file.
    #[arg(long)]
    pub list_actions: bool,
}

/// Non-interactive commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefings; report every error and warning, and exit non-zero on errors.
    Check {
        /// Files or directories (default as for the reader).
        paths: Vec<PathBuf>,
        /// Exit non-zero on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Print a briefing as plain text.
    Show {
        /// The briefing file.
        file: PathBuf,
        /// Wrap at this many columns, at least 20 (default: the terminal's width up to 100, or 80).
        #[arg(long)]
        width: Option<usize>,
        /// Print only the key takeaways.
        #[arg(long)]
        takeaways: bool,
    },
    /// List briefings: date, title, file.
    List {
        /// Files or directories (default as for the reader).
        paths: Vec<PathBuf>,
    },
}
