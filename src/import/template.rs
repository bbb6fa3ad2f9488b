//! `brief new`: a briefing to fill in, with a comment on every field and one example of each
//! kind of block (paragraph, bullet list, numbered list with a nested item, quote), a takeaway
//! linked to a section, and keywords. The title and date are set through `toml_edit`, so any
//! title is quoted as TOML needs.

use toml_edit::{DocumentMut, value};

const TEMPLATE: &str = r#"# A briefing for brief (docs/format.md). Check it with `brief check FILE`.
format = 1

[briefing]
# The headline (required).
title = "Title"
# Where it was filed from (optional).
dateline = "City, Country"
# When it was filed: a TOML date (2025-11-10) or date-time (2025-11-10T09:30:00+01:00), unquoted.
date = 2025-01-01
# Where it comes from (optional).
source = "Publication or link"
# Who wrote it (optional).
authors = ["A. Writer"]
# Free-form labels (optional).
tags = ["example"]
# A short lede shown above the first section (optional).
summary = "One or two sentences that say what the briefing is about."
# A stable id keeps reading positions when the title or date changes (optional; letters,
# digits, '-', '_' and '.'). Without it, one is derived from the title and the day.
# id = "my-briefing"

# Terms to highlight, by category. people, places, organizations and watchlist have styles of
# their own in the themes; any other category name uses the default style.
[keywords]
people = ["A. Writer"]
places = ["City"]
organizations = ["Example Council"]

# The first section may have no heading: it is the lead.
[[sections]]
body = """
A paragraph: lines are joined, and a blank line starts a new block.
"""

# Every other section has a heading; its id (default: a slug of the heading) is what a
# takeaway links to.
[[sections]]
id = "details"
heading = "Details"
body = """
A bullet list:

- a bullet item
- another bullet item

A numbered list, with a nested item (indented two spaces):

1. the first step
2. the second step
  - a detail of the second step

> A quote keeps its lines as written.
> — Someone quoted
"""

# Key takeaways, in order; `section` names the id of the section that supports it.
[[takeaways]]
text = "The one thing to remember."
section = "details"
"#;

/// The template, with `title` as the title when given and `date` (year, month, day) as the
/// date when given, as TOML text with its comments.
pub fn template(title: Option<&str>, date: Option<(i32, u8, u8)>) -> String {
    let Ok(mut doc) = TEMPLATE.parse::<DocumentMut>() else {
        // The template is a constant that a unit test parses; this is never reached.
        return TEMPLATE.to_owned();
    };
    if let Some(title) = title.map(crate::content::sanitize::line)
        && !title.is_empty()
        && let Some(item) = doc.get_mut("briefing").and_then(|b| b.get_mut("title"))
    {
        let decor = item.as_value().map(|v| v.decor().clone());
        *item = value(title);
        if let (Some(decor), Some(v)) = (decor, item.as_value_mut()) {
            *v.decor_mut() = decor;
        }
    }
    if let Some((year, month, day)) = date
        && let Ok(year) = u16::try_from(year)
        && let Some(item) = doc.get_mut("briefing").and_then(|b| b.get_mut("date"))
    {
        let decor = item.as_value().map(|v| v.decor().clone());
        *item = value(toml_edit::Datetime {
            date: Some(toml_edit::Date { year, month, day }),
            time: None,
            offset: None,
        });
        if let (Some(decor), Some(v)) = (decor, item.as_value_mut()) {
            *v.decor_mut() = decor;
        }
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_clean_briefing_with_every_block_kind() {
        let text = template(Some("Quarterly \"Review\" \u{1b}[31m"), Some((2026, 2, 3)));
        let b = crate::content::parse("new.toml", &text).unwrap();
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
        assert_eq!(b.title, "Quarterly \"Review\" ␛[31m");
        assert_eq!(b.date_text(), "2026-02-03");
        assert!(text.contains("# The headline (required).\ntitle = "));
        let kinds: Vec<&str> = b.sections[1]
            .blocks()
            .map(|block| match block {
                crate::content::BlockRef::Paragraph(_) => "p",
                crate::content::BlockRef::List(_) => "list",
                crate::content::BlockRef::Quote(_) => "quote",
            })
            .collect();
        assert_eq!(kinds, ["p", "list", "p", "list", "quote"]);
        assert_eq!(b.takeaways[0].section, Some(1));
        assert_eq!(b.keywords.len(), 3);
    }
}
