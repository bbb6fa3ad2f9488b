//! Where brief keeps the reader's own files, by the XDG Base Directory rules as the `etcetera`
//! crate implements them: configuration in `$XDG_CONFIG_HOME/brief` (else `~/.config/brief`),
//! state in `$XDG_STATE_HOME/brief` (else `~/.local/state/brief`). A variable that is empty or
//! holds a relative path is ignored, as the specification says. macOS gets the same layout, as
//! most command-line tools there use; Windows gets its known folders.

use std::path::PathBuf;

use etcetera::BaseStrategy as _;

/// `NAME` in brief's configuration directory; `None` when no home directory can be found.
pub fn config_file(name: &str) -> Option<PathBuf> {
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("brief").join(name))
}

/// `NAME` in brief's state directory; `None` when no home directory can be found.
pub fn state_file(name: &str) -> Option<PathBuf> {
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.state_dir()?.join("brief").join(name))
}
