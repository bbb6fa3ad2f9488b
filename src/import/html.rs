//! Saved web pages: the article is found by `dom_smoothie` (a port of Mozilla's Readability,
//! which drops navigation, ads, comments and footers), written as Markdown by the same crate,
//! then read as Markdown. The page's metadata gives the title, the date (its published time),
//! the author and the source when the article's text does not.

use dom_smoothie::{Config, Readability, TextMode};

use super::dates;
use super::draft::Draft;
use super::markdown;

/// Reads a saved web page into a draft.
///
/// # Errors
/// A message when the page holds no article the extractor can find.
pub(super) fn read(html: &str) -> Result<Draft, String> {
    let config = Config {
        text_mode: TextMode::Markdown,
        ..Config::default()
    };
    // The extractor is third-party code over hostile input: a panic in it is one failed
    // import, not a crash.
    let article = std::panic::catch_unwind(|| {
        Readability::new(html, None, Some(config)).and_then(|mut r| r.parse())
    })
    .map_err(|_| "the page could not be read (the article extractor failed)".to_owned())?
    .map_err(|e| format!("no article found in the page ({e})"))?;
    let text = article.text_content.to_string();
    if text.trim().is_empty() {
        return Err("no article found in the page (it holds no text)".to_owned());
    }
    let title = Some(article.title.trim()).filter(|t| !t.is_empty());
    let mut draft = markdown::read(&text, title);
    draft.guess(
        None,
        format!(
            "the article ({} characters) was taken from the page; navigation and the like were left out",
            text.chars().count()
        ),
    );
    if let Some(found) = article.published_time.as_deref().and_then(dates::find) {
        draft
            .guesses
            .retain(|g| !g.message.starts_with("date ") && !g.message.starts_with("no date"));
        let (y, m, d) = found.date;
        draft.guess(
            None,
            format!("date {y:04}-{m:02}-{d:02} taken from the page's published time"),
        );
        draft.date = Some(found.date);
    }
    if let Some(byline) = article
        .byline
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let byline = byline.strip_prefix("By ").unwrap_or(byline);
        drop_byline(&mut draft, byline);
        if draft.authors.is_empty() {
            draft.authors = vec![byline.to_owned()];
        }
    }
    if draft.source.is_none() {
        draft.source = article
            .url
            .clone()
            .or_else(|| article.site_name.clone())
            .filter(|s| !s.trim().is_empty());
    }
    Ok(draft)
}

/// Leaves out a first paragraph that only repeats the byline (`By Sam Writer`): the authors
/// field says it.
fn drop_byline(draft: &mut Draft, byline: &str) {
    let Some(section) = draft.sections.first_mut() else {
        return;
    };
    let Some(crate::content::Block::Paragraph(first)) = section.blocks.first() else {
        return;
    };
    let first = first.trim().to_owned();
    let name = first.strip_prefix("By ").unwrap_or(&first);
    if name.eq_ignore_ascii_case(byline) {
        section.blocks.remove(0);
        draft.guess(None, format!("the byline \"{first}\" made the authors"));
    }
}
