//! Tests of [`super`].

use super::*;
use crossterm::event::{MouseEvent, MouseEventKind};

fn decode(chunks: &[&[u8]]) -> Vec<Decoded> {
    let mut decoder = Decoder::new();
    let at = Instant::now();
    let mut out = Vec::new();
    for chunk in chunks {
        out.extend(decoder.feed(chunk, at));
    }
    out
}

fn keys(text: &str) -> Vec<Decoded> {
    text.chars()
        .map(|c| {
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            key(KeyCode::Char(c), shift)
        })
        .collect()
}

fn wheel_down(column: u16, row: u16) -> Decoded {
    Decoded::Event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

#[test]
fn every_event_of_a_large_burst_comes_out_at_once() {
    // 84 motion reports and 3 wheel-downs in one 1,044-byte write, as in the bug report.
    let mut burst = Vec::new();
    for i in 0..84 {
        burst.extend_from_slice(format!("\x1b[<35;{};10M", 10 + i % 10).as_bytes());
    }
    for _ in 0..3 {
        burst.extend_from_slice(b"\x1b[<65;40;12M");
    }
    assert_eq!(burst.len(), 1044);
    let out = decode(&[&burst]);
    assert_eq!(out.len(), 87);
    assert_eq!(&out[84..], vec![wheel_down(39, 11); 3].as_slice());
}

#[test]
fn a_sequence_split_across_reads_is_joined() {
    for split in 1..12 {
        let bytes = b"\x1b[<65;40;12Mj";
        let out = decode(&[&bytes[..split], &bytes[split..]]);
        assert_eq!(out, [wheel_down(39, 11), keys("j")[0].clone()], "{split}");
    }
    // A character split between reads, and SS3 arrows.
    let out = decode(&[b"\xc3", b"\xa9\x1bO", b"A"]);
    assert_eq!(out[0], keys("é")[0]);
    assert_eq!(out[1], key(KeyCode::Up, KeyModifiers::NONE));
}

#[test]
fn a_lone_esc_waits_for_the_rest_then_counts_as_esc() {
    let mut decoder = Decoder::new();
    let t0 = Instant::now();
    assert!(decoder.feed(b"\x1b", t0).is_empty());
    let due = decoder.deadline().expect("held");
    assert!(
        decoder
            .timeout(
                due.checked_sub(Duration::from_millis(1))
                    .expect("after start")
            )
            .is_empty()
    );
    assert_eq!(
        decoder.timeout(due),
        [key(KeyCode::Esc, KeyModifiers::NONE)]
    );
    assert_eq!(decoder.deadline(), None);
    // ESC then a key in a later read, after the timeout: two keys, not Alt.
    assert!(decoder.feed(b"\x1b", t0).is_empty());
    let out = decoder.feed(b"j", t0 + ESC_TIMEOUT);
    assert_eq!(out[0], key(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(out[1], keys("j")[0]);
    // In one read it is Alt.
    assert_eq!(
        decode(&[b"\x1bj"]),
        [key(KeyCode::Char('j'), KeyModifiers::ALT)]
    );
    // Esc twice is two Esc keys.
    let out = decoder.feed(b"\x1b\x1b", t0);
    assert_eq!(out, [key(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!(
        decoder.timeout(t0 + ESC_TIMEOUT),
        [key(KeyCode::Esc, KeyModifiers::NONE)]
    );
}

#[test]
fn mode_reports_are_not_keys() {
    let out = decode(&[b"\x1b[?69;2$y", b"j"]);
    assert_eq!(
        out,
        [
            Decoded::ModeReport { mode: 69, value: 2 },
            keys("j")[0].clone()
        ]
    );
    let out = decode(&[b"\x1b[?2026;", b"1$yk"]);
    assert_eq!(
        out[0],
        Decoded::ModeReport {
            mode: 2026,
            value: 1
        }
    );
    assert_eq!(out[1], keys("k")[0]);
}

#[test]
fn other_terminal_replies_are_dropped_and_keys_after_them_kept() {
    for reply in [
        b"\x1b[12;40R".as_slice(), // cursor position
        b"\x1b[I",                 // focus in
        b"\x1b[O",                 // focus out
        b"\x1b[?64;1;2c",          // primary device attributes
        b"\x1b[>41;380;0c",        // secondary device attributes
        b"\x1b[?1u",               // kitty keyboard flags
        b"\x1b[4;1$y",             // ANSI mode report
        b"\x1b[8;24;80t",          // window size report
        b"\x1b[?1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23;24;25;26$y",
    ] {
        let mut input = reply.to_vec();
        input.extend_from_slice(b"q");
        assert_eq!(decode(&[&input]), keys("q"), "{reply:?}");
    }
}

#[test]
fn an_over_long_or_broken_sequence_does_not_swallow_keys() {
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b'1', 500));
    long.extend_from_slice(b"xq");
    assert_eq!(decode(&[&long]), keys("q"));
    // A control character inside a sequence ends it; the key after it is kept.
    assert_eq!(
        decode(&[b"\x1b[12\rq"]),
        [
            key(KeyCode::Enter, KeyModifiers::NONE),
            keys("q")[0].clone()
        ]
    );
}

#[test]
fn a_paste_is_one_event_even_split_across_reads() {
    let out = decode(&[b"\x1b[200~sharply\rquo", b"ted later\x1b[2", b"01~q"]);
    assert_eq!(
        out,
        [
            Decoded::Event(Event::Paste("sharply\rquoted later".into())),
            keys("q")[0].clone()
        ]
    );
    // ESC inside a paste is text, not the start of a key.
    let out = decode(&[b"\x1b[200~a\x1b[Ab\x1b[201~"]);
    assert_eq!(out, [Decoded::Event(Event::Paste("a\x1b[Ab".into()))]);
}

#[test]
fn a_paste_is_bounded_and_an_unfinished_one_ends_by_timeout() {
    let mut big = b"\x1b[200~".to_vec();
    big.extend(std::iter::repeat_n(b'x', MAX_PASTE * 3));
    big.extend_from_slice(b"\x1b[201~j");
    let out = decode(&[&big]);
    let Decoded::Event(Event::Paste(text)) = &out[0] else {
        panic!("{:?}", &out[0]);
    };
    assert_eq!(text.len(), MAX_PASTE);
    assert_eq!(out[1], keys("j")[0]);

    let mut decoder = Decoder::new();
    let t0 = Instant::now();
    assert!(decoder.feed(b"\x1b[200~abc", t0).is_empty());
    let out = decoder.timeout(t0 + PASTE_TIMEOUT);
    assert_eq!(out, [Decoded::Event(Event::Paste("abc".into()))]);
    assert_eq!(decoder.feed(b"q", t0 + PASTE_TIMEOUT), keys("q"));
}

#[test]
fn control_keys_decode_as_crossterm_would() {
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(
        decode(&[b"\x03\x1a\x0c\r\t\x7f"]),
        [
            ctrl('c'),
            ctrl('z'),
            ctrl('l'),
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Tab, KeyModifiers::NONE),
            key(KeyCode::Backspace, KeyModifiers::NONE),
        ]
    );
    assert_eq!(
        decode(&[b"\x1b[6~\x1b[Z"]),
        [
            key(KeyCode::PageDown, KeyModifiers::NONE),
            key(KeyCode::BackTab, KeyModifiers::SHIFT),
        ]
    );
}

#[test]
fn any_bytes_decode_without_panicking() {
    use proptest::prelude::*;
    proptest!(|(chunks in proptest::collection::vec(
        proptest::collection::vec(prop_oneof![
            Just(0x1bu8), Just(b'['), Just(b'<'), Just(b'?'), Just(b';'), Just(b'M'),
            Just(b'~'), Just(b'$'), Just(b'O'), any::<u8>()
        ], 0..40), 0..8))| {
        let mut decoder = Decoder::new();
        let t0 = Instant::now();
        for (i, chunk) in chunks.iter().enumerate() {
            let at = t0 + Duration::from_millis(10 * u64::try_from(i).unwrap());
            let _ = decoder.feed(chunk, at);
            prop_assert!(decoder.pending.len() <= MAX_SEQUENCE);
        }
        let _ = decoder.timeout(t0 + Duration::from_secs(10));
        prop_assert!(decoder.deadline().is_none());
    });
}
