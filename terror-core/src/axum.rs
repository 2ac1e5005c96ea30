//! The response of a derived error, behind the `axum` feature: the error
//! travels in the response, and its body renders itself only if nothing
//! renders the error for its request first.
//!
//! The derive cannot know whether a crate serves HTTP with axum, so it always
//! emits a call to `__private::impl_into_response!` (in `macros.rs`): with
//! this feature on (terror-axum turns it on) it implements `IntoResponse`
//! with [`into_response`], with it off it expands to nothing. Only
//! axum-core's trait is needed here, never axum, tower or tokio.
//!
//! Converting an error knows nothing of the request it answers, and reads no
//! thread-local or process-wide state: it keeps the error in the response's
//! extensions as a [`PendingProblem`], sets the headers that depend on the
//! error alone, and leaves the body to render later. A layer that knows the
//! request (terror-axum's `ProblemLayer`) takes the error out and renders it
//! in the request's languages, with its path and id; without one, the body
//! renders the error in the default locale of [`Localizer::global`] when it
//! is written.

use std::convert::Infallible;
use std::fmt;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_core::body::Body;
use axum_core::response::Response;
use bytes::Bytes;
use http_body::{Frame, SizeHint};

use crate::http_response::{retry_after_value, PROBLEM_JSON};
use crate::localizer::Localizer;
use crate::observe::{report, Answered, Reporting};
use crate::problem::RequestInfo;
use crate::terror::Terror;

/// A terror error carried by the response it became, until something
/// renders it for its request.
///
/// `IntoResponse` of every derived error (and of terror-axum's `AnyError`)
/// puts one in the response's extensions. terror-axum's `ProblemLayer`
/// takes it out and renders the error in the request's languages; a
/// middleware can read it to learn which error a response answers:
///
/// ```
/// use axum_core::response::IntoResponse;
/// use terror_core::PendingProblem;
///
/// #[derive(Debug, thiserror::Error, terror_core::Terror)]
/// #[error("volume {name} not found")]
/// #[terror(code = "volume.not_found", status = 404)]
/// struct NotFound {
///     name: String,
/// }
///
/// let response = NotFound { name: "db-02".into() }.into_response();
/// let pending = response.extensions().get::<PendingProblem>().unwrap();
/// assert_eq!(pending.error().code(), "volume.not_found");
/// ```
///
/// The error is reported once ([`report`]): by whoever first
/// [takes the log](Self::take_log), which the layer does so that the line
/// carries the request id; else by the response's body, when it is dropped.
#[derive(Clone)]
pub struct PendingProblem(Arc<Pending>);

/// What the extension and the body share.
struct Pending {
    logged: AtomicBool,
    error: Box<dyn Terror + Send + Sync>,
}

impl PendingProblem {
    /// The error.
    pub fn error(&self) -> &(dyn Terror + Send + Sync) {
        &*self.0.error
    }

    /// Takes over logging the error: `true` for the first caller, who then
    /// logs it (with what it knows of the request); nothing else logs it.
    pub fn take_log(&self) -> bool {
        !self.0.logged.swap(true, Ordering::AcqRel)
    }
}

impl fmt::Debug for PendingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PendingProblem")
            .field(&self.error().code())
            .finish()
    }
}

/// The body of a response that carries a [`PendingProblem`]: the problem
/// document in the default locale of [`Localizer::global`], rendered when
/// the body is first polled. Its size is not known before (axum's router
/// asks every response for it, so knowing it would mean rendering every
/// error once more): without a layer the response is sent without a
/// `Content-Length`, in one chunk. A layer that renders the error for its
/// request replaces this body unread, and nothing is rendered twice.
struct DefaultBody {
    pending: PendingProblem,
    done: bool,
}

impl DefaultBody {
    fn render(&self) -> Bytes {
        let localizer = Localizer::global();
        let error = self.pending.error();
        let chain = localizer.default_chain();
        let problem = localizer.render_request(error, &chain, RequestInfo::default());
        Bytes::from(problem.to_json())
    }
}

impl http_body::Body for DefaultBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        this.done = true;
        Poll::Ready(Some(Ok(Frame::data(this.render()))))
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }

    fn size_hint(&self) -> SizeHint {
        if self.done {
            SizeHint::with_exact(0)
        } else {
            SizeHint::default()
        }
    }
}

impl Drop for DefaultBody {
    fn drop(&mut self) {
        if self.pending.take_log() {
            report(
                self.pending.error(),
                Answered::default(),
                Reporting::default(),
            );
        }
    }
}

/// Converts an error into an axum response: its status, the headers that
/// depend on the error alone (`Content-Type: application/problem+json`,
/// `Retry-After`), the error as a [`PendingProblem`] and a body that
/// renders it in the default locale unless a layer renders it for the
/// request first.
pub fn into_response<E: Terror + Send + Sync + 'static>(error: E) -> Response {
    into_response_boxed(Box::new(error))
}

/// [`into_response`] for a boxed error.
pub fn into_response_boxed(error: Box<dyn Terror + Send + Sync>) -> Response {
    let pending = PendingProblem(Arc::new(Pending {
        logged: AtomicBool::new(false),
        error,
    }));
    let error = pending.error();
    let (status, retry_after) = (error.status(), error.retry_after());
    let mut response = Response::new(Body::new(DefaultBody {
        pending: pending.clone(),
        done: false,
    }));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(PROBLEM_JSON),
    );
    if let Some(retry_after) = retry_after {
        headers.insert(http::header::RETRY_AFTER, retry_after_value(retry_after));
    }
    response.extensions_mut().insert(pending);
    response
}
