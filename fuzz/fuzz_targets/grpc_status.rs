//! Fuzzes a client rebuilding an error from a gRPC status that a hostile
//! server sent.
//!
//! The first byte chooses how the status is made. Odd: the rest of the
//! input is its `grpc-status-details-bin` as it came (any protobuf, or
//! none). Even: the rest chooses its details: an `ErrorInfo` whose reason
//! is one of `FuzzGrpcError`'s or any text, whose metadata holds that
//! type's arg keys (or any key) with any text; a `BadRequest` whose
//! violations have any field path and one of `FieldFuzz`'s reasons or any
//! text; and a `LocalizedMessage`. `terror_tonic::decode` rebuilds a
//! `FuzzGrpcError` from it. Checks:
//! - nothing panics;
//! - the error's text, when it fails, is bounded (at most 512 bytes),
//!   however long what the server sent;
//! - a rebuilt sub-error's pointer is empty or starts with `/`, and every
//!   pointer segment is escaped as RFC 6901 says (a `~` only as `~0` or
//!   `~1`).

#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::arbitrary::{Result as ArbitraryResult, Unstructured};
use libfuzzer_sys::fuzz_target;
use terror_core::{Location, SubError, Terror};
use tonic::Code;
use tonic_types::{ErrorDetails, FieldViolation, StatusExt};

/// How a tagged volume is stored: an enum arg, sent as its name or its
/// object.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Tier {
    Fast,
    Archive { days: u32 },
}

/// Args of every kind, sub-errors and a redacted variant.
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "fuzz")]
enum FuzzGrpcError {
    #[error("tagged")]
    #[terror(status = CONFLICT)]
    Tagged {
        name: String,
        tags: Vec<String>,
        label: Option<String>,
        count: Option<u32>,
        ratio: f64,
        pinned: bool,
        tier: Tier,
    },
    #[error("invalid")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    Invalid {
        #[terror(errors(FieldFuzz))]
        errors: Vec<SubError>,
    },
    #[error("down")]
    #[terror(status = SERVICE_UNAVAILABLE)]
    Down { host: String },
}

/// The sub-errors: no args, so that a field violation can bring them back.
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "fuzz.field", status = UNPROCESSABLE_ENTITY)]
enum FieldFuzz {
    #[error("missing")]
    Missing,
    #[error("too long")]
    TooLong,
}

const REASONS: [&str; 3] = ["FUZZ_TAGGED", "FUZZ_INVALID", "FUZZ_DOWN"];
const FIELD_REASONS: [&str; 2] = ["FUZZ_FIELD_MISSING", "FUZZ_FIELD_TOO_LONG"];
const KEYS: [&str; 8] = [
    "name", "tags", "label", "count", "ratio", "pinned", "tier", "host",
];

/// The longest error text any status may produce.
const MAX_ERROR_TEXT: usize = 512;

/// One of `known`, or any text.
fn one_of(u: &mut Unstructured<'_>, known: &[&str]) -> ArbitraryResult<String> {
    let index = u.choose_index(known.len() + 1)?;
    match known.get(index) {
        Some(known) => Ok((*known).to_owned()),
        None => u.arbitrary(),
    }
}

/// Details made of fuzzer-chosen parts.
fn details(u: &mut Unstructured<'_>) -> ArbitraryResult<ErrorDetails> {
    let reason = one_of(u, &REASONS)?;
    let mut metadata = HashMap::new();
    for _ in 0..u.int_in_range(0..=10)? {
        metadata.insert(one_of(u, &KEYS)?, u.arbitrary::<String>()?);
    }
    let mut details = ErrorDetails::with_error_info(reason, u.arbitrary::<String>()?, metadata);
    if u.arbitrary()? {
        let mut violations = Vec::new();
        for _ in 0..u.int_in_range(0..=40)? {
            let mut violation =
                FieldViolation::new(u.arbitrary::<String>()?, u.arbitrary::<String>()?);
            violation.reason = one_of(u, &FIELD_REASONS)?;
            violations.push(violation);
        }
        details.set_bad_request(violations);
    }
    if u.arbitrary()? {
        details.set_localized_message(u.arbitrary::<String>()?, u.arbitrary::<String>()?);
    }
    Ok(details)
}

fn status(data: &[u8]) -> Option<tonic::Status> {
    let (&mode, rest) = data.split_first()?;
    if mode % 2 == 1 {
        return Some(tonic::Status::with_details(
            Code::from(i32::from(mode >> 1)),
            "x",
            rest.to_vec().into(),
        ));
    }
    let details = details(&mut Unstructured::new(rest)).ok()?;
    Some(tonic::Status::with_error_details(
        Code::InvalidArgument,
        "x",
        details,
    ))
}

/// Whether `pointer` is one RFC 6901 allows: empty, or `/`-separated
/// segments in which `~` is only ever `~0` or `~1`.
fn is_pointer(pointer: &str) -> bool {
    if pointer.is_empty() {
        return true;
    }
    pointer.starts_with('/')
        && pointer
            .split('~')
            .skip(1)
            .all(|after| after.starts_with('0') || after.starts_with('1'))
}

fuzz_target!(|data: &[u8]| {
    let Some(status) = status(data) else {
        return;
    };
    match terror_tonic::decode::<FuzzGrpcError>(&status) {
        Ok(FuzzGrpcError::Invalid { errors }) => {
            for sub in &errors {
                if let Some(Location::Pointer(pointer)) = sub.location() {
                    assert!(is_pointer(pointer), "{pointer:?}");
                }
                assert!(sub.downcast_ref::<FieldFuzz>().is_some(), "{sub:?}");
            }
        }
        Ok(_) => {}
        Err(error) => {
            let text = error.to_string();
            assert!(text.len() <= MAX_ERROR_TEXT, "{} bytes: {text}", text.len());
        }
    }
});
