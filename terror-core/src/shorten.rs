//! Cutting text received or rendered to a bound: what of a long text a
//! status's trailers carry, or an error quotes of what a server sent.

use std::borrow::Cow;

/// `text` cut to at most `max` bytes (at least four) at a character's
/// boundary, ending in `…`, when it is longer. Not public API.
pub fn shorten(text: Cow<'_, str>, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return text;
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

/// `text` with its middle cut out and replaced by `…` when it is longer
/// than `ends` bytes at each end, cut at characters' boundaries: for a
/// message that quotes a value in its middle (serde's `invalid type:
/// string "…", expected u32`), whose beginning and end both say
/// something.
#[cfg(feature = "client")]
pub(crate) fn shorten_middle(text: String, ends: usize) -> String {
    if text.len() <= 2 * ends + '…'.len_utf8() {
        return text;
    }
    let mut head = ends;
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = text.len() - ends;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{}", &text[..head], &text[tail..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_at_a_character_boundary() {
        assert_eq!(shorten(Cow::Borrowed("short"), 8), "short");
        let cut = shorten(Cow::Borrowed("ééééé"), 8);
        assert_eq!(cut, "éé…");
        assert!(cut.len() <= 8);
        assert_eq!(shorten(Cow::Borrowed("abcdefghij"), 8), "abcde…");
    }

    #[cfg(feature = "client")]
    #[test]
    fn a_long_text_keeps_both_ends() {
        assert_eq!(shorten_middle("abcdefghi".into(), 3), "abcdefghi");
        assert_eq!(shorten_middle("abcdefghij".into(), 3), "abc…hij");
        assert_eq!(shorten_middle("ééééé".into(), 3), "é…é");
    }
}
