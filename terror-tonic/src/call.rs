//! What terror-tonic reads of a call's metadata, and an error's status for
//! a call: one set of rules for [`GrpcLayer`](crate::GrpcLayer) and for
//! [`Grpc::status_for`], which a streaming handler uses.

use http::{HeaderMap, HeaderName, HeaderValue};
use terror_core::negotiate::MAX_HEADER_LEN;
use terror_core::observe::{report, Answered};
use terror_core::request_id;
use terror_core::trace_context::{SentTraceparent, TraceId, TRACEPARENT};
use terror_core::Terror;

use crate::status::Grpc;

/// The metadata a request id is read from and echoed in, as over HTTP.
pub const REQUEST_ID_METADATA: &str = "x-request-id";

/// [`REQUEST_ID_METADATA`] as a header name, made once: looking a header
/// up by its text parses the name on every call.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static(REQUEST_ID_METADATA);

/// A call's `accept-language` and sane `x-request-id`, shared with the
/// request's buffer, not copied, and its `traceparent`, copied.
#[derive(Debug, Default)]
pub(crate) struct CallMetadata {
    accept_language: Option<HeaderValue>,
    request_id: Option<HeaderValue>,
    traceparent: SentTraceparent,
}

impl CallMetadata {
    /// Reads `headers` in one pass over the few a call has, rather than a
    /// hashed lookup for each name. Only the first of each name counts, as
    /// with `HeaderMap::get`: an `accept-language` too long to negotiate
    /// and an id not sane to echo are as if not sent.
    pub(crate) fn read(headers: &HeaderMap) -> Self {
        let mut call = CallMetadata::default();
        let (mut seen_language, mut seen_id) = (false, false);
        for (name, value) in headers {
            if *name == http::header::ACCEPT_LANGUAGE && !seen_language {
                seen_language = true;
                call.accept_language = Some(value).filter(|v| v.len() <= MAX_HEADER_LEN).cloned();
            } else if *name == REQUEST_ID && !seen_id {
                seen_id = true;
                call.request_id = Some(value)
                    .filter(|v| v.to_str().is_ok_and(request_id::is_sane))
                    .cloned();
            } else if *name == TRACEPARENT {
                call.traceparent.keep(value.as_bytes());
            }
        }
        call
    }

    /// The request id the client sent, when it is sane to echo.
    pub(crate) fn request_id(&self) -> Option<&HeaderValue> {
        self.request_id.as_ref()
    }
}

impl Grpc {
    /// `error` as the rich status of the call whose request metadata is
    /// `metadata`, in its `accept-language`, with its `x-request-id` (or
    /// one generated), logged once: what [`GrpcLayer`](crate::GrpcLayer)
    /// makes of a status a handler returns.
    ///
    /// The layer sees a status a call ends with before its first message
    /// (every unary call's). A streaming response that fails after its
    /// first message sends its status in trailers, which tonic writes from
    /// the status's code, message and details alone: a handler maps such
    /// an error with this method, keeping the request's metadata
    /// (`request.metadata().clone()`) before it takes the message out.
    /// Returned as is (`?` in the stream), it reaches the client with its
    /// gRPC code and the default locale's text only.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use terror_core::{Localizer, Terror};
    /// use terror_tonic::Grpc;
    /// use tonic_types::StatusExt;
    ///
    /// #[derive(Debug, thiserror::Error, Terror)]
    /// #[terror(prefix = "volume")]
    /// enum VolumeError {
    ///     #[error("volume {name} not found")]
    ///     #[terror(status = NOT_FOUND)]
    ///     NotFound { name: String },
    /// }
    ///
    /// let grpc = Grpc::new(Arc::new(Localizer::builder().build().unwrap()), "storage.example.com");
    /// let mut metadata = tonic::metadata::MetadataMap::new();
    /// metadata.insert("x-request-id", "req-7".parse().unwrap());
    /// let error = VolumeError::NotFound { name: "db-02".into() };
    /// let status = grpc.status_for(&error, &metadata);
    /// assert_eq!(status.code(), tonic::Code::NotFound);
    /// assert_eq!(status.get_error_details().request_info().unwrap().request_id, "req-7");
    /// ```
    pub fn status_for(
        &self,
        error: &(dyn Terror + '_),
        metadata: &tonic::metadata::MetadataMap,
    ) -> tonic::Status {
        let call = CallMetadata::read(metadata.as_ref());
        self.answer(error, &call, None).0
    }

    /// `error`'s rich status for `call` and the request id it carries (the
    /// one sent, or a new one); reports the error with `path`.
    pub(crate) fn answer(
        &self,
        error: &(dyn Terror + '_),
        call: &CallMetadata,
        path: Option<&str>,
    ) -> (tonic::Status, HeaderValue) {
        let id = call.request_id.clone().unwrap_or_else(|| self.ids().next());
        let id_text = id.to_str().unwrap_or_default();
        let accept_language = call.accept_language.as_ref().and_then(|v| v.to_str().ok());
        let chain = self.localizer().negotiate(None, accept_language);
        let status = self.status(error, &chain, Some(id_text));
        let trace_id = call.traceparent.trace_id();
        let answered = Answered {
            request_id: Some(id_text),
            trace_id: trace_id.as_ref().map(TraceId::as_str),
            method: None,
            instance: path,
            grpc_code: Some(error.grpc_code()),
        };
        report(error, answered, self.reporting());
        (status, id)
    }
}
