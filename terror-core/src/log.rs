//! Logging failures: what terror writes about an error, and escaping text
//! that goes into a log line. Public through [`crate::response`].

use std::fmt::{self, Write as _};

use crate::terror::Terror;

/// The target of every line: where a service filters terror's logs.
const TARGET: &str = "terror_core::response";

/// Whether [`log_error`] writes a line for this error: span fields are only
/// worth filling in for a line that is written.
pub fn will_log(error: &(dyn Terror + '_)) -> bool {
    if error.status().is_server_error() {
        tracing::enabled!(target: TARGET, tracing::Level::ERROR)
    } else {
        tracing::enabled!(target: TARGET, tracing::Level::DEBUG)
    }
}

/// Logs an error as terror integrations do: 5xx at error level with code,
/// status, request id and the full `source()` chain; 4xx at debug level.
/// The chain is written through [`LogSafe`].
pub fn log_error(error: &(dyn Terror + '_), request_id: Option<&str>) {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(
            target: TARGET,
            code = error.code(),
            status = status.as_u16(),
            request_id,
            error = %SourceChain(error),
            "request failed"
        );
    } else {
        tracing::debug!(
            target: TARGET,
            code = error.code(),
            status = status.as_u16(),
            request_id,
            error = %SourceChain(error),
            "request rejected"
        );
    }
}

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
/// use terror_core::response::LogSafe;
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
