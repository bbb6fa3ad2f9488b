//! `brief serve`'s settings, each from its command-line option, else the config file's
//! `[serve]` table, else its default.

use std::path::PathBuf;
use std::time::Duration;

use super::Options;
use crate::cli::args::Serve;
use crate::library::{LoadOptions, Loader};
use crate::settings::file::Config;
use crate::settings::theme::Theme;

/// Where brief listens unless told otherwise: loopback only.
pub const DEFAULT_LISTEN: ([u8; 4], u16) = ([127, 0, 0, 1], 2222);
/// Most sessions at once unless told otherwise.
pub const DEFAULT_MAX_SESSIONS: usize = 64;
/// A session ends after this long without its reader's input unless told otherwise.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_mins(30);
/// Time to sign in unless told otherwise (sshd's `LoginGraceTime` is longer, 120 s; brief
/// asks for nothing a person types).
pub const DEFAULT_LOGIN_GRACE: Duration = Duration::from_secs(30);

impl Options {
    /// The server's options from `args`, the config file and the defaults, serving `paths`
    /// in `theme`. Key files default to `host_ed25519` in the brief state directory and
    /// `authorized_keys` in the config directory; the state store is the reader's own.
    ///
    /// # Errors
    /// A message when a key file has no default because there is no home directory.
    pub fn from_settings(
        args: &Serve,
        config: &Config,
        paths: Vec<PathBuf>,
        theme: Theme,
    ) -> Result<Self, String> {
        let settings = &config.serve;
        let host_key = (args.host_key.clone())
            .or_else(|| settings.host_key.clone())
            .or_else(|| crate::settings::dirs::state_file("host_ed25519"));
        let authorized_keys = (args.authorized_keys.clone())
            .or_else(|| settings.authorized_keys.clone())
            .or_else(|| crate::settings::dirs::config_file("authorized_keys"));
        let (Some(host_key), Some(authorized_keys)) = (host_key, authorized_keys) else {
            return Err("no home directory: give --host-key and --authorized-keys".into());
        };
        let max_sessions = (args.max_sessions)
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            .or(settings.max_sessions)
            .unwrap_or(DEFAULT_MAX_SESSIONS);
        let idle_timeout = (args.idle_timeout)
            .or(settings.idle_timeout)
            .unwrap_or(DEFAULT_IDLE_TIMEOUT);
        Ok(Self {
            listen: (args.listen)
                .or(settings.listen)
                .unwrap_or_else(|| DEFAULT_LISTEN.into()),
            host_key,
            authorized_keys,
            max_sessions,
            idle_timeout: Some(idle_timeout).filter(|d| !d.is_zero()),
            login_grace: (args.login_grace)
                .or(settings.login_grace)
                .unwrap_or(DEFAULT_LOGIN_GRACE),
            anonymous: args.anonymous || settings.anonymous == Some(true),
            loader: Loader {
                paths,
                options: LoadOptions {
                    max_file_size: config.max_file_size(args.limits.max_file_size),
                },
                watch: config.library.watch.unwrap_or(true),
            },
            theme,
            keymap: config.keys.clone().unwrap_or_default(),
            preferences: config.preferences(),
            state: crate::settings::dirs::state_file(crate::store::FILE),
        })
    }
}
