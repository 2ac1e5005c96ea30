//! Drop-in replacements for axum's `Json`, `Form`, `Query` and `Path` whose
//! rejections are localized problems ([`RequestError`]) instead of plain
//! English text.
//!
//! Body values that do not fit point at the offending value with an
//! RFC 6901 JSON Pointer built from serde's path; parameters name the
//! parameter. What a deserializer says about a value reaches the client
//! only as far as terror recognizes it (field names, the accepted values of
//! an enum, the kinds of value expected and found, an integer type's
//! range); anything else, such as the text of a service's own `TryFrom` or
//! `FromStr` error, becomes `request.invalid_value` and goes to the debug
//! log.
//!
//! Bodies are read up to axum's [`DefaultBodyLimit`](axum::extract::DefaultBodyLimit)
//! in force for the route: a route's own limit, else the one of
//! [`ProblemLayer::body_limit`](crate::layer::ProblemLayer::body_limit), else
//! axum's default of 2 MiB.

use std::ops::{Deref, DerefMut};

use axum::body::HttpBody as _;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::response::{IntoResponse, Response};
use axum::RequestExt;
use http::request::Parts;
use http::{header, HeaderMap};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use terror_core::log::LogSafe;
use terror_core::{json_pointer, json_pointer_segments};

use crate::errors::{InternalError, RequestError};
use crate::recognize::{
    self, parameter_error, parse_error, refine, strip_position, value_error, Reason,
};

/// The body size the extractors accept when nothing sets another: 2 MiB,
/// axum's own default.
pub const DEFAULT_BODY_LIMIT: u64 = 2 * 1024 * 1024;

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// A JSON body, like `axum::Json`, with localized rejections:
/// `request.malformed_json` (400, with line and column),
/// `request.invalid_body` (422, a pointer per offending value),
/// `request.missing_content_type` / `request.unsupported_media_type` (415)
/// and `request.body_too_large` (413, with the limit in force).
///
/// As a response it serializes like `axum::Json`; a value that cannot be
/// serialized is a redacted 500, logged with its cause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = RequestError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        media_type(request.headers(), JSON, |t| {
            t == JSON || (t.starts_with("application/") && t.ends_with("+json"))
        })?;
        let bytes = read_body(request).await?;
        deserialize_json(&bytes).map(Json)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => (
                [(header::CONTENT_TYPE, http::HeaderValue::from_static(JSON))],
                body,
            )
                .into_response(),
            // A value that cannot be JSON (a map with non-string keys) is a
            // server bug: the client gets a redacted 500.
            Err(error) => crate::any::AnyError::new(InternalError::new(
                "a Json response could not be serialized",
                error,
            ))
            .into_response(),
        }
    }
}

/// A URL-encoded form body, like `axum::Form`, with localized rejections
/// (`request.invalid_body` with a pointer per field, 415, 413).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = RequestError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        media_type(request.headers(), FORM, |t| t == FORM)?;
        let bytes = read_body(request).await?;
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(&bytes));
        match serde_path_to_error::deserialize(deserializer) {
            Ok(value) => Ok(Form(value)),
            Err(error) => {
                let pointer = pointer_of(error.path());
                let message = error.into_inner().to_string();
                // The value as sent, for what the message leaves out.
                let field = error_field(&pointer);
                let sent = form_urlencoded::parse(&bytes)
                    .find(|(k, _)| *k == field)
                    .map(|(_, v)| v);
                let reason = refine(recognize::message(&message), sent.as_deref());
                Err(RequestError::InvalidBody {
                    errors: vec![value_error(reason, &message, &pointer)],
                })
            }
        }
    }
}

/// Query parameters, like `axum::extract::Query`, with localized
/// rejections: `request.invalid_parameters` (400), naming each parameter
/// and what it should be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        match serde_path_to_error::deserialize(deserializer) {
            Ok(value) => Ok(Query(value)),
            Err(error) => {
                let name = error.path().to_string();
                let message = error.into_inner().to_string();
                let value = form_urlencoded::parse(query.as_bytes())
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.into_owned());
                let reason = refine(recognize::message(&message), value.as_deref());
                let sub = parameter_error(reason, &message, &name, value.unwrap_or_default());
                Err(RequestError::InvalidParameters { errors: vec![sub] })
            }
        }
    }
}

/// Path parameters, like `axum::extract::Path`, with localized rejections:
/// `request.invalid_parameters` (400) naming the parameter.
///
/// As in axum, a value that does not parse is the client's mistake (400),
/// and a route that does not match its extractor (a wrong number of
/// parameters, an unsupported type) is the server's: a redacted 500, logged
/// with axum's explanation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

/// The rejection of [`Path`]: a request error, or a route that does not
/// match its extractor.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// The parameters do not parse: the client sees a 400.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The route and the extractor disagree: the client sees a redacted 500.
    #[error("a Path extractor does not fit its route: {0}")]
    Route(PathRejection),
}

impl IntoResponse for PathError {
    fn into_response(self) -> Response {
        match self {
            PathError::Request(error) => error.into_response(),
            PathError::Route(rejection) => crate::any::AnyError::new(InternalError::new(
                "a Path extractor does not fit its route",
                rejection,
            ))
            .into_response(),
        }
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = PathError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        let rejection = match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => return Ok(Path(value)),
            // axum's own classification: the server's fault or the client's.
            Err(rejection) if rejection.status().is_server_error() => {
                return Err(PathError::Route(rejection))
            }
            Err(rejection) => rejection,
        };
        let PathRejection::FailedToDeserializePathParams(error) = rejection else {
            let message = rejection.body_text();
            let sub = value_error(Reason::Unrecognized, &message, "");
            return Err(RequestError::InvalidParameters { errors: vec![sub] }.into());
        };
        // The parameters by position, to name one the error gives by index
        // or not at all.
        let raw: Vec<(String, String)> = RawPathParams::from_request_parts(parts, state)
            .await
            .map(|params| {
                params
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let only = || raw.first().filter(|_| raw.len() == 1).cloned();
        let sub = match error.into_kind() {
            ErrorKind::ParseErrorAtKey {
                key,
                value,
                expected_type,
            } => parse_error(&key, value, expected_type),
            ErrorKind::ParseErrorAtIndex {
                index,
                value,
                expected_type,
            } => {
                let name = raw
                    .get(index)
                    .map_or_else(|| index.to_string(), |p| p.0.clone());
                parse_error(&name, value, expected_type)
            }
            ErrorKind::ParseError {
                value,
                expected_type,
            } => {
                let name = only().map(|p| p.0).unwrap_or_default();
                parse_error(&name, value, expected_type)
            }
            ErrorKind::DeserializeError {
                key,
                value,
                message,
            } => parameter_error(recognize::message(&message), &message, &key, value),
            ErrorKind::Message(message) => {
                let (name, value) = only().unwrap_or_default();
                parameter_error(recognize::message(&message), &message, &name, value)
            }
            ErrorKind::InvalidUtf8InPathParam { key } => {
                parameter_error(Reason::Unrecognized, "invalid UTF-8", &key, String::new())
            }
            other => {
                let (name, value) = only().unwrap_or_default();
                parameter_error(Reason::Unrecognized, &other.to_string(), &name, value)
            }
        };
        Err(RequestError::InvalidParameters { errors: vec![sub] }.into())
    }
}

macro_rules! wrapper_impls {
    ($($name:ident),*) => {$(
        impl<T> Deref for $name<T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }
        impl<T> DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
        impl<T> From<T> for $name<T> {
            fn from(value: T) -> Self {
                $name(value)
            }
        }
    )*};
}
wrapper_impls!(Json, Form, Query, Path);

/// Checks `Content-Type` (parameters such as `charset` are ignored).
fn media_type(
    headers: &HeaderMap,
    expected: &'static str,
    accepts: impl Fn(&str) -> bool,
) -> Result<(), RequestError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(RequestError::MissingContentType { expected });
    };
    let received = String::from_utf8_lossy(value.as_bytes()).into_owned();
    let essence = received
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if accepts(&essence) {
        Ok(())
    } else {
        Err(RequestError::UnsupportedMediaType { expected, received })
    }
}

/// Reads the body up to the limit axum's `DefaultBodyLimit` sets for the
/// request (2 MiB when nothing does; none when it is disabled).
async fn read_body(request: Request) -> Result<axum::body::Bytes, RequestError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body = request.into_limited_body();
    // The limited body's upper size bound is the limit itself whenever the
    // limit can be reached: when the body's length is unknown or above it.
    let limit = body.size_hint().upper();
    if let (Some(declared), Some(limit)) = (declared, limit) {
        if declared > limit {
            return Err(RequestError::BodyTooLarge { limit });
        }
    }
    match body.collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) => {
            let inner = error.into_inner();
            let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*inner);
            while let Some(e) = cause {
                if e.is::<http_body_util::LengthLimitError>() {
                    return Err(RequestError::BodyTooLarge {
                        limit: limit.unwrap_or(DEFAULT_BODY_LIMIT),
                    });
                }
                cause = e.source();
            }
            tracing::debug!(error = %LogSafe(&inner), "terror: the request body could not be read");
            Err(RequestError::UnreadableBody)
        }
    }
}

pub(crate) fn deserialize_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, RequestError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = pointer_of(error.path());
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = strip_position(&inner.to_string());
                let reason = recognize::message(&message);
                // Only a value of the wrong kind lets reading go on to
                // find the others; any other first error is the only one
                // a second reading could report.
                if matches!(reason, Reason::WrongType { .. }) {
                    if let Some(error) = crate::survey::every_type_error::<T>(bytes) {
                        return error;
                    }
                }
                RequestError::InvalidBody {
                    errors: vec![value_error(reason, &message, &pointer)],
                }
            }
            _ => RequestError::MalformedJson {
                line: inner.line(),
                column: inner.column(),
            },
        }
    })?;
    // Characters after the value are a syntax error too.
    deserializer
        .end()
        .map_err(|error| RequestError::MalformedJson {
            line: error.line(),
            column: error.column(),
        })?;
    Ok(value)
}

/// The top-level field a pointer starts with, unescaped.
fn error_field(pointer: &str) -> String {
    json_pointer_segments(pointer)
        .next()
        .map(std::borrow::Cow::into_owned)
        .unwrap_or_default()
}

/// serde's path as an RFC 6901 JSON Pointer.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments = path.iter().filter_map(|segment| match segment {
        Segment::Seq { index } => Some(index.to_string()),
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { .. } | Segment::Unknown => None,
    });
    json_pointer(segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use terror_core::{Location, Terror};

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Volume {
        name: String,
        size_gb: u64,
        tags: Vec<Tag>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Tag {
        key: String,
    }

    fn first_sub(error: &RequestError) -> (&str, Option<&Location>, String) {
        let sub = &error.sub_errors()[0];
        (
            sub.error().code(),
            sub.location(),
            serde_json::to_string(&sub.error().args()).unwrap(),
        )
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let error = deserialize_json::<Volume>(b"{\n  \"name\": \"a\",\n  oops\n}").unwrap_err();
        assert!(
            matches!(error, RequestError::MalformedJson { line: 3, column: 3 }),
            "{error:?}"
        );
        let error = deserialize_json::<Volume>(b"{\"name\": \"a\"").unwrap_err();
        assert!(
            matches!(error, RequestError::MalformedJson { line: 1, .. }),
            "{error:?}"
        );
        let error = deserialize_json::<u8>(b"1 2").unwrap_err();
        assert!(
            matches!(error, RequestError::MalformedJson { line: 1, column: 3 }),
            "{error:?}"
        );
    }

    #[test]
    fn data_errors_point_at_the_value() {
        let error = deserialize_json::<Volume>(br#"{"name": "a", "size_gb": "big", "tags": []}"#)
            .unwrap_err();
        let (code, location, args) = first_sub(&error);
        assert_eq!(code, "request.wrong_type");
        assert_eq!(location, Some(&Location::Pointer("/size_gb".into())));
        assert_eq!(args, r#"{"expected_kind":"integer","found_kind":"string"}"#);

        let error = deserialize_json::<Volume>(br#"{"size_gb": 1, "tags": []}"#).unwrap_err();
        let (code, location, args) = first_sub(&error);
        assert_eq!(code, "request.missing_field");
        assert_eq!(location, Some(&Location::Pointer("/name".into())));
        assert_eq!(args, r#"{"field":"name"}"#);

        let error = deserialize_json::<Volume>(
            br#"{"name": "a", "size_gb": 1, "tags": [{"key": "k"}, {"kee": "x"}]}"#,
        )
        .unwrap_err();
        let (code, location, _) = first_sub(&error);
        assert_eq!(code, "request.unknown_field");
        assert_eq!(location, Some(&Location::Pointer("/tags/1/kee".into())));

        let error =
            deserialize_json::<Volume>(br#"{"name": "a", "size_gb": -1, "tags": []}"#).unwrap_err();
        let (code, location, args) = first_sub(&error);
        assert_eq!(
            (code, location),
            (
                "request.out_of_range",
                Some(&Location::Pointer("/size_gb".into()))
            )
        );
        assert_eq!(
            args,
            r#"{"bound":"between","min":0,"max":18446744073709551615}"#
        );
    }

    #[test]
    fn pointers_escape_keys() {
        let error = deserialize_json::<std::collections::HashMap<String, u8>>(br#"{"a/b~c": "x"}"#)
            .unwrap_err();
        let (_, location, _) = first_sub(&error);
        assert_eq!(location, Some(&Location::Pointer("/a~1b~0c".into())));
    }

    #[test]
    fn media_types() {
        let mut headers = HeaderMap::new();
        let json = |t: &str| t == JSON || t.ends_with("+json");
        assert!(matches!(
            media_type(&headers, JSON, json),
            Err(RequestError::MissingContentType { .. })
        ));
        headers.insert(
            header::CONTENT_TYPE,
            "application/json; charset=utf-8".parse().unwrap(),
        );
        assert!(media_type(&headers, JSON, json).is_ok());
        headers.insert(
            header::CONTENT_TYPE,
            "Application/Problem+JSON".parse().unwrap(),
        );
        assert!(media_type(&headers, JSON, json).is_ok());
        headers.insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        assert!(matches!(
            media_type(&headers, JSON, json),
            Err(RequestError::UnsupportedMediaType { received, .. }) if received == "text/plain"
        ));
    }
}
