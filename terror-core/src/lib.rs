#![doc = include_str!("docs/intro.md")]
#![doc = include_str!("docs/declaring.md")]
#![doc = include_str!("docs/languages.md")]
#![doc = include_str!("docs/safety.md")]
#![doc = include_str!("docs/sub_errors.md")]
#![cfg_attr(feature = "validator", doc = include_str!("docs/validator.md"))]
#![cfg_attr(feature = "utoipa", doc = include_str!("docs/openapi.md"))]
#![doc = include_str!("docs/clients.md")]
#![cfg_attr(feature = "client", doc = include_str!("docs/clients_rust.md"))]
#![doc = include_str!("docs/translations.md")]
#![doc = include_str!("docs/hostile.md")]
#![doc = include_str!("docs/features.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The derive names `::terror_core` paths; this lets the crate use them too.
extern crate self as terror_core;

// First, so that every module has the macros in scope.
#[macro_use]
mod macros;

mod args;
#[cfg(feature = "axum")]
mod axum;
pub mod catalog;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod client;
mod derived;
mod grpc;
mod http_response;
mod json;
mod localizer;
pub mod log;
pub mod negotiate;
pub mod observe;
#[cfg(feature = "utoipa")]
pub mod openapi;
mod order;
mod problem;
pub mod request_id;
mod shorten;
mod terror;
#[cfg(feature = "tonic")]
mod tonic;
pub mod trace_context;
mod validation;

pub use args::{ArgValue, Args, ToArg};
pub use grpc::GrpcCode;
pub use http::StatusCode;
pub use http_response::PROBLEM_JSON;
pub use localizer::source::SourcePosition;
pub use localizer::{
    EmbeddedFile, EmbeddedLocales, Footprint, Formatted, LoadError, LoadIssue, Localizer,
    LocalizerBuilder, RegisteredLocales, DEFAULT_TYPE_BASE, MAX_FILE_BYTES,
};
pub use negotiate::LocaleChain;
pub use problem::{Problem, RenderedSubError, RequestInfo, MAX_SUB_ERRORS};
pub use terror::{json_pointer, json_pointer_segments, Location, SubError, Terror};
/// The gRPC `ErrorInfo.reason` of a code, as the catalog records it:
/// UPPER_SNAKE_CASE (`volume.not_found` is `VOLUME_NOT_FOUND`).
///
/// ```
/// assert_eq!(terror_core::grpc_reason("volume.not_found"), "VOLUME_NOT_FOUND");
/// ```
pub use terror_ftl::ids::grpc_reason;
/// The Fluent message id of a code, as [`Terror::message_id`] derives it:
/// dots and underscores become dashes.
///
/// ```
/// assert_eq!(terror_core::message_id("pool.capacity_exceeded"), "pool-capacity-exceeded");
/// ```
pub use terror_ftl::ids::message_id;
/// The gRPC `ErrorInfo.metadata` key of an arg, as the catalog records
/// it: lowerCamelCase (`requested_gb` is `requestedGb`).
///
/// ```
/// assert_eq!(terror_core::metadata_key("requested_gb"), "requestedGb");
/// ```
pub use terror_ftl::ids::metadata_key;
pub use unic_langid::LanguageIdentifier;
#[cfg(feature = "validator")]
pub use validation::ValidatorError;
pub use validation::Violations;

#[cfg(feature = "axum")]
pub use axum::PendingProblem;
#[doc = include_str!("docs/derive.md")]
pub use terror_derive::Terror;
#[cfg(feature = "tonic")]
pub use tonic::PendingStatus;

/// The Fluent value terror hands its bundle for an argument, which the fuzz
/// targets in `fuzz/` compare with other implementations. Built only for
/// them (`cargo fuzz` sets `cfg(fuzzing)`); not public API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub use localizer::fluent_value as __fuzzing_fluent_value;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
