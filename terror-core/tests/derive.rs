//! Behaviour of `#[derive(Terror)]`, as seen through the `Terror` trait.

#![allow(
    missing_docs,
    dead_code,
    clippy::too_many_lines,
    clippy::result_large_err
)]

use std::time::Duration;

use serde_json::{json, Value};
use terror_core::{is_redacted, ArgValue, Location, StatusCode, SubError, Terror};

/// The args of an error as JSON.
fn args_json(error: &impl Terror) -> Value {
    serde_json::to_value(error.args()).unwrap()
}

/// The arg names of an error, in order.
fn arg_names(error: &impl Terror) -> Vec<String> {
    error.args().iter().map(|(n, _)| n.to_owned()).collect()
}

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
    #[error("io")]
    Io,
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
    assert_eq!(Unprefixed::Io.code(), "io");
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
    assert_eq!(Unprefixed::Io.status(), StatusCode::INTERNAL_SERVER_ERROR);
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

// ---------------------------------------------------------------------------
// Sub-errors
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "validation", status = 422)]
enum FieldError {
    #[error("too long")]
    TooLong { max: u32 },
    #[error("required")]
    Required,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "request")]
enum RequestError {
    #[error("invalid")]
    #[terror(status = 400)]
    Invalid {
        count: usize,
        #[terror(errors)]
        errors: Vec<SubError>,
    },
    #[error("plain")]
    Plain,
}

#[test]
fn errors_field_holds_sub_errors() {
    let error = RequestError::Invalid {
        count: 2,
        errors: vec![
            SubError::new(FieldError::TooLong { max: 10 }).at_pointer("/name"),
            SubError::new(FieldError::Required).at_pointer("/size"),
        ],
    };
    let subs = error.sub_errors();
    assert_eq!(subs.len(), 2);
    assert_eq!(subs[0].error().code(), "validation.too_long");
    assert_eq!(subs[0].location(), Some(&Location::Pointer("/name".into())));
    assert_eq!(
        serde_json::to_value(subs[0].error().args()).unwrap(),
        json!({"max": 10})
    );
    assert_eq!(subs[1].error().code(), "validation.required");
    assert_eq!(subs[1].error().status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(subs[1].location(), Some(&Location::Pointer("/size".into())));
    // The errors field is not an arg.
    assert_eq!(args_json(&error), json!({"count": 2}));
    assert!(RequestError::Plain.sub_errors().is_empty());
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum OtherHolders {
    #[error("boxed")]
    Boxed {
        #[terror(errors)]
        errors: Box<[SubError]>,
    },
    #[error("array")]
    Array(#[terror(errors)] [SubError; 1]),
}

#[test]
fn errors_field_can_be_a_boxed_slice_or_an_array() {
    let error = OtherHolders::Boxed {
        errors: vec![SubError::new(FieldError::Required)].into_boxed_slice(),
    };
    assert_eq!(error.sub_errors().len(), 1);
    assert_eq!(error.sub_errors()[0].error().code(), "validation.required");
    let error = OtherHolders::Array([SubError::new(FieldError::TooLong { max: 3 })]);
    assert_eq!(error.sub_errors()[0].error().code(), "validation.too_long");
    assert!(error.args().is_empty());
}

// ---------------------------------------------------------------------------
// Expose and Retry-After
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum Exposure {
    #[error("hidden")]
    Hidden,
    #[error("shown")]
    #[terror(expose)]
    Shown,
    #[error("busy")]
    #[terror(status = 503, retry_after = 30)]
    Busy,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(expose, status = 502)]
enum AllExposed {
    #[error("a")]
    A,
    #[error("b")]
    #[terror(status = 504)]
    B,
}

#[test]
fn expose_on_variant_and_enum() {
    assert!(!Exposure::Hidden.expose());
    assert!(is_redacted(&Exposure::Hidden));
    assert!(Exposure::Shown.expose());
    assert!(!is_redacted(&Exposure::Shown));
    assert!(AllExposed::A.expose());
    assert!(AllExposed::B.expose());
    assert!(!is_redacted(&AllExposed::B));
    assert_eq!(AllExposed::B.status(), StatusCode::GATEWAY_TIMEOUT);
}

#[test]
fn retry_after_in_seconds() {
    assert_eq!(Exposure::Busy.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(Exposure::Hidden.retry_after(), None);
}

// ---------------------------------------------------------------------------
// Descriptions
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum Documented {
    /// The volume does not exist.
    #[error("one")]
    OneLine,
    /// First line.
    ///   Indented second line.
    ///
    /// Another paragraph.
    #[error("many")]
    MultiLine,
    #[error("none")]
    Undocumented,
    #[doc = "Written as an attribute."]
    #[error("attr")]
    DocAttribute,
}

#[test]
fn doc_comments_become_descriptions() {
    assert_eq!(
        Documented::OneLine.description(),
        Some("The volume does not exist.")
    );
    assert_eq!(
        Documented::MultiLine.description(),
        Some("First line.\n  Indented second line.\n\nAnother paragraph.")
    );
    assert_eq!(Documented::Undocumented.description(), None);
    assert_eq!(
        Documented::DocAttribute.description(),
        Some("Written as an attribute.")
    );
}

// ---------------------------------------------------------------------------
// Transparent
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "pool")]
enum PoolError {
    /// The pool is full.
    #[error("pool {pool} full")]
    #[terror(status = 507, expose, retry_after = 5)]
    Full {
        pool: String,
        #[terror(errors)]
        errors: Vec<SubError>,
    },
    #[error("pool busy")]
    #[terror(message = "pool-is-busy")]
    Busy,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "api")]
enum ApiError {
    #[error(transparent)]
    #[terror(transparent)]
    Pool(#[from] PoolError),
    /// Documented at the outer level.
    #[error(transparent)]
    #[terror(transparent)]
    Documented { inner: VolumeError },
    #[error("own")]
    Own,
}

#[test]
fn transparent_delegates_everything() {
    let error = ApiError::Pool(PoolError::Full {
        pool: "fast".into(),
        errors: vec![SubError::new(FieldError::Required).at_pointer("/pool")],
    });
    assert_eq!(error.code(), "pool.full");
    assert_eq!(error.status(), StatusCode::INSUFFICIENT_STORAGE);
    assert_eq!(error.message_id(), "pool-full");
    assert_eq!(args_json(&error), json!({"pool": "fast"}));
    assert!(error.expose());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(error.description(), Some("The pool is full."));
    assert_eq!(error.sub_errors().len(), 1);
    assert_eq!(error.sub_errors()[0].error().code(), "validation.required");
    assert_eq!(error.to_string(), "pool fast full");

    let error = ApiError::Pool(PoolError::Busy);
    assert_eq!(error.code(), "pool.busy");
    assert_eq!(error.message_id(), "pool-is-busy");
    assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!error.expose());
    assert_eq!(error.description(), None);

    assert_eq!(ApiError::Own.code(), "api.own");
}

#[test]
fn transparent_variant_docs_win_over_inner() {
    let error = ApiError::Documented {
        inner: VolumeError::NotFound,
    };
    assert_eq!(error.code(), "volume.not_found");
    assert_eq!(error.description(), Some("Documented at the outer level."));
}

#[test]
fn transparent_from_works_with_question_mark() {
    fn fails() -> Result<(), ApiError> {
        Err(PoolError::Busy)?;
        Ok(())
    }
    let error = fails().unwrap_err();
    assert!(matches!(error, ApiError::Pool(PoolError::Busy)));
    assert_eq!(error.code(), "pool.busy");
}

// ---------------------------------------------------------------------------
// Structs
// ---------------------------------------------------------------------------

/// Too many requests for this account.
#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[error("quota of {limit} exceeded")]
#[terror(code = "quota.exceeded", status = 429, retry_after = 90)]
struct QuotaExceeded {
    limit: u64,
    #[terror(skip)]
    account: String,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[error("payment declined")]
#[terror(prefix = "billing", status = PAYMENT_REQUIRED)]
struct PaymentDeclined;

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[error("no prefix")]
struct NoPrefixAtAll(u8);

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[error(transparent)]
#[terror(transparent)]
struct Wrapper(PoolError);

#[test]
fn struct_with_code_and_status() {
    let error = QuotaExceeded {
        limit: 10,
        account: "acme".into(),
    };
    assert_eq!(error.code(), "quota.exceeded");
    assert_eq!(error.message_id(), "quota-exceeded");
    assert_eq!(error.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(90)));
    assert_eq!(args_json(&error), json!({"limit": 10}));
    assert_eq!(
        error.description(),
        Some("Too many requests for this account.")
    );
}

#[test]
fn struct_with_prefix_derives_code_from_its_name() {
    assert_eq!(PaymentDeclined.code(), "billing.payment_declined");
    assert_eq!(PaymentDeclined.message_id(), "billing-payment-declined");
    assert_eq!(PaymentDeclined.status(), StatusCode::PAYMENT_REQUIRED);
    assert!(PaymentDeclined.args().is_empty());
    assert_eq!(PaymentDeclined.description(), None);

    assert_eq!(NoPrefixAtAll(1).code(), "no_prefix_at_all");
    assert_eq!(args_json(&NoPrefixAtAll(1)), json!({"arg0": 1}));
}

#[test]
fn transparent_struct_delegates() {
    let error = Wrapper(PoolError::Busy);
    assert_eq!(error.code(), "pool.busy");
    assert_eq!(error.message_id(), "pool-is-busy");
}

// ---------------------------------------------------------------------------
// Generics
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "wrapped", status = 400)]
enum Wrapped<T: std::fmt::Debug + std::fmt::Display + serde::Serialize> {
    #[error("item {value}")]
    Item { value: T },
    #[error("nothing")]
    Nothing,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum Around<E: std::error::Error + Terror + 'static> {
    #[error(transparent)]
    #[terror(transparent)]
    Inner(E),
}

#[test]
fn generic_field_goes_through_serde() {
    let error = Wrapped::Item { value: 42_u64 };
    assert_eq!(error.code(), "wrapped.item");
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    assert_eq!(args_json(&error), json!({"value": 42}));

    let error = Wrapped::Item {
        value: String::from("x"),
    };
    assert_eq!(args_json(&error), json!({"value": "x"}));
    assert!(Wrapped::<u8>::Nothing.args().is_empty());
}

#[test]
fn generic_transparent_delegates() {
    let error = Around::Inner(VolumeError::NotFound);
    assert_eq!(error.code(), "volume.not_found");
}

// ---------------------------------------------------------------------------
// Trait objects
// ---------------------------------------------------------------------------

#[test]
fn derived_errors_are_object_safe_terrors() {
    let errors: Vec<Box<dyn Terror + Send + Sync>> = vec![
        Box::new(VolumeError::NotFound),
        Box::new(PaymentDeclined),
        Box::new(Wrapped::Item { value: 1_u8 }),
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    assert_eq!(
        codes,
        [
            "volume.not_found",
            "billing.payment_declined",
            "wrapped.item"
        ]
    );
}
