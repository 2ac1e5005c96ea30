//! The status of a derived error, behind the `tonic` feature: `From<E>
//! for tonic::Status`, so that `?` in a tonic handler returns the error.
//!
//! As for axum's `IntoResponse`, the derive always emits a call to
//! `__private::impl_into_status!` (in `macros.rs`), which implements the
//! conversion with this feature on (terror-tonic turns it on) and expands
//! to nothing with it off. Only tonic's `Status` is needed here.
//!
//! Converting an error knows nothing of the call it answers: the status
//! has the error's gRPC code and, for developers, its detail in the default
//! locale of [`Localizer::global`], and it carries the error itself as its
//! source, a [`PendingStatus`]. terror-tonic's `GrpcLayer` takes the error
//! from there and answers with the rich status in the caller's language.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::localizer::Localizer;
use crate::shorten::shorten;
use crate::terror::Terror;

/// A terror error carried by the status it became, until something renders
/// it for its call: the source of every status a derived error converts
/// into.
///
/// ```
/// use terror_core::PendingStatus;
///
/// #[derive(Debug, thiserror::Error, terror_core::Terror)]
/// #[error("volume {name} not found")]
/// #[terror(code = "volume.not_found", status = 404)]
/// struct NotFound {
///     name: String,
/// }
///
/// let status = tonic::Status::from(NotFound { name: "db-02".into() });
/// assert_eq!(status.code(), tonic::Code::NotFound);
/// let source = std::error::Error::source(&status).unwrap();
/// let pending = source.downcast_ref::<PendingStatus>().unwrap();
/// assert_eq!(pending.error().code(), "volume.not_found");
/// ```
pub struct PendingStatus(Box<dyn Terror + Send + Sync>);

impl PendingStatus {
    /// The error.
    pub fn error(&self) -> &(dyn Terror + Send + Sync) {
        &*self.0
    }
}

impl fmt::Debug for PendingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for PendingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl std::error::Error for PendingStatus {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// The status an error converts into: its gRPC code, its detail in the
/// default locale of [`Localizer::global`], and the error itself as a
/// [`PendingStatus`] for a layer to render.
pub fn into_status_boxed(error: Box<dyn Terror + Send + Sync>) -> tonic::Status {
    let localizer = Localizer::global();
    let code = tonic::Code::from_i32(error.grpc_code().value());
    let problem = localizer.render(&*error, &localizer.default_chain());
    // The text travels in `grpc-message`, percent-encoded (at most three
    // bytes for one), in trailers that clients limit to 8 KiB.
    let message = shorten(Cow::Borrowed(problem.detail()), MAX_MESSAGE_BYTES).into_owned();
    let mut status = tonic::Status::new(code, message);
    status.set_source(Arc::new(PendingStatus(error)));
    status
}

/// The most bytes of developers' text a converted status carries.
const MAX_MESSAGE_BYTES: usize = 2048;
