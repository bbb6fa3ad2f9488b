//! Tests of [`super`].

use super::*;
use crate::content::parse;
use std::path::{Path, PathBuf};

#[test]
fn extend_orders_like_push() {
    let text = |title: &str, date: &str| {
        format!("[briefing]\ntitle = \"{title}\"\n{date}\n[[sections]]\nbody = \"x\"\n")
    };
    let cases = [
        ("b", "date = 2024-01-01"),
        ("a", "date = 2024-01-01"),
        ("z", ""),
        ("c", "date = 2025-01-01"),
        ("B", "date = 2024-01-01"),
        ("y", ""),
    ];
    let results = || {
        cases.iter().map(|(t, d)| {
            parse(t, &text(t, d)).map_err(|diagnostics| LoadFailure {
                origin: (*t).into(),
                diagnostics,
            })
        })
    };
    let mut pushed = Library::default();
    for r in results() {
        pushed.push(r);
    }
    let mut first = Library::default();
    let mut all = results();
    first.extend(all.by_ref().take(3));
    let open = first.briefings[1].title.clone();
    first.extend(all);
    assert_eq!(first.briefings, pushed.briefings);
    assert!(first.briefings.iter().any(|b| b.title == open));
}

#[test]
fn a_reload_of_the_same_files_changes_nothing_even_with_warnings_added() {
    let text = |title: &str, body: &str| {
        format!(
            "[briefing]\ntitle = \"{title}\"\ndate = 2025-01-01\n[[sections]]\nbody = \"{body}\"\n"
        )
    };
    let load = || {
        let mut library = Library::default();
        library.extend(["a", "b"].map(|name| {
            // One id for two different texts: each gets a clash warning.
            parse(name, &text("Same", name)).map_err(|diagnostics| LoadFailure {
                origin: name.into(),
                diagnostics,
            })
        }));
        library
    };
    let mut library = load();
    assert!(library.briefings.iter().all(|b| b.warnings.len() == 1));
    let all = |fresh| Reload {
        fresh,
        ..Reload::default()
    };
    let summary = library.refresh(all(load()), None);
    assert_eq!(summary, Refreshed::default());
    assert!(summary.is_empty());
    assert!(library.briefings.iter().all(|b| b.warnings.len() == 1));
}

#[test]
fn a_reload_of_some_files_leaves_the_others_as_they_were() {
    let briefing = |name: &str, date: &str, body: &str| {
        let text = format!(
            "[briefing]\ntitle = \"{name}\"\ndate = {date}\n[[sections]]\nbody = \"{body}\"\n"
        );
        let mut b = parse(name, &text).unwrap();
        b.key = format!("/{name}");
        b
    };
    let broken = |name: &str| LoadFailure {
        origin: name.into(),
        diagnostics: vec![Diagnostic::file(name, "broken")],
    };
    let mut library = Library::default();
    library.extend([
        Ok(briefing("a", "2025-01-01", "one")),
        Ok(briefing("b", "2025-01-02", "one")),
        Ok(briefing("c", "2025-01-03", "one")),
        Err(broken("d")),
    ]);
    let scope = |names: &[&str]| Some(names.iter().map(|&n| n.to_owned()).collect());
    // `a` changed, `b` is gone, `c` and `d` were not read again.
    let summary = library.refresh(
        Reload {
            fresh: Library {
                briefings: vec![briefing("a", "2025-01-01", "two").into()],
                failures: Vec::new(),
            },
            scope: scope(&["a", "b"]),
            by_hand: false,
        },
        None,
    );
    assert_eq!(summary.changed, ["/a"]);
    assert_eq!(summary.removed, 1);
    let titles: Vec<&str> = library.briefings.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["c", "a"]);
    assert_eq!(library.failures.len(), 1, "d's failure stays");
    // `c` breaks: its last good version stays, with the failure beside it; `d` is fixed.
    let summary = library.refresh(
        Reload {
            fresh: Library {
                briefings: vec![briefing("d", "2025-01-04", "one").into()],
                failures: vec![broken("c")],
            },
            scope: scope(&["c", "d"]),
            by_hand: false,
        },
        None,
    );
    assert_eq!(summary.broken, ["c"]);
    assert_eq!(summary.added, 1);
    let titles: Vec<&str> = library.briefings.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["d", "c", "a"]);
    let failed: Vec<&str> = library.failures.iter().map(|f| f.origin.as_str()).collect();
    assert_eq!(failed, ["c"]);
    // The open briefing's file is removed: it is kept, and said to be.
    let summary = library.refresh(
        Reload {
            fresh: Library::default(),
            scope: scope(&["a"]),
            by_hand: false,
        },
        Some("/a"),
    );
    assert!(summary.kept_gone);
    assert_eq!(summary.removed, 0);
    assert_eq!(library.briefings.len(), 3);
}

#[test]
fn every_spelling_of_a_file_has_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.toml"),
        "[briefing]\ntitle = \"A\"\n[[sections]]\nbody = \"x\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("a.toml", d.join("link.toml")).unwrap();
    let key = |p: PathBuf| load_file(&p, LoadOptions::default()).unwrap().key;
    let canonical = display_path(&std::fs::canonicalize(d.join("a.toml")).unwrap());
    assert_eq!(key(d.join("a.toml")), canonical);
    assert_eq!(key(d.join(".").join("a.toml")), canonical);
    assert_eq!(key(d.join("link.toml")), canonical);
    let library = load_paths(
        &[d.join("link.toml"), d.join("a.toml")],
        LoadOptions::default(),
    );
    assert_eq!(library.briefings.len(), 1);
    let named = load_file(
        Path::new("built-in:getting-started"),
        LoadOptions::default(),
    );
    assert_eq!(named.unwrap().key, "built-in:getting-started");
}

#[test]
fn built_in_briefings_load_newest_first() {
    let library = load_built_in();
    assert!(library.failures.is_empty(), "{:?}", library.failures);
    assert_eq!(library.briefings.len(), BUILT_IN.len());
    let dates: Vec<&str> = library.briefings.iter().map(|b| b.date_text()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

/// A long briefing (800 sections, about 500 KB) whose `[briefing]` table is `head`.
fn long_briefing_headed(head: &str) -> String {
    use std::fmt::Write as _;
    let mut text = format!("{head}\n");
    for i in 0..800 {
        let _ = write!(
            text,
            "[[sections]]\nid = \"s{i}\"\nheading = \"H{i}\"\nbody = \"{}\"\n",
            "word ".repeat(120)
        );
    }
    text
}

/// What [`load_candidate_opening`] gives for `text` in a file: the opening's section count,
/// and the whole briefing's or the failure's.
fn opening_and_whole(
    text: &str,
    named: bool,
    options: LoadOptions,
) -> (Option<usize>, Option<Result<usize, String>>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.toml");
    std::fs::write(&path, text).expect("write");
    let candidate = Candidate { path, named };
    let mut opening = None;
    let whole = load_candidate_opening(&candidate, options, |b| {
        opening = Some(b.sections.len());
    });
    let whole = whole.map(|r| {
        r.map(|b| b.sections.len())
            .map_err(|f| f.diagnostics[0].message.clone())
    });
    (opening, whole)
}

#[test]
fn a_long_files_opening_is_read_before_the_whole_file() {
    let text = long_briefing_headed("[briefing]\ntitle = \"Long\"");
    assert!(text.len() >= crate::content::OPENING_FROM);
    for named in [true, false] {
        let (opening, whole) = opening_and_whole(&text, named, LoadOptions::default());
        assert!(opening.is_some_and(|n| n < 800), "{opening:?}");
        assert_eq!(whole, Some(Ok(800)));
    }
    // Over the size limit: no opening, and the file is refused.
    let small = LoadOptions {
        max_file_size: 100_000,
    };
    let (opening, whole) = opening_and_whole(&text, true, small);
    assert_eq!(opening, None);
    assert!(whole.is_some_and(|w| w.is_err_and(|m| m.contains("larger than"))));
}

#[test]
fn a_file_found_in_a_directory_has_an_opening_only_if_it_declares_a_briefing() {
    // A briefing, but not spelt as the directory search looks for one.
    let text = long_briefing_headed("'briefing'.title = \"Long\"");
    let (opening, whole) = opening_and_whole(&text, false, LoadOptions::default());
    assert_eq!((opening, whole), (None, None));
    // Named, it is read whatever it declares.
    let (opening, whole) = opening_and_whole(&text, true, LoadOptions::default());
    assert!(opening.is_some());
    assert_eq!(whole, Some(Ok(800)));
}

#[test]
fn a_file_that_stops_being_a_briefing_after_its_opening_is_not_loaded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.toml");
    std::fs::write(&path, long_briefing_headed("[briefing]\ntitle = \"Long\"")).expect("write");
    let candidate = Candidate {
        path: path.clone(),
        named: false,
    };
    let mut opened = false;
    let whole = load_candidate_opening(&candidate, LoadOptions::default(), |_| {
        opened = true;
        // Saved over while the opening is on screen.
        std::fs::write(&path, "[other]\nkey = 1\n").expect("write");
    });
    assert!(opened);
    assert!(whole.is_none());
}
