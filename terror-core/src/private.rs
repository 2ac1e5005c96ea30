//! Paths used by the code `#[derive(Terror)]` generates and by the macros
//! terror-core exports. Not public API: re-exports only.

pub use crate::args::{ArgProbe, ArgValue, Args, ViaSerialize, ViaToArg};
pub use crate::catalog::{ArgInfo, CatalogEntry, Entries, RegisteredEntries};
#[cfg(feature = "client")]
pub use crate::client::probe::{
    ChildDecoder, ChildProbe, DecodeProbe, DefaultProbe, SubErrorsProbe, TransparentProbe,
    ViaDefault, ViaDeserialize, ViaFromProblem, ViaFromVec, ViaNoDefault, ViaNotChild,
    ViaNotTransparent, ViaNotVec, ViaTransparent, ViaUndecodable,
};
#[cfg(feature = "client")]
pub use crate::client::{short_type_name, DecodeError, FromProblem, NotRebuildable, Parts};
pub use crate::derived::{args, entry, AsTerror, Variant};
pub use crate::grpc::GrpcCode;
pub use crate::localizer::{DefaultMessages, EmbeddedFile, EmbeddedLocales, RegisteredLocales};
pub use crate::terror::{Location, SubError, SubErrors, Terror};
pub use http::StatusCode;
pub use inventory;
pub use serde::Serialize;
pub use std::borrow::Cow;
pub use std::option::Option;
pub use std::time::Duration;
pub use std::vec;
pub use terror_derive::embed_locales;

#[cfg(feature = "axum")]
pub use crate::axum::{into_response, into_response_boxed};
#[cfg(feature = "axum")]
pub use axum_core::response::{IntoResponse, Response};

#[cfg(feature = "axum")]
pub use crate::__terror_into_response as impl_into_response;
#[cfg(not(feature = "axum"))]
pub use crate::__terror_no_into_response as impl_into_response;

#[cfg(feature = "client")]
pub use crate::__terror_from_problem as impl_from_problem;
#[cfg(not(feature = "client"))]
pub use crate::__terror_no_from_problem as impl_from_problem;

#[cfg(feature = "tonic")]
pub use crate::__terror_into_status as impl_into_status;
#[cfg(not(feature = "tonic"))]
pub use crate::__terror_no_into_status as impl_into_status;
pub use crate::shorten::shorten;
#[cfg(feature = "tonic")]
pub use crate::tonic::into_status_boxed;
#[cfg(feature = "tonic")]
pub use tonic::Status;

#[cfg(feature = "utoipa")]
pub use crate::__terror_into_responses as impl_into_responses;
#[cfg(not(feature = "utoipa"))]
pub use crate::__terror_no_into_responses as impl_into_responses;
#[cfg(feature = "utoipa")]
pub use crate::openapi::responses as openapi_responses;
#[cfg(feature = "utoipa")]
pub use crate::openapi::typed::{
    ArgSchemaMap, ArgSchemas, SchemaProbe, ViaAnySchema, ViaPartialSchema,
};
#[cfg(feature = "utoipa")]
pub use utoipa;
