//! For clients of a terror service: the problem document as received, and
//! the error enums the server declared, rebuilt from it.
//!
//! [`ReceivedProblem`] parses any terror response body, and any RFC 9457
//! document with a `code` (every member the RFC defines is optional, as
//! there), keeping members it does not know. With the `client` feature,
//! every `#[derive(Terror)]` type implements [`FromProblem`], so a Rust
//! client that shares the server's error types matches on the very enum
//! the server returned:
//!
//! ```
//! use terror_core::client::{DecodeError, FromProblem, ReceivedProblem};
//! use terror_core::Terror;
//!
//! #[derive(Debug, PartialEq, thiserror::Error, Terror)]
//! #[terror(prefix = "pool")]
//! enum PoolError {
//!     #[error("pool {pool} has {available_gb} GB free")]
//!     #[terror(status = UNPROCESSABLE_ENTITY)]
//!     CapacityExceeded { pool: String, requested_gb: u64, available_gb: u64 },
//! }
//!
//! let body = br#"{"type":"/errors/pool.capacity_exceeded","title":"Not enough space",
//!     "status":422,"detail":"Pool fast has 10 GB free.","code":"pool.capacity_exceeded",
//!     "args":{"pool":"fast","requested_gb":500,"available_gb":10},"trace":"kept"}"#;
//! let problem: ReceivedProblem = serde_json::from_slice(body).unwrap();
//! assert_eq!(problem.extensions["trace"], "kept");
//!
//! match PoolError::from_problem(&problem) {
//!     Ok(PoolError::CapacityExceeded { available_gb, .. }) => assert_eq!(available_gb, 10),
//!     Err(error) => panic!("{error}"),
//! }
//!
//! let other: ReceivedProblem = serde_json::from_str(
//!     r#"{"type":"t","title":"t","status":404,"detail":"d","code":"volume.not_found"}"#,
//! ).unwrap();
//! assert!(matches!(
//!     PoolError::from_problem(&other),
//!     Err(DecodeError::UnknownCode { .. })
//! ));
//! ```
//!
//! # What can be rebuilt
//!
//! A variant is rebuilt from its `code`, its `args` and its `errors`:
//! - an arg field from its value in `args`, through `Deserialize`: owned
//!   types (`String`, `Cow<'static, str>`, integers, floats, `bool`,
//!   `Option<T>`, `Vec<T>`, any `DeserializeOwned` type). An `Option` arg
//!   that is absent is `None`. Args received as text (a gRPC status's
//!   metadata, [`ReceivedArgs::Text`]) are read by the field's type: the
//!   text itself for a type that takes a string, the JSON it holds for
//!   any other;
//! - a `#[terror(errors(A, B))]` field (a `Vec<SubError>` or
//!   `Box<[SubError]>`) from `errors`, each item rebuilt as the first
//!   declared type that has its code, with its pointer, parameter or
//!   header;
//! - a `#[terror(transparent)]` variant through its inner type;
//! - a `#[terror(skip)]` field as its type's `Default`.
//!
//! What the server never sends cannot come back, and decoding says so with
//! [`DecodeError::NotRebuildable`], naming the field and why:
//! - a source error (`#[source]`, `#[from]`, a field named `source`);
//! - a skipped field whose type has no `Default`;
//! - an arg whose type is not `DeserializeOwned`, such as `&'static str`
//!   (use `Cow<'static, str>`), or mentions a type parameter;
//! - sub-errors of an `errors` field that declares no types, or of a type
//!   that does not implement [`FromProblem`].
//!
//! A redacted error (by default a 5xx, unless it says `redact = false`)
//! is sent without args: a variant that has args then gives
//! [`DecodeError::Redacted`].

pub(crate) mod probe;
mod text;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::shorten::shorten;
use crate::terror::SubError;

/// A problem document as a client receives it: every member terror sends,
/// owned, and any other member kept in [`extensions`](Self::extensions).
///
/// Only `code` is required, since it names the error. The members RFC 9457
/// defines are optional, as the RFC makes them: an absent `type` is
/// `about:blank`, the RFC's default, and a member of RFC 9457 whose value
/// has the wrong type is ignored, as the RFC says a client must (section
/// 3.1). Serializing it gives the same members back, with `type` filled in.
///
/// ```
/// use terror_core::client::ReceivedProblem;
///
/// let minimal: ReceivedProblem =
///     serde_json::from_str(r#"{"code": "volume.not_found", "status": "404"}"#).unwrap();
/// assert_eq!(minimal.type_uri, "about:blank");
/// assert_eq!((minimal.title, minimal.status, minimal.detail), (None, None, None));
///
/// let not_terror = serde_json::from_str::<ReceivedProblem>(r#"{"title": "Not found"}"#);
/// assert_eq!(not_terror.unwrap_err().to_string(), "missing field `code` at line 1 column 22");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedProblem {
    /// The `type` URI (possibly relative), naming the error; `about:blank`
    /// when the document has none.
    #[serde(
        rename = "type",
        default = "about_blank",
        deserialize_with = "string_or_about_blank"
    )]
    pub type_uri: String,
    /// The localized title.
    #[serde(
        default,
        deserialize_with = "ignore_mistyped",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<String>,
    /// The HTTP status.
    #[serde(
        default,
        deserialize_with = "ignore_mistyped",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<u16>,
    /// The localized message, with its args.
    #[serde(
        default,
        deserialize_with = "ignore_mistyped",
        skip_serializing_if = "Option::is_none"
    )]
    pub detail: Option<String>,
    /// The request path.
    #[serde(
        default,
        deserialize_with = "ignore_mistyped",
        skip_serializing_if = "Option::is_none"
    )]
    pub instance: Option<String>,
    /// The stable error code, such as `volume.not_found`.
    pub code: String,
    /// The args, by name; `None` when the server redacted the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Map<String, Value>>,
    /// What the user can do about it, localized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The child errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ReceivedSubError>,
    /// How many child errors there were, when `errors` holds only some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors_total: Option<u64>,
    /// The request id, to quote when reporting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The W3C trace id of the request's `traceparent`, when it sent one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

/// A child error of a [`ReceivedProblem`] (an item of `errors`), with any
/// member it does not know kept in [`extensions`](Self::extensions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedSubError {
    /// The child's stable code.
    pub code: String,
    /// Its localized message.
    pub detail: String,
    /// An RFC 6901 JSON Pointer into the request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// A path or query parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// A request header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Its args; `None` when redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Map<String, Value>>,
    /// Its localized hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Its own child errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ReceivedSubError>,
    /// How many child errors it had, when `errors` holds only some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors_total: Option<u64>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

/// RFC 9457's default `type`.
fn about_blank() -> String {
    "about:blank".to_owned()
}

/// A `type` that is not a string is ignored, leaving the default.
fn string_or_about_blank<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(ignore_mistyped(deserializer)?.unwrap_or_else(about_blank))
}

/// An RFC 9457 member whose value has the wrong type is treated as absent
/// (RFC 9457 section 3.1), rather than failing the whole document.
fn ignore_mistyped<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    Ok(T::deserialize(value).ok())
}

/// What an error is rebuilt from: a problem's or an item's code, args and
/// child errors.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// The code.
    pub code: &'a str,
    /// The args; `None` when redacted.
    pub args: Option<ReceivedArgs<'a>>,
    /// The child errors.
    pub errors: &'a [ReceivedSubError],
}

/// The args an error is rebuilt from, as they were received.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum ReceivedArgs<'a> {
    /// A problem document's `args`: JSON values, by name.
    Json(&'a Map<String, Value>),
    /// Args as text, by name, as gRPC's `ErrorInfo.metadata` carries them:
    /// a string as itself, any other value as its JSON, a `null` left out.
    /// Each is read as its field's type reads text: a type that takes a
    /// string gets the text as it is (`"42"` stays a string for a `String`
    /// field), any other type the JSON the text holds.
    Text(&'a BTreeMap<String, String>),
}

impl ReceivedArgs<'_> {
    /// The arg `name` as `T`, `None` when it was not received.
    pub(crate) fn read<T: DeserializeOwned>(
        self,
        name: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        match self {
            ReceivedArgs::Json(args) => args.get(name).map(T::deserialize),
            ReceivedArgs::Text(args) => args
                .get(name)
                .map(|text| T::deserialize(text::TextValue(text))),
        }
    }
}

impl ReceivedProblem {
    /// Its code, args and child errors.
    pub fn parts(&self) -> Parts<'_> {
        Parts {
            code: &self.code,
            args: self.args.as_ref().map(ReceivedArgs::Json),
            errors: &self.errors,
        }
    }

    /// Rebuilds the server's error: `problem.decode::<VolumeError>()`.
    ///
    /// # Errors
    ///
    /// As [`FromProblem::from_problem`].
    pub fn decode<E: FromProblem>(&self) -> Result<E, DecodeError> {
        E::from_problem(self)
    }
}

impl ReceivedSubError {
    /// Its code, args and child errors.
    pub fn parts(&self) -> Parts<'_> {
        Parts {
            code: &self.code,
            args: self.args.as_ref().map(ReceivedArgs::Json),
            errors: &self.errors,
        }
    }

    /// The sub-error of `error` at this item's location.
    pub fn locate(&self, error: SubError) -> SubError {
        if let Some(pointer) = &self.pointer {
            error.at_pointer(pointer.clone())
        } else if let Some(parameter) = &self.parameter {
            error.at_parameter(parameter.clone())
        } else if let Some(header) = &self.header {
            error.at_header(header.clone())
        } else {
            error
        }
    }
}

/// An error type that can be rebuilt from a received problem. Every
/// `#[derive(Terror)]` type implements it when terror-core's `client`
/// feature is on; see the [module](self) for what each kind of field
/// needs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be rebuilt from a received problem",
    note = "a `#[derive(Terror)]` type implements `FromProblem` when terror-core's `client` feature is on: `terror-core = {{ version = \"0.1\", features = [\"client\"] }}`"
)]
pub trait FromProblem: Sized {
    /// Rebuilds the error from a code, its args and its child errors.
    ///
    /// # Errors
    ///
    /// [`DecodeError::UnknownCode`] when the code is none of this type's;
    /// the other variants when the code is one of them but the error
    /// cannot be rebuilt.
    fn from_parts(parts: Parts<'_>) -> Result<Self, DecodeError>;

    /// Rebuilds the error a problem document describes.
    ///
    /// # Errors
    ///
    /// As [`from_parts`](Self::from_parts).
    fn from_problem(problem: &ReceivedProblem) -> Result<Self, DecodeError> {
        Self::from_parts(problem.parts())
    }

    /// Rebuilds the error a child item describes.
    ///
    /// # Errors
    ///
    /// As [`from_parts`](Self::from_parts).
    fn from_item(item: &ReceivedSubError) -> Result<Self, DecodeError> {
        Self::from_parts(item.parts())
    }
}

/// Why a received problem could not be rebuilt as an error type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The code is not one of the type's: a foreign code, or one the
    /// client's version of the type does not know yet.
    UnknownCode {
        /// The code received, whole (`Display` quotes at most 64 bytes of
        /// it).
        code: String,
        /// The type asked for.
        expected: &'static str,
    },
    /// An arg the variant needs is not in `args`.
    MissingArg {
        /// The code.
        code: String,
        /// The arg's name.
        arg: &'static str,
    },
    /// An arg has a value its field's type cannot hold.
    InvalidArg {
        /// The code.
        code: String,
        /// The arg's name.
        arg: &'static str,
        /// The field's type, as written.
        rust_type: &'static str,
        /// What was wrong, as `serde_json` says it.
        reason: String,
    },
    /// The server redacted the error (by default a 5xx): it sent no args,
    /// and the variant has some.
    Redacted {
        /// The code.
        code: String,
    },
    /// The variant holds something the server never sends.
    NotRebuildable {
        /// The code.
        code: String,
        /// The field (or arg) that cannot come back.
        field: &'static str,
        /// Why.
        reason: NotRebuildable,
    },
    /// A child error in `errors` could not be rebuilt.
    Child {
        /// The parent's code.
        code: String,
        /// The child's index in `errors`.
        index: usize,
        /// Why.
        error: Box<DecodeError>,
    },
}

/// Why a field cannot be rebuilt from a problem document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotRebuildable {
    /// It is the error's source, which stays on the server.
    Source,
    /// It is skipped (never sent) and its type has no `Default`.
    SkippedWithoutDefault {
        /// The field's type, as written.
        rust_type: &'static str,
    },
    /// Its type is not `DeserializeOwned` (a borrowed `&'static str`, a
    /// type parameter).
    NotDeserializable {
        /// The field's type, as written.
        rust_type: &'static str,
    },
    /// It holds child errors whose types are not declared with
    /// `#[terror(errors(A, B))]`, or do not implement [`FromProblem`].
    UndeclaredChildren,
    /// It holds child errors in a collection other than `Vec<SubError>` or
    /// `Box<[SubError]>`.
    ChildCollection {
        /// The field's type, as written.
        rust_type: &'static str,
    },
}

/// How much of a text a server sent an error quotes: at most this many
/// bytes of a code it names, and of the message of an arg it could not
/// read, this many at each end. A server may send a value of any length,
/// and the error's text is the client's to log; a code is also kept whole
/// in its field.
pub(crate) const QUOTED_BYTES: usize = 64;

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::UnknownCode { code, expected } => write!(
                f,
                "`{}` is not a code of `{expected}`",
                shorten(Cow::Borrowed(code), QUOTED_BYTES)
            ),
            DecodeError::MissingArg { code, arg } => {
                write!(f, "`{code}` has no arg `{arg}`")
            }
            DecodeError::InvalidArg {
                code,
                arg,
                rust_type,
                reason,
            } => write!(
                f,
                "the arg `{arg}` of `{code}` is not a `{rust_type}`: {reason}"
            ),
            DecodeError::Redacted { code } => write!(
                f,
                "`{code}` was redacted by the server, which sent none of its args"
            ),
            DecodeError::NotRebuildable {
                code,
                field,
                reason,
            } => write!(
                f,
                "`{code}` cannot be rebuilt: its field `{field}` {reason}"
            ),
            DecodeError::Child { code, index, error } => {
                write!(f, "child {index} of `{code}`: {error}")
            }
        }
    }
}

impl fmt::Display for NotRebuildable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotRebuildable::Source => {
                f.write_str("is the error's source, which stays on the server")
            }
            NotRebuildable::SkippedWithoutDefault { rust_type } => write!(
                f,
                "is skipped, so never sent, and `{rust_type}` has no `Default`"
            ),
            NotRebuildable::NotDeserializable { rust_type } => write!(
                f,
                "has type `{rust_type}`, which is not `DeserializeOwned` (an owned type such as `String` or `Cow<'static, str>` is)"
            ),
            NotRebuildable::UndeclaredChildren => f.write_str(
                "holds child errors of types not declared with `#[terror(errors(Type, ...))]` or not implementing `FromProblem`",
            ),
            NotRebuildable::ChildCollection { rust_type } => write!(
                f,
                "holds its child errors in `{rust_type}`, not a `Vec<SubError>` or `Box<[SubError]>`"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The type name without its module path, for messages.
#[doc(hidden)]
pub fn short_type_name<T: ?Sized>() -> &'static str {
    let name = std::any::type_name::<T>();
    let base = name.split('<').next().unwrap_or(name);
    match base.rfind("::") {
        Some(i) if !name[..i].contains('<') => &name[i + 2..],
        _ => name,
    }
}
