//! Fuzzes terror-axum's `ProblemLayer` end to end with hostile requests.
//!
//! The input reads like an HTTP request head: a first line `METHOD TARGET`
//! (the target with an arbitrary query string, such as
//! `/lang?lang=%+9de`), then header lines `name: value` with arbitrary
//! bytes (any number of `Accept-Language` lines, an `x-request-id`).
//! Requests `http` refuses to build are skipped. Each one goes through a
//! router with the layer (a localizer with the framework's locales) and
//! routes `/lang` (answers with the negotiated chain), `/fail/{code}` (a
//! 409 terror error), `/boom` (a redacted 500) and `/slow` (a
//! bare `text/plain` 408), sent with `oneshot` on a current-thread runtime.
//! Checks:
//! - nothing panics and the service does not fail;
//! - a 200 is `/lang`'s answer, and its chain is what a separate localizer
//!   negotiates for the `lang` query value as `form_urlencoded` decodes it
//!   and the `Accept-Language` lines (those that are visible ASCII) joined
//!   with `, `;
//! - any other response is an `application/problem+json` document that
//!   parses, with the response's status, the request path as `instance`
//!   and the echoed request id as `request_id`; a 5xx shows no `args`;
//! - `Content-Language`, when present, is a locale the localizer offers,
//!   and on a problem it is the first locale of the negotiated chain (every
//!   message these routes show exists in every locale);
//! - a problem carries an `x-request-id` (a success may not: the layer
//!   generates one only when something needs it); the echoed id is visible
//!   ASCII and at most 128 bytes: the client's own when that was sane, else
//!   16 generated hex digits.

#![no_main]

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderValue, Request, StatusCode};
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use terror_axum::{AnyError, Languages, Path, ProblemLayer};
use terror_core::{ArgValue, Localizer};
use terror_fuzz::{FuzzError, FRAMEWORK};
use tower::ServiceExt;

const PROBLEM_JSON: &str = "application/problem+json";

fn build_localizer() -> Localizer {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(FRAMEWORK)
        .build()
        .expect("the framework's locales load")
}

async fn lang(languages: Languages) -> String {
    let tags: Vec<String> = languages
        .chain()
        .locales()
        .iter()
        .map(ToString::to_string)
        .collect();
    tags.join(",")
}

async fn fail(Path(code): Path<String>) -> Result<String, AnyError> {
    let mut error = FuzzError::new(code.clone(), StatusCode::CONFLICT);
    error.args.push(("name".to_owned(), ArgValue::from(code)));
    Err(AnyError::new(error))
}

async fn boom() -> Result<String, AnyError> {
    let mut error = FuzzError::new("fuzz.boom", StatusCode::INTERNAL_SERVER_ERROR);
    error
        .args
        .push(("secret".to_owned(), ArgValue::from("s3cr3t")));
    Err(AnyError::new(error))
}

async fn slow() -> impl IntoResponse {
    (StatusCode::REQUEST_TIMEOUT, "request timed out")
}

struct World {
    runtime: tokio::runtime::Runtime,
    app: Router,
    /// The layer's localizer.
    localizer: Arc<Localizer>,
    /// Another one with the same locales, for the expected chains.
    oracle: Localizer,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let localizer = Arc::new(build_localizer());
        let app = Router::new()
            .route("/lang", get(lang))
            .route("/fail/{code}", get(fail))
            .route("/boom", get(boom))
            .route("/slow", get(slow))
            .layer(ProblemLayer::new(Arc::clone(&localizer)));
        World {
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime"),
            app,
            localizer,
            oracle: build_localizer(),
        }
    })
}

/// The request an input describes, or `None` when `http` refuses it.
fn request(data: &[u8]) -> Option<Request<Body>> {
    let mut lines = data.split(|&b| b == b'\n');
    let first = lines.next().unwrap_or_default();
    let (method, target) = match first.iter().position(|&b| b == b' ') {
        Some(at) => (&first[..at], &first[at + 1..]),
        None => (&b"GET"[..], first),
    };
    let target = std::str::from_utf8(target).ok()?;
    let mut builder = Request::builder()
        .method(http::Method::from_bytes(method).ok()?)
        .uri(target);
    for line in lines.filter(|l| !l.is_empty()) {
        let at = line.iter().position(|&b| b == b':')?;
        let value = &line[at + 1..];
        let value = value.strip_prefix(b" ").unwrap_or(value);
        builder = builder.header(&line[..at], value);
    }
    builder.body(Body::empty()).ok()
}

/// Whether the layer echoes a request id as sent.
fn is_sane_request_id(id: &[u8]) -> bool {
    !id.is_empty() && id.len() <= 128 && id.iter().all(u8::is_ascii_graphic)
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = request(data) else {
        return;
    };
    let world = world();
    let uri = request.uri().clone();
    let method = request.method().clone();
    let sent_id = request.headers().get("x-request-id").cloned();
    // What the layer should read: the `lang` value as forms decode it, and
    // the visible-ASCII Accept-Language lines joined into one list.
    let preferred = uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.into_owned())
    });
    let lines: Vec<&str> = request
        .headers()
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let accept = (!lines.is_empty()).then(|| lines.join(", "));
    let expected = world
        .oracle
        .negotiate(preferred.as_deref(), accept.as_deref());
    let expected_tags: Vec<String> = expected.locales().iter().map(ToString::to_string).collect();

    let (status, headers, body) = world.runtime.block_on(async {
        let response = world
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("the body is read").to_bytes();
        (parts.status, parts.headers, body)
    });
    let context = || {
        format!(
            "{method} {uri} lang={preferred:?} accept={accept:?} -> {status} {headers:?} {}",
            String::from_utf8_lossy(&body)
        )
    };

    let echoed = headers.get("x-request-id");
    assert!(
        echoed.is_some() || status == StatusCode::OK,
        "no x-request-id: {}",
        context()
    );
    let empty = HeaderValue::from_static("");
    let echoed = echoed.unwrap_or(&empty);
    let echoed_bytes = echoed.as_bytes();
    assert!(
        echoed_bytes.len() <= 128 && echoed_bytes.iter().all(u8::is_ascii_graphic),
        "echoed request id {echoed:?}: {}",
        context()
    );
    match sent_id
        .as_ref()
        .filter(|id| is_sane_request_id(id.as_bytes()))
    {
        Some(sent) => assert_eq!(sent, echoed, "{}", context()),
        None if echoed_bytes.is_empty() => {}
        None => assert!(
            echoed_bytes.len() == 16 && echoed_bytes.iter().all(u8::is_ascii_hexdigit),
            "generated request id {echoed:?}: {}",
            context()
        ),
    }

    let offered: Vec<String> = world.localizer.locales().map(ToString::to_string).collect();
    let content_language = headers.get(header::CONTENT_LANGUAGE).map(|v| {
        v.to_str()
            .unwrap_or_else(|_| panic!("Content-Language {v:?}: {}", context()))
            .to_owned()
    });
    if let Some(language) = &content_language {
        assert!(
            offered.contains(language),
            "Content-Language {language} is not offered: {}",
            context()
        );
    }

    if status == StatusCode::OK {
        assert_eq!(uri.path(), "/lang", "{}", context());
        assert_eq!(
            std::str::from_utf8(&body).ok(),
            Some(expected_tags.join(",").as_str()),
            "the layer negotiated another chain than lang={preferred:?} Accept-Language={accept:?} gives: {}",
            context()
        );
        return;
    }

    assert!(status.as_u16() >= 400, "{}", context());
    assert_eq!(
        headers.get(header::CONTENT_TYPE),
        Some(&HeaderValue::from_static(PROBLEM_JSON)),
        "{}",
        context()
    );
    let document: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("the problem does not parse ({e}): {}", context()));
    assert_eq!(
        document["status"].as_u64(),
        Some(u64::from(status.as_u16())),
        "{}",
        context()
    );
    assert_eq!(
        document["instance"].as_str(),
        Some(uri.path()),
        "{}",
        context()
    );
    assert_eq!(
        document["request_id"].as_str().map(str::as_bytes),
        Some(echoed_bytes),
        "{}",
        context()
    );
    if status.is_server_error() {
        assert!(
            document.get("args").is_none(),
            "a 5xx shows its args: {}",
            context()
        );
    }
    assert_eq!(
        content_language.as_deref(),
        expected_tags.first().map(String::as_str),
        "the problem is not in the request's first language: {}",
        context()
    );
});
