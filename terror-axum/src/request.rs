//! What a handler can ask about its request: its languages
//! ([`Languages`]) and its id ([`RequestId`]), read from the scope the layer
//! keeps in the request's extensions.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};

use axum::extract::FromRequestParts;
use http::request::Parts;
use http::HeaderValue;
use terror_core::{Args, Formatted, LanguageIdentifier, LocaleChain, Localizer};

use crate::ids::{text, RequestIds};
use crate::scope::{accept_language, ScopeEntry};

/// The request's negotiated languages, for handlers that localize text of
/// their own.
///
/// Under [`ProblemLayer`](crate::layer::ProblemLayer) they are the ones its errors
/// render in: the layer's localizer, the `lang` query parameter, then
/// `Accept-Language`, negotiated once per request, by whatever asks first.
/// Without the layer the request's `Accept-Language` is negotiated against
/// [`Localizer::global`].
///
/// ```
/// use terror_axum::Languages;
///
/// async fn greet(languages: Languages) -> String {
///     format!("rendering in {}", languages.primary())
/// }
/// let app: axum::Router = axum::Router::new().route("/greet", axum::routing::get(greet));
/// ```
#[derive(Debug, Clone)]
pub struct Languages {
    localizer: Arc<Localizer>,
    chain: LocaleChain,
}

impl Languages {
    /// The locales, most preferred first, ending in the default locale.
    pub fn chain(&self) -> &LocaleChain {
        &self.chain
    }

    /// The most preferred locale the service has.
    pub fn primary(&self) -> &LanguageIdentifier {
        self.chain.primary()
    }

    /// The localizer the languages were negotiated with.
    pub fn localizer(&self) -> &Arc<Localizer> {
        &self.localizer
    }

    /// Formats a message in these languages.
    pub fn format(&self, id: &str, args: &Args<'_>) -> Option<Formatted<'_>> {
        self.localizer.format(&self.chain, id, None, args)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Languages {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(ScopeEntry { scope, .. }) = parts.extensions.get::<ScopeEntry>() {
            return Ok(Languages {
                localizer: Arc::clone(&scope.config.localizer),
                chain: scope.chain().clone(),
            });
        }
        let localizer = Localizer::global();
        let chain = localizer
            .negotiate(None, accept_language(&parts.headers).as_deref())
            .into_owned();
        Ok(Languages { localizer, chain })
    }
}

/// The request's id, as [`ProblemLayer`](crate::layer::ProblemLayer) took it from
/// the request or generated it (and then echoes it on the response, and
/// shows it in any problem and log line of the request). Without the layer
/// it is a fresh id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(HeaderValue);

impl RequestId {
    /// The id.
    pub fn as_str(&self) -> &str {
        text(&self.0)
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    /// The layer's id; without the layer, a fresh one.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        static WITHOUT_LAYER: OnceLock<RequestIds> = OnceLock::new();
        let id = if let Some(ScopeEntry { scope, .. }) = parts.extensions.get::<ScopeEntry>() {
            scope.request_id().clone()
        } else {
            WITHOUT_LAYER.get_or_init(RequestIds::new).next()
        };
        Ok(RequestId(id))
    }
}
