//! An error a streaming response yields after its first message: the
//! handler maps it with `Grpc::status_for`, and the trailers tonic writes
//! from that status carry everything the layer would have given it.

use tonic::metadata::MetadataMap;
use tonic_types::StatusExt;

mod support;

use support::{grpc, logged, VolumeError};

fn metadata(pairs: &[(&'static str, &str)]) -> MetadataMap {
    let mut metadata = MetadataMap::new();
    for (name, value) in pairs {
        metadata.append(*name, value.parse().unwrap());
    }
    metadata
}

/// What a client reads from the trailers tonic writes for `status` (its
/// encoder writes them with the same headers as `add_header`).
fn through_trailers(status: &tonic::Status) -> tonic::Status {
    let mut trailers = http::HeaderMap::new();
    status.add_header(&mut trailers).unwrap();
    tonic::Status::from_header_map(&trailers).unwrap()
}

#[test]
fn a_streams_error_is_rendered_for_its_call() {
    let error = VolumeError::NotFound {
        name: "db-02".into(),
    };
    let sent = metadata(&[("accept-language", "ru"), ("x-request-id", "req-5")]);
    let status = through_trailers(&grpc().status_for(&error, &sent));
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "Volume db-02 was not found.");
    let details = status.get_error_details();
    let localized = details.localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("ru", "Том db-02 не найден.")
    );
    let info = details.error_info().unwrap();
    assert_eq!(info.reason, "VOLUME_NOT_FOUND");
    assert_eq!(info.metadata["name"], "db-02");
    assert_eq!(details.request_info().unwrap().request_id, "req-5");
}

#[test]
fn bad_metadata_is_as_if_not_sent() {
    let error = VolumeError::NotFound {
        name: "db-02".into(),
    };
    let grpc = grpc();
    let enormous = "ru,".repeat(10_000);
    let long_id = "x".repeat(10 * 1024);
    let sent = metadata(&[("accept-language", &enormous), ("x-request-id", &long_id)]);
    let first = grpc.status_for(&error, &sent).get_error_details();
    let second = grpc.status_for(&error, &sent).get_error_details();
    assert_eq!(first.localized_message().unwrap().locale, "en-US");
    let (a, b) = (
        &first.request_info().unwrap().request_id,
        &second.request_info().unwrap().request_id,
    );
    assert_eq!((a.len(), b.len()), (16, 16));
    assert_ne!(a, b, "each call gets an id of its own");
}

#[test]
fn a_streams_server_error_is_logged_once_and_shows_nothing_internal() {
    let (status, logged) = logged(|| {
        let source = std::io::Error::other("controller at 10.1.1.1 timed out");
        let error = VolumeError::SnapshotsUnavailable { source };
        grpc().status_for(&error, &metadata(&[("x-request-id", "req-503")]))
    });
    let errors: Vec<&str> = logged.lines().filter(|l| l.contains(" ERROR ")).collect();
    assert_eq!(errors.len(), 1, "{logged}");
    for part in [
        r#"request_id="req-503""#,
        r#"code="volume.snapshots_unavailable""#,
        "controller at 10.1.1.1 timed out",
    ] {
        assert!(errors[0].contains(part), "{part} in {logged}");
    }
    let status = through_trailers(&status);
    assert_eq!(status.code(), tonic::Code::Unavailable);
    let details = status.get_error_details();
    assert_eq!(
        details.retry_info().unwrap().retry_delay,
        Some(std::time::Duration::from_secs(30))
    );
    assert!(!format!("{status:?}").contains("10.1.1.1"));
}
