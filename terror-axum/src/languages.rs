//! `Languages`: the request's negotiated languages, for handlers that
//! localize text of their own.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use http::request::Parts;
use terror_core::{Args, Formatted, LanguageIdentifier, LocaleChain, Localizer};

use crate::scope::{accept_language, Scope};

/// The request's negotiated languages, for handlers that localize text of
/// their own.
///
/// Under [`ProblemLayer`](crate::ProblemLayer) they are the ones its errors
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
        if let Some(scope) = parts.extensions.get::<Arc<Scope>>() {
            return Ok(Languages {
                localizer: Arc::clone(&scope.config.localizer),
                chain: scope.chain().clone(),
            });
        }
        let localizer = Localizer::global();
        let chain = localizer.negotiate(None, accept_language(&parts.headers).as_deref());
        Ok(Languages { localizer, chain })
    }
}
