//! What an operator sees of an error: the request's span records it, one
//! event describes it, and a client's trace id finds it; a malformed
//! `traceparent` is ignored, never echoed.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use support::capture::capture;
use support::disks::{broken, missing};
use support::{localizer, send};
use terror_axum::ProblemLayer;
use tower::{Layer as _, ServiceExt as _};
use tower_http::trace::TraceLayer;

fn routes() -> Router {
    Router::new()
        .route("/disks/{name}", get(missing))
        .route("/broken", get(broken))
        .route("/ok", get(|| async { "ok" }))
}

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/// The request through `TraceLayer` (terror's span) around the layer.
async fn traced(
    layer: ProblemLayer,
    request: Request<Body>,
) -> (StatusCode, Value, Option<String>) {
    let app = TraceLayer::new_for_http()
        .make_span_with(terror_axum::request_span)
        .layer(layer.layer(routes()));
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let id = response
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    (
        status,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
        id,
    )
}

#[test]
fn a_failed_request_s_span_gets_the_code_and_status() {
    let ((status, body, _), captured) = capture(async {
        let request = Request::get("/disks/sdz")
            .header("traceparent", TRACEPARENT)
            .body(Body::empty())
            .unwrap();
        traced(ProblemLayer::new(localizer()), request).await
    });
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["trace_id"], TRACE_ID);
    let span = captured.span("request");
    assert_eq!(
        span.get("error.type"),
        Some("\"disk.missing\""),
        "{span:#?}"
    );
    assert_eq!(span.get("http.response.status_code"), Some("404"));
    assert_eq!(
        span.get("otel.status_code"),
        None,
        "a 4xx is not the server's fault"
    );
    assert_eq!(
        span.get("request_id"),
        Some(format!("{:?}", body["request_id"].as_str().unwrap()).as_str())
    );
    // Client errors are not logged unless asked for.
    assert!(captured.terror_events().is_empty(), "{captured:#?}");
}

#[test]
fn a_server_error_is_one_event_with_the_trace_id_and_marks_its_span() {
    let ((status, body, _), captured) = capture(async {
        let request = Request::get("/broken")
            .header("traceparent", TRACEPARENT)
            .header("x-request-id", "req-500")
            .body(Body::empty())
            .unwrap();
        traced(ProblemLayer::new(localizer()), request).await
    });
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["trace_id"], TRACE_ID);
    assert_eq!(body["request_id"], "req-500");
    let span = captured.span("request");
    assert_eq!(span.get("error.type"), Some("\"disk.broken\""));
    assert_eq!(span.get("http.response.status_code"), Some("500"));
    assert_eq!(span.get("otel.status_code"), Some("\"ERROR\""));
    let events = captured.terror_events();
    assert_eq!(events.len(), 1, "{captured:#?}");
    let event = events[0];
    assert_eq!(event.name, "ERROR");
    event.assert_fields(&[
        ("code", "\"disk.broken\""),
        ("status", "500"),
        ("request_id", "\"req-500\""),
        ("trace_id", &format!("{TRACE_ID:?}")),
        ("method", "\"GET\""),
        ("instance", "\"/broken\""),
        ("error", "disk broken: controller at 10.1.1.1 timed out"),
    ]);
    assert_eq!(event.get("grpc_code"), None);
}

#[test]
fn client_errors_are_logged_at_the_level_asked_for_without_args() {
    let (_, captured) = capture(async {
        let layer = ProblemLayer::new(localizer()).log_client_errors(Some(tracing::Level::WARN));
        let request = Request::get("/disks/secret-name")
            .body(Body::empty())
            .unwrap();
        traced(layer, request).await
    });
    let events = captured.terror_events();
    assert_eq!(events.len(), 1, "{captured:#?}");
    assert_eq!(events[0].name, "WARN");
    assert_eq!(events[0].get("status"), Some("404"));
    assert_eq!(events[0].get("trace_id"), None);
    // The path is the request's; the error's own text and args are not logged.
    let fields: Vec<&String> = events[0]
        .fields
        .iter()
        .filter(|(k, _)| *k != "instance")
        .map(|(_, v)| v)
        .collect();
    assert!(
        fields.iter().all(|v| !v.contains("secret-name")),
        "{:#?}",
        events[0]
    );
}

#[tokio::test]
async fn a_malformed_or_repeated_traceparent_is_ignored_and_never_echoed() {
    let hostile = [
        vec!["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-<script>"],
        vec!["00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"],
        vec!["00-00000000000000000000000000000000-00f067aa0ba902b7-01"],
        vec!["ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
        vec!["zz-evil-\u{e9}\u{202e}"],
        vec![TRACEPARENT, TRACEPARENT],
    ];
    let app = ProblemLayer::new(localizer())
        .trace_id_as_request_id(true)
        .layer(routes());
    for values in hostile {
        let mut request = Request::get("/disks/sdz");
        for value in &values {
            request = request.header(
                "traceparent",
                http::HeaderValue::from_bytes(value.as_bytes()).unwrap(),
            );
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        let text = String::from_utf8(body.to_vec()).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        assert!(json.get("trace_id").is_none(), "{values:?}: {text}");
        assert!(
            !text.contains("evil") && !text.contains("script") && !text.contains("4BF92F"),
            "{text}"
        );
        assert_ne!(id, TRACE_ID, "{values:?}: a generated id, not the trace's");
        assert_eq!(json["request_id"], id.as_str());
    }
}

#[tokio::test]
async fn the_trace_id_can_be_the_request_id() {
    let layer = ProblemLayer::new(localizer()).trace_id_as_request_id(true);
    let app = layer.layer(routes());
    let router = Router::new().fallback_service(app.clone());
    let request = Request::get("/disks/sdz")
        .header("traceparent", TRACEPARENT)
        .body(Body::empty())
        .unwrap();
    let reply = send(router.clone(), request).await;
    assert_eq!(reply.header("x-request-id"), Some(TRACE_ID));
    assert_eq!(reply.json()["request_id"], TRACE_ID);
    assert_eq!(reply.json()["trace_id"], TRACE_ID);
    // A success echoes it only when something asked for the id, as before.
    let ok = Request::get("/ok")
        .header("traceparent", TRACEPARENT)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(router.clone(), ok).await.header("x-request-id"), None);
    // An id the client sent wins over its trace id.
    let request = Request::get("/disks/sdz")
        .header("traceparent", TRACEPARENT)
        .header("x-request-id", "req-own")
        .body(Body::empty())
        .unwrap();
    let reply = send(router.clone(), request).await;
    assert_eq!(reply.header("x-request-id"), Some("req-own"));
    assert_eq!(reply.json()["trace_id"], TRACE_ID);
    // Off by default: the trace id is shown, the request id generated.
    let request = Request::get("/disks/sdz")
        .header("traceparent", TRACEPARENT)
        .body(Body::empty())
        .unwrap();
    let default = Router::new().fallback_service(ProblemLayer::new(localizer()).layer(routes()));
    let reply = send(default, request).await;
    assert_ne!(reply.header("x-request-id"), Some(TRACE_ID));
    assert_eq!(reply.json()["trace_id"], TRACE_ID);
}
