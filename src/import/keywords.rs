//! Keyword suggestions (docs/import.md, "Keywords"): runs of capitalised words in the running
//! text (headings and the title are left out, being capitalised throughout) are names; a name
//! that recurs, or a person's name after a title, is sorted into people, places or
//! organisations by embedded lists and a few rules; names that fit none are left out. A
//! heuristic: it favours precision over recall, and the file says the terms were suggested.

mod lists;

use std::collections::{HashMap, HashSet};

use super::draft::{Draft, Guess};
use super::words::is_stop_word;
use crate::content::Block;

/// At most this many terms in a category.
const MOST: usize = 20;

/// Which category a name goes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Class {
    People,
    Places,
    Organizations,
}

/// One name found, with how often and whether a title stood before it.
#[derive(Default)]
struct Seen {
    count: usize,
    titled: bool,
    first: usize,
}

/// The suggested categories (`people`, `places`, `organizations`, those with terms), and a
/// guess saying how many terms were suggested and how many names were left out.
pub(super) fn suggest(draft: &Draft) -> (Vec<(&'static str, Vec<String>)>, Option<Guess>) {
    let texts = running_text(draft);
    let lower_words: HashSet<String> = texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(bare)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && !is_name_word(w))
        .map(str::to_lowercase)
        .collect();
    let mut seen: HashMap<String, Seen> = HashMap::new();
    let mut order = 0;
    for text in &texts {
        for (name, titled) in names(text, &lower_words) {
            let entry = seen.entry(name).or_insert_with(|| Seen {
                first: order,
                ..Seen::default()
            });
            entry.count += 1;
            entry.titled |= titled;
            order += 1;
        }
    }
    // A person's surname said alone is the same person (`al-Sharaa`, `Trump`).
    let people: Vec<String> = seen
        .iter()
        .filter(|(name, s)| classify(name, s) == Some(Class::People))
        .map(|(name, _)| name.clone())
        .collect();
    let mut classes: Vec<(Class, String, usize, usize)> = Vec::new();
    let mut left_out = 0;
    for (name, s) in &seen {
        let surname = people
            .iter()
            .any(|p| p != name && p.rsplit(' ').next() == Some(name.as_str()));
        let class = if surname {
            Some(Class::People)
        } else {
            classify(name, s)
        };
        let keep = s.count >= 2 || (s.titled && class == Some(Class::People)) || surname;
        match class {
            Some(class) if keep => classes.push((class, name.clone(), s.count, s.first)),
            _ if s.count >= 2 => left_out += 1,
            _ => {}
        }
    }
    // Most mentioned first, then in order of appearance.
    classes.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
    let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
    for (class, name, _, _) in classes {
        let key = match class {
            Class::People => "people",
            Class::Places => "places",
            Class::Organizations => "organizations",
        };
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, terms)) if terms.len() < MOST => terms.push(name),
            Some(_) => {}
            None => out.push((key, vec![name])),
        }
    }
    let count: usize = out.iter().map(|(_, t)| t.len()).sum();
    let guess = (count > 0 || left_out > 0).then(|| Guess {
        at: None,
        message: format!(
            "{} suggested from recurring names; {} fit no category and left out",
            crate::text::count(count, "keyword", "keywords"),
            crate::text::count(left_out, "recurring name", "recurring names"),
        ),
    });
    (out, guess)
}

/// The paragraphs, list items, quote lines and takeaways.
fn running_text(draft: &Draft) -> Vec<&str> {
    let mut out = Vec::new();
    for section in &draft.sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph(t) => out.push(t.as_str()),
                Block::List(items) => out.extend(items.iter().map(|i| i.text.as_str())),
                Block::Quote(lines) => out.extend(lines.iter().map(String::as_str)),
            }
        }
    }
    out.extend(draft.takeaways.iter().map(|t| t.text.as_str()));
    out
}

/// A word without the punctuation around it and without a possessive `'s`.
fn bare(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// Whether a word may be part of a name: capitalised, or an Arabic article joined to a
/// capitalised word (`al-Sharaa`).
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_uppercase) {
        return word.chars().count() >= 2 || word.ends_with('.');
    }
    ["al-", "el-", "ad-", "as-", "bin-", "ibn-", "abu-"]
        .iter()
        .any(|p| {
            word.strip_prefix(p)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
        })
}

/// Words allowed inside a name between capitalised words (`Ministry of Interior`).
const JOINERS: &[&str] = &["of", "de", "la", "bin", "ibn", "van", "von", "der", "da"];

/// The names in one text, each with whether a title stood before it. A name is a run of name
/// words (joiners allowed inside) not broken by punctuation; leading words that are stop words
/// or appear in lower case elsewhere in the text (sentence openers such as "Officials") are
/// dropped, and so is everything up to a title (`US President Donald Trump` → `Donald Trump`).
fn names(text: &str, lower_words: &HashSet<String>) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut finish = |run: &mut Vec<&str>| {
        while run.last().is_some_and(|w| JOINERS.contains(w)) {
            run.pop();
        }
        let mut titled = false;
        if let Some(last_title) = run.iter().rposition(|w| lists::TITLES.contains(w)) {
            run.drain(..=last_title);
            titled = true;
        }
        while run.first().is_some_and(|w| {
            let lower = w.to_lowercase();
            is_stop_word(&lower) || lower_words.contains(&lower) || JOINERS.contains(w)
        }) {
            run.remove(0);
        }
        if !run.is_empty() {
            out.push((run.join(" "), titled));
        }
        run.clear();
    };
    for raw in text.split_whitespace() {
        // An opening parenthesis or quote starts something new ("ISIL (ISIS)").
        if raw.starts_with(['(', '“', '"', '‘']) {
            finish(&mut run);
        }
        let word = bare(raw);
        let joins = JOINERS.contains(&word) && !run.is_empty();
        if is_name_word(word) || joins {
            run.push(word);
        } else {
            finish(&mut run);
        }
        // Punctuation after a word ends the name there ("Washington, D.C.").
        let ends = raw
            .trim_end_matches(['’', '\''])
            .ends_with([',', '.', ';', ':', '!', '?', ')', '”', '"']);
        if ends {
            finish(&mut run);
        }
    }
    finish(&mut run);
    out
}

/// The category of a name, if the lists and rules give one.
fn classify(name: &str, seen: &Seen) -> Option<Class> {
    let words: Vec<&str> = name.split(' ').collect();
    if lists::PLACES.contains(&name) {
        return Some(Class::Places);
    }
    let acronym = (2..=6).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && name.chars().any(|c| c.is_ascii_uppercase());
    if acronym || words.iter().any(|w| lists::ORGANISATION_WORDS.contains(w)) {
        return Some(Class::Organizations);
    }
    let first_name = words
        .first()
        .is_some_and(|w| lists::FIRST_NAMES.contains(w));
    let arabic = words.iter().any(|w| w.contains('-') && w.len() > 4);
    if (words.len() >= 2 && (first_name || seen.titled)) || (seen.titled && arabic) {
        return Some(Class::People);
    }
    (seen.titled && words.len() == 1).then_some(Class::People)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(text: &str) -> Vec<(String, bool)> {
        let lower: HashSet<String> = ["officials".to_owned()].into();
        names(text, &lower)
    }

    #[test]
    fn names_lose_titles_openers_and_possessives() {
        assert_eq!(
            names_of("Officials said US President Donald Trump met Syria’s leader."),
            vec![
                ("Donald Trump".to_owned(), true),
                ("Syria".to_owned(), false)
            ]
        );
        assert_eq!(
            names_of("the Ministry of Interior and President al-Sharaa’s convoy"),
            vec![
                ("Ministry of Interior".to_owned(), false),
                ("al-Sharaa".to_owned(), true)
            ]
        );
    }

    #[test]
    fn classes_come_from_lists_and_rules() {
        let plain = Seen::default();
        let titled = Seen {
            titled: true,
            ..Seen::default()
        };
        assert_eq!(classify("Damascus", &plain), Some(Class::Places));
        assert_eq!(classify("Middle East", &plain), Some(Class::Places));
        assert_eq!(classify("ISIL", &plain), Some(Class::Organizations));
        assert_eq!(
            classify("Ministry of Interior", &plain),
            Some(Class::Organizations)
        );
        assert_eq!(classify("Ahmed al-Sharaa", &plain), Some(Class::People));
        assert_eq!(classify("Hamza al-Mustafa", &titled), Some(Class::People));
        assert_eq!(classify("White House", &plain), None);
    }
}
