//! Tests of [`super`].

use super::*;

#[test]
fn briefings_declare_themselves() {
    for yes in [
        "[briefing]\ntitle = \"x\"",
        "format = 1\n  [ briefing ]  # header\n",
        "[\"briefing\"]\n",
        "[[sections]]\nbody = \"x\"\n[briefing]\n",
        "briefing.title = \"x\"\n",
        "\u{feff}briefing = { title = \"x\" }\n",
        "[briefing\ntitle = \n",
    ] {
        assert!(declares_briefing(yes), "{yes:?}");
    }
    for no in [
        "",
        "[package]\nname = \"brief\"\n",
        "name = \"dark\"\n[styles]\ntext = {}\n",
        "[[briefing]]\n",
        "[briefing.extra]\n",
        "[keys]\nbriefing = [\"b\"]\n",
        "[styles]\nbriefing.title = \"x\"\n",
        "briefings = 1\n",
    ] {
        assert!(!declares_briefing(no), "{no:?}");
    }
}

#[test]
fn other_unicode_encodings_are_recognised() {
    let text = "[briefing]\ntitle = \"Caf\u{e9} \u{6771}\u{4eac}\"\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(other_encoding(&le), Some("UTF-16LE (little-endian)"));
    assert_eq!(other_encoding(&be), Some("UTF-16BE (big-endian)"));
    assert_eq!(
        other_encoding(&[0xFF, 0xFE, b'a', 0]),
        Some("UTF-16LE (little-endian)")
    );
    assert_eq!(
        other_encoding(&[0xFE, 0xFF, 0, b'a']),
        Some("UTF-16BE (big-endian)")
    );
    assert_eq!(
        other_encoding(&[0xFF, 0xFE, 0, 0]),
        Some("UTF-32LE (little-endian)")
    );
    assert_eq!(
        other_encoding(&[0, 0, 0xFE, 0xFF]),
        Some("UTF-32BE (big-endian)")
    );
    // UTF-8 (with its own byte-order mark, or with a stray NUL) is not mistaken for it.
    assert_eq!(other_encoding(text.as_bytes()), None);
    assert_eq!(other_encoding("\u{feff}[briefing]".as_bytes()), None);
    assert_eq!(other_encoding(b"[briefing]\0\ntitle = 1"), None);
    assert_eq!(other_encoding(b"a"), None);
    let err = decode(le, "w.toml").unwrap_err().to_string();
    assert_eq!(
        err,
        "w.toml: error: file is UTF-16LE (little-endian), not UTF-8: convert it (e.g. iconv -f UTF-16LE -t UTF-8)"
    );
}

#[test]
fn one_file_found_by_several_spellings_is_one_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), "[briefing]\n").unwrap();
    std::os::unix::fs::symlink(d.join("a.toml"), d.join("b.toml")).unwrap();
    let (files, failures) = discover(&[
        d.join("a.toml"),
        d.join(".").join("a.toml"),
        d.to_path_buf(),
        d.join("."),
    ]);
    assert!(failures.is_empty());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0].named,
        "named on the command line, so always checked"
    );
}

#[test]
fn sizes_read_naturally() {
    assert_eq!(human_size(8 * 1024 * 1024), "8 MiB");
    assert_eq!(human_size(2048), "2 KiB");
    assert_eq!(human_size(1000), "1000 bytes");
}
