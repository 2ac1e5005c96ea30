//! The error catalog of the storage API: complete in every locale, and
//! exported for documentation.

use terror_core::catalog::Catalog;

#[test]
fn every_code_has_every_message_in_every_locale() {
    terror_core::catalog::assert_complete(&storage_api::localizer().unwrap());
}

#[test]
fn the_catalog_lists_every_error_of_the_api() {
    let catalog = Catalog::collect();
    let codes: Vec<&str> = catalog.entries().iter().map(|e| e.code()).collect();
    // The API's own errors, and the framework's request errors (HTTP) and
    // call errors (gRPC), which every terror service can answer with.
    assert_eq!(
        codes,
        [
            "pool.capacity_exceeded",
            "pool.not_found",
            "request.body_too_large",
            "request.duplicate_field",
            "request.invalid_body",
            "request.invalid_parameter",
            "request.invalid_parameters",
            "request.invalid_value",
            "request.malformed_json",
            "request.method_not_allowed",
            "request.missing_content_type",
            "request.missing_field",
            "request.missing_parameter",
            "request.not_found",
            "request.out_of_range",
            "request.unknown_field",
            "request.unknown_parameter",
            "request.unknown_variant",
            "request.unreadable_body",
            "request.unsupported_media_type",
            "request.wrong_type",
            "rpc.deadline_exceeded",
            "rpc.invalid_message",
            "rpc.message_too_large",
            "rpc.panicked",
            "rpc.unimplemented",
            "snapshot.not_found",
            "storage.backend_unavailable",
            "validation.invalid_chars",
            "validation.out_of_range",
            "validation.required",
            "validation.too_long",
            "volume.already_exists",
            "volume.in_use",
            "volume.invalid",
            "volume.not_found",
            "volume.shrink_not_allowed",
        ]
    );
    let in_use = catalog.get("volume.in_use").unwrap();
    assert_eq!(in_use.status(), 409);
    assert_eq!(
        in_use.rust_path(),
        "storage_api::errors::VolumeError::InUse"
    );
    let args: Vec<(&str, &str)> = in_use
        .args()
        .iter()
        .map(|a| (a.name(), a.rust_type()))
        .collect();
    assert_eq!(args, [("name", "String"), ("hosts", "u32")]);
    assert_eq!(
        in_use.description(),
        Some("The volume is attached to hosts, so it cannot be deleted.")
    );
    let backend = catalog.get("storage.backend_unavailable").unwrap();
    assert!(backend.redacted());
    assert_eq!(backend.retry_after(), Some(30));
}

#[test]
fn catalog_exports() {
    let localizer = storage_api::localizer().unwrap();
    let catalog = Catalog::collect();
    insta::assert_snapshot!("catalog_markdown", catalog.to_markdown(&localizer));
    insta::assert_json_snapshot!("catalog_json", catalog.to_json(&localizer, None));
}
