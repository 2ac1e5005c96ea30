//! A 405 names the methods its path takes, in the problem's `allowed` and
//! in axum's `Allow` header, when the layer wraps the router; inside the
//! router (`Router::layer`) axum adds `Allow` only after the layer, and the
//! layer says so once in the log.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use support::{localizer, send, with_logs};
use terror_axum::ProblemLayer;

fn routes() -> Router {
    Router::new().route("/volumes", get(|| async { "[]" }).post(|| async { "" }))
}

fn delete() -> Request<Body> {
    Request::delete("/volumes")
        .header("x-request-id", "req-405")
        .body(Body::empty())
        .unwrap()
}

#[test]
fn around_the_router_a_405_names_the_allowed_methods() {
    let (reply, logs) = with_logs(async {
        let app = Router::new().fallback_service(ProblemLayer::new(localizer()).layer(routes()));
        send(app, delete()).await
    });
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.header("allow"), Some("GET,HEAD,POST"));
    let problem = reply.json();
    assert_eq!(problem["code"], "request.method_not_allowed");
    assert_eq!(
        problem["args"],
        json!({"method": "DELETE", "allowed": "GET,HEAD,POST"})
    );
    assert!(!logs.contains("WARN"), "{logs}");
}

#[test]
fn inside_the_router_the_layer_says_once_why_allowed_is_null() {
    let (replies, logs) = with_logs(async {
        let app = routes().layer(ProblemLayer::new(localizer()));
        [send(app.clone(), delete()).await, send(app, delete()).await]
    });
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
        // axum adds the header after the layer made the body.
        assert_eq!(reply.header("allow"), Some("GET,HEAD,POST"));
        assert_eq!(reply.json()["args"]["allowed"], json!(null));
    }
    let warnings: Vec<&str> = logs.lines().filter(|l| l.contains(" WARN ")).collect();
    assert_eq!(warnings.len(), 1, "{logs}");
    assert!(
        warnings[0].ends_with(
            "terror: ProblemLayer was added with Router::layer or Router::route_layer, so a 405 \
             problem cannot name the allowed methods (\"allowed\": null); wrap the router \
             instead: ProblemLayer::new(localizer).layer(router)"
        ),
        "{logs}"
    );
}
