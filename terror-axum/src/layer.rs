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
use http::{header, HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use terror_core::context::RequestContext;
use terror_core::{Localizer, Terror, UnlocalizedError};
use tower_layer::Layer;
use tower_service::Service;

use crate::rejection::{HttpError, RequestError};
use crate::scope::{self, generate_request_id, Scope};

/// The query parameter that overrides `Accept-Language`, unless configured.
pub const DEFAULT_QUERY_PARAMETER: &str = "lang";

/// The header a request id is read from and echoed in, unless configured.
pub const DEFAULT_REQUEST_ID_HEADER: &str = "x-request-id";

/// Request ids longer than this, or with other than visible ASCII, are
/// replaced by a generated one rather than echoed.
const MAX_REQUEST_ID_LEN: usize = 128;

/// Makes every failure of a request a localized problem document: the one
/// layer a terror service adds.
///
/// For each request it:
/// - reads the query parameter `lang` (one tag or a comma-separated list)
///   and the `Accept-Language` header, and negotiates them against the
///   localizer's locales (cached per distinct input);
/// - takes the request id from `x-request-id` when it is sane (visible
///   ASCII, at most 128 bytes) or generates one, and echoes it on the
///   response;
/// - makes [`Languages`](crate::Languages) and [`RequestId`](crate::RequestId)
///   available to handlers;
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
    config: Arc<Config>,
}

/// The former name of [`ProblemLayer`], which does more than languages.
#[deprecated(since = "0.1.0", note = "renamed to `ProblemLayer`")]
pub type LanguageLayer = ProblemLayer;

/// The former name of [`ProblemService`].
#[deprecated(since = "0.1.0", note = "renamed to `ProblemService`")]
pub type LanguageService<S> = ProblemService<S>;

#[derive(Debug, Clone)]
struct Config {
    localizer: Arc<Localizer>,
    query_parameter: String,
    request_id_header: HeaderName,
    body_limit: Option<DefaultBodyLimit>,
    convert_responses: bool,
}

impl ProblemLayer {
    /// A layer rendering with `localizer`.
    pub fn new(localizer: Arc<Localizer>) -> Self {
        ProblemLayer {
            config: Arc::new(Config {
                localizer,
                query_parameter: DEFAULT_QUERY_PARAMETER.to_owned(),
                request_id_header: HeaderName::from_static(DEFAULT_REQUEST_ID_HEADER),
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

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let config = &self.config;
        let preferred = request
            .uri()
            .query()
            .and_then(|query| query_value(query, &config.query_parameter));
        let chain = {
            let accept = scope::accept_language(request.headers());
            config
                .localizer
                .negotiate(preferred.as_deref(), accept.as_deref())
        };
        // An id the client sent is echoed as the very same header value.
        let sent = request
            .headers()
            .get(&config.request_id_header)
            .filter(|v| v.to_str().is_ok_and(is_sane_request_id))
            .cloned();
        let (request_id, echo): (Arc<str>, Option<HeaderValue>) = match sent {
            Some(value) => (Arc::from(value.to_str().unwrap_or_default()), Some(value)),
            None => (generate_request_id(), None),
        };
        if let Some(limit) = config.body_limit {
            limit.apply(&mut request);
        }

        let context = Arc::new(
            RequestContext::new(Arc::clone(&config.localizer), chain)
                .with_instance(request.uri().path())
                .with_request_id(Arc::clone(&request_id))
                .with_method(request.method().clone()),
        );
        request.extensions_mut().insert(Scope {
            context: Arc::clone(&context),
        });
        let future = context.enter(|| self.inner.call(request));
        ResponseFuture {
            inner: future,
            context,
            config: Arc::clone(config),
            request_id,
            echo,
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
    /// the request's context entered, then finishes the response.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        context: Arc<RequestContext>,
        config: Arc<Config>,
        request_id: Arc<str>,
        echo: Option<HeaderValue>,
    }
}

impl<F, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let context = &*this.context;
        let inner = this.inner;
        let result = ready!(context.enter(|| inner.poll(cx)));
        let (config, request_id, echo) = (&**this.config, &**this.request_id, this.echo.take());
        Poll::Ready(result.map(|response| finish(response, context, config, request_id, echo)))
    }
}

/// Finishes a response: renders again (and logs, with the request id) an
/// error that became a response outside the context (in a spawned task,
/// say), turns a bare error response into a problem, and echoes the request
/// id.
fn finish(
    mut response: Response,
    context: &RequestContext,
    config: &Config,
    request_id: &str,
    echo: Option<HeaderValue>,
) -> Response {
    if let Some(unlocalized) = response.extensions_mut().remove::<UnlocalizedError>() {
        if unlocalized.take_log() {
            context.log_failure(unlocalized.error());
        }
        response = rerender(response, context, unlocalized.error());
    } else if config.convert_responses && response.status().as_u16() >= 400 && is_bare(&response) {
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
        response = rerender(response, context, &*error);
    }
    if let Some(value) = echo.or_else(|| HeaderValue::from_str(request_id).ok()) {
        response
            .headers_mut()
            .insert(config.request_id_header.clone(), value);
    }
    response
}

/// Whether a response carries no representation of its own: an empty body
/// without a `Content-Type`, or `text/plain` (what axum, tower and hyper
/// answer with), and the handler did not mark it [`Verbatim`].
fn is_bare(response: &Response) -> bool {
    if response.extensions().get::<Verbatim>().is_some() {
        return false;
    }
    match response.headers().get(header::CONTENT_TYPE) {
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|v| v.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/plain")),
        None => response.body().size_hint().exact() == Some(0),
    }
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
fn rerender(
    response: Response,
    context: &RequestContext,
    error: &(dyn Terror + Send + Sync),
) -> Response {
    let problem =
        context
            .localizer()
            .render_request(error, context.chain(), context.request_info());
    let (mut parts, _) = response.into_parts();
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
    Response::from_parts(parts, Body::from(body))
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

/// The value of `name` in a query string, decoded as browsers encode forms
/// (`+` is a space, `%XX` a byte; anything else stays as it is).
fn query_value(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

fn is_sane_request_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_found_and_decoded() {
        assert_eq!(query_value("a=1&lang=ru", "lang").as_deref(), Some("ru"));
        assert_eq!(
            query_value("lang=de%2Cru", "lang").as_deref(),
            Some("de,ru")
        );
        assert_eq!(query_value("lang", "lang").as_deref(), Some(""));
        assert_eq!(query_value("language=ru", "lang"), None);
        assert_eq!(query_value("lang=%zz%", "lang").as_deref(), Some("%zz%"));
        assert_eq!(query_value("lang=%", "lang").as_deref(), Some("%"));
        assert_eq!(query_value("lang=%4", "lang").as_deref(), Some("%4"));
        assert_eq!(query_value("lang=%ff", "lang").as_deref(), Some("\u{fffd}"));
        // A sign is not a hex digit: `%+9` is not a tab.
        assert_eq!(query_value("lang=%+9de", "lang").as_deref(), Some("% 9de"));
        assert_eq!(query_value("l%61ng=ru", "lang").as_deref(), Some("ru"));
    }

    #[test]
    fn request_ids_are_sane() {
        assert!(is_sane_request_id("7f3c9a"));
        assert!(!is_sane_request_id(""));
        assert!(!is_sane_request_id("a b"));
        assert!(!is_sane_request_id(&"x".repeat(129)));
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
}
