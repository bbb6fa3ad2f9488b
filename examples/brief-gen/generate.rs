//! Deterministic test data for benchmarks: a large library of briefings and one very long
//! briefing, both built from the bundled seed article. The same seed always gives the same
//! bytes. Nothing here is used by the reader itself; `brief-gen` and the benches call it.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use brief::content::{self, BlockRef};
use brief::library;

/// Files per subdirectory of a generated library.
pub const PER_DIRECTORY: usize = 500;

/// A small, fast, seedable generator (`SplitMix64`); good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed article's TOML text.
pub fn seed_article() -> &'static str {
    library::BUILT_IN[0].1
}

/// The seed article with its sections repeated `copies` times (ids made unique with a `-N`
/// suffix, headings numbered), the takeaways pointing into the first copy. 200 copies make
/// about 1.2 MB.
pub fn long_briefing(copies: usize) -> String {
    let seed = seed_article();
    let first = seed.find("[[sections]]").unwrap_or(seed.len());
    let takeaways = seed.find("[[takeaways]]").unwrap_or(seed.len());
    let (header, rest) = seed.split_at(first);
    let (sections, takeaway_text) = rest.split_at(takeaways - first);
    let mut out = String::with_capacity(header.len() + sections.len() * copies + 1024);
    out.push_str(header);
    for copy in 1..=copies {
        for line in sections.lines() {
            if let Some(id) = line
                .strip_prefix("id = \"")
                .and_then(|l| l.strip_suffix('"'))
            {
                let _ = writeln!(out, "id = \"{id}-{copy}\"");
            } else if let Some(heading) = line.strip_prefix("heading = \"") {
                let _ = writeln!(out, "heading = \"{copy}. {heading}");
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    for line in takeaway_text.lines() {
        if let Some(id) = line
            .strip_prefix("section = \"")
            .and_then(|l| l.strip_suffix('"'))
        {
            let _ = writeln!(out, "section = \"{id}-1\"");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    add_lead_headings(&out)
}

/// Gives every untitled section after the first a heading (only the first may omit one).
fn add_lead_headings(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4096);
    let mut sections = 0usize;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line == "[[sections]]" {
            sections += 1;
            // `id` comes first; the heading, when present, right after it.
            if let Some(id_line) = lines.next() {
                out.push_str(id_line);
                out.push('\n');
                let has_heading = lines.peek().is_some_and(|l| l.starts_with("heading = "));
                if sections > 1 && !has_heading {
                    let _ = writeln!(out, "heading = \"Part {sections}\"");
                }
            }
        }
    }
    out
}

/// Sentences, headings and keywords taken from the seed article.
struct Vocabulary {
    sentences: Vec<String>,
    headings: Vec<String>,
    bullets: Vec<String>,
    keywords: String,
    title_words: Vec<String>,
}

impl Vocabulary {
    // Over 40 lines as one function: the vocabulary gathered from the seed article in one pass
    // over its blocks.
    fn new() -> Self {
        let seed = seed_article();
        let briefing = content::parse("seed", seed).unwrap_or_else(|_| empty_briefing());
        let mut sentences = Vec::new();
        let mut bullets = Vec::new();
        for section in &briefing.sections {
            for block in section.blocks() {
                match block {
                    BlockRef::Paragraph(text) => sentences.extend(split_sentences(text)),
                    BlockRef::Quote(lines) => {
                        sentences.extend(lines.iter().flat_map(split_sentences));
                    }
                    BlockRef::List(items) => {
                        bullets.extend(items.iter().map(|i| i.text.to_owned()));
                    }
                }
            }
        }
        let headings = briefing
            .sections
            .iter()
            .filter_map(|s| s.heading().map(str::to_owned))
            .collect();
        let keywords = seed
            .split("[keywords]\n")
            .nth(1)
            .and_then(|k| k.split("\n\n").next())
            .unwrap_or_default()
            .to_owned();
        let title_words = briefing
            .title
            .split_whitespace()
            .chain([
                "Talks",
                "Sanctions",
                "Border",
                "Coalition",
                "Raids",
                "Envoy",
                "Summit",
            ])
            .map(str::to_owned)
            .collect();
        Self {
            sentences,
            headings,
            bullets,
            keywords,
            title_words,
        }
    }
}

fn empty_briefing() -> content::Briefing {
    content::Briefing {
        origin: String::new(),
        key: String::new(),
        id: content::BriefingId::derived("Briefing", None),
        id_at: None,
        title: String::from("Briefing"),
        dateline: None,
        date: None,
        source: None,
        authors: Vec::new(),
        tags: Vec::new(),
        summary: None,
        keywords: content::Keywords::default(),
        sections: Vec::new(),
        takeaways: Vec::new(),
        warnings: Vec::new(),
        imported: None,
        lines: content::SourceLines::default(),
    }
}

fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(". ") {
        if let Some(s) = text.get(start..=at) {
            out.push(s.trim().to_owned());
        }
        start = at + 2;
    }
    if let Some(s) = text.get(start..)
        && !s.trim().is_empty()
    {
        out.push(s.trim().to_owned());
    }
    out
}

/// The text of briefing number `index` of the library generated from `seed`.
pub fn library_briefing(seed: u64, index: usize) -> String {
    thread_local! {
        static VOCABULARY: Vocabulary = Vocabulary::new();
    }
    VOCABULARY.with(|v| {
        let mut rng =
            Rng::new(seed ^ (u64::try_from(index).unwrap_or(0).wrapping_mul(0x2545_F491)));
        compose(v, &mut rng, index)
    })
}

// Over 40 lines as one function: builds one generated briefing field by field.
fn compose(v: &Vocabulary, rng: &mut Rng, index: usize) -> String {
    let mut out = String::with_capacity(8192);
    let words: Vec<&str> = (0..rng.between(4, 8))
        .map(|_| rng.pick(&v.title_words).as_str())
        .collect();
    let _ = writeln!(
        out,
        "format = 1\n\n[briefing]\ntitle = \"{} (no. {index})\"",
        words.join(" ")
    );
    let day = rng.below(3650);
    let (year, month, dom) = (2016 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
    let _ = writeln!(
        out,
        "dateline = \"Washington, D.C.\"\ndate = {year}-{month:02}-{dom:02}"
    );
    let _ = writeln!(out, "tags = [\"generated\", \"set-{}\"]\n", index % 17);
    let _ = writeln!(out, "[keywords]\n{}\n", v.keywords);
    let count = rng.between(4, 6);
    for s in 0..count {
        let _ = writeln!(out, "[[sections]]\nid = \"s{s}\"");
        if s > 0 {
            let _ = writeln!(out, "heading = \"{}\"", rng.pick(&v.headings));
        }
        out.push_str("body = \"\"\"\n");
        for p in 0..rng.between(1, 3) {
            if p > 0 {
                out.push('\n');
            }
            if rng.below(8) == 0 && !v.bullets.is_empty() {
                for _ in 0..rng.between(2, 4) {
                    let _ = writeln!(out, "- {}", rng.pick(&v.bullets));
                }
                continue;
            }
            let sentences: Vec<&str> = (0..rng.between(2, 3))
                .map(|_| rng.pick(&v.sentences).as_str())
                .collect();
            let _ = writeln!(out, "{}", sentences.join(" "));
        }
        out.push_str("\"\"\"\n\n");
    }
    for _ in 0..rng.between(2, 5) {
        let sentence = rng.pick(&v.sentences).replace('"', "'");
        let _ = writeln!(
            out,
            "[[takeaways]]\ntext = \"{sentence}\"\nsection = \"s{}\"\n",
            rng.below(count)
        );
    }
    out
}

/// Writes `count` briefings generated from `seed` under `dir` (in subdirectories of
/// [`PER_DIRECTORY`] files); returns the files written and their total size in bytes.
pub fn write_library(dir: &Path, count: usize, seed: u64) -> io::Result<(Vec<PathBuf>, u64)> {
    let mut files = Vec::with_capacity(count);
    let mut total = 0u64;
    for index in 0..count {
        let sub = dir.join(format!("{:03}", index / PER_DIRECTORY));
        if index % PER_DIRECTORY == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let path = sub.join(format!("briefing-{index:05}.toml"));
        let text = library_briefing(seed, index);
        total += text.len() as u64;
        std::fs::write(&path, text)?;
        files.push(path);
    }
    Ok((files, total))
}
