//! Drop-in replacements for axum's `Json`, `Form`, `Query` and `Path` whose
//! rejections are localized problems ([`RequestError`]) instead of plain
//! English text.
//!
//! Body values that do not fit point at the offending value with an
//! RFC 6901 JSON Pointer built from serde's path; parameters name the
//! parameter and the type expected.

use std::ops::{Deref, DerefMut};

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{header, HeaderMap};
use serde::de::DeserializeOwned;
use serde::Serialize;
use terror_core::{json_pointer, SubError};

use crate::rejection::RequestError;
use crate::HttpError;

/// The body size the extractors accept unless [`BodyLimit`] says otherwise:
/// 2 MiB, axum's own default.
pub const DEFAULT_BODY_LIMIT: u64 = 2 * 1024 * 1024;

/// The largest body, in bytes, terror's body extractors read; larger bodies
/// are a `request.body_too_large` problem that states the limit. Set it with
/// [`LanguageLayer::body_limit`](crate::LanguageLayer::body_limit) (or as a
/// request extension of your own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimit(pub u64);

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// A JSON body, like `axum::Json`, with localized rejections:
/// `request.malformed_json` (400, with line and column),
/// `request.invalid_body` (422, a pointer per offending value),
/// `request.missing_content_type` / `request.unsupported_media_type` (415)
/// and `request.body_too_large` (413, with the limit).
///
/// As a response it serializes like `axum::Json`.
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
            Err(error) => {
                // A value that cannot be JSON (a map with non-string keys)
                // is a server bug: the client gets a redacted 500.
                tracing::error!(%error, "terror: a Json response could not be serialized");
                crate::AnyError::new(HttpError::new(http::StatusCode::INTERNAL_SERVER_ERROR))
                    .into_response()
            }
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
                let reason = error.into_inner().to_string();
                Err(RequestError::InvalidBody {
                    errors: vec![value_error(&reason, &pointer)],
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
                let reason = error.into_inner().to_string();
                let sub = if let Some(field) = missing_field(&reason) {
                    SubError::new(RequestError::MissingParameter {
                        parameter: field.to_owned(),
                    })
                    .at_parameter(field)
                } else {
                    let value = form_urlencoded::parse(query.as_bytes())
                        .find(|(k, _)| *k == name)
                        .map(|(_, v)| v.into_owned())
                        .unwrap_or_default();
                    let expected = expected_from(&reason);
                    SubError::new(RequestError::InvalidParameter {
                        value,
                        expected_kind: kind_of_expected(&expected),
                        expected,
                    })
                    .at_parameter(name)
                };
                Err(RequestError::InvalidParameters { errors: vec![sub] })
            }
        }
    }
}

/// Path parameters, like `axum::extract::Path`, with localized rejections:
/// `request.invalid_parameters` (400) naming the parameter, the value and
/// the type expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

/// The rejection of [`Path`]: a request error, or a route that does not
/// match its extractor (a server bug: 500).
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// The parameters do not parse.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The route and the extractor disagree; the client sees a 500.
    #[error("path extractor does not fit the route: {0}")]
    Route(String),
}

impl IntoResponse for PathError {
    fn into_response(self) -> Response {
        match self {
            PathError::Request(error) => error.into_response(),
            PathError::Route(reason) => {
                tracing::error!(%reason, "terror: a Path extractor does not fit its route");
                crate::AnyError::new(HttpError::new(http::StatusCode::INTERNAL_SERVER_ERROR))
                    .into_response()
            }
        }
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = PathError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(error)) => {
                let (name, value, expected) = match error.into_kind() {
                    ErrorKind::ParseErrorAtKey {
                        key,
                        value,
                        expected_type,
                    } => (key, value, expected_type.to_owned()),
                    ErrorKind::ParseErrorAtIndex {
                        index,
                        value,
                        expected_type,
                    } => (index.to_string(), value, expected_type.to_owned()),
                    ErrorKind::ParseError {
                        value,
                        expected_type,
                    } => (String::new(), value, expected_type.to_owned()),
                    ErrorKind::DeserializeError {
                        key,
                        value,
                        message,
                    } => (key, value, message),
                    ErrorKind::InvalidUtf8InPathParam { key } => {
                        (key, String::new(), "UTF-8 text".to_owned())
                    }
                    other => return Err(PathError::Route(other.to_string())),
                };
                let mut sub = SubError::new(RequestError::InvalidParameter {
                    value,
                    expected_kind: kind_of_expected(&expected),
                    expected,
                });
                if !name.is_empty() {
                    sub = sub.at_parameter(name);
                }
                Err(RequestError::InvalidParameters { errors: vec![sub] }.into())
            }
            Err(other) => Err(PathError::Route(other.body_text())),
        }
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

/// Reads the body up to the request's [`BodyLimit`].
async fn read_body(request: Request) -> Result<axum::body::Bytes, RequestError> {
    // The layer's limit, else one set as an extension of its own.
    let limit = request
        .extensions()
        .get::<crate::layer::Scope>()
        .and_then(|scope| scope.body_limit)
        .or_else(|| request.extensions().get::<BodyLimit>().copied())
        .map_or(DEFAULT_BODY_LIMIT, |l| l.0);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(RequestError::BodyTooLarge { limit });
    }
    let capacity = usize::try_from(limit).unwrap_or(usize::MAX);
    match axum::body::to_bytes(request.into_body(), capacity).await {
        Ok(bytes) => Ok(bytes),
        Err(error) => {
            let inner = error.into_inner();
            if inner.is::<http_body_util::LengthLimitError>() {
                Err(RequestError::BodyTooLarge { limit })
            } else {
                tracing::debug!(error = %inner, "terror: the request body could not be read");
                Err(RequestError::UnreadableBody)
            }
        }
    }
}

fn deserialize_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, RequestError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = pointer_of(error.path());
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let reason = strip_position(&inner.to_string());
                RequestError::InvalidBody {
                    errors: vec![value_error(&reason, &pointer)],
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

/// The sub-error for a value serde rejected, from its message.
fn value_error(reason: &str, pointer: &str) -> SubError {
    if let Some(field) = missing_field(reason) {
        let mut at = pointer.to_owned();
        at.push_str(&json_pointer([field]));
        return SubError::new(RequestError::MissingField {
            field: field.to_owned(),
        })
        .at_pointer(at);
    }
    if let Some(field) = reason
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        // serde's path already ends at the unknown field (for a missing one
        // it ends at the object that lacks it).
        return SubError::new(RequestError::UnknownField {
            field: field.to_owned(),
        })
        .at_pointer(pointer);
    }
    if let Some((found, expected)) = reason
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return SubError::new(RequestError::WrongType {
            expected: expected.to_owned(),
            found: found.to_owned(),
            expected_kind: kind_of_expected(expected),
            found_kind: kind_of_found(found),
        })
        .at_pointer(pointer);
    }
    SubError::new(RequestError::InvalidValue {
        reason: reason.to_owned(),
    })
    .at_pointer(pointer)
}

fn missing_field(reason: &str) -> Option<&str> {
    reason
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// The kind of value serde expected, in the words messages select on.
fn kind_of_expected(expected: &str) -> &'static str {
    let word = expected
        .trim_start_matches("a ")
        .trim_start_matches("an ")
        .split_whitespace()
        .next()
        .unwrap_or("");
    match word {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" | "integer" => "integer",
        "f32" | "f64" | "number" | "float" => "number",
        "string" | "str" | "character" | "char" | "borrowed" => "string",
        "boolean" | "bool" | "true" => "boolean",
        "sequence" | "array" | "tuple" | "list" => "array",
        "map" | "struct" | "object" => "object",
        "unit" | "null" => "null",
        _ => "other",
    }
}

/// The kind of value serde found (its `Unexpected`), in the same words.
fn kind_of_found(found: &str) -> &'static str {
    match found.split_whitespace().next().unwrap_or("") {
        "integer" => "integer",
        "floating" => "number",
        "string" | "character" => "string",
        "boolean" => "boolean",
        "sequence" => "array",
        "map" => "object",
        "unit" | "null" => "null",
        _ => "other",
    }
}

/// What a parameter should be, from serde's or `FromStr`'s message.
fn expected_from(reason: &str) -> String {
    if let Some((_, expected)) = reason.split_once(", expected ") {
        return expected.to_owned();
    }
    match reason {
        "invalid digit found in string"
        | "number too large to fit in target type"
        | "number too small to fit in target type"
        | "cannot parse integer from empty string" => "an integer".to_owned(),
        "invalid float literal" => "a number".to_owned(),
        "provided string was not `true` or `false`" => "true or false".to_owned(),
        other => other.to_owned(),
    }
}

/// serde_json appends " at line L column C" to data errors; the pointer
/// says where instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
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
        assert_eq!(
            args,
            r#"{"expected":"u64","found":"string \"big\"","expected_kind":"integer","found_kind":"string"}"#
        );

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
                "request.invalid_value",
                Some(&Location::Pointer("/size_gb".into()))
            )
        );
        assert_eq!(
            args,
            r#"{"reason":"invalid value: integer `-1`, expected u64"}"#
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

    #[test]
    fn parameter_expectations() {
        assert_eq!(expected_from("invalid digit found in string"), "an integer");
        assert_eq!(
            expected_from("invalid type: string \"x\", expected a boolean"),
            "a boolean"
        );
        assert_eq!(expected_from("something else"), "something else");
    }

    #[test]
    fn kinds_for_messages() {
        for (expected, kind) in [
            ("u32", "integer"),
            ("an integer", "integer"),
            ("f64", "number"),
            ("a string", "string"),
            ("a boolean", "boolean"),
            ("true or false", "boolean"),
            ("a sequence", "array"),
            ("struct Volume", "object"),
            ("a map", "object"),
            ("UTF-8 text", "other"),
        ] {
            assert_eq!(kind_of_expected(expected), kind, "{expected}");
        }
        for (found, kind) in [
            ("string \"big\"", "string"),
            ("integer `5`", "integer"),
            ("floating point `1.5`", "number"),
            ("boolean `true`", "boolean"),
            ("sequence", "array"),
            ("map", "object"),
            ("unit value", "null"),
        ] {
            assert_eq!(kind_of_found(found), kind, "{found}");
        }
    }
}
