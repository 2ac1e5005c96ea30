//! What the layer knows about a request, shared with the extractors: its
//! configuration, the request's context (built only when an error or a
//! handler needs it), its `Accept-Language`, and request ids.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::extract::DefaultBodyLimit;
use http::{header, HeaderMap, HeaderName, HeaderValue, Method, Uri};
use terror_core::context::{DeferredContext, RequestContext};
use terror_core::negotiate::MAX_HEADER_LEN;
use terror_core::Localizer;

/// The layer's configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) localizer: Arc<Localizer>,
    pub(crate) query_parameter: String,
    pub(crate) request_id_header: HeaderName,
    pub(crate) request_id_on_success: bool,
    pub(crate) body_limit: Option<DefaultBodyLimit>,
    pub(crate) convert_responses: bool,
}

/// What the layer keeps of a request: cheap clones of what the context is
/// built from, and the request id. A successful request never builds the
/// context, so it pays for no negotiation and no allocation but this one.
#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) config: Arc<Config>,
    uri: Uri,
    method: Method,
    accept_language: Option<HeaderValue>,
    /// The id the client sent, when it is sane: visible ASCII, so it is
    /// also a `str`.
    sent_id: Option<HeaderValue>,
    /// The id generated for this request when it sent none, made by the
    /// first thing that needs one.
    generated_id: OnceLock<HeaderValue>,
    context: OnceLock<RequestContext>,
}

/// The layer's request extension: one insert per request.
#[derive(Debug, Clone)]
pub(crate) struct ScopeExtension(pub(crate) Arc<Scope>);

impl Scope {
    pub(crate) fn new<B>(config: Arc<Config>, request: &http::Request<B>) -> Self {
        // An id the client sent is echoed as the very same header value.
        let sent_id = request
            .headers()
            .get(&config.request_id_header)
            .filter(|v| v.to_str().is_ok_and(is_sane_request_id))
            .cloned();
        Scope {
            uri: request.uri().clone(),
            method: request.method().clone(),
            accept_language: accept_language_value(request.headers()),
            sent_id,
            generated_id: OnceLock::new(),
            context: OnceLock::new(),
            config,
        }
    }

    /// The request id: the one sent, or one generated now if none was yet.
    pub(crate) fn request_id_value(&self) -> &HeaderValue {
        match &self.sent_id {
            Some(sent) => sent,
            None => self.generated_id.get_or_init(generate_request_id),
        }
    }

    /// The id the response carries: the one sent, else the one generated
    /// for this request if anything needed one (or always, when
    /// configured).
    pub(crate) fn echoed_id(&self) -> Option<&HeaderValue> {
        if self.config.request_id_on_success {
            return Some(self.request_id_value());
        }
        self.sent_id.as_ref().or_else(|| self.generated_id.get())
    }

    /// Whether the context was built.
    #[cfg(test)]
    pub(crate) fn is_resolved(&self) -> bool {
        self.context.get().is_some()
    }

    /// The request id, as [`request_id_value`](Self::request_id_value).
    pub(crate) fn request_id(&self) -> &str {
        self.request_id_value().to_str().unwrap_or_default()
    }
}

impl DeferredContext for Scope {
    /// Negotiates the request's languages (the query parameter first, then
    /// `Accept-Language`) and builds the context, once.
    fn resolve(&self) -> &RequestContext {
        self.context.get_or_init(|| {
            let config = &self.config;
            let preferred = self
                .uri
                .query()
                .and_then(|query| query_value(query, &config.query_parameter));
            let accept = self.accept_language.as_ref().and_then(|v| v.to_str().ok());
            let chain = config.localizer.negotiate(preferred.as_deref(), accept);
            RequestContext::new(Arc::clone(&config.localizer), chain)
                .with_uri(self.uri.clone())
                .with_request_id_value(self.request_id_value().clone())
                .with_method(self.method.clone())
        })
    }
}

/// Request ids longer than this, or with other than visible ASCII, are
/// replaced by a generated one rather than echoed.
const MAX_REQUEST_ID_LEN: usize = 128;

fn is_sane_request_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

/// The value of `name` in a query string, decoded as browsers encode forms
/// (`+` is a space, `%XX` a byte; anything else stays as it is).
fn query_value(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The request's `Accept-Language` as one value: the header itself when it
/// has one line (a cheap clone), else its lines combined as
/// [`accept_language`] does.
fn accept_language_value(headers: &HeaderMap) -> Option<HeaderValue> {
    let mut lines = headers.get_all(header::ACCEPT_LANGUAGE).iter();
    let first = lines.next()?;
    if lines.next().is_none() {
        return Some(first.clone());
    }
    accept_language(headers).and_then(|joined| HeaderValue::from_str(&joined).ok())
}

/// The request's `Accept-Language`: its lines combined into one list, as
/// RFC 9110 (5.3) reads repeated fields. Lines that are not visible ASCII
/// are skipped; the list stops growing past what negotiation reads.
pub(crate) fn accept_language(headers: &HeaderMap) -> Option<Cow<'_, str>> {
    let mut lines = headers
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let first = lines.next()?;
    let Some(second) = lines.next() else {
        return Some(Cow::Borrowed(first));
    };
    let mut joined = String::from(first);
    for line in std::iter::once(second).chain(lines) {
        if joined.len() >= MAX_HEADER_LEN {
            break;
        }
        joined.push_str(", ");
        joined.push_str(line);
    }
    Some(Cow::Owned(joined))
}

/// A new request id: 16 hex digits, unique within the process and unlikely
/// to repeat across processes.
pub(crate) fn generate_request_id() -> HeaderValue {
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
    // Hex digits are visible ASCII.
    HeaderValue::from_bytes(&digits).unwrap_or(HeaderValue::from_static("0000000000000000"))
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
    fn accept_language_lines_combine() {
        let mut headers = HeaderMap::new();
        assert_eq!(accept_language(&headers), None);
        headers.append(header::ACCEPT_LANGUAGE, "fr".parse().unwrap());
        assert_eq!(accept_language(&headers).as_deref(), Some("fr"));
        headers.append(header::ACCEPT_LANGUAGE, "de;q=0.5".parse().unwrap());
        assert_eq!(accept_language(&headers).as_deref(), Some("fr, de;q=0.5"));
        for _ in 0..10_000 {
            headers.append(header::ACCEPT_LANGUAGE, "xx".parse().unwrap());
        }
        assert!(accept_language(&headers).unwrap().len() <= MAX_HEADER_LEN + 4);
    }

    #[test]
    fn request_ids_are_distinct() {
        let a = generate_request_id();
        let b = generate_request_id();
        assert_eq!(a.len(), 16);
        assert!(a.to_str().unwrap().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

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
    fn accept_language_is_one_value() {
        let mut headers = HeaderMap::new();
        assert_eq!(accept_language_value(&headers), None);
        headers.append(header::ACCEPT_LANGUAGE, "fr".parse().unwrap());
        assert_eq!(accept_language_value(&headers).unwrap(), "fr");
        headers.append(header::ACCEPT_LANGUAGE, "de;q=0.5".parse().unwrap());
        assert_eq!(accept_language_value(&headers).unwrap(), "fr, de;q=0.5");
    }
}
