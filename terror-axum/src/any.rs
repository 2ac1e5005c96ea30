//! `AnyError`: one error type for handlers that return several error enums.

use std::fmt;

use axum::response::{IntoResponse, Response};
use terror_core::Terror;

/// Any terror error, boxed. `?` converts every `Terror` into it, so one
/// handler can fail with errors of several types.
///
/// ```
/// use terror_axum::AnyError;
/// use terror_core::Terror;
///
/// #[derive(Debug, thiserror::Error, Terror)]
/// #[terror(prefix = "pool", status = 404)]
/// enum PoolError {
///     #[error("pool {pool} not found")]
///     NotFound { pool: String },
/// }
///
/// #[derive(Debug, thiserror::Error, Terror)]
/// #[terror(prefix = "volume", status = 409)]
/// enum VolumeError {
///     #[error("volume {name} exists")]
///     AlreadyExists { name: String },
/// }
///
/// fn create(pool: &str, name: &str) -> Result<(), AnyError> {
///     if pool != "fast" {
///         Err(PoolError::NotFound { pool: pool.into() })?;
///     }
///     Err(VolumeError::AlreadyExists { name: name.into() })?
/// }
///
/// assert_eq!(create("slow", "db").unwrap_err().code(), "pool.not_found");
/// assert_eq!(create("fast", "db").unwrap_err().code(), "volume.already_exists");
/// ```
pub struct AnyError(Box<dyn Terror + Send + Sync>);

impl AnyError {
    /// Boxes an error.
    pub fn new(error: impl Terror + Send + Sync + 'static) -> Self {
        AnyError(Box::new(error))
    }

    /// The error inside.
    pub fn inner(&self) -> &(dyn Terror + Send + Sync) {
        &*self.0
    }

    /// Unboxes it.
    pub fn into_inner(self) -> Box<dyn Terror + Send + Sync> {
        self.0
    }
}

impl std::ops::Deref for AnyError {
    type Target = dyn Terror + Send + Sync;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl<E: Terror + Send + Sync + 'static> From<E> for AnyError {
    fn from(error: E) -> Self {
        AnyError::new(error)
    }
}

impl fmt::Debug for AnyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for AnyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl IntoResponse for AnyError {
    fn into_response(self) -> Response {
        terror_core::__private::into_response_boxed(self.0)
    }
}
