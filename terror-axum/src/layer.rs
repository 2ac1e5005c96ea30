//! `ProblemLayer`: negotiates each request's languages and renders terror
//! error responses in them.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use axum::body::{Body, HttpBody as _};
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponseParts, Response, ResponseParts};
use axum::routing::IntoMakeService;
use http::{header, HeaderName, HeaderValue, Request, StatusCode};
use terror_core::observe::{report, Answered, Reporting};
use terror_core::trace_context::TraceId;
use terror_core::{Localizer, PendingProblem, RequestInfo, Terror};
use tower_layer::Layer;
use tower_service::Service;

use crate::config::Config;
use crate::errors::{HttpError, RequestError};
use crate::ids::RequestIds;
use crate::scope::{Scope, ScopeEntry};

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
/// - with a valid W3C `traceparent` on the request, shows its trace id as
///   the problem's `trace_id` (a malformed one is ignored, never echoed),
///   and, when told to ([`trace_id_as_request_id`](Self::trace_id_as_request_id)),
///   uses it as the id of a request that sent none;
/// - reports every failure once, with [`report`]: the current `tracing`
///   span gets `error.type` and the status (wrap this layer in
///   tower-http's `TraceLayer`, made with [`request_span`](crate::request_span),
///   for a span that has them), one log event describes it (a 5xx at
///   `ERROR` with its source chain; a 4xx at the level of
///   [`log_client_errors`](Self::log_client_errors), off unless set), and,
///   with the `metrics` feature, `terror_errors_total` counts it.
///
/// Apply it around the router, with [`layer`](Self::layer), rather than
/// with `Router::layer`: axum then boxes no route's service again, and the
/// layer sees the `Allow` header axum adds to a 405, which it names in the
/// problem's `allowed`. Inside the router (`Router::layer`,
/// `Router::route_layer`), the layer sees a 405 before axum adds that
/// header, so its problem has `"allowed": null`; the layer says so in one
/// warning, the first time it happens. Serve the wrapped router with
/// [`ProblemService::into_make_service`]:
///
/// ```no_run
/// use std::sync::Arc;
/// use axum::{routing::get, Router};
/// use terror_axum::ProblemLayer;
/// use terror_core::Localizer;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let localizer = Arc::new(Localizer::builder().build()?);
/// let router = Router::new().route("/volumes", get(|| async { "[]" }));
/// let app = ProblemLayer::new(localizer).layer(router);
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// axum::serve(listener, app.into_make_service()).await?;
/// # Ok(())
/// # }
/// ```
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
                reporting: Reporting::default(),
                trace_id_as_request_id: false,
                ids: RequestIds::new(),
                warned_inside_router: AtomicBool::new(false),
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

    /// The level a client error (4xx) is logged at, or `None` for not at
    /// all (the default: a client's mistake is not the operator's). A
    /// server error (5xx) is always logged, at `ERROR`.
    ///
    /// ```
    /// # let localizer = std::sync::Arc::new(terror_core::Localizer::builder().build().unwrap());
    /// let layer = terror_axum::ProblemLayer::new(localizer).log_client_errors(Some(tracing::Level::INFO));
    /// ```
    #[must_use]
    pub fn log_client_errors(mut self, level: Option<tracing::Level>) -> Self {
        let config = Arc::make_mut(&mut self.config);
        config.reporting = config.reporting.with_client_errors(level);
        self
    }

    /// Whether a request that sent no request id is known by the trace id
    /// of its valid `traceparent` (echoed, in the problem and the log
    /// line), so that support and the tracing backend share one id; off
    /// unless set. A request without a valid `traceparent` gets a
    /// generated id as before.
    #[must_use]
    pub fn trace_id_as_request_id(mut self, use_it: bool) -> Self {
        Arc::make_mut(&mut self.config).trace_id_as_request_id = use_it;
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

impl ProblemLayer {
    /// Wraps `inner` (the router) in this layer, as `tower::Layer::layer`
    /// does, without importing that trait.
    pub fn layer<S>(&self, inner: S) -> ProblemService<S> {
        ProblemService {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

impl<S> Layer<S> for ProblemLayer {
    type Service = ProblemService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ProblemLayer::layer(self, inner)
    }
}

/// The service [`ProblemLayer`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct ProblemService<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S> ProblemService<S> {
    /// What `axum::serve` takes: `axum::serve(listener,
    /// app.into_make_service())`, as for a `Router`.
    pub fn into_make_service(self) -> IntoMakeService<Self>
    where
        Self: Service<axum::extract::Request, Response = Response> + Clone + Send + 'static,
    {
        axum::ServiceExt::<axum::extract::Request>::into_make_service(self)
    }
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
            StatusCode::METHOD_NOT_ALLOWED => {
                let allowed = response.headers().get(header::ALLOW);
                if allowed.is_none() {
                    scope.config.warn_inside_router();
                }
                Box::new(RequestError::MethodNotAllowed {
                    method: scope.method().to_string(),
                    allowed: allowed.and_then(|v| v.to_str().ok()).map(str::to_owned),
                })
            }
            status => Box::new(HttpError::new(status)),
        };
        &*converted
    } else {
        return None;
    };
    let id = scope.id_for_error();
    let trace_id = scope.trace_id();
    let trace_id = trace_id.as_ref().map(TraceId::as_str);
    let (path, id_text) = (scope.path(), id.to_str().unwrap_or_default());
    // Taken before the old body goes, which would report it otherwise.
    if pending.as_ref().is_none_or(PendingProblem::take_log) {
        let answered = Answered {
            request_id: Some(id_text),
            trace_id,
            method: Some(scope.method().as_str()),
            instance: Some(path),
            grpc_code: None,
        };
        report(error, answered, scope.config.reporting);
    }
    let request = RequestInfo {
        instance: Some(path),
        request_id: Some(id_text),
        trace_id,
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
mod tests;
