//! A body with several values of the wrong kind is answered with every one
//! of them, through terror's `Json`: the errors after a substituted value
//! are kept only when the substitution cannot have caused them, and a body
//! with thousands of wrong values gets a bounded answer.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use support::{localizer, send};
use terror_axum::{Json, ProblemLayer};

/// The body of storage-api's `POST /volumes`: every field optional, so that
/// a missing one is the service's own validation error.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct CreateVolume {
    name: Option<String>,
    pool: Option<String>,
    size_gb: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Resize {
    name: String,
    size_gb: u64,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Attach {
    volume: String,
    host: Host,
    disks: Vec<Disk>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Host {
    id: u32,
    zone: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Disk {
    slot: u8,
    label: Option<String>,
}

/// A port the type refuses when it is 0, as it refuses the neutral value.
#[derive(Debug, Deserialize)]
#[serde(try_from = "u16")]
struct Port(#[allow(dead_code)] u16);

impl TryFrom<u16> for Port {
    type Error = String;
    fn try_from(port: u16) -> Result<Self, String> {
        if port == 0 {
            Err("port 0 is reserved on db-7.internal".into())
        } else {
            Ok(Port(port))
        }
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Listen {
    address: String,
    port: Port,
    backlog: u32,
}

async fn ok<T>(Json(_): Json<T>) -> &'static str {
    "ok"
}

fn app() -> Router {
    Router::new()
        .route("/volumes", post(ok::<CreateVolume>))
        .route("/resize", post(ok::<Resize>))
        .route("/attach", post(ok::<Attach>))
        .route("/listen", post(ok::<Listen>))
        .route("/bulk", post(ok::<Vec<Disk>>))
        .layer(ProblemLayer::new(localizer()))
}

async fn post_json(uri: &str, language: &str, body: impl Into<String>) -> (StatusCode, Value) {
    let request = Request::post(uri)
        .header("content-type", "application/json")
        .header("accept-language", language)
        .body(Body::from(body.into()))
        .unwrap();
    let reply = send(app(), request).await;
    (reply.status, reply.json())
}

fn wrong(pointer: &str, expected: &str, found: &str, detail: &str) -> Value {
    json!({
        "code": "request.wrong_type",
        "detail": detail,
        "pointer": pointer,
        "args": { "expected_kind": expected, "found_kind": found },
    })
}

#[tokio::test]
async fn every_field_of_the_wrong_kind_is_listed_in_each_language() {
    let body = r#"{"name": 1, "pool": 2, "size_gb": "x"}"#;
    let (status, problem) = post_json("/volumes", "en", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "request.invalid_body");
    assert_eq!(
        problem["errors"],
        json!([
            wrong(
                "/name",
                "string",
                "integer",
                "Expected a string, got an integer."
            ),
            wrong(
                "/pool",
                "string",
                "integer",
                "Expected a string, got an integer."
            ),
            wrong(
                "/size_gb",
                "integer",
                "string",
                "Expected an integer, got a string."
            ),
        ])
    );
    assert_eq!(problem.get("errors_total"), None);

    let (status, problem) = post_json("/volumes", "ru", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem["detail"],
        "Тело запроса не соответствует тому, что принимает этот метод."
    );
    assert_eq!(
        problem["errors"],
        json!([
            wrong(
                "/name",
                "string",
                "integer",
                "Ожидалось: строка; получено: целое число."
            ),
            wrong(
                "/pool",
                "string",
                "integer",
                "Ожидалось: строка; получено: целое число."
            ),
            wrong(
                "/size_gb",
                "integer",
                "string",
                "Ожидалось: целое число; получено: строка."
            ),
        ])
    );
}

#[tokio::test]
async fn a_missing_field_is_listed_with_the_wrong_values() {
    let (status, problem) = post_json("/resize", "en", r#"{"name": true, "size_gb": -1}"#).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The out-of-range size is the visitor's verdict: reading ends there,
    // and it stands, since it is not where a value was substituted.
    assert_eq!(
        problem["errors"],
        json!([
            wrong("/name", "string", "boolean", "Expected a string, got true or false."),
            {
                "code": "request.out_of_range",
                "detail": "This number must be between 0 and 18446744073709551615.",
                "pointer": "/size_gb",
                "args": { "bound": "between", "min": 0, "max": 18_446_744_073_709_551_615_u64 },
            },
        ])
    );
    let (_, problem) = post_json("/resize", "en", r#"{"name": [], "size_gb": 5}"#).await;
    assert_eq!(
        problem["errors"],
        json!([
            wrong("/name", "string", "array", "Expected a string, got an array."),
            {
                "code": "request.missing_field",
                "detail": "The required field reason is missing.",
                "pointer": "/reason",
                "args": { "field": "reason" },
            },
        ])
    );
}

#[tokio::test]
async fn nested_objects_and_arrays_point_at_each_value() {
    let (_, problem) = post_json(
        "/attach",
        "en",
        r#"{"volume": "db", "host": {"id": "h1", "zone": 3},
            "disks": [{"slot": 1}, {"slot": "2", "label": 7}, {"slot": 3, "lable": "x"}]}"#,
    )
    .await;
    let pointers: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pointers,
        [
            ("request.wrong_type", "/host/id"),
            ("request.wrong_type", "/host/zone"),
            ("request.wrong_type", "/disks/1/slot"),
            ("request.wrong_type", "/disks/1/label"),
            ("request.unknown_field", "/disks/2/lable"),
        ]
    );
    // An object sent as a number: its fields are not reported missing.
    let (_, problem) = post_json("/attach", "en", r#"{"volume": 1, "host": 2, "disks": 3}"#).await;
    assert_eq!(
        problem["errors"],
        json!([
            wrong(
                "/volume",
                "string",
                "integer",
                "Expected a string, got an integer."
            ),
            wrong(
                "/host",
                "object",
                "integer",
                "Expected an object, got an integer."
            ),
            wrong(
                "/disks",
                "array",
                "integer",
                "Expected an array, got an integer."
            ),
        ])
    );
}

#[tokio::test]
async fn a_type_that_refuses_the_neutral_value_adds_no_error_of_its_own() {
    let (_, problem) = post_json(
        "/listen",
        "en",
        r#"{"address": 5, "port": "x", "backlog": "y"}"#,
    )
    .await;
    // The port's refusal of 0 is no fault of the client's: not reported,
    // and reading ends there.
    assert_eq!(
        problem["errors"],
        json!([
            wrong(
                "/address",
                "string",
                "integer",
                "Expected a string, got an integer."
            ),
            wrong(
                "/port",
                "integer",
                "string",
                "Expected an integer, got a string."
            ),
        ])
    );
    assert!(!problem.to_string().contains("db-7"), "{problem}");
    // The same refusal of a 0 the client sent stands.
    let (_, problem) = post_json(
        "/listen",
        "en",
        r#"{"address": 5, "port": 0, "backlog": 1}"#,
    )
    .await;
    assert_eq!(problem["errors"][1]["code"], "request.invalid_value");
    assert_eq!(problem["errors"][1]["pointer"], "/port");
}

#[tokio::test]
async fn thousands_of_wrong_values_get_a_bounded_answer() {
    let disks = vec![r#"{"slot": "a", "label": 1}"#; 20_000].join(",");
    let (status, problem) = post_json("/bulk", "en", format!("[{disks}]")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = problem["errors"].as_array().unwrap();
    assert_eq!(errors.len(), terror_core::MAX_SUB_ERRORS);
    assert_eq!(errors[0]["pointer"], "/0/slot");
    assert_eq!(errors[99]["pointer"], "/49/label");
    // Reading stopped at the limit: there is no count of the rest.
    assert_eq!(problem.get("errors_total"), None);
    assert!(
        problem.to_string().len() < 20_000,
        "{}",
        problem.to_string().len()
    );
}

#[tokio::test]
async fn a_body_that_stops_being_json_after_a_wrong_value_is_malformed() {
    let (status, problem) = post_json("/volumes", "en", r#"{"name": 1, "pool": 2,, }"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["code"], "request.malformed_json");
    assert_eq!(problem["args"], json!({ "line": 1, "column": 23 }));
}
