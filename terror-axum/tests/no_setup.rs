//! A service that sets nothing up (no `Localizer::set_global`, no layer)
//! still answers with its errors' real messages: the derive registered the
//! default locale's files it checked, and terror-axum its `request.*`
//! messages.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use terror_core::{Localizer, Terror};

mod support;
use support::send;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk", locales = "tests/locales")]
enum DiskError {
    #[error("disk {name} is missing")]
    #[terror(status = 404)]
    Missing { name: String },
}

/// Writes its own `IntoResponse` around terror's.
#[derive(Debug, thiserror::Error, Terror)]
#[terror(
    code = "disk.broken",
    status = 503,
    locales = "tests/locales",
    into_response = false
)]
#[error("disk broken")]
struct Broken;

impl IntoResponse for Broken {
    fn into_response(self) -> Response {
        let mut response = terror_axum::into_response(self);
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("120"));
        response
    }
}

async fn disk(terror_axum::Path(id): terror_axum::Path<u32>) -> Result<String, DiskError> {
    Err(DiskError::Missing {
        name: format!("disk-{id}"),
    })
}

async fn broken() -> Result<String, Broken> {
    Err(Broken)
}

fn app() -> Router {
    Router::new()
        .route("/disks/{id}", get(disk))
        .route("/broken", get(broken))
}

fn get_(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_derived_error_renders_its_own_message_with_no_setup() {
    let reply = send(app(), get_("/disks/7")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // Rendered when written, after the headers: in the default locale
    // (en-US here), which no header names.
    assert_eq!(reply.header("content-language"), None);
    let body = reply.json();
    assert_eq!(body["detail"], "Disk disk-7 is missing.");
    assert_eq!(body["title"], "Disk missing");
    assert_eq!(body["code"], "disk.missing");
}

#[tokio::test]
async fn the_framework_messages_come_with_the_crates() {
    let reply = send(app(), get_("/disks/seven")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["code"], "request.invalid_parameters");
    assert_eq!(
        body["detail"],
        "Some parameters of the request are invalid."
    );
    assert_eq!(body["errors"][0]["parameter"], "id");
    assert_eq!(
        body["errors"][0]["detail"],
        "The value seven is not an integer."
    );
}

#[tokio::test]
async fn a_type_can_write_its_own_into_response() {
    let reply = send(app(), get_("/broken")).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.header("retry-after"), Some("120"));
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    // A 5xx is redacted: its title is the status's.
    assert_eq!(reply.json()["title"], "Service unavailable");
}

#[test]
fn the_built_in_localizer_offers_the_default_locale_with_the_framework_messages() {
    let localizer = Localizer::global();
    assert_eq!(localizer.default_locale().to_string(), "en-US");
    let chain = localizer.default_chain();
    let error = DiskError::Missing { name: "d1".into() };
    let problem = localizer.render(&error, &chain);
    assert_eq!(problem.detail(), "Disk d1 is missing.");
    let args = terror_core::Args::new().with("path", "/x");
    let text = localizer.format(&chain, "request-not-found", None, &args);
    assert_eq!(
        text.map(|f| f.text).as_deref(),
        Some("Nothing is served at /x.")
    );
    assert_eq!(Broken.code(), "disk.broken");
}
