//! Writes benchmark data: `brief-gen library DIR [COUNT] [SEED]` (default 10,000 briefings,
//! seed 1) or `brief-gen long FILE [COPIES]` (the seed article repeated, default 200 times).
//! Output is deterministic; keep it out of the repository (a temporary directory).

use std::path::PathBuf;
use std::process::ExitCode;

mod generate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| -> Option<u64> {
        args.get(i)
            .map_or(Some(default), |a| a.replace('_', "").parse().ok())
    };
    let result = match (args.first().map(String::as_str), args.get(1)) {
        (Some("library"), Some(dir)) => match (number(2, 10_000), number(3, 1)) {
            (Some(count), Some(seed)) => {
                let count = usize::try_from(count).unwrap_or(usize::MAX);
                generate::write_library(&PathBuf::from(dir), count, seed).map(|(files, bytes)| {
                    println!("{} briefings, {bytes} bytes in {dir}", files.len());
                })
            }
            _ => return usage(),
        },
        (Some("long"), Some(file)) => match number(2, 200) {
            Some(copies) => {
                let text = generate::long_briefing(usize::try_from(copies).unwrap_or(200));
                std::fs::write(file, &text).map(|()| println!("{} bytes in {file}", text.len()))
            }
            None => return usage(),
        },
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("brief-gen: {err}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: brief-gen library DIR [COUNT] [SEED] | brief-gen long FILE [COPIES]");
    ExitCode::from(2)
}

// The generator's own tests live here, so that the benches and tests that include
// generate.rs for its data do not run them again.
#[cfg(test)]
mod tests {
    use super::generate::{library_briefing, long_briefing, seed_article};
    use brief::content;

    #[test]
    fn generated_briefings_are_valid_and_deterministic() {
        for index in [0, 1, 77, 9_999] {
            let text = library_briefing(7, index);
            assert_eq!(text, library_briefing(7, index));
            let parsed = content::parse("gen", &text);
            assert!(parsed.is_ok(), "{index}: {parsed:?}");
        }
        assert_ne!(library_briefing(7, 1), library_briefing(8, 1));
    }

    #[test]
    fn long_briefing_is_valid_with_unique_sections() {
        let text = long_briefing(3);
        let briefing = content::parse("long", &text).expect("long briefing parses");
        let seed = content::parse("seed", seed_article()).expect("seed parses");
        assert_eq!(briefing.sections.len(), seed.sections.len() * 3);
        assert_eq!(briefing.takeaways.len(), seed.takeaways.len());
    }
}
