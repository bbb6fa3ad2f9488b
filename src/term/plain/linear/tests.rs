use super::*;
use crate::library::{LoadOptions, load_paths};

fn bundled() -> Linear {
    let library = load_paths(&["content".into()], LoadOptions::default());
    Linear::new(library, Keymap::default())
}

fn press(linear: &mut Linear, name: &str) -> Reply {
    linear.key(Key::parse(name).expect("a key name"))
}

/// Nothing but text and line endings: no escape, no other control, no box drawing.
fn assert_plain(text: &str) {
    for c in text.chars() {
        assert!(c == '\n' || !c.is_control(), "control {c:?} in {text:?}");
        assert!(
            !('\u{2500}'..='\u{257f}').contains(&c),
            "box drawing {c:?} in {text:?}"
        );
    }
}

#[test]
fn the_start_names_the_briefing_and_the_keys() {
    let linear = bundled();
    let start = linear.start();
    assert_plain(&start);
    assert!(start.starts_with(
        "\nBriefing 1 of 2: Historic Move: Syria Joins Global Coalition Against ISIL\n"
    ));
    assert!(start.contains("Washington, D.C. · 2025-11-10\n"));
    assert!(start.contains("8 sections, 5 takeaways.\n"));
    assert!(start.contains("Keys: space or ] next section, [ previous, 1 to 9 a takeaway"));
}

#[test]
fn next_and_previous_walk_the_sections_with_each_heading_announced() {
    let mut linear = bundled();
    let first = press(&mut linear, "space").text;
    assert!(first.starts_with("\nSection 1 of 8: Introduction\nIn a landmark development"));
    assert_plain(&first);
    let second = press(&mut linear, "]").text;
    assert!(
        second
            .starts_with("\nSection 2 of 8: Cooperation Agreement Without Military Involvement\n")
    );
    // Each paragraph is one line: the terminal wraps, a braille display pans.
    let paragraphs = second.lines().filter(|l| !l.is_empty()).count();
    assert!(paragraphs >= 3, "{second}");
    assert!(press(&mut linear, "[").text.contains("Section 1 of 8"));
    assert!(
        press(&mut linear, "k").text.contains("Briefing 1 of 2"),
        "back to the header"
    );
    assert!(press(&mut linear, "G").text.contains("Section 8 of 8"));
    assert_eq!(press(&mut linear, "j").text, "End of the briefing.\n");
    assert!(press(&mut linear, "g").text.contains("Briefing 1 of 2"));
}

#[test]
fn a_takeaway_prints_itself_then_its_section() {
    let mut linear = bundled();
    let reply = press(&mut linear, "2").text;
    assert!(reply.starts_with(
        "Takeaway 2 of 5: President Ahmed al-Sharaa meets US President Donald Trump in Washington.\n\nSection 3 of 8: "
    ), "{reply}");
    // The next section follows the takeaway's.
    assert!(press(&mut linear, "]").text.contains("Section 4 of 8"));
    assert_eq!(
        press(&mut linear, "9").text,
        "No takeaway 9: this briefing has 5.\n"
    );
    let all = press(&mut linear, "t").text;
    assert!(all.starts_with("Key takeaways:\n1. "));
    assert_eq!(all.lines().count(), 6);
}

#[test]
fn lists_and_quotes_keep_their_shape_in_words() {
    let mut library = crate::library::Library::default();
    library.push(Ok(crate::content::parse(
        "t.toml",
        "[briefing]\ntitle = \"T\"\n[[sections]]\nheading = \"H\"\nbody = \"\"\"\n- one\n  - inner\n- two\n\n1. first\n2. second\n\n> said\n\"\"\"\n",
    )
    .expect("valid")));
    let mut linear = Linear::new(library, Keymap::default());
    assert_eq!(
        press(&mut linear, "space").text,
        "\nSection 1 of 1: H\n• one\n  ◦ inner\n• two\n1. first\n2. second\nQuote: said\n"
    );
}

#[test]
fn the_outline_and_the_list_ask_for_a_number() {
    let mut linear = bundled();
    let reply = press(&mut linear, "o");
    assert_eq!(reply.prompt, Some(Prompt::Section));
    assert!(reply.text.contains("\n3. Al-Sharaa’s White House Visit"));
    assert!(reply.text.ends_with("Go to section number: "));
    assert!(
        linear
            .answer(Prompt::Section, " 4 ")
            .text
            .contains("Section 4 of 8")
    );
    assert_eq!(
        linear.answer(Prompt::Section, "99").text,
        "No section 99.\n"
    );
    assert_eq!(linear.answer(Prompt::Section, "").text, "Nothing chosen.\n");

    let reply = press(&mut linear, "l");
    assert_eq!(reply.prompt, Some(Prompt::Briefing));
    assert!(
        reply
            .text
            .contains("2. Getting started with brief (undated)\n")
    );
    let opened = linear.answer(Prompt::Briefing, "2").text;
    assert!(opened.starts_with("\nBriefing 2 of 2: Getting started with brief\n"));
    assert!(press(&mut linear, "space").text.contains("Section 1 of"));
    assert_eq!(
        linear.answer(Prompt::Briefing, "0").text,
        "No briefing 0.\n"
    );
    // An answer with controls in it is cleaned before it is quoted back.
    let echoed = linear.answer(Prompt::Briefing, "\u{1b}[2J").text;
    assert_plain(&echoed);
}

#[test]
fn search_lists_every_passage_and_steps_through_them() {
    let mut linear = bundled();
    let reply = press(&mut linear, "/");
    assert_eq!(reply.prompt, Some(Prompt::Search));
    let found = linear.answer(Prompt::Search, "SANCTIONS").text;
    assert!(
        found.starts_with("3 passages match for \"SANCTIONS\".\nIn section 3: "),
        "{found}"
    );
    let next = press(&mut linear, "n").text;
    assert!(next.starts_with("Match 2 of 3, in section 6: "), "{next}");
    assert!(
        press(&mut linear, "N")
            .text
            .starts_with("Match 1 of 3, in section 3")
    );
    assert!(
        press(&mut linear, "N")
            .text
            .starts_with("Match 3 of 3, in section 8")
    );
    assert_eq!(
        linear.answer(Prompt::Search, "zzzz").text,
        "0 passages match for \"zzzz\".\n"
    );
    assert!(press(&mut linear, "n").text.starts_with("No search"));
}

#[test]
fn quit_reload_and_an_empty_library() {
    let mut linear = bundled();
    assert!(press(&mut linear, "q").quit);
    assert!(press(&mut linear, "ctrl-c").quit);
    assert!(press(&mut linear, "r").reload);
    press(&mut linear, "2");
    let said = linear.replace_library(load_paths(&["content".into()], LoadOptions::default()));
    assert_eq!(said, "Reloaded: 2 briefings, 0 failed.\n");
    assert!(
        press(&mut linear, "]").text.contains("Section 4 of 8"),
        "kept its place"
    );
    let mut empty = Linear::new(crate::library::Library::default(), Keymap::default());
    assert_eq!(
        press(&mut empty, "space").text,
        format!("{}\n", crate::library::NO_BRIEFINGS)
    );
    assert!(press(&mut empty, "q").quit);
    assert_eq!(press(&mut empty, "!").text, "Every file loaded.\n");
}

#[test]
fn rebound_keys_are_followed_and_shown() {
    let mut keymap = Keymap::default();
    keymap
        .patch("k.toml", "[keys]\nnext_section = [\"x\"]\nquit = [\"Q\"]\n")
        .expect("valid keys");
    let mut linear = Linear::new(
        load_paths(&["content".into()], LoadOptions::default()),
        keymap,
    );
    assert!(linear.start().contains("Keys: space or x next section"));
    assert!(press(&mut linear, "x").text.contains("Section 1 of 8"));
    assert!(!press(&mut linear, "q").quit);
    assert!(press(&mut linear, "Q").quit);
    let help = press(&mut linear, "?").text;
    assert!(help.contains("x: next section"), "{help}");
    assert!(help.contains("Q: quit."), "{help}");
}

#[test]
fn the_whole_briefing_for_a_pipe() {
    let mut linear = bundled();
    let whole = linear.whole();
    assert_plain(&whole);
    assert_eq!(whole.matches("\nSection ").count(), 8);
    assert!(whole.contains("Key takeaways:\n1. "));
}
