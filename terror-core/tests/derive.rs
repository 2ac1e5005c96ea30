//! Behaviour of `#[derive(Terror)]`, as seen through the `Terror` trait:
//! codes, message ids, statuses and args (`derive_shapes.rs` has the rest).

#![allow(
    missing_docs,
    dead_code,
    clippy::too_many_lines,
    clippy::result_large_err
)]

use serde_json::json;
use terror_core::{ArgValue, StatusCode, Terror};

mod support;
use support::{arg_names, args_json};

// ---------------------------------------------------------------------------
// Codes and message ids
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "volume")]
enum VolumeError {
    #[error("not found")]
    NotFound,
    #[error("capacity exceeded")]
    CapacityExceeded,
    #[error("gone")]
    #[terror(code = "storage.gone")]
    Gone,
    #[error("locked")]
    #[terror(message = "volume-is-locked")]
    Locked,
    #[error("both")]
    #[terror(code = "storage.both_set", message = "custom-id")]
    Both,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum Unprefixed {
    #[error("http")]
    HTTPError,
    #[error("utf8")]
    Utf8Error,
    #[error("tls")]
    Tls,
}

#[test]
fn prefix_and_snake_case_codes() {
    assert_eq!(VolumeError::NotFound.code(), "volume.not_found");
    assert_eq!(
        VolumeError::CapacityExceeded.code(),
        "volume.capacity_exceeded"
    );
    assert_eq!(Unprefixed::HTTPError.code(), "http_error");
    assert_eq!(Unprefixed::Utf8Error.code(), "utf8_error");
    assert_eq!(Unprefixed::Tls.code(), "tls");
}

#[test]
fn explicit_code_replaces_prefix() {
    assert_eq!(VolumeError::Gone.code(), "storage.gone");
    assert_eq!(VolumeError::Gone.message_id(), "storage-gone");
}

#[test]
fn message_id_is_derived_from_code_or_overridden() {
    assert_eq!(VolumeError::NotFound.message_id(), "volume-not-found");
    assert_eq!(
        VolumeError::CapacityExceeded.message_id(),
        "volume-capacity-exceeded"
    );
    assert_eq!(Unprefixed::HTTPError.message_id(), "http-error");
    assert_eq!(VolumeError::Locked.code(), "volume.locked");
    assert_eq!(VolumeError::Locked.message_id(), "volume-is-locked");
    assert_eq!(VolumeError::Both.code(), "storage.both_set");
    assert_eq!(VolumeError::Both.message_id(), "custom-id");
}

// ---------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum Statuses {
    #[error("number")]
    #[terror(status = 404)]
    Number,
    #[error("name")]
    #[terror(status = NOT_FOUND)]
    Name,
    #[error("path")]
    #[terror(status = StatusCode::CONFLICT)]
    Path,
    #[error("full path")]
    #[terror(status = http::StatusCode::GONE)]
    FullPath,
    #[error("no constant")]
    #[terror(status = 599)]
    NoConstant,
    #[error("lowest")]
    #[terror(status = 100)]
    Lowest,
    #[error("default")]
    Default,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(status = 400)]
enum WithEnumStatus {
    #[error("inherits")]
    Inherits,
    #[error("overrides")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    Overrides,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(status = TOO_MANY_REQUESTS)]
enum WithEnumStatusName {
    #[error("inherits")]
    Inherits,
}

#[test]
fn status_forms() {
    assert_eq!(Statuses::Number.status(), StatusCode::NOT_FOUND);
    assert_eq!(Statuses::Name.status(), StatusCode::NOT_FOUND);
    assert_eq!(Statuses::Path.status(), StatusCode::CONFLICT);
    assert_eq!(Statuses::FullPath.status(), StatusCode::GONE);
    assert_eq!(Statuses::NoConstant.status().as_u16(), 599);
    assert_eq!(Statuses::Lowest.status(), StatusCode::CONTINUE);
}

#[test]
fn status_defaults_to_500() {
    assert_eq!(
        Statuses::Default.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(Unprefixed::Tls.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn enum_status_is_the_variant_default() {
    assert_eq!(WithEnumStatus::Inherits.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        WithEnumStatus::Overrides.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        WithEnumStatusName::Inherits.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

// ---------------------------------------------------------------------------
// Args
// ---------------------------------------------------------------------------

#[derive(Debug, serde::Serialize)]
struct Limits {
    max: u32,
    unit: &'static str,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "args")]
enum ArgsError {
    #[error("named")]
    Named { name: String, size_gb: u64 },
    #[error("tuple {0} {1}")]
    Tuple(String, u32),
    #[error("unit")]
    Unit,
    #[error("renamed")]
    Renamed {
        #[terror(rename = "volume_name")]
        name: String,
        other: u8,
    },
    #[error("tuple renamed")]
    TupleRenamed(#[terror(rename = "first")] u8, u8),
    #[error("skipped")]
    Skipped {
        shown: u8,
        #[terror(skip)]
        secret: String,
    },
    #[error("with source")]
    WithSource {
        name: String,
        #[source]
        cause: std::io::Error,
    },
    #[error("with from")]
    WithFrom {
        #[from]
        cause: std::fmt::Error,
    },
    #[error("named source")]
    NamedSource {
        path: String,
        source: std::io::Error,
    },
    #[error("typed")]
    Typed {
        big: u64,
        negative: i64,
        ratio: f64,
        flag: bool,
        missing: Option<u32>,
        present: Option<u32>,
        text: String,
        fixed: &'static str,
        letter: char,
        hosts: Vec<String>,
        limits: Limits,
    },
    #[error("raw")]
    Raw { r#type: String },
}

#[test]
fn named_fields_are_args() {
    let error = ArgsError::Named {
        name: "db-02".into(),
        size_gb: 100,
    };
    assert_eq!(args_json(&error), json!({"name": "db-02", "size_gb": 100}));
    assert_eq!(arg_names(&error), ["name", "size_gb"]);
}

#[test]
fn tuple_fields_are_arg0_arg1() {
    let error = ArgsError::Tuple("db".into(), 7);
    assert_eq!(args_json(&error), json!({"arg0": "db", "arg1": 7}));
    assert_eq!(arg_names(&error), ["arg0", "arg1"]);
}

#[test]
fn unit_variant_has_no_args() {
    assert!(ArgsError::Unit.args().is_empty());
    assert_eq!(args_json(&ArgsError::Unit), json!({}));
}

#[test]
fn rename_changes_the_arg_name() {
    let error = ArgsError::Renamed {
        name: "db".into(),
        other: 1,
    };
    assert_eq!(arg_names(&error), ["volume_name", "other"]);
    assert_eq!(args_json(&error), json!({"volume_name": "db", "other": 1}));

    let error = ArgsError::TupleRenamed(1, 2);
    assert_eq!(arg_names(&error), ["first", "arg1"]);
}

#[test]
fn skipped_field_is_not_an_arg() {
    let error = ArgsError::Skipped {
        shown: 1,
        secret: "hunter2".into(),
    };
    assert_eq!(args_json(&error), json!({"shown": 1}));
}

#[test]
fn source_fields_are_not_args() {
    let error = ArgsError::WithSource {
        name: "db".into(),
        cause: std::io::Error::other("disk"),
    };
    assert_eq!(args_json(&error), json!({"name": "db"}));

    let error = ArgsError::WithFrom {
        cause: std::fmt::Error,
    };
    assert!(error.args().is_empty());

    let error = ArgsError::NamedSource {
        path: "/x".into(),
        source: std::io::Error::other("disk"),
    };
    assert_eq!(args_json(&error), json!({"path": "/x"}));
}

#[test]
fn from_field_still_converts() {
    fn fails() -> Result<(), ArgsError> {
        Err(std::fmt::Error)?;
        Ok(())
    }
    let error = fails().unwrap_err();
    assert_eq!(error.code(), "args.with_from");
}

#[test]
fn args_keep_types_and_order() {
    let error = ArgsError::Typed {
        big: u64::MAX,
        negative: -42,
        ratio: 1.5,
        flag: true,
        missing: None,
        present: Some(3),
        text: "hello".into(),
        fixed: "static",
        letter: 'x',
        hosts: vec!["a".into(), "b".into()],
        limits: Limits { max: 7, unit: "GB" },
    };
    assert_eq!(
        arg_names(&error),
        [
            "big", "negative", "ratio", "flag", "missing", "present", "text", "fixed", "letter",
            "hosts", "limits"
        ]
    );
    assert_eq!(
        args_json(&error),
        json!({
            "big": 18_446_744_073_709_551_615_u64,
            "negative": -42,
            "ratio": 1.5,
            "flag": true,
            "missing": null,
            "present": 3,
            "text": "hello",
            "fixed": "static",
            "letter": "x",
            "hosts": ["a", "b"],
            "limits": {"max": 7, "unit": "GB"},
        })
    );
    // Exact in the serialized text too, in declaration order.
    assert_eq!(
        serde_json::to_string(&error.args()).unwrap(),
        r#"{"big":18446744073709551615,"negative":-42,"ratio":1.5,"flag":true,"missing":null,"present":3,"text":"hello","fixed":"static","letter":"x","hosts":["a","b"],"limits":{"max":7,"unit":"GB"}}"#
    );
    let args = error.args();
    assert_eq!(args.get("big"), Some(&ArgValue::Int(i128::from(u64::MAX))));
    assert_eq!(args.get("missing"), Some(&ArgValue::Null));
    assert_eq!(args.get("ratio"), Some(&ArgValue::Float(1.5)));
    assert_eq!(args.get("hosts"), Some(&ArgValue::Json(json!(["a", "b"]))));
}

#[test]
fn raw_identifier_field_loses_its_prefix() {
    let error = ArgsError::Raw {
        r#type: "ssd".into(),
    };
    assert_eq!(args_json(&error), json!({"type": "ssd"}));
}
