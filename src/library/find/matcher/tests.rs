use proptest::prelude::*;

use super::*;

fn mask(terms: &str, text: &str) -> u64 {
    Matcher::new(&Query::parse(terms)).mask(text, &mut String::new())
}

#[test]
fn only_the_kelvin_sign_and_dotted_capital_i_lower_case_to_ascii_from_elsewhere() {
    let odd: Vec<char> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
        .collect();
    assert_eq!(odd, vec![DOTTED_CAPITAL_I, KELVIN]);
}

#[test]
fn only_dotted_capital_i_lower_cases_to_more_than_one_character() {
    let long: Vec<char> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|c| c.to_lowercase().count() > 1)
        .collect();
    assert_eq!(long, vec![DOTTED_CAPITAL_I]);
}

#[test]
fn nothing_past_the_last_cased_character_changes_when_lower_cased() {
    let changed = (LAST_CASED + 1..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .find(|&c| !lower_is(c, c));
    assert_eq!(changed, None);
}

#[test]
fn spellings_are_every_character_that_lower_cases_to_one() {
    assert_eq!(spellings_of('a'), vec!['a', 'A']);
    assert_eq!(spellings_of('k'), vec!['k', 'K', KELVIN]);
    assert_eq!(spellings_of('ß'), vec!['ß', 'ẞ']);
    assert_eq!(spellings_of('東'), vec!['東']);
    assert!(spellings_of('A').is_empty());
}

#[test]
fn a_window_keeps_to_the_spelling_limit_and_takes_the_most_bytes() {
    let term = "damascus’s";
    let chars: Vec<Vec<char>> = term.chars().map(spellings_of).collect();
    let window = widest_window(term, &chars).unwrap();
    let patterns = spellings(&chars[window.clone()]);
    assert!(patterns.len() <= MAX_SPELLINGS);
    // Six letters and the apostrophe: 64 spellings of nine bytes.
    assert_eq!(patterns.len(), 64);
    assert_eq!(patterns[0], "mascus’");
    let whole = |t: &str| {
        let chars: Vec<Vec<char>> = t.chars().map(spellings_of).collect();
        widest_window(t, &chars) == Some(0..chars.len())
    };
    assert!(whole("москва"));
    assert!(whole("東京"));
    assert!(whole("straße"));
}

#[test]
fn terms_that_are_not_ascii_are_found_in_every_case() {
    assert_eq!(mask("москва", "В МОСКВЕ и Москва"), 1);
    assert_eq!(mask("москва", "В Москве"), 0);
    assert_eq!(mask("straße", "DIE STRAẞE"), 1);
    assert_eq!(mask("straße", "DIE STRASSE"), 0);
    assert_eq!(mask("東京 tokyo", "東京 (TOKYO)"), 0b11);
    assert_eq!(mask("東京", "tokyo only"), 0);
    assert_eq!(mask("damascus’s", "DAMASCUS’S streets"), 1);
}

#[test]
fn the_kelvin_sign_and_dotted_capital_i_are_folded_like_everything_else() {
    // K (Kelvin) lower-cases to k, İ to i and a combining dot.
    assert_eq!(mask("kiev", "\u{212A}IEV"), 1);
    assert_eq!(
        mask("istanbul", "İSTANBUL"),
        0,
        "the i of İ is not a whole character"
    );
    assert_eq!(mask("i\u{307}stanbul", "İSTANBUL"), 1);
    assert_eq!(mask("İstanbul", "İSTANBUL and k"), 1);
}

/// The mask of `query` for `text` as the matcher finds it and as the in-article search does.
fn both(query: &str, text: &str) -> (u64, u64) {
    let query = Query::parse(query);
    let found = Matcher::new(&query).mask(text, &mut String::new());
    let reference = query
        .terms()
        .iter()
        .enumerate()
        .filter(|(_, t)| !find_all(text, t).is_empty())
        .fold(0, |m, (i, _)| m | bit(i));
    (found, reference)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The masks are exactly what the in-article search finds, for texts and terms made of
    /// the characters where lower-casing is unusual, and for any text.
    #[test]
    fn masks_agree_with_the_in_article_search(
        unusual in "[aAkKsSiIıİßẞσςΣмМоО東’e\u{301}\u{307}\u{212A} ]{0,24}",
        unusual_query in "[akKsSiIİıßẞσΣмМоО東’e\u{301}\u{307}\u{212A} ]{1,8}",
        any in "\\PC{0,40}",
        any_query in "\\PC{1,6}( \\PC{1,4})?",
    ) {
        let (found, reference) = both(&unusual_query, &unusual);
        prop_assert_eq!(found, reference);
        let (found, reference) = both(&any_query, &any);
        prop_assert_eq!(found, reference);
    }
}
