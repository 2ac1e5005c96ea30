//! The layer as a client and an operator see it: response languages,
//! rendering without the layer, mixed error types, and logs.

mod support;

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderName, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use support::disks::{broken, missing, DiskError};
use support::localizer;
use terror_axum::{AnyError, Languages, ProblemLayer, RequestId};
use terror_core::{Args, Terror};
use tower::ServiceExt;

#[derive(Debug, thiserror::Error, Terror)]
#[error("quota")]
#[terror(code = "quota.exceeded", status = 429)]
struct QuotaExceeded;

async fn mixed(Path(which): Path<u8>) -> Result<String, AnyError> {
    match which {
        0 => Err(DiskError::Missing { name: "sda".into() })?,
        1 => Err(QuotaExceeded)?,
        _ => Ok("fine".into()),
    }
}

/// The error becomes a response in another task, outside the request's
/// context: the layer renders it again in the request's languages.
async fn spawned() -> axum::response::Response {
    tokio::spawn(async {
        axum::response::IntoResponse::into_response(DiskError::Missing { name: "sdb".into() })
    })
    .await
    .unwrap()
}

async fn greet(languages: Languages, id: RequestId) -> String {
    let text = languages
        .format("greeting", &Args::new().with("name", "Ann"))
        .unwrap();
    format!("{} {} {}", text.locale, text.text, id.as_str().len())
}

/// What a timeout layer or a proxy answers: a bare status with text.
async fn timed_out() -> (StatusCode, [(HeaderName, &'static str); 1], &'static str) {
    (
        StatusCode::REQUEST_TIMEOUT,
        [(http::header::CONNECTION, "close")],
        "request timed out",
    )
}

fn routes() -> Router {
    Router::new()
        .route("/slow", get(timed_out))
        .route("/disks/{name}", get(missing))
        .route("/broken", get(broken))
        .route("/mixed/{which}", get(mixed))
        .route("/spawned", get(spawned))
        .route("/greet", get(greet))
}

async fn call(
    app: Router,
    uri: &str,
    accept_language: &str,
) -> (StatusCode, http::HeaderMap, String) {
    let request = Request::get(uri)
        .header("accept-language", accept_language)
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap()
}

#[tokio::test]
async fn with_the_layer_errors_speak_the_request_language() {
    let app = routes().layer(ProblemLayer::new(localizer()));
    let (status, headers, body) = call(app, "/disks/sda", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["content-language"], "ru");
    assert_eq!(headers["content-type"], "application/problem+json");
    let body = json(&body);
    assert_eq!(body["detail"], "Диск sda отсутствует.");
    assert_eq!(body["instance"], "/disks/sda");
    assert_eq!(
        body["request_id"],
        headers["x-request-id"].to_str().unwrap()
    );
}

#[tokio::test]
async fn without_the_layer_errors_render_in_the_default_locale() {
    // Only the framework's messages are known to the global localizer here,
    // so the detail is the generic one, in English, whatever was asked.
    let (status, headers, body) = call(routes(), "/disks/sda", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["content-type"], "application/problem+json");
    // The body is rendered when it is written, after the headers are made:
    // its language is not known when they are.
    assert!(headers.get("content-language").is_none());
    let body = json(&body);
    assert_eq!(body["code"], "disk.missing");
    assert_eq!(body["title"], "Not found");
    assert_eq!(
        body["detail"],
        "The request failed with error disk.missing."
    );
    assert!(body.get("instance").is_none());
}

#[tokio::test]
async fn any_error_mixes_error_types() {
    let app = routes().layer(ProblemLayer::new(localizer()));
    let (status, _, body) = call(app.clone(), "/mixed/0", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["detail"], "Диск sda отсутствует.");
    let (status, _, body) = call(app.clone(), "/mixed/1", "ru").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(json(&body)["title"], "Слишком много запросов");
    let (status, _, body) = call(app, "/mixed/2", "ru").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "fine"));
}

#[tokio::test]
async fn errors_converted_elsewhere_are_rendered_again_by_the_layer() {
    let app = routes().layer(ProblemLayer::new(localizer()));
    let (status, headers, body) = call(app, "/spawned", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["content-language"], "ru");
    let body = json(&body);
    assert_eq!(body["detail"], "Диск sdb отсутствует.");
    assert_eq!(body["instance"], "/spawned");
}

#[tokio::test]
async fn handlers_get_the_languages_and_request_id() {
    let app = routes().layer(ProblemLayer::new(localizer()));
    let (_, _, body) = call(app.clone(), "/greet", "ru-RU, en;q=0.5").await;
    assert_eq!(body, "ru Привет, Ann! 16");
    let (_, _, body) = call(app, "/greet?lang=en", "ru").await;
    assert_eq!(body, "en-US Hello, Ann! 16");
}

#[tokio::test]
async fn configurable_parameter_and_header() {
    let app = routes().layer(
        ProblemLayer::new(localizer())
            .query_parameter("locale")
            .request_id_header(HeaderName::from_static("x-correlation-id")),
    );
    let request = Request::get("/disks/a?locale=ru&lang=en")
        .header("x-correlation-id", "corr-1")
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.headers()["content-language"], "ru");
    assert_eq!(response.headers()["x-correlation-id"], "corr-1");
}

#[test]
fn server_errors_are_logged_with_their_source_chain_and_client_errors_only_when_asked() {
    let ((broken_body, missing_status), logs) = support::with_logs(async {
        let app = routes().layer(ProblemLayer::new(localizer()));
        let request = Request::get("/broken")
            .header("x-request-id", "req-500")
            .header("authorization", "Bearer s3cr3t-t0ken")
            .header("cookie", "session=c00kie-value")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let (status, _, _) = call(app, "/disks/sdz", "en").await;
        (String::from_utf8(body.to_vec()).unwrap(), status)
    });
    assert_eq!(missing_status, StatusCode::NOT_FOUND);
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "one event per error: {logs}");
    for part in [
        "terror_core::log: request failed",
        "code=\"disk.broken\"",
        "status=500",
        "request_id=\"req-500\"",
        "method=\"GET\"",
        "instance=\"/broken\"",
        "error=disk broken: controller at 10.1.1.1 timed out",
    ] {
        assert!(errors[0].contains(part), "{part} not in {}", errors[0]);
    }
    // Nothing from the client's headers reaches the logs.
    assert!(
        !logs.contains("s3cr3t") && !logs.contains("c00kie"),
        "{logs}"
    );
    // A client's mistake is not logged unless the service asks.
    assert!(!logs.contains("disk.missing"), "{logs}");
    // The client sees none of it.
    assert!(!broken_body.contains("10.1.1.1"), "{broken_body}");

    let (_, logs) = support::with_logs(async {
        let layer = ProblemLayer::new(localizer()).log_client_errors(Some(tracing::Level::INFO));
        call(routes().layer(layer), "/disks/sdz", "en").await
    });
    let lines: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("disk.missing"))
        .collect();
    assert_eq!(lines.len(), 1, "{logs}");
    for part in [
        " INFO ",
        "request rejected",
        "status=404",
        "instance=\"/disks/sdz\"",
    ] {
        assert!(lines[0].contains(part), "{part} not in {}", lines[0]);
    }
    // Neither the error's text nor its args: only what the request was.
    assert!(!lines[0].contains("error="), "{}", lines[0]);
}

#[tokio::test]
async fn plain_failures_become_problems_keeping_status_and_headers() {
    let app = routes().layer(ProblemLayer::new(localizer()));
    let (status, headers, body) = call(app.clone(), "/slow", "ru").await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(headers["connection"], "close");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(headers["content-language"], "ru");
    let body = json(&body);
    assert_eq!(body["code"], "http.request_timeout");
    assert_eq!(body["title"], "Истекло время ожидания запроса");
    assert_eq!(body["detail"], "Запрос завершился со статусом 408.");
    assert_eq!(
        body["request_id"],
        headers["x-request-id"].to_str().unwrap()
    );

    // Turned off, the layer leaves such responses as they are.
    let app = routes().layer(ProblemLayer::new(localizer()).convert_responses(false));
    let (status, headers, body) = call(app, "/slow", "ru").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::REQUEST_TIMEOUT, "request timed out")
    );
    assert!(headers.get("content-language").is_none());
}

#[derive(Debug, serde::Deserialize)]
struct Paging {
    limit: u32,
    #[serde(default)]
    verbose: bool,
}

async fn list(terror_axum::Query(paging): terror_axum::Query<Paging>) -> String {
    format!("limit={} verbose={}", paging.limit, paging.verbose)
}

async fn submit(terror_axum::Form(paging): terror_axum::Form<Paging>) -> String {
    format!("limit={}", paging.limit)
}

async fn send(app: Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn query_and_form_rejections_name_the_parameter() {
    let app = Router::new()
        .route("/list", get(list))
        .route("/submit", axum::routing::post(submit))
        .layer(ProblemLayer::new(localizer()));
    let get_req = |uri: &str| {
        Request::get(uri)
            .header("accept-language", "ru")
            .body(Body::empty())
            .unwrap()
    };

    let (status, body) = send(app.clone(), get_req("/list?limit=abc")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "request.invalid_parameters");
    assert_eq!(
        body["errors"],
        serde_json::json!([{
            "code": "request.invalid_parameter",
            "detail": "Значение abc не подходит: ожидается целое число.",
            "parameter": "limit",
            "args": { "value": "abc", "expected_kind": "integer" }
        }])
    );

    let (_, body) = send(app.clone(), get_req("/list?verbose=yes&limit=3")).await;
    assert_eq!(body["errors"][0]["parameter"], "verbose");
    assert_eq!(body["errors"][0]["args"]["expected_kind"], "boolean");

    let (_, body) = send(app.clone(), get_req("/list")).await;
    assert_eq!(body["errors"][0]["code"], "request.missing_parameter");
    assert_eq!(body["errors"][0]["parameter"], "limit");
    assert_eq!(
        body["errors"][0]["detail"],
        "Нет обязательного параметра limit."
    );

    let form = |body: &'static str, content_type: &'static str| {
        Request::post("/submit")
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let (status, body) = send(
        app.clone(),
        form("limit=x", "application/x-www-form-urlencoded"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["pointer"], "/limit");
    let (status, body) = send(app, form("limit=1", "application/json")).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        body["args"]["expected"],
        "application/x-www-form-urlencoded"
    );
}

/// Without the layer nobody renders the error again: it is logged once,
/// when its response is done with.
#[test]
fn without_the_layer_a_server_error_is_still_logged_once() {
    let ((status, _, body), logs) = support::with_logs(call(routes(), "/broken", "ru"));
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!body.contains("10.1.1.1"), "{body}");
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "{logs}");
    assert!(
        errors[0].contains("disk broken: controller at 10.1.1.1 timed out"),
        "{logs}"
    );
}

/// A target without a path (`CONNECT`'s authority form) gets a problem
/// whose `instance` is the empty path `Uri::path` gives, as any other
/// request's is its path.
#[tokio::test]
async fn a_target_without_a_path_has_an_empty_instance() {
    let app = routes().layer(ProblemLayer::new(localizer()));
    let request = Request::builder()
        .method("CONNECT")
        .uri("example.com:443")
        .header("accept-language", "ru")
        .body(Body::empty())
        .unwrap();
    assert_eq!(request.uri().path(), "");
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["code"], "request.not_found");
    assert_eq!(body["instance"], "");
    assert_eq!(body["args"]["path"], "");
}

/// A layer inside another has a scope of its own: the handler sees the
/// inner one's id, which the response echoes, beside the outer one's.
#[tokio::test]
async fn a_layer_inside_another_has_its_own_scope() {
    let inner = Router::new()
        .route("/id", get(|id: RequestId| async move { id.to_string() }))
        .layer(
            ProblemLayer::new(localizer()).request_id_header(HeaderName::from_static("x-inner-id")),
        );
    let app = Router::new()
        .nest("/api", inner)
        .layer(ProblemLayer::new(localizer()));
    let request = Request::get("/api/id")
        .header("x-request-id", "outer-1")
        .header("x-inner-id", "inner-1")
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.headers()["x-request-id"], "outer-1");
    assert_eq!(response.headers()["x-inner-id"], "inner-1");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, "inner-1");
}
