//! axum-core glue for derived errors, behind the `axum` feature.
//!
//! The derive cannot know whether a crate serves HTTP with axum, so it always
//! emits a call to [`__terror_into_response!`](crate::__terror_into_response);
//! with this feature on (terror-axum turns it on) that macro implements
//! `IntoResponse`, with it off it expands to nothing. Only axum-core's trait
//! is needed here, never axum, tower or tokio.

use std::sync::Arc;

use axum_core::body::Body;
use axum_core::response::Response;

use crate::response::problem_response;
use crate::Terror;

/// An error rendered without a request context, kept in the response's
/// extensions so a language layer further out can render it again in the
/// request's languages.
#[derive(Clone)]
pub struct UnlocalizedError(pub Arc<dyn Terror + Send + Sync>);

impl std::fmt::Debug for UnlocalizedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("UnlocalizedError")
            .field(&self.0.code())
            .finish()
    }
}

/// Converts an error into an axum response (see
/// [`problem_response`](crate::response::problem_response)).
pub fn into_response<E: Terror + Send + Sync + 'static>(error: E) -> Response {
    let (response, localized) = problem_response(&error);
    let mut response = response.map(Body::from);
    if !localized {
        response
            .extensions_mut()
            .insert(UnlocalizedError(Arc::new(error)));
    }
    response
}

#[doc(hidden)]
#[macro_export]
macro_rules! __terror_into_response {
    ([$($generics:tt)*] $ty:ty [$($bounds:tt)*]) => {
        impl<$($generics)*> $crate::__private::IntoResponse for $ty
        where
            $($bounds)*
        {
            fn into_response(self) -> $crate::__private::Response {
                $crate::__private::into_response(self)
            }
        }
    };
}
