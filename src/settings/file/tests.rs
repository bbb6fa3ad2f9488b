use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;
use crate::content::diagnostic::rendered;
use crate::settings::keymap::{Action, Key};

fn parse(text: &str) -> Result<Config, Vec<String>> {
    Config::parse("config.toml", text, Path::new("/etc/brief")).map_err(|d| rendered(&d))
}

#[test]
fn the_printed_default_is_the_default() {
    let config = parse(DEFAULT).unwrap();
    assert_eq!(config.library, LibrarySettings::default());
    assert_eq!(config.reader, ReaderSettings::default());
    assert_eq!(config.serve, ServeSettings::default());
    assert!(config.keys.is_none());
    assert!(config.watchlist.is_empty());
    assert_eq!(config.preferences(), Preferences::default());
    assert_eq!(
        config.max_file_size(None),
        crate::library::DEFAULT_MAX_FILE_SIZE
    );
}

#[test]
fn the_default_uncommented_is_valid_and_says_the_defaults() {
    // Every commented-out setting, switched on, still parses and means the default.
    let uncommented: String = DEFAULT
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let config = parse(&uncommented).unwrap();
    let defaults = Preferences::default();
    assert_eq!(config.preferences(), defaults);
    assert_eq!(
        config.library.max_file_size,
        Some(crate::library::DEFAULT_MAX_FILE_SIZE)
    );
    assert_eq!(config.serve.listen, Some("127.0.0.1:2222".parse().unwrap()));
    assert_eq!(config.serve.max_sessions, Some(64));
    assert_eq!(config.serve.idle_timeout, Some(Duration::from_mins(30)));
    assert_eq!(config.serve.login_grace, Some(Duration::from_secs(30)));
}

#[test]
fn every_setting_is_read() {
    let config = parse(
        r#"
[library]
paths = ["briefs", "/srv/briefs"]
max_file_size = 1_000
watch = false

[reader]
theme = "light"
text_width = 72
takeaways = false
zoom = true
mouse = false
show_cursor = true
keys = "my-keys.toml"
watchlist = "/w.toml"

[keys]
quit = ["x"]

[watchlist]
terms = ["Iran", "Reuters"]

[serve]
listen = "[::1]:2022"
host_key = "host"
authorized_keys = "/keys"
max_sessions = 3
idle_timeout = "90s"
login_grace = "5s"
anonymous = true
"#,
    )
    .unwrap();
    assert_eq!(
        config.library.paths,
        vec![
            PathBuf::from("/etc/brief/briefs"),
            PathBuf::from("/srv/briefs")
        ]
    );
    assert_eq!(config.max_file_size(None), 1000);
    assert_eq!(config.max_file_size(Some(5)), 5, "the command line wins");
    assert_eq!(config.library.watch, Some(false));
    assert_eq!(
        config.preferences(),
        Preferences {
            takeaways: false,
            zoom: true,
            mouse: false,
            show_cursor: true,
            text_width: 72
        }
    );
    assert_eq!(config.reader.theme.as_deref(), Some("light"));
    assert_eq!(
        config.reader.keys_file,
        Some(PathBuf::from("/etc/brief/my-keys.toml"))
    );
    assert_eq!(config.reader.watchlist_file, Some(PathBuf::from("/w.toml")));
    let keys = config.keys.as_ref().unwrap();
    assert_eq!(keys.keys(Action::Quit), &[Key::parse("x").unwrap()]);
    assert_eq!(config.watchlist, vec!["Iran", "Reuters"]);
    let serve = &config.serve;
    assert_eq!(serve.listen, Some("[::1]:2022".parse().unwrap()));
    assert_eq!(serve.host_key, Some(PathBuf::from("/etc/brief/host")));
    assert_eq!(serve.authorized_keys, Some(PathBuf::from("/keys")));
    assert_eq!(serve.max_sessions, Some(3));
    assert_eq!(serve.idle_timeout, Some(Duration::from_secs(90)));
    assert_eq!(serve.login_grace, Some(Duration::from_secs(5)));
    assert_eq!(serve.anonymous, Some(true));
}

#[test]
fn a_theme_that_is_not_built_in_is_a_path_from_the_file() {
    let config = parse("[reader]\ntheme = \"mine.toml\"\n").unwrap();
    assert_eq!(config.reader.theme.as_deref(), Some("/etc/brief/mine.toml"));
    let config = parse("[reader]\ntheme = \"auto\"\n").unwrap();
    assert_eq!(config.reader.theme.as_deref(), Some("auto"));
}

#[test]
fn home_is_expanded() {
    let home = etcetera::home_dir().unwrap();
    let config = parse("[library]\npaths = [\"~/briefs\"]\n").unwrap();
    assert_eq!(config.library.paths, vec![home.join("briefs")]);
}

#[test]
fn every_problem_is_reported_at_its_place() {
    let errors = parse(
        r#"[library]
path = ["x"]
max_file_size = 0
watch = "yes"

[reader]
text_width = 5
theme = ""

[serve]
listen = "localhost"
idle_timeout = "soon"
max_sessions = -1

[keys]
quit = []

[watchlist]
term = ["x"]

[extra]
"#,
    )
    .unwrap_err();
    let expected = [
        "config.toml:2:1: error: unknown key `path` in [library], expected one of: paths, max_file_size, watch",
        "config.toml:3:17: error: `max_file_size` must be a whole number of at least 1, found 0",
        "config.toml:4:9: error: `watch` must be true or false, found a string",
        "config.toml:7:14: error: `text_width` must be a whole number of at least 20, found 5",
        "config.toml:8:9: error: `theme` must not be empty",
        "config.toml:11:10: error: `listen` must be an address and port such as \"127.0.0.1:2222\" or \"[::1]:2222\", found \"localhost\"",
        "config.toml:12:16: error: `idle_timeout` must be a duration such as \"90s\", \"30m\" or \"2h\", found \"soon\"",
        "config.toml:13:16: error: `max_sessions` must be a whole number of at least 1, found -1",
        "config.toml:16:8: error: `quit` would have no key left: keep at least one, e.g. quit = [\"q\"]",
        "config.toml:19:1: error: unknown key `term` in [watchlist], expected one of: terms",
        "config.toml:18:2: error: missing key `terms`: list the terms to highlight, e.g. terms = [\"Iran\"]",
        "config.toml:21:2: error: unknown key `extra` in the config file, expected one of: library, reader, keys, watchlist, serve",
    ];
    for line in expected {
        assert!(
            errors.iter().any(|e| e == line),
            "{line}\nnot in\n{errors:#?}"
        );
    }
}

#[test]
fn keys_from_the_file_then_a_keys_file() {
    let dir = tempfile::tempdir().unwrap();
    let keys_file = dir.path().join("k.toml");
    std::fs::write(&keys_file, "[keys]\nhelp = [\"x\"]\n").unwrap();
    let config = parse("[keys]\nquit = [\"x\", \"Q\"]\n").unwrap();
    let keymap = config.keymap(Some(&keys_file), 1024).unwrap();
    // The keys file takes `x` from `quit`, which the config file had given it.
    assert_eq!(keymap.keys(Action::Help), &[Key::parse("x").unwrap()]);
    assert_eq!(keymap.keys(Action::Quit), &[Key::parse("Q").unwrap()]);
}

#[test]
fn watchlist_terms_from_the_file_then_a_file_then_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.toml");
    std::fs::write(&file, "terms = [\"B\"]\n").unwrap();
    let config = parse("[watchlist]\nterms = [\"A\"]\n").unwrap();
    let terms = config.watchlist(Some(&file), &["C".into()], 1024).unwrap();
    assert_eq!(terms, vec!["A", "B", "C"]);
}

#[test]
fn a_missing_or_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let errors = Config::load_from(&dir.path().join("none.toml")).unwrap_err();
    assert_eq!(errors.len(), 1);
    let big = dir.path().join("big.toml");
    std::fs::write(&big, " ".repeat(usize::try_from(MAX_SIZE).unwrap() + 1)).unwrap();
    assert!(Config::load_from(&big).is_err(), "over the size cap");
}
