//! The bodies the benchmarks compare: one `volume.not_found` problem, built
//! by terror from a raw `Accept-Language`, by hand (English only, as a
//! service without terror writes it), and by two peers that do not
//! localize; and a hand-written axum service answering the same problem.
#![allow(dead_code)] // Each benchmark uses its own part.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use storage_api::errors::VolumeError;
use terror_core::{Localizer, RequestInfo};

/// A browser in Switzerland: German, which storage-api has.
pub(crate) const ACCEPT_LANGUAGE_DE: &str = "de-CH, de;q=0.9, en;q=0.8";
/// A Russian browser.
pub(crate) const ACCEPT_LANGUAGE_RU: &str = "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7";
/// An English browser: terror's body is then the baseline's, byte for byte.
pub(crate) const ACCEPT_LANGUAGE_EN: &str = "en-US,en;q=0.9";

/// The cases `count` runs.
pub(crate) const CASES: [&str; 20] = [
    "render_baseline",
    "render_terror_de",
    "render_terror_ru",
    "render_terror_en",
    "render_terror_unseen",
    "render_terror_unseen_offered",
    "render_problem_details",
    "render_http_api_problem",
    "success_without_layer",
    "success_identity_layer",
    "success_with_layer",
    "success_wrapped",
    "success_without_layer_traced",
    "success_wrapped_traced",
    "error_handwritten",
    "error_terror",
    "error_terror_wrapped",
    "error_terror_wrapped_traced",
    "error_terror_observed",
    "error_storage_api",
];

const TYPE_URI: &str = "/errors/volume.not_found";
const TITLE: &str = "Volume not found";
const HINT: &str = "List existing volumes with GET /volumes.";
const INSTANCE: &str = "/volumes/db-02";
const REQUEST_ID: &str = "7f3c9a";

#[derive(Serialize)]
pub(crate) struct Args<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_uri: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    instance: &'a str,
    code: &'static str,
    args: Args<'a>,
    hint: &'static str,
    request_id: &'a str,
}

/// What a service without terror writes by hand: English only, `format!`,
/// a `#[derive(Serialize)]` struct and `serde_json::to_vec`.
pub(crate) fn baseline(name: &str) -> Vec<u8> {
    handwritten(name, INSTANCE, REQUEST_ID)
}

fn handwritten(name: &str, instance: &str, request_id: &str) -> Vec<u8> {
    let body = Body {
        type_uri: TYPE_URI,
        title: TITLE,
        status: 404,
        detail: format!("Volume {name} was not found."),
        instance,
        code: "volume.not_found",
        args: Args { name },
        hint: HINT,
        request_id,
    };
    serde_json::to_vec(&body).unwrap()
}

/// The extension members of the body, for the peers.
#[derive(Serialize)]
struct Extensions<'a> {
    code: &'a str,
    args: Args<'a>,
    hint: &'a str,
    request_id: &'a str,
}

/// The same body with problem_details.
pub(crate) fn peer_problem_details(name: &str) -> Vec<u8> {
    let problem = problem_details::ProblemDetails::new()
        .with_type(Uri::from_static(TYPE_URI))
        .with_title(TITLE)
        .with_status(StatusCode::NOT_FOUND)
        .with_detail(format!("Volume {name} was not found."))
        .with_instance(Uri::from_static(INSTANCE))
        .with_extensions(Extensions {
            code: "volume.not_found",
            args: Args { name },
            hint: HINT,
            request_id: REQUEST_ID,
        });
    serde_json::to_vec(&problem).unwrap()
}

/// The same body with http-api-problem.
pub(crate) fn peer_http_api_problem(name: &str) -> Vec<u8> {
    http_api_problem::HttpApiProblem::new(StatusCode::NOT_FOUND)
        .type_url(TYPE_URI)
        .title(TITLE)
        .detail(format!("Volume {name} was not found."))
        .instance(INSTANCE)
        .value("code", &"volume.not_found")
        .value("args", &Args { name })
        .value("hint", &HINT)
        .value("request_id", &REQUEST_ID)
        .json_bytes()
}

/// terror: negotiates the raw header, renders `volume.not_found` for
/// `db-02` in the language found, and writes the JSON.
pub(crate) fn terror(localizer: &Localizer, accept_language: &str) -> Vec<u8> {
    let error = VolumeError::NotFound {
        name: "db-02".into(),
    };
    let chain = localizer.negotiate(None, Some(accept_language));
    let request = RequestInfo {
        instance: Some(INSTANCE),
        request_id: Some(REQUEST_ID),
        trace_id: None,
    };
    localizer.render_request(&error, &chain, request).to_json()
}

/// A well-formed subtag of five letters or more, different for every `n`
/// (`n` written in base 26 with letters), so that no cache has seen it.
pub(crate) fn unique_tag(n: u64) -> String {
    let mut tag = String::new();
    let mut rest = n;
    while tag.len() < 5 || rest > 0 {
        tag.push(char::from(b'a' + u8::try_from(rest % 26).unwrap_or(0)));
        rest /= 26;
    }
    tag
}

/// `count` headers no cache has seen: a Russian browser's list with a
/// well-formed range of its own at the end: a language nobody offers
/// (`abcde`), or, when `offered`, German with a variant of its own
/// (`de-abcde`), which negotiation has to weigh in full.
pub(crate) fn unseen_headers(count: u64, offered: bool) -> Vec<String> {
    let prefix = if offered { "de-" } else { "" };
    (0..count)
        .map(|n| format!("ru-RU,ru;q=0.9,{prefix}{};q=0.1", unique_tag(n)))
        .collect()
}

/// The store's volume names, for the hand-written service.
type Names = Arc<Vec<String>>;

fn names() -> Names {
    Arc::new(
        storage_api::store::Store::seeded()
            .volumes
            .keys()
            .cloned()
            .collect(),
    )
}

/// `GET /volumes/{name}` written by hand without terror: `{}` for a volume
/// that exists, else the English `volume.not_found` problem with the
/// headers terror sends (the request id echoed or generated,
/// `Content-Language`, `Vary`).
pub(crate) fn handwritten_routes() -> Router {
    Router::new()
        .route("/volumes/{name}", get(handwritten_volume))
        .with_state(names())
}

/// The same service with terror: the handler returns storage-api's derived
/// `VolumeError`, and the layer renders it.
pub(crate) fn terror_routes(localizer: Arc<Localizer>) -> Router {
    terror_router().layer(terror_axum::ProblemLayer::new(localizer))
}

/// The terror service's routes, without the layer.
pub(crate) fn terror_router() -> Router {
    Router::new()
        .route("/volumes/{name}", get(terror_volume))
        .with_state(names())
}

async fn terror_volume(
    State(names): State<Names>,
    terror_axum::Path(name): terror_axum::Path<String>,
) -> Result<&'static str, VolumeError> {
    if names.contains(&name) {
        Ok("{}")
    } else {
        Err(VolumeError::NotFound { name })
    }
}

async fn handwritten_volume(
    State(names): State<Names>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    if names.contains(&name) {
        return "{}".into_response();
    }
    let request_id = match request.headers().get("x-request-id") {
        Some(sent) => sent.clone(),
        None => next_request_id(),
    };
    let body = handwritten(
        &name,
        request.uri().path(),
        request_id.to_str().unwrap_or_default(),
    );
    (
        StatusCode::NOT_FOUND,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            ),
            (header::CONTENT_LANGUAGE, HeaderValue::from_static("en-US")),
            (header::VARY, HeaderValue::from_static("accept-language")),
            (header::HeaderName::from_static("x-request-id"), request_id),
        ],
        body,
    )
        .into_response()
}

fn next_request_id() -> HeaderValue {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let id = format!("{:016x}", NEXT.fetch_add(1, Ordering::Relaxed));
    HeaderValue::from_str(&id).unwrap()
}
