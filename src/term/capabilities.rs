//! What the output can show, decided once from one set of inputs: whether the full-screen
//! reader runs at all, how many colours it uses, whether colour is wanted, and how frames are
//! encoded. `main` (full screen or plain text), the theme's colour depth and the backend's
//! options all read the same [`Capabilities`].

use crate::settings::theme::{Background, ColorDepth};
use crate::term::backend::WireOptions;

/// The inputs: whether standard output is a terminal and the environment variables that
/// describe it. Gathered by [`Env::from_process`] for the local terminal; a remote session
/// would fill it from what its client sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// Standard output is a terminal.
    pub tty: bool,
    /// `TERM` (unset is `None`).
    pub term: Option<String>,
    /// `COLORTERM`.
    pub colorterm: Option<String>,
    /// `NO_COLOR` (set and non-empty asks for no colour, per no-color.org).
    pub no_color: Option<String>,
    /// `BRIEF_SCROLL_REGIONS` (`0` turns terminal scrolling regions off).
    pub scroll_regions: Option<String>,
    /// `XTERM_VERSION` is set: xterm itself (see [`crate::term::backend::margins_by_name`]).
    pub xterm_version: bool,
    /// `COLORFGBG`: the terminal's colours, light or dark background (see
    /// [`Background::from_colorfgbg`]).
    pub colorfgbg: Option<String>,
}

impl Env {
    /// The local process's standard output and environment.
    pub fn from_process() -> Self {
        use std::io::IsTerminal;
        let var = |name| std::env::var(name).ok();
        Self {
            tty: std::io::stdout().is_terminal(),
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            no_color: var("NO_COLOR"),
            scroll_regions: var("BRIEF_SCROLL_REGIONS"),
            xterm_version: std::env::var_os("XTERM_VERSION").is_some(),
            colorfgbg: var("COLORFGBG"),
        }
    }
}

/// What the output gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The full-screen reader (cursor addressing, the alternate screen, colours, the mouse).
    /// When false, output is plain text with no escape sequence at all: not a terminal, or a
    /// terminal that cannot take escape sequences (`TERM` unset, empty or `dumb`).
    pub full_screen: bool,
    /// A terminal that takes no escape sequences (`TERM` unset, empty or `dumb`): the linear
    /// reader ([`crate::term::plain`]) runs on it, a key at a time.
    pub linear: bool,
    /// Colours the terminal can show; themes are reduced to it.
    pub color: ColorDepth,
    /// The user asked for no colour (`NO_COLOR`): the mono theme, attributes only.
    pub no_color: bool,
    /// How the backend encodes frames.
    pub wire: WireOptions,
    /// The terminal's background where it is known without asking the terminal (from
    /// `COLORFGBG`): what the `auto` theme follows.
    pub background: Option<Background>,
}

impl Capabilities {
    /// Decides everything from `env`; pure.
    pub fn detect(env: &Env) -> Self {
        let term = env.term.as_deref().unwrap_or_default();
        let full_screen = env.tty && !term.is_empty() && term != "dumb";
        let scroll_regions = env.scroll_regions.as_deref() != Some("0");
        Self {
            full_screen,
            linear: env.tty && !full_screen,
            color: ColorDepth::detect(env.colorterm.as_deref(), env.term.as_deref()),
            no_color: env.no_color.as_deref().is_some_and(|v| !v.is_empty()),
            wire: WireOptions {
                scroll_regions: full_screen && scroll_regions,
                margins: full_screen
                    && scroll_regions
                    && crate::term::backend::margins_by_name(term, env.xterm_version),
                ..WireOptions::default()
            },
            background: env
                .colorfgbg
                .as_deref()
                .and_then(Background::from_colorfgbg),
        }
    }

    /// [`Capabilities::detect`] for the local process.
    pub fn local() -> Self {
        Self::detect(&Env::from_process())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(tty: bool, term: Option<&str>) -> Env {
        Env {
            tty,
            term: term.map(str::to_owned),
            ..Env::default()
        }
    }

    #[test]
    fn dumb_empty_or_unset_term_is_plain_like_a_pipe() {
        for term in [Some("dumb"), Some(""), None] {
            let caps = Capabilities::detect(&env(true, term));
            assert!(!caps.full_screen, "{term:?}");
            assert!(!caps.wire.scroll_regions, "{term:?}");
        }
        assert!(Capabilities::detect(&env(true, Some("dumb"))).linear);
        assert!(!Capabilities::detect(&env(false, Some("xterm-256color"))).full_screen);
        assert!(
            !Capabilities::detect(&env(false, Some("dumb"))).linear,
            "a pipe"
        );
        assert!(!Capabilities::detect(&env(true, Some("xterm"))).linear);
        assert!(Capabilities::detect(&env(true, Some("xterm"))).full_screen);
        assert!(Capabilities::detect(&env(true, Some("screen"))).full_screen);
    }

    #[test]
    fn colour_depth_and_no_color_come_from_the_same_inputs() {
        let mut e = env(true, Some("xterm-256color"));
        assert_eq!(Capabilities::detect(&e).color, ColorDepth::Ansi256);
        e.colorterm = Some("truecolor".into());
        assert_eq!(Capabilities::detect(&e).color, ColorDepth::TrueColor);
        assert!(!Capabilities::detect(&e).no_color);
        e.no_color = Some(String::new());
        assert!(
            !Capabilities::detect(&e).no_color,
            "an empty NO_COLOR is unset"
        );
        e.no_color = Some("1".into());
        assert!(Capabilities::detect(&e).no_color);
    }

    #[test]
    fn scroll_regions_can_be_turned_off() {
        let mut e = env(true, Some("xterm"));
        assert!(Capabilities::detect(&e).wire.scroll_regions);
        e.scroll_regions = Some("0".into());
        assert!(!Capabilities::detect(&e).wire.scroll_regions);
        e.scroll_regions = Some("1".into());
        assert!(Capabilities::detect(&e).wire.scroll_regions);
    }
}
