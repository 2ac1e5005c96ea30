//! The pseudo-localization of text: which words are prose and change, and
//! how they change.

/// How a pseudo-locale changes the prose of its source.
///
/// ```
/// use terror_ftl::pseudo::Style;
///
/// assert_eq!(Style::of_region("XA"), Some(Style::Accented));
/// assert_eq!(Style::of_region("XB"), Some(Style::Mirrored));
/// assert_eq!(Style::of_region("US"), None);
/// assert_eq!(Style::Accented.transform("Volume not found"), "Ṽooŀuuḿee ƞooŧ ƒoouuƞḓ");
/// assert_eq!(Style::Mirrored.transform("in use"), "\u{202e}ıu\u{202c} \u{202e}nsǝ\u{202c}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `en-XA`: every Latin letter accented, and `a`, `e`, `o` and `u`
    /// doubled, so text stays readable and is about a third longer
    /// (Mozilla's "accented" transform).
    Accented,
    /// `ar-XB`: every Latin letter turned upside down or mirrored, and each
    /// word wrapped in a right-to-left override (U+202E … U+202C), so text
    /// reads right to left (Mozilla's "bidi" transform, words overridden
    /// one by one as Android's `ar-XB` does).
    Mirrored,
}

impl Style {
    /// The style of a pseudo-locale by its region: `XA` (accented) and
    /// `XB` (right to left), the private-use regions Android, Chromium and
    /// Mozilla reserve for pseudo-locales. `None` for any other region.
    pub fn of_region(region: &str) -> Option<Self> {
        if region.eq_ignore_ascii_case("XA") {
            Some(Style::Accented)
        } else if region.eq_ignore_ascii_case("XB") {
            Some(Style::Mirrored)
        } else {
            None
        }
    }

    /// The style of `locale`, by its region (see
    /// [`of_region`](Self::of_region)); `None` for a locale that is no
    /// pseudo-locale.
    #[cfg(feature = "plurals")]
    pub fn of_locale(locale: &unic_langid::LanguageIdentifier) -> Option<Self> {
        Self::of_region(locale.region?.as_str())
    }

    /// One text, its prose transformed and what looks like code left as
    /// it is (see [the module docs](super) for the rule).
    pub fn transform(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        Words::new(self).push(text, &mut out);
        out
    }

    /// Writes one prose word, transformed.
    fn word(self, word: &str, out: &mut String) {
        let has_letter = word.bytes().any(|b| b.is_ascii_alphabetic());
        match self {
            Style::Accented => {
                for c in word.chars() {
                    let accented = accent(c);
                    out.push(accented);
                    if matches!(c, 'a' | 'e' | 'o' | 'u') {
                        out.push(accented);
                    }
                }
            }
            // A word without a letter (a dash, an ellipsis) is left out of
            // the override: there is nothing in it to mirror.
            Style::Mirrored if !has_letter => out.push_str(word),
            Style::Mirrored => {
                out.push(RIGHT_TO_LEFT_OVERRIDE);
                out.extend(word.chars().map(mirror));
                out.push(POP_DIRECTIONAL_FORMATTING);
            }
        }
    }
}

const RIGHT_TO_LEFT_OVERRIDE: char = '\u{202e}';
const POP_DIRECTIONAL_FORMATTING: char = '\u{202c}';

const ACCENTED_SMALL: [char; 26] = [
    'a', 'ƀ', 'ƈ', 'ḓ', 'e', 'ƒ', 'ɠ', 'ħ', 'i', 'ĵ', 'ķ', 'ŀ', 'ḿ', 'ƞ', 'o', 'ƥ', 'ɋ', 'ř', 'ş',
    'ŧ', 'u', 'ṽ', 'ẇ', 'ẋ', 'ẏ', 'ẑ',
];
const ACCENTED_CAPITAL: [char; 26] = [
    'A', 'Ɓ', 'Ƈ', 'Ḓ', 'E', 'Ƒ', 'Ɠ', 'Ħ', 'I', 'Ĵ', 'Ķ', 'Ŀ', 'Ḿ', 'Ƞ', 'O', 'Ƥ', 'Ɋ', 'Ř', 'Ş',
    'Ŧ', 'U', 'Ṽ', 'Ẇ', 'Ẋ', 'Ẏ', 'Ẑ',
];
const MIRRORED_SMALL: [char; 26] = [
    'ɐ', 'q', 'ɔ', 'p', 'ǝ', 'ɟ', 'ƃ', 'ɥ', 'ı', 'ɾ', 'ʞ', 'ʅ', 'ɯ', 'u', 'o', 'd', 'b', 'ɹ', 's',
    'ʇ', 'n', 'ʌ', 'ʍ', 'x', 'ʎ', 'z',
];
const MIRRORED_CAPITAL: [char; 26] = [
    '∀', 'Ԑ', 'Ↄ', 'ᗡ', 'Ǝ', 'Ⅎ', '⅁', 'H', 'I', 'ſ', 'Ӽ', '⅂', 'W', 'N', 'O', 'Ԁ', 'Ò', 'ᴚ', 'S',
    '⊥', '∩', 'Ʌ', 'M', 'X', '⅄', 'Z',
];

fn accent(c: char) -> char {
    latin(c, &ACCENTED_SMALL, &ACCENTED_CAPITAL)
}

fn mirror(c: char) -> char {
    latin(c, &MIRRORED_SMALL, &MIRRORED_CAPITAL)
}

/// `c` looked up in a table of the 26 small or capital Latin letters; any
/// other character is itself.
fn latin(c: char, small: &[char; 26], capital: &[char; 26]) -> char {
    match c {
        'a'..='z' => small[usize::from(c as u8 - b'a')],
        'A'..='Z' => capital[usize::from(c as u8 - b'A')],
        _ => c,
    }
}

/// Transforms the texts of one pattern, in order. What it carries from one
/// text to the next lets code run across a placeable: a backtick opened
/// before `{ $name }` closes after it, and `/volumes/{ $id }/snapshots`
/// stays a path.
#[derive(Debug, Clone, Copy)]
pub(super) struct Words {
    style: Style,
    /// Inside a backtick code span.
    in_backticks: bool,
    /// The last thing written was code that no blank has ended yet, so the
    /// text right after a placeable continues it.
    in_code: bool,
}

impl Words {
    pub(super) fn new(style: Style) -> Self {
        Words {
            style,
            in_backticks: false,
            in_code: false,
        }
    }

    /// Writes `text` transformed to `out`.
    pub(super) fn push(&mut self, mut text: &str, out: &mut String) {
        while !text.is_empty() {
            if self.in_backticks {
                let end = match text.find('`') {
                    Some(close) => {
                        self.in_backticks = false;
                        close + 1
                    }
                    None => text.len(),
                };
                out.push_str(&text[..end]);
                self.in_code = true;
                text = &text[end..];
                continue;
            }
            let blank = text.len() - text.trim_start().len();
            if blank > 0 {
                out.push_str(&text[..blank]);
                self.in_code = false;
                text = &text[blank..];
                continue;
            }
            if let Some(rest) = text.strip_prefix('`') {
                out.push('`');
                self.in_backticks = true;
                text = rest;
                continue;
            }
            let end = text
                .find(|c: char| c.is_whitespace() || c == '`')
                .unwrap_or(text.len());
            let word = &text[..end];
            if self.in_code || is_code(word) {
                out.push_str(word);
                self.in_code = true;
            } else {
                self.style.word(word, out);
            }
            text = &text[end..];
        }
    }
}

/// What may open a word of code: `("/volumes")`.
const OPENING_PUNCTUATION: [char; 8] = ['(', '[', '"', '\'', '«', '“', '‘', '<'];
/// What may close a word of code: `volume.not_found.`, `GET,`.
const CLOSING_PUNCTUATION: [char; 15] = [
    '.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '»', '”', '’', '>', '…',
];

/// Whether a word (what lies between blanks) looks like code rather than
/// prose. Punctuation around it is set aside first, so `volume.not_found.`
/// and `(/volumes)` are judged as `volume.not_found` and `/volumes`.
pub(super) fn is_code(word: &str) -> bool {
    let core = word
        .trim_start_matches(OPENING_PUNCTUATION)
        .trim_end_matches(CLOSING_PUNCTUATION);
    if core.is_empty() {
        return false;
    }
    let path = ["/", "./", "../", "~/"].iter().any(|p| core.starts_with(p));
    path || has_scheme(core)
        || core.contains("::")
        || core.contains('_')
        || core.chars().any(|c| c.is_ascii_digit())
        || is_capitals(core)
        || is_camel_case(core)
        || is_dotted(core)
}

/// `https://…`: a scheme (a letter, then letters, digits, `+`, `-` or `.`)
/// and `://`.
fn has_scheme(word: &str) -> bool {
    word.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `GET`, `JSON`, `UTF-8`: two letters or more, none of them small. A lone
/// capital (`A`, `I`) is prose.
fn is_capitals(word: &str) -> bool {
    let mut letters = 0_usize;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// `errorsTotal`: a small letter followed by a capital one.
fn is_camel_case(word: &str) -> bool {
    let mut previous_small = false;
    for c in word.chars() {
        if previous_small && c.is_uppercase() {
            return true;
        }
        previous_small = c.is_lowercase();
    }
    false
}

/// `volume.not_found`, `example.com`, `app.toml`: a dot between two ASCII
/// letters or digits. Abbreviations whose parts are single letters (`e.g`,
/// `i.e`) are prose.
fn is_dotted(word: &str) -> bool {
    let inner_dot = word
        .as_bytes()
        .windows(3)
        .any(|w| w[1] == b'.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric());
    inner_dot && word.split('.').any(|part| part.chars().count() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accented(text: &str) -> String {
        Style::Accented.transform(text)
    }

    #[test]
    fn prose_changes_and_keeps_its_punctuation() {
        assert_eq!(
            accented("Hello, World! A well-known (right-to-left) e.g. i.e. case…"),
            "Ħeeŀŀoo, Ẇoořŀḓ! A ẇeeŀŀ-ķƞooẇƞ (řiɠħŧ-ŧoo-ŀeeƒŧ) ee.ɠ. i.ee. ƈaaşee…"
        );
        assert_eq!(accented("Content-Type"), "Ƈooƞŧeeƞŧ-Ŧẏƥee");
    }

    #[test]
    fn code_stays() {
        for code in [
            "GET",
            "HTTP/1.1",
            "UTF-8",
            "/orders",
            "/v1/volumes/{id}",
            "./app.toml",
            "~/locales",
            "https://example.com/docs?q=a",
            "mailto+x://a",
            "volume.not_found",
            "request_id",
            "terror_core::Localizer",
            "example.com",
            "errorsTotal",
            "3",
            "1.5",
            "4xx",
            "v2",
            "(/volumes).",
            "\"volume.not_found\",",
        ] {
            assert_eq!(accented(code), code);
            assert!(is_code(code), "{code}");
        }
    }

    #[test]
    fn prose_is_not_code() {
        for word in [
            "A",
            "I",
            "Volume",
            "well-known",
            "e.g.",
            "and/or",
            "hosts.",
            "(see",
            "…",
            "-",
            "://x",
        ] {
            assert!(!is_code(word), "{word}");
        }
    }

    #[test]
    fn backticks_keep_everything_inside() {
        assert_eq!(
            accented("Run `terror check --source en-GB` first."),
            "Řuuƞ `terror check --source en-GB` ƒiřşŧ."
        );
        // An unclosed span runs to the end of the pattern.
        assert_eq!(accented("Run `terror check"), "Řuuƞ `terror check");
    }

    #[test]
    fn state_runs_across_texts() {
        let mut words = Words::new(Style::Accented);
        let mut out = String::new();
        for text in ["See `", "` or /volumes/", "/snapshots and ", "s"] {
            words.push(text, &mut out);
            out.push('|');
        }
        assert_eq!(out, "Şeeee `|` ooř /volumes/|/snapshots aaƞḓ |ş|");
    }

    #[test]
    fn mirrored_overrides_each_word_and_leaves_code() {
        assert_eq!(
            Style::Mirrored.transform("Send GET /volumes - now."),
            "\u{202e}Sǝup\u{202c} GET /volumes - \u{202e}uoʍ.\u{202c}"
        );
    }

    #[test]
    fn every_letter_changes_unless_it_looks_the_same_turned() {
        for c in ('a'..='z').chain('A'..='Z') {
            assert!(accent(c) != c || "aeiouAEIOU".contains(c), "{c}");
            assert!(mirror(c) != c || "osxzHINOSXZ".contains(c), "{c}");
        }
    }
}
