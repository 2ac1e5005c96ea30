//! A server error is logged once, with the request id and its whole source
//! chain, as over HTTP; the client sees none of it.

use std::convert::Infallible;

use http::{Request, Response};
use terror_tonic::{into_status, GrpcLayer};
use tower::{Layer as _, ServiceExt as _};

mod support;

use support::{grpc, logged, VolumeError};

#[test]
fn a_server_error_is_logged_once_with_its_request_id_and_sources() {
    let (response, logged) = logged(|| {
        let layer = GrpcLayer::new(grpc());
        let service = layer.layer(tower::service_fn(|_: Request<()>| async {
            let source = std::io::Error::other("controller at 10.1.1.1 timed out");
            let error = VolumeError::SnapshotsUnavailable { source };
            Ok::<Response<()>, Infallible>(into_status(error).into_http())
        }));
        let request = Request::post("/storage.v1.Storage/CreateSnapshot")
            .header("x-request-id", "req-503")
            .body(())
            .unwrap();
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(service.oneshot(request))
            .unwrap()
    });
    let errors: Vec<&str> = logged.lines().filter(|l| l.contains(" ERROR ")).collect();
    assert_eq!(errors.len(), 1, "{logged}");
    for part in [
        r#"request_id="req-503""#,
        r#"instance="/storage.v1.Storage/CreateSnapshot""#,
        r#"grpc_code="UNAVAILABLE""#,
        r#"code="volume.snapshots_unavailable""#,
        "controller at 10.1.1.1 timed out",
    ] {
        assert!(errors[0].contains(part), "{part} in {logged}");
    }
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    assert_eq!(status.code(), tonic::Code::Unavailable);
    assert!(!format!("{status:?}").contains("10.1.1.1"));
}
