//! The layer's own tests: what it keeps of a request, and what it gives
//! back when a handler or the inner service panics.

use std::sync::Mutex;

use axum::routing::get;
use axum::{Extension, Router};
use tower::ServiceExt as _;

use super::*;
use crate::request::{Languages, RequestId};
use http::HeaderValue;

/// The scope a request left behind, with the response's status and
/// request id header.
struct Answered {
    scope: Arc<Scope>,
    status: StatusCode,
    id: Option<HeaderValue>,
}

/// Calls `path` (sending `sent` as the request id, if any) on routes
/// that keep their request's scope, as any handler can find it in the
/// request's extensions.
async fn answer(layer: &ProblemLayer, path: &str, sent: Option<&str>) -> Answered {
    let kept: Arc<Mutex<Option<Arc<Scope>>>> = Arc::default();
    let keep = |kept: &Arc<Mutex<Option<Arc<Scope>>>>| {
        let kept = Arc::clone(kept);
        move |Extension(entry): Extension<ScopeEntry>| {
            *kept.lock().unwrap() = Some(entry.scope);
        }
    };
    let app = Router::new()
        .route(
            "/ok",
            get({
                let keep = keep(&kept);
                move |scope| async move {
                    keep(scope);
                    "fine"
                }
            }),
        )
        .route(
            "/id",
            get({
                let keep = keep(&kept);
                move |scope, id: RequestId| async move {
                    keep(scope);
                    id.to_string()
                }
            }),
        )
        .route(
            "/languages",
            get({
                let keep = keep(&kept);
                move |scope, languages: Languages| async move {
                    keep(scope);
                    languages.primary().to_string()
                }
            }),
        )
        .route(
            "/error",
            get({
                let keep = keep(&kept);
                move |scope| async move {
                    keep(scope);
                    Err::<(), _>(RequestError::MissingField {
                        field: "name".into(),
                    })
                }
            }),
        )
        .layer(layer.clone());
    let mut request = Request::get(path);
    if let Some(sent) = sent {
        request = request.header(DEFAULT_REQUEST_ID_HEADER, sent);
    }
    let response = app
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let scope = kept.lock().unwrap().take().expect("the handler ran");
    Answered {
        scope,
        status: response.status(),
        id: response.headers().get(DEFAULT_REQUEST_ID_HEADER).cloned(),
    }
}

fn layer() -> ProblemLayer {
    ProblemLayer::new(Localizer::global())
}

#[tokio::test]
async fn a_success_negotiates_nothing_and_makes_no_id() {
    let answered = answer(&layer(), "/ok", None).await;
    assert_eq!(answered.status, StatusCode::OK);
    assert!(
        !answered.scope.negotiated(),
        "a success negotiated its languages"
    );
    assert_eq!(answered.scope.id_if_any(), None);
    assert_eq!(answered.id, None, "an id nothing needed was generated");
    let answered = answer(&layer(), "/ok", Some("req-1")).await;
    assert!(!answered.scope.negotiated());
    assert_eq!(
        answered.id.unwrap(),
        "req-1",
        "a sent id is echoed all the same"
    );
}

#[tokio::test]
async fn a_success_can_carry_an_id_always() {
    let always = layer().request_id_on_success(true);
    let answered = answer(&always, "/ok", None).await;
    assert!(!answered.scope.negotiated(), "an id needs no languages");
    let id = answered.id.expect("no id");
    assert_eq!(id.len(), 16);
    assert_eq!(answered.scope.id_if_any(), Some(id.to_str().unwrap()));
}

#[tokio::test]
async fn what_needs_an_id_or_the_languages_makes_them() {
    let answered = answer(&layer(), "/id", None).await;
    assert!(
        !answered.scope.negotiated(),
        "the request id needs no languages"
    );
    let id = answered.id.expect("the id taken is echoed");
    assert_eq!(answered.scope.id_if_any(), Some(id.to_str().unwrap()));
    let answered = answer(&layer(), "/languages", None).await;
    assert!(answered.scope.negotiated());
    assert_eq!(answered.id, None, "languages need no id");
    let answered = answer(&layer(), "/error", None).await;
    assert_eq!(answered.status, StatusCode::UNPROCESSABLE_ENTITY);
    let id = answered.id.expect("a failure carries its id");
    assert_eq!(id.len(), 16);
    // The layer asks last: what it makes for the error, it keeps not.
    assert!(!answered.scope.negotiated());
    assert_eq!(answered.scope.id_if_any(), None);
}

/// Each request has a scope of its own: none sees anything of the one
/// before on its thread, not its id, not its languages.
#[tokio::test]
async fn a_request_sees_nothing_of_the_one_before() {
    let layer = layer();
    let first = answer(&layer, "/error", Some("req-1")).await;
    assert_eq!(first.id.unwrap(), "req-1");
    let second = answer(&layer, "/ok", None).await;
    assert!(!Arc::ptr_eq(&first.scope, &second.scope));
    assert_eq!(second.id, None, "the last request's id was echoed");
    assert!(!second.scope.negotiated());
    let third = answer(&layer, "/id", None).await;
    assert_ne!(
        third.id.unwrap(),
        "req-1",
        "the last request's id was reused"
    );
}

/// Nothing of a request outlives it, also when its handler panics (the
/// unwinding drops its future) or when the inner service's `call`
/// itself panics: every scope holds the layer's configuration, so a
/// scope left behind would show in its count of references.
#[tokio::test]
async fn a_panic_leaves_nothing_behind() {
    async fn panics() -> &'static str {
        panic!("handler")
    }
    let layer = layer();
    let app = Router::new()
        .route("/panic", get(panics))
        .route("/id", get(|id: RequestId| async move { id.to_string() }))
        .layer(layer.clone());
    let held = Arc::strong_count(&layer.config);
    let request = Request::get("/panic")
        .header(DEFAULT_REQUEST_ID_HEADER, "req-panic")
        .body(Body::empty())
        .unwrap();
    let panicked = tokio::spawn(app.clone().oneshot(request)).await;
    assert!(panicked.unwrap_err().is_panic());
    assert_eq!(Arc::strong_count(&layer.config), held, "a scope was leaked");
    // The next request on this thread is its own.
    let response = app
        .clone()
        .oneshot(Request::get("/id").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let echoed = response.headers()[DEFAULT_REQUEST_ID_HEADER].clone();
    assert_ne!(echoed, "req-panic");
    let body = axum::body::to_bytes(response.into_body(), 1024)
        .await
        .unwrap();
    assert_eq!(body, echoed.as_bytes(), "the handler saw another id");
    assert_eq!(Arc::strong_count(&layer.config), held);

    let mut calls_panic = layer.layer(tower::service_fn(
        |_: Request<Body>| -> std::future::Ready<Result<Response, Infallible>> { panic!("call") },
    ));
    let held = Arc::strong_count(&layer.config);
    let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        calls_panic.call(Request::get("/").body(Body::empty()).unwrap())
    }));
    assert!(unwound.is_err());
    assert_eq!(Arc::strong_count(&layer.config), held, "a scope was leaked");
}

#[test]
fn text_plain_is_recognized_by_its_essence() {
    for bare in [
        "text/plain",
        "text/plain; charset=utf-8",
        "Text/Plain;charset=utf-8",
        " text/plain ; charset=utf-8",
        "\ttext/plain\t",
    ] {
        assert!(is_text_plain(bare.as_bytes()), "{bare:?}");
    }
    for own in [
        "",
        " ",
        "text/plai",
        "text/plainer",
        "text/plain-ish; charset=utf-8",
        "text/html",
        "application/problem+json",
        "application/json; x=text/plain",
    ] {
        assert!(!is_text_plain(own.as_bytes()), "{own:?}");
    }
}
