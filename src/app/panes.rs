//! Where each pane goes for a terminal size: one pure function used by drawing, by scrolling
//! (page sizes) and by the mouse (which pane is under the pointer), so they always agree and no
//! rectangle is ever stored in the state.

use ratatui::layout::{Constraint, Layout, Rect};

/// The panes of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The loaded briefings.
    Briefings,
    /// Sections of the open briefing.
    Outline,
    /// The open briefing's text.
    Article,
    /// The key takeaways.
    Takeaways,
}

impl Pane {
    /// Focus order for Tab.
    pub const ORDER: [Self; 4] = [
        Self::Briefings,
        Self::Outline,
        Self::Article,
        Self::Takeaways,
    ];

    /// The title shown on the pane's border.
    pub fn title(self) -> &'static str {
        match self {
            Self::Briefings => "Briefings",
            Self::Outline => "Outline",
            Self::Article => "Article",
            Self::Takeaways => "Takeaways",
        }
    }
}

/// Below this size only a "terminal too small" notice is drawn.
pub const MIN_WIDTH: u16 = 24;
/// Below this height only a "terminal too small" notice is drawn.
pub const MIN_HEIGHT: u16 = 6;
/// From this width on, every pane is shown.
pub const WIDE: u16 = 120;
/// From this width on, the article and the takeaways are shown side by side.
pub const MEDIUM: u16 = 72;
/// The article's text is never wider than this by default, for readability (the config
/// file's `text_width` changes it).
pub const MAX_TEXT_WIDTH: u16 = crate::settings::file::DEFAULT_TEXT_WIDTH;
/// Columns left of the article text for the marker bar.
pub const GUTTER: u16 = 2;

/// The rectangles of one frame. A pane that is not shown has no rectangle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    /// The briefings list.
    pub briefings: Option<Rect>,
    /// The outline.
    pub outline: Option<Rect>,
    /// The article.
    pub article: Option<Rect>,
    /// The takeaways sidebar.
    pub takeaways: Option<Rect>,
    /// Everything above the status bar.
    pub body: Rect,
    /// The status bar.
    pub status: Rect,
    /// True when the terminal is below the minimum size.
    pub too_small: bool,
    /// False when the article is zoomed: it is drawn without a border, so that its text
    /// rows are whole screen rows with nothing to redraw beside them when they scroll.
    pub borderless: bool,
    /// The article's text is never wider than this, in columns ([`MAX_TEXT_WIDTH`] unless
    /// set with [`Panes::with_text_width`]).
    pub text_width: u16,
}

impl Panes {
    /// Lays out `area` with `focus` on a pane and the sidebar shown or hidden.
    // Over 40 lines as one function: the responsive layout rules (wide, medium, narrow) in one
    // place, so that every size is decided by one reading.
    pub fn new(area: Rect, focus: Pane, show_takeaways: bool) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Self {
                body: area,
                status: area,
                too_small: true,
                text_width: MAX_TEXT_WIDTH,
                ..Self::default()
            };
        }
        let [body, status] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let mut panes = Self {
            body,
            status,
            text_width: MAX_TEXT_WIDTH,
            ..Self::default()
        };
        let sidebar = |width: u16| clamp(width * 3 / 10, 26, 40);
        if body.width >= WIDE {
            let left = clamp(body.width / 5, 24, 36);
            let side = if show_takeaways {
                sidebar(body.width)
            } else {
                0
            };
            let [left, article, takeaways] = body.layout(&Layout::horizontal([
                Constraint::Length(left),
                Constraint::Fill(1),
                Constraint::Length(side),
            ]));
            let [briefings, outline] = left.layout(&Layout::vertical([
                Constraint::Percentage(40),
                Constraint::Fill(1),
            ]));
            panes.briefings = Some(briefings);
            panes.outline = Some(outline);
            panes.article = Some(article);
            panes.takeaways = (side > 0).then_some(takeaways);
        } else if body.width >= MEDIUM {
            let side = if show_takeaways || focus == Pane::Takeaways {
                sidebar(body.width)
            } else {
                0
            };
            let [main, takeaways] = body.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(side),
            ]));
            panes.set(main_pane(focus), main);
            panes.takeaways = (side > 0).then_some(takeaways);
        } else {
            panes.set(focus, body);
        }
        panes
    }

    /// The article alone over the whole body and without a border, whatever the width: its
    /// text stays capped at [`MAX_TEXT_WIDTH`] and centred, and every row it scrolls is a
    /// whole screen row holding nothing else (a border would have to be drawn again on every
    /// row a scroll brings in).
    pub fn zoomed(area: Rect) -> Self {
        let mut panes = Self::new(area, Pane::Article, false);
        if !panes.too_small {
            panes = Self {
                article: Some(panes.body),
                body: panes.body,
                status: panes.status,
                borderless: true,
                text_width: MAX_TEXT_WIDTH,
                ..Self::default()
            };
        }
        panes
    }

    /// The library view: the briefings list as the main pane, and where the width allows, a
    /// preview of the selected briefing beside it (drawn in the article's rectangle).
    pub fn library(area: Rect) -> Self {
        let mut panes = Self::new(area, Pane::Briefings, false);
        if panes.too_small {
            return panes;
        }
        let body = panes.body;
        let (list, preview) = if body.width >= MEDIUM {
            let list = clamp(body.width * 11 / 20, 40, body.width.saturating_sub(30));
            let [list, preview] = body.layout(&Layout::horizontal([
                Constraint::Length(list),
                Constraint::Fill(1),
            ]));
            (list, Some(preview))
        } else {
            (body, None)
        };
        panes = Self {
            briefings: Some(list),
            article: preview,
            body,
            status: panes.status,
            text_width: MAX_TEXT_WIDTH,
            ..Self::default()
        };
        panes
    }

    /// These panes with the article's text capped at `width` columns instead.
    #[must_use]
    pub fn with_text_width(self, width: u16) -> Self {
        Self {
            text_width: width,
            ..self
        }
    }

    fn set(&mut self, pane: Pane, rect: Rect) {
        *self.slot(pane) = Some(rect);
    }

    fn slot(&mut self, pane: Pane) -> &mut Option<Rect> {
        match pane {
            Pane::Briefings => &mut self.briefings,
            Pane::Outline => &mut self.outline,
            Pane::Article => &mut self.article,
            Pane::Takeaways => &mut self.takeaways,
        }
    }

    /// The rectangle of a pane, if shown.
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Briefings => self.briefings,
            Pane::Outline => self.outline,
            Pane::Article => self.article,
            Pane::Takeaways => self.takeaways,
        }
    }

    /// The pane under a screen position.
    pub fn at(&self, column: u16, row: u16) -> Option<Pane> {
        let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains((column, row).into()));
        Pane::ORDER.into_iter().find(|p| hit(self.get(*p)))
    }

    /// What a pane shows content in: inside its border, or all of it when borderless.
    pub fn inner(&self, pane: Pane) -> Option<Rect> {
        let rect = self.get(pane)?;
        Some(if self.borderless { rect } else { inner(rect) })
    }

    /// Rows of content a pane shows (0 when not shown).
    pub fn inner_height(&self, pane: Pane) -> usize {
        self.inner(pane).map_or(0, |r| usize::from(r.height))
    }

    /// The article's text column: capped at [`Panes::text_width`] and centred in the
    /// article's content area, after the marker gutter.
    pub fn article_text(&self) -> Option<Rect> {
        self.inner(Pane::Article)
            .map(|inner| text_column(inner, self.text_width))
    }
}

/// At medium widths the main slot shows the focused list, or the article.
fn main_pane(focus: Pane) -> Pane {
    match focus {
        Pane::Briefings | Pane::Outline => focus,
        Pane::Article | Pane::Takeaways => Pane::Article,
    }
}

/// The text column of the article's content area `inner`, capped at `cap` columns and centred.
fn text_column(inner: Rect, cap: u16) -> Rect {
    // One column of air on the right, like the gutter on the left.
    let avail = inner.width.saturating_sub(GUTTER + 1);
    let width = avail.min(cap.max(1));
    let left = inner.x + GUTTER + (avail - width) / 2;
    Rect::new(left, inner.y, width, inner.height)
}

/// The area inside a one-cell border.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

fn clamp(value: u16, low: u16, high: u16) -> u16 {
    value.clamp(low, high)
}

/// The centred rectangle of an overlay (help, diagnostics, skim) inside `body`.
pub fn overlay(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(96).max(body.width.min(20));
    let height = body.height.saturating_sub(2).max(body.height.min(5));
    Rect::new(
        body.x + (body.width.saturating_sub(width)) / 2,
        body.y + (body.height.saturating_sub(height)) / 2,
        width,
        height,
    )
}

/// What the pane layouts depend on: the terminal's size and the reader's layout switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// The terminal.
    pub area: Rect,
    /// The takeaways sidebar shown (where the width allows it).
    pub show_takeaways: bool,
    /// The article alone.
    pub zoom: bool,
    /// The library view: the list as the main pane, with a preview (it wins over zoom).
    pub library: bool,
    /// The article's text is never wider than this, in columns.
    pub text_width: u16,
}

/// The pane layouts for one [`Shape`], for every focus: computed when the shape changes (a
/// resize, `t`, `z`, `L`) and then only looked up, by drawing, paging, scroll hints and mouse
/// hit-testing alike, so that no key runs the layout rules and no two places do their own
/// border arithmetic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    shape: Shape,
    /// The panes with each pane focused (narrow layouts show the focused pane), in
    /// [`Pane::ORDER`] order.
    by_focus: [Panes; 4],
    /// The same without the library view: where the article, outline and sidebar are when
    /// they are shown, which their layouts and scrolling keep to while the list is the main
    /// pane (so that entering and leaving it re-wraps nothing).
    reading: [Panes; 4],
    /// The panes with the sidebar shown whatever the setting: the width the takeaways are laid
    /// out at for the sidebar and the skim view.
    with_sidebar: Panes,
}

impl Geometry {
    /// The layouts for `shape`.
    pub fn new(shape: Shape) -> Self {
        let Shape { area, .. } = shape;
        let reading = |focus| {
            if shape.zoom {
                Panes::zoomed(area)
            } else {
                Panes::new(area, focus, shape.show_takeaways)
            }
            .with_text_width(shape.text_width)
        };
        let reading = Pane::ORDER.map(reading);
        let by_focus = if shape.library {
            [Panes::library(area).with_text_width(shape.text_width); 4]
        } else {
            reading
        };
        Self {
            shape,
            by_focus,
            reading,
            with_sidebar: Panes::new(area, Pane::Takeaways, true).with_text_width(shape.text_width),
        }
    }

    /// Whether these layouts are the ones for `shape`.
    pub fn is_for(&self, shape: Shape) -> bool {
        self.shape == shape
    }

    /// The panes with `focus` on a pane.
    pub fn panes(&self, focus: Pane) -> Panes {
        let at = Pane::ORDER.iter().position(|&p| p == focus).unwrap_or(0);
        self.by_focus.get(at).copied().unwrap_or_default()
    }

    /// The panes with `focus` on a pane as they are outside the library view: where the
    /// article, outline and sidebar are laid out and scrolled.
    pub fn reading(&self, focus: Pane) -> Panes {
        let at = Pane::ORDER.iter().position(|&p| p == focus).unwrap_or(0);
        self.reading.get(at).copied().unwrap_or_default()
    }

    /// The panes with the sidebar shown, whatever the setting.
    pub fn with_sidebar(&self) -> Panes {
        self.with_sidebar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_everything() {
        let p = Panes::new(Rect::new(0, 0, 200, 60), Pane::Article, true);
        assert!(
            p.briefings.is_some()
                && p.outline.is_some()
                && p.article.is_some()
                && p.takeaways.is_some()
        );
        let text = p.article_text().unwrap();
        assert_eq!(text.width, MAX_TEXT_WIDTH);
    }

    #[test]
    fn medium_shows_article_and_takeaways() {
        let p = Panes::new(Rect::new(0, 0, 80, 24), Pane::Article, true);
        assert!(p.briefings.is_none() && p.outline.is_none());
        assert!(p.article.is_some() && p.takeaways.is_some());
        let p = Panes::new(Rect::new(0, 0, 80, 24), Pane::Outline, true);
        assert!(p.outline.is_some() && p.article.is_none());
    }

    #[test]
    fn narrow_shows_one_pane() {
        let p = Panes::new(Rect::new(0, 0, 50, 16), Pane::Takeaways, true);
        assert_eq!(p.takeaways, Some(Rect::new(0, 0, 50, 15)));
        assert!(p.article.is_none());
        assert_eq!(p.at(3, 3), Some(Pane::Takeaways));
    }

    #[test]
    fn zoomed_shows_the_article_alone_at_any_width() {
        for width in [50, 80, 200] {
            let p = Panes::zoomed(Rect::new(0, 0, width, 24));
            assert_eq!(p.article, Some(Rect::new(0, 0, width, 23)));
            assert!(p.briefings.is_none() && p.outline.is_none() && p.takeaways.is_none());
        }
        assert_eq!(
            text_column(inner(Rect::new(0, 0, 200, 23)), MAX_TEXT_WIDTH).width,
            MAX_TEXT_WIDTH
        );
        assert!(Panes::zoomed(Rect::new(0, 0, 10, 3)).too_small);
    }

    #[test]
    fn tiny_is_too_small() {
        assert!(Panes::new(Rect::new(0, 0, 10, 3), Pane::Article, true).too_small);
        assert!(Panes::new(Rect::new(0, 0, 0, 0), Pane::Article, true).too_small);
    }

    #[test]
    fn the_geometry_holds_the_layout_rules_for_every_focus() {
        for (w, h) in [(200, 60), (120, 40), (80, 24), (50, 16), (10, 3)] {
            let area = Rect::new(0, 0, w, h);
            for show in [true, false] {
                let shape = Shape {
                    area,
                    show_takeaways: show,
                    text_width: MAX_TEXT_WIDTH,
                    ..Shape::default()
                };
                let geometry = Geometry::new(shape);
                assert!(geometry.is_for(shape));
                assert!(!geometry.is_for(Shape {
                    show_takeaways: !show,
                    ..shape
                }));
                assert!(!geometry.is_for(Shape {
                    text_width: 60,
                    ..shape
                }));
                for focus in Pane::ORDER {
                    assert_eq!(geometry.panes(focus), Panes::new(area, focus, show));
                }
                assert_eq!(
                    geometry.with_sidebar(),
                    Panes::new(area, Pane::Takeaways, true)
                );
                let zoomed = Geometry::new(Shape {
                    zoom: true,
                    ..shape
                });
                for focus in Pane::ORDER {
                    assert_eq!(zoomed.panes(focus), Panes::zoomed(area));
                }
            }
        }
    }
}
