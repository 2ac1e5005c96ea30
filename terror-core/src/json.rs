//! The JSON writer behind `Problem::to_json`.
//!
//! It writes exactly what serde_json writes for the same document (a test
//! compares them byte for byte), but first checks a whole string for
//! anything to escape in one vectorized pass, then escapes eight bytes at a
//! time: error texts rarely contain anything to escape, and non-Latin
//! scripts double their byte count, so a byte-at-a-time scan dominated
//! rendering.

use std::borrow::Cow;

use crate::args::{ArgValue, Args};

/// Bytes JSON strings must escape: controls, `"` and `\`.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `bytes` needs escaping. It reads every byte, with no
/// early exit: a text of 32 bytes or more so that the compiler checks many
/// bytes per instruction; a shorter one, as most member values are, in one
/// or a few words, read so that they overlap rather than byte by byte.
fn any_needs_escape(bytes: &[u8]) -> bool {
    let len = bytes.len();
    if len >= 32 {
        return bytes
            .iter()
            .fold(0_u8, |found, &byte| found | u8::from(needs_escape(byte)))
            != 0;
    }
    if len >= 8 {
        // Two words, or four for 17 to 31 bytes, overlapping rather than a
        // loop: every byte is read at least once.
        let word = |at: usize| escape_mask(word_of(&bytes[at..at + 8]));
        let mut found = word(0) | word(len - 8);
        if len > 16 {
            found |= word(8) | word(len - 16);
        }
        return found != 0;
    }
    if len >= 4 {
        // The first four bytes and the last four, overlapping, as one word.
        let first = u32_of(&bytes[..4]);
        let last = u32_of(&bytes[len - 4..]);
        return escape_mask(u64::from(first) | u64::from(last) << 32) != 0;
    }
    bytes.iter().any(|&byte| needs_escape(byte))
}

/// Eight bytes as a word; anything shorter (never passed) reads as zeros,
/// which need escaping, so a mistake could only send a text the slow way.
fn word_of(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))
}

/// Four bytes as a number; as [`word_of`], anything shorter reads as zeros.
fn u32_of(chunk: &[u8]) -> u32 {
    u32::from_le_bytes(chunk.try_into().unwrap_or([0; 4]))
}

/// Whether any of the eight bytes needs escaping.
fn word_needs_escape(word: u64) -> bool {
    escape_mask(word) != 0
}

/// The high bit of each byte of the word that needs escaping, and maybe of
/// bytes after it (the borrows of the subtractions run upward): zero
/// exactly when no byte needs escaping.
fn escape_mask(word: u64) -> u64 {
    // A byte below 0x20: subtracting 0x20 borrows into its high bit.
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    (below_space | zero_bytes(quote) | zero_bytes(backslash)) & HIGHS
}

/// Nonzero in the high bits when any byte of the word is zero.
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word
}

/// `text` escaped as inside a JSON string, without the quotes: borrowed
/// when it has nothing to escape, as almost every text has.
pub(crate) fn contents(text: &str) -> Cow<'_, str> {
    if !any_needs_escape(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 8);
    write_str_contents(&mut out, text);
    // Escaping keeps UTF-8 valid: it replaces ASCII bytes with ASCII.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// Writes `text` as a JSON string.
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    write_str_contents(out, text);
    out.push(b'"');
}

/// Writes `text` escaped as inside a JSON string, without the quotes:
/// the contents of `a + b` are those of `a` followed by those of `b`.
pub(crate) fn write_str_contents(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    // Most texts have nothing to escape: one pass finds that out.
    if !any_needs_escape(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            // A chunk of eight converts to [u8; 8]; were it ever not to, the
            // zeros would take the byte-by-byte path below.
            let word = word_of(chunk);
            if !word_needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        if !needs_escape(byte) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            control => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(control >> 4)],
                HEX[usize::from(control & 0xf)],
            ]),
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Writes a member name and colon, after a comma unless first.
pub(crate) fn write_key(out: &mut Vec<u8>, first: &mut bool, key: &str) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    write_str(out, key);
    out.push(b':');
}

/// Appends `,"name":`, the name of one of the document's own members after
/// its first: one copy of a piece known at compile time, which the compiler
/// turns into a few stores (a 404 writes nine of them). The name must need
/// no escaping.
macro_rules! member {
    ($out:expr, $name:literal) => {
        $out.extend_from_slice(concat!(",\"", $name, "\":").as_bytes())
    };
}
pub(crate) use member;

/// About how many bytes [`write_args`] writes, for reserving them: exact
/// for names and texts without escapes, a guess for other values.
pub(crate) fn args_estimate(args: &Args<'_>) -> usize {
    args.iter()
        .map(|(name, value)| {
            name.len()
                + 6
                + match value {
                    ArgValue::Str(text) => text.len(),
                    _ => 24,
                }
        })
        .sum::<usize>()
        + 2
}

pub(crate) fn write_args(out: &mut Vec<u8>, args: &Args<'_>) {
    out.push(b'{');
    let mut first = true;
    for (name, value) in args.iter() {
        write_key(out, &mut first, name);
        write_value(out, value);
    }
    out.push(b'}');
}

fn write_value(out: &mut Vec<u8>, value: &ArgValue<'_>) {
    match value {
        ArgValue::Str(s) => write_str(out, s),
        ArgValue::Int(i) => {
            out.extend_from_slice(crate::args::int_text(*i, &mut itoa::Buffer::new()).as_bytes());
        }
        ArgValue::Bool(true) => out.extend_from_slice(b"true"),
        ArgValue::Bool(false) => out.extend_from_slice(b"false"),
        ArgValue::Null => out.extend_from_slice(b"null"),
        // Floats (NaN and infinities become null) and nested JSON values are
        // rare: serde_json writes them. Writing to a Vec cannot fail.
        ArgValue::Float(f) => {
            let _ = serde_json::to_writer(&mut *out, f);
        }
        ArgValue::Json(v) => {
            let _ = serde_json::to_writer(&mut *out, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_match_serde_json() {
        let mut samples: Vec<String> = vec![
            String::new(),
            "plain ascii text that is longer than eight bytes".into(),
            "Том db-02 не найден.".into(),
            "quote \" backslash \\ slash / tab \t newline \n cr \r".into(),
            "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}\u{2028}\u{fffd}😀".into(),
            "\"\"\"\"\"\"\"\"\"".into(),
        ];
        // Every byte value that can start or sit inside a UTF-8 string, at
        // every offset within a word.
        for c in (0_u32..0x80).chain([0xe9, 0x416, 0x2068, 0x1f600]) {
            let c = char::from_u32(c).unwrap();
            for offset in 0..9 {
                samples.push(format!(
                    "{}{c}{}",
                    "a".repeat(offset),
                    "b".repeat(9 - offset)
                ));
            }
        }
        for sample in samples {
            assert_eq!(
                ours(&sample),
                serde_json::to_string(&sample).unwrap(),
                "{sample:?}"
            );
        }
    }

    /// Every length the word-at-a-time check serves, and those on either
    /// side, with one byte to escape at every position, and none.
    #[test]
    fn text_checks_are_exact_at_every_length() {
        for len in 0..40 {
            let clean = vec![b'a'; len];
            assert!(!any_needs_escape(&clean), "{len} clean bytes");
            for position in 0..len {
                for special in [0_u8, 0x1f, b'"', b'\\'] {
                    let mut bytes = clean.clone();
                    bytes[position] = special;
                    assert!(any_needs_escape(&bytes), "{special} at {position} of {len}");
                }
            }
        }
    }

    #[test]
    fn word_checks_are_exact() {
        for special in [0_u8, 0x1f, b'"', b'\\'] {
            for position in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[position] = special;
                assert!(
                    word_needs_escape(u64::from_le_bytes(bytes)),
                    "{special} at {position}"
                );
            }
        }
        for byte in 0x20_u8..=0xff {
            if byte != b'"' && byte != b'\\' {
                assert!(!word_needs_escape(u64::from_le_bytes([byte; 8])), "{byte}");
            }
        }
    }
}
