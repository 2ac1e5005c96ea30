//! `LanguageLayer`: negotiates each request's languages and renders terror
//! error responses in them.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{ready, Context, Poll};

use axum::body::Body;
use axum::response::Response;
use http::{header, HeaderName, HeaderValue, Request, StatusCode};
use terror_core::response::RequestContext;
use terror_core::{Localizer, Terror, UnlocalizedError, PROBLEM_JSON};
use tower_layer::Layer;
use tower_service::Service;

use crate::extract::BodyLimit;

use crate::rejection::{HttpError, RequestError};

/// The query parameter that overrides `Accept-Language`, unless configured.
pub const DEFAULT_QUERY_PARAMETER: &str = "lang";

/// The header a request id is read from and echoed in, unless configured.
pub const DEFAULT_REQUEST_ID_HEADER: &str = "x-request-id";

/// Request ids longer than this, or with other than visible ASCII, are
/// replaced by a generated one rather than echoed.
const MAX_REQUEST_ID_LEN: usize = 128;

/// Negotiates every request's languages and renders terror errors in them.
///
/// For each request it:
/// - reads the query parameter `lang` (one tag or a comma-separated list)
///   and the `Accept-Language` header, and negotiates them against the
///   localizer's locales (cached per distinct input);
/// - takes the request id from `x-request-id` when it is sane (visible
///   ASCII, at most 128 bytes) or generates one, and echoes it on the
///   response;
/// - makes [`Languages`] and [`RequestId`] available to handlers;
/// - renders every terror error response in those languages, with the
///   request path as `instance` and the request id as `request_id`;
/// - turns every other error response (status >= 400 without a problem
///   body: unknown routes, wrong methods, timeouts, limits, caught panics)
///   into a localized problem, keeping its status and headers;
/// - logs every failure inside a `tracing` span named `request` with
///   `request_id`, `method` and `path`, so every line about the failure
///   carries them (and nothing from the request's headers); the span is
///   made only when such a line is written.
#[derive(Debug, Clone)]
pub struct LanguageLayer {
    config: Arc<Config>,
}

#[derive(Debug, Clone)]
struct Config {
    localizer: Arc<Localizer>,
    query_parameter: String,
    request_id_header: HeaderName,
    body_limit: Option<u64>,
    convert_responses: bool,
}

impl LanguageLayer {
    /// A layer rendering with `localizer`.
    pub fn new(localizer: Arc<Localizer>) -> Self {
        LanguageLayer {
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

    /// The largest body terror's `Json` and `Form` extractors read, in
    /// bytes ([`DEFAULT_BODY_LIMIT`](crate::extract::DEFAULT_BODY_LIMIT)
    /// unless set); larger bodies are a `request.body_too_large` problem
    /// that states the limit.
    #[must_use]
    pub fn body_limit(mut self, bytes: u64) -> Self {
        Arc::make_mut(&mut self.config).body_limit = Some(bytes);
        self
    }

    /// Whether error responses without a problem body are turned into
    /// problems (on unless set).
    #[must_use]
    pub fn convert_responses(mut self, convert: bool) -> Self {
        Arc::make_mut(&mut self.config).convert_responses = convert;
        self
    }
}

impl<S> Layer<S> for LanguageLayer {
    type Service = LanguageService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        LanguageService {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

/// The service [`LanguageLayer`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct LanguageService<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S, B> Service<Request<B>> for LanguageService<S>
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
        let accept = request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let chain = config.localizer.negotiate(preferred.as_deref(), accept);
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

        let context = Arc::new(
            RequestContext::new(Arc::clone(&config.localizer), chain)
                .with_instance(request.uri().path())
                .with_request_id(Arc::clone(&request_id))
                .with_method(request.method().clone()),
        );
        request.extensions_mut().insert(Scope {
            context: Arc::clone(&context),
            body_limit: config.body_limit.map(BodyLimit),
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

/// What the layer knows about a request, for the extractors: one request
/// extension, so the layer costs a single insert.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub(crate) context: Arc<RequestContext>,
    pub(crate) body_limit: Option<BodyLimit>,
}

pin_project_lite::pin_project! {
    /// The response future of [`LanguageService`]: polls the handler with
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

/// Finishes a response: renders again an error that became a response
/// outside the context (in a spawned task, say), turns any other error
/// response without a problem body into one, and echoes the request id.
fn finish(
    mut response: Response,
    context: &RequestContext,
    config: &Config,
    request_id: &str,
    echo: Option<HeaderValue>,
) -> Response {
    if let Some(UnlocalizedError(error)) = response.extensions_mut().remove::<UnlocalizedError>() {
        response = rerender(response, context, &*error);
    } else if config.convert_responses
        && response.status().as_u16() >= 400
        && !is_problem(&response)
    {
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

fn is_problem(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON))
}

/// Replaces the body with the error's problem in the request's languages,
/// keeping the response's other headers and extensions.
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
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::TRANSFER_ENCODING);
    parts.status = new_parts.status;
    for (name, value) in &new_parts.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, Body::from(body))
}

/// The value of `name` in a query string, percent-decoded.
fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| percent_decode(value))
    })
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(b);
                    i += 3;
                } else {
                    out.push(b'%');
                    i += 1;
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_sane_request_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

/// A new request id: 16 hex digits, unique within the process and unlikely
/// to repeat across processes.
pub(crate) fn generate_request_id() -> Arc<str> {
    static SEED: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let seed = *SEED.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        #[allow(clippy::cast_possible_truncation)] // Mixing bits; truncation is fine.
        let low = nanos as u64;
        low ^ u64::from(std::process::id()).rotate_left(32)
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut value = splitmix64(seed.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    let mut digits = [0_u8; 16];
    for digit in digits.iter_mut().rev() {
        *digit = HEX[usize::try_from(value & 0xf).unwrap_or(0)];
        value >>= 4;
    }
    // Hex digits are ASCII.
    Arc::from(std::str::from_utf8(&digits).unwrap_or("0000000000000000"))
}

/// A bijective mixer, so distinct counters give distinct ids.
fn splitmix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
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
    }

    #[test]
    fn request_ids_are_sane_and_distinct() {
        assert!(is_sane_request_id("7f3c9a"));
        assert!(!is_sane_request_id(""));
        assert!(!is_sane_request_id("a b"));
        assert!(!is_sane_request_id(&"x".repeat(129)));
        let a = generate_request_id();
        let b = generate_request_id();
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
    }
}
