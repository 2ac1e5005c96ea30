//! Reading a deserializer's message: what terror recognizes in it, and the
//! sub-error a client sees for it.
//!
//! serde, serde_json, serde_urlencoded and the standard library's `FromStr`
//! errors explain a rejected value in English text, and so do a service's
//! own `Deserialize`, `TryFrom` and `FromStr` impls, whose text can name
//! anything (a database host, a key). This module is the only place such
//! text is read: it recognizes the fixed shapes serde and the standard
//! library use and takes from them only field names, the accepted variant
//! names and the kinds of values expected and found. Nothing else of a
//! message reaches a client; what is not recognized becomes a generic "value
//! not accepted", and the text itself goes to the debug log.
//!
//! The second half turns what was recognized into the sub-error a client
//! sees, at a JSON pointer (bodies) or a parameter (paths and queries).

use terror_core::log::LogSafe;
use terror_core::{json_pointer, SubError};

use crate::errors::RequestError;

/// What a deserializer's message says, as far as terror recognizes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason<'a> {
    /// `missing field `name``.
    MissingField(&'a str),
    /// `unknown field `name`, expected ...`.
    UnknownField(&'a str),
    /// `duplicate field `name``.
    DuplicateField(&'a str),
    /// `unknown variant `x`, expected one of `a`, `b``: the names accepted.
    UnknownVariant(Vec<&'a str>),
    /// A value of the wrong kind: `invalid type: string "x", expected u64`,
    /// or a `FromStr` error of a number or boolean.
    WrongType {
        expected: &'static str,
        found: &'static str,
    },
    /// An integer outside the range of the integer type expected:
    /// `invalid value: integer `300`, expected u8`, or a `FromStr` error
    /// saying the number is too large or too small.
    OutOfRange(Range),
    /// Anything else, a service's own messages included.
    Unrecognized,
}

/// Which bounds an integer broke, as far as they are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Range {
    /// The type's range is known.
    Between(i128, i128),
    /// Too large for a type that is not known.
    TooLarge,
    /// Too small (negative, for an unsigned type) for a type not known.
    TooSmall,
}

/// Recognizes a deserializer's message.
pub(crate) fn message(message: &str) -> Reason<'_> {
    if let Some(field) = quoted_after(message, "missing field ") {
        return Reason::MissingField(field);
    }
    if let Some(field) = quoted_after(message, "unknown field ") {
        return Reason::UnknownField(field);
    }
    if let Some(field) = quoted_after(message, "duplicate field ") {
        return Reason::DuplicateField(field);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return Reason::UnknownVariant(accepted_names(rest));
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return Reason::WrongType {
            expected: kind_of_expected(expected),
            found: kind_of_found(found),
        };
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        if kind_of_found(found) == "integer" {
            if let Some((min, max)) = integer_range(expected) {
                return Reason::OutOfRange(Range::Between(min, max));
            }
        }
        return Reason::Unrecognized;
    }
    match message {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            Reason::WrongType {
                expected: "integer",
                found: "string",
            }
        }
        "number too large to fit in target type" => Reason::OutOfRange(Range::TooLarge),
        "number too small to fit in target type" => Reason::OutOfRange(Range::TooSmall),
        "invalid float literal" => Reason::WrongType {
            expected: "number",
            found: "string",
        },
        "provided string was not `true` or `false`" => Reason::WrongType {
            expected: "boolean",
            found: "string",
        },
        _ => Reason::Unrecognized,
    }
}

/// The name between backticks right after `prefix`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message
        .strip_prefix(prefix)?
        .strip_prefix('`')?
        .split('`')
        .next()
}

/// The names serde lists after `, expected ` (`` `a` ``, `` `a` or `b` ``,
/// `` one of `a`, `b`, `c` ``); none after `, there are no variants`.
fn accepted_names(rest: &str) -> Vec<&str> {
    // Skip the variant the client sent: up to the first "`, ".
    let Some((_, list)) = rest.split_once("`, expected ") else {
        return Vec::new();
    };
    list.split('`').skip(1).step_by(2).collect()
}

/// The kind of value serde expected, in the words messages select on:
/// `integer`, `number`, `string`, `boolean`, `array`, `object`, `null` or
/// `other`.
pub(crate) fn kind_of_expected(expected: &str) -> &'static str {
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

/// The range of a primitive integer type named as serde and `type_name`
/// name it (`u8`, `i64`); `None` for any other text, and for the 128-bit
/// types, whose ranges are not all integers a message can show.
pub(crate) fn integer_range(type_name: &str) -> Option<(i128, i128)> {
    Some(match type_name {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" => (0, u64::MAX.into()),
        "usize" => (0, i128::try_from(usize::MAX).ok()?),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" => (i64::MIN.into(), i64::MAX.into()),
        "isize" => (
            i128::try_from(isize::MIN).ok()?,
            i128::try_from(isize::MAX).ok()?,
        ),
        _ => return None,
    })
}

/// The kind of a primitive type as `std::any::type_name` names it (axum's
/// path errors give it): `u32`, `f64`, `bool`, `char`; `other` for any
/// other type, whose name is never shown.
pub(crate) fn kind_of_type_name(type_name: &str) -> &'static str {
    match type_name {
        "bool" => "boolean",
        "char" | "&str" | "alloc::string::String" => "string",
        "f32" | "f64" => "number",
        "u128" | "i128" => "integer",
        name if integer_range(name).is_some() => "integer",
        _ => "other",
    }
}

/// What a message leaves out and the value says: `-5` for an unsigned
/// integer is "invalid digit", but the client sent a number too small.
pub(crate) fn refine<'a>(reason: Reason<'a>, sent: Option<&str>) -> Reason<'a> {
    let negative = sent
        .and_then(|v| v.strip_prefix('-'))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    match reason {
        Reason::WrongType {
            expected: "integer",
            ..
        } if negative => Reason::OutOfRange(Range::TooSmall),
        other => other,
    }
}

/// serde_json appends " at line L column C" to data errors; the pointer
/// says where instead.
pub(crate) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// The pointer a body's sub-error shows, for an error serde raised at
/// `pointer`: a missing or duplicate field is raised by the object that
/// lacks or repeats it, and shown at the field.
pub(crate) fn value_pointer(reason: &Reason<'_>, pointer: &str) -> String {
    match reason {
        Reason::MissingField(field) | Reason::DuplicateField(field) => {
            format!("{pointer}{}", json_pointer([field]))
        }
        _ => pointer.to_owned(),
    }
}

/// The sub-error for a body value, at `pointer`.
pub(crate) fn value_error(reason: Reason<'_>, message: &str, pointer: &str) -> SubError {
    let error = match reason {
        Reason::MissingField(field) => {
            return SubError::new(RequestError::MissingField {
                field: field.to_owned(),
            })
            .at_pointer(value_pointer(&reason, pointer));
        }
        Reason::DuplicateField(field) => {
            return SubError::new(RequestError::DuplicateField {
                field: field.to_owned(),
            })
            .at_pointer(value_pointer(&reason, pointer));
        }
        // serde's path already ends at the unknown field.
        Reason::UnknownField(field) => RequestError::UnknownField {
            field: field.to_owned(),
        },
        Reason::WrongType { expected, found } => RequestError::WrongType {
            expected_kind: expected,
            found_kind: found,
        },
        other => shared_error(other, message, "pointer", pointer),
    };
    SubError::new(error).at_pointer(pointer)
}

/// The sub-error for a path or query parameter.
pub(crate) fn parameter_error(
    reason: Reason<'_>,
    message: &str,
    name: &str,
    value: String,
) -> SubError {
    let error = match reason {
        Reason::MissingField(field) => {
            return SubError::new(RequestError::MissingParameter {
                parameter: field.to_owned(),
            })
            .at_parameter(field);
        }
        Reason::UnknownField(field) => {
            return SubError::new(RequestError::UnknownParameter {
                parameter: field.to_owned(),
            })
            .at_parameter(field);
        }
        Reason::WrongType { expected, .. } => RequestError::InvalidParameter {
            value,
            expected_kind: expected,
        },
        other => shared_error(other, message, "parameter", name),
    };
    let sub = SubError::new(error);
    if name.is_empty() {
        sub
    } else {
        sub.at_parameter(name)
    }
}

/// A path parameter that does not parse as the primitive `type_name`.
pub(crate) fn parse_error(name: &str, value: String, type_name: &str) -> SubError {
    let kind = kind_of_type_name(type_name);
    let integer_literal = {
        let digits = value.strip_prefix('-').unwrap_or(&value);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let reason = match integer_range(type_name) {
        // All digits, yet no integer of the type: out of its range.
        Some((min, max)) if integer_literal => Reason::OutOfRange(Range::Between(min, max)),
        _ => Reason::WrongType {
            expected: kind,
            found: "string",
        },
    };
    parameter_error(reason, "", name, value)
}

/// The errors bodies and parameters share; what is not recognized is
/// logged (`at` names where) and becomes `request.invalid_value`.
fn shared_error(reason: Reason<'_>, message: &str, what: &str, at: &str) -> RequestError {
    match reason {
        Reason::UnknownVariant(allowed) => RequestError::UnknownVariant {
            allowed: allowed.into_iter().map(str::to_owned).collect(),
        },
        Reason::OutOfRange(range) => match range {
            Range::Between(min, max) => RequestError::OutOfRange {
                bound: "between",
                min: Some(min),
                max: Some(max),
            },
            Range::TooLarge => RequestError::OutOfRange {
                bound: "too_large",
                min: None,
                max: None,
            },
            Range::TooSmall => RequestError::OutOfRange {
                bound: "too_small",
                min: None,
                max: None,
            },
        },
        _ => {
            tracing::debug!(
                at,
                kind = what,
                reason = %LogSafe(message),
                "terror: a request value was not accepted; the client sees a generic message"
            );
            RequestError::InvalidValue {
                reason: message.to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message serde, serde_json and serde_urlencoded make for the
    /// shapes terror recognizes, made by the libraries themselves.
    #[test]
    fn recognizes_what_the_libraries_say() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Body {
            tier: Tier,
            copies: u8,
            size: i64,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "lowercase")]
        enum Tier {
            Fast,
            Slow,
            Archive,
        }
        let said = |json: &str| {
            let error = serde_json::from_str::<Body>(json).unwrap_err();
            let text = error.to_string();
            text.rfind(" at line ")
                .map_or(text.clone(), |at| text[..at].to_owned())
        };
        let cases: Vec<(String, Reason<'static>)> = vec![
            (
                said(r#"{"copies": 1, "size": 1}"#),
                Reason::MissingField("tier"),
            ),
            (
                said(r#"{"tier": "fast", "copies": 1, "size": 1, "sise": 2}"#),
                Reason::UnknownField("sise"),
            ),
            (
                said(r#"{"tier": "fast", "tier": "slow", "copies": 1, "size": 1}"#),
                Reason::DuplicateField("tier"),
            ),
            (
                said(r#"{"tier": "tape", "copies": 1, "size": 1}"#),
                Reason::UnknownVariant(vec!["fast", "slow", "archive"]),
            ),
            (
                said(r#"{"tier": "fast", "copies": "1", "size": 1}"#),
                Reason::WrongType {
                    expected: "integer",
                    found: "string",
                },
            ),
            (
                said(r#"{"tier": "fast", "copies": 300, "size": 1}"#),
                Reason::OutOfRange(Range::Between(0, 255)),
            ),
            (
                said(r#"{"tier": "fast", "copies": 1, "size": 1e3}"#),
                Reason::WrongType {
                    expected: "integer",
                    found: "number",
                },
            ),
            (
                said(r#"{"tier": "fast", "copies": -1, "size": 1}"#),
                Reason::OutOfRange(Range::Between(0, 255)),
            ),
        ];
        for (text, expected) in &cases {
            assert_eq!(message(text), *expected, "{text}");
        }
    }

    /// serde_urlencoded reports the standard library's `FromStr` errors.
    #[test]
    fn recognizes_what_form_decoding_says() {
        let form = |body: &str| {
            serde_urlencoded::from_str::<std::collections::HashMap<String, u8>>(body)
                .unwrap_err()
                .to_string()
        };
        for (body, reason) in [
            (
                "a=x",
                Reason::WrongType {
                    expected: "integer",
                    found: "string",
                },
            ),
            (
                "a=",
                Reason::WrongType {
                    expected: "integer",
                    found: "string",
                },
            ),
            ("a=300", Reason::OutOfRange(Range::TooLarge)),
            (
                "a=-1",
                Reason::WrongType {
                    expected: "integer",
                    found: "string",
                },
            ),
        ] {
            assert_eq!(message(&form(body)), reason, "{body}");
        }
        assert_eq!(
            message("unknown variant `x`, expected `a` or `b`"),
            Reason::UnknownVariant(vec!["a", "b"])
        );
        assert_eq!(
            message("unknown variant `x`, there are no variants"),
            Reason::UnknownVariant(vec![])
        );
    }

    #[test]
    fn anything_else_is_not_recognized() {
        for text in [
            "key sk-live-123 rejected by db-7.internal:5432",
            "invalid value: string \"x\", expected a key from the vault at 10.0.0.1",
            "invalid length 3, expected a tuple of size 2",
            "",
        ] {
            assert_eq!(message(text), Reason::Unrecognized, "{text}");
        }
    }

    #[test]
    fn kinds() {
        for (expected, kind) in [
            ("u32", "integer"),
            ("an integer", "integer"),
            ("f64", "number"),
            ("a string", "string"),
            ("a boolean", "boolean"),
            ("a sequence", "array"),
            ("struct Volume", "object"),
            ("a map", "object"),
            ("enum Tier", "other"),
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
        assert_eq!(kind_of_type_name("u32"), "integer");
        assert_eq!(kind_of_type_name("my_service::Tier"), "other");
        assert_eq!(integer_range("i8"), Some((-128, 127)));
        assert_eq!(integer_range("u128"), None);
    }
}
