//! Which theme a reader gets when several places name one, and the light-or-dark default
//! where the terminal's background can be known without asking the terminal.

/// The theme name that stands for "light or dark, from the terminal's background".
pub const AUTO: &str = "auto";

/// A terminal's background, as far as it can be known without a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Dark background, light text.
    Dark,
    /// Light background, dark text.
    Light,
}

impl Background {
    /// Reads `COLORFGBG` (`"fg;bg"` or `"fg;default;bg"`, set by rxvt, Konsole, iTerm2 and
    /// others): the last field is the background's colour number, and 0–6 and 8 are dark,
    /// 7 and 9–15 light (the rule vim and Emacs use). Anything else (`default`, a missing or
    /// larger number) is `None`: not known.
    pub fn from_colorfgbg(value: &str) -> Option<Self> {
        let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
        match background {
            0..=6 | 8 => Some(Self::Dark),
            7 | 9..=15 => Some(Self::Light),
            _ => None,
        }
    }
}

/// The theme to use, from the most specific place that names one: `given` on the command
/// line, else `BRIEF_THEME` (`environment`), else `mono` when `NO_COLOR` is set, else the
/// config file's `configured`; and [`AUTO`] (also the default) is `light` on a light
/// `background` and `dark` otherwise. Empty names count as unset. The result is a built-in
/// name or whatever path was given.
pub fn choose<'a>(
    given: Option<&'a str>,
    environment: Option<&'a str>,
    no_color: bool,
    configured: Option<&'a str>,
    background: Option<Background>,
) -> &'a str {
    let set = |name: Option<&'a str>| name.filter(|n| !n.trim().is_empty());
    let name = set(given)
        .or(set(environment))
        .or(no_color.then_some("mono"))
        .or(set(configured))
        .unwrap_or(AUTO);
    match (name, background) {
        (AUTO, Some(Background::Light)) => "light",
        (AUTO, _) => "dark",
        (name, _) => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_says_light_or_dark_or_nothing() {
        assert_eq!(Background::from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(Background::from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(Background::from_colorfgbg("12;8"), Some(Background::Dark));
        assert_eq!(Background::from_colorfgbg("0;7"), Some(Background::Light));
        assert_eq!(
            Background::from_colorfgbg("0;default;15"),
            Some(Background::Light)
        );
        assert_eq!(
            Background::from_colorfgbg("15;default;0"),
            Some(Background::Dark)
        );
        for unknown in ["", "15;default", "0;16", "0;-1", "light", ";", "0;255"] {
            assert_eq!(Background::from_colorfgbg(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn the_most_specific_place_wins() {
        let light = Some(Background::Light);
        assert_eq!(
            choose(Some("mono"), Some("light"), true, Some("x"), light),
            "mono"
        );
        assert_eq!(
            choose(None, Some("high-contrast"), true, Some("x"), None),
            "high-contrast"
        );
        assert_eq!(choose(None, None, true, Some("light"), None), "mono");
        assert_eq!(choose(None, None, false, Some("/t.toml"), light), "/t.toml");
        assert_eq!(choose(None, Some(""), false, Some("light"), None), "light");
        assert_eq!(choose(None, None, false, None, None), "dark");
        assert_eq!(choose(None, None, false, None, light), "light");
        assert_eq!(choose(None, None, false, Some("auto"), light), "light");
        assert_eq!(
            choose(Some("auto"), None, false, None, Some(Background::Dark)),
            "dark"
        );
    }
}
