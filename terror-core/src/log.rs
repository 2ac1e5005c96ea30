//! What terror writes to the log about an error, and escaping the text
//! that goes into a log line.
//!
//! Every integration logs an error the same way, once, when it renders it
//! for its request: [`log_error`]. Text that reaches a log line from an
//! error's `Display` (or from a dependency) goes through [`LogSafe`]: a
//! client's `\n` in a volume name cannot start a forged log line.

use std::fmt::{self, Write as _};

use crate::terror::Terror;

/// The target of every line: where a service filters terror's logs.
const TARGET: &str = "terror_core::log";

/// What a log line says about the request an error answers. None of it
/// comes from the request's headers but the request id, which an
/// integration takes only when it is sane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestFields<'a> {
    /// The request id, sent or generated.
    pub id: Option<&'a str>,
    /// The request method.
    pub method: Option<&'a str>,
    /// The request path (without the query).
    pub path: Option<&'a str>,
}

/// Logs an error as terror's integrations do: a 5xx at error level with
/// code, status, request id and the whole `source()` chain (through
/// [`SourceChain`]), a 4xx at debug level.
///
/// When anything of the request is known, the line is written inside a
/// `tracing` span named `request` with the fields `request_id`, `method`
/// and `path`, so every layer of the subscriber sees them; the span is made
/// only when the line is written.
///
/// ```
/// use terror_core::log::{log_error, RequestFields};
/// # #[derive(Debug, thiserror::Error, terror_core::Terror)]
/// # #[error("disk broken")]
/// # #[terror(code = "disk.broken", status = 500)]
/// # struct DiskBroken;
///
/// log_error(&DiskBroken, RequestFields { id: Some("req-1"), method: Some("GET"), path: Some("/disks/a") });
/// ```
pub fn log_error(error: &(dyn Terror + '_), request: RequestFields<'_>) {
    let server = error.status().is_server_error();
    let enabled = if server {
        tracing::enabled!(target: TARGET, tracing::Level::ERROR)
    } else {
        tracing::enabled!(target: TARGET, tracing::Level::DEBUG)
    };
    if !enabled {
        return;
    }
    if request == RequestFields::default() {
        write_line(error, None, server);
        return;
    }
    tracing::error_span!(
        target: TARGET,
        "request",
        request_id = request.id,
        method = request.method,
        path = request.path,
    )
    .in_scope(|| write_line(error, request.id, server));
}

/// The line itself.
fn write_line(error: &(dyn Terror + '_), request_id: Option<&str>, server: bool) {
    let status = error.status().as_u16();
    if server {
        tracing::error!(
            target: TARGET,
            code = error.code(),
            status,
            request_id,
            error = %SourceChain(error),
            "request failed"
        );
    } else {
        tracing::debug!(
            target: TARGET,
            code = error.code(),
            status,
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
