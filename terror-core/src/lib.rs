#![doc = include_str!("docs/intro.md")]
#![doc = include_str!("docs/declaring.md")]
#![doc = include_str!("docs/languages.md")]
#![doc = include_str!("docs/safety.md")]
#![doc = include_str!("docs/sub_errors.md")]
#![cfg_attr(feature = "validator", doc = include_str!("docs/validator.md"))]
#![cfg_attr(feature = "utoipa", doc = include_str!("docs/openapi.md"))]
#![doc = include_str!("docs/clients.md")]
#![doc = include_str!("docs/translations.md")]
#![doc = include_str!("docs/hostile.md")]
#![doc = include_str!("docs/features.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The derive names `::terror_core` paths; this lets the crate use them too.
extern crate self as terror_core;

mod args;
#[cfg(feature = "axum")]
mod axum;
pub mod catalog;
pub mod client;
mod http_response;
mod json;
mod localizer;
pub mod log;
pub mod negotiate;
#[cfg(feature = "utoipa")]
pub mod openapi;
mod problem;
mod terror;
mod validation;

pub use args::{ArgValue, Args, ToArg};
pub use http::StatusCode;
pub use http_response::PROBLEM_JSON;
pub use localizer::source::SourcePosition;
pub use localizer::{
    EmbeddedFile, EmbeddedLocales, Formatted, LoadError, LoadIssue, Localizer, LocalizerBuilder,
    RegisteredLocales, DEFAULT_TYPE_BASE,
};
pub use negotiate::LocaleChain;
pub use problem::{Problem, RenderedSubError, RequestInfo, MAX_SUB_ERRORS};
pub use terror::{json_pointer, Location, SubError, Terror};
/// The Fluent message id of a code, as [`Terror::message_id`] derives it:
/// dots and underscores become dashes.
///
/// ```
/// assert_eq!(terror_core::message_id("pool.capacity_exceeded"), "pool-capacity-exceeded");
/// ```
pub use terror_ftl::ids::message_id;
pub use unic_langid::LanguageIdentifier;
#[cfg(feature = "validator")]
pub use validation::ValidatorError;
pub use validation::Violations;

/// Derives [`Terror`] for an enum or struct. See the crate documentation
/// of `terror-derive` for every attribute.
pub use terror_derive::Terror;

/// Embeds a `locales/` folder at compile time: every `<locale>/*.ftl` file,
/// with the path taken relative to the crate's `Cargo.toml`. Editing a file
/// rebuilds the crate; for a *new* file to rebuild it too, add a build
/// script with one line (stable Rust lets only build scripts watch a folder):
///
/// ```no_run
/// // build.rs, beside Cargo.toml: its `main` is this one line.
/// println!("cargo:rerun-if-changed=locales");
/// ```
///
/// The folder must be inside the package for it to be published with it.
///
/// ```
/// // A service writes `embed_locales!("locales")`; this is terror-core's own folder.
/// let locales: terror_core::EmbeddedLocales = terror_core::embed_locales!("messages");
/// assert!(locales.files().iter().any(|f| f.locale == "ru"));
/// ```
#[macro_export]
macro_rules! embed_locales {
    ($dir:literal $(,)?) => {
        $crate::__private::embed_locales!($crate, $dir)
    };
}

/// Registers a library's `locales/` folder (as [`embed_locales!`] reads
/// it) so that every [`Localizer`] built in a program that links the
/// library has the library's messages, in every language the library
/// translated them into; the service does nothing. terror-axum registers
/// its `request.*` messages this way. A service's own files override any
/// registered message; see [`RegisteredLocales`].
///
/// ```
/// // In a library of errors, at the crate root (usually `"locales"`):
/// terror_core::register_locales!("tests/locales");
///
/// # fn main() {
/// let registered = terror_core::RegisteredLocales::all();
/// assert!(registered.iter().any(|r| r.package() == "terror-core"));
/// # }
/// ```
#[macro_export]
macro_rules! register_locales {
    ($dir:literal $(,)?) => {
        $crate::__private::inventory::submit! {
            $crate::RegisteredLocales::new(
                ::core::env!("CARGO_PKG_NAME"),
                $crate::__private::embed_locales!($crate, $dir),
            )
        }
    };
}

#[cfg(feature = "axum")]
pub use axum::PendingProblem;

/// What the fuzz targets in `fuzz/` compare with other implementations.
/// Built only for them (`cargo fuzz` sets `cfg(fuzzing)`); not public API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod __fuzzing {
    /// The Fluent value terror hands its bundle for an argument.
    pub fn fluent_value<'a>(value: &'a crate::ArgValue<'_>) -> fluent_bundle::FluentValue<'a> {
        crate::localizer::fluent_value(value)
    }
}

/// Paths used by the code `#[derive(Terror)]` generates. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::args::{ArgProbe, ViaSerialize, ViaToArg};
    pub use crate::catalog::{ArgInfo, CatalogEntry, Entries, RegisteredEntries};
    pub use crate::client::probe::{
        ChildDecoder, ChildProbe, DecodeProbe, DefaultProbe, SubErrorsProbe, TransparentProbe,
        ViaDefault, ViaDeserialize, ViaFromProblem, ViaFromVec, ViaNoDefault, ViaNotChild,
        ViaNotTransparent, ViaNotVec, ViaTransparent, ViaUndecodable,
    };
    pub use crate::client::{short_type_name, DecodeError, FromProblem, NotRebuildable, Parts};
    pub use crate::localizer::DefaultMessages;
    pub use crate::terror::SubErrors;
    pub use crate::{ArgValue, Args, Location, StatusCode, SubError, Terror};
    pub use crate::{EmbeddedFile, EmbeddedLocales};
    pub use inventory;
    pub use serde::Serialize;
    pub use std::borrow::Cow;
    pub use std::option::Option;
    pub use std::time::Duration;
    pub use terror_derive::embed_locales;

    #[cfg(feature = "axum")]
    pub use crate::axum::{into_response, into_response_boxed};
    #[cfg(feature = "axum")]
    pub use axum_core::response::{IntoResponse, Response};

    #[cfg(feature = "axum")]
    pub use crate::__terror_into_response as impl_into_response;

    /// Expands to nothing without the `axum` feature.
    #[cfg(not(feature = "axum"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __terror_no_into_response {
        ($($tokens:tt)*) => {};
    }
    #[cfg(not(feature = "axum"))]
    pub use crate::__terror_no_into_response as impl_into_response;

    #[cfg(feature = "utoipa")]
    pub use crate::__terror_into_responses as impl_into_responses;
    #[cfg(feature = "utoipa")]
    pub use crate::openapi::responses as openapi_responses;
    #[cfg(feature = "utoipa")]
    pub use crate::openapi::typed::{
        ArgSchemaMap, ArgSchemas, SchemaProbe, ViaAnySchema, ViaPartialSchema,
    };
    #[cfg(feature = "utoipa")]
    pub use utoipa;

    /// Expands to nothing without the `utoipa` feature.
    #[cfg(not(feature = "utoipa"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __terror_no_into_responses {
        ($($tokens:tt)*) => {};
    }
    #[cfg(not(feature = "utoipa"))]
    pub use crate::__terror_no_into_responses as impl_into_responses;
}
