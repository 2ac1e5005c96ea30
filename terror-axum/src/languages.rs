//! Extractors for what the language layer knows about a request.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use http::request::Parts;
use terror_core::{Args, Formatted, LanguageIdentifier, LocaleChain, Localizer};

use terror_core::context::DeferredContext as _;

use crate::scope::{self, ScopeExtension};

/// The request's negotiated languages, for handlers that localize text of
/// their own.
///
/// Set by [`ProblemLayer`](crate::ProblemLayer); without the layer it
/// negotiates the request's `Accept-Language` against
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
    pub(crate) fn new(localizer: Arc<Localizer>, chain: LocaleChain) -> Self {
        Languages { localizer, chain }
    }

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
        if let Some(ScopeExtension(scope)) = parts.extensions.get::<ScopeExtension>() {
            let context = scope.resolve();
            return Ok(Languages::new(
                Arc::clone(context.localizer()),
                context.chain().clone(),
            ));
        }
        let localizer = Localizer::global();
        let chain = localizer.negotiate(None, scope::accept_language(&parts.headers).as_deref());
        Ok(Languages::new(localizer, chain))
    }
}

/// The request id the layer took from the request or generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub(crate) Arc<str>);

impl RequestId {
    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    /// The layer's id; without the layer, a fresh one.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let id = match parts.extensions.get::<ScopeExtension>() {
            Some(ScopeExtension(scope)) => Arc::from(scope.request_id()),
            None => Arc::from(scope::generate_request_id().to_str().unwrap_or_default()),
        };
        Ok(RequestId(id))
    }
}
