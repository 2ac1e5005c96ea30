//! The storage API as a client sees it: every error in en-US, ru and de, as
//! status, headers and body.

mod common;

use axum::http::StatusCode;
use common::{localizer, send, snapshot_in_every_locale};
use serde_json::json;
use storage_api::errors::VolumeError;

#[tokio::test]
async fn volume_not_found() {
    for reply in snapshot_in_every_locale("volume_not_found", "GET", "/volumes/db-02", None).await {
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.body["code"], "volume.not_found");
        assert_eq!(reply.body["args"], json!({ "name": "db-02" }));
        assert_eq!(reply.body["instance"], "/volumes/db-02");
        // Relative: it resolves to the code's page on this server.
        assert_eq!(reply.body["type"], "/errors/volume.not_found");
    }
}

#[tokio::test]
async fn volume_already_exists() {
    let body = json!({ "name": "db-01", "pool": "fast", "size_gb": 10 });
    for reply in
        snapshot_in_every_locale("volume_already_exists", "POST", "/volumes", Some(body)).await
    {
        assert_eq!(reply.status, StatusCode::CONFLICT);
        assert_eq!(reply.body["args"], json!({ "name": "db-01" }));
    }
}

#[tokio::test]
async fn pool_not_found() {
    let body = json!({ "name": "new-vol", "pool": "slow", "size_gb": 10 });
    for reply in snapshot_in_every_locale("pool_not_found", "POST", "/volumes", Some(body)).await {
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.body["args"], json!({ "pool": "slow" }));
    }
}

#[tokio::test]
async fn pool_capacity_exceeded() {
    let body = json!({ "name": "new-vol", "pool": "fast", "size_gb": 900 });
    for reply in
        snapshot_in_every_locale("pool_capacity_exceeded", "POST", "/volumes", Some(body)).await
    {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        // fast holds db-01 (100 GB) and scratch (50 GB) of its 1000 GB.
        assert_eq!(
            reply.body["args"],
            json!({ "pool": "fast", "requested_gb": 900, "available_gb": 850 })
        );
    }
}

#[tokio::test]
async fn volume_invalid_lists_every_broken_field() {
    let body = json!({ "name": "x".repeat(64), "size_gb": 0 });
    for reply in snapshot_in_every_locale("volume_invalid", "POST", "/volumes", Some(body)).await {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.body["code"], "volume.invalid");
        let errors = reply.body["errors"].as_array().unwrap();
        let seen: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e["code"].as_str().unwrap(), e["pointer"].as_str().unwrap()))
            .collect();
        assert_eq!(
            seen,
            [
                ("validation.too_long", "/name"),
                ("validation.required", "/pool"),
                ("validation.out_of_range", "/size_gb")
            ]
        );
        assert_eq!(errors[0]["args"], json!({ "max": 63 }));
        assert_eq!(errors[2]["args"], json!({ "min": 1, "max": 65536 }));
    }
}

#[tokio::test]
async fn volume_invalid_names_and_missing_fields() {
    let body = json!({ "name": "Bad Name!" });
    for reply in
        snapshot_in_every_locale("volume_invalid_chars", "POST", "/volumes", Some(body)).await
    {
        let errors = reply.body["errors"].as_array().unwrap();
        assert_eq!(errors[0]["code"], "validation.invalid_chars");
        assert_eq!(errors[0]["args"], json!({ "allowed": "a-z, 0-9, -" }));
        assert_eq!(errors[1]["code"], "validation.required");
        assert_eq!(errors[2]["pointer"], "/size_gb");
    }
}

#[tokio::test]
async fn volume_in_use() {
    for reply in snapshot_in_every_locale("volume_in_use", "DELETE", "/volumes/db-01", None).await {
        assert_eq!(reply.status, StatusCode::CONFLICT);
        assert_eq!(reply.body["args"], json!({ "name": "db-01", "hosts": 3 }));
    }
}

#[tokio::test]
async fn delete_missing_volume() {
    let reply = send(
        "DELETE",
        "/volumes/nope",
        &[("accept-language", "ru")],
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.body["detail"], "Том nope не найден.");
}

#[tokio::test]
async fn snapshot_of_missing_volume() {
    let reply = send(
        "POST",
        "/volumes/nope/snapshots",
        &[("accept-language", "de")],
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply.body["detail"],
        "Das Volume nope wurde nicht gefunden."
    );
}

/// The backend error's text names an address and a credential; none of it,
/// nor the error's own args, may reach the client.
#[tokio::test]
async fn backend_unavailable_reveals_nothing_internal() {
    for reply in snapshot_in_every_locale(
        "storage_backend_unavailable",
        "POST",
        "/volumes/logs/snapshots",
        None,
    )
    .await
    {
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.headers["retry-after"], "30");
        assert_eq!(reply.body["code"], "storage.backend_unavailable");
        for secret in [
            "10.20.0.7",
            "7400",
            "svc-backup",
            "hunter2",
            "s3cr3t",
            "refused",
            "connection",
            "bulk",
        ] {
            assert!(
                !reply.raw.to_lowercase().contains(secret),
                "{secret} leaked: {}",
                reply.raw
            );
        }
        assert!(reply.body.get("args").is_none());
        assert!(reply.body.get("hint").is_none());
        assert!(reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("req-7f3c9a"));
    }
}

/// The operator's view of the same failure: the log line names the backend
/// and the account, with the request id, and never the account's secret.
#[test]
fn backend_failures_are_logged_without_the_credential() {
    let (reply, logs) = common::with_logs(send(
        "POST",
        "/volumes/logs/snapshots",
        &[("x-request-id", "req-backend")],
        None,
    ));
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let line = logs.lines().find(|l| l.contains("ERROR")).expect(&logs);
    assert!(
        line.contains("request_id=\"req-backend\"")
            && line.contains("connection to 10.20.0.7:7400 as svc-backup refused"),
        "{line}"
    );
    let secret = storage_api::store::Store::seeded().backend.password;
    assert!(
        !logs.contains(&secret) && !logs.contains("hunter2"),
        "{logs}"
    );
}

#[tokio::test]
async fn successes_are_plain_json() {
    let reply = send("GET", "/volumes", &[], None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let names: Vec<&str> = reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["db-01", "logs", "scratch"]);
    let reply = send("GET", "/volumes/logs", &[], None).await;
    assert_eq!(
        reply.body,
        json!({ "name": "logs", "pool": "bulk", "size_gb": 500, "hosts": ["host-a"] })
    );
    let body = json!({ "name": "new-vol", "pool": "fast", "size_gb": 850 });
    let reply = send("POST", "/volumes", &[], Some(body)).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let reply = send("DELETE", "/volumes/scratch", &[], None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let reply = send("POST", "/volumes/db-01/snapshots", &[], None).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(
        reply.body,
        json!({ "name": "db-01-snap-1", "volume": "db-01" })
    );
}

fn in_use_detail(locale: &str, hosts: u32) -> String {
    let localizer = localizer();
    let error = VolumeError::InUse {
        name: "db-01".into(),
        hosts,
    };
    localizer
        .render(&error, &localizer.negotiate(Some(locale), None))
        .detail()
        .to_owned()
}

#[tokio::test]
async fn russian_plural_forms() {
    // Through HTTP: logs has one host, db-01 three.
    let reply = send(
        "DELETE",
        "/volumes/logs",
        &[("accept-language", "ru")],
        None,
    )
    .await;
    assert_eq!(
        reply.body["detail"],
        "Том logs нельзя удалить: к нему подключён 1 хост."
    );
    let reply = send(
        "DELETE",
        "/volumes/db-01",
        &[("accept-language", "ru")],
        None,
    )
    .await;
    assert_eq!(
        reply.body["detail"],
        "Том db-01 нельзя удалить: к нему подключены 3 хоста."
    );
    // And every CLDR category.
    for (hosts, expected) in [
        (1, "подключён 1 хост"),
        (3, "подключены 3 хоста"),
        (5, "подключено 5 хостов"),
        (11, "подключено 11 хостов"),
        (21, "подключён 21 хост"),
        (22, "подключены 22 хоста"),
    ] {
        let detail = in_use_detail("ru", hosts);
        assert_eq!(
            detail,
            format!("Том db-01 нельзя удалить: к нему {expected}.")
        );
    }
    assert_eq!(
        in_use_detail("en-US", 1),
        "Volume db-01 cannot be deleted: it is attached to 1 host."
    );
    assert_eq!(
        in_use_detail("de", 1),
        "Das Volume db-01 kann nicht gelöscht werden: Es ist mit einem Host verbunden."
    );
    assert_eq!(
        in_use_detail("de", 5),
        "Das Volume db-01 kann nicht gelöscht werden: Es ist mit 5 Hosts verbunden."
    );
}

/// Which locale a request gets, through real headers and the query override.
#[tokio::test]
async fn language_negotiation() {
    // (uri, request headers, expected Content-Language)
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static str,
    );
    let cases: &[Case] = &[
        ("/volumes/x", &[("accept-language", "de-CH")], "de"),
        ("/volumes/x", &[("accept-language", "en-GB")], "en-US"),
        (
            "/volumes/x",
            &[("accept-language", "ru-RU,ru;q=0.9,en;q=0.8")],
            "ru",
        ),
        (
            "/volumes/x",
            &[("accept-language", "fr, ja;q=0.9, ru;q=0.5")],
            "ru",
        ),
        (
            "/volumes/x",
            &[("accept-language", "de;q=0.2, ru;q=0.8")],
            "ru",
        ),
        ("/volumes/x", &[("accept-language", "ru;q=0, de")], "de"),
        ("/volumes/x", &[("accept-language", "*")], "en-US"),
        (
            "/volumes/x",
            &[("accept-language", "x!!;;q=abc,,")],
            "en-US",
        ),
        ("/volumes/x", &[], "en-US"),
        ("/volumes/x?lang=de", &[("accept-language", "ru")], "de"),
        ("/volumes/x?lang=zz", &[("accept-language", "ru")], "ru"),
        ("/volumes/x?verbose=1&lang=ru", &[], "ru"),
    ];
    for (uri, headers, expected) in cases {
        let reply = send("GET", uri, headers, None).await;
        assert_eq!(
            reply.headers["content-language"], *expected,
            "{uri} {headers:?}"
        );
    }
    // The detail really is in that language.
    let reply = send("GET", "/volumes/x?lang=de", &[], None).await;
    assert_eq!(reply.body["detail"], "Das Volume x wurde nicht gefunden.");
    assert_eq!(reply.body["title"], "Volume nicht gefunden");
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let reply = send("GET", "/volumes/x", &[("x-request-id", "abc-123")], None).await;
    assert_eq!(reply.headers["x-request-id"], "abc-123");
    assert_eq!(reply.body["request_id"], "abc-123");
    let reply = send("GET", "/volumes/x", &[], None).await;
    let generated = reply.headers["x-request-id"].as_str().unwrap();
    assert_eq!(generated.len(), 16);
    assert_eq!(reply.body["request_id"], generated);
    // An id that is not visible ASCII is replaced, not echoed.
    let reply = send("GET", "/volumes/x", &[("x-request-id", "a b")], None).await;
    assert_ne!(reply.headers["x-request-id"], "a b");
}
