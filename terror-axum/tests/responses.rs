//! How the layer finishes responses, as a client and an operator see
//! them: only bare error responses become problems and a replaced body
//! takes its representation headers with it, the request's languages come
//! from every `Accept-Language` line and a well-decoded `lang`, a response
//! shows a bounded number of sub-errors, and every server error line has
//! the request id and cannot be forged.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use support::{get_ru, localizer, send, with_logs};
use terror_axum::{Json, Path, ProblemLayer, Verbatim};
use terror_core::{SubError, Terror};

/// What a handler (or a proxy in front of a file server) answers: a
/// compressed text body with validators and a `Vary` of its own.
async fn gzip_text() -> Response {
    (
        StatusCode::BAD_REQUEST,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONTENT_ENCODING, "gzip"),
            (header::ETAG, "\"v1\""),
            (header::LAST_MODIFIED, "Tue, 01 Sep 2026 10:00:00 GMT"),
            (header::CONTENT_RANGE, "bytes 0-3/4"),
            (header::VARY, "origin"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        vec![0x1f_u8, 0x8b, 0x08, 0x00],
    )
        .into_response()
}

/// An OAuth 2 token endpoint must answer `{"error": "invalid_grant"}`.
async fn token() -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": "invalid_grant" })),
    )
        .into_response()
}

async fn legacy() -> Response {
    (StatusCode::UNAUTHORIZED, Verbatim, "ERR_TOKEN_EXPIRED").into_response()
}

async fn html() -> Response {
    (StatusCode::NOT_FOUND, Html("<h1>Gone fishing</h1>")).into_response()
}

async fn raw_bytes() -> Response {
    (StatusCode::BAD_REQUEST, Body::from("raw")).into_response()
}

fn conversion_app() -> Router {
    Router::new()
        .route("/gzip", get(gzip_text))
        .route("/token", post(token))
        .route("/legacy", get(legacy))
        .route("/html", get(html))
        .route("/raw", get(raw_bytes))
        .layer(ProblemLayer::new(localizer()))
}

#[tokio::test]
async fn a_replaced_body_takes_its_representation_headers_with_it() {
    let reply = send(conversion_app(), get_ru("/gzip")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.json()["code"], "http.bad_request");
    for gone in ["content-encoding", "etag", "last-modified", "content-range"] {
        assert_eq!(reply.header(gone), None, "{gone}");
    }
    let vary: Vec<&str> = reply
        .headers
        .get_all(header::VARY)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(vary, ["origin", "accept-language"]);
    // Headers about the response itself stay.
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(reply.header("content-language"), Some("ru"));
}

#[tokio::test]
async fn other_content_types_and_marked_responses_pass_through() {
    let reply = send(
        conversion_app(),
        Request::post("/token").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.text(), r#"{"error":"invalid_grant"}"#);
    assert_eq!(reply.header("content-language"), None);

    let reply = send(conversion_app(), get_ru("/legacy")).await;
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (StatusCode::UNAUTHORIZED, "ERR_TOKEN_EXPIRED")
    );
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; charset=utf-8")
    );

    let reply = send(conversion_app(), get_ru("/html")).await;
    assert_eq!(reply.text(), "<h1>Gone fishing</h1>");

    // A body without a content type is not empty, so it is not bare.
    let reply = send(conversion_app(), get_ru("/raw")).await;
    assert_eq!(reply.text(), "raw");

    // Empty bodies still become problems (an unknown route).
    let reply = send(conversion_app(), get_ru("/nowhere")).await;
    assert_eq!(reply.json()["code"], "request.not_found");
    // Every answer echoes the request id, converted or not.
    assert_eq!(reply.header("x-request-id"), Some("req-hostile"));
}

async fn hello() -> &'static str {
    "hello"
}

#[tokio::test]
async fn repeated_accept_language_lines_are_combined() {
    let app = Router::new()
        .route("/nope", get(hello))
        .layer(ProblemLayer::new(localizer()));
    let request = Request::get("/missing")
        .header("accept-language", "fr")
        .header("accept-language", "ru;q=0.9")
        .body(Body::empty())
        .unwrap();
    let reply = send(app, request).await;
    assert_eq!(reply.header("content-language"), Some("ru"));
    assert_eq!(reply.json()["title"], "Не найдено");
}

#[tokio::test]
async fn a_sign_in_a_query_escape_is_not_a_hex_digit() {
    let app = Router::new()
        .route("/nope", get(hello))
        .layer(ProblemLayer::new(localizer()));
    // `%+9` would be a tab if `+9` were read as hex; then `\tru` would be
    // trimmed to `ru`.
    let reply = send(app.clone(), get_ru("/missing?lang=%+9ru")).await;
    assert_eq!(reply.header("content-language"), Some("ru"));
    let request = Request::get("/missing?lang=%+9ru")
        .body(Body::empty())
        .unwrap();
    let reply = send(app.clone(), request).await;
    assert_eq!(reply.header("content-language"), Some("en-US"));
    let request = Request::get("/missing?lang=%72u")
        .body(Body::empty())
        .unwrap();
    let reply = send(app, request).await;
    assert_eq!(reply.header("content-language"), Some("ru"));
}

#[derive(Debug, thiserror::Error, Terror)]
#[error("the batch has {} invalid items", errors.len())]
#[terror(code = "batch.invalid", status = 422)]
struct BatchInvalid {
    #[terror(errors)]
    errors: Vec<SubError>,
}

#[derive(Debug, thiserror::Error, Terror)]
#[error("invalid item")]
#[terror(code = "item.invalid", status = 422)]
struct ItemInvalid;

async fn batch() -> Result<&'static str, BatchInvalid> {
    let errors = (0..200_000)
        .map(|i| SubError::new(ItemInvalid).at_pointer(format!("/items/{i}")))
        .collect();
    Err(BatchInvalid { errors })
}

#[tokio::test]
async fn a_response_shows_a_bounded_number_of_sub_errors_and_their_total() {
    let app = Router::new()
        .route("/batch", post(batch))
        .layer(ProblemLayer::new(localizer()));
    let reply = send(app, Request::post("/batch").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = reply.json();
    assert_eq!(
        body["errors"].as_array().unwrap().len(),
        terror_core::MAX_SUB_ERRORS
    );
    assert_eq!(body["errors"][99]["pointer"], "/items/99");
    assert_eq!(body["errors_total"], 200_000);
    assert!(reply.raw.len() < 16 * 1024, "{} bytes", reply.raw.len());
}

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk")]
enum DiskError {
    #[error("disk {name} failed")]
    #[terror(status = 500)]
    Failed { name: String },
}

async fn failed(Path(name): Path<String>) -> Result<&'static str, DiskError> {
    Err(DiskError::Failed { name })
}

/// The error becomes a response in another task, outside the request.
async fn failed_elsewhere() -> Response {
    tokio::spawn(async { DiskError::Failed { name: "sdb".into() }.into_response() })
        .await
        .unwrap()
}

#[test]
fn every_server_error_line_has_the_request_id_and_no_line_is_forged() {
    let app = Router::new()
        .route("/disks/{name}", get(failed))
        .route("/elsewhere", get(failed_elsewhere))
        .layer(ProblemLayer::new(localizer()));
    let ((forged, elsewhere), logs) = with_logs(async {
        let forged = send(app.clone(), get_ru("/disks/sda%0AERROR%20forged%E2%80%AE")).await;
        let elsewhere = send(app, get_ru("/elsewhere")).await;
        (forged, elsewhere)
    });
    assert_eq!(forged.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(elsewhere.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(elsewhere.json()["request_id"], "req-hostile");
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 2, "{logs}");
    for line in &errors {
        assert!(line.contains("request_id=\"req-hostile\""), "{line}");
    }
    assert!(
        errors[0].contains("error=disk sda\\nERROR forged\\u{202e} failed"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("error=disk sdb failed"), "{}", errors[1]);
    assert!(
        !logs.lines().any(|l| l.starts_with("ERROR forged")),
        "{logs}"
    );
}
