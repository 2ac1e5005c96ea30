//! `ProblemLayer`: negotiates each request's languages and renders terror
//! error responses in them.

use std::convert::Infallible;
use std::future::Future;
use std::mem::ManuallyDrop;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, HttpBody as _};
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponseParts, Response, ResponseParts};
use http::{header, HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use terror_core::context::{self, DeferredContext, RequestContext};
use terror_core::{Localizer, Terror, UnlocalizedError};
use tower_layer::Layer;
use tower_service::Service;

use crate::lend;
use crate::rejection::{HttpError, RequestError};
use crate::scope::{Config, Scope};

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
///   the [`RequestId`](crate::RequestId) extractor) and echoes that (see
///   [`request_id_on_success`](Self::request_id_on_success));
/// - when an error is rendered (or a handler asks for
///   [`Languages`](crate::Languages)), reads the query parameter `lang`
///   (one tag or a comma-separated list) and the `Accept-Language` header,
///   and negotiates them against the localizer's locales (cached per
///   distinct input). A successful response pays for none of it: the
///   request's context is built once, by the first thing that needs it;
/// - makes [`Languages`](crate::Languages) and [`RequestId`](crate::RequestId)
///   available to handlers (while it polls them: a handler that a
///   middleware inside the layer moves to a task of its own does not see
///   them, though its errors still render in the request's languages);
/// - sets the body limit of [`body_limit`](Self::body_limit), when given;
/// - renders every terror error response in those languages, with the
///   request path as `instance` and the request id as `request_id`;
/// - turns the other error responses that carry no representation of their
///   own (status >= 400 with an empty body and no `Content-Type`, or a
///   `text/plain` body: unknown routes, wrong methods, timeouts, limits,
///   caught panics) into localized problems, keeping their status and
///   other headers. Any other content type (an OAuth token endpoint's
///   `application/json` error, an HTML page) passes through untouched, and
///   so does a response marked [`Verbatim`];
/// - logs every failure inside a `tracing` span named `request` with
///   `request_id`, `method` and `path`, so every line about the failure
///   carries them (and nothing from the request's headers); the span is
///   made only when such a line is written.
#[derive(Debug, Clone)]
pub struct ProblemLayer {
    pub(crate) config: Arc<Config>,
}

/// The former name of [`ProblemLayer`], which does more than languages.
#[deprecated(since = "0.1.0", note = "renamed to `ProblemLayer`")]
pub type LanguageLayer = ProblemLayer;

/// The former name of [`ProblemService`].
#[deprecated(since = "0.1.0", note = "renamed to `ProblemService`")]
pub type LanguageService<S> = ProblemService<S>;

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
    /// [`RequestId`](crate::RequestId). Otherwise a successful response
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
        // Handlers run when the future is polled; a response made by `call`
        // itself without the context is rendered again by `finish`.
        //
        // Not dropped if the inner `call` panics (which leaks the box):
        // a scope that is dropped there makes every request move the inner
        // future and the request once more (about 60 instructions).
        let scope = ManuallyDrop::new(Scope::boxed(
            &self.config,
            request.uri(),
            request.method(),
            request.headers(),
        ));
        let inner = self.inner.call(request);
        ResponseFuture {
            inner,
            scope: Some(ManuallyDrop::into_inner(scope)),
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
    /// The response future of [`ProblemService`]: polls the handler with
    /// the request's (deferred) context entered, then finishes the response.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        // Lent to the thread while the handler is polled.
        scope: Option<Box<Scope>>,
    }
}

impl<F, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let inner = this.inner;
        // The response is finished where the poll left it, not moved out
        // of the poll and back into a new one.
        let mut poll = if lend::lends() {
            lend::lend(this.scope, || inner.poll(cx))
        } else {
            context::enter_deferred(this.scope, || inner.poll(cx))
        };
        // The scope is given back unless the handler panicked, which
        // unwinds past this point.
        if let Poll::Ready(result) = &mut poll {
            if let Some(scope) = this.scope.take() {
                if let Ok(response) = result {
                    finish(response, &scope);
                }
                #[cfg(test)]
                tests::LAST_SCOPE.with(|last| *last.borrow_mut() = Some(scope.seen()));
                scope.recycle();
            }
        }
        poll
    }
}

/// Finishes a response: renders again (and logs, with the request id) an
/// error that became a response outside the context (in a spawned task,
/// say), turns a bare error response into a problem, and echoes the request
/// id. Only the first two build the request's context, and a success (no
/// extension, a status below 400) skips them with two comparisons.
#[inline]
fn finish(response: &mut Response, scope: &Scope) {
    if !response.extensions().is_empty() || response.status().as_u16() >= 400 {
        finish_error(response, scope);
    }
    if let Some(id) = scope.echoed_id() {
        response
            .headers_mut()
            .insert(scope.config.request_id_header.clone(), id.clone());
    }
}

/// The part of [`finish`] only an error response (or one with extensions)
/// needs: out of line, so a success runs none of it.
#[inline(never)]
fn finish_error(response: &mut Response, scope: &Scope) {
    let config = &*scope.config;
    if let Some(unlocalized) = response.extensions_mut().remove::<UnlocalizedError>() {
        let context = scope.resolve();
        if unlocalized.take_log() {
            context.log_failure(unlocalized.error());
        }
        rerender(response, context, unlocalized.error());
    } else if config.convert_responses && response.status().as_u16() >= 400 && is_bare(response) {
        let context = scope.resolve();
        let error: Box<dyn Terror + Send + Sync> = match response.status() {
            StatusCode::NOT_FOUND => Box::new(RequestError::NotFound {
                path: context.instance().unwrap_or_default().to_owned(),
            }),
            StatusCode::METHOD_NOT_ALLOWED => Box::new(RequestError::MethodNotAllowed {
                method: context
                    .method()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                allowed: response
                    .headers()
                    .get(header::ALLOW)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
            }),
            status => Box::new(HttpError::new(status)),
        };
        context.log_failure(&*error);
        rerender(response, context, &*error);
    }
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
const REPRESENTATION_HEADERS: [&str; 10] = [
    "content-length",
    "transfer-encoding",
    "content-encoding",
    "content-range",
    "content-location",
    "content-disposition",
    "content-digest",
    "repr-digest",
    "etag",
    "last-modified",
];

/// Replaces the body with the error's problem in the request's languages.
/// The old representation's headers go; `Vary` gains `Accept-Language`;
/// the response's other headers and its extensions stay.
fn rerender(response: &mut Response, context: &RequestContext, error: &(dyn Terror + Send + Sync)) {
    let problem =
        context
            .localizer()
            .render_request(error, context.chain(), context.request_info());
    let (mut parts, _) = std::mem::take(response).into_parts();
    let (new_parts, body) = problem.to_http_response().into_parts();
    for name in REPRESENTATION_HEADERS {
        parts.headers.remove(name);
    }
    parts.status = new_parts.status;
    for (name, value) in &new_parts.headers {
        if name == header::VARY {
            append_vary(&mut parts.headers, value);
        } else {
            parts.headers.insert(name.clone(), value.clone());
        }
    }
    *response = Response::from_parts(parts, Body::from(body));
}

/// Adds `value` to `Vary` unless it is listed there already (or `*` is).
fn append_vary(headers: &mut HeaderMap, value: &HeaderValue) {
    let wanted = value.to_str().unwrap_or_default();
    let listed = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|field| field == "*" || field.eq_ignore_ascii_case(wanted));
    if !listed {
        headers.append(header::VARY, value.clone());
    }
}

#[cfg(test)]
mod tests {
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt as _;

    use super::*;
    use crate::scope::Seen;
    use crate::{Languages, RequestId};

    thread_local! {
        /// The scope of the request the layer answered last on this thread.
        pub(super) static LAST_SCOPE: std::cell::RefCell<Option<Seen>> =
            const { std::cell::RefCell::new(None) };
    }

    /// Calls `path` (sending `sent` as the request id, if any) and returns
    /// what the request's scope was, with the response's status and request
    /// id header.
    async fn scope_of(
        layer: ProblemLayer,
        path: &str,
        sent: Option<&str>,
    ) -> (Seen, StatusCode, Option<HeaderValue>) {
        let app = Router::new()
            .route("/ok", get(|| async { "fine" }))
            .route("/id", get(|id: RequestId| async move { id.to_string() }))
            .route(
                "/languages",
                get(|languages: Languages| async move { languages.primary().to_string() }),
            )
            .route(
                "/error",
                get(|| async {
                    Err::<(), _>(RequestError::MissingField {
                        field: "name".into(),
                    })
                }),
            )
            .layer(layer);
        let mut request = Request::get(path);
        if let Some(sent) = sent {
            request = request.header(DEFAULT_REQUEST_ID_HEADER, sent);
        }
        let response = app
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let id = response.headers().get(DEFAULT_REQUEST_ID_HEADER).cloned();
        let seen = LAST_SCOPE.with(|last| last.borrow_mut().take()).unwrap();
        (seen, response.status(), id)
    }

    fn layer() -> ProblemLayer {
        ProblemLayer::new(Localizer::global())
    }

    #[tokio::test]
    async fn a_success_builds_no_context_and_makes_no_id() {
        let (seen, status, id) = scope_of(layer(), "/ok", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!seen.resolved, "a success negotiated its languages");
        assert_eq!(seen.id, None);
        assert_eq!(id, None, "an id nothing needed was generated");
        let (seen, _, id) = scope_of(layer(), "/ok", Some("req-1")).await;
        assert!(!seen.resolved);
        assert_eq!(id.unwrap(), "req-1", "a sent id is echoed all the same");
    }

    #[tokio::test]
    async fn a_success_can_carry_an_id_always() {
        let always = layer().request_id_on_success(true);
        let (seen, _, id) = scope_of(always, "/ok", None).await;
        assert!(!seen.resolved, "an id needs no languages");
        let id = id.expect("no id");
        assert_eq!(id.len(), 16);
        assert_eq!(seen.id.as_deref(), Some(id.to_str().unwrap()));
    }

    #[tokio::test]
    async fn what_needs_an_id_or_the_context_makes_them() {
        let (seen, _, id) = scope_of(layer(), "/id", None).await;
        assert!(!seen.resolved, "the request id needs no context");
        let id = id.expect("the id taken is echoed");
        assert_eq!(seen.id.as_deref(), Some(id.to_str().unwrap()));
        for path in ["/languages", "/error"] {
            let (seen, _, id) = scope_of(layer(), path, None).await;
            assert!(seen.resolved, "{path} did not build the context");
            assert_eq!(seen.instance.as_deref(), Some(path));
            if path == "/error" {
                let id = id.expect("a failure carries its id");
                assert_eq!(seen.context_id.as_deref(), Some(id.to_str().unwrap()));
            }
        }
    }

    /// A thread's requests share one box, and none sees anything of the
    /// one before: not its id, not its context.
    #[tokio::test]
    async fn a_thread_reuses_one_scope_and_nothing_of_its_last_request() {
        let (first, status, id) = scope_of(layer(), "/error", Some("req-1")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(id.unwrap(), "req-1");
        assert_eq!(first.context_id.as_deref(), Some("req-1"));
        let (second, status, id) = scope_of(layer(), "/ok", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(second.address, first.address, "the box was not reused");
        assert_eq!(id, None, "the last request's id was echoed");
        assert!(!second.resolved, "the last request's context was kept");
        let (third, _, id) = scope_of(layer(), "/languages", None).await;
        assert_eq!(third.address, first.address);
        assert_eq!(third.instance.as_deref(), Some("/languages"));
        let id = id.expect("a built context has an id, echoed");
        assert_ne!(id, "req-1", "the last request's id was reused");
        let other = layer().request_id_on_success(true);
        let (fourth, _, id) = scope_of(other, "/ok", None).await;
        assert_eq!(fourth.address, first.address);
        assert!(id.is_some(), "the box kept the last layer's configuration");
    }

    #[test]
    fn vary_is_appended_to_once() {
        let accept = HeaderValue::from_static("accept-language");
        let mut headers = HeaderMap::new();
        headers.insert(header::VARY, HeaderValue::from_static("origin"));
        append_vary(&mut headers, &accept);
        append_vary(&mut headers, &accept);
        let vary: Vec<_> = headers.get_all(header::VARY).iter().collect();
        assert_eq!(vary, ["origin", "accept-language"]);
        let mut star = HeaderMap::new();
        star.insert(header::VARY, HeaderValue::from_static("*"));
        append_vary(&mut star, &accept);
        assert_eq!(star.get_all(header::VARY).iter().count(), 1);
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
