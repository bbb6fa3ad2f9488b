//! Words for comparing texts: lower-cased tokens without stop words, cut to a rough stem, so
//! that "suspends" and "suspension", "raids" and "raid" count as one word (docs/import.md,
//! "Linking takeaways"). Hand-written rather than a stemming crate: the links need only a
//! crude, predictable stem, and a dozen lines are easier to document than Porter's rules.

/// English words too common to say what a text is about.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "ago", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "ever",
    "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
    "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "last", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must",
    "my", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "out", "over", "own", "per", "said", "same", "say", "says", "she", "should",
    "since", "so", "some", "still", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "two", "under", "until",
    "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
];

/// Whether `word` (lower case) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The words of `text` that say what it is about: split at anything but letters and digits,
/// lower-cased, stop words and one-letter words dropped, each cut to its [`stem`]. `US` is
/// kept apart from the stop word `us` since it is written in capitals.
pub fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let lower = w.to_lowercase();
            if w.chars().count() < 2 {
                return None;
            }
            if is_stop_word(&lower) {
                // An acronym spelled like a stop word ("US", "IT") still names something.
                let acronym = w.chars().all(char::is_uppercase);
                return acronym.then(|| format!("{lower}!"));
            }
            Some(stem(&lower))
        })
        .collect()
}

/// A rough stem: a plural or verb ending taken off (`-ies`, `-es`, `-s`, `-ing`, `-ed`, `-ion`,
/// `-ly`), leaving at least three letters, then the first six characters. Crude on purpose:
/// it only has to make the forms of one word meet.
pub fn stem(word: &str) -> String {
    let mut w: &str = word;
    for suffix in ["ies", "ing", "ion", "ed", "es", "ly", "s"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !(suffix == "s" && base.ends_with('s'))
        {
            w = base;
            break;
        }
    }
    w.chars().take(6).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn forms_of_one_word_meet() {
        for (a, b) in [
            ("suspends", "suspension"),
            ("raids", "raid"),
            ("joining", "joins"),
            ("launches", "launch"),
            ("assassination", "assassinate"),
            ("plots", "plot"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("class"), stem("clas"));
    }

    #[test]
    fn content_words_drop_stop_words_but_keep_acronyms() {
        assert_eq!(
            content_words("Syria joins the US-led coalition, as one of us"),
            vec!["syria", "join", "us!", "led", "coalit"]
        );
    }
}
