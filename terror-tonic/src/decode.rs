//! For clients: a `tonic::Status` back into the error enum the server
//! declared, through what `FromProblem` already does for problem
//! documents.

use std::fmt;

use serde_json::{Map, Value};
use terror_core::catalog::{Catalog, CatalogEntry};
use terror_core::client::{DecodeError, FromProblem, ReceivedProblem, ReceivedSubError};
use terror_ftl::ids::{grpc_reason, metadata_key};
use terror_ftl::NumberKind;
use tonic_types::{ErrorDetails, StatusExt};

/// Why a status could not become the error type asked for.
#[derive(Debug)]
#[non_exhaustive]
pub enum StatusDecodeError {
    /// The status has no `ErrorInfo`: it is not one terror made.
    NoErrorInfo,
    /// No error this program knows has the reason: a foreign error, or one
    /// the client's version of the types does not know yet.
    UnknownReason {
        /// The reason received.
        reason: String,
    },
    /// The reason's error could not be rebuilt as the type asked for.
    Decode(DecodeError),
}

impl fmt::Display for StatusDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusDecodeError::NoErrorInfo => f.write_str("the status has no ErrorInfo"),
            StatusDecodeError::UnknownReason { reason } => {
                write!(f, "no error known here has the reason `{reason}`")
            }
            StatusDecodeError::Decode(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl std::error::Error for StatusDecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StatusDecodeError::Decode(error) => Some(error),
            _ => None,
        }
    }
}

/// Rebuilds the server's error from a status made by terror-tonic:
/// `decode::<VolumeError>(&status)`.
///
/// The reason names the code, among the errors this program registers
/// (every `#[derive(Terror)]` type it links); each arg comes back from the
/// metadata under its lowerCamelCase key, read as its field's type reads
/// it (a number as a number, a string as itself, anything else as the
/// JSON it was sent as). Sub-errors come back from `BadRequest`, by their
/// reasons; AIP-193 gives a field violation no metadata, so a sub-error
/// with args cannot come back ([`DecodeError::MissingArg`]).
///
/// # Errors
///
/// [`StatusDecodeError`]: no `ErrorInfo`, a reason no known error has, or
/// what [`FromProblem`] says of the rest.
pub fn decode<E: FromProblem>(status: &tonic::Status) -> Result<E, StatusDecodeError> {
    let details = status.get_error_details();
    let problem = received(status, &details, &Catalog::collect())?;
    E::from_problem(&problem).map_err(StatusDecodeError::Decode)
}

/// The problem a status stands for, as much of it as the status carries.
fn received(
    status: &tonic::Status,
    details: &ErrorDetails,
    catalog: &Catalog,
) -> Result<ReceivedProblem, StatusDecodeError> {
    let info = details.error_info().ok_or(StatusDecodeError::NoErrorInfo)?;
    let entry = by_reason(catalog, &info.reason)?;
    let args = (!entry.redacted()).then(|| {
        entry
            .args()
            .iter()
            .filter_map(|arg| {
                let text = info.metadata.get(&metadata_key(arg.name()))?;
                Some((arg.name().to_owned(), value(arg.rust_type(), text)))
            })
            .collect::<Map<String, Value>>()
    });
    let mut errors = Vec::new();
    if let Some(bad_request) = details.bad_request() {
        for violation in &bad_request.field_violations {
            let sub = by_reason(catalog, &violation.reason)?;
            let detail = violation
                .localized_message
                .as_ref()
                .map_or(violation.description.as_str(), |m| m.message.as_str());
            let mut item = serde_json::json!({ "code": sub.code(), "detail": detail });
            if !violation.field.is_empty() {
                item["pointer"] = Value::String(pointer(&violation.field));
            }
            if let Ok(item) = serde_json::from_value::<ReceivedSubError>(item) {
                errors.push(item);
            }
        }
    }
    let localized = details.localized_message();
    let mut problem = serde_json::json!({
        "code": entry.code(),
        "status": entry.status(),
        "detail": localized.map_or(status.message(), |m| m.message.as_str()),
    });
    if let Some(args) = args {
        problem["args"] = Value::Object(args);
    }
    if let Some(request) = details.request_info() {
        problem["request_id"] = Value::String(request.request_id.clone());
    }
    let mut problem: ReceivedProblem =
        serde_json::from_value(problem).map_err(|_| StatusDecodeError::NoErrorInfo)?;
    problem.errors = errors;
    Ok(problem)
}

/// The catalog entry whose code has `reason`.
fn by_reason(catalog: &Catalog, reason: &str) -> Result<&'static CatalogEntry, StatusDecodeError> {
    catalog
        .entries()
        .iter()
        .copied()
        .find(|entry| grpc_reason(entry.code()) == reason)
        .ok_or_else(|| StatusDecodeError::UnknownReason {
            reason: reason.to_owned(),
        })
}

/// A metadata value as the arg's JSON: a number for a numeric type, the
/// text itself for a string, else the JSON it was sent as (the text, when
/// it is none).
fn value(rust_type: &str, text: &str) -> Value {
    let numeric = !matches!(NumberKind::of_rust_type(rust_type), NumberKind::NotANumber);
    let textual = ["String", "str", "Cow<'static, str>", "char"]
        .iter()
        .any(|t| rust_type.ends_with(t));
    if textual && !numeric {
        return Value::String(text.to_owned());
    }
    if text.is_empty() {
        return Value::Null;
    }
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// A field path of `google.rpc.BadRequest` back as a JSON Pointer:
/// `disks[0].name` is `/disks/0/name`.
fn pointer(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 4);
    for part in field.split('.') {
        let (name, indices) = part
            .split_once('[')
            .map_or((part, ""), |(n, rest)| (n, rest));
        if !name.is_empty() {
            out.push('/');
            out.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        for index in indices.split('[') {
            let index = index.trim_end_matches(']');
            if !index.is_empty() {
                out.push('/');
                out.push_str(index);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_become_pointers() {
        assert_eq!(pointer("name"), "/name");
        assert_eq!(pointer("disks[0].size_gb"), "/disks/0/size_gb");
        assert_eq!(pointer("a[1][2]"), "/a/1/2");
    }

    #[test]
    fn metadata_values_become_json_by_type() {
        assert_eq!(value("u64", "500"), Value::from(500));
        assert_eq!(value("String", "500"), Value::from("500"));
        assert_eq!(value("Option<u32>", ""), Value::Null);
        assert_eq!(value("bool", "true"), Value::from(true));
        assert_eq!(
            value("Vec<String>", r#"["a","b"]"#),
            serde_json::json!(["a", "b"])
        );
    }
}
