//! axum-core glue for derived errors, behind the `axum` feature.
//!
//! The derive cannot know whether a crate serves HTTP with axum, so it always
//! emits a call to [`__terror_into_response!`](crate::__terror_into_response);
//! with this feature on (terror-axum turns it on) that macro implements
//! `IntoResponse`, with it off it expands to nothing. Only axum-core's trait
//! is needed here, never axum, tower or tokio.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum_core::body::Body;
use axum_core::response::Response;

use crate::response::{log_error, problem_response};
use crate::Terror;

/// An error rendered without a request context (in a spawned task, say),
/// kept in the response's extensions so a layer further out can render it
/// again in the request's languages.
///
/// The error is logged once: by the layer that renders it again, with the
/// request's id ([`take_log`](Self::take_log)), or, when nothing does, when
/// the response (and every clone of this extension) is dropped.
#[derive(Clone)]
pub struct UnlocalizedError(Arc<Pending>);

struct Pending {
    error: Box<dyn Terror + Send + Sync>,
    logged: AtomicBool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !*self.logged.get_mut() {
            log_error(&*self.error, None);
        }
    }
}

impl UnlocalizedError {
    /// Keeps an error for rendering again; it is logged when dropped unless
    /// [`take_log`](Self::take_log) is called.
    pub fn new(error: Box<dyn Terror + Send + Sync>) -> Self {
        UnlocalizedError(Arc::new(Pending {
            error,
            logged: AtomicBool::new(false),
        }))
    }

    /// The error.
    pub fn error(&self) -> &(dyn Terror + Send + Sync) {
        &*self.0.error
    }

    /// Takes over logging the error: `true` for the first caller, who then
    /// logs it (with what it knows of the request); it is not logged on
    /// drop.
    pub fn take_log(&self) -> bool {
        !self.0.logged.swap(true, Ordering::AcqRel)
    }
}

impl std::fmt::Debug for UnlocalizedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("UnlocalizedError")
            .field(&self.0.error.code())
            .finish()
    }
}

/// Converts an error into an axum response (see
/// [`problem_response`](crate::response::problem_response)).
pub fn into_response<E: Terror + Send + Sync + 'static>(error: E) -> Response {
    into_response_boxed(Box::new(error))
}

/// Converts a boxed error into an axum response; outside a request context
/// the error rides along as an [`UnlocalizedError`].
pub fn into_response_boxed(error: Box<dyn Terror + Send + Sync>) -> Response {
    let (response, localized) = problem_response(&*error);
    let mut response = response.map(Body::from);
    if !localized {
        response
            .extensions_mut()
            .insert(UnlocalizedError::new(error));
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
