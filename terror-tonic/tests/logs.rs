//! A server error is logged once, with the request id and its whole source
//! chain, as over HTTP; the client sees none of it.

use std::convert::Infallible;
use std::io::Write;
use std::sync::{Arc, Mutex};

use http::{Request, Response};
use terror_core::{Localizer, Terror};
use terror_tonic::{into_status, Grpc, GrpcLayer};
use tower::{Layer as _, ServiceExt as _};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "tests/locales")]
enum VolumeError {
    #[error("snapshots down")]
    #[terror(status = SERVICE_UNAVAILABLE, retry_after = 30)]
    SnapshotsUnavailable {
        #[source]
        source: std::io::Error,
    },
}

#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_server_error_is_logged_once_with_its_request_id_and_sources() {
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let response = tracing::subscriber::with_default(subscriber, || {
        let localizer = Localizer::builder()
            .default_locale("en-US")
            .embedded(terror_core::embed_locales!("tests/locales"))
            .build()
            .unwrap();
        let layer = GrpcLayer::new(Grpc::new(Arc::new(localizer), "storage.example.com"));
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
    let logged = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    let errors: Vec<&str> = logged.lines().filter(|l| l.contains(" ERROR ")).collect();
    assert_eq!(errors.len(), 1, "{logged}");
    for part in [
        r#"request_id="req-503""#,
        r#"path="/storage.v1.Storage/CreateSnapshot""#,
        r#"code="volume.snapshots_unavailable""#,
        "controller at 10.1.1.1 timed out",
    ] {
        assert!(errors[0].contains(part), "{part} in {logged}");
    }
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    assert_eq!(status.code(), tonic::Code::Unavailable);
    assert!(!format!("{status:?}").contains("10.1.1.1"));
}
