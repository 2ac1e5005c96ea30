//! Fluent file analysis shared by terror's compile-time checks (in
//! `terror-derive`), its catalog checks (in `terror-core`) and the
//! translators' `terror` command (`terror-cli`): which variables a message
//! uses and where, which plural selectors it has, which plural categories a
//! locale needs (feature `plurals`, in [`plural`]), and positions as file,
//! line and column.
//!
//! Two rules the same crates share live beside it: [`ids`] names a
//! code's message (`volume.not_found` is `volume-not-found`), and
//! [`suggest`] finds the name a typo meant, for "did you mean" hints.
//!
//! ```
//! use terror_ftl::Messages;
//!
//! let source = "\
//! ## $name (String) - the volume
//! volume-in-use = Volume { $name } is attached to { $hosts ->
//!         [one] one host
//!        *[other] { $hosts } hosts
//!     }.
//!     .hint = Detach { $nme } first.
//! ";
//! let resource = terror_ftl::parse(source).unwrap();
//! let messages = Messages::new([(source, &resource.body)]);
//! let uses = messages.variables("volume-in-use").unwrap();
//! let names: Vec<&str> = uses.iter().map(|u| u.name).collect();
//! assert_eq!(names, ["name", "hosts", "nme"]);
//! assert_eq!(terror_ftl::position(source, uses[2].offset), (6, 22));
//! assert_eq!(uses[2].via.as_deref(), Some(".hint"));
//!
//! let selects = messages.plural_selects("volume-in-use").unwrap();
//! assert_eq!(selects[0].variable, "hosts");
//! assert_eq!(selects[0].keys, ["one", "other"]);
//! ```

use fluent_syntax::ast;
use fluent_syntax::parser::ParserError;

pub mod graph;
pub mod ids;
mod lines;
mod messages;
#[cfg(feature = "plurals")]
pub mod plural;
pub mod suggest;
mod text;

pub use lines::{offset_in, position, LineIndex};
pub use messages::{Messages, PluralSelect, VariableUse, MAX_VARIABLES};
pub use text::{message_source, pattern_text};

/// Placeables and function calls nest at most this deep in a file. Real
/// messages need two or three levels; the Fluent parser needs stack space
/// for each level, so a deeper file is refused before it is parsed (see
/// [`check_nesting`]).
pub const MAX_NESTING: usize = 32;

/// The CLDR plural category names Fluent matches against numbers.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line where the parser stopped.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The line where the broken entry starts, when known.
    pub entry_line: Option<usize>,
    /// The parser's message.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: syntax error: {}",
            self.line, self.column, self.message
        )?;
        match self.entry_line {
            Some(entry) if entry != self.line => {
                write!(f, " (in the entry starting at line {entry})")
            }
            _ => Ok(()),
        }
    }
}

/// Parses a file, reporting every syntax error with its position; see
/// [`parse_guarded`] for what is refused before parsing.
pub fn parse(source: &str) -> Result<ast::Resource<&str>, Vec<SyntaxError>> {
    parse_guarded(source, || {
        fluent_syntax::parser::parse(source).map_err(|(_, errors)| errors)
    })
}

/// Runs a Fluent `parser` over `source` (fluent-syntax's, or
/// `FluentResource::try_new`, which parses with it) so that no file can
/// take the process down, and turns its errors into positioned
/// [`SyntaxError`]s.
///
/// A file the parser cannot take without a panic (placeables nested deeper
/// than [`MAX_NESTING`], a broken `\u` escape; see [`check_nesting`]) is
/// refused first, with one error where it goes wrong. The Fluent parser
/// is not expected to panic otherwise; should it ever, the panic is
/// reported as a syntax error at the start of the file instead of ending
/// the process (or the build).
///
/// ```
/// let broken = terror_ftl::parse_guarded("a = {", || {
///     fluent_syntax::parser::parse("a = {").map_err(|(_, errors)| errors)
/// });
/// assert_eq!(broken.unwrap_err()[0].line, 1);
/// ```
pub fn parse_guarded<T>(
    source: &str,
    parser: impl FnOnce() -> Result<T, Vec<ParserError>>,
) -> Result<T, Vec<SyntaxError>> {
    check_nesting(source).map_err(|e| vec![e])?;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(parser)) {
        Ok(Ok(parsed)) => Ok(parsed),
        Ok(Err(errors)) => {
            let lines = LineIndex::new(source);
            Err(errors.iter().map(|e| syntax_error(&lines, e)).collect())
        }
        Err(_) => Err(vec![SyntaxError {
            line: 1,
            column: 1,
            entry_line: None,
            message: "the Fluent parser failed on this file".to_owned(),
        }]),
    }
}

/// Checks what the Fluent parser cannot take without a panic, without
/// parsing: placeables (`{`) and function call arguments (`(`) nested more
/// than [`MAX_NESTING`] levels deep (the parser recurses once per level,
/// and a few kilobytes of `{` exhaust the stack of the thread parsing
/// them), and a `\u` or `\U` escape in a string literal not followed by 4
/// or 6 hexadecimal digits (fluent-syntax 0.12 panics on one followed by a
/// non-ASCII character).
///
/// The nesting count errs on the side of more depth (a broken file may be
/// refused for nesting before its first syntax error is reported), never
/// less: braces inside string literals and comment lines do not count.
///
/// ```
/// assert!(terror_ftl::check_nesting("a = { $n -> *[other] { NUMBER($n) } }").is_ok());
/// let deep = format!("a = {}$x{}", "{".repeat(40), "}".repeat(40));
/// let error = terror_ftl::check_nesting(&deep).unwrap_err();
/// assert_eq!((error.line, error.column), (1, 37));
/// let escape = terror_ftl::check_nesting("a = { \"\\u٣\" }").unwrap_err();
/// assert_eq!((escape.line, escape.column), (1, 8));
/// ```
pub fn check_nesting(source: &str) -> Result<(), SyntaxError> {
    let bytes = source.as_bytes();
    let (mut braces, mut parens) = (0_usize, 0_usize);
    let mut in_string = false;
    let mut line_start = true;
    let mut i = 0;
    let error = |at: usize, message: String| {
        let (line, column) = position(source, at);
        Err(SyntaxError {
            line,
            column,
            entry_line: None,
            message,
        })
    };
    while i < bytes.len() {
        let byte = bytes[i];
        if line_start && byte == b'#' && braces == 0 {
            // A comment line.
            i = memchr_newline(bytes, i);
            continue;
        }
        line_start = byte == b'\n';
        if in_string {
            match byte {
                b'\n' | b'"' => in_string = false,
                b'\\' => match bytes.get(i + 1) {
                    Some(&marker @ (b'u' | b'U')) => {
                        let digits = if marker == b'u' { 4 } else { 6 };
                        let hex = bytes[i + 2..]
                            .iter()
                            .take(digits)
                            .take_while(|b| b.is_ascii_hexdigit())
                            .count();
                        if hex < digits {
                            return error(
                                i,
                                format!(
                                    "`\\{}` must be followed by {digits} hexadecimal digits",
                                    char::from(marker)
                                ),
                            );
                        }
                        i += 1 + digits;
                    }
                    Some(b'\n') | None => {}
                    Some(_) => i += 1,
                },
                _ => {}
            }
        } else {
            match byte {
                b'"' if braces > 0 => in_string = true,
                b'{' => braces += 1,
                b'(' if braces > 0 => parens += 1,
                b'}' => braces = braces.saturating_sub(1),
                b')' => parens = parens.saturating_sub(1),
                _ => {}
            }
            if braces + parens > MAX_NESTING {
                return error(
                    i,
                    format!(
                        "placeables and function calls nest more than {MAX_NESTING} levels deep here"
                    ),
                );
            }
        }
        i += 1;
    }
    Ok(())
}

/// The index of the next newline at or after `from`, or the end.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// Converts a fluent-syntax parser error, with positions from the file's
/// [`LineIndex`]. A file that starts with a byte order mark, which Fluent
/// does not allow and an editor may save unasked, is told so: the parser
/// itself only says it expected a letter.
pub fn syntax_error(lines: &LineIndex<'_>, error: &ParserError) -> SyntaxError {
    let (line, column) = lines.position(error.pos.start);
    let message = if error.pos.start == 0 && lines.source().starts_with('\u{feff}') {
        BOM_MESSAGE.to_owned()
    } else {
        error.kind.to_string()
    };
    SyntaxError {
        line,
        column,
        entry_line: error.slice.as_ref().map(|s| lines.position(s.start).0),
        message,
    }
}

/// What a syntax error at the byte order mark of a file says.
const BOM_MESSAGE: &str =
    "the file starts with a byte order mark (BOM), which Fluent does not allow: save it as UTF-8 without BOM";

/// A message's value (`attribute` None) or one of its attributes.
pub fn message_pattern<'m, S>(
    message: &'m ast::Message<S>,
    attribute: Option<&str>,
) -> Option<&'m ast::Pattern<S>>
where
    S: AsRef<str>,
{
    match attribute {
        None => message.value.as_ref(),
        Some(name) => message
            .attributes
            .iter()
            .find(|a| a.id.name.as_ref() == name)
            .map(|a| &a.value),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    const SOURCE: &str = "\
-brand = Terror
volume-in-use = Volume { $name } has { $hosts ->
        [one] one host
        [few] a few { NUMBER($hosts) }
       *[other] { $hosts } hosts
    } { -brand($case) }.
    .title = In use
    .hint = { volume-help }
volume-help = Ask { $admin } about { volume-in-use }.
plain = Just text { $x ->
       *[a] A
    }
";

    fn names<'s>(uses: &[VariableUse<'s>]) -> Vec<&'s str> {
        uses.iter().map(|u| u.name).collect()
    }

    #[test]
    fn variables_through_references_terms_and_functions() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let uses = messages.variables("volume-in-use").unwrap();
        // Each variable once, at its first use; volume-in-use.hint reaches
        // volume-help, which refers back to volume-in-use's value.
        assert_eq!(names(&uses), ["name", "hosts", "case", "admin"]);
        let admin = uses.iter().find(|u| u.name == "admin").unwrap();
        assert_eq!(admin.via.as_deref(), Some("volume-help"));
        assert_eq!(messages.position_of(admin.resource, admin.offset), (9, 21));
        assert!(messages.variables("nope").is_none());
    }

    /// A chain of messages, each showing a variable and referring to the
    /// next: each message lists at most `MAX_VARIABLES`, so the work is
    /// linear in the chain.
    #[test]
    fn a_chain_of_references_lists_a_bounded_number_of_variables() {
        let mut source = String::new();
        for i in 0..1_000 {
            writeln!(source, "m{i} = {{ $v{i} }} {{ m{} }}", i + 1).unwrap();
        }
        source.push_str("m1000 = end\n");
        let resource = parse(&source).unwrap();
        let messages = Messages::new([(source.as_str(), &resource.body)]);
        let uses = messages.variables("m0").unwrap();
        assert_eq!(uses.len(), MAX_VARIABLES);
        assert_eq!((uses[0].name, uses[99].name), ("v0", "v99"));
        assert_eq!(messages.variables("m999").unwrap().len(), 1);
    }

    #[test]
    fn a_byte_order_mark_is_named() {
        let errors = parse("\u{feff}a = b\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (1, 1));
        assert!(errors[0].message.contains("byte order mark"), "{errors:?}");
        // Elsewhere the parser's own words stand.
        let errors = parse("a = {\n").unwrap_err();
        assert!(!errors[0].message.contains("byte order mark"));
    }

    #[test]
    fn plural_selects_need_a_category_or_number_key() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let selects = messages.plural_selects("volume-in-use").unwrap();
        assert_eq!(selects.len(), 1);
        assert_eq!(selects[0].keys, ["one", "few", "other"]);
        assert_eq!(selects[0].default_key, "other");
        assert_eq!(messages.position_of(0, selects[0].offset), (2, 40));
        assert!(messages.plural_selects("plain").unwrap().is_empty());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errors = parse("ok = fine\nbroken = { $x\nnext = 1\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[0].entry_line, Some(2));
        assert!(errors[0]
            .to_string()
            .contains("(in the entry starting at line 2)"));
    }

    #[test]
    fn sources_and_patterns_as_text() {
        let resource = parse(SOURCE).unwrap();
        let messages = Messages::new([(SOURCE, &resource.body)]);
        let (_, message) = messages.get("volume-help").unwrap();
        assert_eq!(
            message_source(message),
            "volume-help = Ask { $admin } about { volume-in-use }."
        );
        let (_, message) = messages.get("volume-in-use").unwrap();
        assert_eq!(pattern_text(&message.attributes[0].value), "In use");
        assert_eq!(
            pattern_text(message.value.as_ref().unwrap()),
            "Volume { $name } has { $hosts ->\n    [one] one host\n    [few] a few { NUMBER($hosts) }\n   *[other] { $hosts } hosts\n} { -brand($case) }."
        );
        assert!(message_source(message).contains("    .title = In use"));
    }

    #[test]
    fn variables_in_reference_cycles_are_shared() {
        let source = "a = { $x } { b }\nb = { $y } { a }\nc = { b } { $z }\n";
        let resource = parse(source).unwrap();
        let messages = Messages::new([(source, &resource.body)]);
        assert_eq!(names(&messages.variables("a").unwrap()), ["x", "y"]);
        assert_eq!(names(&messages.variables("b").unwrap()), ["x", "y"]);
        assert_eq!(names(&messages.variables("c").unwrap()), ["x", "y", "z"]);
        let b = messages.variables("a").unwrap().remove(1);
        assert_eq!(
            (b.via.as_deref(), messages.position_of(0, b.offset)),
            (Some("b"), (2, 7))
        );
    }

    /// Four references per message, 40 levels deep: 4^40 paths, so a walk
    /// that follows every path never ends, and one that stops at a depth
    /// misses the variable at the bottom.
    #[test]
    fn references_are_walked_once_however_they_branch() {
        let mut source = String::from("level0 = { $bottom }\n");
        for level in 1..=40 {
            let below = format!("{{ level{} }}", level - 1);
            writeln!(source, "level{level} = {below}{below}{below}{below}").unwrap();
        }
        let resource = parse(&source).unwrap();
        let messages = Messages::new([(source.as_str(), &resource.body)]);
        let uses = messages.variables("level40").unwrap();
        assert_eq!(names(&uses), ["bottom"]);
        assert_eq!(uses[0].via.as_deref(), Some("level0"));
        assert_eq!(messages.position_of(0, uses[0].offset), (1, 12));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        // Enough to overflow the parser's stack were it parsed.
        for depth in [MAX_NESTING + 1, 100_000] {
            let source = format!(
                "ok = fine\nx = {}$a{}\n",
                "{".repeat(depth),
                "}".repeat(depth)
            );
            let errors = parse(&source).unwrap_err();
            assert_eq!(errors.len(), 1);
            assert_eq!((errors[0].line, errors[0].column), (2, 4 + MAX_NESTING + 1));
            assert!(
                errors[0].message.contains("nest more than 32 levels"),
                "{}",
                errors[0]
            );
            let calls = format!("x = {{ {}1{} }}\n", "F(".repeat(depth), ")".repeat(depth));
            assert!(parse(&calls).is_err());
        }
        // At the limit, and with braces that do not nest, all is well.
        let at_limit = format!(
            "x = {}$a{}\n",
            "{".repeat(MAX_NESTING),
            "}".repeat(MAX_NESTING)
        );
        assert!(check_nesting(&at_limit).is_ok());
        let strings = format!(
            "x = {{ \"{}\" }}\n# {}\ny = {}\n",
            "{".repeat(99),
            "{".repeat(99),
            "{ $a }".repeat(99)
        );
        assert!(parse(&strings).is_ok());
    }

    #[test]
    fn broken_unicode_escapes_are_refused_before_parsing() {
        // fluent-syntax 0.12 slices its own error message in the middle of
        // the character after `\u` and panics.
        for source in [
            "e = { \"\\u\u{663}\" }\n",
            "e = { \"\\u00\u{663}1\" }\n",
            "e = { \"\\U\u{663}00000\" }\n",
            "e = { \"\\uzz\" }\n",
            "e={\"\\u\u{663}",
        ] {
            let errors = parse(source).unwrap_err();
            assert_eq!(errors.len(), 1, "{source:?}");
            assert!(
                errors[0].message.contains("hexadecimal digits"),
                "{}",
                errors[0]
            );
        }
        let fine = "e = { \"\\u0041\\U01F600 \\\" \\\\\" }\n";
        assert!(parse(fine).is_ok());
    }

    #[test]
    fn text_indented_with_other_blanks_prints_without_a_panic() {
        // U+00A0 and U+3000 are text, not indentation: slicing them off
        // by byte count would cut a character in two.
        let source = "a =\n    \u{a0}one\n     two\n    \u{3000}three\n";
        let resource = parse(source).unwrap();
        let messages = Messages::new([(source, &resource.body)]);
        let (_, message) = messages.get("a").unwrap();
        assert_eq!(
            pattern_text(message.value.as_ref().unwrap()),
            "\u{a0}one\n two\n\u{3000}three"
        );
        assert!(message_source(message).contains("\u{3000}three"));
    }
}
