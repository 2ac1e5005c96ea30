//! What operators see of an error a transport answers: the request's
//! trace span learns which error ended it, one log event describes it, and
//! a counter counts it by code.
//!
//! terror-axum's `ProblemLayer` and terror-tonic's `GrpcLayer` call
//! [`report`] once for every error they render, with what they know of the
//! request ([`Answered`]); nothing else in terror reports an error, so
//! each is seen exactly once over either transport.
//!
//! - **The span.** The current `tracing` span (tower-http's `TraceLayer`
//!   span around the layer, or any span the service opens) gets
//!   `error.type` (the code), the status (`http.response.status_code`,
//!   or over gRPC `rpc.grpc.status_code`: a gRPC response's HTTP status is
//!   200 whatever the call's outcome), `otel.status_code = "ERROR"`
//!   for a server fault, and `request_id`: OpenTelemetry's semantic
//!   conventions, which tracing-opentelemetry turns into the span's
//!   attributes and status. A `tracing` span records only the fields it
//!   declared when it was made; [`SPAN_FIELDS`] lists them, and
//!   terror-axum's `request_span` and terror-tonic's make spans that
//!   declare them all.
//! - **The log event**, target `terror_core::log`: a 5xx at `ERROR` with
//!   code, status, request id, trace id, method, instance and the error's
//!   whole `source()` chain; a 4xx at the level [`Reporting`] sets, off by
//!   default (clients' mistakes are not the operator's). The event never
//!   carries an error's args: they go to the client (unless redacted), and
//!   what a client sent reaches the log only as the request's path and the
//!   ids it chose, as `str` fields (which subscribers quote and escape),
//!   and through the error's own `Display` in the source chain of a 5xx
//!   (escaped by [`SourceChain`]).
//! - **The counter** `terror_errors_total` (with the `metrics` feature,
//!   through the [`metrics`](https://docs.rs/metrics) facade), labelled
//!   `code`, `status`, `transport` (`http` or `grpc`) and over gRPC
//!   `grpc_code`. The facade rather than OpenTelemetry's metrics API: as
//!   `tracing` is for spans, it is one small crate that leaves the choice
//!   of exporter (Prometheus, OpenTelemetry, StatsD) and its versions to
//!   the service, and costs a service that counts nothing nothing to
//!   build; OpenTelemetry's API would tie every terror user to its
//!   release train. Label values are bounded: a code is counted under its own
//!   name only when the program declared it (every derived error's code,
//!   in the catalog, and the codes of hand-written errors registered as
//!   [`KnownCodes`]), and as `unregistered` otherwise, so no error can put
//!   free text into a label.

use tracing::Level;

use crate::grpc::GrpcCode;
use crate::log::SourceChain;
use crate::terror::Terror;

#[cfg(feature = "metrics")]
mod counter;

/// The target of every log event: where a service filters terror's logs.
const TARGET: &str = "terror_core::log";

/// The fields [`report`] records on the current span, for a service that
/// opens its own: a `tracing` span records only fields it declared when it
/// was made (`error.type = tracing::field::Empty`, and so on).
///
/// ```
/// use tracing::field::Empty;
///
/// let span = tracing::info_span!(
///     "request",
///     error.type = Empty,
///     http.response.status_code = Empty,
///     rpc.grpc.status_code = Empty,
///     otel.status_code = Empty,
///     request_id = Empty,
/// );
/// # drop(span);
/// ```
pub const SPAN_FIELDS: [&str; 5] = [
    "error.type",
    "http.response.status_code",
    "rpc.grpc.status_code",
    "otel.status_code",
    "request_id",
];

/// Codes of errors written by hand rather than derived (which the catalog
/// has already), so that the error counter counts them under their own
/// names: terror-axum registers its `http.*` codes this way.
///
/// ```
/// terror_core::__private::inventory::submit! {
///     terror_core::observe::KnownCodes(&["legacy.token_expired"])
/// }
/// ```
#[derive(Debug)]
pub struct KnownCodes(pub &'static [&'static str]);

inventory::collect!(KnownCodes);

/// What a transport knows of the request an error answers. None of it
/// comes from the request's headers but the ids, which a transport takes
/// only when they are sane (a request id) or valid (a trace id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answered<'a> {
    /// The request id, sent or generated.
    pub request_id: Option<&'a str>,
    /// The trace id of the request's valid `traceparent`.
    pub trace_id: Option<&'a str>,
    /// The request method (HTTP).
    pub method: Option<&'a str>,
    /// The request's path: the problem's `instance` over HTTP, the method's
    /// path over gRPC.
    pub instance: Option<&'a str>,
    /// The gRPC status the error was answered with; `None` over HTTP.
    pub grpc_code: Option<GrpcCode>,
}

/// How a transport reports the errors it answers: the level of a client
/// error's log event (a server error's is always `ERROR`).
///
/// ```
/// use terror_core::observe::Reporting;
///
/// let quiet = Reporting::default();
/// assert_eq!(quiet.client_errors(), None);
/// let chatty = Reporting::default().with_client_errors(Some(tracing::Level::INFO));
/// assert_eq!(chatty.client_errors(), Some(tracing::Level::INFO));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reporting {
    client_errors: Option<Level>,
}

impl Reporting {
    /// Logs a 4xx at `level`, or not at all with `None` (the default).
    #[must_use]
    pub const fn with_client_errors(mut self, level: Option<Level>) -> Self {
        self.client_errors = level;
        self
    }

    /// The level of a 4xx's log event, if it has one.
    pub const fn client_errors(&self) -> Option<Level> {
        self.client_errors
    }
}

/// Reports an error a transport answered: records it on the current span,
/// logs it, and counts it (see the [module](self)).
///
/// ```
/// use terror_core::observe::{report, Answered, Reporting};
/// # #[derive(Debug, thiserror::Error, terror_core::Terror)]
/// # #[error("disk broken")]
/// # #[terror(code = "disk.broken", status = 500)]
/// # struct DiskBroken;
///
/// let answered = Answered {
///     request_id: Some("req-1"),
///     method: Some("GET"),
///     instance: Some("/disks/a"),
///     ..Answered::default()
/// };
/// report(&DiskBroken, answered, Reporting::default());
/// ```
pub fn report(error: &(dyn Terror + '_), answered: Answered<'_>, reporting: Reporting) {
    record_on_span(error, &answered);
    #[cfg(feature = "metrics")]
    counter::count(error, &answered);
    log(error, &answered, reporting);
}

/// Records the error on the current span, if there is one.
fn record_on_span(error: &(dyn Terror + '_), answered: &Answered<'_>) {
    let span = tracing::Span::current();
    if span.is_disabled() {
        return;
    }
    span.record("error.type", error.code());
    let server_fault = match answered.grpc_code {
        None => {
            let status = error.status();
            // Signed: tracing-opentelemetry makes an i64 an integer
            // attribute, and anything unsigned text.
            span.record("http.response.status_code", i64::from(status.as_u16()));
            status.is_server_error()
        }
        Some(code) => {
            span.record("rpc.grpc.status_code", code.value());
            is_server_fault(code)
        }
    };
    if server_fault {
        span.record("otel.status_code", "ERROR");
    }
    if let Some(id) = answered.request_id {
        span.record("request_id", id);
    }
}

/// The gRPC codes OpenTelemetry's conventions count as a server's fault.
fn is_server_fault(code: GrpcCode) -> bool {
    [
        GrpcCode::UNKNOWN,
        GrpcCode::DEADLINE_EXCEEDED,
        GrpcCode::UNIMPLEMENTED,
        GrpcCode::INTERNAL,
        GrpcCode::UNAVAILABLE,
        GrpcCode::DATA_LOSS,
    ]
    .contains(&code)
}

/// Writes the error's one log event, if its level is on.
fn log(error: &(dyn Terror + '_), answered: &Answered<'_>, reporting: Reporting) {
    let server = error.status().is_server_error();
    let level = if server {
        Level::ERROR
    } else {
        match reporting.client_errors {
            Some(level) => level,
            None => return,
        }
    };
    // `tracing`'s macros take a level known at compile time.
    macro_rules! event {
        ($level:expr, $($error:tt)*) => {
            tracing::event!(
                target: TARGET,
                $level,
                code = error.code(),
                status = error.status().as_u16(),
                grpc_code = answered.grpc_code.map(GrpcCode::name),
                request_id = answered.request_id,
                trace_id = answered.trace_id,
                method = answered.method,
                instance = answered.instance,
                $($error)*
            )
        };
    }
    if server {
        event!(Level::ERROR, error = %SourceChain(error), "request failed");
        return;
    }
    match level {
        Level::ERROR => event!(Level::ERROR, "request rejected"),
        Level::WARN => event!(Level::WARN, "request rejected"),
        Level::INFO => event!(Level::INFO, "request rejected"),
        Level::DEBUG => event!(Level::DEBUG, "request rejected"),
        _ => event!(Level::TRACE, "request rejected"),
    }
}
