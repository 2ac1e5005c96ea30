//! Every failure a client can cause, whoever produced it (terror's
//! extractors, axum's router, a caught panic), is a localized problem with
//! the right status, headers and request id.

mod common;

use axum::http::StatusCode;
use common::{send, snapshot_in_every_locale};
use serde_json::{json, Value};

/// Sends raw bytes (not necessarily JSON) with the given headers.
async fn send_raw(method: &str, uri: &str, headers: &[(&str, &str)], body: &[u8]) -> common::Reply {
    common::send_bytes(method, uri, headers, body.to_vec()).await
}

fn sub_errors(body: &Value) -> Vec<(String, String, Value)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let at = e
                .get("pointer")
                .or_else(|| e.get("parameter"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            (
                e["code"].as_str().unwrap().to_owned(),
                at,
                e["args"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn broken_json_names_line_and_column() {
    let body = b"{\n  \"name\": \"new-vol\",\n  \"pool\": fast\n}";
    for reply in common::snapshot_bytes_in_every_locale(
        "request_malformed_json",
        "POST",
        "/volumes",
        &[("content-type", "application/json")],
        body,
    )
    .await
    {
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.body["code"], "request.malformed_json");
        // serde_json stops at the `s` of `fast`, reading it as `false`.
        assert_eq!(reply.body["args"], json!({ "line": 3, "column": 13 }));
    }
}

#[tokio::test]
async fn a_wrong_type_points_at_the_value() {
    let body = json!({ "name": "new-vol", "pool": "fast", "size_gb": "big" });
    for reply in
        snapshot_in_every_locale("request_wrong_type", "POST", "/volumes", Some(body)).await
    {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.body["code"], "request.invalid_body");
        assert_eq!(
            sub_errors(&reply.body),
            [(
                "request.wrong_type".to_owned(),
                "/size_gb".to_owned(),
                // Kinds only: the value sent is not repeated back.
                json!({ "expected_kind": "integer", "found_kind": "string" })
            )]
        );
    }
}

#[tokio::test]
async fn a_missing_field_is_named() {
    for reply in snapshot_in_every_locale(
        "request_missing_field",
        "POST",
        "/volumes/db-01/resize",
        Some(json!({})),
    )
    .await
    {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            sub_errors(&reply.body),
            [(
                "request.missing_field".to_owned(),
                "/size_gb".to_owned(),
                json!({ "field": "size_gb" })
            )]
        );
    }
}

#[tokio::test]
async fn no_content_type() {
    let body = br#"{"name": "new-vol", "pool": "fast", "size_gb": 1}"#;
    for reply in common::snapshot_bytes_in_every_locale(
        "request_missing_content_type",
        "POST",
        "/volumes",
        &[],
        body,
    )
    .await
    {
        assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            reply.body["args"],
            json!({ "expected": "application/json" })
        );
    }
    let reply = send_raw("POST", "/volumes", &[("content-type", "text/plain")], body).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(reply.body["code"], "request.unsupported_media_type");
    assert_eq!(reply.body["args"]["received"], "text/plain");
}

#[tokio::test]
async fn an_oversized_body_states_the_limit() {
    let body = json!({ "name": "x".repeat(20_000), "pool": "fast", "size_gb": 1 });
    for reply in
        snapshot_in_every_locale("request_body_too_large", "POST", "/volumes", Some(body)).await
    {
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            reply.body["args"],
            json!({ "limit": storage_api::BODY_LIMIT })
        );
    }
}

#[tokio::test]
async fn an_unknown_route() {
    for reply in snapshot_in_every_locale("request_not_found", "GET", "/nope", None).await {
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.body["code"], "request.not_found");
        assert_eq!(reply.body["args"], json!({ "path": "/nope" }));
    }
}

#[tokio::test]
async fn a_wrong_method_keeps_allow() {
    for reply in
        snapshot_in_every_locale("request_method_not_allowed", "PUT", "/volumes", None).await
    {
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
        // The layer wraps the router, so it sees the Allow header axum sets:
        // the client gets the header, and `allowed` in the args.
        assert_eq!(reply.headers["allow"], "GET,HEAD,POST");
        assert_eq!(
            reply.body["args"],
            json!({ "method": "PUT", "allowed": "GET,HEAD,POST" })
        );
    }
}

#[tokio::test]
async fn a_bad_path_parameter() {
    for reply in snapshot_in_every_locale(
        "request_invalid_parameter",
        "GET",
        "/volumes/db-01/snapshots/first",
        None,
    )
    .await
    {
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.body["code"], "request.invalid_parameters");
        assert_eq!(
            sub_errors(&reply.body),
            [(
                "request.invalid_parameter".to_owned(),
                "number".to_owned(),
                json!({ "value": "first", "expected_kind": "integer" })
            )]
        );
    }
    // A number that parses reaches the handler and its own errors.
    let reply = send(
        "GET",
        "/volumes/db-01/snapshots/7",
        &[("accept-language", "ru")],
        None,
    )
    .await;
    assert_eq!(reply.body["code"], "snapshot.not_found");
    assert_eq!(
        reply.body["detail"],
        "У тома db-01 нет снимка 7: снимков у него пока нет."
    );
}

#[tokio::test]
async fn a_panic_in_a_handler_is_a_redacted_problem() {
    for reply in
        snapshot_in_every_locale("handler_panic", "GET", "/volumes/scratch/usage", None).await
    {
        assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(reply.body["code"], "http.internal_server_error");
        assert!(reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("req-7f3c9a"));
        assert!(
            !reply.raw.contains("divide") && !reply.raw.contains("panic"),
            "{}",
            reply.raw
        );
    }
    // A volume with hosts does not hit the simulated bug.
    let reply = send("GET", "/volumes/db-01/usage", &[], None).await;
    assert_eq!(reply.body, json!({ "volume": "db-01", "gb_per_host": 33 }));
}

/// The operator gets one line for a panic, with the request id and the
/// panic's message.
#[test]
fn a_panic_is_logged_once_with_the_request_id() {
    let (reply, logs) = common::with_logs(send(
        "GET",
        "/volumes/scratch/usage",
        &[("x-request-id", "req-panic")],
        None,
    ));
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "{logs}");
    assert!(
        errors[0].contains("request_id=\"req-panic\"")
            && errors[0].contains("the handler panicked: attempt to divide by zero"),
        "{logs}"
    );
}

#[tokio::test]
async fn validator_rules_become_localized_sub_errors() {
    let body = json!({ "owner": "", "contact": "not-an-email", "copies": 9 });
    for reply in snapshot_in_every_locale(
        "validator_labels",
        "PUT",
        "/volumes/db-01/labels",
        Some(body),
    )
    .await
    {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let subs = sub_errors(&reply.body);
        let codes: Vec<(&str, &str)> = subs
            .iter()
            .map(|(c, p, _)| (c.as_str(), p.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("validation.email", "/contact"),
                ("validation.range", "/copies"),
                ("validation.length", "/owner")
            ]
        );
        assert_eq!(subs[1].2["bound"], "between");
        assert_eq!(subs[1].2["max"], 5);
    }
    let body = json!({ "owner": "ops", "contact": "ops@example.com", "copies": 2 });
    let reply = send("PUT", "/volumes/db-01/labels", &[], Some(body.clone())).await;
    assert_eq!((reply.status, reply.body), (StatusCode::OK, body));
}

/// The first fenced `info` block after the line holding `marker` in
/// `file` (relative to the repository's root).
fn block_after(file: &str, marker: &str, info: &str) -> String {
    let readme =
        std::fs::read_to_string(format!("{}/../../{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut lines = readme.lines().skip_while(|l| !l.contains(marker)).skip(1);
    let fence = format!("```{info}");
    lines.by_ref().find(|l| *l == fence).unwrap();
    lines
        .take_while(|l| *l != "```")
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_tours_bad_body_gets_what_the_tour_shows() {
    let marker = "A body with three values of the wrong type";
    let curl = block_after("docs/tour.md", marker, "sh");
    let body = curl
        .split("-d '")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(curl.ends_with("http://127.0.0.1:3000/volumes"), "{curl}");
    // The README names the same body, for a newcomer to try.
    let readme =
        std::fs::read_to_string(format!("{}/../../README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(
        readme.contains(&format!("`{body}`")),
        "the README names {body}"
    );
    let reply = send_raw(
        "POST",
        "/volumes",
        &[("content-type", "application/json")],
        body.as_bytes(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let shown: Value = serde_json::from_str(&block_after("docs/tour.md", marker, "json")).unwrap();
    let mut got = reply.body.clone();
    // Request ids differ from run to run.
    got["request_id"] = shown["request_id"].clone();
    assert_eq!(got, shown);

    let typed = json!({"name": "", "pool": "fast", "size_gb": 0});
    let reply = send("POST", "/volumes", &[], Some(typed)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<(String, String, Value)> = sub_errors(&reply.body);
    assert!(
        codes.len() >= 2
            && codes
                .iter()
                .all(|(code, _, _)| code.starts_with("validation.")),
        "{codes:?}"
    );
}
