//! `CatalogPages`: the error catalog as localized HTML pages, one per code,
//! served where every problem's `type` URI points.

mod code;
mod documented;
mod escape;
mod html;
mod index;
mod text;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use terror_core::catalog::Catalog;
use terror_core::{LanguageIdentifier, LocaleChain, Localizer};

use crate::layer::{Verbatim, DEFAULT_QUERY_PARAMETER};
use crate::scope;
use documented::Codes;
use text::Language;

/// Where the pages are served when the type base names no path (such as
/// the default `urn:terror:`).
const DEFAULT_PATH: &str = "/errors/";

/// The link to the index from any page but the index: a page's route is
/// one segment below it.
const INDEX_HREF: &str = "./";

/// A page shows at most this many bytes of an unknown code, `…` included.
const SHOWN_CODE_BYTES: usize = 160;

/// What every page forbids: scripts, plugins, frames, forms, and any
/// resource but its own inline style. The pages have no JavaScript, and
/// with this header even a mistake in escaping could not run any.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The error catalog as HTML: an index of every code and one page per
/// code, in the request's language, where each problem's `type` URI
/// points. RFC 9457 says a `type` should lead to documentation for people;
/// with these pages mounted, every `type` a service sends opens one.
///
/// The pages are where the [`Localizer`]'s type base says: with
/// `Localizer::builder().problem_type_base("/errors/")`, a problem's `type`
/// is `/errors/volume.not_found` ([`Localizer::problem_type`] is the base
/// followed by the code), the index is served at `/errors/`, and each code's
/// page at `/errors/<code>`. A relative base such as `/errors/` is what
/// RFC 9457 allows (a URI reference, resolved against the request's URI), so
/// the `type` opens the page on the very server that sent the problem. An
/// absolute base (`https://docs.example.com/errors/`) mounts the pages at its
/// path, `/errors/`, for when that host serves this router too; when the
/// base has no path at all (the default `urn:terror:`), they are at
/// `/errors/`. [`path`](Self::path) sets the path explicitly.
///
/// A service merges the pages into its router once; they are routes like
/// any other (`GET` and `HEAD`), so the language layer around the router
/// negotiates their language too:
///
/// ```
/// use std::sync::{Arc, OnceLock};
/// use axum::Router;
/// use terror_axum::{CatalogPages, ProblemLayer};
/// use terror_core::Localizer;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let localizer = Arc::new(Localizer::builder().problem_type_base("/errors/").build()?);
/// let app: Router = Router::new()
///     // .route("/volumes/{name}", get(get_volume)), ...
///     .merge(CatalogPages::new(Arc::clone(&localizer)))
///     .layer(ProblemLayer::new(localizer));
///
/// use tower::ServiceExt as _;
/// let request = axum::http::Request::get("/errors/request.not_found?lang=ru")
///     .body(axum::body::Body::empty())?;
/// let response = app.oneshot(request).await?;
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
/// assert_eq!(response.headers()["content-language"], "ru");
/// # Ok(())
/// # }
/// # tokio::runtime::Runtime::new().unwrap().block_on(run()).unwrap();
/// ```
///
/// What the pages show:
///
/// - **The index** lists every code, grouped by prefix (what comes before
///   the code's last `.`), each with its status and title, linking to its
///   page; a deprecated code is marked so.
/// - **A code's page** has its title, a notice when the code is
///   deprecated (the message's `.deprecated` in the page's language,
///   else the note of `#[terror(deprecated = "...")]`), status (number
///   and reason), `type`,
///   Fluent message id, description (the message's `.description` in the
///   page's language, else the variant's doc comment), args with
///   their Rust types, the message in every locale of the localizer (title,
///   detail and hint as a client reads them, with the example values of
///   [`CatalogEntry::example`](terror_core::catalog::CatalogEntry::example)
///   in place of the args, so `<name>` for text and `1` for integers), an
///   example response body, whether to retry (`Retry-After`) and whether
///   the error is redacted (a 5xx whose details clients never see: its
///   messages are then the generic text clients read instead).
/// - **Every code a response can have**: the catalog's, and the `http.*`
///   codes [`ProblemLayer`](crate::layer::ProblemLayer) gives bare error responses.
/// - **An unknown code** gets a 404 page that links to the index, marked
///   [`Verbatim`] so the layer leaves it a page.
///
/// Every text is localized: the words around the errors are terror's own
/// `pages-*` messages, shipped in en-US, ru and de (a service's files can
/// override them or add languages), and the page is in the request's
/// negotiated language (`?lang=`, then `Accept-Language`), with
/// `Content-Language`, `Vary: Accept-Language`, `<html lang>`, and links to
/// the same page in every other language, each named in itself. The pages
/// are plain HTML with a little inline CSS and no JavaScript (their
/// `Content-Security-Policy` allows none); every text in them is escaped.
#[derive(Debug, Clone)]
pub struct CatalogPages {
    localizer: Arc<Localizer>,
    path: Option<String>,
    catalog: Option<Catalog>,
    query_parameter: String,
}

impl CatalogPages {
    /// The pages of every registered error ([`Catalog::collect`]), in the
    /// languages of `localizer`, at the path of its type base. Give it the
    /// localizer of the service's [`ProblemLayer`](crate::layer::ProblemLayer),
    /// so the pages are where the problems' `type`s point.
    ///
    /// Nothing is rendered yet: the pages' content is built by the first
    /// request for one of them, and each request renders its page in its
    /// language (bounded work: the index, or one code in every language).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use terror_axum::CatalogPages;
    /// use terror_core::Localizer;
    ///
    /// let localizer = Arc::new(
    ///     Localizer::builder()
    ///         .problem_type_base("https://docs.example.com/errors/")
    ///         .build()
    ///         .unwrap(),
    /// );
    /// // Served at /errors/ and /errors/<code>, the path of the base.
    /// let pages = CatalogPages::new(Arc::clone(&localizer));
    /// let app: axum::Router = axum::Router::new().merge(pages);
    /// ```
    pub fn new(localizer: Arc<Localizer>) -> Self {
        CatalogPages {
            localizer,
            path: None,
            catalog: None,
            query_parameter: DEFAULT_QUERY_PARAMETER.to_owned(),
        }
    }

    /// Serves the pages at `path` instead of the type base's path: the
    /// index at `path` (which ends in `/`), each code at `path` followed by
    /// the code. For a service that a proxy serves under another path, or
    /// whose router the pages are nested into. It is a route path for axum,
    /// so no segment of it starts with `:` or `*` (axum panics when the
    /// router is built otherwise); a path of its own, since every
    /// one-segment path below it is a page.
    ///
    /// ```
    /// # let localizer = std::sync::Arc::new(terror_core::Localizer::builder().build().unwrap());
    /// use terror_axum::CatalogPages;
    ///
    /// // The types are `https://docs.example.com/api/errors/<code>`, and the
    /// // proxy in front of docs.example.com sends `/api/*` here without `/api`.
    /// let pages = CatalogPages::new(localizer).path("/errors/");
    /// let app: axum::Router = axum::Router::new().merge(pages);
    /// ```
    #[must_use]
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Documents the errors of `catalog` instead of every registered one
    /// (the `http.*` codes are always there).
    ///
    /// ```
    /// # let localizer = std::sync::Arc::new(terror_core::Localizer::builder().build().unwrap());
    /// use terror_axum::CatalogPages;
    /// use terror_core::catalog::Catalog;
    ///
    /// // Only the `request.*` errors, say.
    /// let catalog = Catalog::from_entries(
    ///     Catalog::collect().entries().iter().copied().filter(|e| e.code().starts_with("request.")),
    /// );
    /// let app: axum::Router = CatalogPages::new(localizer).catalog(catalog).into_router();
    /// ```
    #[must_use]
    pub fn catalog(mut self, catalog: Catalog) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// The query parameter the language links use (`lang` unless set):
    /// set it to what [`ProblemLayer::query_parameter`](crate::layer::ProblemLayer::query_parameter)
    /// is set to.
    ///
    /// ```
    /// # let localizer = std::sync::Arc::new(terror_core::Localizer::builder().build().unwrap());
    /// use terror_axum::{CatalogPages, ProblemLayer};
    ///
    /// let app: axum::Router = axum::Router::new()
    ///     .merge(CatalogPages::new(localizer.clone()).query_parameter("locale"))
    ///     .layer(ProblemLayer::new(localizer).query_parameter("locale"));
    /// ```
    #[must_use]
    pub fn query_parameter(mut self, name: impl Into<String>) -> Self {
        self.query_parameter = name.into();
        self
    }

    /// The router of the pages, to merge into the service's (or, with
    /// [`path`](Self::path), to nest). `Router::merge(pages)` does this
    /// itself. It has three routes: the index at the path, the path without
    /// its final `/` (a permanent redirect to the index, so relative links
    /// resolve), and each code's page.
    ///
    /// ```
    /// # let localizer = std::sync::Arc::new(terror_core::Localizer::builder().problem_type_base("/errors/").build().unwrap());
    /// use terror_axum::CatalogPages;
    ///
    /// let pages: axum::Router = CatalogPages::new(localizer).into_router();
    /// let app = axum::Router::new().merge(pages);
    /// ```
    pub fn into_router<S>(self) -> Router<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let mount = self
            .path
            .as_deref()
            .and_then(Mount::of)
            .or_else(|| Mount::of(&self.localizer.problem_type("")))
            .unwrap_or_else(|| Mount {
                dir: DEFAULT_PATH.to_owned(),
                prefix: String::new(),
            });
        let pages = Arc::new(Pages {
            catalog: self.catalog.unwrap_or_else(Catalog::collect),
            codes: OnceLock::new(),
            languages: text::languages(&self.localizer, &self.query_parameter),
            localizer: self.localizer,
            query_parameter: self.query_parameter,
            prefix: mount.prefix,
        });
        let route_dir = mount.dir.replace('{', "{{").replace('}', "}}");
        let index = Arc::clone(&pages);
        let page = Arc::clone(&pages);
        let mut router = Router::new()
            .route(
                &route_dir,
                get(move |uri: Uri, headers: HeaderMap| {
                    let pages = Arc::clone(&index);
                    async move { pages.index(&uri, &headers) }
                }),
            )
            .route(
                &format!("{route_dir}{{page}}"),
                get(move |uri: Uri, headers: HeaderMap| {
                    let pages = Arc::clone(&page);
                    async move { pages.page(&uri, &headers) }
                }),
            );
        if let Some(bare) = route_dir.strip_suffix('/').filter(|b| !b.is_empty()) {
            let last = bare.rsplit('/').next().unwrap_or_default().to_owned();
            router = router.route(
                bare,
                get(move |uri: Uri| std::future::ready(redirect(last.clone(), &uri))),
            );
        }
        router
    }
}

impl<S> From<CatalogPages> for Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// [`CatalogPages::into_router`], so that `Router::merge(pages)` works.
    fn from(pages: CatalogPages) -> Self {
        pages.into_router()
    }
}

/// Where the pages are: a directory (ending in `/`) and what comes before
/// the code in the last segment (empty unless the type base ends in
/// something else than `/`, as `/errors/e-` does).
#[derive(Debug, PartialEq, Eq)]
struct Mount {
    dir: String,
    prefix: String,
}

impl Mount {
    /// The path of a URI reference that is an `http(s)` URL, a
    /// scheme-relative or an absolute path; `None` for any other (a URN).
    fn of(base: &str) -> Option<Mount> {
        let lower = base.get(..8).unwrap_or(base).to_ascii_lowercase();
        let path = if let Some(rest) = ["https://", "http://", "//"]
            .iter()
            .find(|scheme| lower.starts_with(*scheme))
            .map(|scheme| &base[scheme.len()..])
        {
            rest.find('/').map_or("/", |at| &rest[at..])
        } else if base.starts_with('/') {
            base
        } else {
            return None;
        };
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let (dir, prefix) = path.rsplit_once('/').unwrap_or(("", path));
        Some(Mount {
            dir: format!("{dir}/"),
            prefix: prefix.to_owned(),
        })
    }
}

/// What every request of the pages shares, built once.
struct Pages {
    localizer: Arc<Localizer>,
    catalog: Catalog,
    /// What each code's page shows, built by the first request (a router
    /// that never serves a page, as in tests, never renders the examples).
    codes: OnceLock<Codes>,
    languages: Vec<Language>,
    query_parameter: String,
    /// What comes before the code in a page's last segment.
    prefix: String,
}

impl Pages {
    /// The request's languages, negotiated as the layer does (`?lang=`,
    /// then `Accept-Language`); a negotiation the layer made for the same
    /// request is cached, so the two cost one.
    fn chain(&self, uri: &Uri, headers: &HeaderMap) -> Cow<'_, LocaleChain> {
        let accept = scope::accept_language(headers);
        scope::negotiate(
            &self.localizer,
            &self.query_parameter,
            uri.query(),
            accept.as_deref(),
        )
    }

    fn index(&self, uri: &Uri, headers: &HeaderMap) -> Response {
        let chain = self.chain(uri, headers);
        let body = index::render(self, &chain);
        page_response(StatusCode::OK, chain.primary(), body)
    }

    fn page(&self, uri: &Uri, headers: &HeaderMap) -> Response {
        let chain = self.chain(uri, headers);
        let segment = uri.path().rsplit('/').next().unwrap_or_default();
        let code = segment
            .strip_prefix(self.prefix.as_str())
            .map(percent_decode);
        if let Some(documented) = code.as_deref().and_then(|code| self.codes().get(code)) {
            let body = code::render(self, documented, &chain);
            return page_response(StatusCode::OK, chain.primary(), body);
        }
        let shown = code.unwrap_or_else(|| percent_decode(segment));
        let body = code::render_unknown(self, &shown, &chain);
        let mut response = page_response(StatusCode::NOT_FOUND, chain.primary(), body);
        response.extensions_mut().insert(Verbatim);
        response
    }

    fn codes(&self) -> &Codes {
        self.codes
            .get_or_init(|| Codes::new(&self.catalog, &self.localizer))
    }

    /// The link to a code's page from the index.
    fn code_href(&self, code: &str) -> String {
        let mut href = String::with_capacity(2 + self.prefix.len() + code.len());
        href.push_str("./");
        href.push_str(&self.prefix);
        escape::percent_encode(&mut href, code);
        href
    }
}

/// A page with the headers every page has.
fn page_response(status: StatusCode, lang: &LanguageIdentifier, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(language) = HeaderValue::from_str(&lang.to_string()) {
        headers.insert(header::CONTENT_LANGUAGE, language);
    }
    headers.append(header::VARY, HeaderValue::from_static("accept-language"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The index's path without its final `/` redirects to the index, keeping
/// the query (`?lang=ru`): the pages' links are relative to it. The
/// `Location` is relative too (`errors/`), so it holds wherever the router
/// is nested.
fn redirect(last_segment: String, uri: &Uri) -> Response {
    let mut location = last_segment;
    location.push('/');
    if let Some(query) = uri.query() {
        location.push('?');
        location.push_str(query);
    }
    match HeaderValue::from_str(&location) {
        Ok(location) => (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A path segment percent-decoded (`%XX` a byte, anything else as it is),
/// as text: bytes that are not UTF-8 become U+FFFD. Linear in the segment.
fn percent_decode(segment: &str) -> String {
    let hex = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&high), Some(&low)) => hex(high).zip(hex(low)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        if let Some(byte) = decoded {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// At most [`SHOWN_CODE_BYTES`] bytes of `code`, ending in `…` when there
/// were more: the one cut every crate makes of text it was sent.
fn shorten(code: &str) -> Cow<'_, str> {
    terror_core::__private::shorten(Cow::Borrowed(code), SHOWN_CODE_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(base: &str) -> Option<(String, String)> {
        Mount::of(base).map(|m| (m.dir, m.prefix))
    }

    #[test]
    fn the_mount_is_the_type_base_path() {
        let m = |dir: &str, prefix: &str| Some((dir.to_owned(), prefix.to_owned()));
        assert_eq!(mount("/errors/"), m("/errors/", ""));
        assert_eq!(
            mount("https://docs.example.com/api/errors/"),
            m("/api/errors/", "")
        );
        assert_eq!(mount("HTTP://docs.example.com"), m("/", ""));
        assert_eq!(mount("//docs.example.com/errors/e-"), m("/errors/", "e-"));
        assert_eq!(mount("/errors/?x=1#y"), m("/errors/", ""));
        assert_eq!(mount("urn:terror:"), None);
        assert_eq!(mount("errors/"), None);
        assert_eq!(mount(""), None);
        assert_eq!(mount("/é/"), m("/é/", ""));
    }

    #[test]
    fn segments_are_percent_decoded_leniently() {
        assert_eq!(percent_decode("volume.not_found"), "volume.not_found");
        assert_eq!(percent_decode("a%2Eb%2fc"), "a.b/c");
        assert_eq!(percent_decode("%00%3Cb%3E"), "\0<b>");
        assert_eq!(percent_decode("%FF%"), "\u{FFFD}%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn long_codes_are_shortened() {
        assert_eq!(shorten("abc"), "abc");
        let long = "ж".repeat(10_000);
        let short = shorten(&long);
        // 78 two-byte letters and the three bytes of `…`: the cut falls
        // between letters, never inside one.
        assert_eq!(short.len(), 159);
        assert_eq!(short, format!("{}…", "ж".repeat(78)));
    }
}
