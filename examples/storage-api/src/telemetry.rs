//! What operators get from storage-api: log lines, Prometheus metrics at
//! `/metrics`, and trace spans over OTLP.
//!
//! - Logs: `tracing-subscriber`'s text lines on stderr, filtered by
//!   `RUST_LOG` (default `info`). terror writes one event per error.
//! - Metrics: the `metrics` facade's recorder is Prometheus's; `/metrics`
//!   serves its text, with terror's `terror_errors_total`.
//! - Traces: every request gets a span (terror's `request_span`, its
//!   parent the client's `traceparent`), exported over OTLP when
//!   `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)
//!   says where, by the protocol of `OTEL_EXPORTER_OTLP_PROTOCOL` (`grpc`,
//!   or `http/protobuf`, the specification's default), as every
//!   OpenTelemetry SDK reads them; batching follows `OTEL_BSP_*`, the
//!   service's name `OTEL_SERVICE_NAME`. An export that fails is logged
//!   (the SDK's own warnings, target `opentelemetry*`) and never fails a
//!   request.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use opentelemetry::propagation::{Extractor, TextMapPropagator};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::EnvFilter;

/// The Prometheus recorder's handle, once [`init`] installed it.
static PROMETHEUS: OnceLock<PrometheusHandle> = OnceLock::new();

/// What [`init`] set up and the server must shut down: the exporter's
/// last batch is sent on [`Telemetry::shutdown`].
#[derive(Debug)]
pub struct Telemetry {
    traces: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Sends the spans not exported yet.
    pub fn shutdown(self) {
        if let Some(provider) = self.traces {
            let _ = provider.shutdown();
        }
    }
}

/// Installs the log subscriber (with the OTLP exporter when the standard
/// variables ask for it) and the Prometheus recorder. Call once, inside
/// the Tokio runtime (the gRPC exporter's connection runs on it).
pub fn init() -> Result<Telemetry, Box<dyn std::error::Error>> {
    let traces = if otlp_configured() {
        let exporter = opentelemetry_otlp::SpanExporter::builder().build()?;
        Some(
            SdkTracerProvider::builder()
                .with_batch_exporter(exporter)
                .build(),
        )
    } else {
        None
    };
    let otel = traces
        .as_ref()
        .map(|provider| tracing_opentelemetry::layer().with_tracer(provider.tracer("storage-api")));
    tracing_subscriber::registry()
        .with(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())),
        )
        .with(otel)
        .try_init()?;
    install_metrics()?;
    Ok(Telemetry { traces })
}

/// Installs the Prometheus recorder as the `metrics` facade's, once: what
/// `/metrics` serves from then on.
pub fn install_metrics() -> Result<(), Box<dyn std::error::Error>> {
    if PROMETHEUS.get().is_none() {
        let _ = PROMETHEUS.set(PrometheusBuilder::new().install_recorder()?);
    }
    Ok(())
}

/// Whether the standard variables name an OTLP endpoint for traces.
fn otlp_configured() -> bool {
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// The Prometheus text of every metric, for `/metrics`; empty before
/// [`init`] (in tests that build the app alone).
pub async fn metrics() -> String {
    PROMETHEUS
        .get()
        .map(PrometheusHandle::render)
        .unwrap_or_default()
}

/// The span of an HTTP request: terror's, with the client's
/// `traceparent` as its OpenTelemetry parent.
pub fn http_span<B>(request: &http::Request<B>) -> tracing::Span {
    with_remote_parent(terror_axum::request_span(request), request.headers())
}

/// The span of a gRPC call: terror-tonic's, with the client's
/// `traceparent` as its OpenTelemetry parent.
pub fn grpc_span<B>(request: &http::Request<B>) -> tracing::Span {
    with_remote_parent(terror_tonic::request_span(request), request.headers())
}

/// `span` as a child of the trace the request's `traceparent` names, if it
/// names a valid one (the W3C propagator ignores any other).
fn with_remote_parent(span: tracing::Span, headers: &http::HeaderMap) -> tracing::Span {
    let parent = TraceContextPropagator::new().extract(&Headers(headers));
    // Without the OpenTelemetry layer there is nothing to parent.
    let _ = span.set_parent(parent);
    span
}

/// A request's headers, as OpenTelemetry's propagators read them.
struct Headers<'a>(&'a http::HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|value| value.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(http::HeaderName::as_str).collect()
    }
}
