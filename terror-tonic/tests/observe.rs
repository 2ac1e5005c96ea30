//! Over gRPC as over HTTP: the call's span records the error, one event
//! describes it with the client's trace id, and a client error is logged
//! only when the service asks.

use std::convert::Infallible;

use http::{Request, Response};
use terror_tonic::{into_status, GrpcLayer};
use tower::{Layer as _, ServiceExt as _};
use tracing::Instrument as _;

#[path = "../../terror-axum/tests/support/capture.rs"]
mod capture;
mod support;

use capture::capture;
use support::{grpc, VolumeError};

const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/// One call that fails with `error`, inside terror-tonic's call span.
async fn call(layer: GrpcLayer, error: fn() -> VolumeError) -> tonic::Status {
    let service = layer.layer(tower::service_fn(move |_: Request<()>| async move {
        Ok::<Response<()>, Infallible>(into_status(error()).into_http())
    }));
    let request = Request::post("/storage.v1.Storage/CreateSnapshot")
        .header("traceparent", TRACEPARENT)
        .header("x-request-id", "req-grpc")
        .body(())
        .unwrap();
    let span = terror_tonic::request_span(&request);
    let response = service.oneshot(request).instrument(span).await.unwrap();
    tonic::Status::from_header_map(response.headers()).unwrap()
}

fn unavailable() -> VolumeError {
    let source = std::io::Error::other("controller at 10.1.1.1 timed out");
    VolumeError::SnapshotsUnavailable { source }
}

fn not_found() -> VolumeError {
    VolumeError::NotFound {
        name: "db-02".into(),
    }
}

#[test]
fn a_failed_call_s_span_and_event_name_the_error() {
    let (status, captured) = capture(call(GrpcLayer::new(grpc()), unavailable));
    assert_eq!(status.code(), tonic::Code::Unavailable);
    let span = captured.span("call");
    span.assert_fields(&[
        ("error.type", "\"volume.snapshots_unavailable\""),
        ("rpc.grpc.status_code", "14"),
        ("otel.status_code", "\"ERROR\""),
        ("request_id", "\"req-grpc\""),
        ("rpc.service", "\"storage.v1.Storage\""),
        ("rpc.method", "\"CreateSnapshot\""),
    ]);
    assert_eq!(span.get("http.response.status_code"), None);
    let events = captured.terror_events();
    assert_eq!(events.len(), 1, "{captured:#?}");
    events[0].assert_fields(&[
        ("grpc_code", "\"UNAVAILABLE\""),
        ("status", "503"),
        ("trace_id", "\"4bf92f3577b34da6a3ce929d0e0e4736\""),
        ("instance", "\"/storage.v1.Storage/CreateSnapshot\""),
        ("error", "snapshots down: controller at 10.1.1.1 timed out"),
    ]);
}

#[test]
fn a_client_error_is_logged_only_when_asked() {
    let (status, captured) = capture(call(GrpcLayer::new(grpc()), not_found));
    assert_eq!(status.code(), tonic::Code::NotFound);
    let span = captured.span("call");
    assert_eq!(span.get("rpc.grpc.status_code"), Some("5"));
    assert_eq!(span.get("otel.status_code"), None);
    assert!(captured.terror_events().is_empty(), "{captured:#?}");

    let layer = GrpcLayer::new(grpc().log_client_errors(Some(tracing::Level::INFO)));
    let (_, captured) = capture(call(layer, not_found));
    let events = captured.terror_events();
    assert_eq!(events.len(), 1, "{captured:#?}");
    assert_eq!(events[0].name, "INFO");
    assert_eq!(events[0].get("grpc_code"), Some("\"NOT_FOUND\""));
    assert!(
        events[0].fields.values().all(|v| !v.contains("db-02")),
        "{:#?}",
        events[0]
    );
}
