//! The loader on arbitrary bytes: briefings, themes and keys files. Any input must give a
//! model or positioned diagnostics, never a panic, and every string that comes out is clean.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match brief::content::parse("fuzz.toml", text) {
        Ok(b) => {
            assert!(brief::content::sanitize::is_clean(&b.title));
            assert!(!b.sections.is_empty());
            for s in &b.sections {
                assert!(brief::content::sanitize::is_clean(&s.id));
            }
            for t in &b.takeaways {
                assert!(t.section.is_none_or(|s| s < b.sections.len()));
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            assert!(diagnostics.len() <= brief::content::schema::MAX_PROBLEMS + 1);
            for d in &diagnostics {
                assert!(brief::content::sanitize::is_clean(&d.to_string()), "{d:?}");
            }
        }
    }
    let _ = brief::settings::theme::parse("fuzz.toml", text, None);
    let _ = brief::settings::keymap::Keymap::default().patch("fuzz.toml", text);
});
