//! Turning an error into an HTTP response in the languages of the request
//! being served, and logging it.
//!
//! A web integration (such as terror-axum's layer) negotiates a request's
//! languages once and [enters](RequestContext::enter) a [`RequestContext`]
//! while the handler runs. Errors converted into responses inside it render
//! in those languages with the request's path and id; outside of one they
//! render in the default locale of [`Localizer::global`].
//!
//! Text that reaches a log line from an error's `Display` (or from a
//! dependency) goes through [`LogSafe`]: a client's `\n` in a volume name
//! cannot start a forged log line.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::sync::Arc;

use crate::negotiate::LocaleChain;
use crate::problem::RequestInfo;
use crate::terror::Terror;
use crate::Localizer;

/// What rendering an error needs to know about the request being served.
#[derive(Debug, Clone)]
pub struct RequestContext {
    localizer: Arc<Localizer>,
    chain: LocaleChain,
    instance: Option<Arc<str>>,
    request_id: Option<Arc<str>>,
    method: Option<http::Method>,
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<RequestContext>>> = const { RefCell::new(None) };
}

impl RequestContext {
    /// A context rendering with `localizer` in `chain`.
    pub fn new(localizer: Arc<Localizer>, chain: LocaleChain) -> Self {
        RequestContext {
            localizer,
            chain,
            instance: None,
            request_id: None,
            method: None,
        }
    }

    /// Sets the request path shown as `instance`.
    #[must_use]
    pub fn with_instance(mut self, instance: impl Into<Arc<str>>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// Sets the request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<Arc<str>>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the request method, for logs.
    #[must_use]
    pub fn with_method(mut self, method: http::Method) -> Self {
        self.method = Some(method);
        self
    }

    /// Logs a failure of this request as [`log_error`] does, inside a
    /// `tracing` span named `request` with the fields `request_id`,
    /// `method` and `path`, so the line carries them. The span is made only
    /// when the line is written: successful requests pay nothing for it.
    pub fn log_failure(&self, error: &(dyn Terror + '_)) {
        if !will_log(error) {
            return;
        }
        let span = tracing::error_span!(
            "request",
            request_id = self.request_id.as_deref(),
            method = self.method.as_ref().map(http::Method::as_str),
            path = self.instance.as_deref(),
        );
        span.in_scope(|| log_error(error, self.request_id()));
    }

    /// The localizer.
    pub fn localizer(&self) -> &Arc<Localizer> {
        &self.localizer
    }

    /// The negotiated locales.
    pub fn chain(&self) -> &LocaleChain {
        &self.chain
    }

    /// The request path.
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The request id, shared.
    pub fn request_id_shared(&self) -> Option<&Arc<str>> {
        self.request_id.as_ref()
    }

    /// The request method.
    pub fn method(&self) -> Option<&http::Method> {
        self.method.as_ref()
    }

    /// The request information for [`Localizer::render_request`].
    pub fn request_info(&self) -> RequestInfo<'_> {
        RequestInfo {
            instance: self.instance.as_deref(),
            request_id: self.request_id.as_deref(),
        }
    }

    /// Runs `f` with this context as the current one on this thread, restoring
    /// the previous one afterwards (also when `f` panics).
    ///
    /// Integrations call it around every poll of a request's future, as
    /// `tracing` enters a span: errors converted to responses during the poll
    /// see the context.
    pub fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<Arc<RequestContext>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                // The thread-local is only gone during thread teardown, when
                // there is nothing left to restore.
                let _ = CURRENT.try_with(|c| *c.borrow_mut() = previous);
            }
        }
        let previous = CURRENT
            .try_with(|c| c.borrow_mut().replace(Arc::clone(self)))
            .ok()
            .flatten();
        let _restore = Restore(previous);
        f()
    }

    /// The context entered on this thread, if any.
    pub fn current() -> Option<Arc<RequestContext>> {
        CURRENT.try_with(|c| c.borrow().clone()).ok().flatten()
    }
}

/// Renders an error as an HTTP problem response in the current request's
/// languages (or the global localizer's default locale outside a request).
///
/// Inside a request context the error is also logged, with the request's
/// id ([`RequestContext::log_failure`]). Outside one, the second value is
/// `false` and the error is not logged yet: the integration either hands
/// it to something that renders it again once the request is known and
/// logs it then (terror-axum's layer does, so the line carries the request
/// id), or calls [`log_error`] itself.
pub fn problem_response(error: &(dyn Terror + '_)) -> (http::Response<Vec<u8>>, bool) {
    if let Some(context) = RequestContext::current() {
        context.log_failure(error);
        let problem =
            context
                .localizer
                .render_request(error, &context.chain, context.request_info());
        (problem.to_http_response(), true)
    } else {
        let localizer = Localizer::global();
        let problem = localizer.render(error, &localizer.default_chain());
        (problem.to_http_response(), false)
    }
}

/// Whether [`log_error`] writes a line for this error: span fields are only
/// worth filling in for a line that is written.
pub fn will_log(error: &(dyn Terror + '_)) -> bool {
    if error.status().is_server_error() {
        tracing::enabled!(target: "terror_core::response", tracing::Level::ERROR)
    } else {
        tracing::enabled!(target: "terror_core::response", tracing::Level::DEBUG)
    }
}

/// Logs an error as terror integrations do: 5xx at error level with code,
/// status, request id and the full `source()` chain; 4xx at debug level.
/// The chain is written through [`LogSafe`].
pub fn log_error(error: &(dyn Terror + '_), request_id: Option<&str>) {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(
            code = error.code(),
            status = status.as_u16(),
            request_id,
            error = %SourceChain(error),
            "request failed"
        );
    } else {
        tracing::debug!(
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
