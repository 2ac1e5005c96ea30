//! `GrpcLayer`: renders every terror error a tonic service returns in the
//! request's language, with its request id, as the rich status of
//! [`Grpc::status`], and logs it once.
//!
//! A handler returns a derived error with `?` (every derived error
//! converts into a `tonic::Status` when terror-core's `tonic` feature is
//! on, as terror-tonic turns it on), or with [`into_status`]. The status
//! that makes carries the error itself; tonic turns it into the response's
//! headers and keeps it in the response's extensions, where the layer
//! finds it, as terror-axum's layer finds a problem in an HTTP response.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response};
use terror_core::{PendingStatus, Terror};
use tower_layer::Layer;
use tower_service::Service;

use crate::call::{CallMetadata, REQUEST_ID};
use crate::errors::{recognize, RpcError};
use crate::status::Grpc;

/// `error` as a status a handler returns (what `?` does for a derived
/// error, which converts into a `tonic::Status`): its gRPC code and, for
/// developers, its detail in the default locale of
/// [`Localizer::global`](terror_core::Localizer::global). Inside
/// [`GrpcLayer`] the client gets the whole rich status, in its language;
/// without the layer, only the code and that text.
///
/// ```
/// use terror_core::Terror;
///
/// #[derive(Debug, thiserror::Error, Terror)]
/// #[terror(prefix = "volume")]
/// enum VolumeError {
///     #[error("volume {name} not found")]
///     #[terror(status = NOT_FOUND)]
///     NotFound { name: String },
/// }
///
/// fn get_volume(name: String) -> Result<(), tonic::Status> {
///     Err(VolumeError::NotFound { name }).map_err(terror_tonic::into_status)
/// }
/// assert_eq!(get_volume("db-02".into()).unwrap_err().code(), tonic::Code::NotFound);
/// ```
///
/// A type derived with `into_response = false` writes its own
/// `IntoResponse` and `From<E> for tonic::Status`; one that needs only
/// its HTTP answer changed keeps the derived status with this:
///
/// ```
/// use terror_core::Terror;
///
/// #[derive(Debug, thiserror::Error, Terror)]
/// #[terror(prefix = "token", status = 401, into_response = false)]
/// enum TokenError {
///     #[error("the access token has expired")]
///     Expired,
/// }
///
/// impl From<TokenError> for tonic::Status {
///     fn from(error: TokenError) -> Self {
///         terror_tonic::into_status(error)
///     }
/// }
///
/// let status = tonic::Status::from(TokenError::Expired);
/// assert_eq!(status.code(), tonic::Code::Unauthenticated);
/// ```
pub fn into_status(error: impl Terror + Send + Sync + 'static) -> tonic::Status {
    into_status_boxed(Box::new(error))
}

/// [`into_status`] for an error already boxed, such as one of several
/// types a handler returns (terror-axum's `AnyError::into_inner` gives
/// one).
pub fn into_status_boxed(error: Box<dyn Terror + Send + Sync>) -> tonic::Status {
    terror_core::__private::into_status_boxed(error)
}

/// The layer a tonic server adds (`Server::builder().layer(...)`), built
/// with the service's [`Grpc`]. For each request it keeps the
/// `accept-language` and `x-request-id` metadata; when the response is a
/// status made by [`into_status`], it replaces it with the rich status of
/// [`Grpc::status`] in the request's languages (negotiated only then),
/// echoes the request id (generated when none sane was sent) and logs the
/// error once, as terror-axum does. Other responses pass untouched, but
/// for the request id a client sent, which every response echoes.
#[derive(Debug, Clone)]
pub struct GrpcLayer {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    grpc: Grpc,
    timeout: Option<Duration>,
}

impl GrpcLayer {
    /// A layer rendering with `grpc`.
    pub fn new(grpc: Grpc) -> Self {
        GrpcLayer {
            shared: Arc::new(Shared {
                grpc,
                timeout: None,
            }),
        }
    }

    /// Gives every call at most `limit`: a call still running then is
    /// answered with a localized `DEADLINE_EXCEEDED`
    /// (`rpc.deadline_exceeded`). Use this rather than tonic's
    /// `Server::timeout`, whose answer comes from outside the layer, in
    /// tonic's English. (A client's own `grpc-timeout` is tonic's to
    /// enforce, outside the layer; that client has stopped waiting by
    /// then, and its own library reports the deadline.)
    #[must_use]
    pub fn timeout(mut self, limit: Duration) -> Self {
        if let Some(shared) = Arc::get_mut(&mut self.shared) {
            shared.timeout = Some(limit);
        } else {
            self.shared = Arc::new(Shared {
                grpc: self.shared.grpc.clone(),
                timeout: Some(limit),
            });
        }
        self
    }
}

impl<S> Layer<S> for GrpcLayer {
    type Service = GrpcService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcService {
            inner,
            shared: Arc::clone(&self.shared),
        }
    }
}

/// The service [`GrpcLayer`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct GrpcService<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S, B, RB> Service<Request<B>> for GrpcService<S>
where
    S: Service<Request<B>, Response = Response<RB>>,
    RB: Default,
{
    type Response = Response<RB>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let call = CallMetadata::read(request.headers());
        let path = request.uri().path_and_query().cloned();
        ResponseFuture {
            inner: self.inner.call(request),
            // Boxed: a layer without a timeout pays nothing for it.
            deadline: self.shared.timeout.map(|d| Box::pin(tokio::time::sleep(d))),
            facts: Some(Facts {
                call,
                path,
                shared: Arc::clone(&self.shared),
            }),
        }
    }
}

/// What the layer keeps of a request until its response.
struct Facts {
    call: CallMetadata,
    path: Option<http::uri::PathAndQuery>,
    shared: Arc<Shared>,
}

pin_project_lite::pin_project! {
    /// The response future of [`GrpcService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        deadline: Option<Pin<Box<tokio::time::Sleep>>>,
        facts: Option<Facts>,
    }
}

impl<F, RB, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<RB>, E>>,
    RB: Default,
{
    type Output = Result<Response<RB>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let inner = this.inner;
        // A panicking handler would take the call's stream down with it;
        // the client gets a status instead. The future is not polled again
        // after it panicked.
        let polled = std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx)));
        match polled {
            Ok(Poll::Pending) => {
                let expired = this
                    .deadline
                    .as_mut()
                    .is_some_and(|sleep| sleep.as_mut().poll(cx).is_ready());
                if !expired {
                    return Poll::Pending;
                }
                let mut response = tonic::Status::deadline_exceeded("").into_http::<RB>();
                response.extensions_mut().clear();
                if let Some(facts) = this.facts.take() {
                    answer(&mut response, &facts, &RpcError::DeadlineExceeded);
                }
                Poll::Ready(Ok(response))
            }
            Ok(Poll::Ready(Ok(mut response))) => {
                // Read in place: the facts go when the future does.
                if let Some(facts) = this.facts.as_ref() {
                    finish(&mut response, facts);
                }
                Poll::Ready(Ok(response))
            }
            Ok(Poll::Ready(Err(error))) => Poll::Ready(Err(error)),
            Err(panic) => {
                let mut response = tonic::Status::internal("").into_http::<RB>();
                response.extensions_mut().clear();
                if let Some(facts) = this.facts.take() {
                    let message = panic_message(&*panic);
                    answer(&mut response, &facts, &RpcError::Panicked { message });
                }
                Poll::Ready(Ok(response))
            }
        }
    }
}

/// What a panic said, when it said it as text.
fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without text".to_owned())
}

fn finish<RB>(response: &mut Response<RB>, facts: &Facts) {
    let Some(status) = response.extensions().get::<tonic::Status>() else {
        echo(response, facts);
        return;
    };
    if std::error::Error::source(status).is_some_and(<dyn std::error::Error>::is::<PendingStatus>) {
        let Some(status) = response.extensions_mut().remove::<tonic::Status>() else {
            return;
        };
        if let Some(pending) =
            std::error::Error::source(&status).and_then(|s| s.downcast_ref::<PendingStatus>())
        {
            answer(response, facts, pending.error());
        }
        return;
    }
    let method = facts
        .path
        .as_ref()
        .map_or("", http::uri::PathAndQuery::path);
    match recognize(status, method) {
        Some(error) => answer(response, facts, &error),
        None => echo(response, facts),
    }
}

/// Echoes the request id the client sent, on a response the layer leaves
/// as it is.
fn echo<RB>(response: &mut Response<RB>, facts: &Facts) {
    if let Some(id) = facts.call.request_id() {
        response.headers_mut().insert(REQUEST_ID, id.clone());
    }
}

/// Replaces the status in `response`'s headers and extensions with
/// `error`'s rich one, for the request, with its id (sent or generated),
/// and logs the error.
#[inline(never)]
fn answer<RB>(response: &mut Response<RB>, facts: &Facts, error: &(dyn Terror + '_)) {
    let path = facts.path.as_ref().map(http::uri::PathAndQuery::path);
    let (rich, id) = facts.shared.grpc.answer(error, &facts.call, path);
    let headers = response.headers_mut();
    for name in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        headers.remove(name);
    }
    // Only a status whose message or details cannot be a header fails;
    // tonic encodes both, so the rich status always fits.
    let _ = rich.add_header(headers);
    headers.insert(REQUEST_ID, id);
    response.extensions_mut().insert(rich);
}
