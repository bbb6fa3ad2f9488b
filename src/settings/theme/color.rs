//! Colour values in theme files, and their reduction to what a terminal can show.

use ratatui::style::Color;
use toml::de::DeValue;

use crate::content::schema::{Reader, Value, quote};

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 ANSI colours.
    Ansi16,
}

impl ColorDepth {
    /// Decides from `COLORTERM` and `TERM` values (passed in, so this stays pure).
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> Self {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return Self::TrueColor;
        }
        match term {
            Some(t) if t.contains("256") || t.contains("direct") => Self::Ansi256,
            _ => Self::Ansi16,
        }
    }

    /// The nearest colour this depth can show.
    pub fn reduce(self, color: Color) -> Color {
        match (self, color) {
            (Self::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256(r, g, b)),
            (Self::Ansi16, Color::Rgb(r, g, b)) => nearest_16(r, g, b),
            (Self::Ansi16, Color::Indexed(i)) if i >= 16 => {
                let (r, g, b) = index_to_rgb(i);
                nearest_16(r, g, b)
            }
            (Self::Ansi16, Color::Indexed(i)) => ANSI16.get(usize::from(i)).map_or(color, |e| e.0),
            // Truecolor shows everything; names and indexes are already within reach.
            (_, c) => c,
        }
    }
}

impl ColorDepth {
    /// `fg` reduced to this depth and kept readable over `bg` (the red, green and blue shown
    /// behind it): the reduction of [`ColorDepth::reduce`] when its contrast ratio with `bg`
    /// is at least `min`, else the colour of this depth's palette nearest to `fg` that reaches
    /// `min` (the 16 ANSI colours, or indexes 16–255). Where no colour reaches it, the plain
    /// reduction. At [`ColorDepth::TrueColor`] the colour is kept as the theme gives it.
    ///
    /// Why: a palette step can cost a colour its contrast (xterm's yellow on white is 1.7:1,
    /// its light blue on black 4.4:1), so a theme readable at full colour would not be at 16.
    pub fn reduce_readable(self, fg: Color, bg: (u8, u8, u8), min: f64) -> Color {
        let reduced = self.reduce(fg);
        let (Some(want), Some(got)) = (rgb(fg), rgb(reduced)) else {
            return reduced;
        };
        if self == Self::TrueColor || contrast(got, bg) >= min {
            return reduced;
        }
        let candidates: Vec<(Color, (u8, u8, u8))> = match self {
            Self::Ansi16 => ANSI16.to_vec(),
            _ => (16..=255u8)
                .map(|i| (Color::Indexed(i), index_to_rgb(i)))
                .collect(),
        };
        candidates
            .into_iter()
            .filter(|&(_, value)| contrast(value, bg) >= min)
            .min_by_key(|&(_, value)| distance(value, want))
            .map_or(reduced, |(color, _)| color)
    }
}

/// The WCAG 2.x contrast ratio of two colours (1.0 to 21.0), from their sRGB relative
/// luminance.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// sRGB relative luminance, 0.0 (black) to 1.0 (white), as WCAG 2.x defines it.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The red, green and blue a reference terminal shows for `color`: xterm's defaults for the 16
/// ANSI colours, xterm's 6×6×6 cube and grey ramp for indexes 16–255. `None` for
/// [`Color::Reset`], which is whatever the terminal's own foreground or background is. Used to
/// measure contrast (see the README's Themes section).
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(index_to_rgb(i)),
        named => ANSI16.iter().find(|e| e.0 == named).map(|e| e.1),
    }
}

const NAMES: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark_gray", Color::DarkGray),
    ("light_red", Color::LightRed),
    ("light_green", Color::LightGreen),
    ("light_yellow", Color::LightYellow),
    ("light_blue", Color::LightBlue),
    ("light_magenta", Color::LightMagenta),
    ("light_cyan", Color::LightCyan),
    ("white", Color::White),
];

/// The 16 ANSI colours in palette order with typical xterm RGB values.
const ANSI16: &[(Color, (u8, u8, u8))] = &[
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// Reads a colour value, recording a problem (and returning `None`) when it is not one.
pub fn parse(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Color> {
    match value.get_ref() {
        DeValue::Integer(int) => {
            let n = i64::from_str_radix(int.as_str(), int.radix()).ok();
            if let Some(index) = n.and_then(|n| u8::try_from(n).ok()) {
                Some(Color::Indexed(index))
            } else {
                let shown = quote(int.as_str());
                r.error(
                    value.span(),
                    format!("colour index {shown} is out of range 0–255"),
                );
                None
            }
        }
        DeValue::String(text) => {
            let parsed = from_str(text);
            if parsed.is_none() {
                r.error(
                    value.span(),
                    format!(
                        "invalid colour `{}`: use a name (red, light_blue, …), 0–255, or #rrggbb",
                        quote(text)
                    ),
                );
            }
            parsed
        }
        other => {
            r.wrong_type(
                value.span(),
                "a colour",
                "a name, 0–255 or \"#rrggbb\"",
                other,
            );
            None
        }
    }
}

/// Parses `default`, a colour name, or `#rrggbb`.
pub fn from_str(text: &str) -> Option<Color> {
    let lower = text.trim().to_ascii_lowercase();
    if lower == "default" || lower == "reset" {
        return Some(Color::Reset);
    }
    if let Some(&(_, color)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Some(color);
    }
    let hex = lower.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?))
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let level = |v: u8| {
        (0u8..6)
            .min_by_key(|&i| (i32::from(CUBE[usize::from(i)]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let cube_rgb = index_to_rgb(cube_index);
    let grey = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey_step = u8::try_from(((grey.saturating_sub(8)) / 10).min(23)).unwrap_or(23);
    let grey_index = 232 + grey_step;
    if distance((r, g, b), index_to_rgb(grey_index)) < distance((r, g, b), cube_rgb) {
        grey_index
    } else {
        cube_index
    }
}

/// The ANSI colour of the same family: nearest-RGB matching would turn soft theme colours
/// (a lilac, an orange) into greys on 16-colour terminals, so hue decides the colour, lightness
/// decides normal or bright, and only unsaturated colours become greys.
fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let lightness = (f32::from(max) + f32::from(min)) / 510.0;
    let chroma = f32::from(max - min) / 255.0;
    if chroma < 0.2 {
        return match lightness {
            l if l < 0.3 => Color::Black,
            l if l < 0.55 => Color::DarkGray,
            l if l < 0.85 => Color::Gray,
            _ => Color::White,
        };
    }
    let bright = lightness > 0.6;
    let pick = |normal, light| if bright { light } else { normal };
    match hue(r, g, b) {
        h if !(15.0..345.0).contains(&h) => pick(Color::Red, Color::LightRed),
        h if h < 70.0 => pick(Color::Yellow, Color::LightYellow),
        h if h < 165.0 => pick(Color::Green, Color::LightGreen),
        h if h < 200.0 => pick(Color::Cyan, Color::LightCyan),
        h if h < 260.0 => pick(Color::Blue, Color::LightBlue),
        _ => pick(Color::Magenta, Color::LightMagenta),
    }
}

/// Hue in degrees, 0–360.
fn hue(r: u8, g: u8, b: u8) -> f32 {
    let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
    let max = r.max(g).max(b);
    let delta = max - r.min(g).min(b);
    if delta == 0.0 {
        return 0.0;
    }
    let h = if (max - r).abs() < f32::EPSILON {
        ((g - b) / delta).rem_euclid(6.0)
    } else if (max - g).abs() < f32::EPSILON {
        (b - r) / delta + 2.0
    } else {
        (r - g) / delta + 4.0
    };
    h * 60.0
}

fn index_to_rgb(index: u8) -> (u8, u8, u8) {
    match index {
        0..=15 => ANSI16.get(usize::from(index)).map_or((0, 0, 0), |e| e.1),
        16..=231 => {
            let i = index - 16;
            (
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            )
        }
        _ => {
            let v = 8 + 10 * (index - 232);
            (v, v, v)
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs().pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_colours_stay_readable_over_their_background() {
        let white = (255, 255, 255);
        let black = (0, 0, 0);
        // A dark yellow reads on white at full colour; xterm's yellow does not (1.7:1).
        let ochre = Color::Rgb(138, 90, 0);
        assert!(contrast(rgb(ochre).unwrap(), white) >= 4.5);
        for depth in [ColorDepth::Ansi16, ColorDepth::Ansi256] {
            for color in [ochre, Color::Rgb(0, 121, 107), Color::Rgb(92, 99, 112)] {
                let reduced = depth.reduce_readable(color, white, 4.5);
                let value = rgb(reduced).unwrap();
                assert!(
                    contrast(value, white) >= 4.5,
                    "{depth:?} {color:?} → {reduced:?}"
                );
            }
            let blue = depth.reduce_readable(Color::Rgb(97, 175, 239), black, 4.5);
            assert!(
                contrast(rgb(blue).unwrap(), black) >= 4.5,
                "{depth:?} {blue:?}"
            );
        }
        // Enough contrast already: the plain reduction.
        assert_eq!(
            ColorDepth::Ansi16.reduce_readable(Color::Rgb(200, 30, 30), white, 4.5),
            ColorDepth::Ansi16.reduce(Color::Rgb(200, 30, 30))
        );
        assert_eq!(
            ColorDepth::TrueColor.reduce_readable(Color::Rgb(250, 250, 0), white, 4.5),
            Color::Rgb(250, 250, 0)
        );
        assert!((contrast(white, black) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn parses_names_hex_and_default() {
        assert_eq!(from_str("light_blue"), Some(Color::LightBlue));
        assert_eq!(from_str("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(from_str("default"), Some(Color::Reset));
        assert_eq!(from_str("#ff80"), None);
        assert_eq!(from_str("#ééé"), None);
    }

    #[test]
    fn sixteen_colours_keep_the_colour_family() {
        let c = |hex: &str| ColorDepth::Ansi16.reduce(from_str(hex).unwrap());
        // The dark theme's keyword colours stay distinct from its light-grey text.
        assert_eq!(c("#c8ccd4"), Color::Gray);
        assert_eq!(c("#cf87e6"), Color::LightMagenta);
        assert_eq!(c("#56b6c2"), Color::Cyan);
        assert_eq!(c("#d19a66"), Color::LightYellow);
        assert_eq!(c("#ee7a84"), Color::LightRed);
        // The light theme's dark text stays black.
        assert_eq!(c("#383a42"), Color::Black);
        assert_eq!(c("#0b55b8"), Color::Blue);
    }

    #[test]
    fn depth_follows_the_environment() {
        assert_eq!(
            ColorDepth::detect(Some("truecolor"), Some("xterm")),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::detect(None, Some("xterm-256color")),
            ColorDepth::Ansi256
        );
        assert_eq!(ColorDepth::detect(None, Some("vt100")), ColorDepth::Ansi16);
        assert_eq!(ColorDepth::detect(None, None), ColorDepth::Ansi16);
    }

    #[test]
    fn reduction_picks_near_colours() {
        assert_eq!(
            ColorDepth::Ansi256.reduce(Color::Rgb(255, 0, 0)),
            Color::Indexed(196)
        );
        assert_eq!(
            ColorDepth::Ansi256.reduce(Color::Rgb(128, 128, 128)),
            Color::Indexed(244)
        );
        assert_eq!(
            ColorDepth::Ansi16.reduce(Color::Rgb(250, 250, 250)),
            Color::White
        );
        assert_eq!(ColorDepth::Ansi16.reduce(Color::Indexed(196)), Color::Red);
        assert_eq!(
            ColorDepth::TrueColor.reduce(Color::Rgb(1, 2, 3)),
            Color::Rgb(1, 2, 3)
        );
    }
}
