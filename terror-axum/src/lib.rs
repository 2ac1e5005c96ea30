//! axum integration for terror: every error a handler returns becomes an
//! RFC 9457 problem document in the request's language.
//!
//! - Handlers return `Result<T, E>` for any `#[derive(Terror)]` type `E`:
//!   the derive implements `IntoResponse` (through terror-core's `axum`
//!   feature, which this crate turns on). [`AnyError`] serves handlers that
//!   mix error types, and `?` converts into it.
//! - [`ProblemLayer`] negotiates each request's languages once (a `lang`
//!   query parameter, then `Accept-Language`, then the default locale),
//!   hands them to handlers through the [`Languages`] extractor, and renders
//!   every terror error response in them, with `instance` (the request path)
//!   and a request id. It turns bare error responses (an empty body, or
//!   `text/plain`) into problems too, and leaves every other content type,
//!   and responses marked [`Verbatim`], as they are.
//! - [`Json`], [`Form`], [`Query`] and [`Path`] replace axum's extractors:
//!   their rejections are localized `request.*` problems, and no text of a
//!   deserializer or of the service's own parsing reaches the client.
//! - [`CatalogPages`] serves the error catalog as localized HTML, an index
//!   and one page per code, where the problems' `type` URIs point: merged
//!   into the router once, it makes every `type` a service sends open a
//!   page that documents the code.
//! - Without the layer, errors still render, in the default locale of
//!   [`Localizer::global`](terror_core::Localizer::global), which has every
//!   derived error's real message with no setup.
//! - The `request.*` messages and the pages' words (en-US, ru, de) ship
//!   inside this crate and reach every [`Localizer`](terror_core::Localizer)
//!   of a program that links it ([`terror_core::register_locales!`]); a
//!   service's own files can override them.
//!
//! ```
//! use std::sync::Arc;
//! use axum::{extract::Path, routing::get, Router};
//! use terror_axum::ProblemLayer;
//! use terror_core::{Localizer, Terror};
//!
//! #[derive(Debug, thiserror::Error, Terror)]
//! #[terror(prefix = "volume")]
//! enum VolumeError {
//!     #[error("volume {name} not found")]
//!     #[terror(status = 404)]
//!     NotFound { name: String },
//! }
//!
//! async fn get_volume(Path(name): Path<String>) -> Result<String, VolumeError> {
//!     Err(VolumeError::NotFound { name })
//! }
//!
//! let localizer = Arc::new(
//!     Localizer::builder()
//!         .source("en-US", "locales/en-US/volume.ftl", "volume-not-found = Volume { $name } was not found.")
//!         .build()
//!         .unwrap(),
//! );
//! let app: Router = Router::new()
//!     .route("/volumes/{name}", get(get_volume))
//!     .layer(ProblemLayer::new(localizer));
//! ```
//!
//! # Features
//!
//! | feature | what it adds |
//! | --- | --- |
//! | `utoipa` | [`openapi::RequestErrors`], and terror-core's OpenAPI support for derived errors |
//! | `validator` | terror-core's `Violations::from(&validator::ValidationErrors)` |
//!
//! A service turns features on here, never on terror-core: terror-axum
//! passes each one on.
//!
//! Errors are logged when they become responses: 5xx with `tracing` at
//! error level with code, status, request id and the whole `source()` chain,
//! 4xx at debug level.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod any;
pub mod extract;
mod layer;
#[cfg(feature = "utoipa")]
pub mod openapi;
mod pages;
mod reason;
mod rejection;
mod scope;

// The `request.*` messages travel with this crate: every `Localizer` of a
// program that links it has them. The folder is `messages/`, not `locales/`,
// so that the derive does not check this crate's test types against it.
terror_core::register_locales!("messages");

pub use any::AnyError;

/// The problem response of a terror error: what the `IntoResponse` that
/// `#[derive(Terror)]` implements returns. For a type that writes its own
/// `IntoResponse` (`#[terror(into_response = false)]`) to start from:
///
/// ```
/// use axum::http::{header, HeaderValue, StatusCode};
/// use axum::response::{IntoResponse, Response};
///
/// #[derive(Debug, thiserror::Error, terror_core::Terror)]
/// #[terror(prefix = "token", status = 401, into_response = false)]
/// enum TokenError {
///     #[error("the access token has expired")]
///     Expired,
/// }
///
/// impl IntoResponse for TokenError {
///     fn into_response(self) -> Response {
///         let mut response = terror_axum::into_response(self);
///         response.headers_mut().insert(
///             header::WWW_AUTHENTICATE,
///             HeaderValue::from_static(r#"Bearer error="invalid_token""#),
///         );
///         response
///     }
/// }
///
/// let response = TokenError::Expired.into_response();
/// assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
/// assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
/// assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
/// ```
pub fn into_response<E>(error: E) -> axum::response::Response
where
    E: terror_core::Terror + Send + Sync + 'static,
{
    terror_core::__private::into_response(error)
}
pub use extract::{Form, Json, Path, Query};
pub use layer::{
    ProblemLayer, ProblemService, ResponseFuture, Verbatim, DEFAULT_QUERY_PARAMETER,
    DEFAULT_REQUEST_ID_HEADER,
};
pub use pages::CatalogPages;
pub use rejection::{panic_response, HttpError, RequestError};
pub use scope::{Languages, RequestId};
