//! Parsing a Fluent file so that no file can take the process down:
//! what the parser cannot take (nesting that would exhaust its stack, a
//! broken `\u` escape) is refused first, and syntax errors come with their
//! positions.

use fluent_syntax::ast;
use fluent_syntax::parser::ParserError;

use crate::lines::{position, LineIndex};

/// Placeables and function calls nest at most this deep in a file. Real
/// messages need two or three levels; the Fluent parser needs stack space
/// for each level, so a deeper file is refused before it is parsed (see
/// [`check_nesting`]).
pub const MAX_NESTING: usize = 32;

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

/// Parses a file as a localizer keeps it: like [`parse`], without the
/// comments (fluent-syntax's `parse_runtime`), which only the checks read.
///
/// fluent-syntax's parsers are generic over the source text, so each
/// crate that calls one compiles the whole parser again in an optimized
/// build; terror-core parses through this function and [`parse`], whose
/// parser is compiled once, in this crate.
///
/// ```
/// let resource = terror_ftl::parse_runtime("# About a.\na = A\n").unwrap();
/// assert_eq!(resource.body.len(), 1);
/// let errors = terror_ftl::parse_runtime("a = {").unwrap_err();
/// assert_eq!((errors[0].line, errors[0].column), (1, 6));
/// ```
pub fn parse_runtime(source: &str) -> Result<ast::Resource<&str>, Vec<SyntaxError>> {
    parse_guarded(source, || {
        fluent_syntax::parser::parse_runtime(source).map_err(|(_, errors)| errors)
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
    let mut nesting = Nesting::new();
    let mut i = 0;
    while i < bytes.len() {
        if nesting.outside() {
            // Outside every placeable (most of a file: ids, text, comments)
            // only an opening brace changes anything, and only off a
            // comment line: jump to the next brace with memchr, not byte by
            // byte, then look back for the start of its line.
            if nesting.line_start && bytes[i] == b'#' {
                // A comment line, which `read` skips whole.
                i = nesting.read(source, i)?;
                continue;
            }
            let Some(offset) = memchr::memchr(b'{', &bytes[i..]) else {
                break;
            };
            let brace = i + offset;
            // A line that starts after `i` is a comment if it starts with
            // `#`; the line `i` is on is not one (it was skipped if it was).
            if let Some(newline) = memchr::memrchr(b'\n', &bytes[i..brace]) {
                let start = i + newline + 1;
                if bytes[start] == b'#' {
                    i = memchr_newline(bytes, brace);
                    nesting.line_start = false;
                    continue;
                }
            }
            i = brace;
            nesting.line_start = false;
        }
        // Inside a placeable, most bytes are still text that changes
        // nothing: skip a run of them at once (a line's first byte is
        // always looked at, for comments). A plain loop, not an iterator
        // chain: the derive runs this unoptimized in a debug build, where
        // every adapter is a call per byte (ten times the work, for a
        // large file).
        if !nesting.line_start {
            while i < bytes.len() && !MATTERS[usize::from(bytes[i])] {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
        }
        i = nesting.read(source, i)?;
    }
    Ok(())
}

/// Where [`check_nesting`] is between two bytes.
struct Nesting {
    braces: usize,
    parens: usize,
    in_string: bool,
    line_start: bool,
}

impl Nesting {
    fn new() -> Self {
        Nesting {
            braces: 0,
            parens: 0,
            in_string: false,
            line_start: true,
        }
    }

    /// Outside every placeable and call.
    fn outside(&self) -> bool {
        self.braces == 0 && self.parens == 0 && !self.in_string
    }

    /// Reads the byte at `i` (a whole comment line, if one starts there,
    /// or an escape in a string) and returns where the next byte to read
    /// is.
    fn read(&mut self, source: &str, mut i: usize) -> Result<usize, SyntaxError> {
        let bytes = source.as_bytes();
        let error = |at: usize, message: String| {
            let (line, column) = position(source, at);
            Err(SyntaxError {
                line,
                column,
                entry_line: None,
                message,
            })
        };
        let byte = bytes[i];
        if self.line_start && byte == b'#' && self.braces == 0 {
            // A comment line.
            return Ok(memchr_newline(bytes, i));
        }
        self.line_start = byte == b'\n';
        if self.in_string {
            match byte {
                b'\n' | b'"' => self.in_string = false,
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
                b'"' if self.braces > 0 => self.in_string = true,
                b'{' => self.braces += 1,
                b'(' if self.braces > 0 => self.parens += 1,
                b'}' => self.braces = self.braces.saturating_sub(1),
                b')' => self.parens = self.parens.saturating_sub(1),
                _ => {}
            }
            if self.braces + self.parens > MAX_NESTING {
                return error(
                    i,
                    format!(
                        "placeables and function calls nest more than {MAX_NESTING} levels deep here"
                    ),
                );
            }
        }
        Ok(i + 1)
    }
}

/// The bytes [`check_nesting`] acts on; every other byte only ends the
/// start of a line, which a skipped run never holds.
const MATTERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b"\n\"\\{}()#";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// The index of the next newline at or after `from`, or the end.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn syntax_errors_have_positions() {
        let errors = parse("ok = fine\nbroken = { $x\nnext = 1\n").unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[0].entry_line, Some(2));
        assert!(errors[0]
            .to_string()
            .contains("(in the entry starting at line 2)"));
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

    /// The nesting check byte by byte, with none of `check_nesting`'s
    /// skips: what the skips must agree with on every input.
    fn nesting_byte_by_byte(source: &str) -> Result<(), SyntaxError> {
        let mut nesting = Nesting::new();
        let mut i = 0;
        while i < source.len() {
            i = nesting.read(source, i)?;
        }
        Ok(())
    }

    /// Text made of the bytes the check acts on, plain text around them,
    /// and a character of more than one byte; opening braces come often
    /// enough, and in runs, to pass the limit on a line of text, in a
    /// string or in a comment.
    fn ftl_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            6 => Just("{"),
            3 => Just("}"),
            2 => Just("{{{{{{{{"),
            1 => Just("}}}}}}}}"),
            2 => Just("\n#"),
            2 => Just("("),
            2 => Just(")"),
            2 => Just("\""),
            2 => Just("\\"),
            1 => Just("\\u"),
            1 => Just("\\U0001F6"),
            3 => Just("\n"),
            2 => Just("#"),
            4 => Just("text "),
            1 => Just("0041"),
            1 => Just("\u{663}"),
            1 => Just("$n"),
        ];
        proptest::collection::vec(piece, 0..400).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #[test]
        fn the_skips_agree_with_the_check_byte_by_byte(source in ftl_like()) {
            proptest::prop_assert_eq!(check_nesting(&source), nesting_byte_by_byte(&source));
        }
    }
}
