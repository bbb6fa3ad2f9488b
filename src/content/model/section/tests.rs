//! Tests of [`super`]: a section gives back the blocks it was built from.

use super::*;

fn item(marker: Marker, depth: u8, text: &str) -> ListItem {
    ListItem {
        marker,
        depth,
        text: text.into(),
    }
}

/// Every kind of block, empty ones included.
fn blocks() -> Vec<Block> {
    vec![
        Block::Paragraph("Syria joined the coalition.".into()),
        Block::List(vec![
            item(Marker::Number(9), 0, "nine"),
            item(Marker::Bullet, 1, "nested — ünïcode"),
            item(Marker::Number(10), 0, ""),
        ]),
        Block::Quote(vec!["first line".into(), String::new(), "third".into()]),
        Block::List(Vec::new()),
        Block::Paragraph(String::new()),
        Block::Quote(Vec::new()),
        Block::Paragraph("東京 last".into()),
    ]
}

#[test]
fn a_section_gives_back_its_blocks() {
    let section = Section::new("s", Some("H".into()), blocks());
    assert_eq!(section.to_blocks(), blocks());
    assert_eq!(section.block_count(), 7);
    assert_eq!(section.blocks().len(), 7);
    for (i, block) in blocks().iter().enumerate() {
        let read = section.block(i).expect("block");
        assert_eq!(read.units(), block.units(), "{i}");
        assert_eq!(&read.to_block(), block);
    }
    assert_eq!(section.block(7), None);
    let empty = Section::new("e", None, Vec::new());
    assert_eq!((empty.block_count(), empty.to_blocks()), (0, Vec::new()));
    assert_eq!(empty.texts().count(), 0);
}

#[test]
fn texts_are_read_in_order_with_their_places() {
    let section = Section::new("s", None, blocks());
    let texts: Vec<(usize, usize, &str)> = section.texts().collect();
    assert_eq!(
        texts,
        [
            (0, 0, "Syria joined the coalition."),
            (1, 0, "nine"),
            (1, 1, "nested — ünïcode"),
            (1, 2, ""),
            (2, 0, "first line"),
            (2, 1, ""),
            (2, 2, "third"),
            (4, 0, ""),
            (6, 0, "東京 last"),
        ]
    );
    // Each text is found again from its place, and its place counts it among the texts.
    for (index, &(block, item, text)) in texts.iter().enumerate() {
        assert_eq!(section.text(block, item), Some(text));
        assert_eq!(section.text_index(block, item), Some(index));
    }
    // No such text: an empty list or quote has none, a paragraph has one.
    for (block, item) in [(3, 0), (5, 0), (0, 1), (1, 3), (9, 0)] {
        assert_eq!(section.text(block, item), None, "{block} {item}");
        assert_eq!(section.text_index(block, item), None, "{block} {item}");
    }
}

#[test]
fn list_items_keep_their_markers_and_depth() {
    let section = Section::new("s", None, blocks());
    let Some(BlockRef::List(items)) = section.block(1) else {
        unreachable!("a list");
    };
    let read: Vec<(Marker, u8, &str)> = items.iter().map(|i| (i.marker, i.depth, i.text)).collect();
    assert_eq!(
        read,
        [
            (Marker::Number(9), 0, "nine"),
            (Marker::Bullet, 1, "nested — ünïcode"),
            (Marker::Number(10), 0, ""),
        ]
    );
    assert_eq!((items.len(), items.get(3)), (3, None));
    let Some(BlockRef::Quote(lines)) = section.block(2) else {
        unreachable!("a quote");
    };
    assert_eq!(
        lines.iter().rev().collect::<Vec<_>>(),
        ["third", "", "first line"]
    );
    assert_eq!(format!("{lines:?}"), r#"["first line", "", "third"]"#);
}

#[test]
fn the_debug_form_shows_the_blocks() {
    let section = Section::new("s", None, vec![Block::Paragraph("p".into())]);
    let shown = format!("{section:?}");
    assert!(shown.contains(r#"blocks: [Paragraph("p")]"#), "{shown}");
}

#[test]
fn the_heading_is_kept_apart_from_the_body() {
    for heading in [None, Some(String::new()), Some("Part — 東京".to_owned())] {
        let section = Section::new("s", heading.clone(), blocks());
        assert_eq!(section.heading(), heading.as_deref());
        assert_eq!(section.to_blocks(), blocks());
        assert_eq!(section.text(0, 0), Some("Syria joined the coalition."));
        let bare = Section::new("s", heading.clone(), Vec::new());
        assert_eq!(
            (bare.heading(), bare.block_count()),
            (heading.as_deref(), 0)
        );
    }
    assert_eq!(Section::new("s", None, blocks()).label(), "Introduction");
}
