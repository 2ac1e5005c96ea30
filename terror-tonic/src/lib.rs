//! The same terror errors over gRPC: each one a `tonic::Status` with the
//! `google.rpc` details Google's [AIP-193](https://google.aip.dev/193)
//! asks for (`ErrorInfo`, `LocalizedMessage`, `BadRequest`, `RetryInfo`,
//! `Help`, `RequestInfo`), from the same `#[derive(Terror)]` declarations,
//! codes, args and translations as terror-axum's problem documents.
//!
//! | over HTTP (terror-axum) | over gRPC (terror-tonic) |
//! | --- | --- |
//! | status | gRPC code ([`Terror::grpc_code`](terror_core::Terror::grpc_code)) |
//! | `code` `volume.not_found` | `ErrorInfo.reason` `VOLUME_NOT_FOUND` |
//! | `args` `{"requested_gb": 500}` | `ErrorInfo.metadata` `{"requestedGb": "500"}` |
//! | `detail` in the request's language | `LocalizedMessage` in the request's language |
//! | `errors`, each with a `pointer` (`/disks/0/size_gb`) | `BadRequest`, a `FieldViolation` each, with a field path (`disks[0].size_gb`) |
//! | `Retry-After` | `RetryInfo` |
//! | `type`, the code's page | `Help`, a link to the code's page |
//! | `request_id` | `RequestInfo.request_id` |
//!
//! `ErrorInfo.metadata` holds text, so each arg is written as text: a
//! string as itself, not quoted; a number, a boolean, a list or an object
//! as its JSON (`["fast","slow"]`, not the `fast, slow` a message shows);
//! a `null` not at all, so that `None` and `Some("")` stay apart. Any
//! client can read them so; `decode` reads each by its field's type, so
//! that `"42"` comes back a string where the field is a `String`.
//!
//! A pointer's segment that a field path cannot hold as it is (empty, or
//! with `.`, `[`, `]` or a backtick: a map key such as `eu.west`) is
//! quoted in backticks, as AIP-161 quotes map keys, a backtick in it
//! doubled: `/labels/eu.west` is `` labels.`eu.west` ``, and `decode`
//! reads it back as the pointer it was.
//!
//! A handler returns a derived error with `?` (it converts into a
//! `tonic::Status`) or [`into_status`]; [`GrpcLayer`], added to
//! the server once, renders that status for the request (its
//! `accept-language`, its `x-request-id`) with [`Grpc::status`] and
//! reports the error once, as terror-axum's layer does over HTTP
//! ([`terror_core::observe`]: the call's span made by [`request_span`],
//! one log event, the error counter). A Rust client turns a status back
//! into the server's enum with `decode`, which the `client` feature adds
//! (with terror-core's client decoding); a server that never decodes a
//! status compiles none of it.

#![cfg_attr(docsrs, feature(doc_cfg))]

terror_core::register_locales!("messages");

mod call;
#[cfg(feature = "client")]
mod decode;
mod errors;
mod fit;
mod layer;
mod span;
mod status;
mod wire;

pub use call::REQUEST_ID_METADATA;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use decode::{decode, StatusDecodeError};
pub use errors::RpcError;
pub use fit::MAX_STATUS_BYTES;
pub use layer::{into_status, into_status_boxed, GrpcLayer, GrpcService, ResponseFuture};
pub use span::request_span;
pub use status::Grpc;
