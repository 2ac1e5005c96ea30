//! The storage API over gRPC, through a real tonic channel on loopback:
//! every error is a rich status in the client's language, and a Rust
//! client decodes it back into the server's enum.

use std::sync::Arc;
use std::time::Duration;

use storage_api::errors::VolumeError;
use storage_api::grpc::v1::storage_client::StorageClient;
use storage_api::grpc::v1::{CreateSnapshotRequest, DeleteVolumeRequest, GetVolumeRequest};
use tonic::transport::{Channel, Server};
use tonic_types::StatusExt;

/// Starts the gRPC API on a free loopback port and connects to it.
async fn client() -> StorageClient<Channel> {
    let localizer = Arc::new(storage_api::localizer().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = Server::builder()
        .layer(storage_api::grpc::layer(localizer, "http://127.0.0.1:3000"))
        .add_service(storage_api::grpc::service(storage_api::seeded_store()))
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
    tokio::spawn(server);
    let channel = Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect_timeout(Duration::from_secs(5))
        .connect()
        .await
        .unwrap();
    StorageClient::new(channel)
}

fn in_russian<T>(message: T) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    let metadata = request.metadata_mut();
    metadata.insert("accept-language", "ru".parse().unwrap());
    metadata.insert("x-request-id", "req-grpc".parse().unwrap());
    request
}

#[tokio::test]
async fn a_missing_volume_is_a_localized_not_found() {
    let mut client = client().await;
    let request = in_russian(GetVolumeRequest {
        name: "db-02".into(),
    });
    let status = client.get_volume(request).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "Volume db-02 was not found.");
    assert_eq!(status.metadata().get("x-request-id").unwrap(), "req-grpc");
    let details = status.get_error_details();
    let info = details.error_info().unwrap();
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        ("VOLUME_NOT_FOUND", "storage.example.com")
    );
    assert_eq!(info.metadata["name"], "db-02");
    let localized = details.localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("ru", "Том db-02 не найден.")
    );
    assert_eq!(
        details.help().unwrap().links[0].url,
        "http://127.0.0.1:3000/errors/volume.not_found"
    );
    assert_eq!(details.request_info().unwrap().request_id, "req-grpc");
    assert_eq!(
        terror_tonic::decode::<VolumeError>(&status).unwrap(),
        VolumeError::NotFound {
            name: "db-02".into()
        }
    );
}

#[tokio::test]
async fn a_volume_in_use_and_an_unavailable_backend() {
    let mut client = client().await;
    let status = client
        .delete_volume(in_russian(DeleteVolumeRequest {
            name: "db-01".into(),
        }))
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::Aborted);
    assert_eq!(
        status.get_error_details().error_info().unwrap().reason,
        "VOLUME_IN_USE"
    );

    let status = client
        .create_snapshot(in_russian(CreateSnapshotRequest {
            volume: "logs".into(),
        }))
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unavailable);
    let details = status.get_error_details();
    assert!(details.retry_info().unwrap().retry_delay.is_some());
    assert!(details.error_info().unwrap().metadata.is_empty());
    let everything = format!("{status:?} {details:?}");
    assert!(!everything.contains("10.20.0.7"), "{everything}");
    assert!(!everything.contains("refused"), "{everything}");
}

/// Both APIs on one port, as `cargo run -p storage-api` serves them: a
/// gRPC call and an HTTP request to the same address.
#[tokio::test]
async fn grpc_and_http_share_the_port() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let localizer = Arc::new(storage_api::localizer().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let both = storage_api::both::both(localizer, &format!("http://{addr}"));
    tokio::spawn(async move { axum::serve(listener, tower::make::Shared::new(both)).await });

    let channel = Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let status = StorageClient::new(channel)
        .get_volume(in_russian(GetVolumeRequest {
            name: "db-02".into(),
        }))
        .await
        .unwrap_err();
    let details = status.get_error_details();
    assert_eq!(
        details.localized_message().unwrap().message,
        "Том db-02 не найден."
    );
    assert_eq!(
        details.help().unwrap().links[0].url,
        format!("http://{addr}/errors/volume.not_found")
    );

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /volumes/db-02 HTTP/1.1\r\nhost: x\r\naccept-language: ru\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 404"), "{response}");
    assert!(response.contains("Том db-02 не найден."), "{response}");
}

#[tokio::test]
async fn a_bad_create_lists_every_broken_field() {
    use storage_api::grpc::v1::CreateVolumeRequest;

    let mut client = client().await;
    let request = in_russian(CreateVolumeRequest {
        name: Some("Bad Name".into()),
        pool: None,
        size_gb: Some(0),
    });
    let status = client.create_volume(request).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    let details = status.get_error_details();
    assert_eq!(details.error_info().unwrap().reason, "VOLUME_INVALID");
    let violations: Vec<(&str, &str)> = details
        .bad_request()
        .unwrap()
        .field_violations
        .iter()
        .map(|v| (v.field.as_str(), v.reason.as_str()))
        .collect();
    assert_eq!(
        violations,
        [
            ("name", "VALIDATION_INVALID_CHARS"),
            ("pool", "VALIDATION_REQUIRED"),
            ("size_gb", "VALIDATION_OUT_OF_RANGE"),
        ]
    );
    let first = &details.bad_request().unwrap().field_violations[0];
    assert_eq!(first.localized_message.as_ref().unwrap().locale, "ru");
}
