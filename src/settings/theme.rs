//! Themes: semantic styles named by role (`heading`, `selection`, `keyword.people`, …), read
//! from TOML. Built-in themes are compiled in; a user theme file is resolved over `dark` so it
//! may name only what it changes. A bad file is an error with its position, never a silent
//! fallback. Colours are reduced to what the terminal can show (truecolor, 256 or 16).

mod choice;
mod color;

use std::path::Path;

use ratatui::style::{Modifier, Style};
use toml::de::DeValue;

pub use choice::{AUTO, Background, choose};
pub use color::{ColorDepth, contrast, luminance, rgb};

use crate::content::diagnostic::Diagnostic;
use crate::content::schema::{Reader, Table, Value, quote};

/// The themes compiled into the binary, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

macro_rules! roles {
    ($($variant:ident = $name:literal: $doc:literal,)*) => {
        /// A styled part of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Role {
            $(#[doc = $doc] $variant,)*
        }

        impl Role {
            /// Every role with its name in theme files.
            pub const ALL: &[(Role, &str)] = &[$((Role::$variant, $name),)*];
        }
    };
}

roles! {
    Text = "text": "Body text.",
    Dim = "dim": "Secondary text: dates, references, hints.",
    Title = "title": "The briefing's title.",
    Meta = "meta": "Dateline, date, source, authors and tags.",
    Heading = "heading": "Section headings.",
    HeadingMarked = "heading_marked": "Heading of the section behind the selected takeaway.",
    Marker = "marker": "Gutter bar beside the section behind the selected takeaway.",
    Quote = "quote": "Quoted passages.",
    Bullet = "bullet": "Bullet glyphs.",
    Border = "border": "Borders of unfocused panes.",
    BorderFocused = "border_focused": "Border of the focused pane.",
    PaneTitle = "pane_title": "Pane titles.",
    Selection = "selection": "Selected item in the focused list.",
    SelectionInactive = "selection_inactive": "Selected item in an unfocused list.",
    Status = "status": "Status bar.",
    StatusKey = "status_key": "Key names in the status bar.",
    TakeawayNumber = "takeaway_number": "Takeaway numbers.",
    SearchMatch = "search_match": "Search matches.",
    SearchCurrent = "search_current": "The current search match.",
    Error = "error": "Errors and warnings.",
    Overlay = "overlay": "Help and diagnostics popups.",
}

/// Keyword categories every built-in theme styles; any other category uses `default`.
pub const KEYWORD_CATEGORIES: &[&str] = &["people", "places", "organizations", "watchlist"];

/// A resolved theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Its name.
    pub name: String,
    /// One line about it.
    pub description: String,
    styles: Vec<Style>,
    keywords: Vec<(String, Style)>,
    keyword_default: Style,
}

impl Default for Theme {
    fn default() -> Self {
        built_in("dark").unwrap_or_else(|_| Self::empty())
    }
}

impl Theme {
    fn empty() -> Self {
        Self {
            name: String::new(),
            description: String::new(),
            styles: vec![Style::default(); Role::ALL.len()],
            keywords: Vec::new(),
            keyword_default: Style::default().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The style of a role.
    pub fn style(&self, role: Role) -> Style {
        self.styles.get(role as usize).copied().unwrap_or_default()
    }

    /// The border style for a pane.
    pub fn border(&self, focused: bool) -> Style {
        self.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        })
    }

    /// The style for a keyword category (by name); unknown categories get `default`.
    pub fn keyword(&self, category: &str) -> Style {
        self.keywords
            .iter()
            .find(|(name, _)| name == category)
            .map_or(self.keyword_default, |(_, style)| *style)
    }

    /// The same theme with every colour reduced to what `depth` can show, each foreground
    /// kept at 4.5:1 or more against the background it is drawn on: the style's own, or the
    /// terminal's (assumed white when the theme's text colour is dark, black otherwise). See
    /// [`ColorDepth::reduce_readable`].
    #[must_use]
    pub fn adapted(mut self, depth: ColorDepth) -> Self {
        let light = self
            .style(Role::Text)
            .fg
            .and_then(color::rgb)
            .is_some_and(|text| color::luminance(text) < 0.2);
        let terminal = if light { (255, 255, 255) } else { (0, 0, 0) };
        let adapt = |style: &mut Style| {
            style.bg = style.bg.map(|c| depth.reduce(c));
            let behind = style.bg.and_then(color::rgb).unwrap_or(terminal);
            style.fg = style.fg.map(|c| depth.reduce_readable(c, behind, 4.5));
        };
        self.styles.iter_mut().for_each(adapt);
        self.keywords.iter_mut().for_each(|(_, s)| adapt(s));
        adapt(&mut self.keyword_default);
        self
    }
}

/// Names of the built-in themes.
pub fn built_in_names() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(name, _)| *name)
}

/// A built-in theme by name.
pub fn built_in(name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let (_, text) = BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| vec![Diagnostic::file(name, unknown_theme(name))])?;
    parse(&format!("built-in theme {name}"), text, None)
}

/// A theme by built-in name or by path to a TOML file.
pub fn load(name_or_path: &str, max_size: u64) -> Result<Theme, Vec<Diagnostic>> {
    if BUILT_IN.iter().any(|(n, _)| *n == name_or_path) {
        return built_in(name_or_path);
    }
    let path = Path::new(name_or_path);
    let looks_like_path = name_or_path.contains(['/', '.']) || path.exists();
    if !looks_like_path {
        return Err(vec![Diagnostic::file(
            &quote(name_or_path),
            unknown_theme(name_or_path),
        )]);
    }
    let origin = crate::library::display_path(path);
    let text = crate::library::read_capped(path, &origin, max_size).map_err(|d| vec![d])?;
    parse(&origin, &text, Some(&Theme::default()))
}

fn unknown_theme(name: &str) -> String {
    let names: Vec<&str> = built_in_names().collect();
    format!(
        "no theme named `{}`: choose one of {} or give a path to a theme file",
        quote(name),
        names.join(", ")
    )
}

/// Parses a theme file; roles it leaves out come from `base` (or stay plain without one).
pub fn parse(origin: &str, source: &str, base: Option<&Theme>) -> Result<Theme, Vec<Diagnostic>> {
    let mut reader = Reader::new(origin, source);
    let Some(document) = reader.parse(source) else {
        return Err(reader.finish());
    };
    let mut theme = base.cloned().unwrap_or_else(Theme::empty);
    if base.is_some() {
        // A patch over a base theme may leave out its name: the file's name stands in.
        let stem = origin.rsplit('/').next().unwrap_or(origin);
        stem.strip_suffix(".toml")
            .unwrap_or(stem)
            .clone_into(&mut theme.name);
    }
    read_theme(&mut reader, document.get_ref(), &mut theme, base.is_none());
    if reader.has_errors() {
        Err(reader.finish())
    } else {
        Ok(theme)
    }
}

// Over 40 lines as one function: a theme file's roles checked in file order, reporting every
// problem.
fn read_theme(r: &mut Reader<'_>, doc: &Table<'_>, theme: &mut Theme, require_name: bool) {
    r.only_keys(
        doc,
        "the theme",
        &["name", "description", "styles", "keywords"],
    );
    match doc.get("name") {
        Some(v) => theme.name = r.nonempty_line(v, "`name`").unwrap_or_default(),
        None if require_name => r.error(0..0, "missing key `name`: every theme needs a name"),
        None => {}
    }
    if let Some(v) = doc.get("description") {
        theme.description = r.string(v, "`description`", false).unwrap_or_default();
    }
    if let Some(table) = doc.get("styles").and_then(|v| r.table(v, "[styles]")) {
        let names: Vec<&str> = Role::ALL.iter().map(|(_, n)| *n).collect();
        r.only_keys(table, "[styles]", &names);
        for (role, name) in Role::ALL {
            if let Some(style) = table.get(*name).and_then(|v| style(r, v, name))
                && let Some(slot) = theme.styles.get_mut(*role as usize)
            {
                *slot = style;
            }
        }
    }
    if let Some(table) = doc.get("keywords").and_then(|v| r.table(v, "[keywords]")) {
        for (key, value) in table {
            let name = crate::content::sanitize::line(key.get_ref());
            let Some(style) = style(r, value, &format!("keywords.{name}")) else {
                continue;
            };
            // A highlight must survive without colour: it always carries a modifier.
            let style = if style.add_modifier.is_empty() {
                style.add_modifier(Modifier::UNDERLINED)
            } else {
                style
            };
            if name == "default" {
                theme.keyword_default = style;
            } else if let Some(slot) = theme.keywords.iter_mut().find(|(n, _)| *n == name) {
                slot.1 = style;
            } else {
                theme.keywords.push((name, style));
            }
        }
    }
}

const STYLE_KEYS: &[&str] = &["fg", "bg", "bold", "italic", "underline", "reversed", "dim"];

fn style(r: &mut Reader<'_>, value: &Value<'_>, role: &str) -> Option<Style> {
    let what = format!("style `{}`", quote(role));
    let table = r.table(value, &what)?;
    r.only_keys(table, &what, STYLE_KEYS);
    let mut style = Style::default();
    for (key, value) in table {
        let flag = match key.get_ref().as_ref() {
            "fg" => {
                style.fg = color::parse(r, value);
                continue;
            }
            "bg" => {
                style.bg = color::parse(r, value);
                continue;
            }
            "bold" => Modifier::BOLD,
            "italic" => Modifier::ITALIC,
            "underline" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "dim" => Modifier::DIM,
            _ => continue,
        };
        match value.get_ref() {
            DeValue::Boolean(true) => style = style.add_modifier(flag),
            DeValue::Boolean(false) => {}
            other => r.wrong_type(
                value.span(),
                &format!("`{}`", quote(key.get_ref())),
                "true or false",
                other,
            ),
        }
    }
    Some(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_parses_and_styles_every_role() {
        for (name, text) in BUILT_IN {
            let mut reader = Reader::new(name, text);
            let doc = reader.parse(text).expect("valid TOML");
            let styles = doc.get_ref().get("styles").expect("[styles]");
            let DeValue::Table(styles) = styles.get_ref() else {
                panic!("styles is a table")
            };
            for (_, role) in Role::ALL {
                assert!(styles.contains_key(*role), "{name} lacks {role}");
            }
            let theme = built_in(name).unwrap();
            assert_eq!(theme.name, *name);
            for category in KEYWORD_CATEGORIES.iter().chain(&["anything"]) {
                assert!(
                    !theme.keyword(category).add_modifier.is_empty(),
                    "{name}: {category}"
                );
            }
        }
    }

    #[test]
    fn a_user_theme_may_leave_out_its_name() {
        let t = parse(
            "my/solar.toml",
            "[styles]\nheading = { fg = \"red\" }\n",
            Some(&Theme::default()),
        )
        .unwrap();
        assert_eq!(t.name, "solar");
        assert!(
            parse("t.toml", "[styles]\n", None).is_err(),
            "a built-in theme must be named"
        );
    }

    #[test]
    fn mono_has_no_colour() {
        let mono = built_in("mono").unwrap();
        for (role, _) in Role::ALL {
            assert_eq!(mono.style(*role).fg, None);
            assert_eq!(mono.style(*role).bg, None);
        }
    }

    #[test]
    fn user_theme_patches_dark_and_reports_every_problem() {
        let ok = parse(
            "t.toml",
            "name = \"mine\"\n[styles]\nheading = { fg = 196 }\n",
            Some(&Theme::default()),
        )
        .unwrap();
        assert_eq!(
            ok.style(Role::Heading).fg,
            Some(ratatui::style::Color::Indexed(196))
        );
        assert_eq!(ok.style(Role::Quote), Theme::default().style(Role::Quote));
        let errs = crate::content::diagnostic::rendered(&parse(
            "t.toml",
            "name = \"x\"\n[styles]\nheading = { fg = \"#12345\" }\nquote = { italics = true }\ntxt = {}\n[keywords]\npeople = { fg = 300 }\n",
            None,
        )
        .unwrap_err());
        assert_eq!(
            errs,
            vec![
                "t.toml:3:18: error: invalid colour `#12345`: use a name (red, light_blue, …), 0–255, or #rrggbb",
                "t.toml:4:11: error: unknown key `italics` in style `quote`, expected one of: fg, bg, bold, italic, underline, reversed, dim",
                "t.toml:5:1: error: unknown key `txt` in [styles], expected one of: text, dim, title, meta, heading, heading_marked, marker, quote, bullet, border, border_focused, pane_title, selection, selection_inactive, status, status_key, takeaway_number, search_match, search_current, error, overlay",
                "t.toml:7:17: error: colour index 300 is out of range 0–255",
            ]
        );
    }
}
