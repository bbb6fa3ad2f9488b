//! How frames are encoded for a terminal, and the modes and queries about left/right margins.

/// How frames are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireOptions {
    /// Use DECSTBM + SU/SD for hinted scrolls (when shorter).
    pub scroll_regions: bool,
    /// Also confine a hinted scroll to its columns with left/right margins (DECLRMM `?69` and
    /// DECSLRM), for terminals known to have them; margins are set only for the scroll and
    /// reset in the same write.
    pub margins: bool,
    /// Reprint up to this many unchanged cells instead of moving the cursor over them.
    pub max_reprint: u16,
}

impl Default for WireOptions {
    fn default() -> Self {
        Self {
            scroll_regions: true,
            margins: false,
            max_reprint: 8,
        }
    }
}

impl WireOptions {
    /// Options for the local terminal, as [`crate::term::capabilities::Capabilities`] decides them
    /// (`BRIEF_SCROLL_REGIONS=0` turns scrolling regions off; so does a `dumb` terminal).
    pub fn from_env() -> Self {
        crate::term::capabilities::Capabilities::local().wire
    }
}

/// Whether a terminal is known by name to have left/right margins (`DECLRMM`): foot, `WezTerm`,
/// kitty and mlterm say who they are in `TERM`; xterm itself sets `XTERM_VERSION`, which a
/// terminal multiplexer started inside it inherits, so the `TERM` must also be xterm's. Other
/// terminals that answer to `xterm-256color` (VTE, Konsole, Windows Terminal, Alacritty) have
/// no margins and are left out; a DECRQM answer can still turn margins on later.
pub fn margins_by_name(term: &str, xterm_version: bool) -> bool {
    matches!(
        term,
        "foot" | "foot-extra" | "wezterm" | "xterm-kitty" | "mlterm" | "mlterm-256color"
    ) || (xterm_version && term.starts_with("xterm"))
}

/// What undoes the modes the backend sets, for whoever restores the terminal on the way out
/// and before a full repaint: left/right margins off (they are only ever on inside one write,
/// but a write can be cut short), autowrap back on.
pub const RESTORE_MODES: &str = "\x1b[?69l\x1b[?7h";

/// DECRQM for left/right margin mode: a terminal that knows the mode answers
/// `CSI ? 69 ; Ps $ y` (see [`margins_supported`]); one that does not ignores it or answers
/// `Ps = 0`. Sent after the first frame, so the first paint never waits for it.
pub const MARGINS_QUERY: &str = "\x1b[?69$p";

/// Whether a DECRPM answer `value` for mode 69 means the margins can be used: 1 (set) and 2
/// (reset) say the mode is there; 0 (unknown), 3 and 4 (permanently set or reset) do not.
pub fn margins_supported(value: u8) -> bool {
    matches!(value, 1 | 2)
}
