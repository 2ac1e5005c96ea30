//! Behaviour of `#[derive(Terror)]`, as seen through the `Terror` trait:
//! sub-errors, `redact`, `Retry-After`, descriptions, `transparent`,
//! structs and generics.

#![allow(
    missing_docs,
    dead_code,
    clippy::too_many_lines,
    clippy::result_large_err
)]

use std::time::Duration;

use serde_json::json;
use terror_core::{Location, StatusCode, SubError, Terror};

mod support;
use support::args_json;

/// An error other errors wrap (`transparent`) or carry.
#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "volume")]
enum VolumeError {
    #[error("not found")]
    NotFound,
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
// Redaction and Retry-After
// ---------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, terror_core::Terror)]
enum Redaction {
    #[error("hidden")]
    Hidden,
    #[error("said hidden")]
    #[terror(redact = true)]
    SaidHidden,
    #[error("shown")]
    #[terror(redact = false)]
    Shown,
    #[error("busy")]
    #[terror(status = 503, retry_after = 30)]
    Busy,
    #[error("client")]
    #[terror(status = 404)]
    Client,
}

#[derive(Debug, thiserror::Error, terror_core::Terror)]
#[terror(prefix = "none_redacted", redact = false, status = 502)]
enum NoneRedacted {
    #[error("a")]
    A,
    #[error("b")]
    #[terror(status = 504)]
    B,
    #[error("c")]
    #[terror(redact = true)]
    C,
    #[error("d")]
    #[terror(status = 409)]
    D,
}

#[test]
fn redact_on_variant_and_enum() {
    assert!(Redaction::Hidden.is_redacted());
    assert!(Redaction::SaidHidden.is_redacted());
    assert!(!Redaction::Shown.is_redacted());
    assert!(Redaction::Busy.is_redacted());
    assert!(!Redaction::Client.is_redacted());
    assert!(!NoneRedacted::A.is_redacted());
    assert!(!NoneRedacted::B.is_redacted());
    assert_eq!(NoneRedacted::B.status(), StatusCode::GATEWAY_TIMEOUT);
    // A variant's `redact = true` wins over the enum's `redact = false`.
    assert!(NoneRedacted::C.is_redacted());
    assert!(!NoneRedacted::D.is_redacted());
}

#[test]
fn retry_after_in_seconds() {
    assert_eq!(Redaction::Busy.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(Redaction::Hidden.retry_after(), None);
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
    #[terror(status = 507, redact = false, retry_after = 5)]
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
    assert!(!error.is_redacted());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(error.description(), Some("The pool is full."));
    assert_eq!(error.sub_errors().len(), 1);
    assert_eq!(error.sub_errors()[0].error().code(), "validation.required");
    assert_eq!(error.to_string(), "pool fast full");

    let error = ApiError::Pool(PoolError::Busy);
    assert_eq!(error.code(), "pool.busy");
    assert_eq!(error.message_id(), "pool-is-busy");
    assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(error.is_redacted());
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
