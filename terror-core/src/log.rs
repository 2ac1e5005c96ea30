//! Escaping the text that goes into a log line.
//!
//! Every integration logs an error the same way, once, when it renders it
//! for its request: [`observe::report`](crate::observe::report). Text that
//! reaches a log line from an error's `Display` (or from a dependency, or
//! from a request) goes through [`LogSafe`]: a client's `\n` in a volume
//! name cannot start a forged log line.

use std::fmt::{self, Write as _};

/// Displays an error followed by each of its sources, `a: b: c`, with
/// control characters escaped as [`LogSafe`] does: error texts often hold
/// what a client sent.
pub struct SourceChain<'a>(pub &'a (dyn std::error::Error + 'a));

impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Escaping(f);
        write!(out, "{}", self.0)?;
        let mut source = self.0.source();
        let mut depth = 0;
        while let Some(error) = source {
            // A source chain is finite unless an error is its own source.
            if depth == 64 {
                return out.write_str(": …");
            }
            write!(out, ": {error}")?;
            source = error.source();
            depth += 1;
        }
        Ok(())
    }
}

impl fmt::Debug for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Displays a value with the characters that could forge or disguise a log
/// line escaped as Rust escapes them (`\n`, `\u{202e}`): control
/// characters, line and paragraph separators, and the bidirectional
/// overrides and isolates. Everything else, other scripts included, is
/// written as it is.
///
/// Use it for any text from a client, an error or a dependency that goes
/// into a log line as a `Display` field.
///
/// ```
/// use terror_core::log::LogSafe;
///
/// let name = "db\nERROR forged line \u{202e}";
/// assert_eq!(LogSafe(name).to_string(), "db\\nERROR forged line \\u{202e}");
/// assert_eq!(LogSafe("Том db-02").to_string(), "Том db-02");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LogSafe<T>(pub T);

impl<T: fmt::Display> fmt::Display for LogSafe<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(Escaping(f), "{}", self.0)
    }
}

/// Writes through to `f`, escaping what [`LogSafe`] escapes.
struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);

impl fmt::Write for Escaping<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut rest = text;
        while let Some(at) = rest.find(is_unsafe_in_logs) {
            self.0.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(self.0, "{}", c.escape_default())?;
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_str(rest)
    }
}

fn is_unsafe_in_logs(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}
