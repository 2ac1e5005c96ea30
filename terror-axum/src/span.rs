//! A request span that has the fields terror records on it.

use terror_core::log::LogSafe;
use tracing::field::Empty;

/// A span for one request, with the fields the layer records when it
/// answers an error ([`SPAN_FIELDS`](terror_core::observe::SPAN_FIELDS)):
/// what tower-http's `TraceLayer` makes with it (`make_span_with`), around
/// [`ProblemLayer`](crate::ProblemLayer), has `error.type` and
/// `http.response.status_code` when the request fails with an error.
/// Its other fields follow OpenTelemetry's HTTP conventions
/// (`http.request.method`, `url.path`; `otel.kind` and `otel.name` for
/// tracing-opentelemetry), so an OTLP exporter sends a server span with
/// these attributes.
///
/// A `tracing` span records only fields it declared when it was made: the
/// default span of `TraceLayer` has none of these, and records nothing.
///
/// ```
/// use axum::{routing::get, Router};
/// use terror_axum::ProblemLayer;
/// use tower::Layer as _;
/// use tower_http::trace::TraceLayer;
///
/// # let localizer = std::sync::Arc::new(terror_core::Localizer::builder().build().unwrap());
/// let router: Router = Router::new().route("/volumes", get(|| async { "[]" }));
/// let app = TraceLayer::new_for_http()
///     .make_span_with(terror_axum::request_span::<axum::body::Body>)
///     .layer(ProblemLayer::new(localizer).layer(router));
/// ```
pub fn request_span<B>(request: &http::Request<B>) -> tracing::Span {
    tracing::info_span!(
        "request",
        otel.name = %request.method(),
        otel.kind = "server",
        http.request.method = %request.method(),
        url.path = %LogSafe(request.uri().path()),
        error.type = Empty,
        http.response.status_code = Empty,
        otel.status_code = Empty,
        request_id = Empty,
    )
}
