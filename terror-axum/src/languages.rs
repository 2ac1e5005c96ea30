//! Extractors for what the language layer knows about a request.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use http::request::Parts;
use terror_core::{context, Args, Formatted, LanguageIdentifier, LocaleChain, Localizer};

use crate::scope;

/// The request's negotiated languages, for handlers that localize text of
/// their own.
///
/// Negotiated by [`ProblemLayer`](crate::ProblemLayer) (the layer's
/// localizer, the `lang` query parameter, then `Accept-Language`), which
/// handlers reach while the layer polls them. Without the layer (or in a
/// handler that a middleware inside the layer moved to a task of its own)
/// it negotiates the request's `Accept-Language` against
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
        let from_layer = context::with_current(|context| {
            context.map(|c| Languages::new(Arc::clone(c.localizer()), c.chain().clone()))
        });
        if let Some(languages) = from_layer {
            return Ok(languages);
        }
        let localizer = Localizer::global();
        let chain = localizer.negotiate(None, scope::accept_language(&parts.headers).as_deref());
        Ok(Languages::new(localizer, chain))
    }
}

/// The request id the layer took from the request or generated (and then
/// echoes on the response). Without the layer (or in a handler that a
/// middleware inside the layer moved to a task of its own) it is a fresh
/// id.
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
    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let id = context::current_request_id().unwrap_or_else(|| {
            Arc::from(scope::generate_request_id().to_str().unwrap_or_default())
        });
        Ok(RequestId(id))
    }
}
