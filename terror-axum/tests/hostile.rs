//! The layer and extractors against hostile clients and careless handlers,
//! as a client and an operator see them: client mistakes are 4xx, no text
//! from the service's code or its dependencies reaches a client, responses
//! are converted only when that is safe, limits hold, and log lines cannot
//! be forged.

mod support;

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::{json, Value};
use support::{localizer, with_logs};
use terror_axum::{Form, Json, LanguageLayer, Path, Query, Verbatim};
use terror_core::{SubError, Terror};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    raw: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.raw).unwrap_or(Value::Null)
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn send(app: Router, request: Request<Body>) -> Reply {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let raw = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        raw: raw.to_vec(),
    }
}

fn get_ru(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header("accept-language", "ru")
        .header("x-request-id", "req-hostile")
        .body(Body::empty())
        .unwrap()
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Tier {
    Fast,
    Slow,
}

async fn tier(Path(tier): Path<Tier>) -> String {
    format!("{tier:?}")
}

/// A route whose extractor wants two parameters where the route has one:
/// the service's bug, not the client's.
async fn mismatched(Path((a, b)): Path<(String, String)>) -> String {
    a + &b
}

#[test]
fn an_unknown_enum_variant_in_a_path_is_a_400_naming_the_parameter() {
    let app = Router::new()
        .route("/tier/{tier}", get(tier))
        .layer(LanguageLayer::new(localizer()));
    let (reply, logs) = with_logs(send(app, get_ru("/tier/tape")));
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["code"], "request.invalid_parameters");
    assert_eq!(
        body["errors"],
        json!([{
            "code": "request.unknown_variant",
            "detail": "Это значение не из допустимых здесь: fast, slow.",
            "parameter": "tier",
            "args": { "allowed": ["fast", "slow"] }
        }])
    );
    // A client's mistake pages nobody.
    assert!(!logs.contains("ERROR"), "{logs}");
}

#[test]
fn a_path_extractor_that_does_not_fit_its_route_is_the_servers_500() {
    let app = Router::new()
        .route("/pair/{a}", get(mismatched))
        .layer(LanguageLayer::new(localizer()));
    let (reply, logs) = with_logs(send(app, get_ru("/pair/x")));
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let body = reply.json();
    assert_eq!(body["code"], "http.internal_server_error");
    assert!(!reply.text().contains("path arguments"), "{}", reply.text());
    // One error line, with the request id and axum's explanation.
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "{logs}");
    assert!(errors[0].contains("request_id=\"req-hostile\""), "{logs}");
    assert!(
        errors[0]
            .contains("a Path extractor does not fit its route: Wrong number of path arguments"),
        "{logs}"
    );
}

/// An API key the service parses itself. Its error text names internal
/// hosts and keys, as real ones do.
#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
struct ApiKey(#[allow(dead_code)] String);

impl TryFrom<String> for ApiKey {
    type Error = String;

    fn try_from(key: String) -> Result<Self, String> {
        if key.starts_with("sk-") {
            Ok(ApiKey(key))
        } else {
            Err(format!(
                "key {key} not in vault db-7.internal:5432 (master key mk-0042)\nWARN forged"
            ))
        }
    }
}

#[derive(Debug, Deserialize)]
struct Credentials {
    #[allow(dead_code)]
    key: ApiKey,
}

async fn login_json(Json(_): Json<Credentials>) -> &'static str {
    "in"
}

async fn login_form(Form(_): Form<Credentials>) -> &'static str {
    "in"
}

async fn login_query(Query(_): Query<Credentials>) -> &'static str {
    "in"
}

async fn login_path(Path(_): Path<Credentials>) -> &'static str {
    "in"
}

const INTERNAL: [&str; 4] = ["vault", "db-7", "mk-0042", "5432"];

#[test]
fn text_from_the_services_own_parsing_never_reaches_a_client() {
    let app = Router::new()
        .route("/json", post(login_json))
        .route("/form", post(login_form))
        .route("/query", get(login_query))
        .route("/path/{key}", get(login_path))
        .layer(LanguageLayer::new(localizer()));
    let body = |content_type: &str, body: &'static str, uri: &str| {
        Request::post(uri)
            .header("content-type", content_type)
            .header("accept-language", "ru")
            .body(Body::from(body))
            .unwrap()
    };
    let requests = [
        (
            body("application/json", r#"{"key": "nope"}"#, "/json"),
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "code": "request.invalid_value", "detail": "Это значение не принимается.", "pointer": "/key" }),
        ),
        (
            body("application/x-www-form-urlencoded", "key=nope", "/form"),
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "code": "request.invalid_value", "detail": "Это значение не принимается.", "pointer": "/key" }),
        ),
        (
            get_ru("/query?key=nope"),
            StatusCode::BAD_REQUEST,
            json!({ "code": "request.invalid_value", "detail": "Это значение не принимается.", "parameter": "key" }),
        ),
        (
            get_ru("/path/nope"),
            StatusCode::BAD_REQUEST,
            json!({ "code": "request.invalid_value", "detail": "Это значение не принимается.", "parameter": "key" }),
        ),
    ];
    for (request, status, sub) in requests {
        let uri = request.uri().to_string();
        let (reply, logs) = with_logs(send(app.clone(), request));
        assert_eq!(reply.status, status, "{uri}: {}", reply.text());
        assert_eq!(reply.json()["errors"], json!([sub]), "{uri}");
        for internal in INTERNAL {
            assert!(!reply.text().contains(internal), "{uri}: {}", reply.text());
        }
        // The operator finds the text in the debug log, on one line.
        let line = logs
            .lines()
            .find(|l| l.contains("DEBUG") && l.contains("db-7.internal:5432"))
            .unwrap_or_else(|| panic!("{uri}: {logs}"));
        assert!(line.contains("mk-0042)\\nWARN forged"), "{line}");
        assert!(
            !logs.lines().any(|l| l.starts_with("WARN forged")),
            "{logs}"
        );
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Page {
    limit: u8,
    tier: Option<Tier>,
}

async fn page(Query(_): Query<Page>) -> &'static str {
    "page"
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Resize {
    copies: u8,
    tier: Tier,
    size: i64,
}

async fn resize(Json(_): Json<Resize>) -> &'static str {
    "resized"
}

#[tokio::test]
async fn recognized_mistakes_say_exactly_what_is_wrong() {
    let app = Router::new()
        .route("/page", get(page))
        .route("/resize", post(resize))
        .layer(LanguageLayer::new(localizer()));
    let subs = |reply: &Reply| reply.json()["errors"].clone();

    let reply = send(app.clone(), get_ru("/page?limit=300")).await;
    assert_eq!(
        subs(&reply),
        json!([{ "code": "request.out_of_range", "detail": "Это число слишком велико.", "parameter": "limit", "args": { "bound": "too_large", "min": null, "max": null } }])
    );
    let reply = send(app.clone(), get_ru("/page?limit=-3")).await;
    assert_eq!(subs(&reply)[0]["args"]["bound"], "too_small");
    let reply = send(app.clone(), get_ru("/page?limit=5&tier=tape")).await;
    assert_eq!(subs(&reply)[0]["code"], "request.unknown_variant");
    assert_eq!(subs(&reply)[0]["parameter"], "tier");

    let resize = |body: &'static str| {
        Request::post("/resize")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap()
    };
    let reply = send(
        app.clone(),
        resize(r#"{"copies": 300, "tier": "fast", "size": 1}"#),
    )
    .await;
    assert_eq!(
        subs(&reply),
        json!([{ "code": "request.out_of_range", "detail": "This number must be between 0 and 255.", "pointer": "/copies", "args": { "bound": "between", "min": 0, "max": 255 } }])
    );
    let reply = send(
        app.clone(),
        resize(r#"{"copies": 1, "tier": "tape", "size": 1}"#),
    )
    .await;
    assert_eq!(
        subs(&reply)[0]["detail"],
        "This value is not one of those accepted here: fast, slow."
    );
    let reply = send(
        app.clone(),
        resize(r#"{"copies": 1, "copies": 2, "tier": "fast", "size": 1}"#),
    )
    .await;
    assert_eq!(
        subs(&reply),
        json!([{ "code": "request.duplicate_field", "detail": "The field copies is given more than once.", "pointer": "/copies", "args": { "field": "copies" } }])
    );
    // A value of the wrong kind names kinds, never the value: it may be a
    // secret sent in the wrong field.
    let reply = send(
        app,
        resize(r#"{"copies": "hunter2-Secret", "tier": "fast", "size": 1}"#),
    )
    .await;
    assert_eq!(
        subs(&reply),
        json!([{ "code": "request.wrong_type", "detail": "Expected an integer, got a string.", "pointer": "/copies", "args": { "expected_kind": "integer", "found_kind": "string" } }])
    );
    assert!(!reply.text().contains("hunter2"), "{}", reply.text());
}

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
        .layer(LanguageLayer::new(localizer()))
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

async fn echo(Json(value): Json<Value>) -> String {
    value.to_string().len().to_string()
}

fn post_json(uri: &str, bytes: usize, chunked: bool) -> Request<Body> {
    let body = format!(r#"{{"pad": "{}"}}"#, "x".repeat(bytes - 11));
    let body = if chunked {
        let chunks: Vec<Result<String, std::io::Error>> = body
            .as_bytes()
            .chunks(512)
            .map(|c| Ok(String::from_utf8(c.to_vec()).unwrap()))
            .collect();
        Body::from_stream(futures_stream(chunks))
    } else {
        Body::from(body)
    };
    Request::post(uri)
        .header("content-type", "application/json")
        .body(body)
        .unwrap()
}

/// A body stream of known chunks, without a length.
fn futures_stream(
    chunks: Vec<Result<String, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<String, std::io::Error>> {
    futures_util::stream::iter(chunks)
}

#[tokio::test]
async fn body_limits_behave_as_in_axum_and_name_the_limit() {
    let app = Router::new()
        .route("/small", post(echo).layer(DefaultBodyLimit::max(1024)))
        .route("/unlimited", post(echo).layer(DefaultBodyLimit::disable()))
        .route("/default", post(echo))
        .layer(LanguageLayer::new(localizer()).body_limit(2048));
    let limit_of = |reply: &Reply| {
        assert_eq!(
            reply.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            reply.text()
        );
        reply.json()["args"]["limit"].as_u64().unwrap()
    };
    // The route's own limit wins over the layer's, with a length or without.
    for chunked in [false, true] {
        let reply = send(app.clone(), post_json("/small", 4096, chunked)).await;
        assert_eq!(limit_of(&reply), 1024);
        let reply = send(app.clone(), post_json("/small", 1000, chunked)).await;
        assert_eq!(reply.status, StatusCode::OK);
        // Elsewhere the layer's limit holds.
        let reply = send(app.clone(), post_json("/default", 4096, chunked)).await;
        assert_eq!(limit_of(&reply), 2048);
        let reply = send(app.clone(), post_json("/default", 1500, chunked)).await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    let reply = send(app, post_json("/unlimited", 8192, false)).await;
    assert_eq!(reply.status, StatusCode::OK);

    // Without terror's layer, axum's limit alone.
    let app = Router::new().route("/small", post(echo).layer(DefaultBodyLimit::max(1024)));
    let reply = send(app, post_json("/small", 4096, false)).await;
    assert_eq!(limit_of(&reply), 1024);
}

async fn hello() -> &'static str {
    "hello"
}

#[tokio::test]
async fn repeated_accept_language_lines_are_combined() {
    let app = Router::new()
        .route("/nope", get(hello))
        .layer(LanguageLayer::new(localizer()));
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
        .layer(LanguageLayer::new(localizer()));
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
        .layer(LanguageLayer::new(localizer()));
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
        .layer(LanguageLayer::new(localizer()));
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
