//! A call span that has the fields terror records on it.

use tracing::field::Empty;

/// A span for one call, with the fields the layer records when it answers
/// an error ([`SPAN_FIELDS`](terror_core::observe::SPAN_FIELDS)): give it
/// to tonic's `Server::builder().trace_fn(..)`, whose span is current
/// around [`GrpcLayer`](crate::GrpcLayer), and a call that fails with an
/// error gets `error.type` and `rpc.grpc.status_code`. Its other fields
/// follow OpenTelemetry's RPC conventions (`rpc.system`, `rpc.service`,
/// `rpc.method`; `otel.kind` and `otel.name` for tracing-opentelemetry).
///
/// ```
/// let builder = tonic::transport::Server::builder().trace_fn(terror_tonic::request_span);
/// # drop(builder);
/// ```
pub fn request_span<B>(request: &http::Request<B>) -> tracing::Span {
    let path = request.uri().path();
    let (service, method) = path
        .trim_start_matches('/')
        .split_once('/')
        .unwrap_or(("", ""));
    tracing::info_span!(
        "call",
        otel.name = path.trim_start_matches('/'),
        otel.kind = "server",
        rpc.system = "grpc",
        rpc.service = service,
        rpc.method = method,
        error.type = Empty,
        rpc.grpc.status_code = Empty,
        otel.status_code = Empty,
        request_id = Empty,
    )
}
