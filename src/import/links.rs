//! Which section supports each takeaway, chosen by the words they share (docs/import.md,
//! "Linking takeaways"): stop words dropped, words cut to a rough stem, each shared word
//! weighted by how rare it is among the sections (inverse document frequency) and doubled when
//! it is in the section's heading. The lead section, which sums up the whole article, is chosen
//! only when no headed section shares a word.

use std::collections::{HashMap, HashSet};

use super::draft::{DraftSection, DraftTakeaway, Guess};
use super::words::content_words;
use crate::content::Block;

/// One section's words: those of its heading, and all of them (heading and body).
struct SectionWords {
    heading: HashSet<String>,
    all: HashSet<String>,
}

/// The section each takeaway links to (an index into `sections`, or `None` when no section
/// shares a word with it), and a guess naming each choice and the words behind it. `ids` are
/// the sections' ids, for the messages.
pub(super) fn choose(
    takeaways: &[DraftTakeaway],
    sections: &[DraftSection],
    ids: &[String],
) -> (Vec<Option<usize>>, Vec<Guess>) {
    let words: Vec<SectionWords> = sections.iter().map(section_words).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for w in &words {
        for word in &w.all {
            *df.entry(word.as_str()).or_default() += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)] // section counts are far below 2^52
    let n = sections.len() as f64;
    #[allow(clippy::cast_precision_loss)]
    let idf = |word: &str| (1.0 + n / df.get(word).copied().unwrap_or(1) as f64).ln();
    let mut links = Vec::with_capacity(takeaways.len());
    let mut guesses = Vec::new();
    for (number, takeaway) in takeaways.iter().enumerate() {
        let mine: HashSet<String> = content_words(&takeaway.text).into_iter().collect();
        let score = |w: &SectionWords| -> f64 {
            mine.iter()
                .filter(|word| w.all.contains(*word))
                .map(|word| idf(word) * if w.heading.contains(word) { 2.0 } else { 1.0 })
                .sum()
        };
        let best = |lead: bool| {
            sections
                .iter()
                .zip(&words)
                .enumerate()
                .filter(|(_, (s, _))| s.heading.is_some() != lead)
                .map(|(i, (_, w))| (i, score(w)))
                .filter(|(_, s)| *s > 0.0)
                // The first of equal scores: the earlier section.
                .fold(None, |best: Option<(usize, f64)>, (i, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((i, s)),
                })
        };
        let chosen = best(false).or_else(|| best(true)).map(|(i, _)| i);
        if let Some(i) = chosen {
            let shared = shared_words(&takeaway.text, &words[i].all);
            let id = ids.get(i).map_or("", String::as_str);
            guesses.push(Guess {
                at: takeaway.at,
                message: format!(
                    "takeaway {} linked to section `{id}` (shared words: {})",
                    number + 1,
                    shared.join(", ")
                ),
            });
        } else {
            guesses.push(Guess {
                at: takeaway.at,
                message: format!(
                    "takeaway {} left unlinked: no section shares a word with it",
                    number + 1
                ),
            });
        }
        links.push(chosen);
    }
    (links, guesses)
}

fn section_words(section: &DraftSection) -> SectionWords {
    let heading: HashSet<String> = section
        .heading
        .as_deref()
        .map(content_words)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut all = heading.clone();
    for block in &section.blocks {
        match block {
            Block::Paragraph(t) => all.extend(content_words(t)),
            Block::List(items) => {
                for item in items {
                    all.extend(content_words(&item.text));
                }
            }
            Block::Quote(lines) => {
                for line in lines {
                    all.extend(content_words(line));
                }
            }
        }
    }
    SectionWords { heading, all }
}

/// The words of `text` (as written, once each, in order) whose stems are in `stems`.
fn shared_words(text: &str, stems: &HashSet<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            content_words(w)
                .first()
                .is_some_and(|stem| stems.contains(stem))
        })
        .filter(|w| seen.insert(w.to_lowercase()))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(heading: Option<&str>, body: &str) -> DraftSection {
        DraftSection {
            heading: heading.map(str::to_owned),
            blocks: vec![Block::Paragraph(body.to_owned())],
        }
    }

    fn takeaway(text: &str) -> DraftTakeaway {
        DraftTakeaway {
            text: text.to_owned(),
            at: None,
        }
    }

    #[test]
    fn rare_shared_words_choose_the_section() {
        let sections = [
            section(None, "Rain fell on the city and the river rose."),
            section(Some("Floods"), "The river flooded twelve streets."),
            section(Some("Schools"), "Schools in the city closed for the day."),
        ];
        let ids = ["lead".to_owned(), "floods".to_owned(), "schools".to_owned()];
        let (links, guesses) = choose(
            &[
                takeaway("Twelve streets flooded."),
                takeaway("City schools closed."),
                takeaway("Nothing in common."),
            ],
            &sections,
            &ids,
        );
        assert_eq!(links, vec![Some(1), Some(2), None]);
        assert_eq!(
            guesses[0].message,
            "takeaway 1 linked to section `floods` (shared words: Twelve, streets, flooded)"
        );
        assert!(guesses[2].message.contains("unlinked"));
    }

    #[test]
    fn the_lead_is_chosen_only_when_no_headed_section_matches() {
        let sections = [
            section(None, "Rain fell on the city."),
            section(Some("Later"), "Nothing else."),
        ];
        let ids = ["lead".to_owned(), "later".to_owned()];
        let (links, _) = choose(&[takeaway("Rain fell.")], &sections, &ids);
        assert_eq!(links, vec![Some(0)]);
    }
}
