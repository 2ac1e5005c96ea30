//! What a client of the storage API sees: requests driven through the
//! router in-process, replies as status, headers and JSON.

#![allow(dead_code, unreachable_pub, unused_imports)] // Each test file uses part of this.

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use terror_core::Localizer;
use tower::ServiceExt;

pub const LOCALES: [&str; 3] = ["en-US", "ru", "de"];

pub fn localizer() -> Arc<Localizer> {
    static LOCALIZER: OnceLock<Arc<Localizer>> = OnceLock::new();
    LOCALIZER
        .get_or_init(|| Arc::new(storage_api::localizer().expect("the example's locales load")))
        .clone()
}

/// What a client receives.
pub struct Reply {
    pub status: StatusCode,
    pub headers: Value,
    pub body: Value,
    pub raw: String,
}

impl Reply {
    /// Status, the headers terror sets, and the body, for snapshots.
    pub fn seen(&self) -> Value {
        json!({ "status": self.status.as_u16(), "headers": self.headers, "body": self.body })
    }
}

pub async fn send(method: &str, uri: &str, headers: &[(&str, &str)], body: Option<Value>) -> Reply {
    match body {
        Some(json) => {
            let mut with_type = headers.to_vec();
            with_type.push(("content-type", "application/json"));
            send_bytes(method, uri, &with_type, json.to_string().into_bytes()).await
        }
        None => send_bytes(method, uri, headers, Vec::new()).await,
    }
}

/// Sends raw bytes with exactly the given headers.
pub async fn send_bytes(method: &str, uri: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = Body::from(body);
    let response = storage_api::app(localizer())
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let mut headers = serde_json::Map::new();
    for name in [
        "content-type",
        "content-language",
        "vary",
        "retry-after",
        "allow",
        "x-request-id",
    ] {
        if let Some(value) = response.headers().get(name) {
            headers.insert(name.to_owned(), Value::from(value.to_str().unwrap()));
        }
    }
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let raw = String::from_utf8(bytes.to_vec()).unwrap();
    let body = if raw.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&raw).unwrap_or(Value::String(raw.clone()))
    };
    Reply {
        status,
        headers: Value::Object(headers),
        body,
        raw,
    }
}

/// Sends the request once per locale and snapshots each reply.
pub async fn snapshot_in_every_locale(
    name: &str,
    method: &str,
    uri: &str,
    body: Option<Value>,
) -> Vec<Reply> {
    match body {
        Some(json) => {
            snapshot_bytes_in_every_locale(
                name,
                method,
                uri,
                &[("content-type", "application/json")],
                json.to_string().as_bytes(),
            )
            .await
        }
        None => snapshot_bytes_in_every_locale(name, method, uri, &[], b"").await,
    }
}

/// Sends raw bytes with the given headers once per locale, checks what every
/// problem must have, and snapshots each reply.
pub async fn snapshot_bytes_in_every_locale(
    name: &str,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Vec<Reply> {
    let mut replies = Vec::new();
    for locale in LOCALES {
        let mut all = vec![("accept-language", locale), ("x-request-id", "req-7f3c9a")];
        all.extend_from_slice(headers);
        let reply = send_bytes(method, uri, &all, body.to_vec()).await;
        assert_eq!(
            reply.headers["content-language"], locale,
            "{name} in {locale}: {}",
            reply.raw
        );
        assert_eq!(reply.headers["content-type"], "application/problem+json");
        assert_eq!(reply.headers["vary"], "accept-language");
        assert_eq!(reply.headers["x-request-id"], "req-7f3c9a");
        assert_eq!(reply.body["request_id"], "req-7f3c9a");
        assert!(
            !reply.raw.contains('\u{2068}')
                && !reply.raw.contains('\u{2069}')
                && !reply.raw.contains("{$"),
            "{}",
            reply.raw
        );
        insta::with_settings!({ snapshot_suffix => locale, prepend_module_to_snapshot => false, snapshot_path => "../snapshots" }, {
            insta::assert_json_snapshot!(name, reply.seen());
        });
        replies.push(reply);
    }
    replies
}

/// Capturing log lines, shared with terror-axum's tests.
#[path = "../../../../terror-axum/tests/support/logs.rs"]
mod logs;

pub use logs::with_logs;
