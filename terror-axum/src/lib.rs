#![doc = include_str!("docs/intro.md")]
#![doc = include_str!("docs/layer.md")]
#![doc = include_str!("docs/failures.md")]
#![doc = include_str!("docs/request_ids.md")]
#![doc = include_str!("docs/logs.md")]
#![cfg_attr(feature = "pages", doc = include_str!("docs/pages.md"))]
#![cfg_attr(feature = "utoipa", doc = include_str!("docs/openapi.md"))]
#![doc = include_str!("docs/features.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod any;
mod config;
mod errors;
pub mod extract;
mod ids;
mod layer;
#[cfg(feature = "utoipa")]
pub mod openapi;
#[cfg(feature = "pages")]
mod pages;
mod recognize;
mod request;
mod scope;
mod span;
mod survey;

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
pub use errors::{panic_response, HttpError, RequestError};
pub use extract::{Form, Json, Path, Query};
pub use layer::{
    ProblemLayer, ProblemService, ResponseFuture, Verbatim, DEFAULT_QUERY_PARAMETER,
    DEFAULT_REQUEST_ID_HEADER,
};
#[cfg(feature = "pages")]
#[cfg_attr(docsrs, doc(cfg(feature = "pages")))]
pub use pages::CatalogPages;
pub use request::{Languages, RequestId};
pub use span::request_span;
