//! The errors terror-axum reports itself: those of a request before any
//! handler logic (bodies that do not parse, parameters of the wrong type,
//! unknown routes, wrong methods), a fault of the service its extractors
//! find, a caught panic, and any other bare failure (an empty or
//! `text/plain` error response).

use std::borrow::Cow;

use http::StatusCode;
use terror_core::{Args, SubError, Terror};

/// A request the service could not take as sent. Codes are in the
/// `request.*` namespace; messages ship with terror in en-US, ru and de.
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "request", locales = "messages")]
pub enum RequestError {
    /// The body is not valid JSON.
    #[error("malformed JSON at line {line}, column {column}")]
    #[terror(status = BAD_REQUEST)]
    MalformedJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
    },

    /// The body is well-formed but does not match what the endpoint takes;
    /// `errors` points at each offending value.
    #[error("the body does not match the expected shape")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    InvalidBody {
        /// One entry per offending value, with its JSON pointer.
        #[terror(errors)]
        errors: Vec<SubError>,
    },

    /// A value has the wrong kind: a string where a number belongs, say.
    #[error("expected {expected_kind}, got {found_kind}")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    WrongType {
        /// The kind expected, for messages to translate: `integer`,
        /// `number`, `string`, `boolean`, `array`, `object`, `null` or
        /// `other`.
        expected_kind: &'static str,
        /// The kind sent, in the same words.
        found_kind: &'static str,
    },

    /// A required field is missing.
    #[error("missing field {field}")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    MissingField {
        /// The field's name.
        field: String,
    },

    /// A field the endpoint does not know.
    #[error("unknown field {field}")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    UnknownField {
        /// The field's name.
        field: String,
    },

    /// A field given twice.
    #[error("duplicate field {field}")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    DuplicateField {
        /// The field's name.
        field: String,
    },

    /// A value that is not one of the names the endpoint accepts there (an
    /// enum's variants).
    #[error("not one of {allowed:?}")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    UnknownVariant {
        /// The accepted values.
        allowed: Vec<String>,
    },

    /// An integer outside the range the endpoint accepts there.
    #[error("{bound} ({min:?}..={max:?})")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    OutOfRange {
        /// `between` when `min` and `max` are known; else `too_large` or
        /// `too_small`.
        bound: &'static str,
        /// The smallest value accepted, when known.
        min: Option<i128>,
        /// The largest value accepted, when known.
        max: Option<i128>,
    },

    /// A value the endpoint cannot take, for a reason only the service's
    /// log knows: what the deserializer (or the service's own parsing) said
    /// is never shown to clients.
    #[error("invalid value: {reason}")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    InvalidValue {
        /// What the deserializer said; logged, never sent.
        #[terror(skip)]
        reason: String,
    },

    /// The request has no `Content-Type` header.
    #[error("missing content type, expected {expected}")]
    #[terror(status = UNSUPPORTED_MEDIA_TYPE)]
    MissingContentType {
        /// The media type the endpoint takes.
        expected: &'static str,
    },

    /// The body's media type is not one the endpoint takes.
    #[error("unsupported media type {received}, expected {expected}")]
    #[terror(status = UNSUPPORTED_MEDIA_TYPE)]
    UnsupportedMediaType {
        /// The media type the endpoint takes.
        expected: &'static str,
        /// The `Content-Type` that was sent.
        received: String,
    },

    /// The body is larger than the service accepts.
    #[error("body larger than {limit} bytes")]
    #[terror(status = PAYLOAD_TOO_LARGE)]
    BodyTooLarge {
        /// The largest body accepted, in bytes.
        limit: u64,
    },

    /// The body could not be read (the connection failed mid-body).
    #[error("the body could not be read")]
    #[terror(status = BAD_REQUEST)]
    UnreadableBody,

    /// Path or query parameters do not parse; `errors` names each one.
    #[error("invalid parameters")]
    #[terror(status = BAD_REQUEST)]
    InvalidParameters {
        /// One entry per parameter, with its name.
        #[terror(errors)]
        errors: Vec<SubError>,
    },

    /// A parameter does not parse as the kind of value the endpoint takes.
    #[error("parameter value {value} is not {expected_kind}")]
    #[terror(status = BAD_REQUEST)]
    InvalidParameter {
        /// The value sent, as it was in the URL (decoded).
        value: String,
        /// The kind expected, for messages to translate: `integer`,
        /// `number`, `string`, `boolean`, `array`, `object`, `null` or
        /// `other`.
        expected_kind: &'static str,
    },

    /// A query parameter the endpoint does not know.
    #[error("unknown parameter {parameter}")]
    #[terror(status = BAD_REQUEST)]
    UnknownParameter {
        /// The parameter's name.
        parameter: String,
    },

    /// A required query parameter is missing.
    #[error("missing parameter")]
    #[terror(status = BAD_REQUEST)]
    MissingParameter {
        /// The parameter's name.
        parameter: String,
    },

    /// No route matches the path.
    #[error("no route for {path}")]
    #[terror(status = NOT_FOUND)]
    NotFound {
        /// The request path.
        path: String,
    },

    /// The route exists but not for this method. The response's `Allow`
    /// header lists the methods it takes.
    #[error("{method} not allowed")]
    #[terror(status = METHOD_NOT_ALLOWED)]
    MethodNotAllowed {
        /// The request method.
        method: String,
        /// The methods the route takes, when known where the error is made
        /// (`null` when the router adds `Allow` later, as axum's does for
        /// layers added with `Router::layer`).
        allowed: Option<String>,
    },
}

/// A fault of the service, not of the request, that terror's extractors or
/// responders found: a `Path` extractor that does not fit its route, a
/// `Json` response that cannot be serialized. The client gets a redacted
/// 500 (`http.internal_server_error`); the one log line names the fault and
/// its cause, with the request id.
#[derive(Debug, thiserror::Error)]
#[error("{what}")]
pub(crate) struct InternalError {
    what: &'static str,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl InternalError {
    pub(crate) fn new(
        what: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        InternalError {
            what,
            source: source.into(),
        }
    }
}

impl Terror for InternalError {
    // The trait's signature ties the code to `self`; this one is static.
    #[allow(clippy::unnecessary_literal_bound)]
    fn code(&self) -> &str {
        "http.internal_server_error"
    }

    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn message_id(&self) -> Cow<'_, str> {
        Cow::Borrowed("http-error")
    }

    fn args(&self) -> Args<'_> {
        Args::new().with("status", 500_u16)
    }

    fn description(&self) -> Option<&'static str> {
        Some("A fault of the service found by terror's extractors; clients see only the generic text and the request id.")
    }
}

/// The response for a panic that tower-http's `CatchPanicLayer` caught: a
/// redacted 500 problem, and one error line in the log with the request id
/// and the panic's message. tower-http's default handler logs the message
/// on a line of its own, without the request id; use this one instead:
///
/// ```
/// use axum::{routing::get, Router};
/// use tower_http::catch_panic::CatchPanicLayer;
///
/// let app: Router = Router::new()
///     .route("/", get(|| async { "ok" }))
///     .layer(CatchPanicLayer::custom(terror_axum::panic_response));
/// ```
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let message = match panic.downcast::<String>() {
        Ok(message) => *message,
        Err(panic) => panic.downcast::<&str>().map_or_else(
            |_| "a panic without a message".to_owned(),
            |message| (*message).to_owned(),
        ),
    };
    crate::any::AnyError::new(InternalError::new("the handler panicked", message)).into_response()
}

/// Any other failure that reached the client as a bare status (a timeout, a
/// body limit enforced by another layer, a caught panic, an authentication
/// layer's 401): the status is kept, the body becomes a problem.
///
/// Its code is `http.<reason>` (`http.request_timeout`), its message
/// `http-error`, and a 5xx is redacted like any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpError {
    status: StatusCode,
    code: &'static str,
}

impl HttpError {
    /// The error for a status.
    pub fn new(status: StatusCode) -> Self {
        HttpError {
            status,
            code: http_code(status),
        }
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "request failed with status {}", self.status)
    }
}

impl std::error::Error for HttpError {}

impl Terror for HttpError {
    fn code(&self) -> &str {
        self.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn message_id(&self) -> Cow<'_, str> {
        Cow::Borrowed("http-error")
    }

    fn args(&self) -> Args<'_> {
        Args::new().with("status", self.status.as_u16())
    }

    fn description(&self) -> Option<&'static str> {
        Some("A failure outside any handler, reported with its HTTP status.")
    }
}

/// `http.<snake_case reason phrase>` for every status http knows.
fn http_code(status: StatusCode) -> &'static str {
    macro_rules! codes {
        ($($name:ident => $code:literal,)*) => {
            // Each code is one the error counter may count under its name.
            terror_core::__private::inventory::submit! {
                terror_core::observe::KnownCodes(&[
                    $($code,)* "http.server_error", "http.client_error", "http.status",
                ])
            }
            match status {
                $(StatusCode::$name => $code,)*
                s if s.is_server_error() => "http.server_error",
                s if s.is_client_error() => "http.client_error",
                _ => "http.status",
            }
        };
    }
    codes! {
        BAD_REQUEST => "http.bad_request",
        UNAUTHORIZED => "http.unauthorized",
        PAYMENT_REQUIRED => "http.payment_required",
        FORBIDDEN => "http.forbidden",
        NOT_FOUND => "http.not_found",
        METHOD_NOT_ALLOWED => "http.method_not_allowed",
        NOT_ACCEPTABLE => "http.not_acceptable",
        PROXY_AUTHENTICATION_REQUIRED => "http.proxy_authentication_required",
        REQUEST_TIMEOUT => "http.request_timeout",
        CONFLICT => "http.conflict",
        GONE => "http.gone",
        LENGTH_REQUIRED => "http.length_required",
        PRECONDITION_FAILED => "http.precondition_failed",
        PAYLOAD_TOO_LARGE => "http.payload_too_large",
        URI_TOO_LONG => "http.uri_too_long",
        UNSUPPORTED_MEDIA_TYPE => "http.unsupported_media_type",
        RANGE_NOT_SATISFIABLE => "http.range_not_satisfiable",
        EXPECTATION_FAILED => "http.expectation_failed",
        MISDIRECTED_REQUEST => "http.misdirected_request",
        UNPROCESSABLE_ENTITY => "http.unprocessable_entity",
        LOCKED => "http.locked",
        FAILED_DEPENDENCY => "http.failed_dependency",
        TOO_EARLY => "http.too_early",
        UPGRADE_REQUIRED => "http.upgrade_required",
        PRECONDITION_REQUIRED => "http.precondition_required",
        TOO_MANY_REQUESTS => "http.too_many_requests",
        REQUEST_HEADER_FIELDS_TOO_LARGE => "http.request_header_fields_too_large",
        UNAVAILABLE_FOR_LEGAL_REASONS => "http.unavailable_for_legal_reasons",
        INTERNAL_SERVER_ERROR => "http.internal_server_error",
        NOT_IMPLEMENTED => "http.not_implemented",
        BAD_GATEWAY => "http.bad_gateway",
        SERVICE_UNAVAILABLE => "http.service_unavailable",
        GATEWAY_TIMEOUT => "http.gateway_timeout",
        HTTP_VERSION_NOT_SUPPORTED => "http.http_version_not_supported",
        INSUFFICIENT_STORAGE => "http.insufficient_storage",
        LOOP_DETECTED => "http.loop_detected",
        NETWORK_AUTHENTICATION_REQUIRED => "http.network_authentication_required",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_codes_follow_the_reason_phrase() {
        assert_eq!(
            HttpError::new(StatusCode::REQUEST_TIMEOUT).code(),
            "http.request_timeout"
        );
        assert_eq!(
            HttpError::new(StatusCode::INTERNAL_SERVER_ERROR).code(),
            "http.internal_server_error"
        );
        assert_eq!(
            HttpError::new(StatusCode::from_u16(599).unwrap()).code(),
            "http.server_error"
        );
        assert_eq!(
            HttpError::new(StatusCode::from_u16(499).unwrap()).code(),
            "http.client_error"
        );
        for code in 400..600 {
            let status = StatusCode::from_u16(code).unwrap();
            let error = HttpError::new(status);
            assert!(error.code().starts_with("http."));
            assert!(error.code()[5..]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
    }
}
