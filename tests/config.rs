//! The config file, as a user meets it: `brief config`, and each setting taking effect in the
//! real binary, under the command line and the environment. Every run has a scratch `HOME`
//! and `XDG_*` directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch home with a config directory, and a working directory.
struct Home {
    home: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let home = Self {
            home: tempfile::tempdir().expect("home"),
            work: tempfile::tempdir().expect("work"),
        };
        std::fs::create_dir_all(home.config_dir()).expect("config dir");
        home
    }

    fn config_dir(&self) -> PathBuf {
        self.home.path().join("config/brief")
    }

    fn write_config(&self, text: &str) {
        std::fs::write(self.config_dir().join("config.toml"), text).expect("config");
    }

    fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
        command
            .args(args)
            .current_dir(self.work.path())
            .env_remove("NO_COLOR")
            .env_remove("BRIEF_THEME")
            .env_remove("COLORFGBG")
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_STATE_HOME", self.home.path().join("state"))
            .stdin(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        command.output().expect("run brief")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn briefing(title: &str) -> String {
    format!("[briefing]\ntitle = \"{title}\"\n[[sections]]\nbody = \"Text.\"\n")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/getting-started.toml")
}

#[test]
fn config_path_and_the_printed_default() {
    let home = Home::new();
    let out = home.run(&["config", "--path"]);
    assert!(out.status.success());
    let expected = home.config_dir().join("config.toml");
    assert_eq!(text(&out.stdout).trim_end(), expected.display().to_string());

    let out = home.run(&["config"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("no config file; the defaults are in use"));

    // The printed default, saved as the config file, is valid and changes nothing.
    let default = home.run(&["config", "--print-default"]);
    assert!(default.status.success());
    home.write_config(&text(&default.stdout));
    let out = home.run(&["config"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(": ok\n"));
    let out = home.run(&["list"]);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("no library configured: listing the briefings built into brief"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_broken_config_is_an_error_with_its_place_for_every_command_that_reads_it() {
    let home = Home::new();
    home.write_config("[reader]\ntext_width = \"wide\"\n\n[nonsense]\n");
    let place = format!(
        "{}:2:14: error:",
        home.config_dir().join("config.toml").display()
    );
    let out = home.run(&["config"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(&place), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(":4:2: error: unknown key `nonsense`"));
    for args in [
        &["list"][..],
        &["check", "."],
        &["show", seed().to_str().unwrap()],
        &[seed().to_str().unwrap()],
    ] {
        let out = home.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(&place), "{args:?}");
        assert!(text(&out.stdout).is_empty(), "{args:?}");
    }
    // What never reads it still works, so a broken file can be replaced with the default.
    for args in [
        &["config", "--print-default"][..],
        &["config", "--path"],
        &["man"],
        &["completions", "bash"],
    ] {
        assert!(home.run(args).status.success(), "{args:?}");
    }
}

#[test]
fn the_library_comes_from_the_config_unless_paths_are_given() {
    let home = Home::new();
    let briefs = home.config_dir().join("briefs");
    std::fs::create_dir_all(&briefs).unwrap();
    std::fs::write(briefs.join("a.toml"), briefing("From the config")).unwrap();
    std::fs::write(home.work.path().join("b.toml"), briefing("Named")).unwrap();
    // Relative to the config file's directory, not to where brief runs.
    home.write_config("[library]\npaths = [\"briefs\"]\n");
    let out = home.run(&["list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("From the config"));
    assert_eq!(
        text(&out.stderr),
        "",
        "a configured library is not announced"
    );
    let out = home.run(&["list", "b.toml"]);
    assert!(text(&out.stdout).contains("Named"));
    assert!(!text(&out.stdout).contains("From the config"));
    // The piped reader reads it too.
    let out = home.run(&[]);
    assert!(text(&out.stdout).contains("From the config"));
    // `~/` is the home directory.
    std::fs::create_dir_all(home.home.path().join("elsewhere")).unwrap();
    std::fs::write(
        home.home.path().join("elsewhere/c.toml"),
        briefing("At home"),
    )
    .unwrap();
    home.write_config("[library]\npaths = [\"~/elsewhere\"]\n");
    assert!(text(&home.run(&["list"]).stdout).contains("At home"));
}

#[test]
fn the_size_cap_comes_from_the_config_unless_given() {
    let home = Home::new();
    let file = home.work.path().join("big.toml");
    std::fs::write(&file, briefing(&"x".repeat(500))).unwrap();
    home.write_config("[library]\nmax_file_size = 100\n");
    let out = home.run(&["check", "big.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("big.toml"),
        "{}",
        text(&out.stderr)
    );
    let out = home.run(&["check", "--max-file-size", "100000", "big.toml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn the_theme_from_the_command_line_then_the_environment_then_the_config() {
    let home = Home::new();
    // A theme that does not exist shows which source was used: it is an error only when it
    // is the one chosen.
    home.write_config("[reader]\ntheme = \"nosuch\"\n");
    let seed = seed();
    let show = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["show", seed.to_str().unwrap()];
        args.extend_from_slice(extra);
        home.run_with(&args, env).status.code()
    };
    assert_eq!(show(&[], &[]), Some(2), "the config's theme is used");
    assert_eq!(show(&["--theme", "light"], &[]), Some(0));
    assert_eq!(show(&[], &[("BRIEF_THEME", "light")]), Some(0));
    assert_eq!(
        show(&[], &[("NO_COLOR", "1")]),
        Some(0),
        "NO_COLOR picks mono"
    );
    assert_eq!(
        show(&["--theme", "nosuch2"], &[("BRIEF_THEME", "light")]),
        Some(2)
    );
    home.write_config("[reader]\ntheme = \"auto\"\n");
    assert_eq!(show(&[], &[("COLORFGBG", "0;15")]), Some(0));
}

#[test]
fn keys_from_the_config_reach_the_keys_file_brief_prints() {
    let home = Home::new();
    home.write_config("[keys]\nquit = [\"x\"]\n");
    let out = home.run(&["--list-actions"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("\nquit = [\"x\"]\n"));
    // A keys file named in the config, relative to it, applies over `[keys]`.
    std::fs::write(home.config_dir().join("mine.toml"), "[keys]\nquit = 7\n").unwrap();
    home.write_config("[reader]\nkeys = \"mine.toml\"\n");
    let out = home.run(&[seed().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("mine.toml:2:8: error"),
        "{}",
        text(&out.stderr)
    );
}

#[cfg(feature = "ssh")]
#[test]
fn serve_takes_its_settings_from_the_config_under_its_options() {
    let home = Home::new();
    std::fs::write(home.config_dir().join("readers"), "").unwrap();
    home.write_config(
        "[library]\npaths = [\"~\"]\n[serve]\nlisten = \"127.0.0.1:2299\"\nhost_key = \"host\"\nauthorized_keys = \"readers\"\nanonymous = true\n",
    );
    std::fs::write(home.home.path().join("a.toml"), briefing("Served")).unwrap();
    let out = home.run(&["serve", "--check"]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("would listen on 127.0.0.1:2299"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "host key {}",
            home.config_dir().join("host").display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("1 briefing, 0 failed"), "{stderr}");
    let out = home.run(&["serve", "--check", "--listen", "127.0.0.1:2300"]);
    assert!(text(&out.stderr).contains("would listen on 127.0.0.1:2300"));
}

#[test]
fn config_checks_the_files_the_config_names_too() {
    let home = Home::new();
    home.write_config("[reader]\nkeys = \"missing-keys.toml\"\ntheme = \"nope\"\n");
    let out = home.run(&["config"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("missing-keys.toml: error: cannot open"),
        "{stderr}"
    );
    assert!(stderr.contains("nope"), "{stderr}");
    assert!(text(&out.stdout).is_empty());
    // A broken watchlist beside the config is found as the reader would find it.
    home.write_config("");
    std::fs::write(home.config_dir().join("watchlist.toml"), "terms = 3\n").unwrap();
    let out = home.run(&["config"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("watchlist.toml:1:9: error"),
        "{}",
        text(&out.stderr)
    );
}
