//! What a client sees when the request itself is wrong, as terror's
//! extractors answer it: client mistakes are 4xx naming the parameter or
//! pointer, only a route that does not fit its extractor is a 500, no text
//! from the service's code or its dependencies reaches the client, body
//! limits behave as in axum, and recognized mistakes say exactly what is
//! wrong.

mod support;

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use support::{get_ru, localizer, send, with_logs, Reply};
use terror_axum::{Form, Json, Path, ProblemLayer, Query};

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
        .layer(ProblemLayer::new(localizer()));
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
        .layer(ProblemLayer::new(localizer()));
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
        .layer(ProblemLayer::new(localizer()));
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
        .layer(ProblemLayer::new(localizer()));
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
        .layer(ProblemLayer::new(localizer()).body_limit(2048));
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
