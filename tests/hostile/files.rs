//! Promise 5: files from the wild. A content directory full of traps loads its good briefing,
//! names each bad file with its own clear error, never blocks on a FIFO or a device, never reads
//! more than the size cap, and finishes well under two seconds. (Tests run as root, so
//! permissions are not used as traps.)

use std::fmt::Write as _;
use std::fs::{self, File};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use brief::content;
use brief::library::{self, LoadOptions};

use crate::support::{Field, briefing_toml};

const GOOD: &str = "[briefing]\ntitle = \"Good\"\n[[sections]]\nbody = \"Fine.\"\n";

fn trap_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path();
    fs::write(c.join("good.toml"), GOOD).unwrap();
    fs::write(c.join("invalid-toml.toml"), "[briefing\ntitle = \n").unwrap();
    fs::write(
        c.join("invalid-utf8.toml"),
        b"[briefing]\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    fs::write(c.join("empty.toml"), "").unwrap();
    // Several hundred MB that take no disk space: the cap must refuse it without reading it all.
    File::create(c.join("huge.toml"))
        .unwrap()
        .set_len(600 * 1024 * 1024)
        .unwrap();
    nix::unistd::mkfifo(&c.join("fifo.toml"), nix::sys::stat::Mode::S_IRWXU).unwrap();
    symlink(c.join("nowhere"), c.join("dangling.toml")).unwrap();
    symlink(c.join("loop-b.toml"), c.join("loop-a.toml")).unwrap();
    symlink(c.join("loop-a.toml"), c.join("loop-b.toml")).unwrap();
    fs::create_dir(c.join("x.toml")).unwrap();
    fs::write(
        c.join("x.toml").join("inside.toml"),
        GOOD.replace("Good", "Inside"),
    )
    .unwrap();
    symlink("/dev/zero", c.join("zero.toml")).unwrap();
    // A directory symlink loop must not be walked forever either.
    fs::create_dir(c.join("sub")).unwrap();
    symlink(c, c.join("sub").join("back-to-top")).unwrap();
    dir
}

fn message_for(library: &library::Library, file: &str) -> String {
    let found: Vec<String> = library
        .failures
        .iter()
        .filter(|f| Path::new(&f.origin).file_name().is_some_and(|n| n == file))
        .flat_map(|f| f.diagnostics.iter().map(ToString::to_string))
        .collect();
    assert_eq!(
        found.len().min(1),
        1,
        "no error for {file}: {:#?}",
        library.failures
    );
    found.join("\n")
}

#[test]
fn every_trap_gets_its_own_clear_error_and_nothing_hangs() {
    let dir = trap_dir();
    let started = Instant::now();
    let library = library::load_paths(&[dir.path().to_path_buf()], LoadOptions::default());
    let elapsed = started.elapsed();
    // A guard against hanging on a FIFO or /dev/zero, not a speed test: generous for a loaded
    // machine, far below forever.
    assert!(elapsed < Duration::from_secs(30), "load took {elapsed:?}");
    let titles: Vec<&str> = library.briefings.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, vec!["Good"], "{:#?}", library.failures);
    let expect = [
        (
            "invalid-toml.toml",
            "invalid-toml.toml:1:1: error: invalid TOML: this table header is not closed with `]` on its line",
        ),
        (
            "invalid-utf8.toml",
            "invalid-utf8.toml:2:13: error: file is not valid UTF-8",
        ),
        (
            "huge.toml",
            "huge.toml: error: file is larger than the 8 MiB limit (see --max-file-size)",
        ),
        (
            "fifo.toml",
            "fifo.toml: error: cannot load: a named pipe (FIFO), not a regular file",
        ),
        (
            "dangling.toml",
            "dangling.toml: error: cannot open: broken symbolic link (its target does not exist)",
        ),
        (
            "loop-a.toml",
            "loop-a.toml: error: cannot open: too many levels of symbolic links",
        ),
        (
            "loop-b.toml",
            "loop-b.toml: error: cannot open: too many levels of symbolic links",
        ),
        (
            "x.toml",
            "x.toml: error: cannot load: a directory, not a briefing file",
        ),
        (
            "zero.toml",
            "zero.toml: error: cannot load: a character device, not a regular file",
        ),
    ];
    for (file, text) in expect {
        let message = message_for(&library, file);
        assert!(
            message.contains(text),
            "{file}: expected {text:?}, got {message:?}"
        );
    }
    assert_eq!(
        library.failures.len(),
        expect.len(),
        "{:#?}",
        library.failures
    );
    // A directory search takes only files that declare themselves briefings: an empty file
    // does not. Named explicitly, it is checked (see below).
    assert_eq!(message_for_any(&library, "empty.toml"), None);
}

fn message_for_any(library: &library::Library, file: &str) -> Option<String> {
    library
        .failures
        .iter()
        .find(|f| Path::new(&f.origin).file_name().is_some_and(|n| n == file))
        .map(|f| f.origin.clone())
}

#[test]
fn the_binary_checks_the_traps_promptly() {
    let dir = trap_dir();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "."])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("brief check hung on the trap directory");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.ends_with("9 files with 9 problems; 1 briefing valid\n"),
        "{stdout}"
    );
}

#[test]
fn explicitly_named_traps_are_refused_too() {
    let dir = trap_dir();
    for name in [
        "fifo.toml",
        "zero.toml",
        "huge.toml",
        "dangling.toml",
        "loop-a.toml",
        "empty.toml",
    ] {
        let started = Instant::now();
        let err = library::load_file(&dir.path().join(name), LoadOptions::default()).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(1), "{name}");
        assert_eq!(err.diagnostics.len(), 1, "{name}: {err:?}");
    }
}

#[test]
fn the_size_cap_is_enforced_while_reading_not_from_metadata() {
    // /proc files claim a size of 0 and still have content: only a cap on the read catches them.
    let meta = fs::metadata("/proc/self/maps").unwrap();
    assert_eq!(meta.len(), 0);
    let err = library::read_capped(Path::new("/proc/self/maps"), "maps", 64).unwrap_err();
    assert_eq!(
        err.to_string(),
        "maps: error: file is larger than the 64 bytes limit (see --max-file-size)"
    );
    // The cap is configurable, and exact: a file of exactly the cap loads.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    fs::write(&path, GOOD).unwrap();
    let size = GOOD.len() as u64;
    assert!(
        library::load_file(
            &path,
            LoadOptions {
                max_file_size: size
            }
        )
        .is_ok()
    );
    assert!(
        library::load_file(
            &path,
            LoadOptions {
                max_file_size: size - 1
            }
        )
        .is_err()
    );
}

#[test]
fn a_briefing_just_under_the_cap_loads_quickly() {
    // Big but legal: thousands of sections of hostile-ish text.
    let mut source = briefing_toml("long \u{202e}text", &Field::ALL);
    while source.len() < 4 * 1024 * 1024 {
        let at = source.len();
        let _ = write!(source, "[[sections]]\nheading = \"More {at}\"\nbody = \"");
        source.push_str(&"word ".repeat(400));
        source.push_str("\"\n");
    }
    let started = Instant::now();
    let err = content::parse("big.toml", &source);
    let b = match err {
        Ok(b) => b,
        Err(d) => panic!("{:?}", &d[..d.len().min(3)]),
    };
    assert!(b.sections.len() > 1000);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
