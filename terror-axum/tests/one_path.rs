//! One path from an error to its response: wherever a terror error becomes
//! a response inside the layer, the response carries the error and the
//! layer renders it for the request (its languages, its path, its id), and
//! logs it once with the request's id.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::Request;
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use support::{localizer, send, with_logs, Reply};
use terror_axum::{Languages, ProblemLayer, RequestId};
use terror_core::Terror;
use tower::{BoxError, ServiceBuilder};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk")]
enum DiskError {
    #[error("disk {name} missing")]
    #[terror(status = 404)]
    Missing { name: String },
    #[error("disk {name} failed")]
    #[terror(status = 500)]
    Failed {
        name: String,
        #[source]
        source: std::io::Error,
    },
}

fn missing(name: &str) -> DiskError {
    DiskError::Missing { name: name.into() }
}

/// A service behind `HandleErrorLayer` that fails as a tower service does.
async fn failing_service(_: Request) -> Result<Response, BoxError> {
    Err("the backend hung up".into())
}

/// Every place an error can become a response, inside the layer.
fn app() -> Router {
    let handle_error = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|_: BoxError| async {
            missing("via-handle-error")
        }))
        .service(tower::service_fn(failing_service));
    let after = Router::new()
        .route("/after", get(|| async { StatusCode::NO_CONTENT }))
        .layer(middleware::from_fn(
            |request: Request, next: Next| async move {
                let response = next.run(request).await;
                if response.status() == StatusCode::NO_CONTENT {
                    return Err(missing("via-middleware"));
                }
                Ok(response)
            },
        ));
    Router::new()
        .route(
            "/handler",
            get(|| async { Err::<(), _>(missing("via-handler")) }),
        )
        .route(
            "/spawned",
            get(|| async {
                tokio::spawn(async { missing("via-task").into_response() })
                    .await
                    .unwrap()
            }),
        )
        .route_service("/handle-error", handle_error)
        .route(
            "/rejection/{count}",
            get(
                |terror_axum::Path(count): terror_axum::Path<u32>| async move { count.to_string() },
            ),
        )
        .merge(after)
        .fallback(|uri: Uri| async move { missing(uri.path().trim_start_matches('/')) })
        .layer(ProblemLayer::new(localizer()))
}

fn get_ru(uri: &str, id: &str) -> http::Request<Body> {
    http::Request::get(uri)
        .header("accept-language", "ru")
        .header("x-request-id", id)
        .body(Body::empty())
        .unwrap()
}

/// What every localized problem of the request shows: the request's
/// language, path and id.
fn assert_for_request(reply: &Reply, path: &str, id: &str) -> Value {
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        reply.header("content-language"),
        Some("ru"),
        "{}",
        reply.text()
    );
    assert_eq!(reply.header("x-request-id"), Some(id));
    let body = reply.json();
    assert_eq!(body["instance"], path, "{body}");
    assert_eq!(body["request_id"], id, "{body}");
    body
}

#[tokio::test]
async fn an_error_is_localized_wherever_it_becomes_a_response() {
    for (path, name) in [
        ("/handler", "via-handler"),
        ("/spawned", "via-task"),
        ("/handle-error", "via-handle-error"),
        ("/after", "via-middleware"),
        ("/via-fallback", "via-fallback"),
    ] {
        let reply = send(app(), get_ru(path, "req-1")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        let body = assert_for_request(&reply, path, "req-1");
        assert_eq!(body["code"], "disk.missing");
        assert_eq!(body["title"], "Диск отсутствует");
        assert_eq!(body["detail"], format!("Диск {name} отсутствует."));
        assert_eq!(body["args"]["name"], name);
    }
    // An extractor's rejection is a terror error too.
    let reply = send(app(), get_ru("/rejection/many", "req-2")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = assert_for_request(&reply, "/rejection/many", "req-2");
    assert_eq!(body["code"], "request.invalid_parameters");
    assert_eq!(body["errors"][0]["parameter"], "count");
    assert_eq!(
        body["errors"][0]["detail"],
        "Значение many не подходит: ожидается целое число."
    );
}

/// The handler's extractors read the request's scope from the request
/// itself, so they work in a task the handler (or a middleware) spawns
/// with the request, and they agree with what the layer renders.
#[tokio::test]
async fn handlers_read_the_request_id_and_languages_anywhere() {
    async fn report(languages: Languages, id: RequestId) -> String {
        format!("{} {id}", languages.primary())
    }
    let app = Router::new()
        .route("/here", get(report))
        .route(
            "/spawned",
            get(|request: Request| async move {
                tokio::spawn(async move {
                    use axum::extract::FromRequestParts as _;
                    let (mut parts, _) = request.into_parts();
                    let languages = Languages::from_request_parts(&mut parts, &())
                        .await
                        .unwrap();
                    let id = RequestId::from_request_parts(&mut parts, &())
                        .await
                        .unwrap();
                    report(languages, id).await
                })
                .await
                .unwrap()
            }),
        )
        .layer(ProblemLayer::new(localizer()));
    for path in ["/here", "/spawned"] {
        let reply = send(app.clone(), get_ru(path, "req-3")).await;
        assert_eq!(reply.text(), "ru req-3", "{path}");
        let request = http::Request::get(format!("{path}?lang=en"))
            .body(Body::empty())
            .unwrap();
        let reply = send(app.clone(), request).await;
        let generated = reply
            .header("x-request-id")
            .expect("the id taken is echoed");
        assert_eq!(reply.text(), format!("en-US {generated}"), "{path}");
    }
}

/// A subscriber sees the request's id (and method and path) on the one
/// event that logs a server error, whether the error became a response in
/// the handler or in another task.
#[test]
fn a_server_error_is_logged_once_with_the_request_id() {
    let app = Router::new()
        .route(
            "/failed",
            get(|| async {
                tokio::spawn(async {
                    DiskError::Failed {
                        name: "sdc".into(),
                        source: std::io::Error::other("controller at 10.1.1.1 timed out"),
                    }
                    .into_response()
                })
                .await
                .unwrap()
            }),
        )
        .layer(ProblemLayer::new(localizer()));
    let (reply, logs) = with_logs(send(app, get_ru("/failed", "req-500")));
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let body = assert_for_request(&reply, "/failed", "req-500");
    assert!(body.get("args").is_none(), "{body}");
    assert!(!reply.text().contains("10.1.1.1"));
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "{logs}");
    for part in [
        "method=\"GET\"",
        "instance=\"/failed\"",
        "code=\"disk.failed\"",
        "status=500",
        "request_id=\"req-500\"",
        "disk sdc failed: controller at 10.1.1.1 timed out",
    ] {
        assert!(errors[0].contains(part), "{part} not in {}", errors[0]);
    }
}

/// A slow handler's timeout, answered by `HandleErrorLayer` with a terror
/// error, is localized for the request like any other.
#[tokio::test]
async fn a_timeout_answered_by_handle_error_layer_is_localized() {
    let app = Router::new()
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async {
                    missing("timed-out")
                }))
                .timeout(Duration::from_millis(10)),
        )
        .layer(ProblemLayer::new(localizer()));
    let reply = send(app, get_ru("/slow", "req-4")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let body = assert_for_request(&reply, "/slow", "req-4");
    assert_eq!(body["detail"], "Диск timed-out отсутствует.");
}
