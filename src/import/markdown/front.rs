//! Front matter: a YAML block between `---` lines or a TOML block between `+++` lines at the
//! very start of a Markdown file, read for `title`, `date`, `dateline`, `tags`, `source`,
//! `authors` and `summary` (docs/import.md lists the other names each key may have). Only the
//! start of the file counts: a `---` further down is a thematic break, never metadata.

use std::collections::BTreeMap;

/// A value of a front matter key, reduced to what a briefing holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontValue {
    /// A string, a number, a boolean, or a date written as text.
    Text(String),
    /// A list of such values.
    List(Vec<String>),
}

/// Front matter found at the start of a file.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Keys (lower case) and their values.
    pub fields: BTreeMap<String, FrontValue>,
    /// Why the block could not be read, if it could not.
    pub problem: Option<String>,
    /// Byte offset where the Markdown after the block starts.
    pub body_start: usize,
}

impl FrontMatter {
    /// The text of the first of `keys` present, a list joined with `, `.
    pub fn text(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.fields.get(*k))
            .map(|v| match v {
                FrontValue::Text(t) => t.clone(),
                FrontValue::List(l) => l.join(", "),
            })
            .filter(|t| !t.trim().is_empty())
    }

    /// The list of the first of `keys` present; a text is split at commas.
    pub fn list(&self, keys: &[&str]) -> Vec<String> {
        match keys.iter().find_map(|k| self.fields.get(*k)) {
            Some(FrontValue::List(l)) => l.clone(),
            Some(FrontValue::Text(t)) => t.split(',').map(|s| s.trim().to_owned()).collect(),
            None => Vec::new(),
        }
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
    }
}

/// The delimiter and the block's text, if `text` starts with front matter: a line of exactly
/// `---` (YAML) or `+++` (TOML), then lines up to a closing `---` or `...` (YAML) or `+++`.
fn block(text: &str) -> Option<(char, &str, usize)> {
    let text_start = usize::from(text.starts_with('\u{feff}')) * 3;
    let rest = text.get(text_start..)?;
    let (first, mut at) = match rest.split_once('\n') {
        Some((first, _)) => (first.trim_end(), first.len() + 1),
        None => return None,
    };
    let delimiter = match first {
        "---" => '-',
        "+++" => '+',
        _ => return None,
    };
    let content_start = at;
    while at < rest.len() {
        let line_end = rest
            .get(at..)
            .and_then(|r| r.find('\n'))
            .map_or(rest.len(), |i| at + i);
        let line = rest.get(at..line_end).unwrap_or_default().trim_end();
        let closes = match delimiter {
            '-' => line == "---" || line == "...",
            _ => line == "+++",
        };
        if closes {
            let content = rest.get(content_start..at).unwrap_or_default();
            let end = (line_end + 1).min(rest.len());
            return Some((delimiter, content, text_start + end));
        }
        at = line_end + 1;
    }
    None
}

/// Whether `text` starts with a front matter block.
pub fn present(text: &str) -> bool {
    block(text).is_some()
}

/// Reads the front matter at the start of `text`; an empty [`FrontMatter`] with
/// `body_start` 0 when there is none.
pub fn read(text: &str) -> FrontMatter {
    let Some((delimiter, content, body_start)) = block(text) else {
        return FrontMatter::default();
    };
    let mut front = FrontMatter {
        body_start,
        ..FrontMatter::default()
    };
    // Cleaned first, as every string from a file is: a control character in a value would
    // otherwise make the whole block unreadable, and its fields lost.
    let content = crate::content::sanitize::keeping_tabs(content);
    let parsed = if delimiter == '-' {
        yaml(&content)
    } else {
        toml_fields(&content)
    };
    match parsed {
        Ok(fields) => front.fields = fields,
        Err(why) => front.problem = Some(why),
    }
    front
}

fn yaml(content: &str) -> Result<BTreeMap<String, FrontValue>, String> {
    use serde_norway::Value;
    if content.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let value: Value = serde_norway::from_str(content)
        .map_err(|e| format!("the YAML front matter cannot be read ({e})"))?;
    let Value::Mapping(map) = value else {
        return Err("the YAML front matter is not a mapping of keys to values".to_owned());
    };
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => match &t.value {
            Value::String(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    };
    let mut fields = BTreeMap::new();
    for (key, value) in &map {
        let Some(key) = scalar(key) else { continue };
        let value = match value {
            Value::Sequence(items) => FrontValue::List(items.iter().filter_map(scalar).collect()),
            other => match scalar(other) {
                Some(text) => FrontValue::Text(text),
                None => continue,
            },
        };
        fields.insert(key.to_lowercase(), value);
    }
    Ok(fields)
}

fn toml_fields(content: &str) -> Result<BTreeMap<String, FrontValue>, String> {
    use toml::Value;
    let table: toml::Table = content.parse().map_err(|e: toml::de::Error| {
        format!("the TOML front matter cannot be read ({})", e.message())
    })?;
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Boolean(b) => Some(b.to_string()),
        Value::Datetime(d) => Some(d.to_string()),
        Value::Array(_) | Value::Table(_) => None,
    };
    let mut fields = BTreeMap::new();
    for (key, value) in &table {
        let value = match value {
            Value::Array(items) => FrontValue::List(items.iter().filter_map(scalar).collect()),
            other => match scalar(other) {
                Some(text) => FrontValue::Text(text),
                None => continue,
            },
        };
        fields.insert(key.to_lowercase(), value);
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_gives_its_fields() {
        let text = "---\ntitle: \"A: B\"\ndate: 2025-11-10\ntags: [one, two]\n---\n# Body\n";
        let front = read(text);
        assert_eq!(front.problem, None);
        assert_eq!(front.text(&["title"]).as_deref(), Some("A: B"));
        assert_eq!(front.text(&["date"]).as_deref(), Some("2025-11-10"));
        assert_eq!(front.list(&["tags"]), vec!["one", "two"]);
        assert_eq!(text.get(front.body_start..), Some("# Body\n"));
    }

    #[test]
    fn toml_front_matter_gives_its_fields() {
        let text = "+++\ntitle = \"T\"\ndate = 2025-11-10\ntags = \"a, b\"\n+++\nText";
        let front = read(text);
        assert_eq!(front.text(&["date"]).as_deref(), Some("2025-11-10"));
        assert_eq!(front.list(&["tags"]), vec!["a", "b"]);
        assert_eq!(text.get(front.body_start..), Some("Text"));
    }

    #[test]
    fn a_broken_block_is_a_problem_and_a_rule_is_not_front_matter() {
        assert!(read("---\ntitle: [unclosed\n---\n").problem.is_some());
        assert_eq!(read("Text\n\n---\n\nMore\n---\n").body_start, 0);
        assert_eq!(read("---\nno end").body_start, 0);
    }
}
