//! Rows of a laid-out article to [`TextAddress`]es and back: what a reading position is made
//! of, so that it survives a new width, an edit of the file and a move of the file.

use super::{ArticleLayout, TextRef};
use crate::content::{Briefing, TextAddress, fingerprint};

/// Where a unit's text sits in the briefing, layout aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    /// Section index; `None` for the header.
    section: Option<u32>,
    /// Block (in the header: header text) index; `None` for a section heading.
    block: Option<u32>,
    item: u32,
}

impl ArticleLayout {
    /// The reading place shown at `row` (as [`ArticleLayout::anchor_at`]) as an address.
    pub fn address_at(&self, briefing: &Briefing, row: usize) -> Option<TextAddress> {
        let (unit, offset) = self.anchor_at(briefing, row)?;
        let slot = slot(unit, self.text_ref(briefing, unit)?);
        let section_index = slot.section.unwrap_or(0);
        let section = slot
            .section
            .and_then(|s| briefing.sections.get(s as usize))
            .map(|s| s.id.to_string())
            .unwrap_or_default();
        Some(TextAddress {
            section,
            section_index,
            block: slot.block,
            item: slot.item,
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
            fingerprint: fingerprint(self.text(briefing, unit)),
        })
    }

    /// The row to show for `address`: the same text if it still exists (found by its section
    /// id and indices, else by its fingerprint anywhere, nearest first), else the nearest text
    /// of the same section (the nearest section if it is gone), at the same byte offset
    /// where that is still inside the text.
    // Over 40 lines as one function: the fallbacks for finding an address (same block, fingerprint,
    // nearest section) in order of preference, each needing the ones before.
    pub fn row_of_address(&self, briefing: &Briefing, address: &TextAddress) -> usize {
        let section = if address.section.is_empty() {
            None
        } else {
            let by_id = briefing
                .sections
                .iter()
                .position(|s| s.id == address.section);
            let nearest =
                (address.section_index as usize).min(briefing.sections.len().saturating_sub(1));
            Some(u32::try_from(by_id.unwrap_or(nearest)).unwrap_or(u32::MAX))
        };
        let wanted = Slot {
            section,
            block: address.block,
            item: address.item,
        };
        // Every unit's slot and text, unit by unit.
        let units: Vec<(Slot, &str)> = self
            .each_unit(briefing)
            .map(|(unit, text)| {
                let shown = super::text_of(briefing, &self.header.own, text);
                (slot(unit, text), shown)
            })
            .collect();
        let same_text = |text: &str| fingerprint(text) == address.fingerprint;
        // The same slot with the same text; else the same text, in the section first and
        // nearest to the slot; else the nearest slot of the section.
        let exact = units
            .iter()
            .position(|(s, _)| *s == wanted)
            .filter(|&u| units.get(u).is_some_and(|(_, text)| same_text(text)));
        let distance = |s: &Slot| {
            let far = |a: Option<u32>, b: Option<u32>| {
                a.map_or(0, |a| i64::from(a) + 1) - b.map_or(0, |b| i64::from(b) + 1)
            };
            (
                s.section != wanted.section,
                far(s.block, wanted.block).abs(),
                (i64::from(s.item) - i64::from(wanted.item)).abs(),
            )
        };
        let moved = || {
            units
                .iter()
                .enumerate()
                .filter(|(_, (_, text))| same_text(text))
                .map(|(u, (s, _))| (distance(s), u))
                .min()
                .map(|(_, u)| u)
        };
        let nearest = || {
            units
                .iter()
                .enumerate()
                .filter(|(_, (s, _))| s.section == wanted.section)
                .map(|(u, (s, _))| (distance(s), u))
                .min()
                .map(|(_, u)| u)
        };
        let Some(unit) = exact.or_else(moved).or_else(nearest) else {
            // A section with no text of its own (nor a heading): its first row.
            return section
                .and_then(|s| self.section_row(s as usize))
                .unwrap_or(0);
        };
        let text = units.get(unit).map_or("", |(_, text)| text);
        let mut offset = (address.offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        self.row_of(briefing, unit, offset)
    }
}

/// Where unit `unit`'s text sits in the briefing: the header's texts are counted from the
/// title.
fn slot(unit: usize, text: TextRef) -> Slot {
    match text {
        TextRef::Body {
            section,
            block,
            item,
        } => Slot {
            section: Some(section),
            block: Some(block),
            item,
        },
        TextRef::Heading(section) => Slot {
            section: Some(section),
            block: None,
            item: 0,
        },
        TextRef::Own(_) => Slot {
            section: None,
            block: Some(u32::try_from(unit).unwrap_or(u32::MAX)),
            item: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::app::layout::{ArticleLayout, Row};
    use crate::content::{Briefing, parse};
    use crate::text::highlight::Highlighter;

    fn briefing(sections: &[(&str, &[&str])]) -> Briefing {
        use std::fmt::Write as _;
        let mut toml = String::from("[briefing]\ntitle = \"T\"\nsummary = \"A lede.\"\n");
        for (id, paragraphs) in sections {
            let _ = write!(
                toml,
                "[[sections]]\nid = \"{id}\"\nheading = \"Part {id}\"\nbody = '''\n{}\n'''\n",
                paragraphs.join("\n\n")
            );
        }
        parse("t", &toml).expect("parses")
    }

    fn doc(b: &Briefing, width: usize) -> ArticleLayout {
        ArticleLayout::new(b, &Highlighter::default(), width)
    }

    /// The text shown at `row`, from its first shown byte.
    fn shown(doc: &ArticleLayout, b: &Briefing, row: usize) -> String {
        let (unit, offset) = doc.anchor_at(b, row).expect("a row");
        doc.text(b, unit)
            .get(offset..)
            .unwrap_or_default()
            .to_owned()
    }

    const LONG: &str = "The third paragraph is long enough to wrap over several rows at a narrow \
                        width, so that a place in its middle is not the start of a row everywhere.";

    #[test]
    fn an_address_names_the_same_text_at_every_width() {
        let b = briefing(&[("a", &["One.", "Two."]), ("b", &["Three.", LONG])]);
        let narrow = doc(&b, 24);
        // A row inside the long paragraph, not its first.
        let rows: Vec<Row> = narrow.rows_from(&b, 0).map(|(_, r)| r).collect();
        let row = (0..rows.len())
            .find(|&r| rows[r].start > 0 && narrow.text(&b, rows[r].unit as usize) == LONG)
            .expect("a wrapped row");
        let at = narrow.address_at(&b, row).expect("address");
        assert_eq!((at.section.as_str(), at.block), ("b", Some(1)));
        let wide = doc(&b, 70);
        let there = wide.row_of_address(&b, &at);
        let offset = at.offset as usize;
        let (unit, start) = wide.anchor_at(&b, there).expect("row");
        assert_eq!(wide.text(&b, unit), LONG);
        let end = wide.rows_from(&b, there).next().expect("row").1.end as usize;
        assert!(
            start <= offset && offset < end.max(start + 1),
            "{start}..{end} ∌ {offset}"
        );
    }

    #[test]
    fn an_address_finds_its_text_after_edits_around_it() {
        let before = briefing(&[("a", &["One.", "Two."]), ("b", &["Three.", LONG])]);
        let d = doc(&before, 40);
        let row = (0..d.row_count())
            .find(|&r| shown(&d, &before, r) == "Three.")
            .expect("row");
        let at = d.address_at(&before, row).expect("address");
        // Paragraphs inserted above, in its section and before it; a section inserted above.
        let after = briefing(&[
            ("new", &["Fresh."]),
            ("a", &["Zero.", "One.", "Two."]),
            ("b", &["Inserted.", "Three.", LONG]),
        ]);
        let d2 = doc(&after, 40);
        assert_eq!(shown(&d2, &after, d2.row_of_address(&after, &at)), "Three.");
        // Moved to another section: found by its text.
        let moved = briefing(&[("a", &["One.", "Three.", "Two."]), ("b", &[LONG])]);
        let d3 = doc(&moved, 40);
        assert_eq!(shown(&d3, &moved, d3.row_of_address(&moved, &at)), "Three.");
        // Rewritten: the same place in the section.
        let rewritten = briefing(&[("a", &["One.", "Two."]), ("b", &["Three, again.", LONG])]);
        let d4 = doc(&rewritten, 40);
        assert_eq!(
            shown(&d4, &rewritten, d4.row_of_address(&rewritten, &at)),
            "Three, again."
        );
        // Its section gone: the nearest section that is left.
        let gone = briefing(&[("a", &["One.", "Two."]), ("c", &["Other."])]);
        let d5 = doc(&gone, 40);
        let row = d5.row_of_address(&gone, &at);
        assert_eq!(d5.section_at(row), Some(1));
    }

    #[test]
    fn headings_and_the_header_have_addresses_too() {
        let b = briefing(&[("a", &["One."]), ("b", &["Two."])]);
        let d = doc(&b, 40);
        let heading = d.section_row(1).expect("section");
        let at = d.address_at(&b, heading).expect("address");
        assert_eq!((at.section.as_str(), at.block), ("b", None));
        let more = briefing(&[("z", &["Zed."]), ("a", &["One."]), ("b", &["Two."])]);
        let d2 = doc(&more, 40);
        assert_eq!(Some(d2.row_of_address(&more, &at)), d2.section_row(2));
        // The lede, in the header.
        let lede = (0..d.row_count())
            .find(|&r| shown(&d, &b, r) == "A lede.")
            .expect("lede");
        let at = d.address_at(&b, lede).expect("address");
        assert_eq!(at.section, "");
        assert_eq!(shown(&d2, &more, d2.row_of_address(&more, &at)), "A lede.");
    }

    #[test]
    fn a_section_without_text_leads_to_its_first_row() {
        let text = "[briefing]\ntitle = \"T\"\n[[sections]]\nid = \"lead\"\nbody = \"\"\n\n[[sections]]\nid = \"b\"\nheading = \"B\"\nbody = \"Text.\"\n";
        let b = parse("t", text).expect("parses");
        let d = doc(&b, 40);
        let at = crate::content::TextAddress {
            section: "lead".into(),
            section_index: 0,
            block: Some(0),
            item: 0,
            offset: 0,
            fingerprint: 1,
        };
        assert!(d.section_row(0) > Some(0), "the header comes first");
        assert_eq!(Some(d.row_of_address(&b, &at)), d.section_row(0));
    }

    #[test]
    fn an_offset_past_a_shorter_text_stays_inside_it() {
        let b = briefing(&[("a", &[LONG])]);
        let d = doc(&b, 30);
        let last = d.row_count() - 1;
        let at = d.address_at(&b, last).expect("address");
        let short = briefing(&[("a", &["Short, and é at the end é"])]);
        let d2 = doc(&short, 30);
        let row = d2.row_of_address(&short, &at);
        assert_eq!(d2.section_at(row), Some(0));
        assert!(row < d2.row_count());
    }
}
