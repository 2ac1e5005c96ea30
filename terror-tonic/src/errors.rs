//! The errors terror-tonic reports itself: what tonic answers before or
//! instead of a handler (an unknown method, a message that does not
//! decode, a message over the size limit), a call past the layer's
//! deadline, and a handler that panicked, each as a localized `rpc.*`
//! error instead of tonic's English text.

use terror_core::Terror;

/// A failure of a call that no handler reported: tonic's own answers,
/// turned into localized errors by [`GrpcLayer`](crate::GrpcLayer).
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "rpc", locales = "messages")]
#[non_exhaustive]
pub enum RpcError {
    /// No service of this server has the method the call names.
    // Not redacted, although a 501: the method is the client's own text.
    #[error("no method {method}")]
    #[terror(status = NOT_IMPLEMENTED, redact = false)]
    Unimplemented {
        /// The method's path, such as `/storage.v1.Storage/GetVolume`.
        method: String,
    },

    /// The request message could not be decoded as the method's request
    /// type.
    #[error("the request message does not decode")]
    #[terror(status = BAD_REQUEST)]
    InvalidMessage,

    /// The request message is larger than the server accepts.
    #[error("the request message is too large")]
    #[terror(status = PAYLOAD_TOO_LARGE)]
    MessageTooLarge,

    /// The call ran past the server's limit on how long a call may take.
    #[error("the call ran past its deadline")]
    #[terror(status = GATEWAY_TIMEOUT, redact = false)]
    DeadlineExceeded,

    /// The handler panicked. The client sees only a generic message; the
    /// log has the panic's text.
    #[error("the handler panicked: {message}")]
    #[terror(status = INTERNAL_SERVER_ERROR)]
    Panicked {
        /// What the panic said.
        message: String,
    },
}

/// The error behind a status tonic made itself, when it is one of those
/// [`RpcError`] names; `None` for any other status, which passes as it is.
pub(crate) fn recognize(status: &tonic::Status, method: &str) -> Option<RpcError> {
    let message = status.message();
    match status.code() {
        // The router's answer to a path no service has.
        tonic::Code::Unimplemented if message.is_empty() => Some(RpcError::Unimplemented {
            method: method.to_owned(),
        }),
        tonic::Code::Internal if message.starts_with("failed to decode Protobuf message") => {
            Some(RpcError::InvalidMessage)
        }
        tonic::Code::OutOfRange
            if message.starts_with("Error, decoded message length too large") =>
        {
            Some(RpcError::MessageTooLarge)
        }
        _ => None,
    }
}
