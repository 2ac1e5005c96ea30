//! The gRPC code `#[derive(Terror)]` gives each error: the variant's own
//! `grpc = ...`, else its enum's, else the code its HTTP status maps to,
//! and an inner error's through `transparent`; and what the catalog
//! records of it.

#![allow(missing_docs)]

use serde_json::json;
use terror_core::catalog::Catalog;
use terror_core::{GrpcCode, Localizer, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", status = 409, grpc = FAILED_PRECONDITION)]
enum VolumeError {
    #[error("volume is attached")]
    Attached,
    #[error("volume exists")]
    #[terror(grpc = ALREADY_EXISTS)]
    Exists { name: String },
    #[error("volume is busy")]
    #[terror(status = 503, grpc = GrpcCode::UNAVAILABLE)]
    Busy,
}

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "pool")]
enum PoolError {
    #[error("no pool")]
    #[terror(status = 404)]
    Missing,
    #[error("pool conflict")]
    #[terror(status = 409)]
    Conflict,
    #[error("pool full")]
    #[terror(status = 429)]
    Full,
    #[error("pool down")]
    Down,
}

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "api", status = 400, grpc = OUT_OF_RANGE)]
enum ApiError {
    #[error(transparent)]
    #[terror(transparent)]
    Volume(VolumeError),
    #[error(transparent)]
    #[terror(transparent)]
    Pool(PoolError),
    #[error("page out of range")]
    Page,
    #[error("bad request")]
    #[terror(grpc = INVALID_ARGUMENT)]
    Bad,
}

#[derive(Debug, thiserror::Error, Terror)]
#[error("quota exceeded")]
#[terror(code = "quota.exceeded", status = 403, grpc = RESOURCE_EXHAUSTED)]
struct QuotaExceeded {
    requested_gb: u64,
}

#[test]
fn a_variant_without_its_own_code_takes_the_enums() {
    assert_eq!(VolumeError::Attached.status().as_u16(), 409);
    assert_eq!(
        VolumeError::Attached.grpc_code(),
        GrpcCode::FAILED_PRECONDITION
    );
}

#[test]
fn a_variants_own_code_wins_over_the_enums() {
    let exists = VolumeError::Exists { name: "db".into() };
    assert_eq!(exists.grpc_code(), GrpcCode::ALREADY_EXISTS);
    assert_eq!(VolumeError::Busy.grpc_code(), GrpcCode::UNAVAILABLE);
    assert_eq!(ApiError::Bad.grpc_code(), GrpcCode::INVALID_ARGUMENT);
    assert_eq!(ApiError::Page.grpc_code(), GrpcCode::OUT_OF_RANGE);
}

#[test]
fn without_a_chosen_code_the_status_maps_to_one() {
    assert_eq!(PoolError::Missing.grpc_code(), GrpcCode::NOT_FOUND);
    assert_eq!(PoolError::Conflict.grpc_code(), GrpcCode::ABORTED);
    assert_eq!(PoolError::Full.grpc_code(), GrpcCode::RESOURCE_EXHAUSTED);
    // No status at all is a 500.
    assert_eq!(PoolError::Down.grpc_code(), GrpcCode::INTERNAL);
    assert_eq!(PoolError::Down.grpc_code().name(), "INTERNAL");
}

#[test]
fn a_transparent_variant_has_its_inner_errors_code_not_its_enums() {
    let api = ApiError::Volume(VolumeError::Exists { name: "db".into() });
    assert_eq!(api.grpc_code(), GrpcCode::ALREADY_EXISTS);
    let api = ApiError::Volume(VolumeError::Attached);
    assert_eq!(api.grpc_code(), GrpcCode::FAILED_PRECONDITION);
    let api = ApiError::Pool(PoolError::Missing);
    assert_eq!(api.grpc_code(), GrpcCode::NOT_FOUND);
}

#[test]
fn a_struct_chooses_its_code_as_a_variant_does() {
    let quota = QuotaExceeded { requested_gb: 12 };
    assert_eq!(quota.grpc_code(), GrpcCode::RESOURCE_EXHAUSTED);
    assert_eq!(quota.grpc_code().value(), 8);
}

#[test]
fn the_catalog_records_each_codes_grpc_code_reason_and_metadata_keys() {
    let catalog = Catalog::collect();
    let exists = catalog.get("volume.exists").unwrap();
    assert_eq!(exists.grpc_code(), GrpcCode::ALREADY_EXISTS);
    assert_eq!(exists.grpc_reason(), "VOLUME_EXISTS");
    let attached = catalog.get("volume.attached").unwrap();
    assert_eq!(attached.grpc_code(), GrpcCode::FAILED_PRECONDITION);
    let missing = catalog.get("pool.missing").unwrap();
    assert_eq!(missing.grpc_code(), GrpcCode::NOT_FOUND);

    let localizer = Localizer::builder().build().unwrap();
    let json = catalog.to_json(&localizer, None);
    let quota = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "quota.exceeded")
        .unwrap();
    assert_eq!(quota["grpc_code"], "RESOURCE_EXHAUSTED");
    assert_eq!(quota["grpc_reason"], "QUOTA_EXCEEDED");
    assert_eq!(
        quota["args"],
        json!([{ "name": "requested_gb", "type": "u64", "optional": false, "metadata_key": "requestedGb" }])
    );
}
