//! Turning an error into its `tonic::Status` with AIP-193's details, beside
//! a hand-written baseline that builds the same status with the same
//! details (`tonic_types::ErrorDetails`: ErrorInfo, LocalizedMessage,
//! Help, RequestInfo), in English, in paired rounds (see
//! `support/paired.rs`). A client's side too: the status back into a
//! `VolumeError`, by `terror_tonic::decode` and by a hand-written match
//! on the reason that reads the one metadata entry.
//!
//! Run with: `cargo bench -p storage-api --bench grpc_status`
//! (`GRPC_ROUNDS`, 41 unless set, and `GRPC_ROUND_MS`, 5 unless set).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use storage_api::errors::VolumeError;
use terror_tonic::Grpc;
use tonic::Code;
use tonic_types::{ErrorDetails, StatusExt};

#[path = "support/paired.rs"]
mod paired;
#[path = "support/stats.rs"]
mod stats;

use paired::{batched, Case};
use stats::env_number;

/// What a service writes by hand for a missing volume: the same details
/// terror-tonic gives, in English.
fn baseline(name: &str, request_id: &str) -> tonic::Status {
    let detail = format!("Volume {name} was not found.");
    let mut details = ErrorDetails::with_error_info(
        "VOLUME_NOT_FOUND",
        "storage.example.com",
        [("name".to_owned(), name.to_owned())],
    );
    details.set_localized_message("en-US", detail.clone());
    details.add_help_link(
        "Volume not found",
        "http://127.0.0.1:3000/errors/volume.not_found",
    );
    details.set_request_info(request_id, "");
    tonic::Status::with_error_details(Code::NotFound, detail, details)
}

/// What a client writes by hand to read that status back.
fn baseline_decode(status: &tonic::Status) -> Option<VolumeError> {
    let details = status.get_error_details();
    let info = details.error_info()?;
    match info.reason.as_str() {
        "VOLUME_NOT_FOUND" => Some(VolumeError::NotFound {
            name: info.metadata.get("name")?.clone(),
        }),
        _ => None,
    }
}

fn main() {
    let localizer = Arc::new(storage_api::localizer().unwrap());
    let grpc =
        Grpc::new(Arc::clone(&localizer), "storage.example.com").page_base("http://127.0.0.1:3000");
    let chain = localizer.negotiate(None, Some("en-US,en;q=0.9"));
    let terror = |name: &str| {
        let error = VolumeError::NotFound { name: name.into() };
        grpc.status(&error, &chain, Some("7f3c9a0012ab34cd"))
    };

    // Both sides make the same status.
    let (ours, theirs) = (terror("db-02"), baseline("db-02", "7f3c9a0012ab34cd"));
    assert_eq!(
        (ours.code(), ours.message()),
        (theirs.code(), theirs.message())
    );
    assert_eq!(
        format!("{:?}", ours.get_error_details()),
        format!("{:?}", theirs.get_error_details())
    );

    let sent = terror("db-02");
    let back = terror_tonic::decode::<VolumeError>(&sent).unwrap();
    assert_eq!(
        format!("{back:?}"),
        format!("{:?}", baseline_decode(&sent).unwrap())
    );

    let rounds = env_number("GRPC_ROUNDS", 41).max(1);
    let round = Duration::from_millis(env_number("GRPC_ROUND_MS", 5).max(1));
    let mut cases: Vec<Case<'_>> = vec![
        batched("baseline_error_details_en", || {
            baseline(black_box("db-02"), black_box("7f3c9a0012ab34cd"))
                .details()
                .len()
        }),
        batched("terror_tonic_status_en", || {
            terror(black_box("db-02")).details().len()
        }),
        batched("baseline_decode_en", || {
            usize::from(baseline_decode(black_box(&sent)).is_some())
        }),
        batched("terror_tonic_decode_en", || {
            usize::from(terror_tonic::decode::<VolumeError>(black_box(&sent)).is_ok())
        }),
    ];
    paired::run(&mut cases, rounds, round);
}
