//! What terror-axum's tests share: the test localizer, and capturing log
//! lines.

#![allow(dead_code, unreachable_pub, unused_imports)] // Each test file uses part of this.

pub mod capture;
pub mod disks;
pub mod logs;

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use terror_core::Localizer;
use tower::ServiceExt;

pub use logs::with_logs;

/// The localizer of `tests/locales`, built once.
pub fn localizer() -> Arc<Localizer> {
    static LOCALIZER: OnceLock<Arc<Localizer>> = OnceLock::new();
    LOCALIZER
        .get_or_init(|| {
            Arc::new(
                Localizer::builder()
                    .embedded(terror_core::embed_locales!("tests/locales"))
                    .build()
                    .unwrap(),
            )
        })
        .clone()
}

/// What a client receives.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub raw: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.raw).unwrap_or(Value::Null)
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// Sends a request through the router.
pub async fn send(app: Router, request: Request<Body>) -> Reply {
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

/// A GET asking for Russian, with a request id.
pub fn get_ru(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header("accept-language", "ru")
        .header("x-request-id", "req-hostile")
        .body(Body::empty())
        .unwrap()
}
