//! From TOML text to a validated [`Briefing`]: walks the document once, checking every key and
//! type, and reports every problem with its position (see docs/format.md for the rules).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::DeValue;

use super::body;
use super::model::{
    BriefDate, Briefing, BriefingId, CompactString, Keywords, Section, SectionLines, SourceLines,
    Takeaway,
};
use crate::content::diagnostic::{Diagnostic, Gap};
use crate::content::schema::{Reader, Table, Value, quote};

/// The only format version this build reads.
pub const FORMAT_VERSION: i64 = 1;

const TOP_KEYS: &[&str] = &["format", "briefing", "keywords", "sections", "takeaways"];
const BRIEFING_KEYS: &[&str] = &[
    "id", "title", "dateline", "date", "source", "authors", "tags", "summary",
];
const SECTION_KEYS: &[&str] = &["id", "heading", "body"];
const TAKEAWAY_KEYS: &[&str] = &["text", "section"];

/// Parses and validates one briefing. `origin` names the file in messages and in the model.
///
/// A briefing that loads carries its warnings in [`Briefing::warnings`]; `Err` holds every
/// problem found, errors and warnings, in document order (docs/format.md says which is which).
///
/// A long file (from [`OPENING_FROM`](super::OPENING_FROM) bytes) is parsed in pieces when it
/// can be (`content::pieces`): the same briefing, without the TOML parser's tokens for the
/// whole file at once.
pub fn parse(origin: &str, source: &str) -> Result<Briefing, Vec<Diagnostic>> {
    if let Some(briefing) = super::pieces::parse(origin, source) {
        return Ok(briefing);
    }
    parse_as(origin, source, Part::Whole)
}

/// How much of a file a parse sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// The whole file: every check applies.
    Whole,
    /// Its opening (see [`super::opening`]), with the lines it leaves out: a takeaway may
    /// point at a section left out, and is then read as pointing at none.
    Opening(Vec<Gap>),
    /// Its opening, with the sections it leaves out already read (see [`super::pieces`]):
    /// they follow its own, and every check applies.
    Frame(Vec<Gap>, Rest),
}

/// Sections read from the pieces of a file, in file order, with their lines; what [`build`]
/// adds after the sections of the text it reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Rest {
    pub sections: Vec<Section>,
    pub lines: Vec<SectionLines>,
}

/// [`parse`] of the whole file or of its opening.
pub(super) fn parse_as(
    origin: &str,
    source: &str,
    part: Part,
) -> Result<Briefing, Vec<Diagnostic>> {
    let (mut reader, whole, rest) = match part {
        Part::Whole => (Reader::new(origin, source), true, Rest::default()),
        Part::Opening(gaps) => (Reader::cut(origin, source, gaps), false, Rest::default()),
        Part::Frame(gaps, rest) => (Reader::cut(origin, source, gaps), true, rest),
    };
    if source.trim().is_empty() {
        reader.error(
            0..0,
            "the file is empty: a briefing needs a [briefing] table and [[sections]]",
        );
        return Err(reader.finish());
    }
    let Some(document) = reader.parse(source) else {
        return Err(reader.finish());
    };
    if super::opening::cut_inside_a_value(document.get_ref(), reader.gaps()) {
        // Never shown: the opening is then not drawn, and the file is parsed at once.
        reader.error(
            0..0,
            "the file was cut inside a value, at a line that looks like a table header",
        );
        return Err(reader.finish());
    }
    let briefing = build(&mut reader, origin, document.get_ref(), whole, rest);
    match briefing {
        Some(mut briefing) if !reader.has_errors() => {
            briefing.warnings = reader.finish();
            briefing.shrink_to_fit();
            Ok(briefing)
        }
        _ => Err(reader.finish()),
    }
}

/// Header fields of `[briefing]`.
#[derive(Default)]
struct Header {
    /// An `id` as written, if well formed, and where its value is.
    id: Option<(BriefingId, Range<usize>)>,
    /// Where the title's value is.
    title_span: Option<Range<usize>>,
    title: Option<String>,
    dateline: Option<CompactString>,
    date: Option<BriefDate>,
    source: Option<String>,
    authors: Vec<String>,
    tags: Vec<CompactString>,
    summary: Option<String>,
    /// Where the summary's value is.
    summary_span: Option<Range<usize>>,
}

// Over 40 lines as one function: the top-level table checked key by key in document order, so that
// problems come out in file order.
fn build(
    r: &mut Reader<'_>,
    origin: &str,
    doc: &Table<'_>,
    whole: bool,
    rest: Rest,
) -> Option<Briefing> {
    // Unknown keys are ignored with a warning: a reader still wants the rest of the file.
    r.demoted(|r| r.only_keys(doc, "the top level", TOP_KEYS));
    if let Some(format) = doc.get("format") {
        check_format(r, format);
    }
    let header = if let Some(value) = doc.get("briefing") {
        r.table(value, "[briefing]")
            .map(|t| header(r, t, value.span()))
    } else {
        r.error(0..0, "missing table [briefing] (it holds the title)");
        None
    };
    let keywords = doc
        .get("keywords")
        .map(|v| r.demoted(|r| keywords(r, v)))
        .unwrap_or_default();
    let mut section_lines = Vec::new();
    let mut sections = if let Some(value) = doc.get("sections") {
        sections(r, value, &mut section_lines, 0)
    } else {
        r.error(
            0..0,
            "missing [[sections]]: a briefing needs at least one section",
        );
        Vec::new()
    };
    // Sections read from pieces have their spans in their piece: no check here reads them.
    sections.extend(rest.sections.into_iter().map(|s| (s, 0..0)));
    section_lines.extend(rest.lines);
    let mut takeaway_lines = Vec::new();
    let takeaways = doc
        .get("takeaways")
        .map(|v| r.demoted(|r| takeaways(r, v, &sections, &mut takeaway_lines, whole)))
        .unwrap_or_default();
    let Header {
        id,
        title_span,
        title,
        dateline,
        date,
        source,
        authors,
        tags,
        summary,
        summary_span,
    } = header?;
    let lines = SourceLines::new(
        title_span.as_ref().map_or(0, |s| r.line(s.start)),
        summary_span.map_or(0, |s| r.line(s.start)),
        &section_lines,
        &takeaway_lines,
    );
    let title = title.unwrap_or_default();
    let (id, id_span) = match id {
        Some((id, span)) => (id, Some(span)),
        None => (BriefingId::derived(&title, date.as_ref()), title_span),
    };
    (!sections.is_empty()).then(|| Briefing {
        origin: origin.to_owned(),
        key: origin.to_owned(),
        id,
        id_at: id_span.map(|s| r.position(s.start)),
        title,
        dateline,
        date,
        source,
        authors,
        tags,
        summary,
        keywords,
        sections: sections.into_iter().map(|(section, _)| section).collect(),
        takeaways,
        warnings: Vec::new(),
        imported: None,
        lines,
    })
}

/// A well-formed `id`, or a warning (the derived id is used instead).
fn explicit_id(r: &mut Reader<'_>, value: &Value<'_>) -> Option<(BriefingId, Range<usize>)> {
    let text = r.string(value, "`id`", false)?;
    match BriefingId::explicit(&text) {
        Ok(id) => Some((id, value.span())),
        Err(why) => {
            r.error(
                value.span(),
                format!("{why}; the id derived from the title and date is used"),
            );
            None
        }
    }
}

fn check_format(r: &mut Reader<'_>, value: &Value<'_>) {
    match value.get_ref() {
        DeValue::Integer(int) => {
            let version = i64::from_str_radix(int.as_str(), int.radix()).ok();
            if version != Some(FORMAT_VERSION) {
                r.error(
                    value.span(),
                    format!(
                        "unsupported format version {}: this brief reads format {FORMAT_VERSION}",
                        quote(int.as_str())
                    ),
                );
            }
        }
        other => r.wrong_type(value.span(), "`format`", "an integer", other),
    }
}

fn header(r: &mut Reader<'_>, table: &Table<'_>, span: Range<usize>) -> Header {
    r.demoted(|r| r.only_keys(table, "[briefing]", BRIEFING_KEYS));
    let mut h = Header::default();
    for (key, value) in table {
        // Only the title is needed to show a briefing; any other field that is wrong is left
        // out with a warning.
        match key.get_ref().as_ref() {
            "id" => h.id = r.demoted(|r| explicit_id(r, value)),
            "title" => {
                h.title = r.nonempty_line(value, "`title`");
                h.title_span = Some(value.span());
            }
            "dateline" => {
                h.dateline = r
                    .demoted(|r| r.nonempty_line(value, "`dateline`"))
                    .map(Into::into);
            }
            "date" => h.date = r.demoted(|r| date(r, value)),
            "source" => h.source = r.demoted(|r| r.nonempty_line(value, "`source`")),
            "authors" => h.authors = r.demoted(|r| r.string_list(value, "`authors`")),
            "tags" => {
                h.tags = r
                    .demoted(|r| r.string_list(value, "`tags`"))
                    .into_iter()
                    .map(Into::into)
                    .collect();
            }
            "summary" => {
                h.summary = r
                    .demoted(|r| r.string(value, "`summary`", true))
                    .map(|s| join_lines(&s));
                h.summary_span = Some(value.span());
            }
            _ => {}
        }
    }
    if !table.contains_key("title") {
        r.error(
            span,
            "missing key `title` in [briefing]: every briefing needs a title",
        );
    }
    h
}

fn date(r: &mut Reader<'_>, value: &Value<'_>) -> Option<BriefDate> {
    let DeValue::Datetime(dt) = value.get_ref() else {
        if let DeValue::String(text) = value.get_ref()
            && let Some(hint) = crate::content::schema::syntax::date_hint(text)
        {
            r.error(
                value.span(),
                format!("`date` must be a TOML date, not a string: {hint}"),
            );
            return None;
        }
        r.wrong_type(
            value.span(),
            "`date`",
            "a TOML date such as 2025-11-10",
            value.get_ref(),
        );
        return None;
    };
    let Some(day) = dt.date else {
        r.error(
            value.span(),
            "`date` must include a calendar date, such as 2025-11-10",
        );
        return None;
    };
    let time = dt.time.map(|t| (t.hour, t.minute));
    let (offset, utc) = match dt.offset {
        Some(toml::value::Offset::Z) => (Some(0), true),
        Some(toml::value::Offset::Custom { minutes }) => (Some(minutes), false),
        None => (None, false),
    };
    Some(BriefDate::new(
        (i32::from(day.year), day.month, day.day),
        time,
        offset,
        utc,
    ))
}

fn keywords(r: &mut Reader<'_>, value: &Value<'_>) -> Keywords {
    let Some(table) = r.table(value, "[keywords]") else {
        return Keywords::default();
    };
    let mut categories: Vec<(String, Vec<String>)> = Vec::new();
    for (key, terms) in table {
        let name = crate::content::sanitize::line(key.get_ref());
        if name.is_empty() {
            r.error(key.span(), "a keyword category needs a name");
            continue;
        }
        let what = format!("keyword category `{}`", quote(&name));
        let terms = r.string_list(terms, &what);
        if !terms.is_empty() {
            categories.push((name, terms));
        }
    }
    Keywords::new(categories)
}

// Over 40 lines as one function: each section's keys checked in file order, reporting every
// problem.
/// The sections of `value` (the `sections` array), each with the span of its id, their lines
/// added to `lines`. `first` is the index in the file of the first section of `value` (0 but for a piece, see
/// [`super::pieces`]): only the first section of the file may go without a heading, and a
/// section's default id may be its number.
pub(super) fn sections(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    lines: &mut Vec<SectionLines>,
    first: usize,
) -> Vec<(Section, Range<usize>)> {
    let items = r.array(value, "`sections`");
    if items.is_empty() && matches!(value.get_ref(), DeValue::Array(_)) {
        r.error(
            value.span(),
            "`sections` is empty: a briefing needs at least one section",
        );
    }
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (index, item) in (first..).zip(items) {
        let Some(table) = r.table(item, "each entry of [[sections]]") else {
            continue;
        };
        r.demoted(|r| r.only_keys(table, "[[sections]]", SECTION_KEYS));
        let heading = table
            .get("heading")
            .and_then(|v| r.nonempty_line(v, "`heading`"));
        if heading.is_none() && index > 0 && !table.contains_key("heading") {
            r.error(
                item.span(),
                "missing key `heading`: only the first (lead) section may go without one",
            );
        }
        // An unusable id only loses the section its link: it gets its default id instead.
        let given = table
            .get("id")
            .and_then(|v| Some((r.demoted(|r| r.nonempty_line(v, "`id`"))?, v.span())));
        let (id, id_span) =
            given.unwrap_or_else(|| (default_id(heading.as_deref(), index), item.span()));
        let body_value = table.get("body");
        let body = body_value.and_then(|v| r.string(v, "`body`", true));
        if let Some(first) = seen.get(&id) {
            // The section is still shown; links to the id go to the first section with it.
            let line = r_line(r, first.start);
            r.warn(
                id_span.clone(),
                format!(
                    "duplicate section id `{}` (first used on line {line}): takeaways that name it point at the first",
                    quote(&id)
                ),
            );
        } else {
            seen.insert(id.clone(), id_span.clone());
        }
        let (blocks, units) = body
            .as_deref()
            .map(body::parse_with_lines)
            .unwrap_or_default();
        let heading_at = table.get("heading").map_or(item.span(), Value::span);
        lines.push(SectionLines {
            heading: r.line(heading_at.start),
            units: body_value.map_or_else(Vec::new, |v| {
                let span = v.span();
                let lines = (r.line(span.start), r.line(span.end.saturating_sub(1)));
                body::file_lines(r.text_at(span), lines, &units)
            }),
        });
        out.push((Section::new(id, heading, blocks), id_span));
    }
    out
}

fn r_line(r: &Reader<'_>, offset: usize) -> usize {
    r.position(offset).0
}

// Over 40 lines as one function: each takeaway's keys checked in file order, reporting every
// problem.
fn takeaways(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    sections: &[(Section, Range<usize>)],
    lines: &mut Vec<u32>,
    whole: bool,
) -> Vec<Takeaway> {
    let mut out = Vec::new();
    for item in r.array(value, "`takeaways`") {
        let Some(table) = r.table(item, "each entry of [[takeaways]]") else {
            continue;
        };
        r.only_keys(table, "[[takeaways]]", TAKEAWAY_KEYS);
        // Called demoted (see `build`): every problem here is a warning.
        let text = if let Some(v) = table.get("text") {
            r.nonempty_line(v, "`text`")
        } else {
            r.error(item.span(), "missing key `text` in [[takeaways]]");
            None
        };
        let mut unresolved = None;
        let section = table.get("section").and_then(|v| {
            let id = r.nonempty_line(v, "`section`")?;
            let found = sections.iter().position(|(s, _)| s.id == id);
            if found.is_none() && whole {
                let hint = if let Some((s, _)) =
                    sections.iter().find(|(s, _)| s.heading() == Some(&id))
                {
                    format!("that is a heading: its id is `{}`", quote(&s.id))
                } else {
                    let mut known: Vec<&str> = Vec::new();
                    for (s, _) in sections {
                        if !known.contains(&s.id.as_str()) {
                            known.push(&s.id);
                        }
                    }
                    format!("known ids: {}", known.join(", "))
                };
                r.error(
                    v.span(),
                    format!(
                        "takeaway points at section `{}`, which does not exist ({hint}); it is shown unlinked",
                        quote(&id),
                    ),
                );
                unresolved = Some(id);
            }
            found
        });
        if let Some(text) = text {
            let at = table.get("text").map_or(item.span(), Value::span);
            lines.push(r.line(at.start));
            out.push(Takeaway {
                text: text.into(),
                section,
                unresolved: unresolved.map(Into::into),
            });
        }
    }
    out
}

/// The id a section gets when the file gives none: a slug of its heading, or `lead`.
pub fn default_id(heading: Option<&str>, index: usize) -> String {
    let Some(heading) = heading else {
        return if index == 0 {
            "lead".into()
        } else {
            format!("section-{}", index + 1)
        };
    };
    let mut slug = String::new();
    for ch in heading.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("section-{}", index + 1)
    } else {
        slug.to_owned()
    }
}

fn join_lines(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
