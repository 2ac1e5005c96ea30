//! Escaping what a translator, a doc comment or a URL wrote, for HTML text
//! and attributes and for URL path segments.

use std::fmt::Write as _;

/// Writes `text` into `out` as HTML text or an attribute value: the five
/// characters that mean markup become references, and control characters
/// (which HTML does not allow, `NUL` above all) become U+FFFD.
pub(super) fn escape(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(needs_escape) {
        out.push_str(&rest[..at]);
        let mut chars = rest[at..].chars();
        let c = chars.next().unwrap_or('\u{FFFD}');
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => "\u{FFFD}",
        });
        rest = chars.as_str();
    }
    out.push_str(rest);
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && !matches!(c, '\n' | '\t'))
}

/// Writes `text` percent-encoded for a URL path segment or fragment:
/// everything but RFC 3986's unreserved characters.
pub(super) fn percent_encode(out: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape(&mut out, text);
        out
    }

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            escaped("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(
            escaped("a\0b\u{1b}c\u{85}d\ne\tf"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\ne\tf"
        );
        assert_eq!(escaped("Том «db-02» не найден"), "Том «db-02» не найден");
        assert_eq!(escaped(""), "");
    }

    #[test]
    fn url_parts_are_percent_encoded() {
        let mut out = String::new();
        percent_encode(&mut out, "volume.not_found");
        percent_encode(&mut out, " a/b?#\"<é");
        assert_eq!(out, "volume.not_found%20a%2Fb%3F%23%22%3C%C3%A9");
    }
}
