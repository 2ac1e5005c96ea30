//! gRPC's status codes (`google.rpc.Code`), and the one an error has: by
//! default the code Google's mapping gives its HTTP status, else the one
//! its declaration chooses with `#[terror(grpc = FAILED_PRECONDITION)]`.
//!
//! terror-core knows the codes without depending on any gRPC library;
//! terror-tonic turns them into `tonic::Code`.

use std::fmt;

use http::StatusCode;
use terror_ftl::ids::GRPC_CODES as NAMES;

/// A gRPC status code (`google.rpc.Code`), named as gRPC names it.
///
/// ```
/// use terror_core::{GrpcCode, StatusCode};
///
/// assert_eq!(GrpcCode::from_http_status(StatusCode::NOT_FOUND), GrpcCode::NOT_FOUND);
/// assert_eq!(GrpcCode::NOT_FOUND.value(), 5);
/// assert_eq!(GrpcCode::NOT_FOUND.name(), "NOT_FOUND");
/// assert_eq!(GrpcCode::from_name("ABORTED"), Some(GrpcCode::ABORTED));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct GrpcCode(u8);

#[allow(missing_docs)] // Each is gRPC's code of that name.
impl GrpcCode {
    pub const OK: GrpcCode = GrpcCode(0);
    pub const CANCELLED: GrpcCode = GrpcCode(1);
    pub const UNKNOWN: GrpcCode = GrpcCode(2);
    pub const INVALID_ARGUMENT: GrpcCode = GrpcCode(3);
    pub const DEADLINE_EXCEEDED: GrpcCode = GrpcCode(4);
    pub const NOT_FOUND: GrpcCode = GrpcCode(5);
    pub const ALREADY_EXISTS: GrpcCode = GrpcCode(6);
    pub const PERMISSION_DENIED: GrpcCode = GrpcCode(7);
    pub const RESOURCE_EXHAUSTED: GrpcCode = GrpcCode(8);
    pub const FAILED_PRECONDITION: GrpcCode = GrpcCode(9);
    pub const ABORTED: GrpcCode = GrpcCode(10);
    pub const OUT_OF_RANGE: GrpcCode = GrpcCode(11);
    pub const UNIMPLEMENTED: GrpcCode = GrpcCode(12);
    pub const INTERNAL: GrpcCode = GrpcCode(13);
    pub const UNAVAILABLE: GrpcCode = GrpcCode(14);
    pub const DATA_LOSS: GrpcCode = GrpcCode(15);
    pub const UNAUTHENTICATED: GrpcCode = GrpcCode(16);
}

impl GrpcCode {
    /// The names of every code, in the order of their values; what
    /// `#[terror(grpc = ...)]` accepts.
    pub const NAMES: [&'static str; 17] = NAMES;

    /// The code's number on the wire.
    pub fn value(self) -> i32 {
        i32::from(self.0)
    }

    /// The code's name, such as `NOT_FOUND`.
    pub fn name(self) -> &'static str {
        NAMES[usize::from(self.0)]
    }

    /// The code named `name` (`NOT_FOUND`), if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        let index = NAMES.iter().position(|n| *n == name)?;
        // At most 16: NAMES has 17 entries.
        u8::try_from(index).ok().map(GrpcCode)
    }

    /// The code for an error answered over HTTP with `status`, as
    /// `google.rpc.Code` documents the pairs, choosing where a status has
    /// several codes:
    ///
    /// | HTTP | gRPC | why |
    /// | --- | --- | --- |
    /// | 400, 415, 422 | `INVALID_ARGUMENT` | the request itself is wrong (`FAILED_PRECONDITION` and `OUT_OF_RANGE` also map to 400: choose them with `grpc = ...`) |
    /// | 401 | `UNAUTHENTICATED` | |
    /// | 403 | `PERMISSION_DENIED` | |
    /// | 404, 410 | `NOT_FOUND` | |
    /// | 405, 501 | `UNIMPLEMENTED` | the operation is not offered |
    /// | 408, 504 | `DEADLINE_EXCEEDED` | |
    /// | 409 | `ABORTED` | a conflict with the state of the resource; an error about creating what exists says `grpc = ALREADY_EXISTS` |
    /// | 412, 428 | `FAILED_PRECONDITION` | |
    /// | 413, 429 | `RESOURCE_EXHAUSTED` | a limit was reached |
    /// | 416 | `OUT_OF_RANGE` | |
    /// | 499 | `CANCELLED` | the client went away |
    /// | other 4xx | `FAILED_PRECONDITION` | the system is not in the state the request needs |
    /// | 503 | `UNAVAILABLE` | the client may retry |
    /// | 500 and other 5xx | `INTERNAL` | |
    /// | below 400 | `OK` | not an error |
    pub fn from_http_status(status: StatusCode) -> Self {
        match status.as_u16() {
            0..=399 => GrpcCode::OK,
            400 | 415 | 422 => GrpcCode::INVALID_ARGUMENT,
            401 => GrpcCode::UNAUTHENTICATED,
            403 => GrpcCode::PERMISSION_DENIED,
            404 | 410 => GrpcCode::NOT_FOUND,
            405 | 501 => GrpcCode::UNIMPLEMENTED,
            408 | 504 => GrpcCode::DEADLINE_EXCEEDED,
            409 => GrpcCode::ABORTED,
            413 | 429 => GrpcCode::RESOURCE_EXHAUSTED,
            416 => GrpcCode::OUT_OF_RANGE,
            499 => GrpcCode::CANCELLED,
            503 => GrpcCode::UNAVAILABLE,
            400..=499 => GrpcCode::FAILED_PRECONDITION,
            _ => GrpcCode::INTERNAL,
        }
    }
}

impl fmt::Debug for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_code_and_every_code_its_name() {
        for status in 100..=599 {
            let status = StatusCode::from_u16(status).unwrap();
            let code = GrpcCode::from_http_status(status);
            assert_eq!(GrpcCode::from_name(code.name()), Some(code));
            assert_eq!(
                code == GrpcCode::OK,
                !status.is_client_error() && !status.is_server_error()
            );
        }
        for (value, name) in NAMES.iter().enumerate() {
            let code = GrpcCode::from_name(name).unwrap();
            assert_eq!(code.value(), i32::try_from(value).unwrap());
        }
        assert_eq!(GrpcCode::from_name("NOT_A_CODE"), None);
        assert_eq!(
            GrpcCode::from_http_status(StatusCode::CONFLICT),
            GrpcCode::ABORTED
        );
        assert_eq!(
            GrpcCode::from_http_status(StatusCode::SERVICE_UNAVAILABLE),
            GrpcCode::UNAVAILABLE
        );
        assert_eq!(
            GrpcCode::from_http_status(StatusCode::IM_A_TEAPOT),
            GrpcCode::FAILED_PRECONDITION
        );
    }
}
