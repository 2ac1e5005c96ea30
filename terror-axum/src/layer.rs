//! `ProblemLayer`: negotiates each request's languages and renders terror
//! error responses in them.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::body::{Body, HttpBody as _};
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponseParts, Response, ResponseParts};
use http::{header, HeaderName, HeaderValue, Request, StatusCode};
use terror_core::log::{log_error, RequestFields};
use terror_core::{Localizer, PendingProblem, RequestInfo, Terror};
use tower_layer::Layer;
use tower_service::Service;

use crate::errors::{HttpError, RequestError};
use crate::ids::RequestIds;
use crate::scope::{Config, Scope, ScopeEntry};

/// The query parameter that overrides `Accept-Language`, unless configured.
pub const DEFAULT_QUERY_PARAMETER: &str = "lang";

/// The header a request id is read from and echoed in, unless configured.
pub const DEFAULT_REQUEST_ID_HEADER: &str = "x-request-id";

/// Makes every failure of a request a localized problem document: the one
/// layer a terror service adds.
///
/// For each request it:
/// - takes the request id from `x-request-id` when it is sane (visible
///   ASCII, at most 128 bytes) and echoes it on the response; when none
///   was sent, generates one the first time something needs it (a failure,
///   the [`RequestId`](crate::request::RequestId) extractor) and echoes that (see
///   [`request_id_on_success`](Self::request_id_on_success));
/// - when an error is rendered (or a handler asks for
///   [`Languages`](crate::request::Languages)), reads the query parameter `lang`
///   (one tag or a comma-separated list) and the `Accept-Language` header,
///   and negotiates them against the localizer's locales (cached per
///   distinct input). A successful response pays for none of it: the
///   languages are negotiated once, by the first thing that needs them;
/// - keeps what it knows of the request in the request's extensions, where
///   [`Languages`](crate::request::Languages) and [`RequestId`](crate::request::RequestId)
///   find it (also in a task a handler or middleware spawns, when the
///   request goes with it);
/// - sets the body limit of [`body_limit`](Self::body_limit), when given;
/// - renders every response that carries a terror error (what
///   `IntoResponse` of a derived error makes, wherever it was made: in a
///   handler, an extractor's rejection, a spawned task, a fallback, a
///   middleware or a `HandleErrorLayer` inside this layer) in those
///   languages, with the request path as `instance` and the request id as
///   `request_id`;
/// - turns the other error responses that carry no representation of their
///   own (status >= 400 with an empty body and no `Content-Type`, or a
///   `text/plain` body: unknown routes, wrong methods, timeouts, limits,
///   caught panics) into localized problems, keeping their status and
///   other headers. Any other content type (an OAuth token endpoint's
///   `application/json` error, an HTML page) passes through untouched, and
///   so does a response marked [`Verbatim`];
/// - logs every failure once, with [`log_error`]: inside a `tracing` span
///   named `request` with `request_id`, `method` and `path`, so every line
///   about the failure carries them (and nothing from the request's
///   headers); the span is made only when such a line is written.
///
/// Apply it around the router (`ProblemLayer::new(localizer).layer(router)`,
/// as a `tower::Layer`) rather than with `Router::layer`: axum then boxes no
/// route's service again, and the layer sees the `Allow` header axum adds
/// to a 405.
#[derive(Debug, Clone)]
pub struct ProblemLayer {
    pub(crate) config: Arc<Config>,
}

impl ProblemLayer {
    /// A layer rendering with `localizer`.
    pub fn new(localizer: Arc<Localizer>) -> Self {
        ProblemLayer {
            config: Arc::new(Config {
                localizer,
                query_parameter: DEFAULT_QUERY_PARAMETER.to_owned(),
                request_id_header: HeaderName::from_static(DEFAULT_REQUEST_ID_HEADER),
                request_id_on_success: false,
                body_limit: None,
                convert_responses: true,
                ids: RequestIds::new(),
            }),
        }
    }

    /// The query parameter that overrides `Accept-Language` (`lang` unless
    /// set).
    #[must_use]
    pub fn query_parameter(mut self, name: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.config).query_parameter = name.into();
        self
    }

    /// The header a request id is read from and echoed in (`x-request-id`
    /// unless set).
    #[must_use]
    pub fn request_id_header(mut self, name: HeaderName) -> Self {
        Arc::make_mut(&mut self.config).request_id_header = name;
        self
    }

    /// Whether every response carries a request id, also a success that
    /// sent none and needed none (off unless set).
    ///
    /// An id the client sent is always echoed, and so is an id generated
    /// for a request that failed or whose handler took
    /// [`RequestId`](crate::request::RequestId). Otherwise a successful response
    /// carries none: nothing was logged under it, and generating it is work
    /// only an error needs. A service that writes an access log with the id
    /// turns this on (or puts an id-setting layer, such as tower-http's
    /// `SetRequestIdLayer`, outside this one: its id is then the one sent).
    #[must_use]
    pub fn request_id_on_success(mut self, always: bool) -> Self {
        Arc::make_mut(&mut self.config).request_id_on_success = always;
        self
    }

    /// The largest body a request may have, in bytes, as axum's
    /// [`DefaultBodyLimit::max`] sets it for every request the layer sees:
    /// terror's `Json` and `Form` and axum's own body extractors read at
    /// most this much, and a larger body is a `request.body_too_large`
    /// problem that states the limit in force.
    ///
    /// A `DefaultBodyLimit` closer to the handler (on a route, say) is more
    /// specific and wins. Unless set, axum's default of 2 MiB applies.
    #[must_use]
    pub fn body_limit(mut self, bytes: u64) -> Self {
        let bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
        Arc::make_mut(&mut self.config).body_limit = Some(DefaultBodyLimit::max(bytes));
        self
    }

    /// Whether error responses with an empty or `text/plain` body are
    /// turned into problems (on unless set).
    #[must_use]
    pub fn convert_responses(mut self, convert: bool) -> Self {
        Arc::make_mut(&mut self.config).convert_responses = convert;
        self
    }
}

impl<S> Layer<S> for ProblemLayer {
    type Service = ProblemService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ProblemService {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

/// The service [`ProblemLayer`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct ProblemService<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S, B> Service<Request<B>> for ProblemService<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    #[inline]
    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        if let Some(limit) = self.config.body_limit {
            limit.apply(&mut request);
        }
        let scope = Scope::shared(
            &self.config,
            request.uri(),
            request.method(),
            request.headers(),
        );
        request
            .extensions_mut()
            .insert(ScopeEntry::new(Arc::clone(&scope)));
        ResponseFuture {
            inner: self.inner.call(request),
            scope,
        }
    }
}

/// Marks a response that the layer must send as it is: an error response
/// whose body is meant for its client, such as a `text/plain` message a
/// legacy client parses, is then not turned into a problem.
///
/// ```
/// use axum::http::StatusCode;
/// use axum::response::IntoResponse;
/// use terror_axum::Verbatim;
///
/// async fn legacy_login() -> impl IntoResponse {
///     (StatusCode::UNAUTHORIZED, Verbatim, "ERR_TOKEN_EXPIRED")
/// }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verbatim;

impl IntoResponseParts for Verbatim {
    type Error = Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Infallible> {
        parts.extensions_mut().insert(self);
        Ok(parts)
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ProblemService`]: polls the inner service,
    /// then finishes its response for the request.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        scope: Arc<Scope>,
    }
}

impl<F, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut result = ready!(this.inner.poll(cx));
        if let Ok(response) = &mut result {
            finish(response, this.scope);
        }
        Poll::Ready(result)
    }
}

/// Finishes a response: renders the terror error it carries for the
/// request, or turns a bare error response into a problem, and echoes the
/// request id. A success (no extension, a status below 400) skips all but
/// the echo with two comparisons.
#[inline]
fn finish(response: &mut Response, scope: &Scope) {
    let rendered = if !response.extensions().is_empty() || response.status().as_u16() >= 400 {
        finish_error(response, scope)
    } else {
        None
    };
    if let Some(id) = rendered.or_else(|| scope.echoed_id().cloned()) {
        response
            .headers_mut()
            .insert(scope.config.request_id_header.clone(), id);
    }
}

/// The part of [`finish`] only an error response (or one with extensions)
/// needs, out of line: renders the error and logs it under the request's
/// id, which it returns for the response to echo.
#[inline(never)]
fn finish_error(response: &mut Response, scope: &Scope) -> Option<HeaderValue> {
    let converted: Box<dyn Terror + Send + Sync>;
    let pending = response.extensions_mut().remove::<PendingProblem>();
    let error: &(dyn Terror + Send + Sync) = if let Some(pending) = &pending {
        pending.error()
    } else if scope.config.convert_responses
        && response.status().as_u16() >= 400
        && is_bare(response)
    {
        converted = match response.status() {
            StatusCode::NOT_FOUND => Box::new(RequestError::NotFound {
                path: scope.path().to_owned(),
            }),
            StatusCode::METHOD_NOT_ALLOWED => Box::new(RequestError::MethodNotAllowed {
                method: scope.method().to_string(),
                allowed: response
                    .headers()
                    .get(header::ALLOW)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
            }),
            status => Box::new(HttpError::new(status)),
        };
        &*converted
    } else {
        return None;
    };
    let id = scope.id_for_error();
    let (path, id_text) = (scope.path(), id.to_str().unwrap_or_default());
    // Taken before the old body goes, which would log it otherwise.
    if pending.as_ref().is_none_or(PendingProblem::take_log) {
        let request = RequestFields {
            id: Some(id_text),
            method: Some(scope.method().as_str()),
            path: Some(path),
        };
        log_error(error, request);
    }
    let request = RequestInfo {
        instance: Some(path),
        request_id: Some(id_text),
    };
    rerender(response, scope, error, request);
    Some(id)
}

/// Whether a response carries no representation of its own: an empty body
/// without a `Content-Type`, or `text/plain` (what axum, tower and hyper
/// answer with), and the handler did not mark it [`Verbatim`].
fn is_bare(response: &Response) -> bool {
    if response.extensions().get::<Verbatim>().is_some() {
        return false;
    }
    match response.headers().get(header::CONTENT_TYPE) {
        Some(value) => is_text_plain(value.as_bytes()),
        None => response.body().size_hint().exact() == Some(0),
    }
}

/// Whether a `Content-Type` is `text/plain`, with or without parameters:
/// its essence (before any `;`, without surrounding whitespace) is
/// `text/plain` in any case. Bytes, not `str`: a problem's own type is
/// rejected after a handful of comparisons.
fn is_text_plain(content_type: &[u8]) -> bool {
    const ESSENCE: &[u8] = b"text/plain";
    let is_space = |b: &u8| *b == b' ' || *b == b'\t';
    let Some(start) = content_type.iter().position(|b| !is_space(b)) else {
        return false;
    };
    let rest = &content_type[start..];
    rest.len() >= ESSENCE.len()
        && rest[..ESSENCE.len()].eq_ignore_ascii_case(ESSENCE)
        && rest[ESSENCE.len()..]
            .iter()
            .find(|b| !is_space(b))
            .is_none_or(|b| *b == b';')
}

/// Headers that describe the body being replaced, not the problem.
const REPRESENTATION_HEADERS: [HeaderName; 10] = [
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
    header::CONTENT_ENCODING,
    header::CONTENT_RANGE,
    header::CONTENT_LOCATION,
    header::CONTENT_DISPOSITION,
    HeaderName::from_static("content-digest"),
    HeaderName::from_static("repr-digest"),
    header::ETAG,
    header::LAST_MODIFIED,
];

/// Replaces the body with the error's problem in the request's languages.
/// The old representation's headers go; the problem's own are written
/// over them (`Vary` gains `Accept-Language`); the response's other headers
/// and its extensions stay.
fn rerender(
    response: &mut Response,
    scope: &Scope,
    error: &(dyn Terror + Send + Sync),
    request: RequestInfo<'_>,
) {
    let chain = scope.languages();
    let problem = scope
        .config
        .localizer
        .render_request(error, &chain, request);
    let headers = response.headers_mut();
    // An error response has a handful of headers, rarely one of these: one
    // pass over them costs less than looking each of these up.
    if headers
        .keys()
        .any(|name| REPRESENTATION_HEADERS.contains(name))
    {
        for name in &REPRESENTATION_HEADERS {
            headers.remove(name);
        }
    }
    problem.write_headers(headers);
    *response.status_mut() = problem.status();
    *response.body_mut() = Body::from(problem.to_json());
}

#[cfg(test)]
mod tests {
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
            |_: Request<Body>| -> std::future::Ready<Result<Response, Infallible>> {
                panic!("call")
            },
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
}
