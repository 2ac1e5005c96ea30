//! For clients: a `tonic::Status` back into the error enum the server
//! declared, through what `FromProblem` already does for problem
//! documents.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use terror_core::__private::shorten;
use terror_core::catalog::{Catalog, CatalogEntry};
use terror_core::client::{DecodeError, FromProblem, Parts, ReceivedArgs, ReceivedSubError};
use terror_core::json_pointer;
use terror_ftl::ids::{grpc_reason, metadata_key, MAX_REASON_LEN};
use tonic_types::{FieldViolation, StatusExt};

/// Why a status could not become the error type asked for.
#[derive(Debug)]
#[non_exhaustive]
pub enum StatusDecodeError {
    /// The status has no `ErrorInfo`: it is not one terror made.
    NoErrorInfo,
    /// No error this program knows has the reason: a foreign error, or one
    /// the client's version of the types does not know yet.
    UnknownReason {
        /// The reason received, whole (its `Display` quotes at most 63
        /// bytes of it).
        reason: String,
    },
    /// The reason's error could not be rebuilt as the type asked for.
    Decode(DecodeError),
}

impl fmt::Display for StatusDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusDecodeError::NoErrorInfo => f.write_str("the status has no ErrorInfo"),
            // A reason is at most 63 characters; a server may send any
            // length, and this text is the client's to log. Any reason
            // AIP-193 allows is shown whole.
            StatusDecodeError::UnknownReason { reason } => write!(
                f,
                "no error known here has the reason `{}`",
                shorten(Cow::Borrowed(reason), MAX_REASON_LEN + '…'.len_utf8())
            ),
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
/// text: a string field gets the text as it is (`"42"` and `"null"`
/// included), any other field the JSON the text holds (a number, a list,
/// an object), and an `Option` field whose key is absent `None`
/// ([`ReceivedArgs::Text`]). Sub-errors come back from `BadRequest`, by
/// their reasons; AIP-193 gives a field violation no metadata, so a
/// sub-error with args cannot come back ([`DecodeError::MissingArg`]).
///
/// # Errors
///
/// [`StatusDecodeError`]: no `ErrorInfo`, a reason no known error has, or
/// what [`FromProblem`] says of the rest.
pub fn decode<E: FromProblem>(status: &tonic::Status) -> Result<E, StatusDecodeError> {
    let details = status.get_error_details();
    let info = details.error_info().ok_or(StatusDecodeError::NoErrorInfo)?;
    let entry = by_reason(&info.reason)?;
    let args: BTreeMap<String, String> = entry
        .args()
        .iter()
        .filter_map(|arg| {
            let text = info.metadata.get(&metadata_key(arg.name()))?;
            Some((arg.name().to_owned(), text.clone()))
        })
        .collect();
    let errors = match details.bad_request() {
        Some(bad_request) => sub_errors(&bad_request.field_violations)?,
        None => Vec::new(),
    };
    let parts = Parts {
        code: entry.code(),
        args: (!entry.redacted()).then_some(ReceivedArgs::Text(&args)),
        errors: &errors,
    };
    E::from_parts(parts).map_err(StatusDecodeError::Decode)
}

/// Each field violation as the item of a problem's `errors` it stands for.
fn sub_errors(violations: &[FieldViolation]) -> Result<Vec<ReceivedSubError>, StatusDecodeError> {
    let mut errors = Vec::with_capacity(violations.len());
    for violation in violations {
        let sub = by_reason(&violation.reason)?;
        let detail = violation
            .localized_message
            .as_ref()
            .map_or(violation.description.as_str(), |m| m.message.as_str());
        errors.push(ReceivedSubError {
            code: sub.code().to_owned(),
            detail: detail.to_owned(),
            pointer: (!violation.field.is_empty()).then(|| pointer(&violation.field)),
            parameter: None,
            header: None,
            args: None,
            hint: None,
            errors: Vec::new(),
            errors_total: None,
            extensions: BTreeMap::new(),
        });
    }
    Ok(errors)
}

/// The registered error whose code has `reason`.
///
/// The errors a program registers are fixed before `main` runs, so they
/// are indexed by reason once, on the first status decoded: a status may
/// carry many violations, and the catalog many codes, and each is then
/// one lookup rather than a scan (and the catalog is not collected and
/// sorted again for every status). Two codes with one reason are refused
/// by [`Catalog::check`]; if a program skips the check, the first code in
/// the catalog's order answers for the reason.
fn by_reason(reason: &str) -> Result<&'static CatalogEntry, StatusDecodeError> {
    static BY_REASON: OnceLock<HashMap<String, &'static CatalogEntry>> = OnceLock::new();
    let index = BY_REASON.get_or_init(|| {
        let mut index = HashMap::new();
        for &entry in Catalog::collect().entries() {
            index.entry(grpc_reason(entry.code())).or_insert(entry);
        }
        index
    });
    index
        .get(reason)
        .copied()
        .ok_or_else(|| StatusDecodeError::UnknownReason {
            reason: reason.to_owned(),
        })
}

/// A field path of `google.rpc.BadRequest` back as a JSON Pointer:
/// `disks[0].name` is `/disks/0/name`, and a name quoted in backticks
/// (`` labels.`eu.west` ``, a doubled backtick standing for one) is read
/// whole. Any other text is read as leniently as it can be, in one pass:
/// a path from a hostile server becomes some pointer, never an error.
fn pointer(field: &str) -> String {
    let mut segments: Vec<Cow<'_, str>> = Vec::new();
    let mut rest = field;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('`') {
            let (name, after) = unquote(quoted);
            segments.push(Cow::Owned(name));
            rest = after;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            if end > 0 {
                segments.push(Cow::Borrowed(&rest[..end]));
            }
            rest = &rest[end..];
        }
        while let Some(index) = rest.strip_prefix('[') {
            let end = index.find(']').unwrap_or(index.len());
            if end > 0 {
                segments.push(Cow::Borrowed(&index[..end]));
            }
            rest = index.get(end + 1..).unwrap_or_default();
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    json_pointer(segments)
}

/// A name quoted in backticks, from just after its opening one: the name,
/// and what follows its closing one (nothing, when it has none).
fn unquote(quoted: &str) -> (String, &str) {
    let mut name = String::with_capacity(quoted.len());
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '`' {
            name.push(c);
        } else if quoted[at + 1..].starts_with('`') {
            name.push('`');
            chars.next();
        } else {
            return (name, &quoted[at + 1..]);
        }
    }
    (name, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_become_pointers() {
        assert_eq!(pointer("name"), "/name");
        assert_eq!(pointer("disks[0].size_gb"), "/disks/0/size_gb");
        assert_eq!(pointer("a[1][2]"), "/a/1/2");
        assert_eq!(pointer("a/b.c~d"), "/a~1b/c~0d");
        assert_eq!(pointer("labels.`eu.west`[0]"), "/labels/eu.west/0");
        assert_eq!(pointer("a.`x[1]`.`b``c`.``"), "/a/x[1]/b`c/");
        assert_eq!(pointer(""), "");
    }

    #[test]
    fn a_hostile_path_is_read_leniently() {
        assert_eq!(pointer("`unclosed.name"), "/unclosed.name");
        assert_eq!(pointer("a[1"), "/a/1");
        assert_eq!(pointer("a..b"), "/a/b");
        assert_eq!(pointer("]x[]`"), "/]x/");
        assert_eq!(pointer("`a`b"), "/a/b");
    }

    proptest::proptest! {
        /// Any pointer to a field a request can have comes back whole
        /// through the field path a status names it by.
        #[test]
        fn a_pointer_survives_its_field_path(
            keys in proptest::collection::vec("[a-z0-9.\\[\\]`~/ _-]{0,6}", 0..6),
        ) {
            let sent = json_pointer(&keys);
            let path = crate::status::field_path(&terror_core::Location::Pointer(sent.clone()));
            proptest::prop_assert_eq!(pointer(&path), sent, "{}", path);
        }
    }
}
