//! Every error of storage-api, with any values, in every locale, through a
//! real tonic channel on loopback and back into the enum it was: what a
//! Rust client of the gRPC API gets is what the server returned.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use storage_api::errors::{PoolError, SnapshotError, ValidationError, VolumeError};
use storage_api::grpc::v1::storage_server::{Storage, StorageServer};
use storage_api::grpc::v1::{self, storage_client::StorageClient};
use terror_core::client::{DecodeError, FromProblem};
use terror_core::Terror;
use terror_tonic::StatusDecodeError;
use tonic::transport::{Channel, Server};
use tonic::{Request, Response, Status};

/// A `Storage` whose `GetVolume` fails with whatever error the test put in
/// `next`; the other methods are never called.
#[derive(Clone, Default)]
struct Raiser {
    next: Arc<Mutex<Option<Box<dyn Terror + Send + Sync>>>>,
}

#[tonic::async_trait]
impl Storage for Raiser {
    async fn get_volume(
        &self,
        _: Request<v1::GetVolumeRequest>,
    ) -> Result<Response<v1::Volume>, Status> {
        let error = self.next.lock().unwrap().take().expect("an error to raise");
        Err(terror_tonic::into_status_boxed(error))
    }
    async fn create_volume(
        &self,
        _: Request<v1::CreateVolumeRequest>,
    ) -> Result<Response<v1::Volume>, Status> {
        Err(Status::unimplemented("not in this test"))
    }
    async fn delete_volume(
        &self,
        _: Request<v1::DeleteVolumeRequest>,
    ) -> Result<Response<v1::DeleteVolumeResponse>, Status> {
        Err(Status::unimplemented("not in this test"))
    }
    async fn create_snapshot(
        &self,
        _: Request<v1::CreateSnapshotRequest>,
    ) -> Result<Response<v1::Snapshot>, Status> {
        Err(Status::unimplemented("not in this test"))
    }
}

/// A server raising the errors a test gives, and a client connected to it.
struct Loopback {
    runtime: tokio::runtime::Runtime,
    raiser: Raiser,
    client: StorageClient<Channel>,
}

impl Loopback {
    fn start() -> Loopback {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let raiser = Raiser::default();
        let client = runtime.block_on(async {
            let localizer = Arc::new(storage_api::localizer().unwrap());
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let server = Server::builder()
                .layer(storage_api::grpc::layer(localizer, "http://127.0.0.1:3000"))
                .add_service(StorageServer::new(raiser.clone()))
                .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
            tokio::spawn(server);
            let channel = Channel::from_shared(format!("http://{addr}"))
                .unwrap()
                .connect()
                .await
                .unwrap();
            StorageClient::new(channel)
        });
        Loopback {
            runtime,
            raiser,
            client,
        }
    }

    /// The status a client gets when the server fails with `error`, asking
    /// for `language`.
    fn status_of(&mut self, error: Box<dyn Terror + Send + Sync>, language: &str) -> Status {
        *self.raiser.next.lock().unwrap() = Some(error);
        let mut request = Request::new(v1::GetVolumeRequest { name: "x".into() });
        request
            .metadata_mut()
            .insert("accept-language", language.parse().unwrap());
        let client = &mut self.client;
        self.runtime
            .block_on(client.get_volume(request))
            .unwrap_err()
    }
}

fn text() -> impl Strategy<Value = String> {
    // Any text, of any script, including what looks like JSON or numbers.
    prop_oneof![
        "[a-z0-9-]{1,20}",
        "\\PC{0,30}",
        "[0-9]{1,5}",
        "true|null|\\[1\\]"
    ]
}

/// The values an error is made of; each test makes its error from them
/// twice (once to send, once to compare), since the errors are not
/// `Clone`.
#[derive(Debug, Clone)]
struct Values {
    kind: u8,
    text: String,
    big: (u64, u64),
    small: (u32, u32),
    signed: (i64, i64),
}

fn values() -> impl Strategy<Value = Values> {
    (
        0_u8..4,
        text(),
        (any::<u64>(), any::<u64>()),
        (any::<u32>(), any::<u32>()),
        (any::<i64>(), any::<i64>()),
    )
        .prop_map(|(kind, text, big, small, signed)| Values {
            kind,
            text,
            big,
            small,
            signed,
        })
}

fn volume_error(v: &Values) -> VolumeError {
    let name = v.text.clone();
    match v.kind {
        0 => VolumeError::NotFound { name },
        1 => VolumeError::AlreadyExists { name },
        2 => VolumeError::InUse {
            name,
            hosts: v.small.0,
        },
        _ => VolumeError::ShrinkNotAllowed {
            name,
            current_gb: v.big.0,
            requested_gb: v.big.1,
        },
    }
}

fn pool_error(v: &Values) -> PoolError {
    let pool = v.text.clone();
    if v.kind.is_multiple_of(2) {
        PoolError::NotFound { pool }
    } else {
        PoolError::CapacityExceeded {
            pool,
            requested_gb: v.big.0,
            available_gb: v.big.1,
        }
    }
}

fn validation_error(v: &Values) -> ValidationError {
    match v.kind {
        0 => ValidationError::Required,
        1 => ValidationError::TooLong { max: v.small.0 },
        2 => ValidationError::InvalidChars {
            allowed: Cow::Owned(v.text.clone()),
        },
        _ => ValidationError::OutOfRange {
            min: v.signed.0,
            max: v.signed.1,
        },
    }
}

fn snapshot_error(v: &Values) -> SnapshotError {
    SnapshotError::NotFound {
        volume: v.text.clone(),
        number: v.small.0,
        count: v.small.1,
    }
}

const LANGUAGES: [&str; 3] = ["en-US", "ru", "de"];

/// Sends `error` in every language and decodes each status as `E`.
fn round_trip<E>(loopback: &mut Loopback, error: &E, make: impl Fn() -> E)
where
    E: Terror + FromProblem + PartialEq + std::fmt::Debug + Send + Sync + 'static,
{
    for language in LANGUAGES {
        let status = loopback.status_of(Box::new(make()), language);
        match terror_tonic::decode::<E>(&status) {
            Ok(decoded) => assert_eq!(&decoded, error, "in {language}"),
            Err(failure) => panic!("{error:?} in {language}: {failure}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_error_comes_back_as_it_was(v in values()) {
        thread_local! {
            static LOOPBACK: std::cell::RefCell<Option<Loopback>> =
                const { std::cell::RefCell::new(None) };
        }
        LOOPBACK.with(|cell| {
            let mut cell = cell.borrow_mut();
            let loopback = cell.get_or_insert_with(Loopback::start);
            round_trip(loopback, &volume_error(&v), || volume_error(&v));
            round_trip(loopback, &pool_error(&v), || pool_error(&v));
            round_trip(loopback, &validation_error(&v), || validation_error(&v));
            round_trip(loopback, &snapshot_error(&v), || snapshot_error(&v));
        });
    }
}

/// A redacted error sends no args, and its source never leaves the
/// server: decoding says what cannot come back, as it does over HTTP.
#[test]
fn a_redacted_error_with_a_source_cannot_come_back_whole() {
    use storage_api::errors::{BackendError, StorageError};

    let mut loopback = Loopback::start();
    for language in LANGUAGES {
        let error = StorageError::BackendUnavailable {
            pool: "fast".into(),
            source: BackendError {
                address: "10.20.0.7:7400".into(),
                user: "svc-backup".into(),
            },
        };
        let status = loopback.status_of(Box::new(error), language);
        assert_eq!(status.code(), tonic::Code::Unavailable);
        let decoded = terror_tonic::decode::<StorageError>(&status);
        assert!(
            matches!(
                decoded,
                Err(StatusDecodeError::Decode(DecodeError::NotRebuildable {
                    field: "source",
                    ..
                }))
            ),
            "{decoded:?}"
        );
        let details = tonic_types::StatusExt::get_error_details(&status);
        assert!(details.error_info().unwrap().metadata.is_empty());
    }
}

/// A status larger than clients take in trailers (a hundred long
/// sub-errors, an arg of 50,000 bytes) is cut to fit: through a real
/// channel the client gets the error, not an HTTP/2 protocol error.
#[test]
fn a_status_too_large_for_the_trailers_still_reaches_the_client() {
    use tonic_types::StatusExt;

    let mut loopback = Loopback::start();
    let errors = (0..100)
        .map(|i| {
            terror_core::SubError::new(ValidationError::InvalidChars {
                allowed: Cow::Owned("x".repeat(200)),
            })
            .at_pointer(format!("/disks/{i}/name"))
        })
        .collect();
    let status = loopback.status_of(Box::new(VolumeError::Invalid { errors }), "ru");
    assert_eq!(status.code(), tonic::Code::InvalidArgument, "{status:?}");
    let details = status.get_error_details();
    let violations = &details.bad_request().unwrap().field_violations;
    assert!((1..100).contains(&violations.len()), "{}", violations.len());
    assert_eq!(violations[0].field, "disks[0].name");

    let name = "x".repeat(50_000);
    let status = loopback.status_of(Box::new(VolumeError::NotFound { name }), "de");
    assert_eq!(status.code(), tonic::Code::NotFound, "{status:?}");
    let details = status.get_error_details();
    assert_eq!(details.error_info().unwrap().reason, "VOLUME_NOT_FOUND");
    assert!(details.localized_message().unwrap().message.ends_with('…'));
}
